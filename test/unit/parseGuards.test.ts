import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { buildModel } from '../../server/src/core/model/buildModel';
import { LONG_TABLE_ROW, MAX_LAZY_LINES, MAX_BRACKETS, MAX_BRACKET_DEPTH, MAX_CONTAINER_DEPTH, MAX_DIRECTIVE_DEPTH, MAX_DELIMITER_RUNS, MAX_RUN_LENGTH, guardText } from '../../server/src/core/parse/guards';
import { autolinkSkip, dataMerge, parseFragment, parseMarkdown, constructSkip, type ParsedMarkdown } from '../../server/src/core/parse/markdown';
import { ADVERSARIAL } from './fuzz/generators';
import fc from 'fast-check';
import { generateBrief } from '../../bench/corpus';
import { MAX_FAILED_ATTRIBUTE_SCAN, unclosedAttributeLists } from '../../server/src/core/parse/attributeGuard';
import { FIXTURES } from './helpers/fixtures';
import { MAX_TEXT_DIRECTIVES, excessTextDirectives, failingDirectiveLabels, mayGuardLabels } from '../../server/src/core/parse/labelGuard';
import { failingHtmlOpeners, scanBudget } from '../../server/src/core/parse/htmlGuard';
import { budget, sampled } from './helpers/budget';

/**
 * The guards against super-linear parser input (parse/guards.ts, docs/reliability.md):
 * they never trigger on a normal brief, they keep every offset, and block-wise and
 * one-piece parses apply them alike.
 */
