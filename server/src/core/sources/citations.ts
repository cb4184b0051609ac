import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Citation, CitationItem } from '../model/types';
import type { Span } from '../text/span';
import { pushAll } from '../text/pushAll';
import { PandocAttributes } from './pandocAttributes';

/**
 * Pandoc's citation grammar, read the way Pandoc's Markdown reader reads it (pandoc 2.17,
 * `Text.Pandoc.Readers.Markdown`: `cite`, `textualCite`, `normalCite`, `citeKey`). That
 * reader is one left-to-right inline parser, and whether `@` starts a citation depends on
 * what it consumed just before; so this module follows the parser wherever it decides
 * which keys are cited, and where:
 *
 * - a key is `@` (or `-@` inside brackets) and either a simple identifier — a letter,
 *   digit, `_` or `*`, then letters, digits and `_`, with `:.#$%&-+?<>~/` allowed between
 *   them and `:`/`/` before another `/` (`@http://x.org/y` is one key) — or a braced key
 *   `@{…}` of non-space characters with balanced braces;
 * - no key right after a *string* (letters, digits and single dots) or an emphasis closer:
 *   `a@b.org`, `x.@a` and `*x*@a` cite nothing; `x_@a`, `x\\@a`, `@a@b`, `...@a` and
 *   `x@ab@c` (`@ab` is an example reference) do;
 * - `[…]` is a bracketed citation when it is a `;`-separated list of items, each a prefix
 *   (no `;`), a key and a suffix, and its `]` is not followed by `{`, `(` or `[`;
 *   otherwise it is a link, span or image (`![…]` never is a citation) whose text is read
 *   again as inlines: `[see @a](u)` and `[@a, @b]`'s second key are author-in-text;
 * - Pandoc's emphasis (not CommonMark's): an unclosed `*` takes the rest of the text, so
 *   `[@a, *x]` is no bracketed citation;
 * - after an author-in-text key, `[p. 4]` is its locator and `[see @b]` more citations;
 * - code, raw HTML, footnote calls (`[^x]`), TeX math (`$x$`), link destinations and
 *   attribute lists hold no citation (code, HTML and destinations are marked by the caller).
 *
 * Linear time: brackets are matched once; a bracket's reading as a citation and as plain
 * inlines are each computed once (memoised); nesting deeper than {@link MAX_DEPTH} is read
 * as text. The differences from Pandoc that remain are deliberate and listed in
 * docs/sources.md ("Citations: where Briefmark and Pandoc differ").
 */

/** Constructs nested deeper than this are read as plain text (5,000 nested brackets would overflow the stack). */
export const MAX_DEPTH = 200;
/** Brackets nested deeper than this (among matched pairs) are read as plain text: each level is a context of its own, so deep nesting would cost time quadratic in it. */
export const MAX_BRACKET_DEPTH = 32;

export interface CitationInput {
  /** The text of one block (paragraph, heading, table cell). */
  text: string;
  /** Where `text` starts in the document: every span returned is shifted by it. */
  base?: number;
  /** Spans of `text` (relative) that hold no citation and are read as one unit: footnote calls, link destinations, directive syntax. (Code spans are found here, where Pandoc finds them.) */
  opaque?: readonly Span[];
  /**
   * Where a `[` starts a reference link or image that resolves (`[text][ref]`, `[ref]`
   * with a definition). Pandoc reads a resolved link's text without links inside, and an
   * unresolved one's text again with links allowed.
   */
  references?: Iterable<number>;
  /** Block quote markers (`>` at the start of a continued line): read as white space, as Pandoc reads a quote's text without them. */
  quoteMarkers?: readonly Span[];
  /**
   * Raw HTML and `<…>` autolinks: opaque too, but a key that started before them may run
   * into them, as in Pandoc, which reads `@a<b>` as the key `a<b`.
   */
  html?: readonly Span[];
}

const OPAQUE = 0xe000;
/** Characters that may open a construct whose reading is memoised: `[`, `*`, `_`, quotes, `~`, `^`, `!`. */
const OPENERS = new Set([91, 42, 95, 34, 0x201c, 39, 0x2018, 126, 94, 33]);
const KEY_PUNCT = new Set([...':.#$%&-+?<>~/'].map((c) => c.charCodeAt(0)));
const ALNUM = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

interface Result {
  end: number;
  citations: Citation[];
}

interface KeyRead {
  key: string;
  keySpan: Span;
  suppress: boolean;
  end: number;
}

/**
 * Where inlines are read: up to `to` (the end of the text Pandoc is parsing), whether links
 * may start (not inside a link's text), and the quotes open around it (1 single, 2 double).
 */
interface Ctx {
  to: number;
  links: boolean;
  quotes: number;
}



/**
 * Where the attribute list after the bracket `text[open…close]` ends when Pandoc reads
 * `[…]{…}` as a span with it (the bracket and the list read on their own, as
 * `citationsAndSpans` reads any span), else 0. `lists` may be shared by the calls on one
 * text (`PandocAttributes` remembers what it read).
 */
export function spanListEnd(text: string, open: number, close: number, lists = new PandocAttributes(text, text.length)): number {
  if (text.charCodeAt(close) !== 93 /* ] */ || text.charCodeAt(close + 1) !== 123 /* { */) return 0;
  const end = lists.end(close + 1);
  if (end <= 0) return 0;
  const found = citationsAndSpans(text.slice(open, end), 0, true).attributes.some((a) => a.start === close + 1 - open && a.end === end - open);
  return found ? end : 0;
}

/**
 * The citations of one block, outer ones first: a citation inside another citation's
 * prefix or suffix (`[@a, and @b]`: `b`) is a citation of its own, whose span lies inside
 * the outer item's span. Key spans never overlap.
 */
export function findCitations(input: CitationInput | string, base = 0): Citation[] {
  return citationsAndSpans(input, base).citations;
}

/**
 * `findCitations`, and the attribute lists of Pandoc's bracketed spans (`[text]{.class}`)
 * it read on the way (shifted like the citations): not prose, so the model does not read
 * sentences there.
 */
export function citationsAndSpans(input: CitationInput | string, base = 0, always = false): { citations: Citation[]; attributes: Span[] } {
  const inp: CitationInput = typeof input === 'string' ? { text: input, base } : input;
  // Every citation holds an `@` and a key's first character, every span's attribute list
  // `]{` and a `}`: a text with neither has none, and is not read (a megabyte of `:claim[`
  // took 70 ms to find none, of `[@` 160 ms, in one piece of the editor's thread).
  // (`always`: read it anyway, for the test that checks this.)
  if (!always && !mayCite(inp.text) && !mayHaveAttributes(inp.text)) return { citations: [], attributes: [] };
  const text = inp.quoteMarkers?.length ? blankSpans(inp.text, inp.quoteMarkers) : inp.text;
  const scanner = new CitationScanner(text, inp.opaque ?? [], inp.html ?? [], new Set(inp.references ?? []));
  const found = scanner.run();
  const shift = inp.base ?? 0;
  const out = shift ? found.map((c) => shiftCitation(c, shift)) : found;
  const attributes = scanner.attributeSpans.map((a) => ({ start: a.start + shift, end: a.end + shift }));
  return { citations: out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end), attributes };
}

