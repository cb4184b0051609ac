import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const CLI_FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the BUILT command line (`dist/cli.js`, as `npx briefmark` does) as a child process. */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: undefined, FORCE_COLOR: '0', ...env } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temps: string[] = [];

/** A fresh temporary folder, removed after the suite (see `cleanTemps`). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefmark-cli-'));
  temps.push(dir);
  return dir;
}

/**
 * A copy of `test/fixtures/cli/<name>` in a temporary folder, so that tests can add what
 * git cannot hold (broken links, `.git`, `node_modules`, empty folders) and so that no
 * repository encloses it.
 */
export function fixtureCopy(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(CLI_FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function cleanTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}
