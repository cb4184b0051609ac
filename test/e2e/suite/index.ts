/**
 * The e2e suite's entry point, independent of the launcher:
 * - `run()` is what `@vscode/test-electron` calls (`extensionTestsPath`); it rejects when a test fails;
 * - `runSuite()` is what the runner extension calls under the VS Code server route; it
 *   returns the report that scripts/e2e/run.mjs reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareScreenshotScene } from './scene';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface Report {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: TestResult[];
  error?: string;
}

export async function runSuite(options: { scene?: boolean } = { scene: true }): Promise<Report> {
  // Mocha is ESM-only since v12; load it from the repository's node_modules.
  const { default: Mocha } = (await import('mocha')) as unknown as { default: typeof import('mocha') };
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  await mocha.loadFilesAsync();
  const started = Date.now();
  const tests: TestResult[] = [];
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
  });
  if (options.scene) {
    try {
      await prepareScreenshotScene();
    } catch (e) {
      console.error('could not prepare the screenshot scene', e);
    }
  }
  const count = (s: TestResult['state']) => tests.filter((t) => t.state === s).length;
  return { passed: count('passed'), failed: count('failed'), pending: count('pending'), durationMs: Date.now() - started, tests };
}

export async function run(): Promise<void> {
  const report = await runSuite({ scene: false });
  const out = process.env.BRIEFMARK_E2E_RESULT;
  if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
  if (report.failed > 0 || report.passed === 0) throw new Error(`${report.failed} e2e test(s) failed, ${report.passed} passed`);
}
