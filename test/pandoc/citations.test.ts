import { strict as assert } from 'node:assert';
import { compareCitations, compareTexts, type CaseResult } from './compareCitations';
import { pandocVersion } from './pandoc';

/**
 * The differential test against Pandoc itself (issue: citations exactly as Pandoc reads
 * them). Generated citation texts (test/pandoc/citationCases.ts) go through
 * `pandoc -f markdown -t json` and through Briefmark's model; keys, in order, and their
 * exact spans must agree, except the differences docs/sources.md documents. The short run
 * is part of `npm test`; `npm run test:pandoc:long` runs many more cases with a fresh seed
 * (BRIEFMARK_PANDOC_CASES, BRIEFMARK_PANDOC_SEED).
 */

const LONG = process.env.BRIEFMARK_PANDOC_CASES !== undefined;
const CASES = Number(process.env.BRIEFMARK_PANDOC_CASES ?? 3000);
const SEED = Number(process.env.BRIEFMARK_PANDOC_SEED ?? (LONG ? Date.now() % 1_000_000 : 20261203));
const BATCH = 1000;

function summarise(results: CaseResult[]): string {
  const equalKeys = results.filter((r) => !r.problem && !r.documented);
  const modes = equalKeys.filter((r) => !r.modeDiffers).length;
  const extents = equalKeys.filter((r) => !r.modeDiffers && !r.spanDiffers).length;
  return `${results.length} cases: keys and key spans agree on ${equalKeys.length}, documented differences ${results.filter((r) => r.documented).length}; modes agree on ${modes}, citation extents on ${extents}`;
}

function failures(results: CaseResult[]): string {
  return results
    .filter((r) => r.problem)
    .slice(0, 10)
    .map((r) => `${r.problem}\n  text: ${JSON.stringify(r.text)}\n  pandoc:    ${r.pandoc.join(' ')}\n  briefmark: ${r.briefmark.join(' ')}`)
    .join('\n');
}

