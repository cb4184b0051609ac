import { strict as assert } from 'node:assert';
import { analysisSteps, analyze } from '../../server/src/core/analysis';
import { RULES, severityOf } from '../../server/src/core/rules';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { BLOCKS_PER_STEP, CHARS_PER_STEP, modelBlocks } from '../../server/src/core/model/buildModel';
import type { ParsedMarkdown } from '../../server/src/core/parse/markdown';
import { LONG_BLOCK, PLACE_STEP, placedFrom } from '../../server/src/core/rules/scope';
import type { Analysis } from '../../server/src/core/analysis';

/**
 * Where the analysis can pause (docs/performance.md): every 16 blocks of the model (fewer
 * when their facts are collected afresh), after
 * the model, after each block the block rules ran on, every `PLACE_STEP` block findings
 * placed, after each document rule.
 */
describe('the analysis in steps', function () {
  this.timeout(30_000);
  const count = (steps: ReturnType<typeof analysisSteps>) => {
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    return { pauses, analysis: step.value };
  };

  /** The model's steps: after 16 blocks, or fewer whose facts were collected afresh (not reused from `previous`) holding 2,048 characters. */
  const modelSteps = (parsed: ParsedMarkdown, previous?: ParsedMarkdown): number => {
    const reused = new Set(previous?.blocks.map((b) => b.tree));
    let steps = 0;
    let read = 0;
    let collected = 0;
    for (const block of parsed.blocks) {
      if (read === BLOCKS_PER_STEP || collected >= CHARS_PER_STEP) {
        read = collected = 0;
        steps++;
      }
      read++;
      if (!reused.has(block.tree)) collected += block.end - block.start;
    }
    return steps;
  };

  /** The steps placing block findings take: one each time `PLACE_STEP` more were placed, block by block. */
  const placing = (analysis: Analysis): number => {
    const blocks = modelBlocks(analysis.model)!.blocks;
    const ofBlock = new Array<number>(blocks.length).fill(0);
    let b = 0;
    for (const d of analysis.diagnostics.filter((x) => placedFrom(x))) {
      while (blocks[b].end <= d.span.start && b < blocks.length - 1) b++;
      ofBlock[b]++;
    }
    let steps = 0;
    let placed = 0;
    for (const n of ofBlock) {
      placed += n;
      if (placed >= PLACE_STEP) {
        placed = 0;
        steps++;
      }
    }
    return steps;
  };

  it('pauses within a long model, after it, after each block and each document rule, and gives the same result as analyze', () => {
    const text = '---\nbrief: true\n---\n' + Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} says :claim[a thing]{src=k${i % 7}}.\n`).join('\n');
    const input = { uri: 'file:///w/long.brief.md', text };
    // First, before anything analysed this text (a block's findings are kept with its parse).
    const { pauses, analysis } = count(analysisSteps(input));
    const blocks = analysis.parsed.blocks.length;
    assert.ok(blocks > 100, `${blocks} blocks (short paragraphs are parsed in chunks of about 1 KB)`);
    // A step every 16 blocks of the model, one after it, one after each block the block
    // rules run on (every block holds claims here, and none was seen before), one after
    // each document rule that runs.
    const running = RULES.filter((r) => severityOf({ conventions: defaultConventions() }, r.code) !== undefined);
    const documentRules = running.filter((r) => r.scope === 'document').length;
    assert.ok(running.length >= 10 && documentRules >= 2);
    // The model: a step every 16 blocks to collect their facts (what it places eagerly is small).
    assert.ok(modelBlocks(analysis.model)!.blocks.length > 100);
    const model = modelSteps(analysis.parsed);
    assert.ok(model > blocks / 16, `${model} steps for ${blocks} blocks of about 1 KB`);
    assert.ok(placing(analysis) >= 1);
    assert.equal(pauses, model + 1 + blocks + placing(analysis) + documentRules);
    assert.deepEqual(analysis.diagnostics, analyze(input).diagnostics);

    // The next version, one character added in the middle: only the blocks it re-parsed run the block rules again.
    const at = text.indexOf('Paragraph 1000 ');
    const edited = { ...input, text: text.slice(0, at) + 'x' + text.slice(at) };
    const next = count(analysisSteps(edited, { previous: analysis.parsed }));
    const reparsedBlocks = next.analysis.parsed.reparsed;
    assert.ok(reparsedBlocks >= 1 && reparsedBlocks <= 3, `${reparsedBlocks} blocks parsed again`);
    assert.equal(next.pauses, modelSteps(next.analysis.parsed, analysis.parsed) + 1 + reparsedBlocks + placing(next.analysis) + documentRules);
    assert.deepEqual(next.analysis.diagnostics, analyze(edited).diagnostics);
  });
});

describe('the block rules on a long block', () => {
  it('pause after each rule (one paragraph of a megabyte takes tens of milliseconds a rule), and give the result of the rules run at once', () => {
    const blockRules = RULES.filter((r) => r.scope === 'block' && severityOf({ conventions: defaultConventions() }, r.code) !== undefined).length;
    const steps = (text: string) => {
      const gen = analysisSteps({ uri: 'file:///w/long.brief.md', text });
      let pauses = 0;
      for (let step = gen.next(); !step.done; step = gen.next()) pauses++;
      return pauses;
    };
    const paragraph = (n: number) => '---\nbrief: true\n---\n\n' + 'Officials said :claim[a thing] rose by 4% in 2024 and '.repeat(Math.ceil(n / 54)) + 'more.\n';
    const long = paragraph(LONG_BLOCK + 100);
    const short = paragraph(LONG_BLOCK - 1000);
    const analysis = analyze({ uri: 'file:///w/long.brief.md', text: long });
    const blocks = modelBlocks(analysis.model)!.blocks;
    assert.ok(blocks.some((b) => b.end - b.start >= LONG_BLOCK) && !modelBlocks(analyze({ uri: 'file:///w/long.brief.md', text: short }).model)!.blocks.some((b) => b.end - b.start >= LONG_BLOCK), blocks.map((b) => b.end - b.start).join(', '));
    assert.ok(blockRules >= 8);
    // The long paragraph pauses after each block rule; the short one once, after all of them
    // (the model of the longer text may take a step more).
    const more = steps(long) - steps(short);
    assert.ok(more >= blockRules - 1 && more <= blockRules, `${more} pauses more for ${blockRules} block rules`);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'unsourced-claim'));
  });
});

describe('placed diagnostics', () => {
  it('keep the finding they were placed from hidden: no spread, JSON or deep comparison sees it, and a moved block gives a new place', () => {
    const text = '---\nbrief: true\n---\n\n# B\n\n:claim[One unsourced claim].\n\nExports fell 12% in 2024.\n';
    const a = analyze({ uri: 'file:///p.brief.md', text });
    const placed = a.diagnostics.filter((d) => placedFrom(d));
    assert.ok(placed.length >= 2, `${placed.length} placed diagnostics`);
    for (const d of placed) {
      assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(d))).sort(), Object.keys(d).sort());
      assert.equal(placedFrom({ ...d }), undefined);
      // (A placed diagnostic is an instance of its own class: compared with that prototype, a
      // copy of its fields is all of it.)
      assert.deepStrictEqual(Object.setPrototypeOf({ ...d }, Object.getPrototypeOf(d)), d);
    }
    // The same blocks one character lower: placed again at the new offsets.
    const moved = analyze({ uri: 'file:///p.brief.md', text: text.replace('# B', '# BB') });
    const again = moved.diagnostics.filter((d) => placedFrom(d));
    assert.deepEqual(again.map((d) => [d.code, d.span.start, d.span.end]), placed.map((d) => [d.code, d.span.start + 1, d.span.end + 1]));
  });
});

