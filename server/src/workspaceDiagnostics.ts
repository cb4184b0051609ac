/**
 * LSP workspace diagnostics (`workspace/diagnostic`): the problems of every brief of the
 * workspace, open or not, so that a reviewer sees them all in Problems (docs/editor.md).
 *
 * - Open documents are left to document pulls (the client prefers those).
 * - Each closed brief's report has a result id made of the environment's version (bumped
 *   whenever conventions, bibliographies, source documents or settings change) and the
 *   file's modification time and size: a brief whose id the client already has is not
 *   analysed again, and costs a `stat`.
 * - Reports stream in pages through partial results when the client asks for them, the
 *   server yielding between files so that requests on open documents get through.
 * - When nothing changed, the request is held (a long poll) until something does, or the
 *   client cancels it: an idle workspace costs nothing.
 * - `briefmark.diagnostics.scope: openFiles` empties what was reported and reports nothing more.
 */
import { pushAll } from './core/text/pushAll';
import { statSync } from 'node:fs';
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type ResultProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { uriToPath } from './node/uris';

export interface WorkspaceDiagnosticsDeps {
  /** Closed briefs on disk (the workspace index's). */
  closedBriefs(): string[];
  isOpen(uri: string): boolean;
  /** The diagnostics of a closed brief, read from disk; undefined when it cannot be read. */
  analyze(uri: string): Diagnostic[] | undefined;
  scope(): 'workspace' | 'openFiles';
  /** Whether the workspace index is still finding briefs: reports go on as it does. */
  indexing(): boolean;
}

/** Files per page of partial results. */
const PAGE = 25;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceDiagnostics {
  private environment = 0;
  private wake: Array<() => void> = [];
  /** Closed briefs whose last report had problems: a scope change or a deletion must clear them. */
  private reported = new Set<string>();

  constructor(private readonly deps: WorkspaceDiagnosticsDeps) {}

  /** Conventions, bibliographies, source documents or settings changed: every brief anew. */
  environmentChanged(): void {
    this.environment++;
    this.signal();
  }

  /** A file or an open document changed, opened or closed: look again. */
  signal(): void {
    for (const w of this.wake.splice(0)) w();
  }

  private resultId(uri: string): string | undefined {
    try {
      const st = statSync(uriToPath(uri) ?? '');
      return `${this.environment}:${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
  }

  async handle(params: WorkspaceDiagnosticParams, token: CancellationToken, progress?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const cancelled = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    /** Reports for a client without partial results: all in the response. */
    const whole: WorkspaceDocumentDiagnosticReport[] = [];
    let reported = false;
    for (;;) {
      if (token.isCancellationRequested) throw cancelled();
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const flush = (force = false) => {
        if (items.length === 0 || (!force && items.length < PAGE)) return;
        reported = true;
        if (progress) progress.report({ items: items.splice(0) });
        else pushAll(whole, items.splice(0));
      };
      const empty = (uri: string) => {
        this.reported.delete(uri);
        known.set(uri, 'none');
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: 'none', items: [] });
      };
      const briefs = this.deps.scope() === 'workspace' ? this.deps.closedBriefs().filter((u) => !this.deps.isOpen(u)) : [];
      const current = new Set(briefs);
      // Reported before, now gone, opened (the document pull reports it) or out of scope.
      if (!this.deps.indexing()) for (const uri of [...this.reported]) if (!current.has(uri) && known.get(uri) !== 'none') empty(uri);
      for (const uri of briefs) {
        if (token.isCancellationRequested) throw cancelled();
        const id = this.resultId(uri);
        if (id === undefined) {
          if (this.reported.has(uri)) empty(uri);
          continue;
        }
        if (known.get(uri) === id) continue;
        const diagnostics = this.deps.analyze(uri);
        if (diagnostics === undefined) continue;
        known.set(uri, id);
        if (diagnostics.length) this.reported.add(uri);
        else this.reported.delete(uri);
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: id, items: diagnostics });
        flush();
        await yieldToRequests();
      }
      flush(true);
      // While the index is still finding briefs, report them as they come (the first pages
      // need not wait for the whole workspace); then answer, or hold the request while
      // nothing changes (a long poll) until something does or the client gives up.
      if (reported && !this.deps.indexing()) return { items: progress ? [] : whole };
      await this.changeOrCancel(token, this.deps.indexing() ? 1000 : undefined);
    }
  }

  private changeOrCancel(token: CancellationToken, timeoutMs?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(resolve, timeoutMs);
      this.wake.push(() => {
        clearTimeout(timer);
        resolve();
      });
      const sub = token.onCancellationRequested(() => {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
