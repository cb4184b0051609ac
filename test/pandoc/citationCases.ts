/**
 * Generated citation texts for the differential test against Pandoc: keys with every
 * character Pandoc allows in them (and the ones that end a key), punctuation after keys,
 * e-mail addresses, brackets across lines, nested brackets, locators, suppress-author,
 * braced keys, links, images, emphasis, code, HTML, math and footnotes, each placed in
 * paragraphs, list items, headings, block quotes and table cells.
 *
 * Seeded (mulberry32), so a failing case is reproduced from its seed and index. Nothing
 * here is tuned to Briefmark: the same cases are read by `pandoc -f markdown -t json`.
 */

import { rng } from '../../bench/corpus';


type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: R, p: number) => r() < p;
const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const UNICODE_LETTERS = ['é', 'ü', 'ß', 'ø', 'ł', 'ж', 'я', 'λ', 'Ω', '中', '文', 'ש', 'ع', 'क', '한', 'ㄱ', '𝔸', '𐐷', 'ǅ', 'ʰ', '²', '½', 'Ⅻ', '٣'];
const INTERNAL = [':', '.', '#', '$', '%', '&', '-', '+', '?', '<', '>', '~', '/'];
const NOT_IN_KEYS = ['!', '"', "'", '(', ')', '*', ',', ';', '=', '@', '[', ']', '^', '`', '{', '|', '}', '\u00a0', '\u0301', '–', '—', '…', '’', '“'];

function keyChar(r: R): string {
  const roll = r();
  if (roll < 0.55) return pick(r, [...LETTERS]);
  if (roll < 0.75) return pick(r, [...DIGITS]);
  if (roll < 0.85) return '_';
  return pick(r, UNICODE_LETTERS);
}

/** A key as an analyst or a reference manager writes one (and the slips around it). */
export function key(r: R): string {
  const kind = r();
  if (kind < 0.4) {
    // letters and digits, like smith2020 or doe99
    let k = keyChar(r);
    for (let i = int(r, 0, 10); i > 0; i--) k += keyChar(r);
    return k;
  }
  if (kind < 0.75) {
    // internal punctuation, sometimes doubled or at the end (where it ends the key)
    let k = keyChar(r);
    for (let i = int(r, 1, 5); i > 0; i--) {
      if (chance(r, 0.4)) k += pick(r, INTERNAL);
      if (chance(r, 0.1)) k += pick(r, INTERNAL);
      k += keyChar(r);
    }
    if (chance(r, 0.2)) k += pick(r, INTERNAL);
    return k;
  }
  if (kind < 0.85) return pick(r, ['http://example.org/x', 'https://doi.org/10.1000/182', 'a//b', 'urn:isbn:0451450523', 'x://y', 'a:/b', 'file:///tmp/x', 'doi:10.1/x.y']);
  if (kind < 0.9) return `${keyChar(r)}${pick(r, NOT_IN_KEYS)}${keyChar(r)}`;
  if (kind < 0.95) return pick(r, ['*', '_x', '1990', '_', '__', 'x_', 'ǅx', '²x']);
  return keyChar(r).repeat(int(r, 20, 120));
}

/** A key as written after `@`: plain, or braced (with spaces, nested braces, or none). */
function writtenKey(r: R): string {
  if (chance(r, 0.85)) return key(r);
  return `{${pick(r, [key(r), `${key(r)} ${key(r)}`, `${key(r)}{${key(r)}}${key(r)}`, 'https://example.com/bib?name=foobar&date=2000', '', `${key(r)}}`, `{${key(r)}`, `${key(r)},p`])}}`;
}

const WORDS = ['see', 'also', 'cf.', 'e.g.', 'the', 'report', 'and', 'or', 'as', 'per', 'ibid', 'in', 'by', 'this', 'Macron', 'IMF', 'officials', 'said', 'data', 'x', '1', '30%', '$300bn', 'U.S.', 'ok'];
const LOCATORS = ['p. 4', 'pp. 33-35', 'pp. 33–35, 38-39', 'chap. 2', 'ch. 3', 'sec. 4.2', '§ 12', 'para. 9', 'fig. 2', 'vol. ii', 'n. 12', '33', 'p.4', '{ii, A, D-Z}', '{pp. iv, vi-xi}', 'and passim', 'p. 4, emphasis added'];

