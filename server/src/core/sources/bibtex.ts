import { LineIndex } from '../text/lineIndex';
import type { Span } from '../text/span';
import type { BibEntry, Bibliography, BibliographyProblem } from './bibliography';
import { bibtexToCsl, fieldReader, splitNameList, splitTop } from './bibtexCsl';
import { latexToText } from './latex';

export { splitNameList };

/**
 * BibTeX and BibLaTeX (`.bib`), read as Pandoc reads them (pandoc 2.17,
 * `Text.Pandoc.Citeproc.BibTeX`: `bibEntries`, `bibItem`, `entField`), so that every key
 * Pandoc cites resolves here too:
 *
 * - outside entries, `%` starts a comment to the end of the line (a commented-out
 *   `%@article{…` is no entry), and everything but `@` is skipped;
 * - `@comment`, `@preamble` and `@string{name = value}` (later definitions win; the
 *   month names are predefined);
 * - an entry is `@type{key, field = value, …}`; a key is letters, digits and
 *   ``.:;?!`'()$/*@_+=-[]&`` (so `Agilent(2022)Modifications` and `a[1]` are keys);
 * - a value is `{…}` (nested braces), `"…"`, a number or a string name, joined by `#`;
 * - `crossref` and `xdata` fields inherit the parent's fields; `@xdata` entries are not
 *   citable.
 *
 * Where Pandoc rejects a file at its first error, this reader reports the error at its
 * exact place and reads on from the next line that starts with `@`: every other entry is
 * kept. It also accepts what BibTeX accepts beyond Pandoc (`@type(key, …)`, an entry with
 * no fields, entry types with `_`). Duplicate keys are reported; the first entry is used.
 *
 * The measurements behind writing this instead of using a parser package are in
 * docs/sources.md ("Choice of the BibTeX reader"). Linear time: braces are matched once
 * for the whole file, so an unclosed brace fails its entry at once instead of scanning on.
 */
export function parseBibtex(text: string, uri: string): Bibliography {
  return new BibtexReader(text, uri).read();
}

