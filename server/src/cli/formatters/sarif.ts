/**
 * `--format sarif`: one SARIF 2.1.0 run, for code-scanning UIs (GitHub's
 * `upload-sarif`). Every code of the contract is listed as a rule with its description,
 * default level and documentation link; locations are relative to `%SRCROOT%`, the
 * current folder; columns are 1-based UTF-16 code units (SARIF's default `columnKind`).
 * Paths that could not be checked are tool execution notifications.
 */
import { pathToFileURL } from 'node:url';
import { version } from '../../../../package.json';
import type { Severity } from '../../core/conventions/types';
import { PROJECT_URL } from '../../core/rules/docsUrl';
import type { Report } from '../report';
import { ruleMetadata } from '../ruleMetadata';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SRCROOT = '%SRCROOT%';

/** A relative path as a URI reference: each segment percent-encoded. */
export function uriReference(path: string): string {
  return path.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** An LSP range as a SARIF region: 1-based lines and columns (UTF-16 code units). */
const region = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

const pascal = (code: string) => code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const plainText = (s: string) => s.replace(/`/g, '');

export function formatSarif(report: Report): string {
  const rules = ruleMetadata();
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const artifactIndex = new Map(report.files.map((f, i) => [f.path, i]));
  const location = (path: string) => ({ uri: uriReference(path), uriBaseId: SRCROOT, ...(artifactIndex.has(path) ? { index: artifactIndex.get(path) } : {}) });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Briefmark',
            version,
            semanticVersion: version,
            informationUri: PROJECT_URL,
            rules: rules.map((r) => ({
              id: r.code,
              name: pascal(r.code),
              shortDescription: { text: plainText(r.description), markdown: r.description },
              helpUri: r.helpUri,
              help: { text: `${plainText(r.description)} See ${r.helpUri}`, markdown: `${r.description} [Documentation](${r.helpUri})` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { severity: r.defaultSeverity },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            toolExecutionNotifications: report.problems.map((p) => ({
              level: 'error',
              message: { text: `${p.path}: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: location(p.path) } }],
            })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd).href.replace(/\/?$/, '/') } },
        artifacts: report.files.map((f) => ({ location: { uri: uriReference(f.path), uriBaseId: SRCROOT }, mimeType: 'text/markdown' })),
        results: report.files.flatMap((f) =>
          f.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: location(f.path),
                  region: region(d.range),
                },
              },
            ],
            ...(d.related?.length
              ? {
                  relatedLocations: d.related.map((r, id) => ({
                    id,
                    message: { text: r.message },
                    physicalLocation: r.path
                      ? { artifactLocation: location(r.path) }
                      : {
                          artifactLocation: location(f.path),
                          region: region(r.range),
                        },
                  })),
                }
              : {}),
            properties: { severity: d.severity },
          })),
        ),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
