/** Asks the server for a brief's sourcing report (`briefmark/briefReport`). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BRIEF_REPORT_METHOD, type BriefReportParams, type WireBriefReport } from '../../server/src/protocol/briefReport';

export type { WireBriefReport };

export async function requestBriefReport(client: LanguageClient | undefined, doc: vscode.TextDocument): Promise<WireBriefReport | null> {
  if (!client || !client.isRunning() || doc.languageId !== 'markdown') return null;
  const params: BriefReportParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) } };
  return client.sendRequest<WireBriefReport | null>(BRIEF_REPORT_METHOD, params);
}

export function toRange(r: WireBriefReport['sections'][number]['claims'][number]['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