function words(r: R, max: number): string {
  const out: string[] = [];
  for (let i = int(r, 0, max); i > 0; i--) out.push(pick(r, WORDS));
  return out.join(' ');
}

function item(r: R): string {
  const pre = chance(r, 0.35) ? words(r, 3) + pick(r, [' ', ' ', '', '\n']) : '';
  const dash = chance(r, 0.2) ? '-' : '';
  let suffix = '';
  const s = r();
  if (s < 0.35) suffix = `, ${pick(r, LOCATORS)}`;
  else if (s < 0.45) suffix = ` ${pick(r, LOCATORS)}`;
  else if (s < 0.55) suffix = `, ${words(r, 3)}`;
  else if (s < 0.65) suffix = pick(r, [', ', ' ', ' and ', ' @', ', @', ' & ']) + `@${writtenKey(r)}`;
  else if (s < 0.7) suffix = `${pick(r, ['', ' '])}@${writtenKey(r)}`;
  return `${pre}${dash}@${writtenKey(r)}${suffix}`;
}

function bracketed(r: R): string {
  const items: string[] = [];
  for (let i = int(r, 1, 3); i > 0; i--) items.push(item(r));
  const sep = () => pick(r, ['; ', ';', ';\n', ' ; ']);
  let body = items[0];
  for (const it of items.slice(1)) body += sep() + it;
  if (chance(r, 0.1)) body = `${pick(r, ['see [1] ', 'see [the note] ', 'cf. [@' + key(r) + '] ', '[x] '])}${body}`;
  if (chance(r, 0.08)) body += pick(r, [' [p. 4]', ' [extra]', ' (2020)']);
  const open = pick(r, ['[', '[', '[', '[ ', '[\n']);
  const close = pick(r, [']', ']', ']', ' ]']);
  return `${open}${body}${close}`;
}

function inText(r: R): string {
  const dash = chance(r, 0.1) ? '-' : '';
  const k = `${dash}@${writtenKey(r)}`;
  const s = r();
  if (s < 0.2) return `${k} [${pick(r, LOCATORS)}]`;
  if (s < 0.3) return `${k}${pick(r, [' ', '\n', ''])}[${pick(r, ['see ', '', '-'])}@${writtenKey(r)}]`;
  if (s < 0.35) return `${k} [${pick(r, LOCATORS)}; @${writtenKey(r)}]`;
  if (s < 0.4) return `${k}@${writtenKey(r)}`;
  if (s < 0.45) return `${k} [^1]`;
  if (s < 0.5) return `${k} [${pick(r, LOCATORS)}](http://example.org)`;
  return k;
}

// What comes right before a citation: it decides whether `@` may start one.
const BEFORE = [' ', ' ', ' ', '', 'x', 'word', '9', 'x.', 'e.g.', '_', 'x_', '\\\\', '\\', '@', '*x*', '**x**', '_x_', '__x__', 'x*', '(', '"', "'", 'it’s', '-', '--', '~~x~~', '`x`', '...', 'x...', '....', ':smile:', '&amp;', '&copy', '!', '?', ')', ']', '/', '“', '¹', 'é', '中', '<b>x</b>', '<!-- c -->', '$x$', '[^1]', '‐', ' — '];
// What comes right after a key: it decides where the key ends.
const AFTER = ['', ' ', '.', ',', ';', ':', '?', '!', ')', ']', "'s", '’s', '-', '--', '/', '//', '://x', ':/', '#', '$', '%', '&', '+', '?x', '<', '>', '~', '.x', '..', '...', '*', '_', '@x', '\u0301', '\u00a0', '"', '…'];

function citationPiece(r: R): string {
  const s = r();
  let core: string;
  if (s < 0.45) core = bracketed(r);
  else if (s < 0.85) core = inText(r);
  else if (s < 0.9) core = pick(r, ['name@example.org', 'a@b.c@d.e', 'mail me: a.b@c-d.org.', `${key(r)}@${key(r)}`, '@@x', `x@{${key(r)}}`]);
  else if (s < 0.93) core = `\`@${key(r)}\``;
  else if (s < 0.95) core = pick(r, [`<span>@${key(r)}</span>`, `<!-- @${key(r)} -->`, `<a href="x">@${key(r)}</a>`]);
  else if (s < 0.97) core = pick(r, [`$@${key(r)}$`, `$5 @${key(r)}$`, `$x$@${key(r)}`, `$300bn and @${key(r)} $`]);
  else core = pick(r, [`[^@${key(r)}]`, `[^ @${key(r)}]`, `[^1 @${key(r)}]`]);
  return `${pick(r, BEFORE)}${core}${pick(r, AFTER)}`;
}