/**
 * Whether Pandoc's inline parser, reading `input` as a heading's text, reaches `offset` at
 * the top level — where a heading's attribute list is looked for — rather than inside a
 * construct it reads there: a citation (`## Title @{}`), a smart quote (`## [x]'s]{k='@c'}`:
 * the quotation runs over the `{`), code, emphasis, a link or span.
 */
export function topLevelReaches(input: CitationInput, offset: number): boolean {
  const text = input.quoteMarkers?.length ? blankSpans(input.text, input.quoteMarkers) : input.text;
  const watch = { at: offset, reached: false };
  new CitationScanner(text, input.opaque ?? [], input.html ?? [], new Set(input.references ?? [])).run(watch);
  return watch.reached;
}

class CitationScanner {
  /** The text with opaque spans, HTML and footnote calls replaced by U+E000 (same offsets). */
  private readonly view: string;
  /** The same, but with HTML left as written: what a key may be read from. */
  private readonly keyView: string;
  private readonly n: number;
  /** For each `[`: the `]` that closes it by counting brackets, or -1 (see {@link matchPlainBrackets}). */
  private readonly plainMatch: Int32Array;
  /** Offset right after the last string the parser read (Pandoc's `lastStrPos`). */
  private lastStr = -1;
  /** Brackets and emphasis being read, for {@link MAX_DEPTH}. */
  private depth = 0;
  /** For each `[` asked about: its `]` as Pandoc's link parser finds it, or -1; stored + 2 (0: not asked yet). */
  private linkClose: Int32Array | undefined;
  private readonly citeMemo = new Map<number, Result | null>();
  private readonly unitMemo = new Map<number, Result>();
  private readonly emphasisMemo = new Map<number, { end: number; lastStr: number; citations: Citation[] }>();
  /** A small number for each reading context, so that memo keys are numbers (offset × contexts + context). */
  private readonly ctxIds = new Map<string, number>();
  private readonly delimitedMemo = new Map<number, { end: number; lastStr: number; citations: Citation[] } | null>();
  /** Places from which a quotation's (or strikeout's, …) reading is known not to close (see {@link delimited}). */
  private readonly delimitedFails = new Set<number>();

  /** Pandoc's attribute lists after `[…]`, by the end of the context they are read in. */
  private readonly attributeLists = new Map<number, PandocAttributes>();
  /** The attribute lists of the spans read (a list read twice is listed once). */
  readonly attributeSpans: Span[] = [];
  private readonly attributeStarts = new Set<number>();

  /** Footnote calls (`[^x]`, defined or not), start → end: read as one unit, but see {@link noteCallCite}. */
  private readonly noteCalls = new Map<number, number>();
  /** 1 at each offset of raw HTML or an autolink but its first (`<`), when there is any HTML. */
  private readonly htmlTail?: Uint8Array;
  /** For each offset, the next `>` or white space at or after it (`n` when none): made on first need, so that `<` repeated stays linear. */
  private stopAfter?: Int32Array;
  /** For each offset, the next `>` at or after it in the text as written: made on first need (see `closingTagEnd`). */
  private greaterAt?: Int32Array;
  /** The same text read with footnote calls as ordinary brackets (made on first need, see {@link noteCallCite}). */
  private unmasked?: CitationScanner;

  constructor(
    private readonly text: string,
    private readonly opaque: readonly Span[],
    private readonly html: readonly Span[],
    private readonly references: ReadonlySet<number>,
    /** False for the scanner that reads footnote calls as brackets (see {@link noteCallCite}). */
    maskNoteCalls = true,
  ) {
    this.n = text.length;
    const notes = maskNoteCalls ? footnoteCalls(text, opaque) : [];
    if (maskNoteCalls) for (const s of [...notes, ...opaque.filter((s) => isNoteCall(text, s))]) this.noteCalls.set(s.start, s.end);
    this.keyView = maskSpans(text, maskNoteCalls ? [...opaque, ...notes] : opaque.filter((s) => !isNoteCall(text, s)));
    const masked = maskSpans(this.keyView, html);
    if (html.length) {
      this.htmlTail = new Uint8Array(this.n);
      for (const h of html) this.htmlTail.fill(1, h.start + 1, Math.min(h.end, this.n));
    }
    this.plainMatch = new Int32Array(this.n).fill(-1);
    this.view = this.matchPlainBrackets(masked);
  }

  /**
   * Matches brackets by counting (escapes and opaque spans skipped) into `plainMatch`, and
   * returns the view with the brackets of pairs nested deeper than {@link MAX_BRACKET_DEPTH}
   * turned into text. A `[` with no `]` here can start no bracketed citation (its reading
   * would find no `]` of its own), which keeps `[` repeated linear.
   */
  private matchPlainBrackets(view: string): string {
    const stack: number[] = [];
    const pairs: number[] = [];
    for (let i = 0; i < this.n; i++) {
      const c = view.charCodeAt(i);
      if (c === 92 /* \ */) i++;
      else if (c === 91) stack.push(i);
      else if (c === 93 && stack.length) {
        const open = stack.pop()!;
        this.plainMatch[open] = i;
        pairs.push(open);
      }
    }
    // Depth among matched pairs only: unmatched `[` before a citation must not push it past the limit.
    let deep: number[] | undefined;
    const open: number[] = [];
    for (const o of pairs.sort((a, b) => a - b)) {
      while (open.length && this.plainMatch[open[open.length - 1]] < o) open.pop();
      if (open.length >= MAX_BRACKET_DEPTH) (deep ??= []).push(o);
      open.push(o);
    }
    if (!deep) return view;
    const chars = view.split('');
    for (const o of deep) {
      chars[o] = '\ue001';
      chars[this.plainMatch[o]] = '\ue001';
      this.plainMatch[o] = -1;
    }
    return chars.join('');
  }

  /** A memo key: the offset, a small variant (0–7), and the reading context. */
  private key(offset: number, variant: number, ctx: Ctx): number {
    const name = `${ctx.to} ${ctx.links ? 1 : 0} ${ctx.quotes}`;
    let id = this.ctxIds.get(name);
    if (id === undefined) this.ctxIds.set(name, (id = this.ctxIds.size));
    return (id * (this.n + 1) + offset) * 8 + variant;
  }

  run(watch?: { at: number; reached: boolean }): Citation[] {
    const top: Ctx = { to: this.n, links: true, quotes: 0 };
    // Read every construct that may open at each place, from the last place to the first
    // (results memoised): reading one then finds every construct after it already read,
    // so nothing recurses deeply and the whole stays linear (`[@a, *` repeated nests each
    // reading in the next one's).
    for (let i = this.n - 1; i >= 0; i--) {
      const c = this.view.charCodeAt(i);
      // Emphasis is read from the start of its run only; an underscore after a letter or
      // digit is intraword (a symbol where it is read: its string ends there), and reading
      // it as an opener here would scan on from every `_` of `@a_b @a_b …` in turn.
      if (!OPENERS.has(c) || ((c === 42 || c === 95) && this.view.charCodeAt(i - 1) === c)) continue;
      if (c === 95 && i > 0 && isAlnumAt(this.view, i - 1)) continue;
      this.lastStr = -1;
      this.inline(i, top, []);
    }
    this.lastStr = -1;
    const out: Citation[] = [];
    // `watch`: whether an inline starts at `watch.at` at the top level, or a construct read there takes it in.
    this.inlines(0, top, out, watch ? (at) => ((watch.reached ||= at === watch.at), false) : undefined);
    return out;
  }

