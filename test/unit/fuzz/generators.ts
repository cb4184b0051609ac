import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/**
 * Generators of hostile briefs for the fuzz suite: structured briefs built from the
 * constructs Briefmark reads (directives, containers nested up to 40 deep, citations,
 * footnotes, front matter fragments, suppression comments), with the hostile text mixed
 * in (unbalanced brackets and braces, NUL bytes, lone surrogates, CRLF/CR mixes, huge
 * single lines), and mutations of the fixture briefs.
 */

const ROOT = join(__dirname, '..', '..', '..');

const word = fc.constantFrom('the', 'talks', 'Macron', 'said', 'IMF', '40%', '$400 billion', 'officials', 'stated', 'according to', 'É', '😀', 'ceasefire', 'ok', '10:30', '3:1', 'e.g.', 'U.S.', '€4.2 billion', 'about', "'a quoted phrase'");
const HOSTILE = ['\u0000', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\r', '\r\n', '\n', '\t', '\u2028', '\uFEFF', '[', ']', '{', '}', '(', ')', ':', '::', ':::', '@', '^', '\\', '`', '"', "'", '<', '>', '<!--', '-->', '*', '_', '|', '#', '-', '=', '&', '\u0301'];
const hostile = fc.constantFrom(...HOSTILE);
const TAGS = ['claim', 'actor', 'rec', 'cliam', 'Claim', 'risk', 'smile', 'x'];
const ATTR_NAMES = ['src', 'id', 'status', 'by', 'track', 'actor', 'priority', 'horizon', 'class', '#', '.'];
const KEYS = ['wire', 'nowhere', '@wire', '@a, @b', 'a;b', '{odd key}', '', '"quoted"', 'x}', 'é'];

const text = fc.array(fc.oneof({ weight: 6, arbitrary: word }, { weight: 2, arbitrary: hostile }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 12 }).map((ws) => ws.join(' '));

const attrs = fc
  .array(
    fc.tuple(fc.constantFrom(...ATTR_NAMES), fc.oneof(fc.constantFrom(...KEYS), text), fc.constantFrom('', '"', "'")).map(([n, v, q]) => (n === '#' || n === '.' ? `${n}${v.replace(/\s/g, '')}` : `${n}=${q}${v}${q}`)),
    { maxLength: 4 },
  )
  .chain((list) => fc.constantFrom(`{${list.join(' ')}}`, `{${list.join(' ')}`, list.length ? `{${list.join(' ')}}` : '', `{${list.join('')}}}`));

const textDirective = fc
  .tuple(fc.constantFrom(...TAGS), fc.oneof(text, fc.constant('')), attrs, fc.constantFrom('[', ''), fc.constantFrom(']', ']', ''))
  .map(([t, label, a, open, close]) => `:${t}${open}${label}${open ? close : ''}${a}`);

const citation = fc.oneof(
  fc.constantFrom('[@wire]', '[@wire, p. 4]', '[see @wire; -@nowhere, ch. 2]', '@wire', '@{odd key}', '[@', '@', '[-@x]', '[@a;@b;@c]', '[^1]', '[^missing]', '[link](https://example.org)', '<https://example.org>', '[ref]', '(Wire, 2025)', '(see Wire 2025, p. 4)', '^[Wire, 2025.]', '[1]', '^1^', '<sup>2</sup>', '³', '.¹', '.[[1]](#fn-1)'),
  fc.tuple(fc.constantFrom('[', '[see '), fc.array(fc.constantFrom('@a', '@b-c', '-@d', '@{e f}', 'p. 4', ';', ','), { maxLength: 6 })).map(([o, xs]) => `${o}${xs.join(' ')}]`),
);

/** One run of inline content: words, tags, citations, hostile characters. */
export const inline = fc.array(fc.oneof({ weight: 4, arbitrary: text }, { weight: 3, arbitrary: textDirective }, { weight: 2, arbitrary: citation }, { weight: 1, arbitrary: hostile }), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(' '));

const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('Proposed Solutions Framework', 'Recommendations', 'Track 1: Diplomatic Pathway', 'Track B. Money', 'Track 3 – Security', 'Immediate Actions', 'Conclusion', 'Context'), fc.oneof(fc.constant(''), inline)).map(([n, t, extra]) => `${'#'.repeat(n)} ${t}${extra ? ' ' + extra : ''}`);

const frontMatter = fc.oneof(
  fc.constant('---\nbrief: true\n---'),
  fc.constant('---\nreferences:\n  - id: wire\n    title: Wire\n    issued: { date-parts: [[2025, 11]] }\n---'),
  fc.constant('---\nreferences: [\n---'),
  fc.constant('---\nbibliography: refs.bib\nbrief: true'),
  fc.constant('---\n- a\n- b\n---'),
  fc.constant('---\r\nbrief: true\r\n...'),
  fc.constant('---\n: : :\n---'),
  // Values that need quotes (a colon, emphasis, a handle, a quotation never closed), with brief: true after them.
  fc.tuple(fc.constantFrom('Out of Room: Prison Capacity', '*Important* brief', '@team note', '"Unclosed title', 'A: B: C'), fc.constantFrom('\n', '\r\n')).map(([v, nl]) => `---${nl}title: ${v}${nl}brief: true${nl}---`),
  fc.constantFrom('Prison Population: Weekly Figures', '*Sic* transit').map((v) => `---\nbrief: true\nreferences:\n  - id: wire\n    title: ${v}\n---`),
  fc.tuple(fc.constantFrom('title', 'references', 'brief', 'id', 'bibliography'), inline).map(([k, v]) => `---\n${k}: ${v}\n---`),
);

/** Containers nested `depth` deep (up to 40), with content and sometimes missing fences. */
const nested = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('rec', 'claim', 'note', 'cliam'), inline, fc.boolean(), fc.boolean()).map(([depth, tag, body, closeAll, labels]) => {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    const colons = ':'.repeat(3 + depth - i);
    open.push(`${colons}${tag}${labels ? `[L${i}]{id=n${i}}` : ''}`);
    if (closeAll || i % 3 === 0) close.unshift(colons);
  }
  return `${open.join('\n')}\n${body}\n${close.join('\n')}`;
});

const hugeLine = fc.tuple(fc.constantFrom('[', '{', ':claim[', '@a ', '[@a', '*', '`', '<!--', 'a ', '|', '\\', '[^', ':', 'said 40%. '), fc.integer({ min: 1000, max: 20000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)));

const block = fc.oneof(
  { weight: 6, arbitrary: inline },
  { weight: 3, arbitrary: heading },
  { weight: 2, arbitrary: inline.map((t) => `- ${t}`) },
  { weight: 1, arbitrary: inline.map((t) => `1. **Label**: ${t}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('rec', 'claim'), attrs, inline).map(([t, a, b]) => `:::${t}[${b.slice(0, 20)}]${a}\n${b}\n:::`) },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: inline.map((t) => `[^1]: ${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('[^2]:', '[ref]: https://example.org', '[ref]:') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', 'unsourced-claim', 'unknown-source duplicate-id', 'bogus'), fc.constantFrom('disable-next-line', 'disable', 'enable')).map(([c, k]) => `<!-- briefmark-${k} ${c} -->`) },
  { weight: 1, arbitrary: inline.map((t) => `\`\`\`\n${t}\n\`\`\``) },
  { weight: 1, arbitrary: inline.map((t) => `| a | ${t} |\n|---|---|\n| ${t} | b |`) },
  { weight: 1, arbitrary: inline.map((t) => `> ${t}\n> > ${t}`) },
  { weight: 1, arbitrary: inline.map((t) => `<div>\n${t}\n</div>`) },
  { weight: 1, arbitrary: hugeLine },
  // A converted brief's notes list, which the note numbers of the text (`¹`, `[1]`, `[[1]](#fn-1)`) may name.
  { weight: 1, arbitrary: inline.map((t) => `## Notes\n\n1. ${t}\n2. Wire, 2025.\n3. Agency report, 2024.`) },
  // A brief extracted from a PDF keeps its notes as lines opened by a number in superscript (notes when they end the brief).
  { weight: 1, arbitrary: inline.map((t) => `¹ ${t}\n² Wire, 2025.\n\n³ Agency report, 2024.`) },
  // A brief written as plain text: its headings lines of their own, its paragraphs one to a line (a heading line is a heading only without `#`).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('Proposed Solutions Framework', 'Conclusion', 'Key Events', 'Track 1: Diplomatic Pathway', 'Immediate Actions'), inline).map(([h, t]) => `${h}\nOfficials said 40% of talks failed in 2024. ${t}\nConclusion\nMacron said 55% of it.`) },
  // Its framework: tracks, groups and recommendations as lines opened by a run-in label (model/plainTextOutline.ts), a wrapped line, a list item, a tag.
  {
    weight: 1,
    arbitrary: fc
      .tuple(inline, fc.subarray(['Immediate Actions\n', '**Clarify Red Lines:** All parties must state positions.\n', 'held by 40% of them\n', '- Burden Sharing: Share costs.\n', 'Fund Installers: Fund training.\n', ':rec[Energy Security]{track=2}: Diversify.\n', 'note: a wrapped line\n']), fc.constantFrom('Conclusion\n', 'Implementation Recommendations\n', ''))
      .map(([t, lines, end]) => `Proposed Solutions Framework\nTrack 1: Diplomatic Pathway\n${lines.join('')}Revised Format: ${t}\nTrack 2: Economic Leverage\n${lines.slice().reverse().join('')}${end}Macron said 55% of it.`),
  },
  // A reference list in the IEEE or Vancouver style: notes one to a line, opened by their number in brackets.
  { weight: 1, arbitrary: inline.map((t) => `## References\n\n[1] ${t}\n[2] Wire, 2025.\n\n[3] Agency report, 2024.`) },
);

const EOLS = ['\n', '\r\n', '\r'];

/** A generated brief: optional front matter, blocks, and line endings mixed at random. */
export const generatedBrief = fc
  .tuple(fc.option(frontMatter, { nil: undefined }), fc.array(block, { maxLength: 14 }), fc.array(fc.constantFrom(...EOLS), { minLength: 1, maxLength: 5 }), fc.constantFrom('\n\n', '\n', ''))
  .map(([fm, blocks, eols, sep]) => {
    const raw = [fm, ...blocks].filter((b) => b !== undefined).join(`\n${sep}`);
    if (eols.length === 1 && eols[0] === '\n') return raw;
    let i = 0;
    return raw.replace(/\n/g, () => eols[i++ % eols.length]);
  });

function fixtureBriefs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.md')) out.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(join(ROOT, 'test', 'fixtures'));
  for (const e of readdirSync(join(ROOT, 'examples'), { withFileTypes: true })) if (e.isFile() && e.name.endsWith('.md')) out.push(readFileSync(join(ROOT, 'examples', e.name), 'utf8'));
  return out;
}

export const FIXTURE_BRIEFS = fixtureBriefs();

const SNIPPETS = ['[', ']', '{', '}', ':::', ':::rec', ':claim[', '\u0000', '\uD800', '\r', '\r\n', '\n\n', '---\n', '[^1]', '@', '<!--', '-->', '```', '\uDFFF', ':', '|', '*', '[@wire'];

/** A fixture brief with random edits: inserts of hostile snippets, deletions, and duplications. */
export const mutatedFixture = fc
  .tuple(
    fc.constantFrom(...FIXTURE_BRIEFS),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 300 }), fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 }), fc.constant('COPY'))), { minLength: 1, maxLength: 12 }),
  )
  .map(([base, edits]) => {
    let t = base;
    for (const [where, del, ins] of edits) {
      const at = Math.floor(where * t.length);
      const insert = ins === 'COPY' ? t.slice(Math.max(0, at - del), at) : ins;
      t = t.slice(0, at) + insert + t.slice(at + (ins === 'COPY' ? 0 : Math.min(del, 20)));
    }
    return t;
  });

