import { latexToText } from './latex';

/** A CSL-JSON item (https://citationstyles.org): what the CSL engine formats. */
export type CslItem = Record<string, unknown> & { id: string; type: string };

export interface CslName {
  family?: string;
  given?: string;
  'dropping-particle'?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

/**
 * A BibTeX/BibLaTeX entry as a CSL item, following Pandoc's mapping (pandoc 2.17,
 * `Citeproc.BibTeX`) for what a citation or a reference list shows: the type, names
 * (family, given, particles, braced corporate names as literals), title and subtitle,
 * container, date (`date` or `year`/`month`), volume, issue, pages, edition, publisher
 * and place (institution, school, organization for the kinds that use them), genre for
 * reports and theses, DOI, URL and access date, note. Titles keep the author's casing
 * (Pandoc turns English titles into sentence case; the styles here print them as given).
 * `test/pandoc/bibtexCsl.test.ts` compares the result with `pandoc -f biblatex -t csljson`.
 */
export function bibtexToCsl(key: string, type: string, fields: ReadonlyMap<string, string>): CslItem {
  const text = (name: string): string | undefined => {
    const v = fields.get(name);
    if (v === undefined) return undefined;
    const t = latexToText(v).replace(/\s+/g, ' ').trim();
    return t || undefined;
  };
  const item: CslItem = { id: key, type: cslType(type, text('entrysubtype'), fields) };
  const set = (name: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) item[name] = value;
  };

  for (const [from, to] of [
    ['author', 'author'],
    ['editor', 'editor'],
    ['translator', 'translator'],
  ] as const)
    set(to, parseNames(fields.get(from)));
  if (!item.author && !item.editor && fields.has('bookauthor')) set('author', parseNames(fields.get('bookauthor')));
  if (fields.has('bookauthor') && item.author) set('container-author', parseNames(fields.get('bookauthor')));

  const title = text('title') ?? text('maintitle');
  const subtitle = text('subtitle') ?? (text('title') ? undefined : text('mainsubtitle'));
  set('title', title && subtitle ? `${title}: ${subtitle}` : title);
  if (title && subtitle) set('title-short', title);
  set('title-short', text('shorttitle'));
  set('container-title', text('journal') ?? text('journaltitle') ?? text('booktitle') ?? (text('title') && text('maintitle') ? text('maintitle') : undefined));
  set('collection-title', text('series'));
  set('event-title', text('eventtitle'));

  set('issued', cslDate(text('date')) ?? yearMonth(text('year'), text('month')));
  set('accessed', cslDate(text('urldate')));
  // Only a valid original date (Pandoc drops the others): a wrong one would print as "[1985-1030] 1995".
  set('original-date', strictDate(cslDate(text('origdate')) ?? yearMonth(text('origyear'), undefined)));
  set('volume', text('volume'));
  set('issue', text('number') && /^(article|periodical)/.test(type) ? text('number') : text('issue'));
  if (!/^(article|periodical)/.test(type)) set('number', text('number'));
  set('page', text('pages')?.split(/[–—-]+/).map((p) => p.trim()).join('-'));
  set('edition', text('edition'));
  set('publisher', text('publisher') ?? text('institution') ?? text('school') ?? text('organization') ?? (type === 'misc' ? text('howpublished') : undefined));
  set('publisher-place', text('address') ?? text('location'));
  set('genre', genre(type, text('type')));
  const doi = text('doi')?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  set('DOI', doi);
  set('URL', text('url'));
  set('ISBN', text('isbn'));
  set('ISSN', text('issn'));
  set('note', text('note') ?? text('addendum'));
  set('abstract', text('abstract'));
  set('language', text('langid') ?? text('language'));
  return item;
}

// Pandoc's mapping of entry types (Citeproc.BibTeX `itemTypes`).
const TYPES: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  bookinbook: 'chapter',
  collection: 'book',
  mvcollection: 'book',
  proceedings: 'book',
  mvproceedings: 'book',
  manual: 'book',
  booklet: 'pamphlet',
  inbook: 'chapter',
  incollection: 'chapter',
  inreference: 'entry-encyclopedia',
  suppbook: 'chapter',
  suppcollection: 'chapter',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  reference: 'book',
  mvreference: 'book',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  patent: 'patent',
  periodical: 'book',
  report: 'report',
  techreport: 'report',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  unpublished: 'manuscript',
  software: 'book',
  dataset: 'dataset',
  misc: '',
};

function cslType(type: string, subtype: string | undefined, fields: ReadonlyMap<string, string>): string {
  if (type === 'article' && (subtype === 'magazine' || subtype === 'newspaper')) return `article-${subtype}`;
  if (type === 'article' && !fields.has('journal') && !fields.has('journaltitle')) return 'article-journal';
  return TYPES[type] ?? '';
}

function genre(type: string, typeField: string | undefined): string | undefined {
  const named: Record<string, string> = { phdthesis: 'PhD thesis', mastersthesis: 'Master’s thesis', techreport: 'technical report', mathesis: 'Master’s thesis', resreport: 'research report' };
  if (typeField) return named[typeField.toLowerCase()] ?? typeField;
  if (type === 'phdthesis' || type === 'mastersthesis' || type === 'techreport') return named[type];
  return undefined;
}

