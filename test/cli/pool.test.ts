import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runPool } from '../../server/src/cli/pool';
import { CLI_FIXTURES } from './helpers';

const script = join(CLI_FIXTURES, 'workers', 'echo-or-crash.js');

describe('worker pool (briefmark check on large repositories)', () => {
  it('returns results in the order of the tasks, whatever order they finish in', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) => `t${i}`);
    const seen: number[] = [];
    const results = await runPool<string, string>(tasks, { script, size: 3, onCrash: () => 'crash', onProgress: (n) => seen.push(n) });
    assert.deepEqual(results, tasks.map((t) => `done ${t}`));
    assert.deepEqual(seen, tasks.map((_, i) => i + 1));
  });

  it('a worker that dies loses only the task it was running; a new worker takes the rest', async () => {
    const tasks = ['a', 'throw', 'b', 'c', 'exit', 'd', 'e', 'throw', 'f'];
    const results = await runPool<string, string>(tasks, { script, size: 2, onCrash: (t, error) => `crash ${t}: ${error}` });
    assert.deepEqual(results, [
      'done a',
      'crash throw: Error: boom in worker',
      'done b',
      'done c',
      'crash exit: the worker stopped (exit code 3)',
      'done d',
      'done e',
      'crash throw: Error: boom in worker',
      'done f',
    ]);
  });

  it('a worker script that cannot start fails every task, and the run still ends', async () => {
    const results = await runPool<string, string>(['a', 'b', 'c'], { script: join(CLI_FIXTURES, 'workers', 'missing.js'), size: 2, onCrash: (t) => `crash ${t}` });
    assert.deepEqual(results, ['crash a', 'crash b', 'crash c']);
  });

  it('a worker that ends before its first task fails every task in turn, and the run still ends', async () => {
    const results = await runPool<string, string>(['a', 'b', 'c'], { script: join(CLI_FIXTURES, 'workers', 'exits-on-load.js'), size: 2, onCrash: (t, error) => `crash ${t}: ${error}` });
    assert.deepEqual(results, ['crash a: the worker stopped (exit code 9)', 'crash b: the worker stopped (exit code 9)', 'crash c: the worker stopped (exit code 9)']);
  });

  it('workers start with the given Node options after the parent\'s own', async () => {
    const [options] = await runPool<string, string>(['options'], { script, size: 1, execArgv: ['--max-semi-space-size=8'], onCrash: (t, error) => `crash ${t}: ${error}` });
    assert.equal(options, [...process.execArgv, '--max-semi-space-size=8'].join(' '));
  });

  it('no tasks: no workers, no results', async () => {
    assert.deepEqual(await runPool([], { script, size: 2, onCrash: () => 'x' }), []);
  });
});