const MONTHS: Array<[string, string]> = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, String(i + 1)]);
const KEY_CHAR = /[\p{L}\p{N}.:;?!`'()$/*@_+=\-[\]&]/u;
const NAME_CHAR = /[\p{L}\p{N}\-_:+.]/u;

class ParseError extends Error {
  constructor(
    message: string,
    readonly at: number,
    /** The rest of the file is not read either. */
    readonly last = false,
  ) {
    super(message);
  }
}

/**
 * `@string` names joined by `#` can double a value at each definition: twenty lines make
 * ten megabytes ("billion laughs"). A value may grow to the file's length or this, and all
 * values of a file together to four times that.
 */
const MAX_EXPANDED_VALUE = 100_000;

interface RawEntry {
  type: string;
  key: string;
  keySpan: Span;
  fields: Map<string, string>;
  start: number;
}

class BibtexReader {
  private i = 0;
  private readonly n: number;
  private readonly strings = new Map<string, string>(MONTHS);
  private readonly problems: BibliographyProblem[] = [];
  /** Characters of field and @string values read so far (MAX_EXPANDED_VALUE). */
  private expanded = 0;
  /** For each `{`, its `}` (backslash-escaped braces skipped), or -1: one pass for the whole file. */
  private readonly braceClose: Int32Array;

  constructor(
    private readonly text: string,
    private readonly uri: string,
  ) {
    this.n = text.length;
    this.braceClose = matchBraces(text);
  }

  read(): Bibliography {
    const raw: RawEntry[] = [];
    const { text } = this;
    while (this.i < this.n) {
      const c = text.charCodeAt(this.i);
      if (c === 37 /* % */) {
        this.skipLine();
        continue;
      }
      if (c !== 64 /* @ */) {
        this.i++;
        continue;
      }
      const start = this.i;
      try {
        const entry = this.item();
        if (entry) raw.push(entry);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.report(start, e);
        this.i = e.last ? this.n : this.nextItemLine(Math.max(start + 1, Math.min(e.at, this.n)));
      }
    }
    return this.entries(raw);
  }

  // ---- the grammar -------------------------------------------------------------------

  /** After `@`: a `@comment`, `@preamble`, `@string` or an entry. */
  private item(): RawEntry | undefined {
    const { text } = this;
    this.i++; // @
    this.spaces();
    const typeStart = this.i;
    while (this.i < this.n && /[\p{L}\p{N}_\-]/u.test(text[this.i])) this.i++;
    const type = text.slice(typeStart, this.i).toLowerCase();
    if (!type) throw new ParseError('`@` starts no entry here: a letter must follow it (`@article{key, …}`).', this.i);
    this.spaces();
    if (type === 'comment') {
      // `@comment{…}`, or `@comment` and anything up to the next `@`.
      if (text[this.i] === '{') this.i = this.groupEnd(this.i) + 1;
      return undefined;
    }
    const open = text[this.i];
    if (open !== '{' && open !== '(') throw new ParseError(`Expected \`{\` after \`@${type}\`.`, this.i);
    const close = open === '{' ? '}' : ')';
    if (open === '{' && this.braceClose[this.i] < 0) throw new ParseError(`The brace after \`@${type}\` is never closed: a \`}\` is missing in this entry.`, this.i);
    this.i++;
    this.spaces();
    if (type === 'preamble') {
      this.value();
      this.spaces();
      this.expect(close);
      return undefined;
    }
    if (type === 'string') {
      const [name, value] = this.field();
      this.spaces();
      this.expect(close);
      this.strings.set(name, value);
      return undefined;
    }
    const keyStart = this.i;
    while (this.i < this.n && KEY_CHAR.test(text[this.i]) && !(close === ')' && text[this.i] === ')')) this.i += charLength(text, this.i);
    const key = text.slice(keyStart, this.i);
    if (!key) throw new ParseError(`The entry \`@${type}\` has no key: write one right after \`${open}\`.`, this.i);
    const keySpan = { start: keyStart, end: this.i };
    this.spaces();
    const fields = new Map<string, string>();
    if (text[this.i] === ',') {
      this.i++;
      this.spaces();
      while (this.i < this.n && text[this.i] !== close) {
        const [name, value] = this.field();
        if (!fields.has(name)) fields.set(name, value);
        this.spaces();
        if (text[this.i] === ',') {
          this.i++;
          this.spaces();
        } else break;
      }
    }
    this.spaces();
    if (text[this.i] !== close) {
      const what = /[\p{L}\p{N}]/u.test(text[this.i] ?? '') ? 'a `,` between fields' : `\`${close}\` to close the entry`;
      throw new ParseError(`Expected ${what} in \`@${type}{${key}\`, found ${describe(text, this.i)}.`, this.i);
    }
    this.i++;
    return { type, key, keySpan, fields, start: keySpan.start };
  }

  /** `name = value # value …` */
  private field(): [string, string] {
    const { text } = this;
    const start = this.i;
    while (this.i < this.n && NAME_CHAR.test(text[this.i])) this.i++;
    const name = text.slice(start, this.i).toLowerCase();
    if (!name) throw new ParseError(`Expected a field name, found ${describe(text, this.i)}.`, this.i);
    this.spaces();
    this.expect('=');
    this.spaces();
    let value = this.value();
    for (;;) {
      const save = this.i;
      this.spaces();
      if (text[this.i] !== '#') {
        this.i = save;
        break;
      }
      this.i++;
      this.spaces();
      value += this.value();
      const most = Math.max(MAX_EXPANDED_VALUE, this.n);
      if (value.length > most) throw new ParseError(`This value grows past ${most.toLocaleString('en')} characters through @string names: it is not read.`, start);
    }
    this.expanded += value.length;
    if (this.expanded > 4 * Math.max(MAX_EXPANDED_VALUE, this.n))
      throw new ParseError(`The values of this file grow past ${(4 * Math.max(MAX_EXPANDED_VALUE, this.n)).toLocaleString('en')} characters in all through @string names: the rest of it is not read.`, start, true);
    return [name === 'archiveprefix' ? 'eprinttype' : name === 'primaryclass' ? 'eprintclass' : name, value];
  }

  /** One value: `{…}`, `"…"`, a number, or a string name. */
  private value(): string {
    const { text } = this;
    const c = text[this.i];
    if (c === '{') {
      const end = this.groupEnd(this.i);
      const v = text.slice(this.i + 1, end);
      this.i = end + 1;
      return v;
    }
    if (c === '"') {
      let j = this.i + 1;
      for (; j < this.n; j++) {
        const ch = text[j];
        if (ch === '\\') j++;
        else if (ch === '%') {
          // A comment inside a quoted value (Pandoc's `inQuotes`): to the end of the line.
          const nl = text.indexOf('\n', j);
          j = nl < 0 ? this.n : nl;
        } else if (ch === '{') {
          const end = this.braceClose[j];
          if (end < 0) throw new ParseError('A brace inside this quoted value is never closed.', j);
          j = end;
        } else if (ch === '"') break;
      }
      if (j >= this.n) throw new ParseError('This quoted value is never closed: add `"` at its end.', this.i);
      const v = text.slice(this.i + 1, j);
      this.i = j + 1;
      return v;
    }
    const start = this.i;
    while (this.i < this.n && NAME_CHAR.test(text[this.i])) this.i++;
    if (start === this.i) throw new ParseError(`Expected a value (\`{…}\`, \`"…"\`, a number or a @string name), found ${describe(text, this.i)}.`, this.i);
    const word = text.slice(start, this.i);
    return this.strings.get(word.toLowerCase()) ?? word;
  }

  /** The `}` closing the `{` at `open`; a ParseError when it never closes. */
  private groupEnd(open: number): number {
    const end = this.braceClose[open];
    if (end < 0) throw new ParseError('This brace `{` is never closed: add its `}`.', open);
    return end;
  }

  private expect(c: string): void {
    if (this.text[this.i] !== c) throw new ParseError(`Expected \`${c}\`, found ${describe(this.text, this.i)}.`, this.i);
    this.i++;
  }

  /** White space and `%` comments (Pandoc's `spaces'`). */
  private spaces(): void {
    const { text } = this;
    while (this.i < this.n) {
      const c = text.charCodeAt(this.i);
      if (c === 37) this.skipLine();
      else if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || /\s/.test(text[this.i])) this.i++;
      else return;
    }
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.i);
    this.i = nl < 0 ? this.n : nl + 1;
  }

  /** The start of the next line (after `from`) that starts with `@`, or the end: where reading goes on after an error. */
  private nextItemLine(from: number): number {
    const re = /^[ \t]*@/gm;
    re.lastIndex = from;
    const m = re.exec(this.text);
    if (m && m.index >= from) return m.index + m[0].length - 1;
    return this.n;
  }

  private report(start: number, e: ParseError): void {
    const head = /^@\s*([\p{L}\p{N}_-]+)\s*[{(]\s*([^,\s{}()]*)/u.exec(this.text.slice(start, start + 300));
    const what = head && head[2] ? `the entry @${head[1]}{${head[2]}` : head ? `@${head[1]}` : 'this part of the file';
    const at = Math.min(Math.max(e.at, start), this.n);
    const lineEnd = this.text.indexOf('\n', at);
    // An error in the entry's head (its `@type{key`) is shown on the head; any other at its exact place.
    const headEnd = head ? start + head.index + head[0].length : start;
    const span =
      head && at <= headEnd ? { start: start + head.index, end: headEnd } : at >= this.n ? { start, end: Math.min(this.n, start + 1) } : { start: at, end: Math.max(at + 1, Math.min(lineEnd < 0 ? this.n : lineEnd, at + 40)) };
    this.problems.push({ uri: this.uri, message: `BibTeX syntax error in ${what}: ${e.message} The other entries are read.`, span });
  }

  /** The line (from 1) of offset `at`: the index made once, when a message first names a line (counted afresh each time, 20,000 duplicate keys took 5.7 s). */
  private lines?: LineIndex;
  private lineOf(at: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.positionAt(at).line + 1;
  }

  // ---- from raw entries to bibliography entries ---------------------------------------

  private entries(raw: RawEntry[]): Bibliography {
    const byKey = new Map<string, RawEntry>();
    for (const r of raw) {
      if (byKey.has(r.key)) {
        const first = byKey.get(r.key)!;
        this.problems.push({ uri: this.uri, message: `Duplicate BibTeX key "${r.key}": the first entry (line ${this.lineOf(first.start)}) is used.`, span: r.keySpan, severity: 'warning' });
        continue;
      }
      byKey.set(r.key, r);
    }
    const out: Bibliography = { entries: new Map(), problems: this.problems };
    for (const r of byKey.values()) {
      if (r.type === 'xdata') continue;
      out.entries.set(r.key, toEntry(r, inherited(r, byKey), this.uri));
    }
    return out;
  }
}

/** Fields a parent never gives (Pandoc's `transformKey`, from Appendix C of the BibLaTeX manual). */
const NOT_INHERITED = new Set(['ids', 'crossref', 'xref', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort', 'related', 'relatedoptions', 'relatedstring', 'relatedtype', 'shorthand', 'shorthandintro', 'sortkey']);
const SHORT_TITLES = new Set(['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle']);
/** A multi-volume parent's titles are the child's main title; a book's, collection's or proceedings' its book title. */
const MAIN_TITLES: Record<string, string> = { title: 'maintitle', subtitle: 'mainsubtitle', titleaddon: 'maintitleaddon' };
const BOOK_TITLES: Record<string, string> = { title: 'booktitle', subtitle: 'booksubtitle', titleaddon: 'booktitleaddon' };
const JOURNAL_TITLES: Record<string, string> = { title: 'journaltitle', subtitle: 'journalsubtitle' };
const IN_BOOK = ['inbook', 'bookinbook', 'suppbook'];

/** How a parent's titles map into a child of the given types (undefined: unchanged). */
function titleMap(parent: string, child: string): Record<string, string> | undefined {
  if (parent === 'mvbook' && (child === 'book' || IN_BOOK.includes(child))) return MAIN_TITLES;
  if ((parent === 'mvcollection' || parent === 'mvreference') && ['collection', 'reference', 'incollection', 'inreference', 'suppcollection'].includes(child)) return MAIN_TITLES;
  if (parent === 'mvproceedings' && (child === 'proceedings' || child === 'inproceedings')) return MAIN_TITLES;
  if (parent === 'book' && IN_BOOK.includes(child)) return BOOK_TITLES;
  if ((parent === 'collection' || parent === 'reference') && ['incollection', 'inreference', 'suppcollection'].includes(child)) return BOOK_TITLES;
  if (parent === 'proceedings' && child === 'inproceedings') return BOOK_TITLES;
  if (parent === 'periodical' && (child === 'article' || child === 'suppperiodical')) return JOURNAL_TITLES;
  return undefined;
}

/** The names a parent's field takes in the child, as Pandoc's BibLaTeX reader maps them (`transformKey`). */
function inheritedNames(parent: string, child: string, name: string): string[] {
  if (NOT_INHERITED.has(name)) return [];
  if (name === 'author' && ((parent === 'mvbook' || parent === 'book') && IN_BOOK.includes(child) || (parent === 'mvbook' && child === 'book'))) return ['bookauthor', 'author'];
  const map = titleMap(parent, child);
  if (!map) return [name];
  if (SHORT_TITLES.has(name)) return [];
  return [map[name] ?? name];
}

/**
 * The fields of an entry with what it inherits, as Pandoc's BibLaTeX reader resolves
 * `xdata` (comma-separated keys) and `crossref`: each parent's fields, renamed by the two
 * entries' types (a multi-volume work's title is the child's `maintitle`, a book's,
 * collection's or proceedings' its `booktitle`, a periodical's an article's
 * `journaltitle`), where the entry has none of its own; `xdata` before `crossref`; a
 * parent's own parents' fields where the parent lacks them.
 */
function inherited(r: RawEntry, byKey: Map<string, RawEntry>): Map<string, string> {
  const fields = new Map(r.fields);
  for (const key of parentKeys(r)) for (const [name, value] of fieldsFrom(key, r, byKey, new Set([r.key]))) if (!fields.has(name)) fields.set(name, value);
  return fields;
}

function parentKeys(r: RawEntry): string[] {
  return [...keyList(r.fields.get('xdata')), ...keyList(r.fields.get('crossref'))];
}

/** A comma-separated list of entry keys (`xdata`, `crossref`). */
function keyList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What the parent `key` gives the entry `base` (Pandoc's `getXrefFields`: a later field of the same name wins). */
function fieldsFrom(key: string, base: RawEntry, byKey: Map<string, RawEntry>, seen: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  const p = byKey.get(key);
  if (!p || seen.has(key)) return out;
  seen.add(key);
  for (const name of [...p.fields.keys()].sort()) {
    if (name === 'crossref' || name === 'xdata') {
      for (const k of keyList(p.fields.get(name)))
        for (const [n, v] of fieldsFrom(k, base, byKey, seen)) if (!p.fields.has(n)) out.set(n, v);
      continue;
    }
    for (const as of inheritedNames(p.type, base.type, name)) if (!base.fields.has(as)) out.set(as, p.fields.get(name)!);
  }
  seen.delete(key);
  return out;
}

function toEntry(r: RawEntry, fields: Map<string, string>, uri: string): BibEntry {
  const f = fieldReader(fields);
  const names = (v: string | undefined) =>
    splitNameList(v ?? '')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => {
        const parts = splitTop(n, /,/y).map((p) => latexToText(p).trim());
        return parts.length >= 2 ? `${parts.slice(1).join(' ')} ${parts[0]}`.trim() : latexToText(n).trim();
      });
  const authors = names(fields.get('author'));
  const keywords = f.text('keywords') ?? f.text('keyword');
  // The title, container, publisher and DOI are the CSL item's (Pandoc's: `Title: Subtitle`,
  // a multi-volume work's main title, the container by kind of entry, the DOI as written).
  const csl = bibtexToCsl(r.key, r.type, fields, f);
  const cslText = (name: string) => (typeof csl[name] === 'string' ? (csl[name] as string) : undefined);
  const doi = cslText('DOI');
  return {
    key: r.key,
    title: cslText('title'),
    authors: authors.length ? authors : names(fields.get('editor')),
    year: f.text('year') ?? f.text('date')?.slice(0, 4),
    type: r.type,
    // URLs as written (Pandoc's raw fields): `%` and `~` in them are no LaTeX.
    url: f.verbatim('url') ?? (doi ? `https://doi.org/${doi}` : undefined),
    containerTitle: cslText('container-title'),
    publisher: cslText('publisher'),
    abstract: f.text('abstract'),
    keywords: keywords ? keywords.split(/[,;]/).map((k) => k.trim()).filter(Boolean) : undefined,
    file: fields.get('file'),
    csl,
    origin: { uri, span: r.keySpan },
  };
}

/**
 * Every `{` of the text with its `}`, in one pass: escaped braces (`\{`) are skipped, and
 * so are `%` comments outside values (between entries and between fields, where Pandoc
 * reads them as comments; inside a braced value `%` is text).
 */
function matchBraces(text: string): Int32Array {
  const close = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 37 && stack.length <= 1) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 123) stack.push(i);
    else if (c === 125 && stack.length) close[stack.pop()!] = i;
  }
  return close;
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const c = text[i];
  return c === '\n' || c === '\r' ? 'the end of the line' : `\`${c}\``;
}

function charLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