  /**
   * The `]` that closes the `[` at `open` for Pandoc's link parser
   * (`inlinesInBalancedBrackets`): brackets counted, with escapes, code, raw HTML and TeX
   * math (from any `$`) skipped; -1 when it never closes. Memoised for every bracket the
   * scan passes, so all questions together take linear time.
   */
  private linkBracketClose(open: number): number {
    const memo = (this.linkClose ??= new Int32Array(this.n + 1));
    if (memo[open] !== 0) return memo[open] - 2;
    const { view, n } = this;
    const stack = [open];
    let j = open + 1;
    while (j < n && stack.length) {
      const c = view.charCodeAt(j);
      if (c === 92 /* \ */) j += 2;
      else if (c === 96 /* ` */) j = this.code(j, n);
      else if (c === 36 /* $ */) {
        const end = mathEnd(this.text, j, n);
        j = end > 0 ? end : j + 1;
      } else if (c === 60 /* < */) {
        const end = closingTagEnd(view, j, n, (from) => this.nextGreater(from));
        j = end > 0 ? end : j + 1;
      } else if (c === 91 /* [ */) {
        const seen = memo[j] - 2;
        if (seen === -2) stack.push(j++);
        else if (seen < 0) break;
        else j = seen + 1;
      } else if (c === 93 /* ] */) {
        memo[stack.pop()!] = j++ + 2;
      } else j++;
    }
    for (const o of stack) memo[o] = 1;
    return memo[open] - 2;
  }

  // ---- Pandoc's inline parser, as far as citations care ------------------------------

  /** Reads inlines from `from` up to `ctx.to` (or until `stop`), adding the citations found to `out`. */
  private inlines(from: number, ctx: Ctx, out: Citation[], stop?: (at: number) => boolean): number {
    let i = from;
    while (i < ctx.to) {
      if (stop?.(i)) return i;
      i = this.inline(i, ctx, out);
    }
    return i;
  }

  /** One inline at `i`; returns where the next one starts (at most `ctx.to`). */
  private inline(i: number, ctx: Ctx, out: Citation[]): number {
    const { view } = this;
    const { to } = ctx;
    const c = view.charCodeAt(i);
    switch (c) {
      case OPAQUE: {
        // Inside raw HTML or an autolink that a key ran into (`@x<a@b>`: Pandoc read no
        // autolink there): its rest is text, and `@` may start a citation.
        if (this.htmlTail?.[i]) {
          const r = this.keyView.charCodeAt(i) === 64 ? this.textualCite(i, ctx) : undefined;
          if (r) {
            pushAll(out, r.citations);
            return r.end;
          }
          return Math.min(to, i + charLength(this.keyView, i));
        }
        let j = i + 1;
        while (j < to && view.charCodeAt(j) === OPAQUE) j++;
        return j;
      }
      case 42 /* * */:
      case 95 /* _ */:
        return this.enclosure(i, ctx, out);
      case 92 /* \ */:
        // An escaped character (all_symbols_escapable): a symbol, not a string.
        return i + 1 < to && !isAlnumAt(view, i + 1) ? Math.min(to, i + 1 + charLength(view, i + 1)) : i + 1;
      case 64 /* @ */: {
        const r = this.textualCite(i, ctx);
        if (r) {
          pushAll(out, r.citations);
          return r.end;
        }
        return exampleRefEnd(view, i, to);
      }
      case 34 /* " */:
      case 0x201c /* “ */:
        return this.quoted(i, 2, ctx, out);
      case 39 /* ' */:
      case 0x2018 /* ‘ */:
        return this.quoted(i, 1, ctx, out);
      case 96 /* ` */:
        return this.code(i, to);
      case 126 /* ~ */:
      case 94 /* ^ */:
        return this.tilde(i, ctx, out);
      case 60 /* < */: {
        // An e-mail autolink as Pandoc reads one (CommonMark's are opaque already).
        const end = emailAutolinkEnd(view, i, to, (from) => this.nextGreaterOrSpace(from));
        if (end > 0) return end;
        // A closing tag as Pandoc reads one, where CommonMark reads text (`</q @u>`).
        const tag = closingTagEnd(view, i, to, (from) => this.nextGreater(from));
        return tag > 0 ? tag : i + 1;
      }
      case 38 /* & */:
        // A character reference (`&amp;`) is one inline, and no string.
        return Math.min(to, charRefEnd(view, i));
      case 33 /* ! */: {
        // An image: its text is read as inlines, never as a bracketed citation (`![^…` is no image).
        const close = view.charCodeAt(i + 1) === 91 && view.charCodeAt(i + 2) !== 94 ? this.groupClose(i + 1, ctx) : -1;
        if (close < 0) return i + 1;
        pushAll(out, this.unit(i + 1, close, ctx.links, ctx.quotes).citations);
        return close + 1;
      }
      case 91 /* [ */:
        return this.bracket(i, ctx, out);
      case 36 /* $ */: {
        // Math may run into what CommonMark made code or HTML: Pandoc reads it first.
        const end = mathEnd(this.text, i, to);
        return end > 0 ? end : i + 1;
      }
      case 45 /* - */:
      case 46 /* . */:
        return this.dashOrDot(i, to);
      default:
        if (isAlnumAt(view, i)) return this.str(i, to);
        return Math.min(to, i + charLength(view, i));
    }
  }

  /** The link-parser close of the `[` at `open` when it lies inside the text being read and nesting allows, else -1. */
  private groupClose(open: number, ctx: Ctx): number {
    if (this.depth >= MAX_DEPTH) return -1;
    const close = this.linkBracketClose(open);
    return close >= 0 && close < ctx.to ? close : -1;
  }

  /** At the `{` at `open`: where a span's attribute list ends, or 0 if Pandoc reads none there. */
  private attributesAt(open: number, to: number): number {
    let lists = this.attributeLists.get(to);
    if (!lists) this.attributeLists.set(to, (lists = new PandocAttributes(this.view, to)));
    return lists.end(open);
  }

  /** At `[`: a bracketed citation, else a span `[…]{…}`, else a link (not inside a link's text), else a symbol. */
  private bracket(i: number, ctx: Ctx, out: Citation[]): number {
    const cite = this.plainMatch[i] >= 0 && this.depth < MAX_DEPTH ? this.normalCite(i, ctx) : null;
    if (cite) {
      pushAll(out, cite.citations);
      return cite.end;
    }
    // `[^…` is never a link or span (Pandoc's `reference` refuses it).
    const close = this.view.charCodeAt(i + 1) === 94 ? -1 : this.groupClose(i, ctx);
    if (close < 0) return i + 1;
    const attrs = this.view.charCodeAt(close + 1) === 123 /* { */ ? this.attributesAt(close + 1, ctx.to) : 0;
    if (attrs) {
      if (!this.attributeStarts.has(close + 1)) {
        this.attributeStarts.add(close + 1);
        this.attributeSpans.push({ start: close + 1, end: attrs });
      }
      pushAll(out, this.unit(i, close, ctx.links, ctx.quotes).citations);
      return attrs;
    }
    if (!ctx.links) return i + 1;
    // A link: its text is read without links; a reference that does not resolve is kept as
    // text, read again with links allowed.
    const resolved = this.view.charCodeAt(close + 1) === 40 /* ( */ || this.references.has(i);
    pushAll(out, this.unit(i, close, !resolved, ctx.quotes).citations);
    return close + 1;
  }

