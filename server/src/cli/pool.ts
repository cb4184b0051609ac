/**
 * Runs tasks on worker threads, one task at a time per worker (so a slow file never holds
 * up a queue of others), and returns the results in the tasks' order whatever order they
 * finish in. A worker that dies (an uncaught error, an exit) loses only the task it was
 * running: that task gets `onCrash`'s result and a fresh worker takes the rest.
 */
import { Worker } from 'node:worker_threads';

export interface PoolOptions<T, R> {
  /** The worker's script; it answers `{ index, task }` messages with `{ index, result }` (see `serveTasks`). */
  script: string;
  size: number;
  workerData?: unknown;
  /** V8 heap limits of each worker (`worker_threads` `resourceLimits`). */
  resourceLimits?: import('node:worker_threads').ResourceLimits;
  onCrash(task: T, error: string): R;
  /** Called after each finished task with the number finished so far. */
  onProgress?(done: number): void;
}

interface TaskMessage<T> {
  index: number;
  task: T;
}

interface ResultMessage<R> {
  index: number;
  result: R;
}

export function runPool<T, R>(tasks: T[], options: PoolOptions<T, R>): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
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
      const worker = new Worker(options.script, { workerData: options.workerData, resourceLimits: options.resourceLimits });
      let current: number | undefined;
      let closed = false;
      const feed = () => {
        if (next < tasks.length) {
          current = next++;
          worker.postMessage({ index: current, task: tasks[current] } satisfies TaskMessage<T>);
        } else {
          current = undefined;
          closed = true;
          void worker.terminate();
        }
      };
      const fail = (error: string) => {
        if (closed) return;
        closed = true;
        void worker.terminate();
        const lost = current;
        current = undefined;
        if (next < tasks.length) startWorker(); // before `finish`, so the last result cannot resolve early
        if (lost !== undefined) finish(lost, options.onCrash(tasks[lost], error));
      };
      worker.on('message', (m: ResultMessage<R>) => {
        if (closed || m.index !== current) return;
        current = undefined;
        feed();
        finish(m.index, m.result);
      });
      worker.on('error', (e) => fail(`${e.name}: ${e.message}`));
      worker.on('messageerror', (e) => fail(`the worker's answer could not be read (${e.message})`));
      worker.on('exit', (code) => fail(`the worker thread stopped (exit code ${code})`));
      feed();
    };

    for (let i = 0; i < Math.min(Math.max(1, options.size), tasks.length); i++) startWorker();
  });
}
