/**
 * Runs tasks on worker processes, one task at a time per worker (so a slow file never holds
 * up a queue of others), and returns the results in the tasks' order whatever order they
 * finish in. A worker that dies (an uncaught error, an exit) loses only the task it was
 * running: that task gets `onCrash`'s result and a fresh worker takes the rest.
 *
 * Workers are child processes rather than threads so that they can start with their own
 * V8 options: a batch of workers that keeps every core busy spends less CPU (and less wall
 * time) with garbage collection on each worker's own thread than with V8's helper threads
 * competing with the other workers for the cores (docs/performance.md, "CI throughput").
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface PoolOptions<T, R> {
  /** The worker's script; it answers tasks as `serveTasks` does. */
  script: string;
  size: number;
  /** Handed to each worker before its first task (`serveTasks`' `start`). */
  workerData?: unknown;
  /** Node and V8 options of each worker, after the parent's own (so a `--require` preload carries over; not a debugger's port). */
  execArgv?: string[];
  onCrash(task: T, error: string): R;
  /** Called after each finished task with the number finished so far. */
  onProgress?(done: number): void;
}

/** Parent → worker: the worker's data once, then one task at a time. */
type ToWorker<T> = { data: unknown } | { index: number; task: T };
/** Worker → parent: a task's result, or the error that is about to end the worker. */
type FromWorker<R> = { index: number; result: R } | { index: number; error: string };

export function runPool<T, R>(tasks: T[], options: PoolOptions<T, R>): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  if (!existsSync(options.script)) {
    // A broken installation: no worker could start, and each would say so on stderr.
    return Promise.resolve(tasks.map((t) => options.onCrash(t, `the worker script ${options.script} is missing`)));
  }
  return new Promise((resolveAll) => {
    let next = 0;
    let done = 0;
    const finish = (index: number, result: R) => {
      results[index] = result;
      done++;
      options.onProgress?.(done);
      if (done === tasks.length) resolveAll(results);
    };

    const startWorker = () => {
      let current: number | undefined;
      let closed = false;
      const send = (m: ToWorker<T>) => {
        // A worker that has just died cannot take a message; its 'exit' event reports it.
        if (worker.connected) worker.send(m);
      };
      const feed = () => {
        if (next < tasks.length) {
          current = next++;
          send({ index: current, task: tasks[current] });
        } else {
          current = undefined;
          closed = true;
          worker.disconnect();
        }
      };
      const fail = (error: string) => {
        if (closed) return;
        closed = true;
        worker.kill();
        const lost = current;
        current = undefined;
        if (next < tasks.length) startWorker(); // before `finish`, so the last result cannot resolve early
        if (lost !== undefined) finish(lost, options.onCrash(tasks[lost], error));
      };
      const worker = fork(options.script, [], {
        execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), ...(options.execArgv ?? [])],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      worker.on('message', (m: FromWorker<R>) => {
        if (closed) return;
        // The worker is about to end, whether it failed in a task or before one.
        if ('error' in m) return fail(m.error);
        if (m.index !== current) return;
        current = undefined;
        feed();
        finish(m.index, m.result);
      });
      worker.on('error', (e) => fail(`${e.name}: ${e.message}`));
      worker.on('exit', (code, signal) => fail(`the worker stopped (${signal ? `signal ${signal}` : `exit code ${code}`})`));
      send({ data: options.workerData });
      feed();
    };

    for (let i = 0; i < Math.min(Math.max(1, options.size), tasks.length); i++) startWorker();
  });
}

/**
 * The worker's side of `runPool`: `start` receives the pool's `workerData` and returns the
 * function that answers each task. An error thrown by `start` or by a task is sent to the
 * pool (that task's crash) before the worker exits, as is any uncaught error.
 */
export function serveTasks<T, R>(start: (data: unknown) => (task: T) => R): void {
  let run: ((task: T) => R) | undefined;
  let current = -1;
  const die = (e: unknown) => {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    if (process.send && process.connected) process.send({ index: current, error }, () => process.exit(70));
    else process.exit(70);
  };
  process.on('uncaughtException', die);
  process.on('message', (m: ToWorker<T>) => {
    if ('data' in m) {
      run = start(m.data);
      return;
    }
    current = m.index;
    if (!run) throw new Error('a task came before the worker data');
    const result = run(m.task);
    process.send?.({ index: m.index, result });
  });
  // The pool disconnects when it has no more tasks: the worker then has nothing to wait for.
  process.on('disconnect', () => process.exit(0));
}
