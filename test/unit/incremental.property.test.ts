import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { defaultConventions, type Conventions } from '../../server/src/core/conventions/types';
import { buildModel } from '../../server/src/core/model/buildModel';
import { chunking, parseFragment, parseMarkdown, type ParsedMarkdown } from '../../server/src/core/parse/markdown';
import { createBriefService, inMemoryWorkspace } from '../../server/src/core/service';
import { generateBrief } from '../../bench/corpus';
import { FIXTURES } from './helpers/fixtures';
import { budget } from './helpers/budget';

/**
 * Property: analysing an edited document through the service, which reuses the previous
 * version's blocks, gives exactly what a from-scratch analysis gives, for any sequence of
 * edits. Seeded and bounded in time; BRIEFMARK_PROPERTY_MS and BRIEFMARK_PROPERTY_SEED run
 * it longer or with another seed.
 */
const BUDGET_MS = Number(process.env.BRIEFMARK_PROPERTY_MS ?? budget(6000, 400));
const SEED = Number(process.env.BRIEFMARK_PROPERTY_SEED ?? 20261122);

const conventions: Conventions = {
  ...defaultConventions(),
  actors: [
    { id: 'fr', name: 'Macron', aliases: ['the French president'] },
    { id: 'imf', name: 'the IMF' },
  ],
};

const bases: string[] = [
  generateBrief({ bytes: 1500, seed: 11 }),
  generateBrief({ bytes: 2500, seed: 12 }),
  readFileSync(join(FIXTURES, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8'),
  // Long lists, a table and a run of footnote definitions (blocks whose parts an edit
  // parses alone: parse/partEdit.ts), each right after a paragraph or a list of another marker.
  [
    '# Evidence\n\nThe list follows this paragraph directly:',
    ...Array.from({ length: 25 }, (_, i) => `${i + 1}. :claim[Exports rose ${i}% in 2023][@ref11-0, p. ${i}] and item ${i} goes on.`),
    ...Array.from({ length: 8 }, (_, i) => `${i + 26}) another delimiter, item ${i} of a second list.`),
    ...Array.from({ length: 20 }, (_, i) => `- :actor[Macron] said item ${i} stalled[^n${i}].`),
    '',
    '| Country | Claim |\n| --- | --- |',
    ...Array.from({ length: 20 }, (_, i) => `| Poland ${i} | :claim[Gas storage ${i}% full] [@ref11-1] |`),
    '',
    'Notes follow this paragraph directly:',
    ...Array.from({ length: 20 }, (_, i) => `[^n${i}]: Ministry report ${i}, p. ${i}.`),
    '',
  ].join('\n'),
  // A brief written as plain text: its sections read from its heading lines (model/headingLines.ts), a document fact.
  [
    'Executive Summary',
    'Rail moved 17% of EU inland freight in 2022, according to Eurostat.',
    'Key Events',
    '- Border Delays: freight trains waited an average of 40 minutes at borders in 2023.',
    'The Commission proposed a regulation on rail capacity in July 2023.',
    'Proposed Solutions Framework',
    'Track 1: Infrastructure',
    'Close the Gaps: :actor[Macron] said 40% of links are missing.',
    'Immediate Actions',
    '**Common Timetables:** Agree one timetable per corridor,',
    'with slots kept for freight.',
    '- Rolling Stock: Pool wagons.',
    'Track 2: Regulation',
    ':rec[One Licence]{track=1}: Recognise licences.',
    'Conclusion',
    'Rail freight grew by 3% a year between 2015 and 2019.',
    'Annex',
    'Officials said exports fell 12% in 2024.',
    '',
  ].join('\n'),
  // A long list and a long quote, each alone in its block, read part by part
  // (model/buildModel.ts `containerParts`): items that define what others use (a
  // footnote, a link), quotes, code and sublists.
  [
    '# Track record\n\n## Proposed Solutions Framework\n\n### Track 1: Aid\n',
    ...Array.from({ length: 24 }, (_, i) =>
      [
        `- Energy Security ${i}: :claim[Output fell ${i}% in 2024][^m${i % 3}], officials said.`,
        `- [^m${i % 3}]: Ministry note ${i}.`,
        `- see [ref] and @ref11-0 [p. ${i}]\n  - a sublist item ${i}`,
        `- > quoted ${i}: "the talks stalled" [@ref11-1]`,
        `- [ref]: https://example.org/${i}`,
        `- \`code ${i}\` and :actor[Macron] in 2023.`,
      ][i % 6],
    ),
    '',
    // And a long block quote, read node by node.
    ...Array.from({ length: 20 }, (_, i) => (i % 4 === 3 ? `> - quoted item ${i} [^m0]\n>` : `> Quoted paragraph ${i}: exports fell ${i}% [@ref11-0, p. ${i}].\n>`)),
    '> The end of the quote.',
    '',
  ].join('\n'),
  '# T\n\n```\ncode\n\n:claim[not a tag]\n```\n\n::::rec[Outer]\n\n:::rec[Inner]\n\ntext\n:::\n\n::::\n\n:claim[after][^a]\n\n<!--\n\n:claim[in comment]\n\n-->\n\n[^a]: def\n\n    indented code\n\n- item\n\n  continued :claim[in item][link]\n\n[link]: https://example.org\n',
];

// Snippets that change the meaning of distant text as well as ordinary typing.
const SNIPPETS = ['x', 'a', ' ', '\n', '\n\n', '.', '`', '```', '~~~', ':', ':::', '::::rec[R]', '[', ']', '^', '[^a]', '[^n11-0]: note', '@', '[@ref11-1]', '-', '- ', '1. ', '2) ', '12. ', '#', '## ', '|', '| a | b |\n| --- | --- |', '<!--', '-->', '<!-- briefmark-disable -->', '<pre>', '</pre>', '{', '}', '=', '*', '>', '    ', '---', ':claim[c]', ':claim[c]{src=ref11-0}', ':actor[Macron]', 'Macron', '[link]: https://example.org/x', '\r\n', 'É',
  // Constructs that carry across blank lines or that CommonMark resolves across blocks
  // (parse/blocks.ts): HTML blocks of kinds 3–5, a byte order mark, fences and containers
  // in list items, definitions over lines, in block quotes, list items and containers.
  '<?', '?>', '<!DOCTYPE', '<![CDATA[', ']]>', '\uFEFF', '  ```', '- ```', '  :::rec', '> ', '> [link]: https://example.org/q', '- [^a]: in item', '[link]:\n', ' "title"', '[li\nnk]', ':::rec\n[^a]: nested\n:::', ':::rec\n[link]: https://example.org/n\n:::', '\u0000',
  // Pandoc's example list items, whose labels another block's `@label` refers to.
  '\n\n(@ref11-1) ', '\n\n@ref11-0. ', '(@a) ', '@a', ' @ref11-1 [p. 4]',
  // Front matter closed by `...`, as Pandoc allows.
  '\n...\n', '...',
  // A YAML metadata block after the start (Pandoc's): metadata, not text.
  '\n\n---\nnocite: "@ref11-0"\n---\n',
  // Tables, read by rows, and the caption or source line in another block that sources one;
  // back matter and headings written as plain lines (possible-unsourced-assertion).
  '\n\n| Country | Share |\n|---|---|\n| Poland | 4.1% in 2024 |\n', '\n\nSource: Eurostat, 2024.[^a]\n\n', '\n\nTable 2: Gas storage [@ref11-0]\n\n', '## References\n', '\nKey Events\n', '\nTrack 3: Data\n', '\nShare Data: Publish delays.\n', 'Exports fell 12% in 2024. '];

type Edit = { at: number; del: number; ins: string };
const anyEdit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 200 })),
  ins: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 3 })),
});
// And replacements of the same length: every block after them keeps its offset, so the
// model reuses their placed facts (buildModel's PLACED), and must still get right what
// the edit changed about them (a track, a footnote, a line number).
const edit = fc.oneof(anyEdit, anyEdit.map((e) => ({ ...e, del: e.ins.length })));

