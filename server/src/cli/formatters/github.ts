/**
 * `--format github`: GitHub Actions workflow commands, which show as annotations on the
 * pull request's changed lines. Lines and columns are 1-based; `endColumn` is exclusive,
 * as in LSP. Info and hints become notices. The summary line ends the log.
 */
import type { Severity } from '../../core/conventions/types';
import { oneLine, summaryLine, type Report } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escaping of workflow command data and properties (as `@actions/core` does it). */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: Report): string {
  let out = '';
  for (const f of report.files)
    for (const d of f.diagnostics) {
      const { start, end } = d.range;
      const props = [
        `file=${escapeProperty(f.path)}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(`briefmark ${d.code}`)}`,
      ];
      out += `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(oneLine(d.message))}\n`;
    }
  return out + summaryLine(report.summary) + '\n';
}
