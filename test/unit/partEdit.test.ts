import { strict as assert } from 'node:assert';
import { generateBrief, rng } from '../../bench/corpus';
import { chunking, parseMarkdown } from '../../server/src/core/parse/markdown';
import { budget } from './helpers/budget';

/**
 * An edit inside one item of a list, one body row of a table, or one of a run of footnote
 * definitions parses that part again, not the list, table or run (parse/partEdit.ts).
 * Checked against the whole text parsed afresh, block by block and node by node
 * (positions, tightness, numbering, cells), for edits at random places of lists, tables
 * and footnote definitions of every kind: tight and loose lists, bullets and numbers,
 * nested, with lazy lines, code, quotes, tables and task items in items, right after a
 * paragraph or a list of another marker; tables aligned or not, with escaped pipes, short
 * and long rows, rows without pipes; definitions after paragraphs, lists, quotes, tables
 * and HTML, with lazy and indented lines, definitions inside; CRLF; followed by other
 * constructs or ending the document.
 */
const item = (i: number) => `:claim[Exports rose ${i}% in 2023]{by=eu} according to the ministry [@wire, p. ${i}], and *talks* on item ${i} stalled.`;
const LISTS = [
  Array.from({ length: 30 }, (_, i) => `- ${item(i)}`).join('\n'),
  Array.from({ length: 20 }, (_, i) => `${i + 1}. ${item(i)}`).join('\n\n'),
  Array.from({ length: 12 }, (_, i) => `${i + 3}) step ${i}\n   continued line ${i}\nlazy line ${i}`).join('\n'),
  '* one\n* two\n  * nested a\n  * nested b\n\n    para in nested\n* three\n\n  ```\n  code in item\n\n  more code\n  ```\n* four\n  > quote in item\n  > more\n* five',
  '- [ ] task one\n- [x] task two\n- [ ] task three [link][ref]\n\n[ref]: https://example.org/r\n',
  '- a\n-\n- c\n- \n  d\n- e\n  | x | y |\n  | - | - |\n  | 1 | 2 |\n- f',
  ' - indented one\n - indented two\n   continued\n - indented three',
  '+ plus one\r\n+ plus two\r\n  more\r\n+ plus three\r\n',
  '- one\n- two\n# Heading after\n\nParagraph.',
  '1. one\n2. two\n3. three\n    indented code?\n4. four',
  '- one\n- two\n\n\n- three after blanks\n- four',
  '- ends the document\n- without a line ending',
  ['| Country | Claim | Note |', '| --- | :---: | ---: |', ...Array.from({ length: 25 }, (_, i) => `| Poland ${i} | ${item(i)} | note ${i} |`)].join('\n'),
  ['Country | Share', '--- | ---', ...Array.from({ length: 15 }, (_, i) => `Row ${i} | ${i}% \\| escaped | extra ${i} | cells`), 'a row without pipes', '| short |'].join('\n'),
  '| a | b |\n|---|---|\n| 1 | 2 |\r\n| 3 | 4 |\r\n| 5 | `co|de` |\n> a quote after\n',
  '  | indented | head |\n  | - | - |\n  | x | y |\n  | z | w |\n\nAfter.',
  // Lists whose first item starts right after another construct (it interrupts a
  // paragraph, or follows a list of another marker), and numbers and delimiters to edit.
  'A paragraph the list interrupts.\n1. one\n2. two\n3. three',
  'A paragraph the list interrupts.\n- one\n- two\n- three',
  '> a quote\n- one\n- two',
  '- bullets\n- more\n1. numbers after them\n2. two\n3) other delimiter\n4) four',
  '7. seven\n8. eight\n9. nine\n10. ten\n11) other',
  // Block quotes of many paragraphs, and nodes that follow one another without a `>` line.
  Array.from({ length: 12 }, (_, i) => `> Quoted paragraph ${i}: ${item(i)}\n> and its second line.`).join('\n>\n'),
  '> # A heading\n> para after it\n>\n> - a list\n> - in the quote\n>\n> ```\n> code\n>\n> ```\n>\n> > nested\n> > quote\n>\n> Lazy\ncontinuation\n>\n> Setext\n> ===\n>\n> [^q]: a note\n>\n> last',
  'A paragraph the quote interrupts.\n> 2. first\n>\n> 3. next\n>  \t\n> > deeper\n> >\n> > deeper still',
  '> one\r\n>\r\n> two\r\n>\r\n> three\r\n',
  // Footnote definitions one after another: each is a part of its block.
  '[^1]: First note [@a, p. 3].\n[^2]: Second note with [a link](https://example.org/x).\n[^3]: Third, citing [^1] again\n    and an indented continuation.\n[^4]: Fourth\nwith a lazy line.\n[^5]: Fifth.',
  'A paragraph with notes [^a] and [^b].\n[^a]: A note.\n[^b]: Another note.\n- a list after them\n- more',
  '[^a]: Note a.\n[^b]:\n[^c]: Note c, TBD.\n# A heading after',
  '[^x]: A note holding a definition\n    [ref]: https://example.org/ref\n[^y]: A note using [ref].\n[^z]: Last.',
  '[^one]: CRLF note one.\r\n[^two]: CRLF note two.\r\n[^three]: CRLF note three.\r\n',
  '> [^q]: in a quote\n> [^r]: also in it\n[^s]: after it',
  'A paragraph.\n- an item\n[^a]: After a list: 2. not a list.\n[^b]: 2) next\n| t |\n|---|\n[^c]: After a table.\n<div>\n[^d]: After HTML.\n[^e]: 3. last',
];
const SNIPPETS = ['x', 'é', ' ', ',', '.', '\n', '\n\n', '\n- ', '- ', '* * *', '1. ', '2) ', '```', '~~~', '> ', '|', '  ', '    ', '\t', '\r\n', '[', ']', '[^a]', '[ref]', ':claim[', '*', '_', '<!--', '-->', '#', '## ', '---', '===', '[x]: https://example.org/x', '0', '9', '2.', '1)', ')', '[^z]: ', ']:', '^', ''];

