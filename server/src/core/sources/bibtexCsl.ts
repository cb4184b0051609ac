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
 * `test/pandoc/bibtex.test.ts` compares the result with `pandoc -f biblatex -t csljson`.
 */
export function bibtexToCsl(key: string, type: string, fields: ReadonlyMap<string, string>, f = fieldReader(fields)): CslItem {
  const item: CslItem = { id: key, type: cslType(type, f.text('entrysubtype'), fields) };
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
  setTitles(f, type, set);
  setNumbers(f, type, set);

  set('issued', cslDate(f.text('date')) ?? yearMonth(f.text('year'), f.text('month')));
  set('accessed', cslDate(f.text('urldate')));
  // Only a valid original date (Pandoc drops the others): a wrong one would print as "[1985-1030] 1995".
  set('original-date', strictDate(cslDate(f.text('origdate')) ?? yearMonth(f.text('origyear'), undefined)));
  set('edition', f.text('edition'));
  // Publishers: every one of these fields, in this order, `and` in a list read as `;`.
  const publishers = ['school', 'institution', 'organization', 'howpublished', 'publisher'].map((n) => (n === 'howpublished' ? f.text(n) : f.list(n))).filter((x): x is string => !!x);
  set('publisher', publishers.length ? concatWith(';', publishers) : undefined);
  set('publisher-place', f.list('address') || (type === 'patent' ? undefined : f.list('location')));
  set('genre', genre(type, f.text('type')));
  set('DOI', f.verbatim('doi')?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, ''));
  // An arXiv, JSTOR, PubMed or Google Books `eprint` gives the URL when there is none.
  const eprintBase = EPRINT_URLS[(f.verbatim('eprinttype') ?? f.verbatim('archiveprefix') ?? '').toLowerCase()];
  const url = type === 'online' || !/(^|,)\s*url\s*=\s*false\b/i.test(fields.get('options') ?? '') ? f.verbatim('url') : undefined;
  set('URL', url ?? (eprintBase && f.verbatim('eprint') ? eprintBase + f.verbatim('eprint') : undefined));
  set('ISBN', f.verbatim('isbn'));
  set('ISSN', f.verbatim('issn'));
  set('note', type === 'periodical' ? f.text('addendum') : concatWith('.', [f.text('note'), f.text('addendum')]) || undefined);
  set('abstract', f.text('abstract'));
  set('language', f.text('langid') ?? f.text('language'));
  // The other fields Pandoc maps, for the styles that print them.
  for (const [from, to] of [['chapter', 'chapter-number'], ['pagetotal', 'number-of-pages'], ['volumes', 'number-of-volumes'], ['version', 'version'], ['venue', 'event-place'], ['origpublisher', 'original-publisher'], ['origtitle', 'original-title'], ['keywords', 'keyword'], ['pubstate', 'status']] as const) set(to, f.text(from));
  set('annote', f.text('annotation') ?? f.text('annote'));
  for (const [from, to] of [['pmid', 'PMID'], ['pmcid', 'PMCID'], ['library', 'call-number']] as const) set(to, f.verbatim(from));
  return item;
}

export interface FieldReader {
  /** A field as text (LaTeX made text, white space collapsed), undefined when empty. */
  text(name: string): string | undefined;
  /** A field as written (Pandoc's raw fields: URLs and identifiers, where `%`, `~` and `\_` are theirs). */
  verbatim(name: string): string | undefined;
  /** The first of these fields that has text (`false` entries skipped). */
  first(...names: Array<string | false>): string | undefined;
  /** A BibLaTeX literal list (`A and B` → `A; B`). */
  list(name: string): string | undefined;
  has(name: string): boolean;
}

/** How an entry's fields are read (each field made text once: titles are asked for several times). */
export function fieldReader(fields: ReadonlyMap<string, string>): FieldReader {
  const made = new Map<string, string | undefined>();
  const text = (name: string): string | undefined => {
    if (made.has(name)) return made.get(name);
    const v = fields.get(name);
    const t = v === undefined ? undefined : latexToText(v).replace(/\s+/g, ' ').trim() || undefined;
    made.set(name, t);
    return t;
  };
  return {
    text,
    verbatim: (name) => fields.get(name)?.trim() || undefined,
    first: (...names) => {
      for (const n of names) if (n && text(n)) return text(n);
      return undefined;
    },
    list: (name) => (text(name) ? splitNameList(fields.get(name)!).map(clean).filter(Boolean).join('; ') || undefined : undefined),
    has: (name) => fields.has(name),
  };
}

/**
 * Titles as Pandoc assigns them: a periodical's issue, a multi-volume work's main title
 * (its own title then the volume title), the container by kind of entry — a chapter's
 * book (or main title), else the journal; a @misc's `booktitle` is no container.
 */