describe(`citations against Pandoc (${CASES} generated cases, seed ${SEED})`, function () {
  this.timeout(0);
  before(function () {
    console.log(`      ${pandocVersion()}`);
  });

  it('reads the keys Pandoc reads, at the same places', () => {
    const results: CaseResult[] = [];
    for (let done = 0, batch = 0; done < CASES; done += BATCH, batch++) results.push(...compareCitations(SEED + batch, Math.min(BATCH, CASES - done)));
    console.log(`      ${summarise(results)}`);
    assert.equal(results.filter((r) => r.problem).length, 0, failures(results));
    // The documented differences are rare constructs; a flood of them would hide a regression.
    assert.ok(results.filter((r) => r.documented).length <= results.length / 200, summarise(results));
    // Modes (author-in-text, normal, suppress-author) and extents are measured too.
    const equalKeys = results.filter((r) => !r.problem && !r.documented);
    assert.ok(equalKeys.filter((r) => r.modeDiffers).length <= equalKeys.length / 200, summarise(results));
    assert.ok(equalKeys.filter((r) => r.spanDiffers).length <= equalKeys.length / 200, summarise(results));
  });

  // The manual's examples and the slips the issue measured, each read by Pandoc itself.
  const WRITTEN = [
    'Blah blah [see @doe99, pp. 33-35; also @smith04, chap. 1].',
    'Blah blah [@doe99, pp. 33-35, 38-39 and passim].',
    'Blah blah [@smith04; @doe99].',
    'Smith says blah [-@smith04].',
    '@smith04 says blah.',
    '@smith04 [p. 33] says blah.',
    'Blah [@{https://example.com/bib?name=foobar&date=2000}, p. 33].',
    'w [@smith{ii, A, D-Z}, with a suffix]',
    'w [@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]',
    'w [@smith{}, 99 years later]',
    // 1. more than one key in one bracket item
    'w [@a, @b] and [@c @d] and [@e and @f] and @g@h.',
    // 2. -@ outside brackets, brackets over two lines, nested brackets
    'w as noted in -@reese, and [see\n-@a] and [see [1] -@b].',
    // 3. braced keys with :// and plain keys continued over :// and //
    'w @http://example.org/x and @a//b and [@{http://x.org/a b}] and @doi:10.1/x.y.',
    // 4. citations in link text and image alt text
    'w [@a](http://x.org) and [see @b](http://x.org) and ![@c](img.png).',
    // 5. braced-key rules
    'w @{a b} and @{a{b}c}.',
    // 6. the character before @
    'w x.@foo and *x*@a and x_@b and x\\\\@c and @@d and ...@e.',
    // 7. e-mail leftovers and footnote look-alikes
    'w a@b.c@d.e and [^@a] and mail@example.org.',
    // 8. a code span holding a `]` inside a link's text (found by the long run, seed 777)
    'w [@3`x]{.note} [i`@c` ](http://e.org) and ![@d `]` e](i.png).',
    // 9. closing tags Pandoc reads as raw HTML and CommonMark as text (found by the long run, seed 92929)
    'w </q @a> and </span\n@b]> and </q.x @c> and </q: @d> and [</q @e]> and </1 @f>.',
    // 10. a definition whose label reads as a citation is a paragraph (found by the long fuzz run, seed 27182)
    '[@a, p. 4] and [x*@e*]\n\n[@a, p. 4]: http://x.org\n\n[see -@b; @c]: http://y.org\n\n[x*@e*]: http://z.org',
    // 11. example lists: an item's label is no citation; an author-in-text key naming an item refers to it
    '@good [p. 3], @good [see @x], @good and -@good before the item; x (@c) y.\n\n(@good) An example @good.\n(@b) Next. @b [p. 4]\ncont @{good} [@good] [-@good] [see @y, and @b]\n\n- (@g) in a list, @g.\n\n> @h. in a quote\n> @i) more\n\n(@j)no space, (@k_) no label, @l.x no delimiter; @m. \n\n(@) Unnamed.\n\nText\n(@n) not an item.',
    // 12. a braced key at a heading's end is read before an attribute list (found by the long run, seed 11111)
    '## Title @{}\n\n## Title x@{}\n\n## Title @{#b}\n\n## Title @a@{} {#id}\n\nPara @{} end.',
    // 12c. smart dashes before a key in brackets: `--` and `---` are dashes of the prefix, `----` a dash and `-@` (long run, seed 838383)
    'w [--@x] [---@y] [----@z] [see --@a] [-@b] --@c ----@d',
    // 12b. a smart quote opened before a heading's attribute list runs over it: text (long run, seed 535353)
    "## [][ said]'s]{k='@c' -}\n\n## Title's]{k='@d' -}\n\n## `code {#x}` after @e\n\n## *a {k=@f}*",
    // 13. definitions in a setext heading's lines: a citation-like one is the heading's text, a real one is not (long fuzz run, seed 55555)
    '[see @a]:actor[N]{id=g}\n:claim[x]{id=c1}\ny "-# z }\n---\n\n[foo]: /u "t @z"\nTitle @q\n---\n\n[foo]: /u\n[@b]: x\nbar @c\n---',
    // 14. YAML metadata blocks after the start: metadata, not text (a scalar is text; Pandoc's own test inputs led here)
    'Text @z.\n\n---\nnocite: "@a"\ntitle: x\n---\n\nMore @b.\n\n---\nk: "@c"\n...\n\nEnd @d.\n\n---\njust @e text\n---\n\nx',
  ];
  for (const text of WRITTEN) {
    it(JSON.stringify(text), () => {
      const [r] = compareTexts([text]);
      assert.deepEqual(r.briefmark, r.pandoc, r.problem ?? r.spanDiffers ?? 'modes differ');
      assert.equal(r.problem, undefined);
      assert.equal(r.spanDiffers, undefined);
    });
  }
});
