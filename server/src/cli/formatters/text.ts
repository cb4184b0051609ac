/** `--format text` (spec §9): `path:line:col severity code message`, 1-based as editors show them, then the summary line. */
import { findingLine, summaryLine, type Report } from '../report';

export function formatText(report: Report): string {
  let out = '';
  for (const f of report.files)
    for (const d of f.diagnostics) out += `${findingLine(f.path, d)}\n`;
  return out + summaryLine(report.summary) + '\n';
}
