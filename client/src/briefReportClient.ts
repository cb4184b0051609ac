/** Asks the server for a brief's sourcing report (`briefmark/briefReport`) and its rendered citations (`briefmark/renderedCitations`). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BRIEF_REPORT_METHOD, type BriefReportParams, type WireBriefReport } from '../../server/src/protocol/briefReport';
import { RENDERED_CITATIONS_METHOD, type RenderedCitationsParams, type WireRenderedCitations } from '../../server/src/protocol/renderedCitations';

export type { WireBriefReport };

export async function requestBriefReport(client: LanguageClient | undefined, doc: vscode.TextDocument): Promise<WireBriefReport | null> {
  if (!client || !client.isRunning() || doc.languageId !== 'markdown') return null;
  const params: BriefReportParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) } };
  return client.sendRequest<WireBriefReport | null>(BRIEF_REPORT_METHOD, params);
}

export function toRange(r: WireBriefReport['sections'][number]['claims'][number]['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** A brief's citations rendered in its CSL style (the URI as the server knows it, from a report); undefined without a running client. */
export async function requestRenderedCitations(client: LanguageClient | undefined, uri: string): Promise<WireRenderedCitations | undefined> {
  if (!client?.isRunning()) return undefined;
  const params: RenderedCitationsParams = { textDocument: { uri } };
  return (await client.sendRequest<WireRenderedCitations | null>(RENDERED_CITATIONS_METHOD, params)) ?? undefined;
}