  /** The text inside the brackets at `open`, read as inlines on its own (Pandoc re-parses a link's or span's text). */
  private unit(open: number, close: number, links: boolean, quotes: number): Result {
    const memoKey = this.key(open, 0, { to: close, links, quotes });
    const hit = this.unitMemo.get(memoKey);
    if (hit) return hit;
    const saved = this.lastStr;
    const citations: Citation[] = [];
    this.depth++;
    this.inlines(open + 1, { to: close, links, quotes }, citations);
    this.depth--;
    const r = { end: close + 1, citations };
    this.lastStr = saved;
    this.unitMemo.set(memoKey, r);
    return r;
  }

  /**
   * Smart punctuation, one inline each and no string: `---` an em dash, `--` an en dash
   * (so the `-` of `[--@x]` is the dash's and the citation is not suppress-author;
   * `[----@x]` is), `...` an ellipsis. Another `.` is part of a string.
   */
  private dashOrDot(i: number, to: number): number {
    const { view } = this;
    if (view.charCodeAt(i) === 45) {
      if (view.charCodeAt(i + 1) !== 45) return i + 1;
      return Math.min(to, view.charCodeAt(i + 2) === 45 ? i + 3 : i + 2);
    }
    if (view.startsWith('...', i) && i + 3 <= to) return i + 3;
    if (view.charCodeAt(i + 1) === 46) return i + 1;
    return this.str(i, to);
  }

  /** Pandoc's `str`: letters and digits, and single dots between or after them. */
  private str(i: number, to: number): number {
    const { view } = this;
    let j = i;
    while (j < to) {
      if (isAlnumAt(view, j)) j += charLength(view, j);
      else if (view.charCodeAt(j) === 46 && view.charCodeAt(j + 1) !== 46) j++;
      else break;
    }
    this.lastStr = Math.min(j, to);
    return this.lastStr;
  }

  /**
   * Pandoc's emphasis (`enclosure`, `one`, `two`, `three`), which differs from CommonMark's:
   * an opener is a run of one to three `*` (or `_`, not right after a string) not followed
   * by white space; the first run that can close it does (a `_` closer not followed by a
   * letter or digit) and counts as the end of a string (`*x*@a` cites nothing); an opener
   * that never closes takes every inline up to the end of the text as its content (so
   * `[@a, *x]` is no bracketed citation).
   */
  private enclosure(i: number, ctx: Ctx, out: Citation[]): number {
    const { view } = this;
    const c = view.charCodeAt(i);
    if (c === 95 && this.lastStr === i) return i + 1; // intraword underscore: a symbol
    let j = i;
    while (j < ctx.to && view.charCodeAt(j) === c) j++;
    const n = j - i;
    // Followed by a space or tab (not a line break: Pandoc's `whitespace`), it is text.
    if ((j < ctx.to && isBlank(view.charCodeAt(j))) || n > 3 || this.depth >= MAX_DEPTH) return j;
    // The content's reading depends only on where it starts and ends: read it once.
    const memoKey = this.key(j, n, ctx);
    let r = this.emphasisMemo.get(memoKey);
    if (!r) {
      const citations: Citation[] = [];
      this.depth++;
      const end = n === 1 ? this.emphasisOne(c, j, ctx, citations) : n === 2 ? this.emphasisTwo(c, j, ctx, citations) : this.emphasisThree(c, j, ctx, citations);
      this.depth--;
      r = { end, lastStr: this.lastStr, citations };
      this.emphasisMemo.set(memoKey, r);
    }
    this.lastStr = r.lastStr;
    pushAll(out, r.citations);
    return r.end;
  }

  /**
   * Pandoc's code span: a run of backticks up to the next run of the same length; with none,
   * one backtick of text. (Found where the parser reaches a backtick, as Pandoc does: a
   * backtick inside a braced key `@{a`b}` opens nothing.)
   */
  private code(i: number, to: number): number {
    const { view } = this;
    let j = i;
    while (j < to && view.charCodeAt(j) === 96) j++;
    const close = this.backtickRuns().next(j, j - i);
    return close >= 0 && close + (j - i) <= to ? close + (j - i) : i + 1;
  }

  private braceIndex?: BracedKeys;
  private braces(): BracedKeys {
    return (this.braceIndex ??= new BracedKeys(this.keyView));
  }

  private runs?: BacktickRuns;
  private backtickRuns(): BacktickRuns {
    return (this.runs ??= new BacktickRuns(this.view));
  }

  /**
   * Pandoc's smart quotes (`singleQuoted`, `doubleQuoted`): an opening quote not right
   * after a string, not followed by white space and not inside a quote of its kind, reads
   * inlines up to its closing quote (`'` not followed by a letter or digit, or `"`); with
   * no closing quote it is text. A quotation may take a citation's closing bracket.
   */
  private quoted(i: number, kind: 1 | 2, ctx: Ctx, out: Citation[]): number {
    const { view } = this;
    if (ctx.quotes & kind || this.lastStr === i || i + 1 >= ctx.to || isBlankOrBreak(view.charCodeAt(i + 1))) return i + 1;
    const end = this.delimited(kind, i + 1, { ...ctx, quotes: ctx.quotes | kind }, out, (j, count) => (count > 0 && isClosingQuote(view, j, kind) ? j + 1 : 0));
    return end > 0 ? end : i + 1;
  }

  /**
   * Pandoc's strikeout (`~~x~~`, no white space before the closing `~~`), subscript
   * (`~x~`) and superscript (`^x^`, no white space at all inside), whose text is read as
   * inlines; `^[…]` is an inline note. Otherwise the mark is text.
   */
  private tilde(i: number, ctx: Ctx, out: Citation[]): number {
    const { view } = this;
    const c = view.charCodeAt(i);
    if (c === 126 && view.charCodeAt(i + 1) === 126 && i + 2 < ctx.to && !isBlankOrBreak(view.charCodeAt(i + 2)) && view.charCodeAt(i + 2) !== 126) {
      const end = this.delimited(3, i + 2, ctx, out, (j, count) => {
        if (count > 0 && view.startsWith('~~', j) && j + 2 <= ctx.to) return j + 2;
        if (!isBlank(view.charCodeAt(j))) return 0;
        let k = j;
        while (k < ctx.to && isBlank(view.charCodeAt(k))) k++;
        return view.startsWith('~~', k) ? -1 : 0;
      });
      if (end > 0) return end;
    }
    const script = this.delimited(c === 126 ? 4 : 5, i + 1, ctx, out, (j, count) => {
      if (count > 0 && view.charCodeAt(j) === c) return j + 1;
      return isBlankOrBreak(view.charCodeAt(j)) ? -1 : 0;
    });
    if (script > 0) return script;
    if (c === 94 && view.charCodeAt(i + 1) === 91) {
      const close = this.groupClose(i + 1, ctx);
      if (close >= 0) {
        pushAll(out, this.unit(i + 1, close, ctx.links, ctx.quotes).citations);
        return close + 1;
      }
    }
    return i + 1;
  }