/** `2019`, `2019-05`, `2019-05-06`, `2015-06-22/2015-06-26`, `2019-05-06T10:00` → date-parts; anything else as a literal. */
export function cslDate(value: string | undefined): { 'date-parts': number[][] } | { literal: string } | undefined {
  if (!value) return undefined;
  const parts = value.split('/').map((p) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?$/.exec(p.trim()));
  if (parts.length <= 2 && parts.every((m) => m)) return { 'date-parts': parts.map((m) => m!.slice(1).filter((x) => x !== undefined).map(Number)) };
  const year = /^\d{4}$/.exec(value.trim());
  return year ? { 'date-parts': [[Number(year[0])]] } : { literal: value };
}

function strictDate<T>(d: T | { literal: string } | undefined): T | undefined {
  return d && !('literal' in (d as object)) ? (d as T) : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function yearMonth(year: string | undefined, month: string | undefined): { 'date-parts': number[][] } | { literal: string } | undefined {
  if (!year) return undefined;
  const y = /^-?\d{1,4}$/.test(year) ? Number(year) : undefined;
  if (y === undefined) return { literal: year };
  const m = month ? (/^\d{1,2}$/.test(month) ? Number(month) : MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1) : 0;
  return { 'date-parts': [m >= 1 && m <= 12 ? [y, m] : [y]] };
}

/**
 * A BibTeX name list as CSL names: `and` between names; each name as BibTeX reads it
 * ("von Last, Jr, First", "von Last, First", "First von Last"), the von part being the
 * lower-case words; a name wholly in braces (`{World Bank}`) is a literal.
 */
export function parseNames(raw: string | undefined): CslName[] {
  if (!raw) return [];
  const out: CslName[] = [];
  for (const n of splitNameList(raw)) {
    const name = n.trim();
    if (!name) continue;
    if (name === 'others') {
      out.push({ literal: 'others' });
      continue;
    }
    if (/^\{.*\}$/s.test(name) && groupClose(name, 0) === name.length - 1) {
      out.push({ literal: clean(name) });
      continue;
    }
    const commas = splitTop(name, /,/y).map((p) => p.trim());
    if (commas.length >= 2) {
      const { von, last } = vonLast(words(commas[0]));
      const given = clean(commas.length >= 3 ? commas.slice(2).join(', ') : commas[1]);
      out.push(compact({ family: last, given: given || undefined, 'non-dropping-particle': undefined, 'dropping-particle': von, suffix: commas.length >= 3 ? clean(commas[1]) : undefined }));
      continue;
    }
    const ws = words(name);
    if (ws.length === 1) {
      out.push({ family: clean(ws[0]) });
      continue;
    }
    // First von Last: von starts at the first lower-case word (not the last word).
    let v = ws.findIndex((w, i) => i < ws.length - 1 && isLower(w));
    if (v < 0) v = ws.length - 1;
    let e = v;
    for (let i = v; i < ws.length - 1; i++) if (isLower(ws[i])) e = i + 1;
    const first = ws.slice(0, v).map(clean).join(' ');
    const von = ws.slice(v, e).map(clean).join(' ');
    const last = ws.slice(Math.max(e, v === ws.length - 1 ? ws.length - 1 : e)).map(clean).join(' ');
    out.push(compact({ family: last, given: first || undefined, 'dropping-particle': von || undefined }));
  }
  return out;
}

function vonLast(ws: string[]): { von?: string; last: string } {
  let e = 0;
  for (let i = 0; i < ws.length - 1; i++) if (isLower(ws[i])) e = i + 1;
  return { von: e ? ws.slice(0, e).map(clean).join(' ') : undefined, last: ws.slice(e).map(clean).join(' ') };
}

function compact(n: CslName): CslName {
  for (const k of Object.keys(n) as Array<keyof CslName>) if (n[k] === undefined || n[k] === '') delete n[k];
  return n;
}

/** A word is lower-case when its first letter outside braces is (`van`, `de`, `{\'e}tienne` is not). */
function isLower(word: string): boolean {
  const t = word.replace(/^\{[^}]*\}/, '');
  const m = /\p{L}/u.exec(word.startsWith('{') ? t : word);
  return !!m && m[0] === m[0].toLowerCase() && m[0] !== m[0].toUpperCase();
}

function clean(s: string): string {
  return latexToText(s).replace(/\s+/g, ' ').trim();
}

function words(s: string): string[] {
  return splitTop(s.trim(), /[\s~]+/y).filter(Boolean);
}

/** Splits `s` at matches of the sticky `sep` outside braces (`{Barnes and Noble, Inc.}` stays whole). */
export function splitTop(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(s);
      if (m && m[0].length > 0) {
        out.push(s.slice(from, i));
        from = i + m[0].length;
        i = from - 1;
      }
    }
  }
  out.push(s.slice(from));
  return out;
}

function groupClose(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A BibTeX name list split at its `and`s — a whole run of white space, `and` (any case),
 * and a whole run of white space — outside braces (`{Barnes and Noble, Inc.}` is one
 * name). One linear pass (the regex `/\s+and\s+/i` it replaces was quadratic on long
 * runs of white space).
 */
export function splitNameList(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isSpace(s, i)) {
      let j = i;
      while (j < s.length && isSpace(s, j)) j++;
      if (/^and$/i.test(s.slice(j, j + 3)) && isSpace(s, j + 3)) {
        let k = j + 3;
        while (k < s.length && isSpace(s, k)) k++;
        out.push(s.slice(from, i));
        from = k;
        i = k - 1;
      } else i = j - 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** JavaScript's `\s` at `i` (what BibTeX name lists are split at). */
function isSpace(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(s[i]));
}

