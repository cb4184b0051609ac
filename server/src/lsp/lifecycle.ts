/**
 * The server's life: `initialize` (capabilities), `initialized` (settings, watchers,
 * indexing), workspace folders, file events (in a fixed order: conventions, then
 * bibliographies and source documents, then the index, then workspace diagnostics),
 * progress while source documents are read, Workspace Trust, the stats request, shutdown.
 */
import { DidChangeWatchedFilesNotification, TextDocumentSyncKind, type FileEvent, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { ConventionsWiring, conventionsCapabilities } from '../conventionsServer';
import { readSettings } from '../node/settings';
import type { IndexProgress } from '../node/workspaceIndex';
import { STATS_REQUEST, TRUST_NOTIFICATION } from '../serverSettings';
import type { ServerContext, ServerOptions } from './context';

export const VERSION = '0.1.0';

export function registerLifecycle(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onInitialize((params) => initialize(ctx, params));
  connection.onInitialized(() => initialized(ctx));
  connection.onDidChangeWatchedFiles((params) => {
    for (const listener of fileEventListeners(ctx)) ctx.guard('didChangeWatchedFiles', undefined, () => listener(params.changes));
  });
  reportExtraction(ctx);
  // Workspace Trust (VS Code): only ever granted while the server runs; the client tells us.
  connection.onNotification(TRUST_NOTIFICATION, (params: { trusted?: unknown }) => {
    if (typeof params?.trusted === 'boolean') ctx.workspace.setTrusted(params.trusted);
    ctx.refreshAll();
  });
  // Figures for tests and diagnosis: heap use, how many documents are held, the trust state, the parse thread.
  connection.onRequest(STATS_REQUEST, () => {
    (globalThis as { gc?: () => void }).gc?.(); // only when the server runs with --expose-gc
    return { memory: process.memoryUsage(), documents: ctx.documents.all().length, trusted: ctx.workspace.isTrusted, parseThread: { ...ctx.parseThread.stats, parsing: ctx.parseThread.busyOwner } };
  });
  // Over node-ipc, vscode-languageserver exits when stdin ends (stdio) or the client
  // process dies (checked every 3 s), but not when the IPC channel closes: a client that
  // disappears must not leave the server running.
  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
    ctx.parseThread.dispose();
  });
  process.on('disconnect', () => process.exit(shutdownReceived ? 0 : 1));
}

/** Who hears of changed files, in this order: conventions first, so the others see the new ones. */
function fileEventListeners(ctx: ServerContext): Array<(changes: FileEvent[]) => void> {
  return [
    (changes) => ctx.conventions.onFileEvents(changes),
    // Bibliographies and source documents edited on disk: re-check the briefs that use them.
    (changes) => {
      if (ctx.workspace.sourcesChanged(changes.map((c) => c.uri))) ctx.refreshAll('a bibliography or source document changed on disk');
    },
    (changes) => ctx.index.onFileEvents(changes),
    () => void ctx.index.idle().then(() => ctx.workspaceDiagnostics.signal()),
  ];
}

function initialize(ctx: ServerContext, params: InitializeParams): InitializeResult {
  const client = ctx.client;
  client.pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
  const init = (params.initializationOptions ?? {}) as Partial<ServerOptions>;
  if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) ctx.options.debounceMs = init.debounceMs;
  ctx.folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  ctx.applySettings(readSettings(params.initializationOptions));
  ctx.workspace.setFolders(ctx.folders);
  ctx.conventions = new ConventionsWiring(ctx.connection, ctx.documents, ctx.workspace, conventionsCapabilities(params.capabilities), () => ctx.refreshAll('the conventions changed'));
  client.progress = !!params.capabilities.window?.workDoneProgress;
  client.watchRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  client.workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
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
      diagnosticProvider: client.pullDiagnostics ? { identifier: 'briefmark', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'briefmark-language-server', version: VERSION },
  };
}

function initialized(ctx: ServerContext): void {
  const { connection, client, logger } = ctx;
  logger.log(`Briefmark language server ${VERSION} (Node ${process.version}${process.execArgv.length ? `, ${process.execArgv.join(' ')}` : ''}) started; diagnostics ${client.pullDiagnostics ? 'pulled (document and workspace)' : 'pushed'}; workspace ${ctx.workspace.isTrusted ? 'trusted' : 'not trusted: no file outside it is read'}`);
  ctx.conventions.onSettings = (settings) => {
    logger.log(`settings in force: ${JSON.stringify(settings)}`);
    ctx.applySettings(settings);
  };
  void ctx.conventions.initialized().catch((e) => logger.error('conventions setup failed', e));
  // Only a client that announced workspace folders sends their changes (asking otherwise
  // throws, which once stopped the indexing below for such clients).
  if (client.workspaceFolderEvents)
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((list) => {
        ctx.folders = (list ?? []).map((f) => f.uri);
        ctx.workspace.setFolders(ctx.folders);
        ctx.refreshAll();
        void startIndexing(ctx);
      });
    });
  if (client.watchRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }] }).catch(() => undefined);
  }
  void startIndexing(ctx);
}

async function startIndexing(ctx: ServerContext): Promise<void> {
  const { index, folders, logger } = ctx;
  let progress: IndexProgress | undefined;
  if (ctx.client.progress) {
    const reporter = await ctx.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (reporter) progress = { begin: (t, m) => reporter.begin(t, 0, m), report: (p, m) => (m ? reporter.report(p, m) : reporter.report(p)), done: () => reporter.done() };
  }
  const started = Date.now();
  logger.log(`indexing ${folders.length} workspace folder${folders.length === 1 ? '' : 's'}: ${folders.join(', ') || '(none)'}`);
  index.start(folders, progress);
  void index.idle().then(() => {
    logger.log(`indexed ${index.size} brief${index.size === 1 ? '' : 's'} in ${Date.now() - started} ms`);
    ctx.workspaceDiagnostics.signal();
  });
}

/**
 * Source documents in PDF, HTML and Word are extracted in the background: the briefs
 * citing one are checked again when its text arrives, with progress shown when it is slow.
 */
function reportExtraction(ctx: ServerContext): void {
  const extracting = new Set<string>();
  let extractionProgress: Promise<{ report(message: string): void; done(): void } | undefined> | undefined;
  const files = () => `${extracting.size} file${extracting.size > 1 ? 's' : ''}`;
  ctx.workspace.onExtraction((event, path) => {
    if (event === 'start') {
      extracting.add(path);
      if (ctx.client.progress && !extractionProgress)
        setTimeout(() => {
          if (extracting.size === 0 || extractionProgress) return;
          extractionProgress = ctx.connection.window
            .createWorkDoneProgress()
            .then((r) => {
              r.begin('Briefmark: reading source documents', undefined, files());
              return r;
            })
            .catch(() => undefined);
        }, 500);
      return;
    }
    extracting.delete(path);
    void extractionProgress?.then((r) => {
      if (extracting.size) return r?.report(`${files()} left`);
      r?.done();
      extractionProgress = undefined;
    });
    ctx.refreshAll(`source document read: ${path}`);
  });
}