  /**
   * Reads inlines from `from` until `step` says the construct closes (a positive end),
   * fails (-1) or goes on (0), at most to `ctx.to`; returns the end, or -1 when it does not
   * close. Memoised; and a reading that fails marks every place it passed, so a later one
   * (from the next opening mark) stops at the first marked place: linear time for any
   * number of marks that never close.
   */
  private delimited(kind: number, from: number, ctx: Ctx, out: Citation[], step: (j: number, count: number) => number): number {
    if (this.depth >= MAX_DEPTH) return -1;
    const memoKey = this.key(from, kind, ctx);
    let r = this.delimitedMemo.get(memoKey);
    if (r === undefined) {
      const saved = this.lastStr;
      const citations: Citation[] = [];
      const passed: number[] = [];
      let j = from;
      let end = -1;
      this.depth++;
      for (let count = 0; j < ctx.to; count++) {
        const verdict = step(j, count);
        if (verdict !== 0) {
          end = verdict;
          break;
        }
        const place = this.key(j, kind, ctx) * 2 + (this.lastStr === j ? 1 : 0);
        if (this.delimitedFails.has(place)) break;
        passed.push(place);
        j = this.inline(j, ctx, citations);
      }
      this.depth--;
      if (end < 0) for (const p of passed) this.delimitedFails.add(p);
      r = end < 0 ? null : { end, lastStr: this.lastStr, citations };
      this.lastStr = saved;
      this.delimitedMemo.set(memoKey, r);
    }
    if (!r) return -1;
    this.lastStr = r.lastStr;
    pushAll(out, r.citations);
    return r.end;
  }

  /** Pandoc's `ender c n`: n delimiters, and for `_` no letter or digit after them. */
  private ender(c: number, n: number, i: number, to: number): boolean {
    if (i + n > to) return false;
    for (let k = 0; k < n; k++) if (this.view.charCodeAt(i + k) !== c) return false;
    return c === 42 || i + n >= this.n || !isAlnumAt(this.view, i + n);
  }

  private closeAt(end: number): number {
    this.lastStr = end;
    return end;
  }

  private emphasisOne(c: number, i: number, ctx: Ctx, out: Citation[]): number {
    const { view } = this;
    while (i < ctx.to) {
      if (this.ender(c, 1, i, ctx.to)) {
        // `**` inside `*…*` opens a strong emphasis unless a third delimiter follows.
        if (i + 2 <= ctx.to && view.charCodeAt(i + 1) === c && !this.ender(c, 1, i + 2, ctx.to)) {
          i = this.emphasisTwo(c, i + 2, ctx, out);
          continue;
        }
        return this.closeAt(i + 1);
      }
      i = this.inline(i, ctx, out);
    }
    return i;
  }

  private emphasisTwo(c: number, i: number, ctx: Ctx, out: Citation[]): number {
    while (i < ctx.to) {
      if (this.ender(c, 2, i, ctx.to)) return this.closeAt(i + 2);
      i = this.inline(i, ctx, out);
    }
    return i;
  }

  private emphasisThree(c: number, i: number, ctx: Ctx, out: Citation[]): number {
    while (i < ctx.to && !this.ender(c, 1, i, ctx.to)) i = this.inline(i, ctx, out);
    if (i >= ctx.to) return i;
    if (this.ender(c, 3, i, ctx.to)) return this.closeAt(i + 3);
    if (this.ender(c, 2, i, ctx.to)) return this.emphasisOne(c, this.closeAt(i + 2), ctx, out);
    return this.emphasisTwo(c, this.closeAt(i + 1), ctx, out);
  }

  /** Pandoc's `citeKey`: `-@key`, `@key`, `@{key}` — not right after a string. */
  private citeKey(i: number, to: number): KeyRead | undefined {
    if (this.lastStr === i) return undefined;
    const v = this.keyView;
    let j = i;
    const suppress = v.charCodeAt(j) === 45; /* - */
    if (suppress) j++;
    if (v.charCodeAt(j) !== 64 /* @ */) return undefined;
    j++;
    if (j >= to) return undefined;
    const first = v.charCodeAt(j);
    if (first === 123 /* { */) {
      const k = this.braces().close(j);
      if (k < 0 || k >= to) return undefined;
      return { key: this.text.slice(j + 1, k), keySpan: { start: j + 1, end: k }, suppress, end: k + 1 };
    }
    if (!(isAlnumAt(v, j) || first === 95 /* _ */ || first === 42 /* * */)) return undefined;
    const start = j;
    j += charLength(v, j);
    while (j < to) {
      if (isRegChar(v, j)) j += charLength(v, j);
      else {
        const ch = v.charCodeAt(j);
        if (KEY_PUNCT.has(ch) && j + 1 < to && isRegChar(v, j + 1)) j++;
        else if ((ch === 58 || ch === 47) /* : / */ && j + 1 < to && v.charCodeAt(j + 1) === 47) j++;
        else break;
      }
    }
    j = Math.min(j, to);
    return { key: this.text.slice(start, j), keySpan: { start, end: j }, suppress, end: j };
  }

  /** Pandoc's `textualCite`: `@key`, optionally followed by `[locator]` or `[more; @keys]`. */
  private textualCite(i: number, ctx: Ctx): Result | undefined {
    const k = this.citeKey(i, ctx.to);
    if (!k) return undefined;
    const first: CitationItem = { key: k.key, keySpan: k.keySpan, span: { start: i, end: k.end }, suppressAuthor: k.suppress, authorInText: true };
    const open = this.spnl(k.end, ctx.to);
    const inNote = open < ctx.to && this.depth < MAX_DEPTH ? this.noteCallCite(open, ctx) : null;
    if (inNote) {
      const [own, ...nested] = inNote.citations;
      return { end: inNote.end, citations: [{ kind: 'in-text', span: { start: i, end: inNote.end }, items: [first, ...own.items], rest: own.span }, ...nested] };
    }
    if (open < ctx.to && this.view.charCodeAt(open) === 91 && this.plainMatch[open] >= 0 && this.depth < MAX_DEPTH) {
      const more = this.normalCite(open, ctx);
      if (more) {
        const [own, ...nested] = more.citations;
        return { end: more.end, citations: [{ kind: 'in-text', span: { start: i, end: more.end }, items: [first, ...own.items], rest: own.span }, ...nested] };
      }
      const loc = this.bareLocator(open, first, ctx);
      if (loc) return { end: loc.end, citations: [{ kind: 'in-text', span: { start: i, end: loc.end }, items: loc.items }, ...loc.nested] };
    }
    return { end: k.end, citations: [{ kind: 'in-text', span: first.span, items: [first] }] };
  }