const SPAN_ATTRIBUTES = ['#id .c key="v"', 'k=@a', 'h', '.c [@a]', 'k="x @b"', "k='@c' -", '-', 'k=', '.c\n.d', 'k="a\nb" @d', 'k=""@e"', 'k=" @f"', 'k=\\} @g', ' .é-1 '];

function wrap(r: R, s: string): string {
  const w = r();
  if (w < 0.6) return s;
  if (w < 0.67) return `[${s}](http://example.org/p)`;
  if (w < 0.7) return `![${s}](img.png)`;
  if (w < 0.75) return `*${s}*`;
  if (w < 0.8) return `**${s}**`;
  if (w < 0.8) return `[${s}]{.note}`;
  // Pandoc's span attributes, valid or not (then text, whose citations count), with keys inside.
  if (w < 0.83) return `[${s}]{${pick(r, SPAN_ATTRIBUTES)}}`;
  if (w < 0.86) return `"${s}"`;
  if (w < 0.88) return `[${s}][ref]`;
  if (w < 0.9) return `~~${s}~~`;
  return `(${s})`;
}

/** One case: a few sentences with citations, in one block of some kind. */
export function citationCase(r: R): string {
  const parts: string[] = [];
  if (chance(r, 0.6)) parts.push(words(r, 5));
  for (let i = int(r, 1, 3); i > 0; i--) {
    parts.push(wrap(r, citationPiece(r)));
    if (chance(r, 0.5)) parts.push(words(r, 4));
  }
  const line = parts.filter(Boolean).join(pick(r, [' ', ' ', ' ', '\n']));
  const b = r();
  // A line must not start a construct that changes the block (lists, headings, fences,
  // tables, HTML blocks, `@x.` list markers after the first line) unless that is the
  // case's own wrapper; nor may the block start with `[` (a CommonMark link reference
  // definition may span lines: `[a,\nb]: c`). Docs/sources.md lists these block-level
  // differences. The first line may start an example list item (`(@x) `, `@x. `), which
  // Briefmark reads as Pandoc does.
  const safe = (x: string) =>
    x
      .split('\n')
      .map((l, i) => ((i === 0 ? /^\s*([-+*>#|`~:<]|\d+[.)]|\$\$)/ : /^\s*([-+*>#|`~:<@]|\d+[.)]|\(@|\$\$)/).test(l) || l.trim() === '' || (i === 0 && /^\s*!?\[/.test(l)) ? `w ${l}` : l))
      .join('\n');
  const body = safe(line);
  if (b < 0.7) return body;
  if (b < 0.78) return `- ${body.replace(/\n/g, '\n  ')}`;
  if (b < 0.84) return `## ${body.replace(/\n/g, ' ')}`;
  if (b < 0.9) return `> ${body.replace(/\n/g, '\n> ')}`;
  if (b < 0.95) return `1. ${body.replace(/\n/g, '\n   ')}`;
  return `| a | b |\n|---|---|\n| ${body.replace(/\n/g, ' ').replace(/\|/g, '/')} | x |`;
}

/**
 * A document of `count` cases, each under its own level-1 heading (the sync points: both
 * Markdown readers agree on headings), with the footnote and reference definitions the
 * cases may use at the end. Returns the document and where each case's text lies.
 */
export function citationDocument(seed: number, count: number): { text: string; cases: Array<{ start: number; end: number; text: string }> } {
  const r = rng(seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) texts.push(citationCase(r));
  return documentOf(texts);
}

/** The cases, each under a level-1 heading `# C<i>`, then the definitions they may use. */
export function documentOf(texts: string[], first = 0): { text: string; cases: Array<{ start: number; end: number; text: string }> } {
  let text = '';
  const cases: Array<{ start: number; end: number; text: string }> = [];
  texts.forEach((c, i) => {
    text += `# C${first + i}\n\n`;
    cases.push({ start: text.length, end: text.length + c.length, text: c });
    text += `${c}\n\n`;
  });
  text += '# Definitions\n\n[^1]: A note.\n\n[ref]: http://example.org/ref\n';
  return { text, cases };
}
