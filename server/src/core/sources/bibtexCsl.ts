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
  // URLs and identifiers are read as written (Pandoc's raw fields): `%`, `~` and `\_` are theirs.
  const verbatim = (name: string): string | undefined => fields.get(name)?.trim() || undefined;
  const item: CslItem = { id: key, type: cslType(type, text('entrysubtype'), fields) };
  const set = (name: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) item[name] = value;
  };

  // BibLaTeX's `options = {useprefix=true}`: the von part is a non-dropping particle ("de Oliveira").
  const useprefix = optionSet(fields.get('options'), 'useprefix');
  for (const [from, to] of [
    ['author', 'author'],
    ['editor', 'editor'],
    ['translator', 'translator'],
  ] as const)
    set(to, parseNames(fields.get(from), useprefix));
  if (!item.author && !item.editor && fields.has('bookauthor')) set('author', parseNames(fields.get('bookauthor'), useprefix));
  if (fields.has('bookauthor') && item.author) set('container-author', parseNames(fields.get('bookauthor'), useprefix));

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
  const doi = verbatim('doi')?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  set('DOI', doi);
  set('URL', verbatim('url'));
  set('ISBN', verbatim('isbn'));
  set('ISSN', verbatim('issn'));
  set('note', text('note') ?? text('addendum'));
  set('abstract', text('abstract'));
  set('language', text('langid') ?? text('language'));
  return item;
}

/** Whether a BibLaTeX `options` list (`a=b, c`) sets `key` (`key`, `key=true`), as Pandoc reads it. */
function optionSet(options: string | undefined, key: string): boolean {
  for (const part of (options ?? '').split(',')) {
    const [k, v] = part.split('=').map((x) => x.trim());
    if (k.toLowerCase() === key) return v === undefined || v === '' || v.toLowerCase() === 'true';
  }
  return false;
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
  // (A `techreport` with no `type` has no genre in Pandoc's reading: only theses get one.)
  if (type === 'phdthesis' || type === 'mastersthesis') return named[type];
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
 * A BibTeX name list as CSL names, read as Pandoc 2.17 reads them (`Citeproc.BibTeX`
 * `toName`, BibLaTeX's rules, then citeproc's particles), `and` between names:
 *
 * - "First von Last": First is the leading capitalised words (all but the last when
 *   every word is), von the next words up to the first capitalised one, Last the rest;
 *   "von Last, First" and "von Last, Jr, First": von is the leading words that are not
 *   capitalised (so "de Souza e Silva" is von "de", Last "Souza e Silva").
 * - A word is capitalised when its first letter is upper case (digits skipped); a group
 *   `{…}` at its start is passed over, so `J {van de Pol}` has the family "van de Pol" and
 *   `{\'E}tienne` is not capitalised.
 * - The von part is a `dropping-particle` (`non-dropping` with `useprefix`); then the
 *   family's leading lower-case words become its `non-dropping-particle` ("van de Pol" →
 *   "van de" + "Pol", "d’Artagnan" → "d’" + "Artagnan"), and the given name's trailing
 *   lower-case words a `dropping-particle` ("J van de" → "J" + "van de").
 * - A name wholly in braces (`{World Bank}`) is a literal.
 */
