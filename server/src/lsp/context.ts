/**
 * What the server's handlers share: the open documents, the workspace, the three services
 * (open documents, the index, closed briefs' diagnostics), the background analysis and
 * the client's capabilities. Built once per connection by `server.ts`; the handlers are
 * registered by `lifecycle.ts`, `diagnostics.ts` and `requests.ts`.
 */
import { readRegularFile } from '../node/regularFile';
import { join } from 'node:path';
import { TextDocuments, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { BriefSymbol } from '../core/features/documentSymbols';
import { createBriefService, type BriefService, type ILogger } from '../core/service';
import type { ConventionsWiring } from '../conventionsServer';
import { citeprocEngine } from '../node/citeproc/load';
import { isMarkdownPath } from '../node/markdownFiles';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { ParseThread } from '../node/parse/parseThread';
import type { BriefmarkSettings } from '../node/settings';
import { uriToPath } from '../node/uris';
import { WorkspaceIndex } from '../node/workspaceIndex';
import * as proto from '../protocol/toProto';
import { WorkspaceDiagnostics } from '../workspaceDiagnostics';
import { BackgroundAnalysis } from './backgroundAnalysis';

export interface ServerOptions {
  /** Delay before pushed diagnostics are computed after an edit. */
  debounceMs: number;
}

/** What the client said it can do (`initialize`). */
export interface ClientCapabilities {
  pullDiagnostics: boolean;
  progress: boolean;
  watchRegistration: boolean;
  workspaceFolderEvents: boolean;
}

export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly workspace = new NodeWorkspace();
  readonly logger: ILogger;
  /** Open documents. The CSL engine loads on the first rendered citation or citation hover (node/citeproc/load.ts). */
  readonly service: BriefService;
  /** The workspace index's own: it forgets each file once summarised. */
  readonly indexService: BriefService;
  /** Closed briefs in Problems: analysed one-shot, in pages (workspaceDiagnostics.ts). */
  readonly workspaceService: BriefService;
  /** Long parses of open documents and indexed files (dist/parseWorker.js beside the server). */
  readonly parseThread: ParseThread;
  readonly background: BackgroundAnalysis;
  readonly index: WorkspaceIndex;
  readonly workspaceDiagnostics: WorkspaceDiagnostics;
  readonly options: ServerOptions = { debounceMs: 200 };
  readonly client: ClientCapabilities = { pullDiagnostics: false, progress: false, watchRegistration: false, workspaceFolderEvents: false };
  folders: string[] = [];
  /** Set on `initialize` (it needs the client's capabilities). */
  conventions!: ConventionsWiring;
  /** Check every open brief again (set by diagnostics.ts). */
  refreshAll: (reason?: string) => void = () => undefined;

  constructor(readonly connection: Connection) {
    this.logger = {
      log: (m) => connection.console.log(m),
      error: (m, e) => connection.console.error(`${m}${e ? `: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : ''}`),
    };
    this.service = createBriefService(this.workspace, this.logger, { citationEngine: citeprocEngine });
    this.indexService = createBriefService(this.workspace, this.logger);
    this.workspaceService = createBriefService(this.workspace, this.logger, { oneShot: true });
    this.parseThread = new ParseThread(join(__dirname, 'parseWorker.js'), (m) => this.logger.log(m));
    this.background = new BackgroundAnalysis(this.service, this.parseThread, (uri) => this.documents.get(uri)?.version);
    this.index = new WorkspaceIndex(
      this.workspace,
      this.indexService,
      {
        all: () => this.documents.all(),
        get: (uri) => this.documents.get(uri),
        summary: (doc) => this.service.summary(doc),
        lines: (doc) => this.service.analyze(doc).model.lines,
      },
      this.logger,
      (uri) => this.background.runnerFor(`index ${uri}`),
    );
    this.workspaceDiagnostics = new WorkspaceDiagnostics({
      closedBriefs: () => this.index.diskBriefs(),
      isIndexed: (uri) => this.index.has(uri),
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      analyze: (uri) => this.guard('workspace diagnostics', undefined, () => this.closedBriefDiagnostics(uri)),
      scope: () => this.conventions.settings.diagnosticsScope,
      indexing: () => this.index.busy,
    });
    this.index.onFileIndexed = (uri) => this.workspaceDiagnostics.signal(uri);
  }

  /** Runs a handler; an exception is logged and answered with `fallback`, never a crash. */
  guard<T>(name: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.logger.error(`${name} failed`, e);
      return fallback;
    }
  }

  /**
   * The open document, once its current version is analysed: requests then read the
   * service's cache. If it changes meanwhile, the newer version is waited for (a few times
   * at most: then the request answers for the text it finds).
   */
  async readyDoc(uri: string): Promise<TextDocument | undefined> {
    for (let tries = 0; tries < 3; tries++) {
      const doc = this.documents.get(uri);
      if (!doc || this.conventions.isConventionsDocument(uri)) return doc;
      await this.background.ready(doc);
      if (this.documents.get(uri)?.version === doc.version) return doc;
    }
    return this.documents.get(uri);
  }

  /**
   * The document's outline as LSP has it: converted once per analysis (the outline,
   * breadcrumbs and sticky scroll each ask for it after a change). Conventions files have none.
   */
  outline(doc: TextDocument): DocumentSymbol[] {
    if (this.conventions.isConventionsDocument(doc.uri)) return [];
    const symbols = this.service.documentSymbols(doc);
    let converted = this.outlines.get(symbols);
    if (!converted) {
      const { lines } = this.service.analyze(doc).model;
      this.outlines.set(symbols, (converted = symbols.map((s) => proto.documentSymbol(lines, s))));
    }
    return converted;
  }

  private readonly outlines = new WeakMap<readonly BriefSymbol[], DocumentSymbol[]>();

  /** Every open brief analysed (requests across the workspace read their summaries). */
  async openBriefsReady(): Promise<void> {
    await Promise.all(this.documents.all().filter((d) => isMarkdownPath(d.uri) && !this.conventions.isConventionsDocument(d.uri)).map((d) => this.background.ready(d)));
  }

  /** The settings the server itself applies (the rest are the conventions wiring's): size limit, trust, extraction limits. */
  applySettings(settings: BriefmarkSettings): void {
    if (settings.maxDocumentSize !== undefined) for (const s of [this.service, this.indexService]) s.configure({ maxDocumentSize: settings.maxDocumentSize });
    if (settings.trusted !== undefined) this.workspace.setTrusted(settings.trusted);
    if (settings.sources) this.workspace.setExtractionLimits(settings.sources);
  }

  private closedBriefDiagnostics(uri: string) {
    if (!this.conventions.settings.diagnosticsEnabled) return [];
    const text = readRegularFile(uriToPath(uri) ?? '').toString('utf8');
    const analysis = this.workspaceService.analyze({ uri, version: 0, getText: () => text });
    this.workspaceService.forget(uri);
    return proto.diagnostics(analysis.model.lines, uri, analysis.diagnostics);
  }
}
