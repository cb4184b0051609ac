/**
 * Hostile briefs (#16, docs/reliability.md): what analysing each costs per MB and how it
 * grows (256 KB → 1 MB: slope 1 is linear, 2 quadratic), and whether the server keeps
 * answering a hover on another open brief while it analyses one (the real server over
 * stdio, a hover every 20 ms from the moment the hostile brief is opened until its
 * diagnostics arrive, beside the same hovers on an idle server).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ADVERSARIAL } from '../test/unit/fuzz/generators';
import { defaultConventions } from '../server/src/core/conventions/types';
import { createBriefService, inMemoryWorkspace } from '../server/src/core/service';
import { generateBrief } from './corpus';
import { median, ms, now, percentile, sampleWhile } from './lib';
import { startServer, stopServer } from './server';

type Verdict = (ok: boolean, text: string) => void;

/** The hostile set, by the fuzz suite's names. */
export const HOSTILE_SET = ['unclosed text directives', 'one long sentence of assertions', 'bracket-at pairs', 'open braces', 'stacked block quotes', 'stacked list markers', 'one table row', 'NUL and surrogates', 'many short paragraphs', 'nested containers'];

/** The text of pattern `name` at about `bytes`. */
function textOf(name: string, bytes: number): string {
  const make = ADVERSARIAL[name as keyof typeof ADVERSARIAL];
  let n = bytes;
  let text = make(n);
  for (let i = 0; i < 3 && Math.abs(text.length - bytes) > bytes * 0.02; i++) text = make((n = Math.ceil((n * bytes) / Math.max(1, text.length))));
  return text;
}

function analysisOnce(text: string): number {
  const service = createBriefService(inMemoryWorkspace(defaultConventions(), () => 'hostile.brief.md'));
  const t = now();
  service.analyze({ uri: 'file:///bench/hostile.brief.md', version: 1, getText: () => text });
  return now() - t;
}

/**
 * The analyses of `small` and `large`, alternating (a busy moment of the machine then
 * weighs on both sides of the slope alike): the median of five pairs when the large one
 * takes under a second, else of one.
 */
function analysisPairMs(small: string, large: string): [number, number] {
  const a = [analysisOnce(small)];
  const b = [analysisOnce(large)];
  for (let i = 1; i < 5 && b[0] < 1000; i++) {
    a.push(analysisOnce(small));
    b.push(analysisOnce(large));
  }
  return [median(a), median(b)];
}

export interface HostileRow {
  name: string;
  msPerMB: number;
  slope: number;
}

export function benchHostileGrowth(verdict: Verdict, names = HOSTILE_SET): HostileRow[] {
  const rows: HostileRow[] = [];
  console.log('\nhostile briefs: analysis per MB, and growth from 256 KB to 1 MB (slope 1: linear)');
  for (const name of names) {
    analysisOnce(textOf(name, 20_000)); // warm up
    const small = textOf(name, 256_000);
    const large = textOf(name, 1_000_000);
    const [a, b] = analysisPairMs(small, large);
    const slope = Math.log(b / a) / Math.log(large.length / small.length);
    const msPerMB = b / (large.length / 1e6);
    rows.push({ name, msPerMB, slope });
    verdict(msPerMB <= 1000 && slope <= 1.1, `${name}: ${ms(msPerMB)} per MB, slope ${slope.toFixed(2)} (${ms(a)} for ${(small.length / 1e3).toFixed(0)} KB, ${ms(b)} for ${(large.length / 1e6).toFixed(2)} MB; targets ≤ 1 s per MB, slope ≤ 1.1)`);
  }
  return rows;
}

export interface ResponsivenessResult {
  hostile: string;
  analysisMs: number;
  hovers: number;
  median: number;
  p95: number;
  max: number;
  idleMedian: number;
  idleP95: number;
}

/** Hovers on an open 100 KB brief while the server analyses a hostile 1 MB one. */
export async function benchResponsiveness(verdict: Verdict, hostileName = 'unclosed text directives'): Promise<ResponsivenessResult> {
  const dir = mkdtempSync(join(tmpdir(), 'briefmark-hostile-'));
  const waiting = new Map<string, () => void>();
  const { child, conn } = startServer([], (c) =>
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      waiting.get(p.uri)?.();
      waiting.delete(p.uri);
    }),
  );
  child.stderr!.on('data', () => undefined);
  const diagnosed = (uri: string) => new Promise<void>((resolve) => waiting.set(uri, resolve));
  try {
    const rootUri = pathToFileURL(dir).href;
    await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await conn.sendNotification('initialized', {});
    const other = pathToFileURL(join(dir, 'other.brief.md')).href;
    const text = generateBrief({ bytes: 100_000, seed: 7 });
    const claimLine = text.split('\n').findIndex((l) => l.includes(':claim['));
    const position = { line: claimLine, character: text.split('\n')[claimLine].indexOf(':claim[') + 2 };
    const opened = diagnosed(other);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'markdown', version: 1, text } });
    await opened;
    const hover = async (): Promise<number> => {
      const t = now();
      const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri: other }, position });
      if (!h) throw new Error('no hover on the claim: the benchmark is not measuring hovers');
      return now() - t;
    };
    const idle: number[] = [];
    for (let i = 0; i < 50; i++) idle.push(await hover());

    const hostile = pathToFileURL(join(dir, 'hostile.brief.md')).href;
    const hostileText = textOf(hostileName, 1_000_000);
    const analysed = diagnosed(hostile);
    const t0 = now();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: hostile, languageId: 'markdown', version: 1, text: hostileText } });
    const during = await sampleWhile(analysed, hover, 20);
    const analysisMs = now() - t0;
    const result: ResponsivenessResult = { hostile: hostileName, analysisMs, hovers: during.length, median: median(during), p95: percentile(during, 95), max: Math.max(...during), idleMedian: median(idle), idleP95: percentile(idle, 95) };
    verdict(result.p95 <= 50, `hover on another open brief while a 1 MB hostile brief (${hostileName}) is analysed for ${ms(analysisMs)}: ${during.length} hovers, median ${ms(result.median)}, p95 ${ms(result.p95)}, max ${ms(result.max)} (idle server: median ${ms(result.idleMedian)}, p95 ${ms(result.idleP95)}; target p95 ≤ 50 ms)`);
    return result;
  } finally {
    await stopServer({ child, conn }, { dir, graceful: Boolean(process.env.BRIEFMARK_BENCH_NODE_ARGS) });
  }
}

if (process.argv[1]?.endsWith('hostile.ts')) {
  const verdict: Verdict = (ok, text) => console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  void (async () => {
    for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ['unclosed text directives', 'many short paragraphs']) await benchResponsiveness(verdict, name);
  })();
}
