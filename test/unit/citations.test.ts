import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { citationsAndSpans, findCitations } from '../../server/src/core/sources/citations';
import fc from 'fast-check';
import { budget } from './helpers/budget';

/** Cases from Pandoc's manual, "Citation syntax", and the look-alikes that must not match. */
const CASES: Array<[string, string[]]> = [
  ['Blah blah [see @doe99, pp. 33-35; also @smith04, chap. 1].', ['doe99 prefix=see locator=pp. 33-35', 'smith04 prefix=also locator=chap. 1']],
  ['Blah blah [@doe99, pp. 33-35, 38-39 and passim].', ['doe99 locator=pp. 33-35, 38-39 suffix=and passim']],
  ['Blah blah [@smith04; @doe99].', ['smith04', 'doe99']],
  ['Smith says blah [-@smith04].', ['smith04 suppress']],
  // Explicit locators in braces, as in the manual.
  ['[@smith{ii, A, D-Z}, with a suffix]', ['smith locator=ii, A, D-Z suffix=with a suffix']],
  ['[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]', ['smith locator=pp. iv, vi-xi, (xv)-(xvii) suffix=with suffix here']],
  ['[@smith{}, 99 years later]', ['smith suffix=99 years later']],
  ['[*see* @doe99, p. 33, and *passim*]', ['doe99 prefix=*see* locator=p. 33 suffix=and *passim*']],
  ['[-@a; @b] and @c [-@d] here', ['a suppress', 'b', 'c in-text', 'd suppress']],
  ['@{https://example.com/bib?name=foobar&date=2000} says so.', ['https://example.com/bib?name=foobar&date=2000 in-text']],
  ['Mail a@b.com, or [me@example.org], or see @doe99: it is cited.', ['doe99 in-text']],
  ['@smith04 says blah.', ['smith04 in-text']],
  ['@smith04 [p. 33] says blah.', ['smith04 locator=p. 33 in-text']],
  ['Keys with punctuation: [@doe:2020.a] and @k-1_b.', ['doe:2020.a', 'k-1_b in-text']],
  ['Braced key: [@{https://doi.org/10.1/x}].', ['https://doi.org/10.1/x']],
  ['Trailing dot is not part of the key: @smith04.', ['smith04 in-text']],
  ['Unicode key [@müller2021].', ['müller2021']],
  ['An e-mail press@example.org is not a citation.', []],
  ['Escaped \\@handle is not one either.', []],
  ['A bracket without a key [see above] or [^note] is not a citation.', []],
  // Not a bracketed citation (an item has no key), so Pandoc reads `@a` as author-in-text.
  ['Mixed [see @a; and this one has none] is in-text only.', ['a in-text']],
  // Found by the differential test (4 December), checked with pandoc 2.17: after an
  // author-in-text key Pandoc reads a footnote call as a bracketed citation (`^` a prefix)…
  ['@x [^@a] data', ['x in-text', 'a prefix=^']],
  ['-@x\n[^@a;@b]', ['x in-text', 'a prefix=^', 'b']],
  ['@x [^@a](u) is no citation of a, nor is x [^@a].', ['x in-text']],
  // …and reads an e-mail autolink by its own rules, wider than CommonMark's: its `;` ends no item.
  ['[@a <b;c@d> e; @f]', ['a suffix=<b;c@d> e', 'f']],
  ['[@a <b;c@d.> e; @f]', ['a suffix=<b;c@d.> e', 'f']],
  ['[@a <.b;c@d>; @h]', ['a in-text', 'h in-text']],
  // Found by the long fuzz run (4 December), checked with pandoc 2.17: `{…}` after a bracket
  // is a span's attributes only if it is Pandoc's attribute list; otherwise it is text and
  // its citations count.
  [':smile[]{horizon=@wire .e.g [@wire]. class=} officials', ['wire in-text', 'wire']],
  ['x [y]{.c [@a]} z and [x]{k="v" [@b]}', ['a', 'b']],
  ['[x]{#i .c k=v} [@b], [x]{k="[@a]"} [@c], [x]{k=[@a]} [@d]', ['b', 'c', 'd']],
  ['[x]{.c\n.d k="a\nb" z=@a} @b', ['b in-text']],
  ['[x]{k=""@a"} @b and [x]{k=" @c"} @d', ['a in-text', 'b in-text', 'c in-text', 'd in-text']],
  ['[x]{k="a\n\nb @c"} @d', ['c in-text', 'd in-text']],
  // Found by the differential test (4 December), checked with pandoc 2.17: a footnote call
  // right after the `]` is a `[` that follows it, so no bracketed citation or locator.
  ['[@y][^a] and [see @y; @z][^a]', ['y in-text', 'y in-text', 'z in-text']],
  ['@x [p. 4][^a] here', ['x in-text']],
];

