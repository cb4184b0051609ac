import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { defaultConventions, type Conventions } from '../../server/src/core/conventions/types';
import { createBriefService, inMemoryWorkspace } from '../../server/src/core/service';
import { PART_MIN, partFacts } from '../../server/src/core/model/buildModel';
import { inline } from './fuzz/generators';
import { budget } from './helpers/budget';

/**
 * A long list, block quote or table is read part by part (model/buildModel.ts
 * `containerParts`): each item, quoted node or row a block of the model, its facts read
 * once per text. Here the model and the findings of briefs with long lists, quotes and
 * tables (with captions and source lines that source them) of every kind of part are
 * compared with each container read at once.
 */

const item = fc.oneof(
  inline.map((t) => `- ${t}`),
  fc.tuple(inline, inline).map(([a, b]) => `- ${a}\n  ${b}`),
  fc.tuple(inline, inline).map(([a, b]) => `- ${a}\n${b}`),
  fc.tuple(inline, inline).map(([a, b]) => `- ${a}\n\n  ${b}`),
  fc.tuple(inline, inline).map(([a, b]) => `- ${a}\n  - ${b}`),
  inline.map((t) => `- > ${t}`),
  inline.map((t) => `- [^n]: ${t}`),
  inline.map((t) => `- Energy Security: ${t}.[^n]`),
  inline.map((t) => `- :claim[Exports fell 40% in 2024]{src=wire} ${t}`),
  inline.map((t) => `- (@ex) ${t} @ex`),
  fc.constantFrom('- [ref]: https://example.org', '- see [ref] and [@wire, p. 4]', '- <!-- briefmark-disable-next-line possible-unsourced-assertion -->\n  Officials said exports fell 40% in 2024.', '- ```\n  code @wire\n  ```', '- | a | b |\n  |---|---|\n  | Officials said 40% | [@wire] |', '-', '- # Heading in an item', '- :::rec[Act]{id=r1 track=1}\n  Do it.\n  :::'),
);

/** A table row's cells, and tables of many rows with a caption or source line around them (which source the whole table). */
const cell = fc.oneof(inline.map((t) => t.replace(/[|\r\n]/g, ' ')), fc.constantFrom(':claim[Exports fell 40% in 2024]{src=wire}', '[@wire, p. 4]', 'Poland', '4.1%', 'Officials said exports fell 12% in 2024', '[^n]', 'a \\| b', ''));
const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cs) => `| ${cs.join(' | ')} |`);
const table = fc
  .tuple(fc.array(row, { minLength: PART_MIN, maxLength: PART_MIN + 20 }), fc.constantFrom('', 'Table 2: Exports by country [@wire]\n\n', 'Table 2: Exports by country\n\n'), fc.constantFrom('', '\nSource: customs data [@wire].\n', '\nSource: customs data.\n'), fc.constantFrom('', '> '), fc.integer({ min: 1, max: 4 }))
  .map(([rows, caption, source, quote, columns]) => {
    // Heads of one to four columns: a row's cells past them are dropped, so the same row reads otherwise under another head.
    const head = ['| Country | Figure | Claim | Note |'.split('|').slice(1, columns + 1).join('|') + '|', '|' + '---|'.repeat(columns)].map((l) => (l.startsWith('|') ? l : '|' + l));
    const lines = [...head, ...rows].map((l) => quote + l).join('\n');
    return `---\nbrief: true\nreferences:\n  - id: wire\n    title: Wire\n---\n# Brief\n\n## Context\n\n${caption}${lines}\n${source}\n[^n]: A note.\n`;
  });