describe('an edit inside a list item or table row: the part parsed again, in the previous parse of its container', () => {
  it('equals the whole text parsed afresh, for edits at random places of lists and tables of every kind', function () {
    this.timeout(60_000);
    const r = rng(20261205);
    const runs = budget(1500, 120);
    let taken = 0;
    for (let n = 0; n < runs; n++) {
      const list = LISTS[n % LISTS.length];
      const before = `# Brief\n\nIntro paragraph.\n\n`;
      const after = n % 3 === 0 ? '' : n % 3 === 1 ? '\n\nA closing paragraph.\n' : '\n';
      const text = before + list + after;
      const previous = parseMarkdown(text);
      // An edit somewhere in the list: an insertion, a deletion or a replacement.
      const at = before.length + Math.floor(r() * list.length);
      const del = r() < 0.5 ? 0 : Math.floor(r() * 6);
      const ins = r() < 0.2 && del > 0 ? '' : SNIPPETS[Math.floor(r() * SNIPPETS.length)];
      const edited = text.slice(0, at) + ins + text.slice(at + del);
      const incremental = parseMarkdown(edited, previous);
      const fresh = parseMarkdown(edited);
      taken += incremental.partEdits ?? 0;
      const json = (p: typeof fresh) => JSON.stringify(p.blocks.map((b) => [b.start, b.end, b.tree]));
      if (json(incremental) !== json(fresh)) {
        assert.deepStrictEqual(
          incremental.blocks.map((b) => [b.start, b.end, b.tree]),
          fresh.blocks.map((b) => [b.start, b.end, b.tree]),
          `edit at ${at} (${JSON.stringify(text.slice(Math.max(0, at - 20), at))}|${JSON.stringify(text.slice(at, at + del))}|) inserting ${JSON.stringify(ins)}`,
        );
      }
    }
    // Most edits land inside an item and are taken: the comparison is not vacuous.
    if (process.env.BRIEFMARK_PROPERTY_REPORT) console.log(`      ${taken} of ${runs} edits took the part's parse`);
    assert.ok(taken > runs / 3, `${taken} of ${runs} edits took the part's parse`);
  });

  const long = [
    { what: 'one item of a 200-item list, not the list', body: Array.from({ length: 200 }, (_, i) => `- ${item(i)}`).join('\n'), inserts: [',', '\n', ' and more', '\n- a new item, ', ''] },
    {
      what: 'one row of a 200-row table, not the table',
      body: `| Country | Claim | Note |\n| --- | --- | --- |\n${Array.from({ length: 200 }, (_, i) => `| Poland ${i} | ${item(i)} | note ${i} |`).join('\n')}`,
      inserts: [',', ' | more', '\n', '\n| a new row |', ''],
    },
    {
      // (Each over two lines: definitions one per line are blocks of their own, parse/blocks.ts.)
      what: 'one of 200 footnote definitions, not all of them',
      body: `Notes [^n1] and [^n150].\n\n${Array.from({ length: 200 }, (_, i) => `[^n${i}]: ${item(i)}\n    See [^n${(i * 7) % 200}].`).join('\n')}`,
      inserts: [',', ' and more', '\n    continued', ''],
    },
  ];
  for (const { what, body, inserts } of long) {
    it(`parses ${what}`, () => {
      const text = `# Evidence\n\n${body}\n\nClosing.\n`;
      const previous = parseMarkdown(text);
      const at = text.indexOf('item 100 stalled') + 8;
      // An insertion, or a deletion ('').
      for (const ins of inserts) {
        const edited = ins ? text.slice(0, at) + ins + text.slice(at) : text.slice(0, at) + text.slice(at + 3);
        const next = parseMarkdown(edited, previous);
        assert.equal(next.partEdits, 1, JSON.stringify(ins));
        assert.equal(next.reparsed, 1);
        assert.deepStrictEqual(next.blocks.map((b) => b.tree), parseMarkdown(edited).blocks.map((b) => b.tree));
      }
    });
  }

  it('reads what precedes a list item or a footnote definition where it decides the parse', () => {
    // [text, where to edit (after this), inserted]: found by the random edits with other seeds.
    const cases: Array<[string, string, string]> = [
      ['Intro.\n1. one\n2. two\n', 'Intro.\n1', '2'], // 12. cannot interrupt the paragraph
      ['Intro.\n\n1. one\n2. two\n', '\n1', '5'], // the list now starts at 15
      ['Intro.\n- one\n- two\n', 'Intro.\n-', '\n'], // an empty item cannot interrupt: a setext underline
      ['- a\n1. b\n2. c\n3) d\n', '3', '.'], // 3) becomes 3., joining the list before
      ['Notes [^a].\n[^a]: A note.\n[^b]: Another.\n', '[^a]:', '2.'], // after a paragraph, 2. is no list
      ['> Quoted.\n> 1. one\n> 2. two\n\nAfter.\n', '> 1', '2'], // in a quote too: 12. continues the paragraph
      ['> Quoted.\n>\n> Second.\n> - one\n', '> -', '\n'], // an emptied item after a quoted paragraph: an underline
    ];
    // Without chunks, each blank-line-separated candidate is a block of its own.
    for (const chunks of [true, false]) {
      chunking.enabled = chunks;
      try {
        for (const [text, after, ins] of cases) {
          const at = text.indexOf(after) + after.length;
          const edited = text.slice(0, at) + ins + text.slice(at);
          const incremental = parseMarkdown(edited, parseMarkdown(text));
          assert.deepStrictEqual(incremental.blocks.map((b) => b.tree), parseMarkdown(edited).blocks.map((b) => b.tree), `${JSON.stringify(edited)}, chunks ${chunks}`);
        }
      } finally {
        chunking.enabled = true;
      }
    }
  });

  it('holds on dense generated briefs, edited anywhere', function () {
    this.timeout(60_000);
    const r = rng(7);
    const text = generateBrief({ bytes: 30_000, seed: 5, dense: true });
    const previous = parseMarkdown(text);
    for (let n = 0; n < budget(150, 6); n++) {
      const at = Math.floor(r() * text.length);
      const ins = SNIPPETS[Math.floor(r() * SNIPPETS.length)];
      const del = Math.floor(r() * 3);
      const edited = text.slice(0, at) + ins + text.slice(at + del);
      const a = parseMarkdown(edited, previous).blocks.map((b) => [b.start, b.end, b.tree]);
      const b = parseMarkdown(edited).blocks.map((b) => [b.start, b.end, b.tree]);
      if (JSON.stringify(a) !== JSON.stringify(b)) assert.deepStrictEqual(a, b, `edit at ${at} inserting ${JSON.stringify(ins)}, deleting ${del}`);
    }
  });
});
