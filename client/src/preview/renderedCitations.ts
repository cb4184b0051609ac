/**
 * The rendered citations the client last received from the server (`briefmark/renderedCitations`),
 * per document, for the Markdown preview (markdownItBriefmark.ts reads them through
 * `lookup`). Asked for whenever a brief's report arrives (the status bar asks for the
 * active brief's). No `vscode` import: the preview plugin's tests use it directly.
 */
import type { WireRenderedCitations } from '../../../server/src/protocol/renderedCitations';
import { normaliseUri, previewedDocument } from './documentUri';
import type { RenderedCitationsView } from './markdownItBriefmark';

export class RenderedCitationsCache {
  private readonly byUri = new Map<string, { json: string; view: RenderedCitationsView }>();

  /** Records the server's answer; true when anything changed (so an open preview is worth refreshing). */
  update(wire: WireRenderedCitations): boolean {
    const view: RenderedCitationsView = {
      citations: wire.citations.map((c) => ({ line: c.range.start.line, text: c.text, status: c.status, html: c.html, unknownKeys: c.unknownKeys })),
      bibliography: wire.bibliography,
      pendingFootnotes: wire.pendingFootnotes,
      style: wire.style,
      warning: wire.warning,
    };
    const json = JSON.stringify(view);
    const key = normaliseUri(wire.uri);
    const before = this.byUri.get(key);
    this.byUri.set(key, { json, view });
    return before?.json !== json;
  }

  /** The lookup the preview plugin calls: `env.currentDocument` names the document being rendered. */
  readonly lookup = (env: unknown): RenderedCitationsView | undefined => {
    const doc = previewedDocument(env);
    return doc === undefined ? undefined : this.byUri.get(doc)?.view;
  };
}
