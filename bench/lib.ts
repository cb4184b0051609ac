/** Small timing helpers shared by the benchmarks. */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the times in ms. */
export function time(fn: (i: number) => void, runs: number, warmup = Math.min(5, runs)): number[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    fn(i);
    out.push(now() - t);
  }
  return out;
}

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3)) + ' ms';

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}`;
}

/** Times `sample` again and again, `everyMs` apart, until `pending` settles: latencies measured while other work runs. */
export async function sampleWhile(pending: Promise<unknown>, sample: () => Promise<number>, everyMs: number): Promise<number[]> {
  let done = false;
  const settled = pending.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    times.push(await sample());
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await settled;
  return times;
}