export function parseNames(raw: string | undefined, useprefix = false): CslName[] {
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
    const parts = splitTop(name, /,/y).map((p) => words(p));
    let first: string[];
    let vonLast: string[];
    let jr: string[] = [];
    if (parts.length === 1) {
      const fvl = parts[0];
      let caps = 0;
      while (caps < fvl.length && isCapitalized(fvl[caps])) caps++;
      if (caps === fvl.length && caps > 0) {
        first = fvl.slice(0, -1);
        vonLast = fvl.slice(-1);
      } else {
        first = fvl.slice(0, caps);
        vonLast = fvl.slice(caps);
      }
    } else {
      vonLast = parts[0];
      first = parts.length === 2 ? parts[1] : parts[2];
      if (parts.length >= 3) jr = parts[1];
    }
    let lower = 0;
    while (lower < vonLast.length && !isCapitalized(vonLast[lower])) lower++;
    const [von, last] = lower === vonLast.length && lower > 0 ? [vonLast.slice(0, -1), vonLast.slice(-1)] : [vonLast.slice(0, lower), vonLast.slice(lower)];
    const prefix = von.map(clean).join(' ');
    const family = particleOfFamily(last.map(clean).join(' '));
    const given = particleOfGiven(first.map(clean).join(' '));
    const dropping = [useprefix ? '' : prefix, given.particle ?? ''].filter(Boolean).join(' ');
    const nonDropping = [useprefix ? prefix : '', family.particle ?? ''].filter(Boolean).join(' ');
    out.push(compact({ family: family.rest, given: given.rest, 'dropping-particle': dropping, 'non-dropping-particle': nonDropping, suffix: jr.map(clean).join(' ') }));
  }
  return out;
}

/**
 * Pandoc's `isCapitalized` on a word as written: its first letter (after digits) is upper
 * case. A group at its start is passed over (Pandoc's LaTeX reader makes it a span): `{van
 * de Pol}` is capitalised (nothing follows), `{\'e}cole` and `{\v{S}}pan` are not.
 */
function isCapitalized(word: string): boolean {
  let w = word;
  if (w.startsWith('{')) {
    const close = groupClose(w, 0);
    if (close < 0) return true;
    w = w.slice(close + 1);
    if (!w) return true;
  }
  const text = clean(w);
  for (const ch of text) {
    if (/\p{N}/u.test(ch) && /\d/.test(ch)) continue;
    return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
  }
  return true;
}

/** A word that reads as a particle: it starts with a lower-case letter, or with an apostrophe and one (`’t`). */
function isParticleWord(w: string): boolean {
  const m = /^[’']?(\p{L})/u.exec(w);
  return !!m && m[1] === m[1].toLowerCase() && m[1] !== m[1].toUpperCase();
}

/**
 * The family name's leading particle (citeproc's, as Pandoc prints it): its leading
 * lower-case words when a capitalised word follows ("van de Pol", "von der Leyen-Smith",
 * "van ’t Hoff"), and a lower-case prefix joined by an apostrophe ("d’Artagnan",
 * "dall’Oglio"). "van de pol" and "van" keep their family whole.
 */
function particleOfFamily(family: string): { particle?: string; rest: string } {
  const tokens: Array<{ text: string; joined: boolean }> = [];
  for (const w of family.split(' ').filter(Boolean)) {
    const m = /^(\p{Ll}+[’'])(\p{Lu}.*)$/u.exec(w);
    if (m) tokens.push({ text: m[1], joined: false }, { text: m[2], joined: true });
    else tokens.push({ text: w, joined: false });
  }
  let k = 0;
  while (k < tokens.length && isParticleWord(tokens[k].text) && !tokens[k].joined) k++;
  // A token that continues the previous one without a space ("d’" + "Artagnan") is not a particle.
  if (k === 0 || k === tokens.length || isParticleWord(tokens[k].text)) return { rest: family };
  const join = (ts: typeof tokens) => ts.map((t, i) => (i > 0 && !t.joined ? ' ' : '') + t.text).join('');
  return { particle: join(tokens.slice(0, k)), rest: join(tokens.slice(k).map((t, i) => (i === 0 ? { ...t, joined: false } : t))) };
}

/** The given name's trailing lower-case words, when a capitalised word precedes them ("J van de" → "J" + "van de"). */
function particleOfGiven(given: string): { particle?: string; rest: string } {
  const ws = given.split(' ').filter(Boolean);
  let k = ws.length;
  while (k > 0 && isParticleWord(ws[k - 1])) k--;
  if (k === ws.length || k === 0) return { rest: given };
  return { particle: ws.slice(k).join(' '), rest: ws.slice(0, k).join(' ') };
}

function compact(n: CslName): CslName {
  for (const k of Object.keys(n) as Array<keyof CslName>) if (n[k] === undefined || n[k] === '') delete n[k];
  return n;
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

