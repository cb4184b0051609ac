/**
 * Growth: full analysis and one-character edit latency against document size, each size
 * in a fresh process (`--size N`), so one size's heap does not slow the next.
 */
import { analyze } from '../server/src/core/analysis';
import { createBriefService, inMemoryWorkspace } from '../server/src/core/service';
import { generateBrief, rng } from './corpus';
import { median, now, time } from './lib';

export interface GrowthPoint {
  bytes: number;
  blocks: number;
  full: number;
  edit: number;
  fullRuns: number;
  heapAfterMB: number;
}

export function measureSize(bytes: number): GrowthPoint {
  const text0 = generateBrief({ bytes, seed: 3 });
  const uri = 'file:///bench/growth.brief.md';
  const fullRuns = Number(process.env.BENCH_FULL_RUNS) || (bytes >= 2_000_000 ? 2 : bytes >= 500_000 ? 3 : bytes >= 100_000 ? 7 : 15);
  const full = median(time(() => void analyze({ uri, text: text0, relativePath: 'growth.brief.md' }), fullRuns, bytes >= 2_000_000 ? 0 : 1));
  // No size limit here: the curve goes past the server's default of 2,000,000 characters.
  const service = createBriefService(inMemoryWorkspace(), undefined, { maxDocumentSize: Number.POSITIVE_INFINITY });
  let text = text0;
  let version = 1;
  const first = service.analyze({ uri, version, getText: () => text });
  const r = rng(7);
  const body = text0.indexOf('\n# ');
  const times: number[] = [];
  for (let i = -3; i < 25; i++) {
    let at = body + Math.floor(r() * (text.length - body));
    while (at < text.length && !/[a-z]/.test(text[at])) at++;
    text = text.slice(0, at) + 'x' + text.slice(at);
    const current = text;
    const t = now();
    service.analyze({ uri, version: ++version, getText: () => current });
    if (i >= 0) times.push(now() - t);
  }
  return { bytes: text0.length, blocks: first.parsed.blocks.length, full, edit: median(times), fullRuns, heapAfterMB: process.memoryUsage().heapUsed / 1e6 };
}

const i = process.argv.indexOf('--size');
if (i > 0) process.stdout.write(JSON.stringify(measureSize(Number(process.argv[i + 1]))) + '\n');