function apply(text: string, e: { at: number; del: number; ins: string }): { text: string; e: Edit } {
  const at = Math.floor(e.at * text.length);
  return { text: text.slice(0, at) + e.ins + text.slice(at + e.del), e: { at, del: e.del, ins: e.ins } };
}

/**
 * A canonical string for a value graph: objects seen before (the model shares and links
 * objects, with cycles) are written as back references by visiting order.
 */
function serialize(value: unknown): string {
  const seen = new Map<object, number>();
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out.push(v === undefined ? 'u' : JSON.stringify(v));
      return;
    }
    const id = seen.get(v);
    if (id !== undefined) {
      out.push(`#${id}`);
      return;
    }
    seen.set(v, seen.size);
    if (Array.isArray(v)) {
      out.push('[');
      for (const x of v) visit(x), out.push(',');
      out.push(']');
      return;
    }
    if (v instanceof Map) {
      out.push('M{');
      for (const [k, x] of v) visit(k), out.push(':'), visit(x), out.push(',');
      out.push('}');
      return;
    }
    out.push('{');
    for (const k of Object.keys(v).sort()) out.push(JSON.stringify(k), ':'), visit((v as Record<string, unknown>)[k]), out.push(',');
    out.push('}');
  };
  visit(value);
  return out.join('');
}

/** What an analysis shows: its diagnostics and the whole model, without the parse. */
function observable(a: Analysis): unknown {
  const { lines, ...model } = a.model;
  return { diagnostics: a.diagnostics, failures: a.failures.map((f) => f.code), model, lines: lines.lineCount };
}

