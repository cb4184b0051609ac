/**
 * `--format github`: GitHub Actions workflow commands, which show as annotations on the
 * pull request's changed lines. Lines and columns are 1-based; `endColumn` is exclusive,
 * as in LSP. Info and hints become notices. The summary line ends the log.
 */
import type { Severity } from '../../core/conventions/types';
import { findingLine, oneLine, summaryLine, type Report } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escaping of workflow command data and properties (as `@actions/core` does it). */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step. */
export const ANNOTATIONS_PER_KIND = 10;

export function formatGithub(report: Report): string {
  let out = '';
  const shown: Record<string, number> = { error: 0, warning: 0, notice: 0 };
  let beyond = 0;
  for (const f of report.files)
    for (const d of f.diagnostics) {
      const { start, end } = d.range;
      const kind = COMMAND[d.severity];
      if (shown[kind] >= ANNOTATIONS_PER_KIND) {
        // GitHub would drop it: a plain log line keeps it in the log, and the step summary lists it.
        out += `${findingLine(f.path, d)}\n`;
        beyond++;
        continue;
      }
      shown[kind]++;
      const props = [
        `file=${escapeProperty(f.path)}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(`briefmark ${d.code}`)}`,
      ];
      out += `::${kind} ${props.join(',')}::${escapeData(oneLine(d.message))}\n`;
    }
  if (beyond) out += `briefmark: ${beyond} more finding${beyond === 1 ? '' : 's'} than GitHub shows as annotations (${ANNOTATIONS_PER_KIND} of each kind per step) are listed above as plain lines and in the step summary\n`;
  return out + summaryLine(report.summary) + '\n';
}

const cell = (s: string) => oneLine(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** The whole list as Markdown, for `$GITHUB_STEP_SUMMARY` (the job's summary page). */
export function githubStepSummary(report: Report): string {
  const out = ['## Briefmark', '', summaryLine(report.summary), ''];
  const rows = report.files.flatMap((f) => f.diagnostics.map((d) => `| ${cell(f.path)}:${d.range.start.line + 1}:${d.range.start.character + 1} | ${d.severity} | \`${d.code}\` | ${cell(d.message)} |`));
  if (rows.length) out.push('| where | severity | code | message |', '|---|---|---|---|', ...rows, '');
  if (report.problems.length) out.push('**Could not be checked:**', '', ...report.problems.map((p) => `- ${cell(p.path)}: ${cell(p.message)}`), '');
  return out.join('\n') + '\n';
}
