import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBrief, rng } from '../../bench/corpus';
import { parseMarkdown, runParseJob } from '../../server/src/core/parse/markdown';
import { treeWithLetter } from '../../server/src/core/parse/typedLetter';
import { budget } from './helpers/budget';

/**
 * A letter typed into plain text is not parsed again: the previous parse with the letter
 * in stands for it (parse/typedLetter.ts); so is a space typed between two letters or digits. Checked against micromark on letters typed at
 * random places of real briefs and of text full of what a letter could change
 * (delimiters, literal autolinks, references, entities, labels, tabs, CRLF).
 */
const TRICKY = [
  'a * b and *a * b* and _x_y and a_b_ and ~~s~ t~~ and ** x ** end',
  'www.example.com and ww.example.com and http://e.org and htp://e.org and mailto and a@b.co and ab.co and wwwx',
  'an &amp; and &am; and &#x41; and &#xZ; and & amp; the end',
  '[foo bar] and [fo] and [^fn] and [undefined label][] and ![alt] text',
  '[fo]: https://example.org/fo',
  ':claim[a labelled claim]{src=key} and :c[x] and a:b and time 10:30',
  '<b>html</b> and a < b > c and <x y and `code span` and ``co`de``',
  '| a | b |\n| --- | --- |\n| cell text | more words |',
  '- item one\n- item two\n\n  continued para\n\n1. first\n2. second',
  '> quoted text\nlazy line\n> more',
  '- item one\n  continued line\n     over-indented line  \n  and a > inside\n\n  > quote in item\n  > second line',
  '> > nested\n> > quote lines\n>  > odd spacing',
  '1. first\n   hanging  \n   lines with   inner spaces\n\t tab indented line',
  'tab\there and\ttabs\tinside',
  'crlf line\r\nnext line\r\n',
  'heading text\n===',
  '# Heading with words #',
  'para with hard  \nbreak and soft\nbreak and trailing \nspace',
  'Éléments non-ASCII: naïve café, Straße, Łódź, 東京 and 😀 emoji',
  ':::rec[Container label]{track=a}\nInside the container words.\n:::',
  'foo\\*bar and \\[x] and \\ escaped',
  '    indented code block',
  'http and https and w w w and xmpp',
  // A task item's paragraph starts at the end of the marker's line in micromark's count.
  '- [ ] \n===\nword &!| --- | --- |\n~~-->23',
  // Past 4,096 characters micromark's data tokens are merged in one pass (parse/markdown.ts).
  // What a space splitting a word could change: tags and attributes, link destinations, heading closing sequences.
  '<x a=bc=d> and <x a=bc=d e> and <ab=c> and :c[x]{a=bc=d e} and [a](bc "t") and [a](b cd) and [ab cd](ef)',
  '# Heading ab#\n\nword1word and 12.5 per cent, don\u2019t and long-term; x1y! 100% done',
  'A long paragraph of plain words, *some emphasis* and :claim[a claim] in it. '.repeat(70),
  '| a | b |\n| --- | --- |\n' + '| cell words here | more words, and *emphasis* |\n'.repeat(120),
].join('\n\n');

