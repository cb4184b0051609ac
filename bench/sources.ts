/**
 * Source documents in PDF (docs/sources.md, "Source documents"), each figure beside its
 * baseline in the same run:
 *
 * - a 100-page PDF extracted once (in its own process, as shipped: dist/sourceExtractor.js)
 *   and then served from the cache, against reading the same text from a `.txt`;
 * - the claims of a dense 100 KB brief checked against five such documents, per claim,
 *   against the same brief with no source documents;
 * - an edit on that brief with the five documents, against the same edit with none;
 * - the real server's heap once 20 such PDFs are extracted (cited by one open brief).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { analyze } from '../server/src/core/analysis';
import { defaultConventions } from '../server/src/core/conventions/types';
import type { SourceDocument } from '../server/src/core/rules/types';
import { createBriefService, type IWorkspace } from '../server/src/core/service';
import { emptyBibliography } from '../server/src/core/sources/bibliography';
import { SourceExtractor } from '../server/src/node/sources/extractor';
import { FileCache } from '../server/src/node/fileCache';
import { median, ms, now, time } from './lib';
import { rng } from './corpus';
import { startServer, stopServer } from './server';

type Verdict = (ok: boolean, text: string) => void;

const WORDS = 'the council said that growth in the energy sector slowed while exports to the union rose and the ministry estimated the cost of the programme at a level not seen since the crisis when prices for gas and electricity doubled across member states'.split(' ');

/** Page texts: sentences of report prose with figures, about 45 lines of 90 characters each. */
function pageTexts(pages: number, seed: number): string[][] {
  const r = rng(seed);
  const out: string[][] = [];
  for (let p = 0; p < pages; p++) {
    const lines: string[] = [];
    let line = '';
    while (lines.length < 45) {
      const w = r() < 0.06 ? `${Math.floor(r() * 900) + 10}${r() < 0.3 ? '%' : ''}` : WORDS[Math.floor(r() * WORDS.length)];
      if ((line + ' ' + w).length > 90) {
        lines.push(line.trim() + (r() < 0.1 ? '.' : ''));
        line = '';
      }
      line += ' ' + w;
    }
    out.push(lines);
  }
  return out;
}

async function makeReport(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((l, i) => page.drawText(l, { x: 40, y: 800 - 17 * i, size: 9, font }));
  }
  return doc.save();
}

/** A dense brief (about 4 claims per KB) whose claims quote and count from the documents, a few wrongly. */
function denseBrief(docs: Map<string, SourceDocument>, bytes: number, seed: number): string {
  const r = rng(seed);
  const keys = [...docs.keys()];
  const out = ['---', 'brief: true', 'references:', ...keys.map((k) => `  - { id: ${k}, title: Report ${k} }`), '---', '', '# Evidence', ''];
  let size = 0;
  while (size < bytes) {
    const key = keys[Math.floor(r() * keys.length)];
    const text = docs.get(key)!.text;
    const at = Math.floor(r() * (text.length - 200));
    const words = text.slice(at, at + 200).split(/\s+/).slice(1, 8).join(' ');
    const quote = r() < 0.1 ? words.replace(/\b(the|and)\b/, 'not') : words;
    const figure = `${Math.floor(r() * 900) + 10}%`;
    const para = `Analysts note that :claim[the report says "${quote}"][@${key}, p. ${1 + Math.floor(r() * 100)}] and :claim[a share of ${figure}][@${key}] in the latest round. Context follows here without a claim.`;
    out.push(para, '');
    size += para.length + 2;
  }
  return out.join('\n');
}

export interface SourcesResult {
  pages: number;
  textBytes: number;
  extractMs: number;
  cachedMs: number;
  txtReadMs: number;
  claims: number;
  perClaimMs: number;
  analysisWithMs: number;
  analysisWithoutMs: number;
  editWithMs: number;
  editWithoutMs: number;
  heapMB?: number;
}

