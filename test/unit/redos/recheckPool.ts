import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostics, Parameters } from 'recheck';

/**
 * recheck's pure JavaScript checker (no Java, no native binary, no network) on a few
 * worker threads: the checks are independent and CPU-bound. recheck's own `worker`
 * backend runs one thread only.
 */
export interface CheckResult {
  status: Diagnostics['status'];
  checker?: string;
  /** `safe`/`vulnerable`: the complexity summary; `unknown`: the error. */
  summary: string;
  /** For `vulnerable`: recheck's attack string, as the expression that builds it. */
  attack?: string;
  ms: number;
}

const WORKER = `
process.env.RECHECK_BACKEND = 'pure';
const { parentPort, workerData } = require('node:worker_threads');
const { check } = require(workerData.recheck);
parentPort.on('message', async ({ id, source, flags, params }) => {
  const t0 = Date.now();
  let out;
  try {
    const d = await check(source, flags, params);
    out = {
      status: d.status,
      checker: d.checker,
      summary: d.status === 'unknown' ? d.error.kind + (d.error.message ? ': ' + d.error.message : '') : d.complexity.summary,
      attack: d.status === 'vulnerable' ? d.attack.pattern : undefined,
    };
  } catch (e) {
    out = { status: 'unknown', summary: 'exception: ' + (e && e.message) };
  }
  parentPort.postMessage({ id, result: { ...out, ms: Date.now() - t0 } });
});
`;

export async function checkAll(
  regexes: ReadonlyArray<{ source: string; flags: string }>,
  params: Parameters,
  threads = Math.max(1, Math.min(4, availableParallelism())),
): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(regexes.length);
  let next = 0;
  const recheck = require.resolve('recheck');
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const take = () => {
        if (next >= regexes.length) return resolve();
        const id = next++;
        worker.postMessage({ id, source: regexes[id].source, flags: regexes[id].flags, params });
      };
      worker.on('message', ({ id, result }: { id: number; result: CheckResult }) => {
        results[id] = result;
        take();
      });
      worker.on('error', reject);
      take();
    });
  const workers = Array.from({ length: Math.min(threads, regexes.length) }, () => new Worker(WORKER, { eval: true, workerData: { recheck }, execArgv: [] }));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
