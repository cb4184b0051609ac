/**
 * The Briefmark language server: wiring only. `lsp/context.ts` holds what the handlers
 * share; `lsp/lifecycle.ts` (initialize, settings, file events, indexing), `lsp/diagnostics.ts`
 * (pushed and pulled) and `lsp/requests.ts` (one line per request) register them.
 *
 * Transports: `--stdio`, `--node-ipc` (and `--socket=N`), chosen by vscode-languageserver
 * from the command line.
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
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

startServer(createConnection(ProposedFeatures.all));