  /**
   * A footnote call right after an author-in-text key, read as Pandoc's `textualCite` reads
   * it: as `normalCite`, which does not refuse `[^` (only `bareloc` and the note parser
   * care), so `@x [^@a]` cites `x` and `a` (prefix `^`), defined note or not. Read by a
   * second scanner that sees footnote calls as brackets; only a citation that ends with
   * the call counts.
   */
  private noteCallCite(open: number, ctx: Ctx): Result | null {
    const end = this.noteCalls.get(open);
    if (end === undefined || end > ctx.to) return null;
    this.unmasked ??= new CitationScanner(this.text, this.opaque, this.html, this.references, false);
    const r = this.unmasked.normalCite(open, ctx);
    return r?.end === end ? r : null;
  }

  /** The first `>` at or after `from` in the text as written (`n` when none). */
  private nextGreater(from: number): number {
    if (!this.greaterAt) {
      const next = (this.greaterAt = new Int32Array(this.n + 1));
      next[this.n] = this.n;
      for (let i = this.n - 1; i >= 0; i--) next[i] = this.text.charCodeAt(i) === 62 /* > */ ? i : next[i + 1];
    }
    return this.greaterAt[Math.min(from, this.n)];
  }

  private nextGreaterOrSpace(from: number): number {
    if (!this.stopAfter) {
      const next = (this.stopAfter = new Int32Array(this.n + 1));
      next[this.n] = this.n;
      for (let i = this.n - 1; i >= 0; i--) next[i] = this.view.charCodeAt(i) === 62 /* > */ || isBlankOrBreak(this.view.charCodeAt(i)) ? i : next[i + 1];
    }
    return this.stopAfter[Math.min(from, this.n)];
  }

  /** Pandoc's `bareloc`: `@key [suffix; @more]` — the bracket's first part is the key's suffix. */
  private bareLocator(open: number, first: CitationItem, ctx: Ctx): { end: number; items: CitationItem[]; nested: Citation[] } | undefined {
    const { view } = this;
    if (view.charCodeAt(open + 1) === 94 /* ^ */) return undefined;
    const saved = this.lastStr;
    const nested: Citation[] = [];
    this.depth++;
    const stop = this.inlines(this.spnl(open + 1, ctx.to), ctx, nested, stopsItem(view));
    let rest: { items: CitationItem[]; nested: Citation[]; close: number } | undefined;
    if (stop < ctx.to && view.charCodeAt(stop) === 59) rest = this.citeList(this.spnl(stop + 1, ctx.to), ctx);
    else if (stop < ctx.to) rest = { items: [], nested: [], close: stop };
    this.depth--;
    if (!rest || this.linkOpenerAfter(rest.close, false)) {
      this.lastStr = saved;
      return undefined;
    }
    const own = { ...first, span: { start: first.span.start, end: rest.close + 1 }, ...suffixParts(this.text.slice(open + 1, stop)) };
    return { end: rest.close + 1, items: [own, ...rest.items], nested: [...nested, ...rest.nested] };
  }

  /**
   * Pandoc's `normalCite`: `[prefix @key suffix; …]` not followed by `{`, `(` or `[`. It
   * ends at the first `]` that no inline inside takes — usually the bracket's own, but
   * math or emphasis in a suffix may take that one, and inside a link's text a nested
   * bracket is no link, so its `]` ends the citation.
   */
  private normalCite(open: number, ctx: Ctx): Result | null {
    const memoKey = this.key(open, 0, ctx);
    const hit = this.citeMemo.get(memoKey);
    if (hit !== undefined) return hit;
    const saved = this.lastStr;
    let result: Result | null = null;
    this.depth++;
    const list = this.citeList(this.spnl(open + 1, ctx.to), ctx);
    this.depth--;
    if (list && !this.linkOpenerAfter(list.close, true)) {
      result = { end: list.close + 1, citations: [{ kind: 'bracketed', span: { start: open, end: list.close + 1 }, items: list.items }, ...list.nested] };
    }
    this.lastStr = saved;
    this.citeMemo.set(memoKey, result);
    return result;
  }

  /** Items separated by `;`, each a prefix, a key and a suffix, up to the first `]` that no inline takes; undefined unless it reads so. */
  private citeList(from: number, ctx: Ctx): { items: CitationItem[]; nested: Citation[]; close: number } | undefined {
    const { view } = this;
    const items: CitationItem[] = [];
    const nested: Citation[] = [];
    const stopAt = stopsItem(view);
    let i = from;
    for (;;) {
      // The prefix: inlines up to the first key that does not follow a string.
      let key: KeyRead | undefined;
      const prefixStart = i;
      while (i < ctx.to) {
        // (Pandoc also ends a prefix at `]` and then takes a key: `[foo]@a]` is one citation
        // there. Briefmark reads `@a` as author-in-text instead: following that reading
        // through `[x]@a` repeated costs quadratic time. docs/sources.md lists it.)
        if (stopAt(i)) return undefined;
        key = this.citeKey(i, ctx.to);
        if (key) break;
        i = this.inline(i, ctx, nested);
      }
      if (!key) return undefined;
      const keyAt = i;
      // The suffix: inlines up to `;` or `]`.
      let stop = key.end;
      while (stop < ctx.to && !stopAt(stop)) stop = this.inline(stop, ctx, nested);
      if (stop >= ctx.to) return undefined;
      const itemStart = prefixStart + leadingSpace(this.text, prefixStart, keyAt);
      const itemEnd = Math.max(stop - trailingSpace(this.text, key.end, stop), key.end);
      const prefix = this.text.slice(prefixStart, keyAt).trim();
      items.push({
        key: key.key,
        keySpan: key.keySpan,
        span: { start: itemStart, end: itemEnd },
        prefix: prefix || undefined,
        ...suffixParts(this.text.slice(key.end, stop)),
        suppressAuthor: key.suppress,
        authorInText: false,
      });
      if (view.charCodeAt(stop) === 93) return { items, nested, close: stop };
      i = this.spnl(stop + 1, ctx.to);
    }
  }

  /** Whether `(`, `[` (a footnote call's too: `[@a][^1]` is no bracketed citation) or, with `braceToo`, `{` follows the `]` at `close`. */
  private linkOpenerAfter(close: number, braceToo: boolean): boolean {
    return isLinkOpener(this.view.charCodeAt(close + 1), braceToo) || this.noteCalls.has(close + 1);
  }

  /** Pandoc's `spnl`: spaces, at most one line break, spaces. */
  private spnl(i: number, to: number): number {
    const { view } = this;
    while (i < to && isBlank(view.charCodeAt(i))) i++;
    if (i < to && view.charCodeAt(i) === 13) i++;
    if (i < to && view.charCodeAt(i) === 10) i++;
    while (i < to && isBlank(view.charCodeAt(i))) i++;
    return i;
  }
}

/**
 * Braced keys (`@{…}`): for each `{`, the `}` that balances it when nothing between them is
 * white space or opaque (Pandoc's `charsInBalanced '{' '}' (not . isSpace)`), found for
 * all braces in one pass instead of one scan per `@{`.
 */
