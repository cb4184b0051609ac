/**
 * The shipped language server (dist/server.js) over stdio, for the benchmarks that drive
 * it: a JSON-RPC connection that answers the server's requests to the client (progress,
 * registrations, refreshes, configuration) the way a quiet editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface BenchServer {
  child: ChildProcess;
  conn: MessageConnection;
}

/**
 * Starts the server with `nodeArgs` before it (e.g. a preloaded probe); `setup` registers
 * the benchmark's own handlers before the connection listens.
 */
export function startServer(nodeArgs: string[], setup: (conn: MessageConnection) => void): BenchServer {
  const server = join(__dirname, '..', 'dist', 'server.js');
  const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  setup(conn);
  conn.onNotification('window/logMessage', () => undefined);
  for (const m of ['window/workDoneProgress/create', 'client/registerCapability', 'workspace/diagnostic/refresh']) conn.onRequest(m, () => null);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.listen();
  return { child, conn };
}
