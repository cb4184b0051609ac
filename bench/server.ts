/**
 * The shipped language server (dist/server.js) over stdio, for the benchmarks that drive
 * it: a JSON-RPC connection that answers the server's requests to the client (progress,
 * registrations, refreshes, configuration) the way a quiet editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_NODE_ARGS } from '../server/src/node/serverNodeArgs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface BenchServer {
  child: ChildProcess;
  conn: MessageConnection;
}

/**
 * Starts the server with `nodeArgs` before it (e.g. a preloaded probe), after the flags the
 * VS Code client starts it with (`SERVER_NODE_ARGS`); `setup` registers
 * the benchmark's own handlers before the connection listens.
 */
export function startServer(nodeArgs: string[], setup: (conn: MessageConnection) => void): BenchServer {
  const server = join(__dirname, '..', 'dist', 'server.js');
  // BRIEFMARK_BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`) to profile the server a benchmark drives.
  const extra = process.env.BRIEFMARK_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...extra, ...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  setup(conn);
  conn.onNotification('window/logMessage', () => undefined);
  for (const m of ['window/workDoneProgress/create', 'client/registerCapability', 'workspace/diagnostic/refresh']) conn.onRequest(m, () => null);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.listen();
  return { child, conn };
}

/**
 * Stops a benchmark's server: `graceful` asks it to shut down and exit (and kills it if it
 * has not after 2 s), else it is killed at once (its work is of no more interest). `dir`,
 * the benchmark's temporary folder, is removed.
 */
export async function stopServer({ child, conn }: BenchServer, options: { graceful?: boolean; dir?: string } = {}): Promise<void> {
  if (options.graceful) {
    await conn.sendRequest('shutdown').catch(() => undefined);
    await conn.sendNotification('exit').catch(() => undefined);
  }
  conn.dispose();
  if (options.graceful) setTimeout(() => child.kill(), 2000).unref();
  else child.kill();
  if (options.dir) rmSync(options.dir, { recursive: true, force: true });
}