const ROOT = join(__dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

/** `text` with the characters at `at` replaced by their fullwidth twins, as the guards neutralise them. */
function fullwidthAt(text: string, at: Iterable<number>): string {
  let out = text;
  for (const o of at) out = out.slice(0, o) + String.fromCharCode(text.charCodeAt(o) + 0xfee0) + out.slice(o + 1);
  return out;
}

const input = (text: string) => ({ uri: 'file:///w/g.brief.md', text, relativePath: 'g.brief.md' });
const whole = (text: string): ParsedMarkdown => ({ text, blocks: [{ start: 0, end: text.length, key: text, labels: [], tree: parseFragment(text) }], reparsed: 1 });

/** The trees of `text`, parsed block by block and in one piece, with `toggle` set to `enabled` (then set back). */
function treesWith(toggle: { enabled: boolean }, enabled: boolean, text: string): string {
  toggle.enabled = enabled;
  try {
    return JSON.stringify([parseMarkdown(text).blocks.map((b) => b.tree), parseMarkdown(text, undefined, { oneShot: true }).blocks.map((b) => b.tree)]);
  } finally {
    toggle.enabled = true;
  }
}

describe('parser guards', () => {
  it('never trigger on a normal brief: every example, fixture and generated brief is parsed as before', () => {
    const texts: Array<[string, string]> = sampled([...markdownFiles(join(ROOT, 'examples')), ...markdownFiles(FIXTURES)]).map((p) => [p, readFileSync(p, 'utf8')]);
    for (const [bytes, seed] of [[20_000, 1], [100_000, 2], [300_000, 3]]) texts.push([`generated ${bytes}`, generateBrief({ bytes, seed })]);
    assert.ok(texts.length > budget(40, 12), `${texts.length} texts`);
    for (const [name, text] of texts) {
      const g = guardText(text);
      assert.equal(g.text, text, `${name}: no text changed`);
      assert.equal(g.neutralised, 0, name);
      assert.deepEqual(g.heavy, [], `${name}: no paragraph parsed without emphasis`);
    }
  });

  it('leave normal nesting alone: containers 12 deep, stacked markers, emphasis-rich paragraphs', () => {
    const deep = Array.from({ length: 12 }, (_, i) => ':'.repeat(15 - i) + 'rec[L' + i + ']').join('\n') + '\nbody\n' + Array.from({ length: 12 }, (_, i) => ':'.repeat(4 + i)).join('\n') + '\n';
    const stacked = '> > > - > 1. - quoted\n\n- - - - nested\n\n* * * * *\n';
    const emphasis = ('A *very* **strong** _claim_ with ~~struck~~ words. ').repeat(40) + '\n';
    for (const text of [deep, stacked, emphasis, deep.repeat(30)]) {
      const g = guardText(text);
      assert.equal(g.text, text);
      assert.deepEqual(g.heavy, []);
    }
  });

  it('give micromark NUL as U+FFFD (as it reads it), with the same analysis and offsets', () => {
    const text = '---\nbrief: true\n---\n\n# A\u0000B\n\n:claim[Talks\u0000failed]{src=x} and :actor[Ma\u0000cron] said 40% of \u0000 were lost.\n\n- item \u0000\u0000 [@k]\n';
    const g = guardText(text);
    assert.equal(g.text, text.replaceAll('\u0000', '\ufffd'));
    assert.equal(g.neutralised, 0);
    const withNul = analyze({ uri: 'file:///a.md', text });
    const replaced = analyze({ uri: 'file:///a.md', text: text.replaceAll('\u0000', '\ufffd') });
    const shape = (a: typeof withNul) => a.diagnostics.map((d) => `${d.code} ${d.span.start}-${d.span.end}`);
    assert.deepEqual(shape(withNul), shape(replaced));
    assert.ok(shape(withNul).some((d) => d.startsWith('unknown-source')), shape(withNul).join('\n'));
    // Labels are the user's own characters, read from the document.
    assert.equal(withNul.model.claims[0].label, 'Talks\u0000failed');
  });

  it('neutralise containers and stacked markers past the depth limit, keeping every offset', () => {
    const n = MAX_CONTAINER_DEPTH + 8;
    const cases: Array<[string, string, number]> = [
      // Container directives stop at their own, lower limit.
      ['nested containers', ':::rec\n'.repeat(n) + 'body\n', n - MAX_DIRECTIVE_DEPTH],
      ['decreasing fences', Array.from({ length: n }, (_, i) => ':'.repeat(n + 3 - i) + 'rec').join('\n') + '\nbody\n', n - MAX_DIRECTIVE_DEPTH],
      // Fences past the directive limit, then (past the container limit) the list markers.
      ['containers behind list markers', Array.from({ length: n }, (_, i) => '  '.repeat(i) + '- :::rec\n').join(''), n - MAX_DIRECTIVE_DEPTH],
      ['block quote markers', '> '.repeat(n) + 'x\n', 1],
      ['list markers', '- '.repeat(n) + 'x\n', 1],
      ['ordered list markers', '1. '.repeat(n) + 'x\n', 1],
      ['footnote definitions', '[^a]: '.repeat(n) + 'x\n', 1],
      ['list items indented further on every line', Array.from({ length: n }, (_, i) => '  '.repeat(i) + '- x\n').join(''), 8],
      ['mixed markers and indentation', Array.from({ length: n }, (_, i) => '    '.repeat(i) + '> - x\n').join(''), n - 16],
    ];
    for (const [name, text, neutralised] of cases) {
      const g = guardText(text);
      assert.equal(g.text.length, text.length, name);
      assert.equal(g.neutralised, neutralised, name);
      // Only single code units change, each into its fullwidth twin.
      for (let i = 0; i < text.length; i++) if (g.text[i] !== text[i]) assert.equal(g.text.charCodeAt(i), text.charCodeAt(i) + 0xfee0, `${name} at ${i}`);
      assert.deepEqual(guardText(text), g, `${name}: deterministic`);
      const closed = text + ':::\n'.repeat(2);
      assert.equal(guardText(closed).text.slice(0, text.length), g.text, `${name}: a prefix is guarded alike`);
    }
  });

  it('neutralise a container marker followed by a thousand lazy lines, and only there', () => {
    for (const opener of ['> quoted', '- item', '1. item', '[^n]: note', '  > indented quote']) {
      const lazy = (n: number) => `# T\n\n${opener}\n${'a *lazy* line\n'.repeat(n)}\nAfter.\n`;
      const at = lazy(0).indexOf(opener.trim());
      const g = guardText(lazy(MAX_LAZY_LINES));
      assert.equal(g.neutralised, 1, opener);
      assert.equal(g.text.charCodeAt(at), lazy(0).charCodeAt(at) + 0xfee0, opener);
      assert.equal(guardText(lazy(MAX_LAZY_LINES - 1)).neutralised, 0, opener);
      // Lines that carry the marker, or a blank line, start the count again.
      const marked = `# T\n\n${Array.from({ length: 3 }, () => `${opener}\n${'a line\n'.repeat(MAX_LAZY_LINES - 1)}`).join('')}`;
      assert.equal(guardText(marked).neutralised, 0, `${opener}: marked`);
    }
  });

  it('count delimiter runs and brackets afresh from a line that starts inline content of its own', () => {
    const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
    const n = MAX_DELIMITER_RUNS; // two runs a line: twice the limit in all
    const cases: Array<[string, string, boolean]> = [
      ['bullet items', lines(n, (i) => `- *Report ${i}*, [online](https://e.org/${i}).`), false],
      ['numbered items', lines(n, (i) => `${i + 1}. *Report ${i}*`), false],
      ['numbered items after a bullet', '- x\n' + lines(n, (i) => `${i + 2}) *Report ${i}*`), false],
      ['nested bullets', lines(n, (i) => `${' '.repeat(i % 4)}- *Report ${i}*`), false],
      ['footnote definitions', lines(n, (i) => `[^n${i}]: *Report ${i}*, p. ${i}.`), false],
      ['indented footnote definitions', lines(n, (i) => ` [^n${i}]: *Report ${i}*`), false],
      ['table rows', '| Claim | Source |\n| --- | --- |\n' + lines(n, (i) => `| *Report ${i}* \\| escaped | x |`), false],
      ['table rows after a paragraph line', 'Para\nClaim | Source\n--- | ---\n' + lines(n, (i) => `*Report ${i}* | x`), false],
      // Lines micromark reads as the paragraph's own: still one paragraph.
      ['numbered lines after a paragraph line', 'Para\n' + lines(n, (i) => `${i + 2}. *Report ${i}*`), true],
      ['numbered lines indented into an item', '- x\n' + lines(n, (i) => `  ${i + 2}. *Report ${i}*`), true],
      ['block quote lines', lines(n, (i) => `> *Report ${i}*`), true],
      ['dashes without a space', 'Para\n' + lines(n, (i) => `-*Report ${i}*`), true],
      ['items behind a tab (indented code, which cannot interrupt)', 'Para\n' + lines(n, (i) => ` \t- *Report ${i}*`), true],
      ['labels broken over lines', 'Para\n' + lines(n, (i) => `[^n${i}\n]: *Report ${i}*`), true],
      ['rows under a head of more cells than its delimiter row (a paragraph)', '| a | b | c |\n| --- | --- |\n' + lines(n, (i) => `| *Report ${i}* | x |`), true],
      ['table lines continuing a list item lazily (a paragraph)', '- para\n| a | b |\n| --- | --- |\n' + lines(n, (i) => `| *Report ${i}* | x |`), true],
      ['table lines continuing a quote lazily (a paragraph)', '> para\n| a | b |\n| --- | --- |\n' + lines(n, (i) => `| *Report ${i}* | x |`), true],
      ['table lines continuing a footnote lazily (a paragraph)', '[^n]: para\n| a | b |\n| --- | --- |\n' + lines(n, (i) => `| *Report ${i}* | x |`), true],
      ['rows under an escaped pipe (one cell, a paragraph)', '| a \\| b |\n| --- | --- |\n' + lines(n, (i) => `| *Report ${i}* | x |`), true],
    ];
    for (const [name, text, heavy] of cases) assert.equal(guardText(`# T\n\n${text}\n`).heavy.length, heavy ? 1 : 0, name);
  });

  it('mark paragraphs with too many or too long delimiter runs, too many or too deep brackets, and only those', () => {
    const cases: Array<[string, string, { emphasis: boolean; links: boolean }]> = [
      ['delimiter runs', '*a_'.repeat(MAX_DELIMITER_RUNS / 2 + 1) + '\nsame paragraph', { emphasis: true, links: false }],
      ['a long run', '*'.repeat(MAX_RUN_LENGTH + 1) + 'a' + '*'.repeat(MAX_RUN_LENGTH + 1), { emphasis: true, links: false }],
      ['closing brackets', 'a] '.repeat(MAX_BRACKETS + 1), { emphasis: false, links: true }],
      ['nested images', '!['.repeat(MAX_BRACKET_DEPTH + 1) + 'a' + '](u)'.repeat(MAX_BRACKET_DEPTH + 1), { emphasis: false, links: true }],
      ['both', '*a_'.repeat(MAX_DELIMITER_RUNS) + '['.repeat(MAX_BRACKET_DEPTH + 1), { emphasis: true, links: true }],
    ];
    for (const [name, heavy, flags] of cases) {
      const text = `# Title *emphasis* [link](u)\n\nA *normal* paragraph [@a] [^1].\n\n${heavy}\n\nAfter *that*.\n\n${'*'.repeat(300)}\n`;
      const g = guardText(text);
      // Brackets no `]` matches, in a paragraph parsed without links, are neutralised (`[` never closed: text either way).
      assert.equal(g.text, name === 'both' ? text.replace('['.repeat(MAX_BRACKET_DEPTH + 1), '\uff3b'.repeat(MAX_BRACKET_DEPTH + 1)) : text, name);
      const start = text.indexOf(heavy);
      assert.deepEqual(g.heavy, [{ start, end: start + heavy.length + 1, ...flags }], name);
    }
    // Front matter is YAML, not text: its underscores and brackets do not count.
    const fm = '---\nreferences:\n' + '  - id: a_b_c\n    issued: [[2020]]\n'.repeat(MAX_DELIMITER_RUNS) + '---\n\nText.\n';
    assert.deepEqual(guardText(fm).heavy, []);
  });

  it('a paragraph with too many delimiter runs is parsed without emphasis; the rest of the document with it', () => {
    const heavy = ':claim[x] ' + '*a_'.repeat(MAX_DELIMITER_RUNS);
    const text = `# A *title*\n\n:claim[y] with *emphasis* and ~~strike~~.\n\n${heavy}\n`;
    const parsed = parseMarkdown(text);
    const types = (node: { type: string; children?: unknown[] }): string[] => [node.type, ...((node.children ?? []) as Array<{ type: string }>).flatMap(types)];
    // (Short blocks may be parsed together in one chunk; the heavy one never is.)
    const isHeavy = (b: (typeof parsed.blocks)[number]) => text.slice(b.start, b.end).includes(heavy);
    const normal = parsed.blocks.filter((b) => !isHeavy(b)).flatMap((b) => types(b.tree as never));
    const heavyBlocks = parsed.blocks.filter(isHeavy);
    assert.equal(heavyBlocks.length, 1);
    assert.equal(text.slice(heavyBlocks[0].start, heavyBlocks[0].end).trim(), heavy, 'the heavy paragraph is parsed alone');
    const degraded = types(heavyBlocks[0].tree as never);
    assert.ok(normal.filter((t) => t === 'emphasis').length === 2 && normal.includes('delete'), 'normal blocks keep emphasis and strikethrough');
    assert.ok(!degraded.includes('emphasis') && !degraded.includes('strong'), 'the heavy block has none');
    assert.ok(degraded.includes('textDirective'), 'the heavy block still has its directives');
  });

  it('apply alike in block-wise, one-piece and incremental parses', () => {
    const texts = [
      ':::rec\n'.repeat(50) + ':claim[deep]\n\n' + ':::\n'.repeat(3) + '\nafter :claim[x]\n',
      '# T\n\n' + '> '.repeat(60) + ':claim[q]\n\n' + '- '.repeat(60) + ':claim[l]\n',
      `# T *a*\n\n:claim[x] *b*\n\n${'*a_'.repeat(MAX_DELIMITER_RUNS)}\n\n:claim[y] *c* [^n]\n\n[^n]: note *d*\n`,
    ];
    for (const text of texts) {
      const blockwise = analyze(input(text), {});
      const oneShot = analyze(input(text), { oneShot: true });
      assert.deepStrictEqual(oneShot.diagnostics, blockwise.diagnostics);
      const { lines: _a, ...a } = blockwise.model;
      const { lines: _b, ...b } = oneShot.model;
      assert.deepStrictEqual(a, b);
      // The block-wise parse of the guarded text equals a whole parse of the same text.
      const guarded = guardText(text).text;
      if (guardText(text).heavy.length === 0) {
        const { lines: _c, ...c } = buildModel(input(guarded), whole(guarded), defaultConventions());
        const { lines: _d, ...d } = buildModel(input(guarded), parseMarkdown(text), defaultConventions());
        assert.deepStrictEqual(d, c);
      }
      // An edit in the middle, reusing the previous version's blocks.
      const at = Math.floor(text.length / 2);
      const edited = text.slice(0, at) + 'x' + text.slice(at);
      const again = parseMarkdown(edited, parseMarkdown(text));
      const { lines: _e, ...e } = buildModel(input(edited), again, defaultConventions());
      const { lines: _f, ...f } = buildModel(input(edited), parseMarkdown(edited), defaultConventions());
      assert.deepStrictEqual(e, f);
    }
  });

  it('a brief of thousands of stacked markers or of emphasis nested by a long run is analysed without overflowing the stack', () => {
    const texts = ['- '.repeat(5000) + ':claim[x]\n', '> '.repeat(10_000) + ':claim[x]\n', '> - '.repeat(3000) + ':claim[x]\n', '[^a]: '.repeat(5000) + ':claim[x]\n', ':claim[x] ' + '*'.repeat(20_000) + 'a' + '*'.repeat(20_000) + '\n'];
    for (const text of texts) {
      const a = analyze(input(text), {});
      assert.deepEqual(a.failures, []);
    }
  });

  describe('attribute lists that never close', function () {
    this.timeout(60_000);
    /** The tree without text values' U+FF5B, so a neutralised brace compares equal. */
    const shape = (text: string): string => JSON.stringify(parseFragment(text)).replace(/\uff5b/g, '{');
    const neutraliseAt = (text: string, at: Iterable<number>) => fullwidthAt(text, at);

    it('only braces whose list micromark rejects are neutralised: same tree, same offsets (every failing list, threshold 0)', () => {
      const piece = fc.constantFrom(':c[x]{', ':c{', ':claim[a b]{', '{', '#', '.', 'a', 'b=', '="v"', "='v'", ' ', '\n', '\t', '}', '"', "'", '<', '`', '>', ',', '-', '_', ':', '\n> ', '\n  ', '[y]', '\\', '\u00a0', '\u0000', '=', 'é');
      let neutralised = 0;
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
          const text = pieces.join('');
          const at = unclosedAttributeLists(text, 0, text.length, 0);
          neutralised += at.length;
          assert.equal(shape(neutraliseAt(text, at)), shape(text), `${JSON.stringify(text)} at ${at}`);
        }),
        { seed: 20261201, numRuns: budget(3000, 300) },
      );
      assert.ok(neutralised > budget(1000, 100), `${neutralised} braces neutralised over the runs`);
    });

    it('neutralise `:c[x]{#` and `:c[x]{.a` repeated, and leave closed and short failing lists alone', () => {
      for (const p of [':c[x]{#', ':c[x]{.a', '.b:c[x]{\n']) {
        const text = p.repeat(400) + '\n';
        const g = guardText(text);
        assert.equal(g.text.length, text.length);
        assert.ok(g.neutralised > 350, `${p}: ${g.neutralised}`);
        assert.equal(shape(g.text), shape(text), p);
      }
      const normal = [
        ':claim[Costs rose 40%]{src=smith2020 quote="rose by 40 %, {sic}"}\n',
        ':claim[x]{src=smith2020\n',
        ':claim[x]{#a .b c=d} and {not a list} and :rec[y]{',
        ':claim[x]{' + 'word '.repeat(MAX_FAILED_ATTRIBUTE_SCAN / 6) + ',\n',
        ':::rec{#id .cls}\nbody\n:::\n',
      ];
      for (const text of normal) assert.equal(guardText(text).neutralised, 0, text);
      // A long list that closes is the directive's, however long.
      const long = ':claim[x]{#' + 'a'.repeat(5000) + '}\n';
      assert.equal(guardText(long).neutralised, 0);
    });

    it('inside block quotes and on lines with tabs the outcome is unknown and nothing changes', () => {
      for (const text of ['> :c[x]{#a\n> ' + 'b'.repeat(200) + '}\n', ':c[x]{#a\t' + 'b'.repeat(200) + '\n']) {
        assert.equal(guardText(text).neutralised, 0, text);
      }
    });
  });

  describe('directive labels that never close', function () {
    this.timeout(60_000);
    /** The tree parsed without links (as the guard's paragraphs are), U+FF3B read as `[`. */
    const shape = (text: string): string => JSON.stringify(parseFragment(text, true, 'links')).replace(/\uff3b/g, '[');
    const neutraliseAt = (text: string, at: Iterable<number>) => fullwidthAt(text, at);

    /** On random texts of `pieces` where the guard may act: neutralising what it finds leaves the tree as it was. */
    const sameTrees = (pieces: string[], unmatched: boolean, seed: number, least: number) => {
      let neutralised = 0;
      let checked = 0;
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
          const text = parts.join('');
          if (!mayGuardLabels(text, 0, text.length)) return;
          checked++;
          const at = failingDirectiveLabels(text, 0, text.length, unmatched);
          neutralised += at.length;
          assert.equal(shape(neutraliseAt(text, at)), shape(text), `${JSON.stringify(text)} at ${at}`);
        }),
        { seed, numRuns: budget(3000, 750) },
      );
      assert.ok(checked > budget(2000, 500) && neutralised > budget(least, least / 4), `${checked} texts checked, ${neutralised} brackets neutralised`);
    };

    it('only brackets of labels micromark rejects are neutralised: same tree, same offsets', () => {
      sameTrees([':claim[', ':c[', '::c[', ':::c[', '\\:c[', '\\\\:c[', ':-c[', ':c-[', ':c_d[', ':é[', ':1[', '[', '[[[[[[[[', ']', ']]]]', 'a', ' ', '\n', '\n> ', '\n- ', '\n# ', '\\', '\\[', '\\]', '[^a]', ':', '\u0000', '\t', '|', 'é', '*'], false, 20261204, 1000);
    });

    it('brackets no `]` matches are neutralised too (but `[^`): same tree, same offsets', () => {
      sameTrees([':claim[', ':c[', '[', '[@', '[@a', '[^', '[^a]', '[[[[', ']', ']]', '[x]', '[x]: u', '\n[x]: u', '- [ ] ', '\n- [', '![', '@', 'a', ' ', '\n', '\n> ', '\n- ', '\n1. ', '\n# ', '\\', '\\[', '\\]', '\\\\', 'é', '*', '_', '~~', ':'], true, 20261205, 2000);
    });

    it('text directives past the limit of their line are read as text, and nothing else changes (limit 2 for the test)', () => {
      const piece = fc.constantFrom(':a', ' :a', ' :claim[', ':claim[', ' :c[x]', ':c[:d]', ']', '[', '::b', ':::', '\\:', '\\\\:', ': ', 'a', ' ', '\n', '\n> ', '\n- ', 'x:y', '3:1', ' :é', ':-a', ':_', '*', '[^n]', '@', '[@k]', 'x@y.z', '.');
      const starts = (tree: unknown): number[] => {
        const out: number[] = [];
        JSON.stringify(tree, (_k, v) => {
          if (v && v.type === 'textDirective') out.push(v.position.start.offset);
          return v;
        });
        return out.sort((a, b) => a - b);
      };
      let neutralised = 0;
      fc.assert(
        fc.property(fc.array(piece, { minLength: 10, maxLength: 60 }), (pieces) => {
          const text = pieces.join('');
          if (!mayGuardLabels(text, 0, text.length)) return;
          const at = excessTextDirectives(text, 0, text.length, 2);
          neutralised += at.length;
          const guarded = fullwidthAt(text, at);
          for (const without of ['nothing', 'links'] as const) {
            const before = starts(parseFragment(text, true, without));
            for (const o of at) assert.ok(before.includes(o), `${JSON.stringify(text)}: ${o} starts no directive`);
            assert.deepEqual(starts(parseFragment(guarded, true, without)), before.filter((o) => !at.includes(o)), JSON.stringify(text));
          }
        }),
        { seed: 20261206, numRuns: budget(2000, 250) },
      );
      assert.ok(neutralised > budget(300, 36), `${neutralised} directives read as text`);
      // Many marks are applied to one copy of the text: a byte order mark, a lone surrogate and an emoji stay where they were.
      for (const lead of ['\ufeff', '\ud800', '😀', '']) {
        const many = lead + ':claim[a '.repeat(2000) + '\n';
        const g = guardText(many);
        assert.ok(g.neutralised > 256, `${g.neutralised} marks`);
        assert.equal(g.text.length, many.length);
        assert.equal(g.text.slice(0, lead.length), lead);
        assert.equal(g.text.replace(/\uff1a/g, ':').replace(/\uff3b/g, '['), many);
      }
      // The real limit: a megabyte of unclosed labels on one line keeps 500 claims.
      const line = ':claim[a '.repeat(20_000) + '\n\n:claim[b]\n';
      assert.equal(guardText(line).text.match(/:claim/g)?.length, MAX_TEXT_DIRECTIVES + 1);
      // With citations in the labels too; not where an e-mail address may be.
      assert.equal(guardText(':claim[@a '.repeat(20_000)).text.match(/:claim/g)?.length, MAX_TEXT_DIRECTIVES);
      assert.equal(guardText(':claim[a@b.c '.repeat(20_000)).text.match(/:claim/g)?.length, 20_000);
      assert.equal(excessTextDirectives(':claim[a] '.repeat(400) + '\n' + ':claim[a] '.repeat(400), 0, 8001).length, 0, 'per line');
    });

    it('the balance and escape limits: 32 levels close, 33 do not; 999 escapes close, 1,000 do not', () => {
      for (const [text, failing] of [
        [':c[' + '['.repeat(32) + ']'.repeat(33), 0],
        [':c[' + '['.repeat(33) + ']'.repeat(34), 1],
        [':c[' + '\\['.repeat(999) + ']', 0],
        [':c[' + '\\['.repeat(1000) + ']', 1],
      ] as const) {
        const at = failingDirectiveLabels(text, 0, text.length);
        assert.equal(at.length, failing, text.slice(0, 40));
        assert.equal(shape(neutraliseAt(text, at)), shape(text), text.slice(0, 40));
      }
    });

    it('neutralise `:claim[` repeated in a paragraph parsed without links, and nothing where code, HTML or attributes may hold one', () => {
      for (const [lead, p] of [['', ':claim['], ['', ':claim[a '], ['- ', ':c[\\[x ']]) {
        const text = lead + p.repeat(400) + '\n';
        const g = guardText(text);
        assert.equal(g.text.length, text.length);
        assert.ok(g.neutralised >= 399, `${p}: ${g.neutralised}`);
        assert.equal(shape(g.text), shape(text), p);
      }
      for (const p of [':claim[`', ':claim[<b>', ':claim[{', ':claim[www.x.org ', ':claim[http://x ', '[a]: :claim[', '    :claim[']) assert.equal(guardText(p.repeat(400) + '\n').neutralised, 0, p);
      // A paragraph with brackets nested less deep keeps its links, and its labels.
      assert.equal(guardText(':claim[a '.repeat(30) + '\n').neutralised, 0);
    });
  });

  it('a heading\'s and a footnote definition\'s text are the document\'s, not the guarded text micromark saw', () => {
    // Found by the long fuzz run: a heading's text showed U+FF5B for a neutralised brace.
    const text = '# Title :c[x]{#' + 'a'.repeat(150) + '\n\n[^n]: Note :c[x]{#' + 'b'.repeat(150) + '\n\n# Real \uff5b kept\n';
    assert.equal(guardText(text).neutralised, 2);
    const { model } = analyze(input(text));
    assert.ok(model.headings[0].text.startsWith('Title x{#a'), model.headings[0].text);
    assert.equal(model.headings[1].text, 'Real \uff5b kept');
    assert.ok(model.footnoteDefinitions[0].text.startsWith('Note x{#b'), model.footnoteDefinitions[0].text);
  });

  describe('table rows past their columns', function () {
    this.timeout(60_000);
    const cellsOf = (tree: unknown): number[] => {
      const out: number[] = [];
      JSON.stringify(tree, (k, v) => {
        if (v && v.type === 'tableRow') out.push(v.children.length);
        return v;
      });
      return out;
    };

    it('a body row keeps the head row\'s cells, as Pandoc reads it; the rest is dropped from the tree', () => {
      const text = '| Actor | Position |\n|---|:-:|\n| :actor[UN] | :claim[kept]{src=a} | :claim[dropped]{src=b} | c |\n| one |\n\n> | a |\n> |---|\n> | b | c |\n\n- | a | b | c |\n  |---|---|---|\n  | 1 | 2 | 3 | 4 |\n';
      assert.deepEqual(cellsOf(parseFragment(text)), [2, 2, 1, 1, 1, 3, 3]);
      const { model } = analyze(input('---\nbrief: true\n---\n\n' + text));
      assert.deepEqual(
        model.claims.map((c) => c.label),
        ['kept'],
      );
    });

    it('what follows a long row\'s last column is neutralised: the same tree, the same offsets (random tables)', () => {
      const cell = fc.array(fc.constantFrom('a', ' ', ':claim[x]', '\\|', '`|`', '*', '[@k]', '\\', '\\\\', '{', '&amp;', 'é', '\t'), { maxLength: 8 }).map((parts) => parts.join(''));
      const table = fc.record({
        quote: fc.constantFrom('', '> ', '  '),
        columns: fc.integer({ min: 1, max: 4 }),
        rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        long: fc.integer({ min: 0, max: 2 }),
        trail: fc.constantFrom('', '|', ' | ', 'x'),
      });
      let neutralised = 0;
      fc.assert(
        fc.property(table, ({ quote, columns, rows, long, trail }) => {
          const head = quote + '|' + ' h |'.repeat(columns) + '\n' + quote + '|' + '---|'.repeat(columns) + '\n';
          const lines = rows.map((cells, i) => quote + '| ' + cells.join(' | ') + (i === long ? ' | ' + 'w | '.repeat(LONG_TABLE_ROW / 4) : '') + trail + '\n');
          const text = 'Intro\n\n' + head + lines.join('');
          const g = guardText(text);
          assert.equal(g.text.length, text.length);
          neutralised += g.neutralised;
          assert.equal(JSON.stringify(parseFragment(g.text)), JSON.stringify(parseFragment(text)), JSON.stringify(text.slice(0, 300)));
        }),
        { seed: 20261205, numRuns: budget(120, 15) },
      );
      assert.ok(neutralised > budget(40, 5), `${neutralised} rows neutralised over the runs`);
    });

    it('leave long lines that are no table rows alone, and short rows', () => {
      const long = ' a | b |'.repeat(LONG_TABLE_ROW / 4);
      const texts = [
        'Text' + long + '\n',
        'Title\n---\n|' + long + '\n',
        '| a |\n|---|\n| b |\n\n|' + long + '\n',
        '| a |\n|---|\nno pipe\n|' + long + '\n',
        '| a |\n|---|\n> |' + long + '\n',
        // After a table in a list item, an unindented line is no row of it (it ends the list).
        '- | a |\n  |---|\n|' + long + '\n',
        // In a fenced code block or raw HTML the text is kept as written.
        '```\n| a |\n|---|\n|' + long + '\n```\n',
        '<div>\n| a |\n|---|\n|' + long + '\n</div>\n',
        '| a |\n|---|\n' + long.trimStart() + '\n',
        '| a |\n|---|\n| b | c | d |\n',
        'a | b\n--|--\n|' + long.replace(/\|/g, '\\|') + '\n',
      ];
      for (const text of texts) assert.equal(guardText(text).neutralised, 0, text.slice(0, 40));
      const row = '| a |\n|---|\n|' + long + '\n';
      assert.equal(guardText(row).neutralised, 1);
    });
  });

  describe('raw HTML that never closes', function () {
    this.timeout(60_000);
    /**
     * The tree, U+FF1C read as `<`; a text node by its start only (where micromark's
     * failed scan crossed a line ending inside a container, the text before it ends after
     * the next line's prefix; without the scan, before it: same value, same start).
     */
    const norm = (n: unknown): unknown => {
      const node = n as { type: string; position?: { start: { offset?: number } }; children?: unknown[] };
      return { ...node, position: node.type === 'text' ? node.position?.start.offset : node.position, children: node.children?.map(norm) };
    };
    const shape = (text: string): string => JSON.stringify(norm(parseFragment(text))).replace(/\uff1c/g, '<');

    it('only openers micromark rejects, where nothing else reads the `<`, are neutralised: same tree, same offsets (budget 0)', () => {
      const piece = fc.constantFrom(
        ...['<!--', '-->', '<?', '?>', '<![CDATA[', ']]>', '<!A', '<!a', '>', '<a', '<a b=', '<a b="', '=', '}', '{', '</', '</a', '<', '<http://x', '<div>', '\n<div>\n'],
        ...['x', ' ', '\n', '\n> ', '\n- ', '\n1. ', '[^a]: ', '\n[^a]: ', '[a](', '\n[a]: ', '](', ']: ', ']:\n', '\n<!--', '\n<?', '\n    <!--', '\r\n', '\r', '\n\n', '~~~\n'],
        ...['www.x', 'http://', 'a@b.c', '`', '``', '\\', ':c[', ']', '[', '    ', '\t', 'é', '*', '_', ':c{a=', '"', "'", '-', '!', '?', '$'],
      );
      let neutralised = 0;
      let checked = 0;
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
          const text = pieces.join('');
          const at = failingHtmlOpeners(text, 0, text.length, -1);
          if (!at.length) return;
          checked++;
          neutralised += at.length;
          assert.equal(shape(fullwidthAt(text, at)), shape(text), `${JSON.stringify(text)} at ${at}`);
        }),
        { seed: 20261205, numRuns: budget(12_000, 800) },
      );
      assert.ok(checked > budget(1000, 40) && neutralised > budget(1000, 40), `${checked} texts checked, ${neutralised} openers neutralised`);
    });

    it('neutralise unclosed comments, instructions, CDATA and declarations repeated, and leave closed, line-start and few ones alone', () => {
      for (const p of ['x <!-- ', '![<!--](u) ', 'x <? ', 'x <![CDATA[ ', 'x <!A\n', 'a<!--']) {
        const text = ':claim[x] ' + p.repeat(400) + '\n';
        const g = guardText(text);
        assert.ok(g.neutralised >= 399, `${p}: ${g.neutralised}`);
        assert.equal(shape(g.text), shape(text), p);
      }
      const normal = [
        'A comment <!-- closed --> and <!-- another\nover two lines --> in a paragraph.\n',
        'One unclosed <!-- in a paragraph of ordinary length, with a figure: 30% of households.\n',
        'See www.example.org<!--' + 'x'.repeat(3000) + '\n',
        '[a]: <!--' + 'x'.repeat(3000) + '\n',
        'An e-mail <!--a@b.org> autolink' + ' x'.repeat(3000) + '\n',
      ];
      for (const text of normal) assert.equal(guardText(text).neutralised, 0, text.slice(0, 60));
      // At a line's start (behind container markers) an opener starts an HTML block: never neutralised.
      for (const lead of ['<!--', '- <!--', '> <?', '1. <!A']) {
        const text = lead + ' x\n' + 'x <!-- '.repeat(1000);
        const g = guardText(text);
        assert.ok(g.neutralised > 900 && g.text.startsWith(lead), lead);
      }
      // The budget: the failing scans must cover more than four times the paragraph.
      const few = 'x <!-- ' + 'word '.repeat(200);
      assert.ok(failingHtmlOpeners(few, 0, few.length).length === 0 && few.length < scanBudget(few.length));
    });
  });

  it('merging data tokens in one pass gives the trees micromark gives: examples, fixtures, generated briefs, adversarial and random long paragraphs', function () {
    this.timeout(120_000);
    const texts: string[] = sampled([...markdownFiles(join(ROOT, 'examples')), ...markdownFiles(FIXTURES)]).map((p) => readFileSync(p, 'utf8'));
    texts.push(generateBrief({ bytes: 60_000, seed: 7 }));
    for (const make of Object.values(ADVERSARIAL)) texts.push(make(6000));
    const piece = fc.constantFrom(':c{a=', ':claim[x]{src=', 'word ', 'www.', 'http', ': ', '*a', '_', '[x]', '`', '<a', '&amp;', '\\*', '  \n', '\n', 'é', '[^1]', '@key');
    for (const pieces of fc.sample(fc.array(piece, { minLength: 1200, maxLength: 1800 }), { seed: 20261201, numRuns: 40 })) texts.push(pieces.join(''));
    const tree = (text: string, merge: boolean): string => {
      dataMerge.enabled = merge;
      try {
        // Guarded as every parse is: unguarded, some adversarial trees are too deep to serialise.
        return JSON.stringify(parseMarkdown(text, undefined, { oneShot: true }).blocks.map((b) => b.tree));
      } finally {
        dataMerge.enabled = true;
      }
    };
    let long = 0;
    for (const text of texts) {
      if (text.length > 4096) long++;
      assert.equal(tree(text, true), tree(text, false), text.slice(0, 80));
    }
    assert.ok(long > 60, `${long} texts longer than the merge threshold`);
  });

  it('skipping the literal-autolink pass where the input cannot hold one gives the trees the pass gives', function () {
    this.timeout(120_000);
    const texts: string[] = sampled([...markdownFiles(join(ROOT, 'examples')), ...markdownFiles(FIXTURES)]).map((p) => readFileSync(p, 'utf8'));
    texts.push(generateBrief({ bytes: budget(30_000, 10_000), seed: 7, dense: true }));
    const near = [
      'mail a@b.co now', 'a\\@b.co', 'user&#64;example.com', 'http&#58;//example.org', 'www&#46;example.org', 'WWW.Example.org', 'HTTPS://E.ORG/x',
      'mailto:a@b.co', 'xmpp:a@b.co/r', '[@key] and @key2 and see@ref', 'a@b', 'a\\.b@c.d', '<a@b.co>', '[www.x.org](http://y)', 'x@y\n.z',
    ];
    const piece = fc.constantFrom(...near, 'word ', ' ', '\n', '\n\n', '*', '_', '[', ']', '(', ')', ':', '.', '@', '&', '\\', 'www', 'http', '//');
    for (const pieces of fc.sample(fc.array(piece, { minLength: 5, maxLength: 60 }), { seed: 20261203, numRuns: budget(400, 50) })) texts.push(pieces.join(''));
    // Block by block (the editor) and in one piece (the CLI: the pass then runs on some top-level nodes only).
    const tree = (text: string, skip: boolean): string => treesWith(autolinkSkip, skip, text);
    const before = autolinkSkip.skipped;
    for (const text of texts) assert.equal(tree(text, true), tree(text, false), text.slice(0, 80));
    assert.ok(autolinkSkip.skipped - before > 100, `the pass was skipped ${autolinkSkip.skipped - before} times`);
  });

  it('leaving out the constructs the text cannot hold (tables without "|", autolinks without "@", "www." or "://") gives the same trees', function () {
    this.timeout(120_000);
    const texts: string[] = sampled([...markdownFiles(join(ROOT, 'examples')), ...markdownFiles(FIXTURES)]).map((p) => readFileSync(p, 'utf8'));
    texts.push(generateBrief({ bytes: budget(30_000, 10_000), seed: 7, dense: true }), generateBrief({ bytes: budget(30_000, 10_000), seed: 8 }));
    // Tables and their look-alikes: a head row of one cell, delimiter rows without a head, escaped and coded pipes.
    const near = [
      '| a | b |\n|---|---|\n| 1 | 2 |', 'a | b\n--|--', 'a\n---', 'a\n|---|', '| a |\n| - |', 'a \\| b\n--- | ---', 'a &#124; b\n--- | ---', ':---:', '> a | b\n> - | -', '- a | b\n  - | -', 'a\n:-', 'a\n-:', 'a\n:-:', 'a\n : - ', '&#64;\n:-\n \\@ ',
      'mail a@b.co now', 'a&#64;b.co', 'WWW.Example.org', 'www&#46;x.org', 'HTTPS://E.ORG/x', 'http&#58;//x.org', 'ftp://x.org', '[@key] and @key2', 'x@y\n.z', '(www.a.b)', '<http://x.org>',
    ];
    const piece = fc.constantFrom(...near, 'word ', ' ', '\n', '\n\n', '|', '-', ':', '> ', '- ', '1. ', '`', '*', '[', ']', '@', 'www', '.', '/', 'http');
    for (const pieces of fc.sample(fc.array(piece, { minLength: 3, maxLength: 40 }), { seed: 20261204, numRuns: budget(400, 50) })) texts.push(pieces.join(''));
    const tree = (text: string, skip: boolean): string => treesWith(constructSkip, skip, text);
    let tables = 0;
    let links = 0;
    for (const text of texts) {
      const withSkip = tree(text, true);
      assert.equal(withSkip, tree(text, false), text.slice(0, 80));
      if (withSkip.includes('"type":"table"')) tables++;
      if (/"url":"(?:mailto:|http)/.test(withSkip)) links++;
    }
    assert.ok(tables > budget(10, 5) && links > budget(10, 5), `${tables} texts with a table, ${links} with a link`);
  });
});