describe('incremental analysis (property)', function () {
  this.timeout(BUDGET_MS * 3 + 20000);

  it(`equals a from-scratch analysis after any sequence of edits (seed ${SEED}, ${BUDGET_MS} ms)`, () => {
    let edits = 0;
    let sequences = 0;
    const uri = 'file:///w/p.brief.md';
    const rel = () => 'p.brief.md';
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (baseIndex, steps) => {
        const service = createBriefService(inMemoryWorkspace(conventions, rel));
        sequences++;
        let text = bases[baseIndex];
        let version = 1;
        service.analyze({ uri, version, getText: () => text });
        for (const step of steps) {
          text = apply(text, step).text;
          version++;
          const current = text;
          const incremental = service.analyze({ uri, version, getText: () => current });
          const fresh = analyze({ uri, text, version, relativePath: rel() }, { conventions });
          const a = observable(incremental);
          const b = observable(fresh);
          if (serialize(a) !== serialize(b)) assert.deepStrictEqual(a, b, `after edit ${JSON.stringify(step)}`);
          // The CLI's one-piece parse gives the same analysis too.
          const c = observable(analyze({ uri, text, version, relativePath: rel() }, { conventions, oneShot: true }));
          if (serialize(c) !== serialize(b)) assert.deepStrictEqual(c, b, `one-shot, after edit ${JSON.stringify(step)}`);
          edits++;
        }
      }),
      { seed: SEED, numRuns: 100_000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false },
    );
    assert.ok(edits > 0);
    if (process.env.BRIEFMARK_PROPERTY_REPORT) console.log(`      ${sequences} edit sequences, ${edits} edits checked`);
  });

  it('blocks that did not move are reused, and still read what an edit elsewhere changed about them', () => {
    const uri = 'file:///w/r.brief.md';
    const base = [
      '# Brief',
      '',
      '<!-- briefmark-disable-next-line unsourced-claim -->',
      ':claim[A claim with a note][^n] and a [reference][ref].',
      '',
      '## Proposed Solutions Framework',
      '',
      '### Track 1: Diplomacy',
      '',
      '#### Immediate Actions',
      '',
      ':::rec[Talk]{actor=coalition}',
      'Text.',
      ':::',
      '',
      '[^n]: A source, 2020.',
      '',
      '[ref]: https://example.org/a',
      '',
    ].join('\n');
    // Same-length edits before or after the blocks they change the meaning of.
    const edits: Array<[string, string]> = [
      ['## Proposed Solutions Framework', '## Proposed Solutions Frameworx'],
      ['#### Immediate Actions', '## Xmmediate Actions'.padEnd('#### Immediate Actions'.length, 'x')],
      ['[^n]: A source, 2020.', '[^n]: TODO           '],
      ['[ref]: https://example.org/a', '[ref]: nothttps//example.org'],
      ['# Brief', '#\nBrief'],
      ['### Track 1: Diplomacy', '### Track 2: Diplomacy'],
    ];
    for (const [from, to] of edits) {
      assert.equal(from.length, to.length, from);
      const service = createBriefService(inMemoryWorkspace(conventions, () => 'r.brief.md'));
      service.analyze({ uri, version: 1, getText: () => base });
      const text = base.replace(from, to);
      const incremental = observable(service.analyze({ uri, version: 2, getText: () => text }));
      const fresh = observable(analyze({ uri, text, version: 2, relativePath: 'r.brief.md' }, { conventions }));
      if (serialize(incremental) !== serialize(fresh)) assert.deepStrictEqual(incremental, fresh, `${from} → ${to}`);
      // And back again.
      const back = observable(service.analyze({ uri, version: 3, getText: () => base }));
      const again = observable(analyze({ uri, text: base, version: 3, relativePath: 'r.brief.md' }, { conventions }));
      if (serialize(back) !== serialize(again)) assert.deepStrictEqual(back, again, `${to} → ${from}`);
    }
  });

  it('block-wise parsing gives the model a whole-document parse gives, after random edits (every candidate block alone, no chunks)', () => {
    chunking.enabled = false;
    try {
      blockwiseEqualsWhole();
    } finally {
      chunking.enabled = true;
    }
  });

  function blockwiseEqualsWhole(): void {
    const input = (text: string) => ({ uri: 'file:///w/q.brief.md', text, relativePath: 'q.brief.md' });
    const whole = (text: string): ParsedMarkdown => ({ text, blocks: [{ start: 0, end: text.length, key: text, labels: [], tree: parseFragment(text) }], reparsed: 1 });
    let texts = 0;
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 }), (baseIndex, steps) => {
        texts++;
        let text = bases[baseIndex];
        for (const step of steps) text = apply(text, step).text;
        const { lines: _a, ...blockwise } = buildModel(input(text), parseMarkdown(text), conventions);
        const { lines: _b, ...reference } = buildModel(input(text), whole(text), conventions);
        if (serialize(blockwise) !== serialize(reference)) assert.deepStrictEqual(blockwise, reference);
      }),
      { seed: SEED, numRuns: 100_000, interruptAfterTimeLimit: BUDGET_MS / 2, markInterruptAsFailure: false },
    );
    if (process.env.BRIEFMARK_PROPERTY_REPORT) console.log(`      ${texts} edited texts checked`);
  }
});