export async function benchSources(verdict: Verdict, runs = 3, quick = false): Promise<SourcesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'briefmark-bench-sources-'));
  try {
    const pages = pageTexts(100, 1);
    const pdf = await makeReport(pages);
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, pdf);
    // Extraction, as shipped: each run a fresh extractor (no cache), so a process per run.
    const extractTimes: number[] = [];
    let extracted: { text: string; pageStarts?: number[] } | undefined;
    const script = join(__dirname, '..', 'dist', 'sourceExtractor.js');
    for (let i = 0; i < runs; i++) {
      const ex = new SourceExtractor({ script });
      const t = now();
      const s = ex.getSync(pdfPath, 'pdf');
      extractTimes.push(now() - t);
      if (s.status !== 'ready') throw new Error(`extraction failed: ${JSON.stringify(s)}`);
      extracted = s.doc;
    }
    const ex = new SourceExtractor({ script });
    ex.getSync(pdfPath, 'pdf');
    const cachedMs = median(time(() => void ex.getSync(pdfPath, 'pdf'), 20));
    const txtPath = join(dir, 'report.txt');
    writeFileSync(txtPath, extracted!.text);
    const txtReadMs = median(time(() => void new FileCache((t) => t).get(txtPath), 20));
    console.log(`\nsources: a ${pages.length}-page PDF (${(pdf.length / 1e6).toFixed(2)} MB, ${(extracted!.text.length / 1e3).toFixed(0)} KB of text)`);
    verdict(median(extractTimes) <= 2000, `100-page PDF extracted in ${ms(median(extractTimes))} median of ${runs} (its own process; target ≤ 2 s); then from the cache in ${ms(cachedMs)}; the same text read from a .txt: ${ms(txtReadMs)}`);

    // Five documents of that size, a dense brief citing them.
    const docs = new Map<string, SourceDocument>();
    for (let k = 0; k < 5; k++) {
      const text = pageTexts(100, 10 + k).map((l) => l.join('\n')).join('\n\f\n');
      const starts: number[] = [];
      let at = 0;
      for (const p of text.split('\n\f\n')) {
        starts.push(at);
        at += p.length + 3;
      }
      docs.set(`r${k}`, { key: `r${k}`, uri: `file:///sources/r${k}.pdf`, text, format: 'pdf', pageStarts: starts, textlessPages: [] });
    }
    const brief = denseBrief(docs, 100_000, 7);
    const fresh = () => new Map([...docs.values()].map((d) => [d.key, { ...d }]));
    const runsA = quick ? 3 : 7;
    // Each run with fresh document objects: nothing prepared or checked before.
    const withTimes = time(() => void analyze({ uri: 'file:///b.brief.md', text: brief }, { sourceDocuments: fresh(), oneShot: true }), runsA, 1);
    const withoutTimes = time(() => void analyze({ uri: 'file:///b.brief.md', text: brief }, { oneShot: true }), runsA, 1);
    const a = analyze({ uri: 'file:///b.brief.md', text: brief }, { sourceDocuments: fresh() });
    const claims = a.model.claims.length;
    const perClaimMs = (median(withTimes) - median(withoutTimes)) / claims;
    console.log(`sources: a ${(brief.length / 1e3).toFixed(0)} KB brief with ${claims} claims against five 100-page documents (${a.diagnostics.filter((d) => /-in-source|page-mismatch/.test(d.code)).length} findings)`);
    verdict(perClaimMs <= 5, `checking claims: ${ms(perClaimMs)} per claim (analysis ${ms(median(withTimes))} with the documents, ${ms(median(withoutTimes))} without; target ≤ 5 ms per claim)`);

    // An edit with the documents against the same edit without: the service reuses what did not change.
    const edit = (sourceDocuments: Map<string, SourceDocument>) => {
      const workspace: IWorkspace = { conventionsFor: () => defaultConventions(), relativePath: () => 'b.brief.md', bibliographyFor: () => emptyBibliography(), sourceDocumentsFor: () => sourceDocuments };
      const service = createBriefService(workspace);
      let text = brief;
      let version = 1;
      service.analyze({ uri: 'file:///b.brief.md', version, getText: () => text });
      const at = brief.indexOf('Context follows', brief.length >> 1);
      return median(
        time((i) => {
          text = text.slice(0, at) + (i % 2 ? 'x' : 'y') + text.slice(at + 1);
          version++;
          service.analyze({ uri: 'file:///b.brief.md', version, getText: () => text });
        }, quick ? 20 : 40),
      );
    };
    const editWithMs = edit(fresh());
    const editWithoutMs = edit(new Map());
    verdict(editWithMs <= 1.1 * editWithoutMs + 1, `an edit on that brief: ${ms(editWithMs)} median with the five documents, ${ms(editWithoutMs)} without (target: no slower, within 10% + 1 ms)`);

    const result: SourcesResult = { pages: pages.length, textBytes: extracted!.text.length, extractMs: median(extractTimes), cachedMs, txtReadMs, claims, perClaimMs, analysisWithMs: median(withTimes), analysisWithoutMs: median(withoutTimes), editWithMs, editWithoutMs };
    if (!quick) result.heapMB = await serverHeap(dir, pdf, verdict);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real server, one open brief citing 20 large PDFs: its heap once all are extracted. */
