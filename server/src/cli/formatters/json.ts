/** `--format json`: exactly the object of spec §9, with 0-based LSP lines and UTF-16 characters. */
import type { Report } from '../report';

export function formatJson(report: Report): string {
  const out = {
    files: report.files.map((f) => ({
      path: f.path,
      diagnostics: f.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: { start: d.range.start, end: d.range.end } })),
    })),
    summary: { files: report.summary.files, errors: report.summary.errors, warnings: report.summary.warnings },
  };
  return JSON.stringify(out, null, 2) + '\n';
}