class BracedKeys {
  private readonly match: Int32Array;
  /** Count of characters a braced key may not hold (white space, opaque), before each offset. */
  private readonly bad: Int32Array;
  constructor(view: string) {
    const n = view.length;
    this.match = new Int32Array(n).fill(-1);
    this.bad = new Int32Array(n + 1);
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = view.charCodeAt(i);
      this.bad[i + 1] = this.bad[i] + (c === OPAQUE || isSpaceAt(view, i) ? 1 : 0);
      if (c === 123) stack.push(i);
      else if (c === 125 && stack.length) this.match[stack.pop()!] = i;
    }
  }

  /** The `}` closing the `{` at `open` with no white space inside, or -1. */
  close(open: number): number {
    const k = this.match[open];
    return k >= 0 && this.bad[k] === this.bad[open] ? k : -1;
  }
}

/** The runs of backticks of a text, to find the next run of a given length after an offset in O(log n). */
class BacktickRuns {
  private readonly byLength = new Map<number, number[]>();
  constructor(view: string) {
    for (let i = view.indexOf('`'); i >= 0; ) {
      let j = i;
      while (view.charCodeAt(j) === 96) j++;
      const list = this.byLength.get(j - i) ?? [];
      list.push(i);
      this.byLength.set(j - i, list);
      i = view.indexOf('`', j);
    }
  }

  /** The start of the first run of exactly `length` backticks at or after `from`, or -1. */
  next(from: number, length: number): number {
    const list = this.byLength.get(length);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list[lo] : -1;
  }
}

/** Pandoc's `singleQuoteEnd` (`'` or `’` not followed by a letter or digit) and `doubleQuoteEnd` (`"` or `”`). */
function isClosingQuote(view: string, i: number, kind: 1 | 2): boolean {
  const c = view.charCodeAt(i);
  if (kind === 2) return c === 34 || c === 0x201d;
  return (c === 39 || c === 0x2019) && !isAlnumAt(view, i + 1);
}

/** Where a citation item's prefix or suffix stops: `;` or `]`. */
function stopsItem(view: string): (at: number) => boolean {
  return (at) => view.charCodeAt(at) === 59 /* ; */ || view.charCodeAt(at) === 93; /* ] */
}

/** `, p. 4` → locator `p. 4`; `{ii, A}, with x` → locator `ii, A`, suffix `with x`; anything else is the suffix. */
function suffixParts(raw: string): { locator?: string; suffix?: string } {
  const trimmed = raw.trim();
  if (!trimmed) return {};
  const braced = /^,?\s*\{([^{}]*)\}(.*)$/s.exec(trimmed);
  if (braced) return { locator: braced[1].trim() || undefined, suffix: braced[2].replace(/^,\s*/, '').trim() || undefined };
  const body = trimmed.replace(/^,\s*/, '');
  const loc = splitLocator(body);
  if (loc) return { locator: loc.locator.trim(), suffix: loc.rest.replace(/^,\s*/, '').trim() || undefined };
  return { suffix: body || undefined };
}

// Pandoc's locator terms, longest first, then a number or range, possibly a list of them.
const LOCATOR = /^(?:pages|page|pp|pg|p|chapters|chapter|chap|ch|sections|section|sec|paragraphs|paragraph|para|figures|figure|fig|volumes|volume|vol|notes|note|n|§§|§)\.?\s*[\p{N}ivxlcdm][\p{N}\p{L}\-–]*(?:\s*,\s*\p{N}[\p{N}\-–]*)*/iu;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * A locator at the start of `body` (`p. 4`, `chap. ii, 3-5`) and the rest: what
 * `/^(LOCATOR)(.*)$/iu` matches. That regex backtracked through the locator (quadratic)
 * when a line break followed it; but only one way of reading a locator can reach past its
 * number (no shorter term is followed by a letter of the class that comes next, and the
 * runs after it are greedy and disjoint), so the rest is simply what follows the longest
 * locator, and there is no match if it holds a line break.
 */
export function splitLocator(body: string): { locator: string; rest: string } | undefined {
  const m = LOCATOR.exec(body);
  if (!m) return undefined;
  const rest = body.slice(m[0].length);
  return LINE_BREAK.test(rest) ? undefined : { locator: m[0], rest };
}

const EMAIL_PUNCT = new Set([...'!"#$%&\'*+-/=?^_{|}~;'].map((c) => c.charCodeAt(0)));

/**
 * A closing tag as Pandoc reads one at `i` (a `<`): its `htmlTag` takes what tagsoup
 * lexes as a closing tag — `</`, a name (a letter, then letters, digits, `-`, `_` and `:`,
 * not ending in `:`), then after white space or `/` anything up to the next `>`, across
 * lines and brackets (`</q @u>`, `</span\nx]>`) — where CommonMark, which allows only white
 * space there, reads text. Such raw HTML holds no citation. The `>` is looked for in the
 * text as written (Pandoc reads the tag before any code span in it). The end after the
 * `>`, or 0.
 */
function closingTagEnd(view: string, i: number, to: number, nextGreater: (from: number) => number): number {
  if (view.charCodeAt(i + 1) !== 47 /* / */) return 0;
  let j = i + 2;
  const first = view.charCodeAt(j);
  if (!isAlnumAt(view, j) || (first >= 48 && first <= 57)) return 0;
  while (j < to && (isAlnumAt(view, j) || TAG_NAME_PUNCT.has(view.charCodeAt(j)))) j += charLength(view, j);
  const after = view.charCodeAt(j);
  if (view.charCodeAt(j - 1) === 58 /* : */ || (after !== 62 /* > */ && after !== 47 /* / */ && !isBlankOrBreak(after))) return 0;
  const close = nextGreater(j);
  return close < to ? close + 1 : 0;
}
const TAG_NAME_PUNCT = new Set([45 /* - */, 95 /* _ */, 58 /* : */]);

/**
 * Pandoc's `autoLink` with an `emailAddress` at `i` (a `<`): a mailbox (words that start
 * with a letter or digit, then letters, digits and ``!"#$%&'*+-/=?^_{|}~;``, joined by
 * dots), `@`, a domain (letters, digits and hyphens before a letter or digit, joined by
 * dots), then anything but white space up to a `>`. Wider than CommonMark's (`<a;b@c>` is one): such a link is one
 * inline, so a `;` in it ends no citation. The end after the `>`, or 0.
 */
function emailAutolinkEnd(view: string, i: number, to: number, nextGreaterOrSpace: (from: number) => number): number {
  let j = i + 1;
  const word = (): boolean => {
    if (!isAlnumAt(view, j)) return false;
    j += charLength(view, j);
    while (j < to && (isAlnumAt(view, j) || EMAIL_PUNCT.has(view.charCodeAt(j)))) j += charLength(view, j);
    return true;
  };
  if (!word()) return 0;
  while (view.charCodeAt(j) === 46 /* . */) {
    const dot = j;
    j++;
    if (!word()) {
      j = dot;
      break;
    }
  }
  if (view.charCodeAt(j) !== 64 /* @ */) return 0;
  j++;
  const subdomain = (): boolean => {
    const start = j;
    while (j < to) {
      if (isAlnumAt(view, j)) j += charLength(view, j);
      else if (view.charCodeAt(j) === 45 /* - */ && isAlnumAt(view, j + 1)) j++;
      else break;
    }
    return j > start;
  };
  if (!subdomain()) return 0;
  while (view.charCodeAt(j) === 46) {
    const dot = j;
    j++;
    if (!subdomain()) {
      j = dot;
      break;
    }
  }
  const close = nextGreaterOrSpace(j);
  return close < to && view.charCodeAt(close) === 62 ? close + 1 : 0;
}

