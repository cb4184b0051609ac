/**
 * The Briefmark language server: wiring only. `lsp/context.ts` holds what the handlers
 * share; `lsp/lifecycle.ts` (initialize, settings, file events, indexing), `lsp/diagnostics.ts`
 * (pushed and pulled) and `lsp/requests.ts` (one line per request) register them.
 *
 * Transports: `--stdio`, `--node-ipc` (and `--socket=N`), chosen by vscode-languageserver
 * from the command line.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { StdioMessageWriter } from './lsp/jsonEncoder';
import { ServerContext } from './lsp/context';
import { DiagnosticsPublisher } from './lsp/diagnostics';
import { registerLifecycle, VERSION } from './lsp/lifecycle';
import { registerRequests } from './lsp/requests';

if (process.argv.includes('--version')) {
  process.stdout.write(`briefmark-language-server ${VERSION}\n`);
  process.exit(0);
}
const transports = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
if (process.argv.includes('--help') || !process.argv.slice(2).some((a) => transports.some((t) => a.startsWith(t)))) {
  process.stderr.write('Usage: briefmark-language-server --stdio | --node-ipc | --socket=PORT\n\nThe Briefmark language server for policy briefs in Markdown.\n');
  process.exit(process.argv.includes('--help') ? 0 : 2);
}

export function startServer(connection: Connection): void {
  const ctx = new ServerContext(connection);
  registerLifecycle(ctx);
  new DiagnosticsPublisher(ctx).register();
  registerRequests(ctx);
  ctx.documents.listen(connection);
  connection.listen();
}

process.on('uncaughtException', (e) => {
  // Logged to stderr (the client's output channel); the server keeps serving other documents.
  process.stderr.write(`briefmark: uncaught exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
});

/**
 * The transport vscode-languageserver picks from the command line; over stdio with a
 * writer of our own, which writes each message at once and each unchanged diagnostic from
 * the JSON it was last sent as (lsp/jsonEncoder.ts). The console then writes to stderr
 * (stdout carries the protocol).
 */
function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StdioMessageWriter(process.stdout);
  // The input stays a stream, so that vscode-languageserver exits when stdin ends, as with
  // `--stdio`; it takes any output that is not a stream as a message writer (checked at
  // run time, argument by argument; its typings want both or neither).
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  const toStderr = (...args: unknown[]) => void process.stderr.write(format(...args) + '\n');
  console.log = console.info = console.debug = console.warn = console.error = console.trace = toStderr;
  return connection;
}

startServer(connect());
