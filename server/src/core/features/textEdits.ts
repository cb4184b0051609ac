/** The edits quick fixes write: plain spans of the original text and their new text. */
import type { Span } from '../text/span';

export interface TextEdit {
  span: Span;
  newText: string;
}

/**
 * Applies edits to a text (for tests and previews) as an LSP client applies a
 * WorkspaceEdit: spans refer to the original text and must not overlap; inserts at one
 * place appear in the order of the array.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    out += text.slice(at, e.span.start) + e.newText;
    at = Math.max(at, e.span.end);
  }
  return out + text.slice(at);
}
