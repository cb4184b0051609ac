import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARALLEL_MIN_FILES } from '../../server/src/cli/check';
import { cleanTemps, CLI_FIXTURES, runCli, tempDir } from './helpers';

describe('briefmark check on worker threads', () => {
  let dir: string;
  before(() => {
    // A repository larger than the parallel threshold, from the fixture briefs.
    dir = tempDir();
    const sources = ['basic/briefs/energy.md', 'basic/notes/tagged.md', 'basic/report.brief.md', 'basic/notes/plain.md', 'warnings/three.brief.md'];
    for (let i = 0; i < PARALLEL_MIN_FILES + 12; i++) {
      const folder = join(dir, `part-${i % 7}`, i % 2 ? 'briefs' : 'notes');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `file-${String(i).padStart(2, '0')}.md`), readFileSync(join(CLI_FIXTURES, sources[i % sources.length])));
    }
  });
  after(cleanTemps);

  it('with --cache: a cold and a warm run on worker threads print what a serial run prints', () => {
    const serial = runCli(['check', '--jobs', '1'], dir);
    const location = join(tempDir(), 'cache.json');
    const cold = runCli(['check', '--cache-location', location], dir);
    const warm = runCli(['check', '--cache-location', location], dir);
    assert.equal(cold.stdout, serial.stdout);
    assert.equal(warm.stdout, serial.stdout);
    assert.equal(warm.status, serial.status);
  });

  for (const format of ['text', 'json', 'sarif', 'github']) {
    it(`prints exactly what a serial run prints (${format}), sorted by path`, () => {
      const serial = runCli(['check', '--format', format, '--jobs', '1'], dir);
      const parallel = runCli(['check', '--format', format, '--jobs', '2'], dir);
      const automatic = runCli(['check', '--format', format], dir);
      assert.equal(serial.status, 1);
      assert.ok(serial.stdout.length > 1000);
      assert.equal(parallel.stdout, serial.stdout);
      assert.equal(parallel.stderr, serial.stderr);
      assert.equal(parallel.status, serial.status);
      assert.equal(automatic.stdout, serial.stdout);
      if (format === 'json') {
        const paths = JSON.parse(serial.stdout).files.map((f: { path: string }) => f.path);
        assert.deepEqual(paths, [...paths].sort());
        assert.ok(paths.length > PARALLEL_MIN_FILES / 2);
      }
    });
  }
});
