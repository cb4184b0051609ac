/**
 * Edit latency: a one-character change to an open 100 KB brief, analysed through the
 * service with the previous version cached (what the server does on didChange, minus the
 * debounce), against a full parse-and-analyse of the same text in the same run.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { defaultConventions } from '../server/src/core/conventions/types';
import type { SourceDocument } from '../server/src/core/rules/types';
import { createBriefService, inMemoryWorkspace, type IWorkspace } from '../server/src/core/service';
import { DENSE_SOURCE_KEY, generateBrief, rng, sourceDocumentText } from './corpus';
import { median, ms, now, time } from './lib';

export interface EditResult {
  bytes: number;
  full: number;
  incremental: number;
  ratio: number;
  reparsedBlocks: number;
  blocks: number;
  /** The share of the timed edits' time spent in garbage collection (V8's `gc` entries inside the edits). */
  gcShare: number;
}

/**
 * The workspace of the benchmarks' briefs: a dense brief's source document (`report`) is
 * there, as `sources/report.txt` would be.
 */
export function benchWorkspace(dense: boolean): IWorkspace {
  const workspace = inMemoryWorkspace();
  if (!dense) return workspace;
  const documents = new Map<string, SourceDocument>([[DENSE_SOURCE_KEY, { key: DENSE_SOURCE_KEY, uri: 'file:///bench/sources/report.txt', text: sourceDocumentText(), format: 'txt' }]]);
  return { ...workspace, conventionsFor: () => defaultConventions(), sourceDocumentsFor: () => documents };
}

/**
 * `insert`: what is typed at each edit, before a letter of prose. A letter (the default)
 * inside a word is made from the previous parse (parse/typedLetter.ts); a space, or a
 * letter at a word's edge next to punctuation, has its block parsed again.
 *
 * `long`: a section holding one list of that many items, or one table of that many rows (a
 * brief's evidence, each item or row a claim with a citation), is put before the
 * framework, in place of as many bytes of the brief, and every edit lands in it.
 */
export async function benchEdit(bytes = 100_000, edits = 60, fullRuns = 15, dense = false, insert = 'x', long?: { kind: LongKind; parts: number }): Promise<EditResult> {
  const section = long ? longSection(long.kind, long.parts) : '';
  const generated = generateBrief({ bytes: bytes - section.length, seed: 7, dense });
  const at = section ? generated.indexOf('\n## Proposed Solutions Framework') + 1 : 0;
  const text0 = section ? generated.slice(0, at) + section + generated.slice(at) : generated;
  const uri = 'file:///bench/edit.brief.md';
  const doc = (text: string, version: number) => ({ uri, version, getText: () => text });

  // The baseline: the same text analysed from scratch, with the same workspace.
  const fullTimes = time(() => void createBriefService(benchWorkspace(dense)).analyze(doc(text0, 1)), fullRuns, 3);

  const service = createBriefService(benchWorkspace(dense));
  let text = text0;
  let version = 1;
  service.analyze({ uri, version, getText: () => text });
  const r = rng(99);
  // Edit positions inside prose lines (not front matter), where typing happens.
  const bodyStart = section ? at + (long?.kind === 'footnotes' ? section.indexOf('\n[^e0]:') : 0) : text0.indexOf('\n# ');
  let bodyEnd = section ? at + section.length : text0.length;
  const times: number[] = [];
  const windows: Array<[number, number]> = [];
  const gcs: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  let reparsed = 0;
  let blocks = 0;
  for (let i = -5; i < edits; i++) {
    let at = bodyStart + Math.floor(r() * (bodyEnd - bodyStart));
    while (at < text.length && !/[a-z]/.test(text[at])) at++;
    text = text.slice(0, at) + insert + text.slice(at);
    bodyEnd = Math.min(bodyEnd + insert.length, text.length);
    version++;
    const t = now();
    const a = service.analyze(doc(text, version));
    const dt = now() - t;
    if (i >= 0) {
      times.push(dt);
      windows.push([t, t + dt]);
      reparsed += a.parsed.reparsed;
      blocks = a.parsed.blocks.length;
    }
  }
  // The observer is told of collections after the fact: let it run, then count the
  // collections (or their parts) that fell inside a timed edit.
  await new Promise((done) => setTimeout(done, 50));
  observer.disconnect();
  let gcMs = 0;
  for (const g of gcs)
    for (const [a, b] of windows) gcMs += Math.max(0, Math.min(b, g.startTime + g.duration) - Math.max(a, g.startTime));
  const full = median(fullTimes);
  const incremental = median(times);
  const total = times.reduce((x, y) => x + y, 0);
  return { bytes: text0.length, full, incremental, ratio: incremental / full, reparsedBlocks: reparsed / edits, blocks, gcShare: total > 0 ? gcMs / total : 0 };
}

export type LongKind = 'list' | 'table' | 'footnotes' | 'quote';

/**
 * A section with a list of `parts` items or a table of `parts` rows, each a claim with a
 * citation and an attribution; a block quote of `parts` such paragraphs (separated by `>`
 * lines); or a paragraph of claims sourced by footnotes and their `parts` definitions, one
 * per line (as a brief's notes are often written).
 */
function longSection(kind: LongKind, parts: number): string {
  const claim = (i: number) => `:claim[Exports to Poland rose ${i % 90}% in ${2000 + (i % 25)}][@${DENSE_SOURCE_KEY}, p. ${1 + (i % 40)}], according to the ministry`;
  if (kind === 'quote') {
    const paragraphs = Array.from({ length: parts }, (_, i) => `> Paragraph ${i} of the quoted report: ${claim(i)}, and the talks stalled again.`);
    return `## Evidence, quoted\n\n${paragraphs.join('\n>\n')}\n\n`;
  }
  if (kind === 'footnotes') {
    const calls = Array.from({ length: parts }, (_, i) => `:claim[Exports to Poland rose ${i % 90}% in ${2000 + (i % 25)}][^e${i}]`).join(', ');
    const notes = Array.from({ length: parts }, (_, i) => `[^e${i}]: Ministry of Trade, *Annual report ${2000 + (i % 25)}*, p. ${1 + (i % 40)}; the talks on note ${i} stalled again.`);
    return `## Evidence, note by note\n\n${calls}.\n\n${notes.join('\n')}\n\n`;
  }
  const lines = Array.from({ length: parts }, (_, i) => (kind === 'list' ? `- ${claim(i)}, and the talks on item ${i} stalled again.` : `| Poland ${i} | ${claim(i)} | the talks on row ${i} stalled again |`));
  const head = kind === 'table' ? '| Country | Evidence | Note |\n| --- | --- | --- |\n' : '';
  return `## Evidence, ${kind === 'list' ? 'item' : 'row'} by ${kind === 'list' ? 'item' : 'row'}\n\n${head}${lines.join('\n')}\n\n`;
}

if (process.argv[1]?.endsWith('edit.ts')) {
  void benchEdit().then((r) =>
    console.log(`edit latency on ${(r.bytes / 1000).toFixed(0)} KB (${r.blocks} blocks, ${r.reparsedBlocks.toFixed(2)} re-parsed per edit): incremental ${ms(r.incremental)} vs full ${ms(r.full)} (ratio ${r.ratio.toFixed(3)}; garbage collection ${(100 * r.gcShare).toFixed(1)}% of the edits' time)`),
  );
}
