#!/usr/bin/env node
/**
 * The same e2e suite under @vscode/test-electron (`npm run test:e2e:electron`), for
 * machines that can download a VS Code build (a laptop, a hosted CI runner). It cannot
 * download here; scripts/e2e/run.mjs is the route that works on these machines.
 *
 * The extension under test is the unpacked .vsix, passed as the development path; the
 * suite is test/e2e/suite/index.ts's `run()`, which rejects when a test fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite, installPackagedExtension, prepareWorkspace } from './prepare.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'briefmark-e2e-electron-'));
let code = 1;
try {
  const { extDir } = await installPackagedExtension(join(tmp, 'extensions'), { log: (m) => console.log(`[e2e] ${m}`) });
  const suite = await buildSuite();
  const workspace = await prepareWorkspace(join(tmp, "workspace"));
  await runTests({
    version: process.env.BRIEFMARK_E2E_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: extDir,
    extensionTestsPath: join(suite, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'no-extensions')],
  });
  code = 0;
} catch (e) {
  console.error(`[e2e] FAILED: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
