import { spawn, fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface StartOptions {
  transport: 'stdio' | 'ipc';
  /** Whether the client declares pull-diagnostics support. */
  pull: boolean;
  rootUri?: string;
  initializationOptions?: Record<string, unknown>;
  /** The `briefmark` settings section the client answers `workspace/configuration` with. */
  settings?: Record<string, unknown>;
  /** Extra server command-line arguments (e.g. `--clientProcessId=N`). */
  args?: string[];
  /** Node options for the server process (e.g. `--expose-gc`). */
  execArgv?: string[];
  /** The `processId` sent in `initialize` (default: this process). */
  processId?: number | null;
  /** A bare client: no workspace capabilities (folders, configuration, watchers), no progress. */
  bare?: boolean;
}

/** A minimal LSP client over the real server process, for protocol tests. */
export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: Array<() => void> = [];
  readonly stderr: string[] = [];
  /** `$/progress` notifications, in order. */
  readonly progress: Array<{ token: unknown; value: { kind: string; title?: string; message?: string; percentage?: number } }> = [];
  initializeResult!: InitializeResult;
  /** Capabilities the server registered dynamically (`client/registerCapability`). */
  readonly registrations: Array<{ id: string; method: string; registerOptions?: unknown }> = [];
  /** `window/logMessage` messages: what VS Code shows in the Briefmark output channel. */
  readonly logs: string[] = [];
  /** How often the server asked for `workspace/diagnostic/refresh`. */
  refreshes = 0;
  /** What `workspace/configuration` answers for the `briefmark` section. */
  settings: Record<string, unknown> | null = null;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.notify();
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    connection.onNotification('$/progress', (p: TestClient['progress'][number]) => {
      this.progress.push(p);
      this.notify();
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    connection.onRequest('client/registerCapability', (p: { registrations: Array<{ id: string; method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...p.registrations);
      this.notify();
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((i) => (i.section === 'briefmark' ? this.settings : null)));
    connection.onRequest('workspace/workspaceFolders', () => null);
    process.stderr?.on('data', (d) => this.stderr.push(String(d)));
  }

  static async start(options: StartOptions): Promise<TestClient> {
    let child: ChildProcess;
    let connection: MessageConnection;
    if (options.transport === 'stdio') {
      child = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio', ...(options.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    } else {
      child = fork(SERVER, ['--node-ipc', ...(options.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], execArgv: options.execArgv ?? [] });
      connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    }
    const client = new TestClient(child, connection);
    client.settings = options.settings ?? null;
    connection.listen();
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: options.processId === undefined ? process.pid : options.processId,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'root' }] : null,
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
        ...(options.bare
          ? {}
          : {
              workspace: { workspaceFolders: true, configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
              window: { workDoneProgress: true },
            }),
      },
      initializationOptions: { debounceMs: 10, ...(options.initializationOptions ?? {}) },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `condition` holds, checked on every notification; rejects after `timeoutMs`. */
  async waitFor<T>(what: string, condition: () => T | undefined, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = condition();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The latest diagnostics pushed for the document, once `condition` holds for them. */
  latest(uri: string, what: string, condition: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return this.waitFor(what, () => {
      const list = this.published.get(uri);
      const last = list?.[list.length - 1]?.diagnostics;
      return last && condition(last) ? last : undefined;
    });
  }

  /** Tells the server that files changed on disk (1 created, 2 changed, 3 deleted). */
  filesChanged(changes: Array<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Diagnostics pushed for this version of the document. */
  pushed(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri} v${version}`, () => this.published.get(uri)?.find((p) => p.version === version)?.diagnostics);
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  /** Any request, for the features without a helper of their own. */
  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params);
  }

  /** shutdown + exit; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.process.kill('SIGKILL');
      throw new Error('server did not exit after shutdown/exit');
    }
    return code;
  }
}

/** Position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, offset + delta);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