describe('Pandoc citation grammar', () => {
  it('a text is left unread only when reading it finds nothing: no `@` before a key\'s first character, no `]{` closed (random texts)', () => {
    const piece = fc.constantFrom('@', '[@', '@a', '@{', '@_', '@*', '@é', '@1', '@-', '@ ', '-@', ']', '[', ']{', '{', '}', 'x', ' ', ';', '.', '[^1]', '`', '\\', '<', '>', '"', '\n', '\ud835\udc00');
    let unread = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const quick = citationsAndSpans(text);
        const full = citationsAndSpans(text, 0, true);
        assert.deepEqual(quick, full, JSON.stringify(text));
        if (full.citations.length === 0 && full.attributes.length === 0) unread++;
      }),
      { seed: 20261205, numRuns: budget(20_000, 4000) },
    );
    assert.ok(unread > budget(2000, 400), `${unread} texts with nothing to find`);
  });

  for (const [text, expected] of CASES) {
    it(text, () => {
      const found = findCitations(text);
      const described = found.flatMap((c) =>
        c.items.map((i) =>
          [
            i.key,
            i.prefix && `prefix=${i.prefix}`,
            i.locator && `locator=${i.locator}`,
            i.suffix && `suffix=${i.suffix}`,
            i.suppressAuthor && 'suppress',
            i.authorInText && 'in-text',
          ]
            .filter(Boolean)
            .join(' '),
        ),
      );
      assert.deepEqual(described, expected);
      for (const c of found) for (const i of c.items) assert.equal(text.slice(i.keySpan.start, i.keySpan.end), i.key, 'key span is exact');
    });
  }

  it('a heading\'s attribute list and a span\'s are not text: no citation, no sentence there (checked with pandoc 2.17)', () => {
    const keysOf = (text: string) => analyze({ uri: 'file:///w/h.brief.md', text }).model.citations.flatMap((c) => c.items.map((i) => i.key));
    assert.deepEqual(keysOf('## Title @a {#id k=@b}\n'), ['a']);
    assert.deepEqual(keysOf('## Title @a {#id} then @c\n'), ['a', 'c']);
    assert.deepEqual(keysOf('Title @a {k=@b}\n===\n'), ['a']);
    assert.deepEqual(keysOf('# Title {k=@b} ##\n'), ['b']);
    assert.deepEqual(keysOf("## w []@a [p. 3]?]{k='@c' -}\n"), ['a']);
    // Pandoc looks for the list where an inline starts at the top level: a smart quote opened
    // after a bracket runs over the `{`, and the list is text (Pandoc differential, seed 535353);
    // after a letter the `'` is an apostrophe; code and emphasis take the braces in.
    assert.deepEqual(keysOf("## [][ said]'s]{k='@c' -}\n"), ['c']);
    assert.deepEqual(keysOf("## Title's]{k='@c' -}\n"), []);
    assert.deepEqual(keysOf('## `code {#x}` after @e\n'), ['e']);
    // A `]` inside raw HTML does not end a link's or an image's text (CommonMark reads the HTML first).
    assert.deepEqual(keysOf('a [<!-- ] -->@x](u) and ![<!-- ] --> @y](i.png) see\n'), ['x', 'y']);
    // A span's attribute list is masked for sentences: "e.g." there ends none.
    const a = analyze({ uri: 'file:///w/s.brief.md', text: 'The talks stalled :smile[]{horizon=@wire .e.g. class=} officials said 40%.\n' });
    assert.equal(a.model.textBlocks[0].masked.includes('e.g.'), false);
  });

  it('a tag\'s attribute list the directive parser refuses is read as Pandoc reads `[label]{…}`: a span\'s list, citing nothing (checked with pandoc 2.17)', () => {
    const keysOf = (text: string) => analyze({ uri: 'file:///w/t.brief.md', text }).model.citations.flatMap((c) => c.items.map((i) => i.key));
    // No space between the attributes: the directive parser refuses the list, Pandoc reads a span.
    assert.deepEqual(keysOf(":claim[x]{by=\"@wire\"class='@wire'} y\n"), []);
    assert.deepEqual(keysOf(":claim[@a]{by=\"@wire\"class='@wire'} y\n"), ['a']);
    // A space before the list, or no closing brace: no span for Pandoc either; the keys cite.
    assert.deepEqual(keysOf(":claim[x] {by=\"@wire\"class='@wire'} y\n"), ['wire', 'wire']);
    assert.deepEqual(keysOf(':claim[x]{src=@b y\n'), ['b']);
    // The same list after a name that is no tag was already read so (the brackets are text there).
    assert.deepEqual(keysOf(":cliam[x]{by=\"@wire\"class='@wire'} y\n"), []);
  });

  it('reads `--` and `---` before a key in brackets as a dash of the prefix, as Pandoc\'s smart punctuation does (checked with pandoc 2.17)', () => {
    const modes = (text: string) =>
      analyze({ uri: 'file:///w/h.brief.md', text }).model.citations.flatMap((c) => c.items.map((i) => `${i.key}:${i.authorInText ? 'in-text' : i.suppressAuthor ? 'suppress' : 'normal'}`));
    assert.deepEqual(modes('w [--@x] [---@y] [----@z] [see --@a] [-@b] --@c\n'), ['x:normal', 'y:normal', 'z:suppress', 'a:normal', 'b:suppress', 'c:in-text']);
  });

  it('places a link GFM\'s autolink transform makes (after a directive label that never closes, across a stripped line prefix, with a NUL): it sources its sentence', () => {
    const text = '---\nbrief: true\n---\n\nIt said :risk[Macron \u0000 said \n  exports rose 40% https://example.org/report today.\n';
    const a = analyze({ uri: 'file:///w/h.brief.md', text });
    assert.deepEqual(a.model.links.map((l) => text.slice(l.span.start, l.span.end)), ['https://example.org/report']);
    assert.equal(a.diagnostics.some((d) => d.code === 'possible-unsourced-assertion'), false);
  });

  it('places such a link after a byte order mark too, whether the document is parsed in blocks or in one piece (long property run, seed 5959)', () => {
    const text = '\uFEFF# T\n\nIntro:\n1. :claim[Exports rose 3% in 202:::rec\n[link]: https://example.org/n\n:::[@a, p. 3] and item 3 goes on.\n2. next\n';
    for (const oneShot of [false, true]) {
      const a = analyze({ uri: 'file:///w/b.brief.md', text }, { oneShot });
      assert.deepEqual(a.model.links.map((l) => text.slice(l.span.start, l.span.end)), ['https://example.org/n'], `oneShot: ${oneShot}`);
      assert.deepEqual(a.model.claims[0].nearbySources.map((s) => s.kind), ['link', 'citation'], `oneShot: ${oneShot}`);
    }
  });

  it('offsets are shifted by the base', () => {
    const [c] = findCitations('x [@a]', 100);
    assert.deepEqual(c.span, { start: 102, end: 106 });
    assert.deepEqual(c.items[0].keySpan, { start: 104, end: 105 });
  });
});
