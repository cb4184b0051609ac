/**
 * The Briefmark language server: wiring only. Each handler gets the document, calls the
 * core service, and converts the result in `protocol/toProto.ts`.
 *
 * Transports: `--stdio`, `--node-ipc` (and `--socket=N`), chosen by vscode-languageserver
 * from the command line.
 */
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type FileEvent,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { briefReport } from './core/features/briefReport';
import { createBriefService, type BriefService } from './core/service';
import { bibliographyFileDiagnostics } from './core/sources/bibliography';
import { LineIndex } from './core/text/lineIndex';
import { ConventionsWiring, conventionsCapabilities } from './conventionsServer';
import { exportCodebookFor } from './node/exportCodebook';
import { conventionsDiagnostics } from './node/conventionsDiagnostics';
import { NodeWorkspace } from './node/nodeWorkspace';
import { WorkspaceIndex, type IndexProgress } from './node/workspaceIndex';
import { workspaceSymbols } from './core/features/workspaceSymbols';
import { actorsWithOrigins } from './core/features/navigation';
import type { ActorEntry } from './core/conventions/types';
import { BRIEF_REPORT_METHOD, toWireBriefReport, type BriefReportParams, type WireBriefReport } from './protocol/briefReport';
import { RENDERED_CITATIONS_METHOD, toWireRenderedCitations, type RenderedCitationsParams, type WireRenderedCitations } from './protocol/renderedCitations';
import { citeprocEngine } from './node/citeproc/load';
import * as proto from './protocol/toProto';
import { TRUST_NOTIFICATION, STATS_REQUEST } from './serverSettings';
import { readSettings, type BriefmarkSettings } from './node/settings';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { readFileSync } from 'node:fs';
import { uriToPath } from './node/uris';
import { isMarkdownPath } from './node/markdownFiles';
import { ParseThread } from './node/parse/parseThread';
import { BackgroundAnalysis } from './backgroundAnalysis';
import { join } from 'node:path';

const VERSION = '0.1.0';

if (process.argv.includes('--version')) {
  process.stdout.write(`briefmark-language-server ${VERSION}\n`);
  process.exit(0);
}
const transports = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
if (process.argv.includes('--help') || !process.argv.slice(2).some((a) => transports.some((t) => a.startsWith(t)))) {
  process.stderr.write('Usage: briefmark-language-server --stdio | --node-ipc | --socket=PORT\n\nThe Briefmark language server for policy briefs in Markdown.\n');
  process.exit(process.argv.includes('--help') ? 0 : 2);
}

