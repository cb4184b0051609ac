/**
 * Memory and responsiveness at scale: the real language server (dist/server.js) with the
 * generated corpus as its workspace folder. While the workspace index is built, hovers
 * are sent one after another on an open 100 KB brief and their round-trip times kept;
 * once indexing has ended, the server's heap is read after a garbage collection (through
 * a preloaded probe, bench/heapProbe.cjs).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus } from './cli';
import { generateBrief } from './corpus';
import { startServer, stopServer } from './server';
import { median, ms, now, percentile } from './lib';

export interface MemoryResult {
  files: number;
  indexMs: number;
  hoversWhileIndexing: number;
  hoverMedian: number;
  hoverP95: number;
  heapUsedMB: number;
  rssMB: number;
  heapBeforeMB: number;
}

export async function benchMemory(count: number, verdict: (ok: boolean, text: string) => void): Promise<MemoryResult> {
  const { dir, bytes } = corpus(count);
  const heaps: Array<{ heapUsed: number; rss: number }> = [];
  let stderr = '';
  let indexing = 'waiting' as 'waiting' | 'running' | 'done';
  const state = () => indexing;
  const { child, conn } = startServer(['--expose-gc', '-r', join(__dirname, 'heapProbe.cjs')], (c) => {
    c.onNotification('$/progress', (p: { value: { kind: string } }) => {
      if (p.value.kind === 'begin') indexing = 'running';
      if (p.value.kind === 'end') indexing = 'done';
    });
    c.onNotification('textDocument/publishDiagnostics', () => undefined);
  });
  child.stderr!.on('data', (d) => {
    stderr += String(d);
    for (const m of String(d).matchAll(/BRIEFMARK_HEAP (\{.*\})/g)) heaps.push(JSON.parse(m[1]));
  });
  const heap = async () => {
    const n = heaps.length;
    child.kill('SIGUSR2');
    const t = now();
    while (heaps.length === n && now() - t < 10000) await new Promise((r) => setTimeout(r, 20));
    return heaps[heaps.length - 1];
  };
  try {
    const rootUri = pathToFileURL(dir).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'corpus' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true, configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
      initializationOptions: { debounceMs: 10 },
    });
    const text = generateBrief({ bytes: 100_000, seed: 8 });
    const uri = pathToFileURL(join(dir, '..', 'open.brief.md')).href;
    // Open the brief before indexing starts, so every hover below overlaps the indexing.
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const start = now();
    await conn.sendNotification('initialized', {});
    const before = await heap();
    const lines = text.split('\n');
    const targets: Array<{ line: number; character: number }> = [];
    lines.forEach((l, line) => {
      const c = l.indexOf(':claim[');
      if (c >= 0) targets.push({ line, character: c + 3 });
    });
    const times: number[] = [];
    let i = 0;
    while (state() !== 'done' && now() - start < 30 * 60_000) {
      const during = state() === 'running';
      const t = now();
      await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: targets[i++ % targets.length] });
      if (during && state() === 'running') times.push(now() - t);
      else if (state() === 'waiting') await new Promise((r) => setTimeout(r, 5));
    }
    const indexMs = now() - start;
    const after = await heap();
    const r: MemoryResult = {
      files: count,
      indexMs,
      hoversWhileIndexing: times.length,
      hoverMedian: median(times),
      hoverP95: percentile(times, 95),
      heapUsedMB: after.heapUsed / 1e6,
      rssMB: after.rss / 1e6,
      heapBeforeMB: before.heapUsed / 1e6,
    };
    console.log(`\nserver with ${count} briefs (${(bytes / 1e6).toFixed(1)} MB) indexed in ${ms(indexMs)}; ${times.length} hovers while indexing`);
    verdict(r.heapUsedMB < 200, `server heap after indexing ${r.heapUsedMB.toFixed(0)} MB (rss ${r.rssMB.toFixed(0)} MB; ${r.heapBeforeMB.toFixed(0)} MB at start) (target < 200 MB)`);
    verdict(r.hoverP95 < 50, `hover while indexing: median ${ms(r.hoverMedian)}, p95 ${ms(r.hoverP95)} (target p95 < 50 ms)`);
    return r;
  } finally {
    await stopServer({ child, conn }, { graceful: true });
    void stderr;
  }
}

if (process.argv[1]?.endsWith('memory.ts')) {
  void benchMemory(Number(process.argv[2] ?? 1000), (ok, text) => console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`));
}
