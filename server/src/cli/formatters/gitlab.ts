/**
 * `--format gitlab`: a GitLab Code Quality report (a JSON array of issues; GitLab shows
 * them in the merge request's widget and diff). Each issue has `description`,
 * `check_name` (the code), `fingerprint` (unique in the report: the finding's baseline
 * fingerprint with its occurrence, so GitLab tells new findings from old ones across
 * pipelines), `severity` (`info`, `minor`, `major`, `critical`, `blocker`) and
 * `location.path` with `location.lines.begin` (1-based). Declare it in `.gitlab-ci.yml`
 * under `artifacts:reports:codequality` (docs/ci.md).
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../../core/conventions/types';
import { oneLine, type Report } from '../report';

const SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

export function formatGitlab(report: Report): string {
  const seen = new Map<string, number>();
  const issues = report.files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const base = d.fingerprint ?? `${d.code}:${f.path}:${d.range.start.line}:${d.range.start.character}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return {
        type: 'issue',
        description: oneLine(d.message),
        check_name: d.code,
        fingerprint: createHash('md5').update(`${base}\0${n}`).digest('hex'),
        severity: SEVERITY[d.severity],
        location: { path: f.path, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
      };
    }),
  );
  return JSON.stringify(issues, null, 2) + '\n';
}