export interface ServerOptions {
  /** Delay before pushed diagnostics are computed after an edit. */
  debounceMs: number;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new NodeWorkspace();
  const logger = {
    log: (m: string) => connection.console.log(m),
    error: (m: string, e?: unknown) => connection.console.error(`${m}${e ? `: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : ''}`),
  };
  // The CSL engine loads on the first rendered citation or citation hover (node/citeproc/load.ts).
  const service: BriefService = createBriefService(workspace, logger, { citationEngine: citeprocEngine });
  // Open documents are parsed in slices, long blocks on a thread of their own (dist/parseWorker.js).
  const parseThread = new ParseThread(join(__dirname, 'parseWorker.js'), (m) => logger.log(m));
  const background = new BackgroundAnalysis(service, parseThread, (uri) => documents.get(uri)?.version);
  /**
   * The open document, once its current version is analysed: requests then read the
   * service's cache. If it changes meanwhile, the newer version is waited for (a few times
   * at most: then the request answers for the text it finds).
   */
  async function readyDoc(uri: string): Promise<TextDocument | undefined> {
    for (let tries = 0; tries < 3; tries++) {
      const doc = documents.get(uri);
      if (!doc || conventions.isConventionsDocument(uri)) return doc;
      await background.ready(doc);
      if (documents.get(uri)?.version === doc.version) return doc;
    }
    return documents.get(uri);
  }
  /** Every open brief analysed (requests across the workspace read their summaries). */
  async function openBriefsReady(): Promise<void> {
    await Promise.all(documents.all().filter((d) => isMarkdownPath(d.uri) && !conventions.isConventionsDocument(d.uri)).map((d) => background.ready(d)));
  }
  const options: ServerOptions = { debounceMs: 200 };
  let pullDiagnostics = false;
  let progressSupport = false;
  let watchRegistration = false;
  let workspaceFolderEvents = false;
  let folders: string[] = [];
  const indexService: BriefService = createBriefService(workspace, logger);
  const index = new WorkspaceIndex(workspace, indexService, {
    all: () => documents.all(),
    get: (uri) => documents.get(uri),
    summary: (doc) => service.summary(doc),
    lines: (doc) => service.analyze(doc).model.lines,
  }, logger, (uri) => background.runnerFor(`index ${uri}`));
  // Every brief in Problems: closed briefs analysed one-shot, in pages (workspaceDiagnostics.ts).
  const workspaceService: BriefService = createBriefService(workspace, logger, { oneShot: true });
  const workspaceDiagnostics = new WorkspaceDiagnostics({
    closedBriefs: () => index.diskBriefs(),
    isIndexed: (uri) => index.has(uri),
    isOpen: (uri) => documents.get(uri) !== undefined,
    analyze: (uri) =>
      guard('workspace diagnostics', undefined, () => {
        if (!conventions.settings.diagnosticsEnabled) return [];
        const text = readFileSync(uriToPath(uri) ?? '', 'utf8');
        const analysis = workspaceService.analyze({ uri, version: 0, getText: () => text });
        workspaceService.forget(uri);
        return analysis.diagnostics.map((d) => proto.diagnostic(analysis.model.lines, uri, d));
      }),
    scope: () => conventions.settings.diagnosticsScope,
    indexing: () => index.busy,
  });
  index.onFileIndexed = (uri) => workspaceDiagnostics.signal(uri);
  /** `workspace/didChangeWatchedFiles` listeners: the index, and whoever else needs file events. */
  const fileEventListeners: Array<(changes: FileEvent[]) => void> = [(changes) => index.onFileEvents(changes), () => void index.idle().then(() => workspaceDiagnostics.signal())];
  const timers = new Map<string, NodeJS.Timeout>();
  let conventions!: ConventionsWiring;

  /** Runs a handler; an exception is logged and answered with `fallback`, never a crash. */
  function guard<T>(name: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      logger.error(`${name} failed`, e);
      return fallback;
    }
  }

  connection.onInitialize((params): InitializeResult => {
    pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
    const init = (params.initializationOptions ?? {}) as Partial<ServerOptions>;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) options.debounceMs = init.debounceMs;
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    applySettings(readSettings(params.initializationOptions));
    workspace.setFolders(folders);
    conventions = new ConventionsWiring(connection, documents, workspace, conventionsCapabilities(params.capabilities), () => refreshAll('the conventions changed'));
    progressSupport = !!params.capabilities.window?.workDoneProgress;
    watchRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        // Named for the Outline's group list: this tree holds the whole brief, so it is the one to keep.
        documentSymbolProvider: { label: 'Briefmark: headings, framework, claims' },
        completionProvider: { triggerCharacters: [':', '@', '^', '{', '='] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        diagnosticProvider: pullDiagnostics ? { identifier: 'briefmark', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'briefmark-language-server', version: VERSION },
    };
  });

  // Bibliographies and source documents edited on disk: re-check the briefs that use them.
  fileEventListeners.unshift((changes) => {
    if (workspace.sourcesChanged(changes.map((c) => c.uri))) refreshAll('a bibliography or source document changed on disk');
  });

  // Source documents in PDF, HTML and Word are extracted in the background: the briefs
  // citing one are checked again when its text arrives, with progress shown when it is slow.
  const extracting = new Set<string>();
  let extractionProgress: Promise<{ report(message: string): void; done(): void } | undefined> | undefined;
  workspace.onExtraction((event, path) => {
    if (event === 'start') {
      extracting.add(path);
      if (progressSupport && !extractionProgress)
        setTimeout(() => {
          if (extracting.size === 0 || extractionProgress) return;
          extractionProgress = connection.window
            .createWorkDoneProgress()
            .then((r) => {
              r.begin('Briefmark: reading source documents', undefined, `${extracting.size} file${extracting.size > 1 ? 's' : ''}`);
              return r;
            })
            .catch(() => undefined);
        }, 500);
      return;
    }
    extracting.delete(path);
    void extractionProgress?.then((r) => {
      if (extracting.size) return r?.report(`${extracting.size} file${extracting.size > 1 ? 's' : ''} left`);
      r?.done();
      extractionProgress = undefined;
    });
    refreshAll(`source document read: ${path}`);
  });

  async function startIndexing(): Promise<void> {
    let progress: IndexProgress | undefined;
    if (progressSupport) {
      const reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
      if (reporter) progress = { begin: (t, m) => reporter.begin(t, 0, m), report: (p, m) => (m ? reporter.report(p, m) : reporter.report(p)), done: () => reporter.done() };
    }
    const started = Date.now();
    logger.log(`indexing ${folders.length} workspace folder${folders.length === 1 ? '' : 's'}: ${folders.join(', ') || '(none)'}`);
    index.start(folders, progress);
    void index.idle().then(() => {
      logger.log(`indexed ${index.size} brief${index.size === 1 ? '' : 's'} in ${Date.now() - started} ms`);
      workspaceDiagnostics.signal();
    });
  }

  // Conventions files first, so that the listeners below see the new conventions.
  fileEventListeners.unshift((changes) => conventions.onFileEvents(changes));

  /** The settings the server itself applies (the rest are the conventions wiring's): size limit, trust, extraction limits. */
  function applySettings(settings: BriefmarkSettings): void {
    if (settings.maxDocumentSize !== undefined) for (const s of [service, indexService]) s.configure({ maxDocumentSize: settings.maxDocumentSize });
    if (settings.trusted !== undefined) workspace.setTrusted(settings.trusted);
    if (settings.sources) workspace.setExtractionLimits(settings.sources);
  }

  // Workspace Trust (VS Code): only ever granted while the server runs; the client tells us.
  connection.onNotification(TRUST_NOTIFICATION, (params: { trusted?: unknown }) => {
    if (typeof params?.trusted === 'boolean') workspace.setTrusted(params.trusted);
    refreshAll();
  });

  // Figures for tests and diagnosis: heap use, how many documents are held, the trust state.
  connection.onRequest(STATS_REQUEST, () => {
    (globalThis as { gc?: () => void }).gc?.(); // only when the server runs with --expose-gc
    return { memory: process.memoryUsage(), documents: documents.all().length, trusted: workspace.isTrusted, parseThread: { ...parseThread.stats, parsing: parseThread.busyOwner } };
  });

  connection.onInitialized(() => {
    logger.log(`Briefmark language server ${VERSION} (Node ${process.version}) started; diagnostics ${pullDiagnostics ? 'pulled (document and workspace)' : 'pushed'}; workspace ${workspace.isTrusted ? 'trusted' : 'not trusted: no file outside it is read'}`);
    conventions.onSettings = (settings) => {
      logger.log(`settings in force: ${JSON.stringify(settings)}`);
      applySettings(settings);
    };
    void conventions.initialized().catch((e) => logger.error('conventions setup failed', e));
    // Only a client that announced workspace folders sends their changes (asking otherwise
    // throws, which once stopped the indexing below for such clients).
    if (workspaceFolderEvents)
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void connection.workspace.getWorkspaceFolders().then((list) => {
          folders = (list ?? []).map((f) => f.uri);
          workspace.setFolders(folders);
          refreshAll();
          void startIndexing();
        });
      });
    if (watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }] }).catch(() => undefined);
    }
    void startIndexing();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const listener of fileEventListeners) guard('didChangeWatchedFiles', undefined, () => listener(params.changes));
  });

  function diagnosticsOf(doc: TextDocument) {
    if (!conventions.settings.diagnosticsEnabled) return [];
    if (conventions.isConventionsDocument(doc.uri)) {
      const c = conventionsDiagnostics(workspace, doc.uri, doc.getText());
      return c.diagnostics.map((d) => proto.diagnostic(c.lines, doc.uri, d));
    }
    const analysis = service.analyze(doc);
    publishBibliographyProblems();
    return analysis.diagnostics.map((d) => proto.diagnostic(analysis.model.lines, doc.uri, d));
  }

  /** Problems inside bibliography files are published on those files (open or not), once per change. */
  const publishedFiles = new Map<string, string>();
  function publishBibliographyProblems(): void {
    for (const file of workspace.loadedBibliographies()) {
      const lines = new LineIndex(file.text);
      const diagnostics = bibliographyFileDiagnostics(file.bibliography.problems, file.uri).map((d) => proto.diagnostic(lines, file.uri, d));
      const key = JSON.stringify(diagnostics);
      if (publishedFiles.get(file.uri) === key) continue;
      publishedFiles.set(file.uri, key);
      void connection.sendDiagnostics({ uri: file.uri, diagnostics });
    }
  }

  async function push(uri: string): Promise<void> {
    timers.delete(uri);
    const version = documents.get(uri)?.version;
    const doc = await readyDoc(uri);
    // A newer version's push follows (or the document was closed).
    if (!doc || doc.version !== version || timers.has(uri)) return;
    const diagnostics = guard('diagnostics', [], () => diagnosticsOf(doc));
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    if (pullDiagnostics) return;
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => void push(uri), delay));
  }

  /** Everything may have changed (conventions, bibliographies, sources, settings): check the briefs again. */
  function refreshAll(reason?: string): void {
    if (reason) logger.log(`${reason}: checking the briefs again`);
    workspaceDiagnostics.environmentChanged();
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  documents.onDidOpen((e) => {
    schedule(e.document.uri, 0);
    workspaceDiagnostics.signal();
  });
  documents.onDidChangeContent((e) => schedule(e.document.uri, options.debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    parseThread.cancel(e.document.uri);
    service.forget(e.document.uri);
    index.reread(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    workspaceDiagnostics.signal();
  });

  const cancelled = (token: CancellationToken) => token.isCancellationRequested;

  connection.languages.diagnostics.on(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (cancelled(token)) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    const items = guard('diagnostics', [], () => diagnosticsOf(doc));
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.languages.diagnostics.onWorkspace((params, token, _workDone, resultProgress) => workspaceDiagnostics.handle(params, token, resultProgress));

  connection.onHover(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token) || !conventions.settings.hoverEnabled || conventions.isConventionsDocument(doc.uri)) return null;
    return guard('hover', null, () => {
      const h = service.hover(doc, doc.offsetAt(params.position));
      return h ? proto.hover(service.analyze(doc).model.lines, h) : null;
    });
  });

  connection.onDocumentSymbol(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token) || conventions.isConventionsDocument(doc.uri)) return [];
    return guard('documentSymbol', [], () => {
      const lines = service.analyze(doc).model.lines;
      return service.documentSymbols(doc).map((s) => proto.documentSymbol(lines, s));
    });
  });

  connection.onCompletion(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token)) return [];
    return guard('completion', [], () => {
      const lines = service.analyze(doc).model.lines;
      return service.completion(doc, doc.offsetAt(params.position)).map((c) => proto.completionItem(lines, c));
    });
  });

  connection.onDefinition(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token)) return [];
    return guard('definition', [], () => service.definition(doc, doc.offsetAt(params.position), (uri) => index.textOf(uri)).map((l) => proto.location(index.lines(l.uri), l)));
  });

  connection.onReferences(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc) return [];
    await index.idle();
    await openBriefsReady();
    if (cancelled(token) || !documents.get(doc.uri)) return [];
    return guard('references', [], () =>
      service.references(doc, doc.offsetAt(params.position), index.summaries(), params.context.includeDeclaration, (uri) => index.textOf(uri)).map((l) => proto.location(index.lines(l.uri), l)),
    );
  });

  connection.onPrepareRename(async (params) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc) return null;
    const r = guard('prepareRename', undefined, () => service.prepareRename(doc, doc.offsetAt(params.position)));
    if (!r) return null;
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { range: proto.range(service.analyze(doc).model.lines, r.span), placeholder: r.placeholder };
  });

  connection.onRenameRequest(async (params) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc) return null;
    await index.idle();
    await openBriefsReady();
    const r = guard('rename', undefined, () => service.rename(doc, doc.offsetAt(params.position), params.newName, index.summaries(), (uri) => index.textOf(uri)));
    if (!r) return null;
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return proto.workspaceEdit(r.edits, (uri) => index.lines(uri));
  });

  connection.onWorkspaceSymbol(async (params, token) => {
    await index.idle();
    await openBriefsReady();
    if (cancelled(token)) return [];
    // One read of each conventions file per request, however many briefs share it.
    const actorsOf = new Map<string, ActorEntry[]>();
    const actors = (uri: string) => {
      const c = workspace.conventionsFor(uri);
      const key = c.uri ?? '';
      if (!actorsOf.has(key)) actorsOf.set(key, actorsWithOrigins(c, (u) => index.textOf(u)));
      return actorsOf.get(key)!;
    };
    return guard('workspaceSymbol', [], () =>
      workspaceSymbols(params.query, index.summaries(), actors).map((s) => proto.workspaceSymbol(index.lines(s.uri), s)),
    );
  });

  connection.onCodeLens(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token)) return [];
    return guard('codeLens', [], () => {
      const lines = service.analyze(doc).model.lines;
      return service.codeLenses(doc).map((l) => proto.codeLens(lines, l));
    });
  });

  connection.onFoldingRanges(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token)) return [];
    return guard('foldingRange', [], () => {
      const lines = service.analyze(doc).model.lines;
      return service.foldingRanges(doc).map((f) => proto.foldingRange(lines, f)).filter((r) => r.endLine > r.startLine);
    });
  });
  // Over node-ipc, vscode-languageserver exits when stdin ends (stdio) or the client
  // process dies (checked every 3 s), but not when the IPC channel closes: a client that
  // disappears must not leave the server running.
  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  process.on('disconnect', () => process.exit(shutdownReceived ? 0 : 1));

  connection.onRequest(BRIEF_REPORT_METHOD, async (params: BriefReportParams, token): Promise<WireBriefReport | null> => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token)) return null;
    return guard('briefReport', null, () => {
      const analysis = service.analyze(doc);
      return toWireBriefReport(analysis.model.lines, briefReport(analysis), doc.uri, doc.version);
    });
  });

  connection.onRequest(RENDERED_CITATIONS_METHOD, async (params: RenderedCitationsParams, token): Promise<WireRenderedCitations | null> => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token)) return null;
    return guard('renderedCitations', null, () => {
      const r = service.renderedCitations(doc);
      return r ? toWireRenderedCitations(service.analyze(doc).model.lines, r, doc.uri, doc.version) : null;
    });
  });

  connection.onRequest('briefmark/exportCodebook', (params: { uri?: string }) => guard('exportCodebook', null, () => exportCodebookFor(workspace, params?.uri)));

  connection.onCodeAction(async (params, token) => {
    const doc = await readyDoc(params.textDocument.uri);
    if (!doc || cancelled(token)) return [];
    return guard('codeAction', [], () => {
      const span = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
      const lines = service.analyze(doc).model.lines;
      return service.codeActions(doc, span).map((a) => proto.codeAction(lines, doc.uri, a));
    });
  });

  documents.listen(connection);
  connection.listen();
}

process.on('uncaughtException', (e) => {
  // Logged to stderr (the client's output channel); the server keeps serving other documents.
  process.stderr.write(`briefmark: uncaught exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
});

startServer(createConnection(ProposedFeatures.all));