async function serverHeap(dir: string, pdf: Uint8Array, verdict: Verdict): Promise<number> {
  const ws = join(dir, 'ws');
  mkdirSync(join(ws, 'sources'), { recursive: true });
  const keys = Array.from({ length: 20 }, (_, i) => `doc${i}`);
  // Different bytes per file (content-addressed cache): a trailing comment makes each unique.
  keys.forEach((k, i) => writeFileSync(join(ws, 'sources', `${k}.pdf`), Buffer.concat([Buffer.from(pdf), Buffer.from(`\n% ${i}\n`)])));
  const text = ['---', 'brief: true', '---', '# A', '', ...keys.map((k) => `:claim[The share was 55%][@${k}].`), ''].join('\n');
  const uri = pathToFileURL(join(ws, 'a.brief.md')).href;
  writeFileSync(join(ws, 'a.brief.md'), text);
  const heaps: Array<{ heapUsed: number; rss: number }> = [];
  const { child, conn } = startServer(['--expose-gc', '-r', join(__dirname, 'heapProbe.cjs')], (c) => {
    c.onNotification('textDocument/publishDiagnostics', () => undefined);
    c.onNotification('$/progress', () => undefined);
  });
  child.stderr!.on('data', (d) => {
    for (const m of String(d).matchAll(/BRIEFMARK_HEAP (\{.*\})/g)) heaps.push(JSON.parse(m[1]));
  });
  try {
    const rootUri = pathToFileURL(ws).href;
    await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } } });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const t = now();
    // Every document read: the last claim's hover no longer says "still being read".
    for (;;) {
      let pending = 0;
      for (let line = 5; line < 5 + keys.length; line++) {
        const h = (await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })) as { contents?: { value?: string } } | null;
        const v = h?.contents?.value ?? '';
        if (!v.includes('Against the source') || v.includes('still being read')) pending++;
      }
      if (pending === 0) break;
      if (now() - t > 10 * 60_000) throw new Error('the PDFs were not read within 10 minutes');
      await new Promise((r) => setTimeout(r, 200));
    }
    const readMs = now() - t;
    const n = heaps.length;
    child.kill('SIGUSR2');
    const t2 = now();
    while (heaps.length === n && now() - t2 < 10_000) await new Promise((r) => setTimeout(r, 20));
    const heap = heaps[heaps.length - 1];
    const mb = heap.heapUsed / 1e6;
    verdict(mb < 300, `server heap with 20 100-page PDFs extracted (read in ${ms(readMs)}, two at a time): ${mb.toFixed(0)} MB after GC (rss ${(heap.rss / 1e6).toFixed(0)} MB; target < 300 MB)`);
    return mb;
  } finally {
    await stopServer({ child, conn }, { graceful: true });
  }
}
