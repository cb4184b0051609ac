/**
 * The requests on documents, one line each: the document is waited for (`readyDoc`: its
 * current version analysed), the service answers from its cache, and `protocol/toProto.ts`
 * converts. An exception is logged and answered with the empty result.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ActorEntry } from '../core/conventions/types';
import { briefReport } from '../core/features/briefReport';
import { actorsWithOrigins } from '../core/features/navigation';
import { workspaceSymbols } from '../core/features/workspaceSymbols';
import { exportCodebookFor } from '../node/exportCodebook';
import { BRIEF_REPORT_METHOD, toWireBriefReport, type BriefReportParams } from '../protocol/briefReport';
import { RENDERED_CITATIONS_METHOD, toWireRenderedCitations, type RenderedCitationsParams } from '../protocol/renderedCitations';
import * as proto from '../protocol/toProto';
import type { ServerContext } from './context';

type DocParams = { textDocument: { uri: string } };

export function registerRequests(ctx: ServerContext): void {
  const { connection, service, index } = ctx;
  /** A handler on one document: `answer` runs once the document is analysed, unless the request was cancelled. */
  const onDoc =
    <P extends DocParams, R>(name: string, fallback: R, answer: (doc: TextDocument, params: P, token?: CancellationToken) => R | Promise<R>) =>
    async (params: P, token?: CancellationToken): Promise<R> => {
      const doc = await ctx.readyDoc(params.textDocument.uri);
      if (!doc || token?.isCancellationRequested) return fallback;
      try {
        return await answer(doc, params, token);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        ctx.logger.error(`${name} failed`, e);
        return fallback;
      }
    };
  const lines = (doc: TextDocument) => service.analyze(doc).model.lines;
  const textOf = (uri: string) => index.textOf(uri);
  const isConventions = (doc: TextDocument) => ctx.conventions.isConventionsDocument(doc.uri);
  /** Cross-document requests read every brief's summary: the index and the open briefs first. */
  const workspaceReady = async () => {
    await index.idle();
    await ctx.openBriefsReady();
  };
  /** After waiting for the workspace: the request is still wanted and its document still open. */
  const stillWanted = (doc: TextDocument, token?: CancellationToken) => !token?.isCancellationRequested && ctx.documents.get(doc.uri) !== undefined;

  connection.onHover(onDoc('hover', null, (doc, p) => (!ctx.conventions.settings.hoverEnabled || isConventions(doc) ? null : hover(doc, doc.offsetAt(p.position)))));
  const hover = (doc: TextDocument, offset: number) => {
    const h = service.hover(doc, offset);
    return h ? proto.hover(lines(doc), h) : null;
  };
  connection.onDocumentSymbol(onDoc('documentSymbol', [], (doc) => ctx.outline(doc)));
  connection.onCompletion(onDoc('completion', [], (doc, p) => service.completion(doc, doc.offsetAt(p.position)).map((c) => proto.completionItem(lines(doc), c))));
  connection.onDefinition(onDoc('definition', [], (doc, p) => service.definition(doc, doc.offsetAt(p.position), textOf).map((l) => proto.location(index.lines(l.uri), l))));
  connection.onReferences(onDoc('references', [], async (doc, p, token) => ((await workspaceReady(), stillWanted(doc, token)) ? service.references(doc, doc.offsetAt(p.position), index.summaries(), p.context.includeDeclaration, textOf).map((l) => proto.location(index.lines(l.uri), l)) : [])));
  connection.onPrepareRename(onDoc('prepareRename', null, (doc, p) => prepareRename(doc, doc.offsetAt(p.position))));
  const prepareRename = (doc: TextDocument, offset: number) => {
    const r = service.prepareRename(doc, offset);
    if (!r) return null;
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { range: proto.range(lines(doc), r.span), placeholder: r.placeholder };
  };
  connection.onRenameRequest(onDoc('rename', null, async (doc, p) => (await workspaceReady(), rename(doc, doc.offsetAt(p.position), p.newName))));
  const rename = (doc: TextDocument, offset: number, newName: string) => {
    const r = service.rename(doc, offset, newName, index.summaries(), textOf);
    if (!r) return null;
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return proto.workspaceEdit(r.edits, (uri) => index.lines(uri));
  };
  connection.onWorkspaceSymbol(async (params, token) => {
    await workspaceReady();
    return token.isCancellationRequested ? [] : ctx.guard('workspaceSymbol', [], () => workspaceSymbols(params.query, index.summaries(), actorsByConventions(ctx)).map((s) => proto.workspaceSymbol(index.lines(s.uri), s)));
  });
  connection.onCodeLens(onDoc('codeLens', [], (doc) => service.codeLenses(doc).map((l) => proto.codeLens(lines(doc), l))));
  connection.onFoldingRanges(onDoc('foldingRange', [], (doc) => service.foldingRanges(doc).map((f) => proto.foldingRange(lines(doc), f)).filter((r) => r.endLine > r.startLine)));
  connection.onCodeAction(onDoc('codeAction', [], (doc, p) => service.codeActions(doc, { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) }).map((a) => proto.codeAction(lines(doc), doc.uri, a))));
  connection.onRequest(BRIEF_REPORT_METHOD, onDoc('briefReport', null, (doc, _p: BriefReportParams) => toWireBriefReport(lines(doc), briefReport(service.analyze(doc)), doc.uri, doc.version)));
  connection.onRequest(RENDERED_CITATIONS_METHOD, onDoc('renderedCitations', null, (doc, _p: RenderedCitationsParams) => renderedCitations(doc)));
  const renderedCitations = (doc: TextDocument) => {
    const r = service.renderedCitations(doc);
    return r ? toWireRenderedCitations(lines(doc), r, doc.uri, doc.version) : null;
  };
  connection.onRequest('briefmark/exportCodebook', (params: { uri?: string }) => ctx.guard('exportCodebook', null, () => exportCodebookFor(ctx.workspace, params?.uri)));
}

/** The actors of each brief's conventions, read once per request however many briefs share a conventions file. */
function actorsByConventions(ctx: ServerContext): (uri: string) => ActorEntry[] {
  const actorsOf = new Map<string, ActorEntry[]>();
  return (uri) => {
    const c = ctx.workspace.conventionsFor(uri);
    const key = c.uri ?? '';
    if (!actorsOf.has(key)) actorsOf.set(key, actorsWithOrigins(c, (u) => ctx.index.textOf(u)));
    return actorsOf.get(key)!;
  };
}