const texts = [
  TRICKY,
  generateBrief({ bytes: 20_000, seed: 11, dense: true }),
  readFileSync(join(__dirname, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8'),
  ...['003_96e28aa29cd03610.txt', '000_43b0c0d1ec5d1bd6.txt'].map((f) => join(__dirname, '..', '..', '..', 'shared', 'seeds', f)).filter(existsSync).map((f) => readFileSync(f, 'utf8')),
];
const LETTERS = ['x', 'w', 'W', 'p', 'é', 'ß', 'Ж'];
/** Letters tried per long block, and edits per text (fewer in `npm run test:fast`). */
const SAMPLES = Number(process.env.BRIEFMARK_TYPED_SAMPLES ?? budget(25, 3));

const json = (v: unknown) => JSON.stringify(v);

describe('a typed letter: the previous parse with the letter in', () => {
  it('equals micromark on letters typed anywhere in the blocks of real and tricky briefs', function () {
    this.timeout(60_000);
    const r = rng(3);
    let tried = 0;
    let taken = 0;
    let spaces = 0;
    for (const text of texts) {
      for (const block of parseMarkdown(text).blocks) {
        const source = text.slice(block.start, block.end);
        const mode = block.start === 0 ? 'F' : 'B';
        const tree = runParseJob({ mode, degraded: 'A', input: source, seeds: [] }).tree;
        // Every place of short blocks and of the tricky text's blocks (but its two long ones; in
        // `npm run test:fast` only those under 400 characters); a sample of the rest.
        const every = source.length < 120 || (text === TRICKY && source.length < budget(2000, 200));
        const positions = every ? source.length : SAMPLES;
        for (let i = 0; i < positions; i++) {
          const at = every ? i : 1 + Math.floor(r() * (source.length - 1));
          // A letter, and a space (taken the same way between two letters or digits).
          for (const letter of [LETTERS[Math.floor(r() * LETTERS.length)], ' ']) {
            const fast = treeWithLetter(tree, source, at, letter);
            tried++;
            if (!fast) continue;
            taken++;
            if (letter === ' ') spaces++;
            const next = source.slice(0, at) + letter + source.slice(at);
            assert.equal(json(fast), json(runParseJob({ mode, degraded: 'A', input: next, seeds: [] }).tree), `${json(letter)} at ${at} of ${json(source)}`);
          }
        }
      }
    }
    // Most places in prose take the shortcut (a check that cannot pass by declining everything).
    assert.ok(taken > tried * 0.3, `${taken} of ${tried} taken`);
    assert.ok(spaces > taken * 0.2, `${spaces} spaces of ${taken} taken`);
  });

  it('equals micromark at every place of random text made of what a letter could change', function () {
    this.timeout(120_000);
    const pieces = ['word ', 'ab', ' ', '  ', '\n', '\r\n', '\n\n', '\t', '*', '**', '_', '~~', '[', ']', '(', ')', '[^1]', '[^1]: note\n', '[x]: http://e.org\n', '[x]', '<', '>', '> ', '- ', '1. ', '2) ', '# ', '===\n', '---\n', '| a | b |\n', '| --- | --- |\n', '`', '```\n', '    ', ':claim[', ':c[x]{src=k}', '{', '}', '&amp;', '&', '\\', 'www.', 'http://', 'a@b.co', '[@key]', 'é', '23', '.', ':', '!', '<!--', '-->', '::: rec\n', ':::\n', '- [ ] ', 'x  \n', 'y \n', '=', '"', "'", '#', 'x1', '<x a=bc=d ', '](', 'ab'];
    const r = rng(20261204);
    let taken = 0;
    for (let n = 0; n < SAMPLES * 4; n++) {
      let text = '';
      for (let i = 5 + Math.floor(r() * 60); i > 0; i--) text += pieces[Math.floor(r() * pieces.length)];
      for (const block of parseMarkdown(text).blocks) {
        const source = text.slice(block.start, block.end);
        const mode = block.start === 0 ? 'F' : 'B';
        const tree = runParseJob({ mode, degraded: 'A', input: source, seeds: [] }).tree;
        for (let at = 1; at < source.length; at++) {
          for (const letter of [LETTERS[Math.floor(r() * LETTERS.length)], ' ']) {
            const fast = treeWithLetter(tree, source, at, letter);
            if (!fast) continue;
            taken++;
            const next = source.slice(0, at) + letter + source.slice(at);
            assert.equal(json(fast), json(runParseJob({ mode, degraded: 'A', input: next, seeds: [] }).tree), `${json(letter)} at ${at} of ${json(source)}`);
          }
        }
      }
    }
    assert.ok(taken > SAMPLES * 20, `${taken} places took the shortcut`);
  });

  it('leaves the tree it was given unchanged', () => {
    const source = 'Some words here and *there*.';
    const tree = runParseJob({ mode: 'B', degraded: 'A', input: source, seeds: [] }).tree;
    const before = json(tree);
    const fast = treeWithLetter(tree, source, 6, 'x');
    assert.ok(fast);
    assert.equal(json(tree), before);
    assert.notEqual(json(fast), before);
  });

  it('declines what a letter could change', () => {
    const cases: Array<[string, string, string]> = [
      ['*a * b', '*a *| b', 'x'], // the letter would make the `*` close
      ['ww.example.com words', 'w|w.example.com words', 'w'], // a literal autolink
      ['see &am; here', 'see &am|; here', 'p'], // a character reference
      ['htp://e.org', 'ht|p://e.org', 't'],
      ['a < b > c', 'a <| b > c', 'x'],
      ['a line\r\nnext', 'a line\r|\nnext', 'x'], // between CR and LF: a line of its own
      ['trailing \nspace', 'trailing |\nspace', 'x'], // the stripped trailing space would stay
      ['<x a=bc=d e>', '<x a=b|c=d e>', ' '], // a space would make the tag valid
      [':c[x]{a=bc=d e}', ':c[x]{a=b|c=d e}', ' '], // and the attributes
      ['# Heading ab#', '# Heading a|b#', ' '], // and a closing sequence
      ['wwwexample words', 'w|wwexample words', ' '], // a literal autolink
      ['a word ', 'a wor|d ', '  '], // two characters
      ['line end\nnext', 'line end|\nnext', ' '], // a trailing space
      ['> a\n> b', '> a\n> |b', ' '], // a space in a line's prefix is stripped
      ['a\n b', 'a\n |b', ' '],
    ];
    for (const [source, marked, letter] of cases) {
      const at = marked.indexOf('|');
      const tree = runParseJob({ mode: 'B', degraded: 'A', input: source, seeds: [] }).tree;
      assert.equal(treeWithLetter(tree, source, at, letter), undefined, marked);
    }
  });

  it('in a document, a letter that makes a bracketed text a defined label is parsed', () => {
    const before = 'Para [fo] words.\n\n[fxo]: https://example.org\n';
    const after = before.replace('[fo]', '[fxo]');
    const next = parseMarkdown(after, parseMarkdown(before));
    assert.equal(next.typed, undefined);
    assert.equal(json(next.blocks.map((b) => b.tree)), json(parseMarkdown(after).blocks.map((b) => b.tree)));
    assert.match(json(next.blocks[0].tree), /linkReference/);
  });

  it('in an edited document: the blocks equal a parse from scratch, and typed letters are not parsed', () => {
    const r = rng(9);
    let typed = 0;
    for (const base of texts) {
      let text = base;
      let previous = parseMarkdown(text);
      for (let i = 0; i < SAMPLES; i++) {
        let at = Math.floor(r() * text.length);
        while (at < text.length && !/\p{L}/u.test(text[at])) at++;
        text = text.slice(0, at) + (i % 4 === 3 ? ' ' : LETTERS[i % LETTERS.length]) + text.slice(at);
        const next = parseMarkdown(text, previous);
        const fresh = parseMarkdown(text);
        assert.deepEqual(next.blocks.map((b) => [b.start, b.end, json(b.tree)]), fresh.blocks.map((b) => [b.start, b.end, json(b.tree)]));
        typed += next.typed ?? 0;
        if (next.typed) assert.equal(next.reparsed, 0);
        previous = next;
      }
    }
    assert.ok(typed > texts.length * SAMPLES * 0.3, `${typed} letters typed without a parse`);
  });
});
