import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parseMarkdown, parseMarkdownSteps, PREPARE, runParseJob, type ParseJob, type ParseJobResult } from '../../server/src/core/parse/markdown';
import { guardText } from '../../server/src/core/parse/guards';
import { splitBlocks } from '../../server/src/core/parse/blocks';
import { ParseThread } from '../../server/src/node/parse/parseThread';
import { BackgroundAnalysis, OFF_THREAD_MIN } from '../../server/src/lsp/backgroundAnalysis';
import { createBriefService, inMemoryWorkspace } from '../../server/src/core/service';
import { generateBrief } from '../../bench/corpus';
import { budget } from './helpers/budget';

const SCRIPT = join(__dirname, '..', 'fixtures', 'parseThread', 'worker.cjs');
const thread = () => new ParseThread(SCRIPT);
const job = (input: string): ParseJob => ({ mode: 'F', degraded: 'A', input, seeds: [] });
/** A block micromark needs a while for: unclosed directive labels on one line. */
const slow = (bytes: number) => ':claim[a '.repeat(Math.ceil(bytes / 9));

describe('the parse thread (long parses off the server\'s thread)', function () {
  this.timeout(60_000);

  it('answers a job with the same tree and definitions as a parse here', async () => {
    const t = thread();
    try {
      for (const text of [generateBrief({ bytes: 8000, seed: 2 }), '[a]: https://example.org\n\n[^1]: note\n\nText [a][^1].', '']) {
        const r = await t.run(job(text), 'file:///a.md');
        assert.deepEqual(r, runParseJob(job(text)));
      }
    } finally {
      t.dispose();
    }
  });

  it('takes no job of another document while busy, and stops a job when its document changed', async () => {
    const t = thread();
    try {
      const long = t.run(job(slow(300_000)), 'file:///slow.md');
      assert.ok(long);
      assert.equal(t.run(job('x'), 'file:///other.md'), undefined, 'another document parses on its own thread meanwhile');
      assert.ok(t.busyWith('file:///slow.md'));
      t.cancel('file:///slow.md');
      await assert.rejects(long, /cancelled/);
      // A new thread takes the next job.
      assert.deepEqual(await t.run(job('*a*'), 'file:///other.md'), runParseJob(job('*a*')));
      assert.equal(t.stats.stopped, 1);
    } finally {
      t.dispose();
    }
  });

  it('prepares a large new text (the guards\' pass and the split) as a job: the same parse, here or on the thread, and edits resume from it', async () => {
    const t = thread();
    try {
      const text = generateBrief({ bytes: budget(200_000, 120_000), seed: 5, dense: true }) + '\n\n' + ':claim['.repeat(3000) + '\n\n' + '> '.repeat(2000) + 'x\n';
      const steps = parseMarkdownSteps(text);
      let step = steps.next();
      assert.equal(step.done ? undefined : step.value.mode, PREPARE, 'the first job prepares');
      const modes: string[] = [];
      while (!step.done) {
        modes.push(step.value.mode);
        // As the server runs it: on the thread, the answer a structured clone.
        const r: ParseJobResult = step.value.mode === PREPARE ? (await t.run(step.value, 'file:///big.md'))! : runParseJob(step.value);
        step = steps.next(r);
      }
      const viaThread = step.value;
      assert.equal(modes.filter((m) => m === PREPARE).length, 1);
      const guarded = guardText(text);
      assert.deepEqual([...viaThread.guard!.marks], [...guarded.marks], 'the marks, revived from the clone');
      assert.equal(viaThread.guard!.text, guarded.text);
      assert.deepEqual(viaThread.split, splitBlocks(guarded.text));
      const here = parseMarkdown(text);
      assert.deepEqual(viaThread.blocks.map((b) => b.key), here.blocks.map((b) => b.key));
      assert.deepEqual(viaThread.blocks.map((b) => b.tree), here.blocks.map((b) => b.tree));
      // An edit resumes the guards and the split from what the thread sent (no job prepares it).
      const at = text.indexOf(':claim[') - 1;
      const edited = text.slice(0, at) + ' more words' + text.slice(at);
      const editSteps = parseMarkdownSteps(edited, viaThread);
      const editModes: string[] = [];
      let e = editSteps.next();
      while (!e.done) {
        editModes.push(e.value.mode);
        e = editSteps.next(runParseJob(e.value));
      }
      assert.ok(!editModes.includes(PREPARE));
      assert.deepEqual(e.value.blocks.map((b) => b.tree), parseMarkdown(edited).blocks.map((b) => b.tree));
      assert.ok(e.value.reparsed < e.value.blocks.length / 2, `${e.value.reparsed} of ${e.value.blocks.length} blocks parsed again`);
    } finally {
      t.dispose();
    }
  });

  it('without its script, takes nothing (the caller parses)', () => {
    assert.equal(new ParseThread('/nonexistent/parseWorker.js').run(job('x'), 'u'), undefined);
  });
});

describe('background analysis of open documents', function () {
  this.timeout(60_000);

  it('answers a request on another document while a long block is parsed on the thread', async () => {
    const t = thread();
    const service = createBriefService(inMemoryWorkspace());
    const versions = new Map<string, number>();
    const background = new BackgroundAnalysis(service, t, (uri) => versions.get(uri));
    try {
      const hostile = { uri: 'file:///w/hostile.brief.md', version: 1, getText: () => ':claim[x]\n\n' + slow(80_000) };
      const normal = { uri: 'file:///w/normal.brief.md', version: 1, getText: () => generateBrief({ bytes: 20_000, seed: 3 }) };
      versions.set(hostile.uri, 1).set(normal.uri, 1);
      const order: string[] = [];
      const a = background.ready(hostile).then(() => order.push('hostile analysed'));
      // Wait until the long block is on the thread.
      for (let i = 0; i < 2000 && !t.busyWith(hostile.uri); i++) await new Promise((r) => setTimeout(r, 5));
      assert.ok(t.busyWith(hostile.uri), 'the long block went to the thread');
      await background.ready(normal).then(() => order.push('normal analysed'));
      assert.ok(service.hover(normal, normal.getText().indexOf(':claim[') + 2), 'hover answered from the cache');
      order.push('hover answered');
      await a;
      assert.deepEqual(order, ['normal analysed', 'hover answered', 'hostile analysed']);
      // The hostile document's analysis is cached, and the same as one made here.
      const cached = service.cached(hostile);
      assert.ok(cached);
      assert.deepEqual(cached.diagnostics, createBriefService(inMemoryWorkspace()).analyze(hostile).diagnostics);
      assert.ok(hostile.getText().length > OFF_THREAD_MIN);
    } finally {
      t.dispose();
    }
  });
});
