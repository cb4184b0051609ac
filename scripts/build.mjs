// Bundles the entry points with esbuild. unified/remark are ESM-only; bundling
// them into CommonJS files lets the same output run in VS Code's extension host (which
// loads CommonJS extensions) and under plain Node 20 (the CLI and the server binary).
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The CLI's worker threads (`briefmark check` on large repositories) load this file beside dist/cli.js.
  esbuild.build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js' }),
  // Source documents in PDF, HTML and Word are read in a process of their own, by this file
  // beside the server and the CLI: the heavy libraries load there, never at start-up.
  esbuild.build({ ...common, entryPoints: ['server/src/node/sources/extractorMain.ts'], outfile: 'dist/sourceExtractor.js' }),
  // The server's parse thread: long parses of open documents run there (node/parse/parseThread.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/node/parse/parseWorker.ts'], outfile: 'dist/parseWorker.js' }),
  // The CSL engine (citeproc-js, styles, locales), loaded by the server on the first rendered citation.
  esbuild.build({ ...common, entryPoints: ['server/src/node/citeproc/engine.ts'], outfile: 'dist/citeproc.js' }),
]);
chmodSync('dist/server.js', 0o755);
chmodSync('dist/cli.js', 0o755);
