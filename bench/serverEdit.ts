/**
 * Edit latency through the real language server (dist/server.js over stdio), as an editor
 * sees it: a one-character incremental `didChange` on an open 100 KB brief, timed from the
 * notification sent to the `publishDiagnostics` for that version received, with the
 * server's debounce set to 0. The baseline in the same run: the same text opened as a new
 * document (a full parse and analysis, then the same conversion and transport), timed the
 * same way. Everything between the two messages counts: applying the change to the
 * server's copy of the text, the analysis, the UTF-16 conversion, JSON and the pipe.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DENSE_SOURCE_KEY, generateBrief, rng, sourceDocumentText } from './corpus';
import { median, ms, now, percentile } from './lib';
import { startServer, stopServer } from './server';

export interface ServerEditResult {
  bytes: number;
  edits: number;
  edit: number;
  editP95: number;
  open: number;
  ratio: number;
  /** Garbage collection in the server while the edits ran, as a share of the edits' time (bench/gcProbe.cjs). */
  gcShare: number;
  /** Outline requests (`textDocument/documentSymbol`, round trip), each the first after an edit's diagnostics arrived. */
  outline?: { right: { median: number; p95: number }; paused: { median: number; p95: number }; pauseMs: number };
}

export interface ServerEditOptions {
  /** A dense brief citing a source document in the workspace's `sources/` (see `generateBrief`). */
  dense?: boolean;
  bytes?: number;
  /** What is typed at each edit (see `benchEdit`): a letter by default. */
  insert?: string;
  /** The targets the verdicts are given against. */
  targets?: { ratio: number; ms: number };
  /**
   * After the edits, this many more, each followed by an outline request: one sent as soon
   * as the diagnostics arrive, one `pauseMs` after them (an editor asks for the outline,
   * breadcrumbs and sticky scroll a little after a change, not at once).
   */
  outline?: { samples: number; pauseMs: number };
}