function setTitles(f: FieldReader, type: string, set: (name: string, value: unknown) => void): void {
  const chapterlike = CHAPTERLIKE.has(type);
  const periodical = type === 'periodical';
  const main = f.has('maintitle') && !chapterlike;
  const composed = (t: string | undefined, sub: string | undefined, addon: string | undefined) => (t === undefined ? undefined : concatWith('.', [concatWith(':', [t, sub]), addon]));
  const titleText = f.first(periodical && 'issuetitle', main && 'maintitle', 'title');
  const subtitle = f.first(periodical && 'issuesubtitle', main && 'mainsubtitle', 'subtitle');
  set('title', composed(titleText, subtitle, f.first(main && 'maintitleaddon', 'titleaddon')));
  if (titleText && subtitle && !main) set('title-short', titleText);
  if (!main || chapterlike) set('title-short', f.text('shorttitle'));
  if (f.has('maintitle')) set('volume-title', chapterlike ? composed(f.text('booktitle'), f.text('booksubtitle'), f.text('booktitleaddon')) : composed(f.text('title'), f.text('subtitle'), f.text('titleaddon')));
  let container: string | undefined;
  if (periodical) container = composed(f.text('title'), f.text('subtitle'), f.text('titleaddon'));
  else if (chapterlike && f.text('maintitle')) container = composed(f.text('maintitle'), f.text('mainsubtitle'), f.text('maintitleaddon'));
  else if (chapterlike && f.text('booktitle')) container = composed(f.text('booktitle'), f.text('booksubtitle'), f.text('booktitleaddon'));
  else container = composed(f.first('journaltitle', 'journal'), f.text('journalsubtitle'), undefined);
  set('container-title', container);
  set('collection-title', f.text('series'));
  set('event-title', f.text('eventtitle'));
}

/**
 * Volume (`volume.part`), pages, and `number`: a series number for books and their parts,
 * the issue of an article (with `issue` after it), else the item's number; `issue` alone
 * is not read (as Pandoc).
 */
function setNumbers(f: FieldReader, type: string, set: (name: string, value: unknown) => void): void {
  const volume = f.text('volume');
  const part = f.text('part');
  set('volume', volume && part ? `${volume}.${part}` : volume ?? part);
  const number = f.text('number');
  if (number && NUMBERED_IN_SERIES.has(type)) set('collection-number', number);
  else if (number && ARTICLE_LIKE.has(type)) set('issue', concatWith(',', [number, f.text('issue')]));
  else set('number', number);
  set('page', f.text('pages')?.split(/[–—-]+/).map((p) => p.trim()).join('-'));
}

const CHAPTERLIKE = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook']);
const ARTICLE_LIKE = new Set(['article', 'periodical', 'suppperiodical', 'review']);
const NUMBERED_IN_SERIES = new Set(['book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference', 'bookinbook', 'inbook', 'incollection', 'inproceedings', 'inreference', 'suppbook', 'suppcollection']);
const EPRINT_URLS: Record<string, string> = { arxiv: 'https://arxiv.org/abs/', jstor: 'https://www.jstor.org/stable/', pubmed: 'https://www.ncbi.nlm.nih.gov/pubmed/', googlebooks: 'https://books.google.com?id=' };

/**
 * Pandoc's `concatWith`: the parts that are not empty, each after the one before with
 * `sep` and a space — only a space when that one ends in `!?.,:;`.
 */
function concatWith(sep: string, parts: Array<string | undefined>): string {
  let out = '';
  for (const p of parts) {
    if (!p) continue;
    out = !out ? p : /[!?.,:;]$/.test(out) ? `${out} ${p}` : `${out}${sep} ${p}`;
  }
  return out;
}

/** Whether a BibLaTeX `options` list (`a=b, c`) sets `key` (`key`, `key=true`), as Pandoc reads it. */
function optionSet(options: string | undefined, key: string): boolean {
  for (const part of (options ?? '').split(',')) {
    const [k, v] = part.split('=').map((x) => x.trim());
    if (k.toLowerCase() === key) return v === undefined || v === '' || v.toLowerCase() === 'true';
  }
  return false;
}

