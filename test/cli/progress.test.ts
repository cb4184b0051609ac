import { strict as assert } from 'node:assert';
import { Progress } from '../../server/src/cli/progress';

function run(enabled: boolean, times: number[]): string {
  let out = '';
  let i = 0;
  const clock = [0, ...times];
  const p = new Progress({ total: times.length, write: (s) => (out += s), enabled, now: () => clock[Math.min(i++, clock.length - 1)] });
  times.forEach((_, k) => p.tick(k + 1));
  p.end();
  return out;
}

describe('progress on stderr', () => {
  it('stays silent for a short run', () => {
    assert.equal(run(true, [100, 200, 300]), '');
  });

  it('shows after a second, at most ten times a second, and is erased at the end', () => {
    const out = run(true, [500, 1000, 1050, 1200, 1210]);
    assert.equal(out, '\r\x1b[2Kbriefmark: checked 2/5 files (40%)' + '\r\x1b[2Kbriefmark: checked 4/5 files (80%)' + '\r\x1b[2Kbriefmark: checked 5/5 files (100%)' + '\r\x1b[2K');
  });

  it('never shows when stderr is not a terminal', () => {
    assert.equal(run(false, [5000, 6000, 7000]), '');
  });
});
