import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/core/analysis';
import { defaultConventions, type Conventions } from '../../../server/src/core/conventions/types';
import { briefReport } from '../../../server/src/core/features/briefReport';
import { createBriefService, inMemoryWorkspace, type ITextDocument } from '../../../server/src/core/service';

/**
 * The properties every document must satisfy (docs/reliability.md): it goes through the
 * analysis and every feature of the service; no exception escapes, every span lies inside
 * the document (0 ≤ start ≤ end ≤ length, related places too), and the analysis finishes
 * in bounded time.
 */
/**
 * The analysis of one document may take at most this long: 2 s plus 0.5 ms per character
 * (the parser needs about 0.01–0.1 ms per character, so this catches hangs and blow-ups,
 * not noise on a shared 2-core machine).
 */
const limitMs = (length: number) => 2000 + 0.5 * length;

export const conventions: Conventions = {
  ...defaultConventions(),
  actors: [
    { id: 'fr-president', name: 'Emmanuel Macron', type: 'person', aliases: ['Macron', 'President Macron'] },
    { id: 'imf', name: 'IMF', type: 'organisation' },
  ],
  tags: { ...defaultConventions().tags, risk: { required: ['level'] } },
  framework: { headings: defaultConventions().framework.headings, tracks: [{ id: 'diplomatic', title: 'Diplomatic Pathway' }] },
};

/** Figures for docs/reliability.md: documents checked, characters, the slowest analysis. */
export const stats = { cases: 0, chars: 0, slowestMs: 0 };

/** Every object with numeric `start` and `end` in a result lies inside the document. */
function checkSpans(value: unknown, length: number, uri: string, where: string): void {
  const seen = new Set<object>();
  const visit = (v: unknown, path: string): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) visit(x, `${path}.${String(k)}`);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.uri === 'string' && o.uri !== uri) return; // a place in another document
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      const { start, end } = o as { start: number; end: number };
      assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length, `${where}: span ${path} = [${start}, ${end}) outside [0, ${length}]`);
    }
    for (const [k, x] of Object.entries(o)) {
      if (k === 'lines' || k === 'text' || k === 'parsed' || k === 'tree' || k === 'conventions' || k === 'bibliography' || k === 'sourceDocuments') continue;
      visit(x, `${path}.${k}`);
    }
  };
  visit(value, where);
}

/** Offsets worth asking about: every 97th character, each tag's edges, the end. */
function probeOffsets(text: string, starts: number[]): number[] {
  const out = new Set<number>([0, text.length]);
  for (let i = 0; i < text.length; i += 97) out.add(i);
  for (const s of starts) {
    out.add(s);
    out.add(Math.min(text.length, s + 1));
    out.add(Math.min(text.length, s + 3));
  }
  return [...out].slice(0, 60);
}

/** Runs the analysis and every feature on `text`; throws on a broken property. */
export function checkDocument(text: string): void {
  const uri = 'file:///fuzz/case.brief.md';
  const doc: ITextDocument = { uri, version: 1, getText: () => text };
  const service = createBriefService(inMemoryWorkspace(conventions, () => 'fuzz/case.brief.md'), { log: () => undefined, error: () => undefined });
  const started = performance.now();
  const a = service.analyze(doc);
  const ms = performance.now() - started;
  assert.ok(ms < limitMs(text.length), `the analysis took ${ms.toFixed(0)} ms for ${text.length} characters`);
  assert.deepEqual(a.failures.map((f) => `${f.code}: ${String(f.error instanceof Error ? f.error.stack : f.error)}`), [], 'no rule throws');
  checkSpans(a.diagnostics, text.length, uri, 'diagnostics');
  checkSpans(a.model, text.length, uri, 'model');
  // The same text analysed from scratch, without the block cache, gives the same diagnostics.
  const fresh = analyze({ uri, text, relativePath: 'fuzz/case.brief.md' }, { conventions });
  assert.equal(fresh.diagnostics.length, a.diagnostics.length);
  checkSpans(service.documentSymbols(doc), text.length, uri, 'documentSymbols');
  for (const s of flatten(service.documentSymbols(doc))) assert.ok(s.span.start <= s.selectionSpan.start && s.selectionSpan.end <= s.span.end, `symbol ${s.name}: selection outside its range`);
  checkSpans(service.foldingRanges(doc), text.length, uri, 'folding');
  checkSpans(service.codeLenses(doc), text.length, uri, 'codeLens');
  checkSpans(service.summary(doc), text.length, uri, 'summary');
  checkSpans(briefReport(a), text.length, uri, 'briefReport');
  const starts = a.model.directives.map((d) => d.span.start).concat(a.model.citations.map((c) => c.span.start), a.model.footnoteReferences.map((f) => f.span.start));
  for (const offset of probeOffsets(text, starts)) {
    checkSpans(service.hover(doc, offset), text.length, uri, `hover@${offset}`);
    checkSpans(service.completion(doc, offset), text.length, uri, `completion@${offset}`);
    checkSpans(service.definition(doc, offset), text.length, uri, `definition@${offset}`);
    checkSpans(service.prepareRename(doc, offset), text.length, uri, `prepareRename@${offset}`);
  }
  stats.cases++;
  stats.chars += text.length;
  stats.slowestMs = Math.max(stats.slowestMs, ms);
}

function flatten<T extends { children: T[] }>(list: readonly T[]): T[] {
  return list.flatMap((s) => [s, ...flatten(s.children)]);
}

