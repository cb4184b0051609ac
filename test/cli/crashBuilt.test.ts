import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, CLI_FIXTURES, cleanTemps, tempDir } from './helpers';

const INJECT = join(CLI_FIXTURES, 'faults', 'inject.cjs');

/** The built CLI with the fault injector preloaded (worker processes inherit it). */
function runFaulty(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, ['--require', INJECT, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.error) throw r.error;
  return r;
}

/** 60 briefs (enough for worker processes), two of which fail inside the checker. */
function corpus(): string {
  const dir = tempDir();
  for (let i = 0; i < 60; i++) writeFileSync(join(dir, `b${String(i).padStart(2, '0')}.brief.md`), `# Brief ${i}\n\n:claim[Unsourced ${i}].\n`);
  writeFileSync(join(dir, 'm-throws.brief.md'), ':claim[Never analysed].\n');
  writeFileSync(join(dir, 'n-dies.brief.md'), ':claim[Never analysed either].\n');
  return dir;
}

describe('the built briefmark check never loses output when one file fails', () => {
  after(cleanTemps);

  for (const jobs of ['1', '2']) {
    it(`--jobs ${jobs}: each failing file is reported on stderr, every other result is printed, exit code 2`, () => {
      const dir = corpus();
      const r = runFaulty(['check', '--jobs', jobs, '--format', 'json', '.'], dir);
      assert.equal(r.status, 2, r.stderr);
      const report = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string }> }>; summary: { files: number; warnings: number } };
      const paths = report.files.map((f) => f.path);
      assert.equal(paths.length, 60, `expected the 60 healthy briefs, got ${paths.join(', ')}`);
      for (let i = 0; i < 60; i++) {
        const f = report.files.find((x) => x.path === `b${String(i).padStart(2, '0')}.brief.md`);
        assert.ok(f, `b${i} missing`);
        assert.deepEqual(f.diagnostics.map((d) => d.code), ['unsourced-claim']);
      }
      assert.equal(report.summary.warnings, 60);
      assert.match(r.stderr, /briefmark: m-throws\.brief\.md: could not be checked, an internal error \(please report it\): TypeError: injected fault/);
      if (jobs === '2') assert.match(r.stderr, /briefmark: n-dies\.brief\.md: could not be checked, an internal error \(please report it\): the worker stopped \(exit code 7\)/);
      else assert.match(r.stderr, /briefmark: n-dies\.brief\.md: cannot be read \(EIO\)/);
      assert.equal(r.stderr.match(/^briefmark: /gm)?.length, 2, r.stderr);
    });
  }

  it('text format: the failing files do not interrupt the listing, and the summary counts them', () => {
    const dir = corpus();
    const r = runFaulty(['check', '--jobs', '2', '.'], dir);
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.filter((l) => / warning unsourced-claim /.test(l)).length, 60);
    assert.match(lines[lines.length - 1], /^60 files checked: 0 errors, 60 warnings, .*; 2 paths could not be checked$/);
  });
});