// Pandoc's mapping of entry types (Citeproc.BibTeX `getTypeAndGenre`); any other is "".
const TYPES: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  booklet: 'pamphlet',
  bookinbook: 'chapter',
  collection: 'book',
  dataset: 'dataset',
  electronic: 'webpage',
  inbook: 'chapter',
  incollection: 'chapter',
  inreference: 'entry-encyclopedia',
  inproceedings: 'paper-conference',
  manual: 'book',
  mastersthesis: 'thesis',
  misc: '',
  mvbook: 'book',
  mvcollection: 'book',
  mvproceedings: 'book',
  mvreference: 'book',
  online: 'webpage',
  patent: 'patent',
  periodical: 'article-journal',
  phdthesis: 'thesis',
  proceedings: 'book',
  reference: 'book',
  report: 'report',
  software: 'book',
  suppbook: 'chapter',
  suppcollection: 'chapter',
  suppperiodical: 'article-journal',
  techreport: 'report',
  thesis: 'thesis',
  unpublished: 'manuscript',
  www: 'webpage',
  artwork: 'graphic',
  audio: 'song',
  commentary: 'book',
  image: 'graphic',
  jurisdiction: 'legal_case',
  legislation: 'legislation',
  legal: 'treaty',
  letter: 'personal_communication',
  movie: 'motion_picture',
  music: 'song',
  performance: 'speech',
  review: 'review',
  standard: 'legislation',
  video: 'motion_picture',
  data: 'dataset',
  letters: 'personal_communication',
  newsarticle: 'article-newspaper',
};

function cslType(type: string, subtype: string | undefined, fields: ReadonlyMap<string, string>): string {
  if ((type === 'article' || type === 'periodical' || type === 'suppperiodical') && (subtype === 'magazine' || subtype === 'newspaper')) return `article-${subtype}`;
  if (type === 'unpublished' && (fields.has('eventdate') || fields.has('eventtitle') || fields.has('venue'))) return 'speech';
  return TYPES[type] ?? '';
}

function genre(type: string, typeField: string | undefined): string | undefined {
  const named: Record<string, string> = { phdthesis: 'PhD thesis', mastersthesis: 'Master’s thesis', techreport: 'technical report', mathesis: 'Master’s thesis', resreport: 'research report' };
  if (typeField) return named[typeField.toLowerCase()] ?? typeField;
  // (A `techreport` with no `type` has no genre in Pandoc's reading: only theses get one.)
  if (type === 'phdthesis' || type === 'mastersthesis') return named[type];
  return undefined;
}

/**
 * `2019`, `2019-05`, `2019-05-06`, `2015-06-22/2015-06-26`, `2019-05-06T10:00` → date-parts;
 * an open range as Pandoc reads it (`2019/` → 2019–, `/2004` → 2004: the open side is 0); an
 * approximate date (`2019~`) as circa; anything else as a literal.
 */
export function cslDate(value: string | undefined): { 'date-parts': number[][]; circa?: boolean } | { literal: string } | undefined {
  if (!value) return undefined;
  const circa = /^[^/]*~$/.test(value.trim());
  const sides = (circa ? value.trim().slice(0, -1) : value).split('/');
  const read = (p: string) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?$/.exec(p.trim())?.slice(1).filter((x) => x !== undefined).map(Number);
  const [from, to] = sides.map((p) => (p.trim() === '' ? undefined : read(p)));
  // An open start shows the end alone (Pandoc prints `/2004` as 2004); an open end as a
  // range to nothing, each part 0 (`2019-05/`: 2019–), as CSL processors take it.
  if (sides.length === 2 && sides[0].trim() === '' && to) return { 'date-parts': [to] };
  if (sides.length === 2 && sides[1].trim() === '' && from) return { 'date-parts': [from, from.map(() => 0)] };
  // The two ends of a range at the same precision (`2019-05/2020`: 2019–2020, as Pandoc prints
  // it; citeproc-js rejects ends of different lengths).
  const same = (a: number[], b: number[]) => [a.slice(0, b.length), b.slice(0, a.length)];
  if (sides.length <= 2 && from && (sides.length === 1 || to)) return { 'date-parts': to ? same(from, to) : [from], ...(circa && { circa: true }) };
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
  // Words, a lower-case prefix joined by an apostrophe split off its own ("d’" | "Artagnan");
  // `joined`: no space before it.
  const tokens: Array<{ text: string; joined: boolean }> = [];
  for (const w of family.split(' ').filter(Boolean)) {
    const m = /^(\p{Ll}+[’'])(\p{Lu}.*)$/u.exec(w);
    if (m) tokens.push({ text: m[1], joined: false }, { text: m[2], joined: true });
    else tokens.push({ text: w, joined: false });
  }
  let k = 0;
  while (k < tokens.length && isParticleWord(tokens[k].text)) k++;
  if (k === 0 || k === tokens.length) return { rest: family };
  const join = (ts: typeof tokens) => ts.map((t, i) => (i > 0 && !t.joined ? ' ' : '') + t.text).join('');
  return { particle: join(tokens.slice(0, k)), rest: join(tokens.slice(k)) };
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

