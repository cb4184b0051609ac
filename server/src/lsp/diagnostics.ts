/**
 * Diagnostics: pushed after an edit (debounced, for the version analysed) or pulled
 * (`textDocument/diagnostic`, `workspace/diagnostic`); problems inside bibliography files
 * published on those files; every brief checked again when the environment changes.
 */
import { DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { bibliographyFileDiagnostics } from '../core/sources/bibliography';
import { LineIndex } from '../core/text/lineIndex';
import { conventionsDiagnostics } from '../node/conventionsDiagnostics';
import * as proto from '../protocol/toProto';
import type { ServerContext } from './context';

/**
 * How long after a version's diagnostics the idle-time preparation runs (`prepareLater`):
 * longer than the pauses within a burst of typing (so that a keystroke never waits behind
 * it: on a 1 MB brief it takes tens of milliseconds), shorter than VS Code's wait before it
 * asks for the outline (350 ms or more after a change).
 */
const PREPARE_AFTER_MS = 200;

export class DiagnosticsPublisher {
  /** Pushes scheduled and not yet started, by document: how to call each off. */
  private readonly pending = new Map<string, () => void>();
  /** Idle-time preparations scheduled after a push or pull (see `prepareLater`), by document: how to call each off. */
  private readonly preparing = new Map<string, () => void>();
  /** What was last published on each bibliography file. */
  private readonly publishedFiles = new Map<string, string>();

  constructor(private readonly ctx: ServerContext) {}

  /** The document's diagnostics as LSP has them (its analysis must be ready, or it is made here). */
  of(doc: TextDocument) {
    const { ctx } = this;
    if (!ctx.conventions.settings.diagnosticsEnabled) return [];
    if (ctx.conventions.isConventionsDocument(doc.uri)) {
      const c = conventionsDiagnostics(ctx.workspace, doc.uri, doc.getText());
      return c.diagnostics.map((d) => proto.diagnostic(c.lines, doc.uri, d));
    }
    const analysis = ctx.service.analyze(doc);
    this.publishBibliographyProblems();
    return proto.diagnostics(analysis.model.lines, doc.uri, analysis.diagnostics);
  }

  /** Problems inside bibliography files are published on those files (open or not), once per change. */
  private publishBibliographyProblems(): void {
    for (const file of this.ctx.workspace.loadedBibliographies()) {
      const lines = new LineIndex(file.text);
      const diagnostics = bibliographyFileDiagnostics(file.bibliography.problems, file.uri).map((d) => proto.diagnostic(lines, file.uri, d));
      const key = JSON.stringify(diagnostics);
      if (this.publishedFiles.get(file.uri) === key) continue;
      this.publishedFiles.set(file.uri, key);
      void this.ctx.connection.sendDiagnostics({ uri: file.uri, diagnostics });
    }
  }

  private async push(uri: string): Promise<void> {
    const { ctx } = this;
    this.pending.delete(uri);
    const version = ctx.documents.get(uri)?.version;
    const doc = await ctx.readyDoc(uri);
    // A newer version's push follows (or the document was closed).
    if (!doc || doc.version !== version || this.pending.has(uri)) return;
    const diagnostics = ctx.guard('diagnostics', [], () => this.of(doc));
    void ctx.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    this.prepareLater(doc);
  }

  /**
   * A while after a version's diagnostics went out, if nothing changed meanwhile, makes
   * what the editor asks for next: VS Code asks for the outline (breadcrumbs, sticky
   * scroll) at least 350 ms after a change, and then finds it made. A change calls it off,
   * so typing does not wait for it; a request that comes first makes it itself.
   */
  private prepareLater(doc: TextDocument): void {
    const { ctx } = this;
    this.preparing.get(doc.uri)?.();
    const timer = setTimeout(() => {
      this.preparing.delete(doc.uri);
      if (ctx.documents.get(doc.uri)?.version !== doc.version || this.pending.has(doc.uri)) return;
      ctx.guard('preparing the outline', undefined, () => void (ctx.service.prepare(doc) && ctx.outline(doc)));
    }, PREPARE_AFTER_MS);
    this.preparing.set(doc.uri, () => clearTimeout(timer));
  }

  /**
   * Pushes the document's diagnostics after `delay` ms (none when the client pulls them).
   * With no delay, after two turns of the event loop instead of a timer (whose shortest
   * wait is a millisecond): messages already received are handled one per turn, so a
   * change right behind this one calls this push off before its analysis starts.
   */
  schedule(uri: string, delay: number): void {
    if (this.ctx.client.pullDiagnostics) return;
    this.cancel(uri);
    if (delay > 0) {
      const timer = setTimeout(() => void this.push(uri), delay);
      this.pending.set(uri, () => clearTimeout(timer));
      return;
    }
    let turn = setImmediate(() => {
      turn = setImmediate(() => void this.push(uri));
    });
    this.pending.set(uri, () => clearImmediate(turn));
  }

  private cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
    this.preparing.get(uri)?.();
    this.preparing.delete(uri);
  }

  /** Everything may have changed (conventions, bibliographies, sources, settings): check the briefs again. */
  refreshAll(reason?: string): void {
    const { ctx } = this;
    if (reason) ctx.logger.log(`${reason}: checking the briefs again`);
    ctx.workspaceDiagnostics.environmentChanged();
    if (ctx.client.pullDiagnostics) void ctx.connection.languages.diagnostics.refresh();
    else for (const doc of ctx.documents.all()) this.schedule(doc.uri, 0);
  }

  /** Open, change and close of documents; the pull requests. */
  register(): void {
    const { ctx } = this;
    ctx.refreshAll = (reason) => this.refreshAll(reason);
    ctx.documents.onDidOpen((e) => {
      this.schedule(e.document.uri, 0);
      ctx.workspaceDiagnostics.signal();
    });
    ctx.documents.onDidChangeContent((e) => this.schedule(e.document.uri, ctx.options.debounceMs));
    ctx.documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.cancel(uri);
      ctx.parseThread.cancel(uri);
      ctx.service.forget(uri);
      ctx.index.reread(uri);
      if (!ctx.client.pullDiagnostics) void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
      ctx.workspaceDiagnostics.signal();
    });
    ctx.connection.languages.diagnostics.on(async (params, token) => {
      const doc = await ctx.readyDoc(params.textDocument.uri);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      const items = ctx.guard('diagnostics', [], () => this.of(doc));
      this.prepareLater(doc);
      return { kind: DocumentDiagnosticReportKind.Full, items };
    });
    ctx.connection.languages.diagnostics.onWorkspace((params, token, _workDone, resultProgress) => ctx.workspaceDiagnostics.handle(params, token, resultProgress));
  }
}
