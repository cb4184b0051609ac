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
  /** Whether the index holds this brief (a signalled URI may be a file that is not a brief). */
  isIndexed(uri: string): boolean;
  isOpen(uri: string): boolean;
  /** The diagnostics of a closed brief, read from disk; undefined when it cannot be read. */
  analyze(uri: string): Diagnostic[] | undefined;
  scope(): 'workspace' | 'openFiles';
  /** Whether the workspace index is still finding briefs: reports go on as it does. */
  indexing(): boolean;
}

/** One `workspace/diagnostic` request in progress. */
interface Request {
  /** Result ids the client has (from `previousResultIds`, then from what this request reported). */
  known: Map<string, string>;
  token: CancellationToken;
  progress?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>;
  /** Reports for a client without partial results: all in the response. */
  whole: WorkspaceDocumentDiagnosticReport[];
  reported: boolean;
  /** The next pass looks at every brief (else only at `changed`). */
  everything: boolean;
  changed: Set<string>;
}

const cancelled = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });

/** Files per page of partial results. */
const PAGE = 25;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceDiagnostics {
  private environment = 0;
  private wake: Array<() => void> = [];
  /** The requests in progress, told what changed: one brief (its URI), or anything (none). */
  private readonly listeners = new Set<(uri?: string) => void>();
  /** Closed briefs whose last report had problems: a scope change or a deletion must clear them. */
  private reported = new Set<string>();

  constructor(private readonly deps: WorkspaceDiagnosticsDeps) {}

  /** Conventions, bibliographies, source documents or settings changed: every brief anew. */
  environmentChanged(): void {
    this.environment++;
    this.signal();
  }

  /**
   * Look again: at one brief (`uri`: it was just indexed or re-read), or at every brief (a
   * document opened or closed, files changed, the index finished, the scope changed).
   * Passes over one brief cost one brief; passes over all of them cost a `stat` each, so
   * the index's progress (one signal per file) never makes a pass over the whole workspace.
   */
  signal(uri?: string): void {
    for (const l of this.listeners) l(uri);
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
    const request: Request = { known: new Map(params.previousResultIds.map((p) => [p.uri, p.value])), token, progress, whole: [], reported: false, everything: true, changed: new Set() };
    const listener = (uri?: string) => {
      if (uri) request.changed.add(uri);
      else request.everything = true;
    };
    this.listeners.add(listener);
    try {
      for (;;) {
        if (token.isCancellationRequested) throw cancelled();
        // Every brief, or only those signalled since the last pass.
        const only = request.everything ? undefined : [...request.changed];
        request.everything = false;
        request.changed.clear();
        await this.pass(request, only);
        // While the index is still finding briefs, report them as they come (the first pages
        // need not wait for the whole workspace); then answer, or hold the request while
        // nothing changes (a long poll) until something does or the client gives up.
        if (request.reported && !this.deps.indexing()) return { items: progress ? [] : request.whole };
        await this.changeOrCancel(token, this.deps.indexing() ? 1000 : undefined);
      }
    } finally {
      this.listeners.delete(listener);
    }
  }

  /** One pass: `only` the given briefs, or (undefined) every closed brief, clearing those gone. */
  private async pass(request: Request, only: string[] | undefined): Promise<void> {
    const { known, token, progress } = request;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const flush = (force = false) => {
      if (items.length === 0 || (!force && items.length < PAGE)) return;
      request.reported = true;
      if (progress) progress.report({ items: items.splice(0) });
      else pushAll(request.whole, items.splice(0));
    };
    const empty = (uri: string) => {
      this.reported.delete(uri);
      known.set(uri, 'none');
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: 'none', items: [] });
    };
    const inScope = this.deps.scope() === 'workspace';
    const briefs = !inScope ? [] : only ? only.filter((u) => this.deps.isIndexed(u) && !this.deps.isOpen(u)) : this.deps.closedBriefs().filter((u) => !this.deps.isOpen(u));
    if (!only && !this.deps.indexing()) {
      const current = new Set(briefs);
      // Reported before, now gone, opened (the document pull reports it) or out of scope.
      for (const uri of [...this.reported]) if (!current.has(uri) && known.get(uri) !== 'none') empty(uri);
    }
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