export async function benchServerEdit(edits: number, opens: number, verdict: (ok: boolean, text: string) => void, options: ServerEditOptions = {}): Promise<ServerEditResult> {
  const { dense = false, bytes = 100_000, targets = { ratio: 0.1, ms: 25 }, insert = 'x' } = options;
  const dir = mkdtempSync(join(tmpdir(), 'briefmark-server-edit-'));
  if (dense) {
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', `${DENSE_SOURCE_KEY}.txt`), sourceDocumentText());
  }
  const waiting = new Map<string, { version: number; resolve: () => void }>();
  const { child, conn } = startServer(['-r', join(__dirname, 'gcProbe.cjs')], (c) =>
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      const w = waiting.get(p.uri);
      if (w && p.version === w.version) {
        waiting.delete(p.uri);
        w.resolve();
      }
    }),
  );
  const gcTotals: number[] = [];
  child.stderr!.on('data', (d) => {
    for (const m of String(d).matchAll(/BRIEFMARK_GC ([\d.]+)/g)) gcTotals.push(Number(m[1]));
  });
  /** The server's garbage collection so far, in milliseconds (SIGUSR2 to bench/gcProbe.cjs). */
  const gcSoFar = async (): Promise<number> => {
    const n = gcTotals.length;
    child.kill('SIGUSR2');
    const t = now();
    while (gcTotals.length === n && now() - t < 10_000) await new Promise((done) => setTimeout(done, 5));
    if (gcTotals.length === n) throw new Error('the server did not report its garbage collection (bench/gcProbe.cjs)');
    return gcTotals[gcTotals.length - 1];
  };
  /** Sends a message and resolves with the time until the diagnostics for `version` of `uri` arrive. */
  const timed = (uri: string, version: number, send: () => Promise<void>): Promise<number> =>
    new Promise((resolve, reject) => {
      const t = now();
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 60_000);
      waiting.set(uri, {
        version,
        resolve: () => {
          clearTimeout(timer);
          resolve(now() - t);
        },
      });
      void send();
    });
  try {
    const rootUri = pathToFileURL(dir).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { workspace: { workspaceFolders: true, configuration: true } },
      initializationOptions: { debounceMs: 0 },
    });
    await conn.sendNotification('initialized', {});
    const text0 = generateBrief({ bytes, seed: 7, dense });

    // Baseline: the whole text opened as a new document, each time under a new name.
    const openTimes: number[] = [];
    for (let i = -2; i < opens; i++) {
      const uri = pathToFileURL(join(dir, `open-${i + 2}.brief.md`)).href;
      const t = await timed(uri, 1, () => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: text0 } }));
      if (i >= 0) openTimes.push(t);
      await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    const uri = pathToFileURL(join(dir, 'edit.brief.md')).href;
    let text = text0;
    let version = 1;
    await timed(uri, 1, () => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } }));
    const r = rng(99);
    const bodyStart = text0.indexOf('\n# ');
    const times: number[] = [];
    /** The text with `insert` typed before a random letter of the body, and the change that says so. */
    const typedAt = () => {
      let at = bodyStart + Math.floor(r() * (text.length - bodyStart));
      while (at < text.length && !/[a-z]/.test(text[at])) at++;
      const before = text.slice(0, at);
      const line = (before.match(/\n/g) ?? []).length;
      const character = at - (before.lastIndexOf('\n') + 1); // UTF-16 code units, as LSP counts by default
      return { text: before + insert + text.slice(at), change: { range: { start: { line, character }, end: { line, character } }, text: insert } };
    };
    let gcBefore = 0;
    for (let i = -5; i < edits; i++) {
      if (i === 0) gcBefore = await gcSoFar();
      const { text: next, change } = typedAt();
      text = next;
      version++;
      const v = version;
      const t = await timed(uri, v, () => conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] }));
      if (i >= 0) times.push(t);
    }
    // The server is idle between edits (the next is sent once the last one's diagnostics
    // arrived), so its collections meanwhile belong to the edits.
    const gcShare = (await gcSoFar() - gcBefore) / times.reduce((a, b) => a + b, 0);
    const edit = median(times);
    const open = median(openTimes);
    const result: ServerEditResult = { bytes: text0.length, edits, edit, editP95: percentile(times, 95), open, ratio: edit / open, gcShare };
    if (options.outline) {
      const { samples, pauseMs } = options.outline;
      const right: number[] = [];
      const paused: number[] = [];
      for (let i = -2; i < samples; i++) {
        for (const pause of [0, pauseMs]) {
          const at = typedAt();
          text = at.text;
          version++;
          const v = version;
          await timed(uri, v, () => conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [at.change] }));
          if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
          const t = now();
          const symbols = (await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
          const took = now() - t;
          if (!symbols.length) throw new Error('an empty outline: the benchmark is not measuring the outline');
          if (i >= 0) (pause ? paused : right).push(took);
        }
      }
      const stat = (xs: number[]) => ({ median: median(xs), p95: percentile(xs, 95) });
      result.outline = { right: stat(right), paused: stat(paused), pauseMs };
    }
    const what = `${dense ? 'dense ' : ''}${(text0.length / 1000).toFixed(0)} KB${insert === 'x' ? '' : `, typing ${JSON.stringify(insert)}`}`;
    verdict(result.ratio <= targets.ratio, `edit through the server on a ${what} brief (didChange → publishDiagnostics, debounce 0) ${ms(edit)} median, p95 ${ms(result.editP95)}, vs opening it ${ms(open)}: ratio ${result.ratio.toFixed(3)} (target ≤ ${targets.ratio})`);
    verdict(edit <= targets.ms, `edit through the server on a ${what} brief ${ms(edit)} median (target ≤ ${targets.ms} ms)`);
    if (dense) verdict(gcShare < 0.15, `garbage collection in the server during the edits of the ${what} brief: ${(100 * gcShare).toFixed(1)}% of their time (target < 15%)`);
    if (result.outline) {
      const { right, paused, pauseMs } = result.outline;
      // No target here: the round trip carries the whole outline as JSON both ways (the
      // target is the server's answer, `--only features`).
      console.log(`  outline through the server on the ${what} brief, round trip, asked ${pauseMs} ms after an edit's diagnostics: ${ms(paused.median)} median, p95 ${ms(paused.p95)}; asked at once: ${ms(right.median)} median, p95 ${ms(right.p95)}`);
    }
    return result;
  } finally {
    await stopServer({ child, conn }, { dir, graceful: Boolean(process.env.BRIEFMARK_BENCH_NODE_ARGS) });
  }
}

if (process.argv[1]?.endsWith('serverEdit.ts')) {
  void benchServerEdit(Number(process.argv[2] ?? 60), Number(process.argv[3] ?? 9), (ok, text) => console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`));
}
