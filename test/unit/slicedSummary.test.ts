import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdown, parseMarkdownSteps, runParseJob } from '../../server/src/core/parse/markdown';
import { createBriefService, inMemoryWorkspace, type ITextDocument } from '../../server/src/core/service';
import { generateBrief } from '../../bench/corpus';
import { budget } from './helpers/budget';

const example = readFileSync(join(__dirname, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8');
const doc = (text: string, uri = 'file:///w/a.brief.md'): ITextDocument => ({ uri, version: 0, getText: () => text });

/** The workspace index parses briefs a few blocks at a time (docs/performance.md, "Indexing"). */
describe('parsing in slices (the workspace index)', () => {
  it('parseMarkdownSteps asks for one parse job per block, and gives the same parse as parseMarkdown', () => {
    const text = generateBrief({ bytes: budget(30_000, 8_000), seed: 3 });
    const steps = parseMarkdownSteps(text);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next(runParseJob(step.value));
    }
    const whole = parseMarkdown(text);
    assert.ok(whole.blocks.length > 20, `a 30 KB brief has many blocks (${whole.blocks.length})`);
    assert.equal(pauses, whole.blocks.length);
    assert.deepEqual(step.value, whole);
  });

  it('asks only for the blocks to parse afresh when a previous parse is reused', () => {
    const text = generateBrief({ bytes: budget(20_000, 8_000), seed: 4 });
    const previous = parseMarkdown(text);
    const edited = text.replace('the', 'teh');
    const steps = parseMarkdownSteps(edited, previous);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next(runParseJob(step.value));
    }
    assert.equal(pauses, step.value.reparsed);
    assert.ok(step.value.reparsed >= 1 && step.value.reparsed < previous.blocks.length / 4, `re-parsed ${step.value.reparsed} of ${previous.blocks.length}`);
  });

  it('summaryInSlices gives the same summary as summary, waits on every promise pause returns, and parses nothing twice', async () => {
    for (const text of [example, generateBrief({ bytes: budget(40_000, 8_000), seed: 5 }), '# Not a brief\n\nJust text.\n', '']) {
      const sliced = createBriefService(inMemoryWorkspace());
      let waits = 0;
      let resolved = 0;
      const s = await sliced.summaryInSlices(doc(text), () => {
        waits++;
        return new Promise<void>((r) => setImmediate(() => (resolved++, r())));
      });
      assert.equal(resolved, waits, 'every pause was awaited');
      if (text.length > 1000) assert.ok(waits > 5, `paused ${waits} times`);
      assert.deepEqual(s, createBriefService(inMemoryWorkspace()).summary(doc(text)));
      // The analysis was cached with the sliced parse: every block of it is reused.
      assert.equal(sliced.analyze(doc(text)).parsed.reparsed, 0);
    }
  });

  it('a document above the size limit is not parsed in slices either', async () => {
    const service = createBriefService(inMemoryWorkspace(), undefined, { maxDocumentSize: 1000 });
    let pauses = 0;
    const text = ':claim[x]\n\n' + 'word '.repeat(2000);
    const s = await service.summaryInSlices(doc(text), () => void pauses++);
    assert.equal(pauses, 0);
    assert.ok(service.analyze(doc(text)).oversized);
    assert.deepEqual(s, createBriefService(inMemoryWorkspace(), undefined, { maxDocumentSize: 1000 }).summary(doc(text)));
  });
});

describe('analysis with the parses run elsewhere (analyzeAsync: the server\'s parse worker)', () => {
  /** Runs each job later, in a later turn of the event loop, as another thread would answer. */
  const later = (log: string[]) => (job: Parameters<typeof runParseJob>[0]) =>
    new Promise<ReturnType<typeof runParseJob>>((resolve) => setImmediate(() => (log.push(job.input.slice(0, 10)), resolve(runParseJob(job)))));

  it('gives the same analysis as analyze, parse for parse, and caches it', async () => {
    for (const text of [example, generateBrief({ bytes: budget(30_000, 8_000), seed: 6 }), '', ':::rec\nnever closed\n\n[^1]: a\n\nText.[^1]']) {
      const service = createBriefService(inMemoryWorkspace());
      const log: string[] = [];
      const a = await service.analyzeAsync(doc(text), later(log));
      assert.ok(a);
      const b = createBriefService(inMemoryWorkspace()).analyze(doc(text));
      assert.deepEqual(a.diagnostics, b.diagnostics);
      assert.deepEqual(a.model.claims, b.model.claims);
      assert.equal(log.length, b.parsed.reparsed, 'every parse ran through the runner');
      assert.equal(service.analyze(doc(text)), a, 'cached');
    }
  });

  it('reuses the previous version\'s blocks, and stops when the document changed meanwhile', async () => {
    const text = generateBrief({ bytes: budget(20_000, 8_000), seed: 7 });
    // Counts the analyses begun (each reads the document's conventions once).
    const base = inMemoryWorkspace();
    let begun = 0;
    const service = createBriefService({ ...base, conventionsFor: (uri) => (begun++, base.conventionsFor(uri)) });
    service.analyze({ ...doc(text), version: 1 });
    const log: string[] = [];
    const edited = text.replace('the', 'teh');
    const a = await service.analyzeAsync({ ...doc(edited), version: 2 }, later(log));
    assert.ok(a && log.length >= 1 && log.length <= 3, `parsed ${log.length} blocks again`);
    let asked = 0;
    const stopped = await service.analyzeAsync({ ...doc(edited + '\n\nMore.'), version: 3 }, later([]), () => ++asked < 1);
    assert.equal(stopped, undefined);
    assert.equal(begun, 2, 'a version that changed during its parse is not analysed at all');
    assert.equal(service.cached({ ...doc(edited), version: 2 }), a, 'the last complete analysis stays cached');
  });
});