export const anyBrief = fc.oneof({ weight: 3, arbitrary: generatedBrief }, { weight: 2, arbitrary: mutatedFixture });

/**
 * Adversarial patterns for the scaling test: each builds a document of about `n`
 * characters from a repeated hostile unit. Linear code takes about 4× the time for 4× the
 * text; quadratic code 16×.
 */
export const ADVERSARIAL: Record<string, (n: number) => string> = {
  'open brackets': (n) => ':claim[' + '['.repeat(n),
  'open braces': (n) => ':claim[x]' + '{'.repeat(n),
  'unclosed text directives': (n) => ':claim['.repeat(n / 7),
  'unclosed attribute lists': (n) => ':claim[x]{src='.repeat(n / 14),
  // Guarded (parse/attributeGuard.ts): an id shorthand takes `:c[x]{` into its value, so each
  // list scanned on to the end of the paragraph before failing.
  'unclosed attribute shortcuts': (n) => ':c[x]{#'.repeat(n / 7),
  // Inline constructs failing by the thousand in one paragraph: micromark merged the text
  // tokens they leave with one splice per run (parse/markdown.ts merges them first).
  'failed attribute values': (n) => ':c{a='.repeat(n / 5),
  'class shortcuts taking directives in': (n) => ':c[x]{.a'.repeat(n / 8),
  'citation-like brackets': (n) => '[@a '.repeat(n / 4),
  'footnote-like brackets': (n) => '[^a '.repeat(n / 4),
  'in-text keys': (n) => ':claim[x] ' + '@a-'.repeat(n / 3),
  // Pandoc's citation grammar (sources/citations.ts): readings that could each run to the
  // end of the paragraph, or nest in one another.
  'at signs': (n) => ':claim[x] ' + '@'.repeat(n),
  'bracket-at pairs': (n) => ':claim[x] ' + '[@'.repeat(n / 2),
  'one long key': (n) => ':claim[x] @' + 'k'.repeat(n),
  // Pandoc's e-mail autolinks, wider than CommonMark's: each `<` looks for a `>` to come.
  'unclosed e-mail autolinks': (n) => ':claim[x] ' + '[@a <b;c@d e] '.repeat(n / 14),
  // A footnote call after an in-text key is read again as a bracketed citation.
  'footnote calls after in-text keys': (n) => ':claim[x] ' + '@x [^@a] '.repeat(n / 9),
  'unterminated braced keys': (n) => ':claim[x] ' + '@{a'.repeat(n / 3),
  // Pandoc's span attributes after `[…]` (sources/pandocAttributes.ts): an unquoted value
  // runs to the next space, a valid list on to its `}`.
  // Keys with `_` (BibTeX's `smith_2020`): each `_` was read as an emphasis opener ahead of time.
  'in-text keys with underscores': (n) => ':claim[x] ' + '@a_b '.repeat(n / 5),
  'unclosed citations with underscores': (n) => ':claim[x] ' + '[@a_b'.repeat(n / 5),
  'span attribute values': (n) => ':claim[x] ' + '[x]{k='.repeat(n / 6),
  'span attribute lists': (n) => ':claim[x] [y]{' + 'b=[x]{c=1 '.repeat(n / 10),
  'citations with unclosed emphasis': (n) => ':claim[x] ' + '[@a, *'.repeat(n / 6),
  'unclosed quotes': (n) => ':claim[x] ' + '“a '.repeat(n / 3),
  'nested brackets': (n) => ':claim[x] ' + '['.repeat(n / 2) + '@a' + ']'.repeat(n / 2),
  // Reference marks that are text (model/referenceMarks.ts): inline notes, numbered
  // references and citations by hand, in one sentence after an unsourced claim and in one
  // that reads as a fact, each opener without its closer or far from it.
  'reference marks': (n) => ':claim[x] rose 40% in 2024 ' + '^[a (A 2020 [1 '.repeat(n / 15) + ')] 40%.\n\nPrices rose 40% in 2024 ' + '(A, 2020) ^[b] [2] ('.repeat(n / 40),
  // Note numbers in superscript and linked within the brief, glued to full stops (a paragraph of its own: the one above parses without links).
  // Claims of one sentence, each reading the run of sources after its full stop (model/sentences.ts `spacedReferences`); sentences each followed by theirs.
  'sources after full stops': (n) => ':claim[x] '.repeat(n / 20) + 'rose 40%. ' + '[@a] (A, 2020) <!-- c --> [^n] ^[b] [l](u) '.repeat(n / 80) + '\n\n' + 'Rates rose 4%. [@a] (A, 2020) '.repeat(n / 60),
  // Notes copied from a PDF without their superscript: glued to full stops after words, and a paragraph of numbered note lines.
  'note numbers without superscript': (n) => 'Rates rose in the period.1 '.repeat(n / 54) + '\n\n' + Array.from({ length: Math.ceil(n / 60) }, (_, i) => `${(i % 999) + 1} Eurostat (2024), Labour.`).join('\n'),
  'note numbers': (n) => 'Rates rose.' + 'rates^1^ fell.<sup>2</sup> ¹²^ [[3]](#n) ^4'.repeat(n / 41),
  'unclosed strikeouts': (n) => ':claim[x] ' + '~~a ~'.repeat(n / 5),
  // Every finding was checked against every suppression comment (rules/index.ts).
  'suppressed findings': (n) => '<!-- briefmark-disable unknown-actor -->\n\n' + '<!-- briefmark-disable-next-line unsourced-claim -->\n:claim[c] :actor[x]\n\n'.repeat(n / 74),
  'unclosed comments with suppressions': (n) => ':claim[x]\n\n' + '<!-- briefmark-enable '.repeat(n / 22),
  // Raw HTML in text that never closes (parse/htmlGuard.ts): micromark scans each opener to the paragraph's end.
  'unclosed HTML comments': (n) => ':claim[x] ' + 'x <!-- '.repeat(n / 7),
  'unclosed HTML comments in image text': (n) => ':claim[x] ' + '![<!--](u) '.repeat(n / 11),
  'unclosed processing instructions': (n) => ':claim[x] ' + 'x <? '.repeat(n / 5),
  'unclosed CDATA sections': (n) => ':claim[x] ' + 'x <![CDATA[ '.repeat(n / 12),
  'unclosed declarations': (n) => ':claim[x] ' + 'x <!A\n'.repeat(n / 6),
  // Parser patterns that grew faster than linearly inside micromark, now bounded by the
  // guards of parse/guards.ts: container directives nested hundreds deep (`:::rec` lines
  // never closed, also behind list markers), block quote and list markers stacked on one
  // line (the tree's depth overflowed tree walkers' stacks at a few thousand).
  'nested containers': (n) => ':claim[x]\n\n' + ':::rec\n'.repeat(n / 7) + 'body\n',
  'nested containers in list items': (n) => ':claim[x]\n\n' + Array.from({ length: Math.sqrt(n) }, (_, i) => '  '.repeat(i) + '- :::rec\n').join('') + 'body\n',
  'stacked block quotes': (n) => ':claim[x]\n\n' + '> '.repeat(n / 2) + 'x\n',
  'stacked list markers': (n) => ':claim[x]\n\n' + '- '.repeat(n / 2) + 'x\n',
  'stacked footnote definitions': (n) => ':claim[x]\n\n' + '[^a]: '.repeat(n / 6) + 'x\n',
  'one long sentence of assertions': (n) => ':claim[x] ' + 'officials said 40% '.repeat(n / 19),
  'sentences without end': (n) => ':claim[x]' + ' e.g'.repeat(n / 4),
  'many list items': (n) => ':claim[x]\n\n' + '- item [@a]\n'.repeat(n / 12),
  'many short paragraphs': (n) => ':claim[x] [@a]\n\n'.repeat(n / 17),
  'CR line endings': (n) => ':claim[x]\r'.repeat(n / 10),
  'one table row': (n) => ':claim[x]\n\n| a | b |\n|---|---|\n|' + ' :claim[c] |'.repeat(n / 12),
  'pipes (tables)': (n) => ':claim[x]\n\n| a |\n|---|\n' + '| b |\n'.repeat(n / 6),
  'backticks': (n) => ':claim[x] ' + '`a'.repeat(n / 2),
  // Guarded too: a paragraph with more delimiter runs than MAX_DELIMITER_RUNS is parsed
  // without emphasis (`*a_`: each run looked back over every earlier one).
  'emphasis runs': (n) => ':claim[x] ' + '*a_'.repeat(n / 3),
  'strikethrough runs': (n) => ':claim[x] ' + '~a'.repeat(n / 2),
  // Runs are counted afresh from a line that starts inline content of its own (a list item
  // that may interrupt, a footnote definition): not from lines that only look like one.
  'emphasis runs in list items': (n) => ':claim[x]\n\n' + '- *a_ *b_ *c_\n'.repeat(n / 14),
  'emphasis runs in numbered lines of a paragraph': (n) => ':claim[x]\n' + '2. *a_ *b_\n'.repeat(n / 11),
  'emphasis runs in indented numbered lines of an item': (n) => ':claim[x]\n\n- x\n' + '  2. *a_ *b_\n'.repeat(n / 13),
  'emphasis runs in table rows': (n) => ':claim[x]\n\n| a | b |\n|---|---|\n' + '| *a_ | *b_ |\n'.repeat(n / 14),
  'emphasis runs under a table head that does not match': (n) => ':claim[x]\n\n| a | b | c |\n|---|---|\n' + '| *a_ | *b_ |\n'.repeat(n / 14),
  // Lazy continuation lines: micromark looked back over the container's paragraph for each.
  'lazy lines in a block quote': (n) => ':claim[x]\n\n> quoted\n' + 'a *lazy* line\n'.repeat(n / 14),
  'lazy lines in a list item': (n) => ':claim[x]\n\n- item\n' + 'a *lazy* line\n'.repeat(n / 14),
  // Block structures line after line without blank lines (parse/blocks.ts, parse/partEdit.ts).
  'footnote definitions one per line': (n) => ':claim[x][^n1]\n\n' + Array.from({ length: n / 24 }, (_, i) => `[^n${i}]: *Note* ${i}, p. 4.`).join('\n'),
  'link definitions one per line': (n) => ':claim[x]\n\n' + Array.from({ length: n / 24 }, (_, i) => `[d${i}]: https://e.org/${i}`).join('\n'),
  'quoted list items': (n) => ':claim[x]\n\n' + '> - item *a*\n'.repeat(n / 13),
  'nested list items': (n) => ':claim[x]\n\n' + '- a\n  - b *c*\n'.repeat(n / 15),
  'footnote definitions in a quote': (n) => ':claim[x]\n\n' + '> [^a]: note *a*\n'.repeat(n / 17),
  'task items': (n) => ':claim[x]\n\n' + '- [ ] task *a*\n'.repeat(n / 15),
  'hard breaks': (n) => ':claim[x]\n' + 'line\\\n'.repeat(n / 6),
  'lazy lines in a quote in a list item': (n) => ':claim[x]\n\n- > quoted\n' + '  lazy *a* line\n'.repeat(n / 16),
  'emphasis runs in table lines continuing a list item': (n) => ':claim[x]\n\n- para\n| a | b |\n|---|---|\n' + '| *a_ | *b_ |\n'.repeat(n / 14),
  'one long emphasis run': (n) => ':claim[x] ' + '*'.repeat(n / 2) + 'a' + '*'.repeat(n / 2),
  // And a paragraph with more closing brackets than MAX_BRACKETS, or brackets nested deeper
  // than MAX_BRACKET_DEPTH, without links and images (for each `]` micromark looked back
  // over the whole paragraph).
  'closing brackets': (n) => ':claim[x] ' + 'a] '.repeat(n / 3),
  'undefined references': (n) => ':claim[x] ' + '[a] '.repeat(n / 4),
  'nested images': (n) => ':claim[x] ' + '!['.repeat(n / 6) + 'a' + '](u)'.repeat(n / 6),
  'link openers': (n) => ':claim[x] ' + '[a]('.repeat(n / 4),
  'footnote definitions': (n) => ':claim[x][^1]\n\n' + '[^1]: \n'.repeat(n / 7),
  'front matter lines': (n) => '---\n' + 'references: a\n'.repeat(n / 14) + '---\n:claim[x]',
  // YAML nested a thousand levels deep took the process down (parse/yaml.ts); broken lines
  // made an error each, and each error copied the text's context.
  'nested front matter': (n) => '---\n' + '- ['.repeat(n / 3) + '\n---\n\n:claim[x]\n',
  'broken front matter lines': (n) => '---\n' + 'a: b: c\n'.repeat(n / 8) + '---\n\n:claim[x]\n',
  'nested metadata blocks': (n) => ':claim[x]\n\n' + ('---\n' + '{'.repeat(1000) + '\n---\n\n').repeat(n / 1010),
  'headings': (n) => '# Recommendations\n' + '## Track 1: A\n'.repeat(n / 14),
  // A framework of thousands of tracks, each with a recommendation (each was looked for among all the tracks).
  'tracks with recommendations': (n) => '# Recommendations\n\n' + '## Track 1: Rail\n\nFund Links: Pay for :claim[x].\n\n'.repeat(n / 47),
  // The same written as plain text: heading lines, a recommendation per line (model/plainTextOutline.ts).
  'plain-text tracks with recommendations': (n) => 'Key Events\n:claim[x]\nProposed Solutions Framework\n' + 'Track 1: Rail\nFund Links: Pay for it.\nwrapped on\n'.repeat(n / 47),
  // Numbered sections written as plain text (list items for Markdown), each with a numbered subsection and a list that starts at 1 again.
  'numbered plain-text sections': (n) => {
    let t = 'Key Events\n:claim[x]\n';
    for (let i = 1; t.length < n; i++) t += `${i}. Section Title\nText at the margin.\n${i}.1 Background\n1. Clarify Red Lines\n2. Revise the Format\n`;
    return t;
  },
  // Pandoc's table rules (model/pandocTables.ts): column rules line after line, each looked up from; failed multiline tables; many small tables; one long grid.
  'column rules': (n) => 'Key Events\n\n' + '-- --\n'.repeat(n / 6),
  'failed multiline tables': (n) => '-----\nx\n-- --\ny\n\n'.repeat(n / 19),
  'simple tables': (n) => '  A     B\n  --- ---\n  1     2\n\n'.repeat(n / 27),
  'one long grid table': (n) => '+---+---+\n' + '| a | 1 |\n+---+---+\n'.repeat(n / 20),
  'indented rules and blank lines': (n) => 'Key Events\n\n' + '  -----\n\n'.repeat(n / 9),
  'actor mentions': (n) => ':claim[x] ' + 'Macron '.repeat(n / 7),
  'NUL and surrogates': (n) => ':claim[x] ' + '\u0000\uD800'.repeat(n / 2),
};