/** Whether a span (an opaque one: a footnote reference the parser found) is a footnote call `[^x]`. */
function isNoteCall(text: string, s: Span): boolean {
  if (text.charCodeAt(s.start) !== 91 || text.charCodeAt(s.start + 1) !== 94 || text.charCodeAt(s.end - 1) !== 93 || s.end - s.start < 4) return false;
  for (let i = s.start + 2; i < s.end - 1; i++) if (isBlankOrBreak(text.charCodeAt(i)) || text.charCodeAt(i) === 93) return false;
  return true;
}

/** Pandoc's note parser takes `[^x]` whole (x: non-blank characters), whether a note is defined or not. */
function footnoteCalls(text: string, opaque: readonly Span[]): Span[] {
  const out: Span[] = [];
  const masked = maskSpans(text, opaque);
  for (let i = masked.indexOf('[^'); i >= 0; i = masked.indexOf('[^', i + 1)) {
    let escapes = 0;
    while (i - escapes > 0 && masked.charCodeAt(i - escapes - 1) === 92) escapes++;
    if (escapes % 2 === 1) continue;
    let j = i + 2;
    while (j < masked.length && !isBlankOrBreak(masked.charCodeAt(j)) && masked.charCodeAt(j) !== 93 && masked.charCodeAt(j) !== OPAQUE) j++;
    if (j > i + 2 && masked.charCodeAt(j) === 93) {
      out.push({ start: i, end: j + 1 });
      i = j;
    }
  }
  return out;
}

/** The text with each span's characters (but line breaks) replaced by spaces. */
function blankSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + text.slice(s.start, s.end).replace(/[^\r\n]/g, ' ');
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** The text with each span replaced by U+E000, line breaks included. */
function maskSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, pos);
    const end = Math.min(s.end, text.length);
    if (end <= start) continue;
    out += text.slice(pos, start) + '\ue000'.repeat(end - start);
    pos = end;
  }
  return out + text.slice(pos);
}

/**
 * Pandoc's inline TeX math (`tex_math_dollars`) at `i`: `$` not followed by white space,
 * up to the next `$` that follows no white space and precedes no digit; `$$…$$` is display
 * math. 0 when there is none. Looks at most to `n`.
 */
function mathEnd(view: string, i: number, n: number): number {
  if (view.charCodeAt(i + 1) === 36) {
    const close = view.indexOf('$$', i + 2);
    return close > i + 2 && close + 2 <= n && !/\n[ \t]*\r?\n/.test(view.slice(i, close)) ? close + 2 : 0;
  }
  // The opening `$` is not followed by white space (Haskell's isSpace: a no-break space counts).
  if (!(i + 1 < n) || isSpaceAt(view, i + 1)) return 0;
  for (let j = i + 1; j < n; j++) {
    const c = view.charCodeAt(j);
    if (c === 92) {
      j++;
      continue;
    }
    if (c === 36) {
      const after = view.charCodeAt(j + 1);
      return after >= 48 && after <= 57 ? 0 : j + 1;
    }
    if (isBlankOrBreak(c)) {
      let k = j;
      let breaks = 0;
      while (k < n && isBlankOrBreak(view.charCodeAt(k))) {
        if (view.charCodeAt(k) === 10) breaks++;
        k++;
      }
      if (breaks > 1 || view.charCodeAt(k) === 36) return 0;
      j = k - 1;
    }
  }
  return 0;
}

/**
 * Pandoc's `exampleRef` (what `@` is when no citation starts there): `@` and a label of
 * letters and digits, joined by `_` or `-`. It is no string, so `x@ab@c` cites `c`.
 */
function exampleRefEnd(view: string, i: number, to: number): number {
  let j = i + 1;
  for (;;) {
    if (j < to && isAlnumAt(view, j)) j += charLength(view, j);
    else if (j + 1 < to && (view.charCodeAt(j) === 95 || view.charCodeAt(j) === 45) && isAlnumAt(view, j + 1)) j++;
    else return j;
  }
}

/** After `&` at `i`: the end of a character reference Pandoc knows (`&amp;`, `&#38;`, `&#x26;`), else `i + 1`. */
function charRefEnd(view: string, i: number): number {
  const m = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{0,31}));/.exec(view.slice(i, i + 40));
  if (!m) return i + 1;
  if (m[1] !== undefined && decodeNamedCharacterReference(m[1]) === false) return i + 1;
  return i + m[0].length;
}

/** After a citation's `]`: a `(` or `[` makes it a link (and, for a bracketed citation, `{` a span). */
function isLinkOpener(c: number, braceToo: boolean): boolean {
  return c === 40 || c === 91 || (braceToo && c === 123);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Pandoc's `isSpaceChar`: space, tab, line feed, carriage return. */
function isBlankOrBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function charLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/** Whether an `@` in `text` is followed by what a citation key may start with (see `citeKey`). */
function mayCite(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const c = text.charCodeAt(at + 1);
    if (c === 123 /* { */ || c === 95 /* _ */ || c === 42 /* * */ || isAlnumAt(text, at + 1)) return true;
  }
  return false;
}

/** Whether `text` has a `]{` with a `}` after it, as a span's attribute list needs. */
function mayHaveAttributes(text: string): boolean {
  const open = text.indexOf(']{');
  return open >= 0 && text.indexOf('}', open + 2) >= 0;
}

function isAlnumAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c === OPAQUE || Number.isNaN(c)) return false;
  return ALNUM.test(s.slice(i, i + charLength(s, i)));
}

function isRegChar(s: string, i: number): boolean {
  return s.charCodeAt(i) === 95 || isAlnumAt(s, i);
}

function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(s[i]);
}

function leadingSpace(text: string, from: number, to: number): number {
  let k = from;
  while (k < to && /\s/.test(text[k])) k++;
  return k - from;
}

function trailingSpace(text: string, from: number, to: number): number {
  let k = to;
  while (k > from && /\s/.test(text[k - 1])) k--;
  return to - k;
}

function shiftCitation(c: Citation, d: number): Citation {
  const s = (x: Span): Span => ({ start: x.start + d, end: x.end + d });
  return { ...c, span: s(c.span), items: c.items.map((i) => ({ ...i, keySpan: s(i.keySpan), span: s(i.span) })), ...(c.rest && { rest: s(c.rest) }) };
}

/**
 * Whether the definition or reference at `s` of `text` starts with a bracket Pandoc reads
 * as a citation (`[@a]`, `[see -@a, p. 4]`): Pandoc takes no definition with such a label,
 * and such a reference is a citation whatever definition micromark matched it with.
 */
export function labelReadsAsCitation(text: string, s: Span): boolean {
  const open = text.indexOf('[', s.start);
  const own = open >= 0 && open < s.end ? text.slice(open, s.end) : '';
  return own.includes('@') && citationsAndSpans(own).citations.some((c) => c.span.start === 0 && c.kind === 'bracketed');
}
