/// <reference path="../../types/bibtex-parse.d.ts" />
import bibtexParse, { type BibtexField, type BibtexItem, type BibtexSyntaxError, type BibtexValuePart } from 'bibtex-parse';
import type { Span } from '../text/span';
import type { BibEntry, Bibliography, BibliographyProblem } from './bibliography';

/**
 * BibTeX (`.bib`) with `bibtex-parse` (a PEG grammar of BibTeX: entries, `@string`,
 * `#` concatenation, `@comment`, `@preamble`). Pure: text in, entries with the position
 * of each key out.
 *
 * A syntax error does not lose the file: the text is cut at each line that starts an
 * entry (`@type{`) and every piece is parsed on its own, so the entries before and after
 * a broken one are still read, and the broken one is reported at the parser's position.
 */
export function parseBibtex(text: string, uri: string): Bibliography {
  const out: Bibliography = { entries: new Map(), problems: [] };
  const strings = new Map<string, string>(MONTHS);
  let items: Array<{ item: BibtexItem; offset: number }>;
  try {
    items = bibtexParse.parse(text).map((item) => ({ item, offset: 0 }));
  } catch {
    items = [];
    for (const piece of pieces(text)) {
      try {
        for (const item of bibtexParse.parse(piece.text)) items.push({ item, offset: piece.start });
      } catch (e) {
        out.problems.push(syntaxProblem(e, text, piece, uri));
      }
    }
  }

  let cursor = 0;
  for (const { item, offset } of items) {
    if (item.itemtype === 'string') {
      strings.set(item.name.toLowerCase(), resolve(item.value, strings));
      continue;
    }
    if (item.itemtype !== 'entry') continue;
    const at = text.indexOf(item.raw, Math.max(cursor, offset));
    const start = at >= 0 ? at : offset;
    if (at >= 0) cursor = at + item.raw.length;
    const keyAt = at >= 0 ? text.indexOf(item.key, text.indexOf(item.enclosed === 'parentheses' ? '(' : '{', start)) : -1;
    const span: Span | undefined = keyAt >= 0 ? { start: keyAt, end: keyAt + item.key.length } : undefined;
    if (out.entries.has(item.key)) {
      out.problems.push({ uri, message: `Duplicate BibTeX key "${item.key}": only the first entry is used.`, span });
      continue;
    }
    out.entries.set(item.key, toEntry(item, strings, uri, span));
  }
  return out;
}

const MONTHS: Array<[string, string]> = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m) => [m, m]);

/**
 * A BibTeX name list split at its `and`s: `s.split(/\s+and\s+/i)` without that regex's
 * quadratic search (it read a long run of white space to its end again from each of its
 * characters). A separator is a whole run of white space, `and`, and the whole run after.
 */
export function splitNameList(s: string): string[] {
  const out: string[] = [];
  const space = /\s+/g;
  const and = /and\s+/iy;
  let from = 0;
  for (let m = space.exec(s); m; m = space.exec(s)) {
    and.lastIndex = m.index + m[0].length;
    if (!and.test(s)) continue;
    out.push(s.slice(from, m.index));
    from = space.lastIndex = and.lastIndex;
  }
  out.push(s.slice(from));
  return out;
}

function toEntry(item: Extract<BibtexItem, { itemtype: 'entry' }>, strings: Map<string, string>, uri: string, span: Span | undefined): BibEntry {
  const field = (name: string): string | undefined => {
    const f = item.fields.find((x: BibtexField) => x.name.toLowerCase() === name);
    if (!f) return undefined;
    const v = clean(resolve(f.value, strings));
    return v || undefined;
  };
  const names = (v: string | undefined) =>
    splitNameList(v ?? '')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => {
        const parts = n.split(',').map((p) => p.trim());
        return parts.length >= 2 ? `${parts.slice(1).join(' ')} ${parts[0]}`.trim() : n;
      });
  const authors = names(field('author'));
  return {
    key: item.key,
    title: field('title'),
    authors: authors.length ? authors : names(field('editor')),
    year: field('year') ?? field('date')?.slice(0, 4),
    type: item.type.toLowerCase(),
    url: field('url') ?? (field('doi') ? `https://doi.org/${field('doi')}` : undefined),
    containerTitle: field('journal') ?? field('journaltitle') ?? field('booktitle'),
    publisher: field('publisher') ?? field('institution') ?? field('organization'),
    origin: { uri, span },
  };
}

function resolve(value: string | number | BibtexValuePart[], strings: Map<string, string>): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value
    .map((p) => (p.datatype === 'identifier' ? (strings.get(String(p.value).toLowerCase()) ?? String(p.value)) : String(p.value)))
    .join('');
}

/** Braces that only protect case (`{UN}`) go; white space runs become one space. */
function clean(s: string): string {
  return s.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();
}

/** Pieces of the text, each starting at a line that starts an `@…` item. */
function pieces(text: string): Array<{ start: number; text: string }> {
  const starts: number[] = [];
  for (const m of text.matchAll(/^[ \t]*@/gm)) starts.push(m.index!);
  if (starts[0] !== 0) starts.unshift(0);
  return starts.map((s, i) => ({ start: s, text: text.slice(s, starts[i + 1] ?? text.length) }));
}

function syntaxProblem(e: unknown, text: string, piece: { start: number; text: string }, uri: string): BibliographyProblem {
  const base = piece.start;
  const err = e as BibtexSyntaxError;
  const loc = err.location;
  let start = base + (loc?.start.offset ?? 0);
  // An error at the end of the piece (an unclosed brace) is shown on the entry's first line.
  const lineEnd = (from: number) => {
    const n = text.indexOf('\n', from);
    return n < 0 ? text.length : n;
  };
  if (!/\S/.test(text.slice(start, start + 1))) start = base;
  const end = Math.max(start + 1, Math.min(lineEnd(start), (loc ? base + loc.end.offset : start + 1)));
  const entry = /@\s*(\w+)\s*[{(]\s*([^,\s]*)/.exec(text.slice(base, base + 300));
  const what = entry ? `the entry @${entry[1]}{${entry[2]}` : 'this part of the file';
  const open = (piece.text.match(/(?<!\\)\{/g) ?? []).length - (piece.text.match(/(?<!\\)\}/g) ?? []).length;
  const why = open > 0 ? `a brace \`{\` is never closed (${open} unclosed).` : open < 0 ? `there is a \`}\` too many.` : firstSentence(err.message ?? String(e));
  const head = entry ? { start: base + entry.index, end: base + entry.index + entry[0].length } : { start, end: Math.min(end, text.length) };
  return { uri, message: `BibTeX syntax error in ${what}: ${why} The entries that could be read are used.`, span: open !== 0 ? head : { start, end: Math.min(end, text.length) } };
}

function firstSentence(s: string): string {
  const t = s.split('\n')[0].trim();
  return t.endsWith('.') ? t : t + '.';
}