const brief = fc
  .tuple(fc.array(item, { minLength: PART_MIN, maxLength: PART_MIN + 24 }), fc.constantFrom('\n', '\n\n'), fc.constantFrom('-', '*', '1.', '>'), fc.boolean(), fc.constantFrom('## Context', '## Proposed Solutions Framework\n\n### Track 1: Aid'))
  .map(([items, sep, marker, after, heading]) => {
    let n = 0;
    // A quote: each item's text quoted, a `>` line between them (so each is a node of the quote).
    const quote = (i: string) => i.replace(/^- /, '').split('\n').map((l) => `> ${l}`).join('\n');
    const list =
      marker === '>'
        ? items.map(quote).join('\n>\n')
        : items.map((i) => (marker === '-' ? i : marker === '*' ? i.replace(/^-/, '*') : i.replace(/^-/, () => `${++n}.`))).join(sep);
    return `---\nbrief: true\nreferences:\n  - id: wire\n    title: Wire\n---\n# Brief\n\n${heading}\n\n${list}\n${after ? '\nAfter the list, officials said exports fell 40% [^n].\n\n[^n]: A note.\n' : ''}`;
  });

function reading(a: Analysis): unknown {
  const m = a.model;
  return {
    claims: m.claims.map((c) => [c.directive.span, c.label, c.srcKeys, c.nearbySources, c.sentenceEnd]),
    directives: m.directives.map((d) => [d.name, d.kind, d.span, d.attributes]),
    citations: m.citations.map((c) => [c.span, c.items.map((i) => [i.key, i.keySpan])]),
    footnotes: [m.footnoteReferences, m.footnoteDefinitions],
    links: m.links,
    textBlocks: m.textBlocks.map((b) => [b.kind, b.span, b.masked, b.inListItem]),
    headings: m.headings,
    suppressions: m.suppressions,
    recommendations: m.recommendations.map((r) => [r.span, r.label, r.labelSpan, r.id]),
    actorMentions: m.actorMentions,
    diagnostics: a.diagnostics.map((d) => [d.code, d.span, d.message, d.data?.tableRow]),
  };
}

describe('long lists, block quotes and tables read part by part', () => {
  afterEach(() => void (partFacts.enabled = true));

  it('give the model and the findings of each list read at once', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 2, arbitrary: brief }, { weight: 1, arbitrary: table }), (text) => {
        partFacts.enabled = true;
        const parts = reading(analyze({ uri: 'file:///w/l.brief.md', text }));
        partFacts.enabled = false;
        const whole = reading(analyze({ uri: 'file:///w/l.brief.md', text }));
        partFacts.enabled = true;
        assert.deepEqual(parts, whole);
      }),
      { seed: Number(process.env.LIST_SEED ?? 20261205), numRuns: Number(process.env.LIST_RUNS ?? budget(300, 12)) },
    );
  });

  it('reads its parts again when the tag names change (the same parse, other conventions)', () => {
    const text = `---\nbrief: true\n---\n# B\n\n## Context\n\n${Array.from({ length: PART_MIN + 4 }, (_, i) => `- :risk[Risk ${i}] of more arrears.`).join('\n')}\n`;
    let conventions: Conventions = defaultConventions();
    const service = createBriefService({ ...inMemoryWorkspace(), conventionsFor: () => conventions });
    const tagged = (version: number) => service.analyze({ uri: 'file:///w/t.brief.md', version, getText: () => text }).model.customTags.length;
    assert.equal(tagged(1), 0);
    conventions = { ...defaultConventions(), tags: { ...defaultConventions().tags, risk: {} } } as Conventions;
    assert.equal(tagged(2), PART_MIN + 4);
  });

  it('reads a row by its table\'s head: the same row under a head of fewer columns drops its last cells', () => {
    const rows = Array.from({ length: PART_MIN + 2 }, (_, i) => `| Poland ${i} | 4.1% | Officials said exports fell ${i}% in 2024 |`).join('\n');
    const doc = (head: string) => `---\nbrief: true\n---\n# B\n\n## Context\n\n${head}\n${rows}\n`;
    const narrow = doc('| Country | Share |\n|---|---|');
    const wide = doc('| Country | Share | Note |\n|---|---|---|');
    for (const [first, second] of [[narrow, wide], [wide, narrow]]) {
      partFacts.enabled = true;
      reading(analyze({ uri: 'file:///w/t.brief.md', text: first }));
      const parts = reading(analyze({ uri: 'file:///w/t.brief.md', text: second }));
      partFacts.enabled = false;
      assert.deepEqual(parts, reading(analyze({ uri: 'file:///w/t.brief.md', text: second })));
      partFacts.enabled = true;
    }
  });
});
