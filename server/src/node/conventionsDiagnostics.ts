import { parseConventions } from '../core/conventions/parseConventions';
import type { Diagnostic } from '../core/rules/types';
import { severityOf } from '../core/rules';
import { LineIndex } from '../core/text/lineIndex';
import type { NodeWorkspace } from './nodeWorkspace';
import { uriToPath } from './uris';

/**
 * `invalid-conventions` diagnostics for a conventions file (`.briefmark.yaml`, or a file
 * one extends) as the editor has it: YAML errors, schema violations at the exact key or
 * value, `extends` cycles and missing files. Not a brief: never analysed as Markdown.
 */
export function conventionsDiagnostics(workspace: NodeWorkspace, uri: string, text: string): { lines: LineIndex; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(text);
  const path = uriToPath(uri);
  const folder = path ? workspace.folderOf(path) : undefined;
  const problems = path ? (workspace.conventions.problemsFor(path, folder).get(uri) ?? []) : parseConventions(uri, text).problems;
  const conventions = path ? workspace.conventions.conventionsFor(path, folder) : workspace.conventionsFor(uri);
  const severity = severityOf({ conventions }, 'invalid-conventions');
  if (!severity) return { lines, diagnostics: [] };
  return { lines, diagnostics: problems.map((p) => ({ code: 'invalid-conventions', severity, message: p.message, span: p.span })) };
}
