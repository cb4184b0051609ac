/**
 * The custom request `briefmark/renderedCitations`: a brief's citations rendered in its
 * CSL style, its reference list and its placeholder footnotes
 * (core/citations/renderCitations.ts), with LSP ranges. The VS Code client's Markdown
 * preview shows them; any LSP client may send it.
 *
 * Imported by the client too (types and the method name only): no run-time dependencies.
 */
import type { RenderedCitations } from '../core/citations/renderCitations';
import type { LineIndex } from '../core/text/lineIndex';
import type { WireRange } from './briefReport';

export const RENDERED_CITATIONS_METHOD = 'briefmark/renderedCitations';

export interface RenderedCitationsParams {
  textDocument: { uri: string };
}

export type WireRenderedCitations = Omit<RenderedCitations, 'citations'> & {
  uri: string;
  version: number;
  citations: Array<Omit<RenderedCitations['citations'][number], 'span'> & { range: WireRange }>;
};

export function toWireRenderedCitations(lines: LineIndex, r: RenderedCitations, uri: string, version: number): WireRenderedCitations {
  return {
    ...r,
    uri,
    version,
    citations: r.citations.map(({ span, ...c }) => ({ ...c, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } })),
  };
}
