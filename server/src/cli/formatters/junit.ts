/**
 * `--format junit`: JUnit XML as CI systems render it (Jenkins, GitLab's test reports,
 * Azure Pipelines, CircleCI): one `<testsuite>` per checked file, one `<testcase>` per
 * finding with a `<failure>` (errors and warnings) — or, for info and hints, a passing
 * test case with the finding in `<system-out>` — and one passing test case for a file
 * with no findings, so that every file shows. A path that could not be checked is a test
 * case with an `<error>`. Follows the Ant/Jenkins JUnit schema (junit-4.xsd).
 */
import type { Report } from '../report';

const xml = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function formatJunit(report: Report): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  report.files.forEach((f, i) => {
    const cases: string[] = [];
    let fileFailures = 0;
    for (const d of f.diagnostics) {
      const where = `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const name = xml(`${d.code} at ${where}`);
      const text = xml(`${where} ${d.severity} ${d.code}\n${d.message}`);
      if (d.severity === 'error' || d.severity === 'warning') {
        fileFailures++;
        cases.push(`    <testcase name="${name}" classname="${xml(f.path)}" time="0">\n      <failure message="${xml(d.message)}" type="${xml(`${d.severity} ${d.code}`)}">${text}</failure>\n    </testcase>`);
      } else cases.push(`    <testcase name="${name}" classname="${xml(f.path)}" time="0">\n      <system-out>${text}</system-out>\n    </testcase>`);
    }
    if (cases.length === 0) cases.push(`    <testcase name="no findings" classname="${xml(f.path)}" time="0"/>`);
    tests += cases.length;
    failures += fileFailures;
    suites.push(`  <testsuite name="${xml(f.path)}" id="${i}" package="briefmark" tests="${cases.length}" failures="${fileFailures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  });
  if (report.problems.length) {
    const cases = report.problems.map((p) => `    <testcase name="${xml(p.path)}" classname="${xml(p.path)}" time="0">\n      <error message="${xml(p.message)}" type="could not be checked">${xml(`${p.path}: ${p.message}`)}</error>\n    </testcase>`);
    tests += cases.length;
    errors += cases.length;
    suites.push(`  <testsuite name="paths that could not be checked" id="${report.files.length}" package="briefmark" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="briefmark" tests="${tests}" failures="${failures}" errors="${errors}" time="0">`, ...suites, '</testsuites>', ''].join('\n');
}
