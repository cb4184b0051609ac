/**
 * The claims' sourcing statuses the client last received from the server, per document,
 * for the Markdown preview (markdownItBriefmark.ts reads them through `lookup`). Filled
 * from every `briefmark/briefReport` answer (the status bar asks for the active brief's).
 * No `vscode` import: the preview plugin's tests use it directly.
 */
import type { WireBriefReport } from '../../../server/src/protocol/briefReport';
import { normaliseUri, previewedDocument } from './documentUri';
import type { ClaimStatus } from './markdownItBriefmark';

export class ClaimStatuses {
  /** Per document URI: the statuses by line, in order on the line. */
  private readonly byUri = new Map<string, Map<number, ClaimStatus[]>>();

  /** Records a report; true when any status changed (so an open preview is worth refreshing). */
  update(report: WireBriefReport): boolean {
    const lines = new Map<number, ClaimStatus[]>();
    const claims = report.sections.flatMap((s) => s.claims).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const c of claims) {
      const list = lines.get(c.range.start.line) ?? [];
      list.push(c.status);
      lines.set(c.range.start.line, list);
    }
    const key = normaliseUri(report.uri);
    const before = this.byUri.get(key);
    this.byUri.set(key, lines);
    return !before || JSON.stringify([...before]) !== JSON.stringify([...lines]);
  }

  /** The lookup the preview plugin calls: `env.currentDocument` names the document being rendered. */
  readonly lookup = (env: unknown, line: number, nth: number): ClaimStatus | undefined => {
    const doc = previewedDocument(env);
    return doc === undefined ? undefined : this.byUri.get(doc)?.get(line)?.[nth];
  };
}
