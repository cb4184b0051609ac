/**
 * Pandoc's attribute list (`{#id .class key=val}`) as its Markdown reader parses one after a
 * bracketed span `[…]{…}` (pandoc 2.17, `Text.Pandoc.Readers.Markdown.attributes`):
 *
 *     attributes = '{' spnl (attribute spnl)* '}'
 *     attribute  = '#' identifier | '.' identifier | identifier '=' value | '-'
 *     identifier = letter (alphaNum | '-' | '_' | ':' | '.')*
 *     value      = '"' litChar+ '"' (no space or quote after the first) | "'" … "'" | '""' | "''"
 *                | (escaped char | anything but space, tab, line end, '}')*
 *     spnl       = spaces, at most one line end, spaces, and no blank line
 *
 * What is not such a list is text for Pandoc (`[x]{h}`, `[x]{.c [@a]}`), and the
 * citations in it count. Line ends are `\n`, `\r\n` or `\r` (Pandoc reads them alike).
 */
const LETTER = /\p{L}/u;
const ALNUM = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isLineEnd = (c: number): boolean => c === 10 || c === 13;
/** What a backslash escapes in Pandoc's Markdown: ASCII punctuation and symbols, and the space. */
const isEscapable = (c: number): boolean => c === 32 || (c > 32 && c < 127 && !ALNUM.test(String.fromCharCode(c)));

function skipBlanks(s: string, i: number, to: number): number {
  while (i < to && isBlank(s.charCodeAt(i))) i++;
  return i;
}

/** After the line end at `i` (`\r\n` counts as one), or -1 if there is none. */
function afterLineEnd(s: string, i: number, to: number): number {
  const c = s.charCodeAt(i);
  if (i >= to || !isLineEnd(c)) return -1;
  return c === 13 && i + 1 < to && s.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
}

/** Pandoc's `spnl`: where it ends, or -1 if a blank line follows. */
function spnl(s: string, i: number, to: number): number {
  i = skipBlanks(s, i, to);
  const next = afterLineEnd(s, i, to);
  if (next >= 0) i = skipBlanks(s, next, to);
  return i < to && isLineEnd(s.charCodeAt(i)) ? -1 : i;
}

/** A letter, then letters, digits, `-`, `_`, `:` and `.`: where it ends, or -1. */
function identifier(s: string, i: number, to: number): number {
  const first = s.codePointAt(i);
  if (i >= to || first === undefined || !LETTER.test(String.fromCodePoint(first))) return -1;
  i += first > 0xffff ? 2 : 1;
  while (i < to) {
    const c = s.codePointAt(i)!;
    if (c === 45 || c === 95 || c === 58 || c === 46 || ALNUM.test(String.fromCodePoint(c))) i += c > 0xffff ? 2 : 1;
    else break;
  }
  return i;
}

/** One `litChar` of a quoted value: where it ends, or -1 (the end, or a line end before a blank line). */
function litChar(s: string, i: number, to: number): number {
  if (i >= to) return -1;
  const c = s.charCodeAt(i);
  if (c === 92 && i + 1 < to && isEscapable(s.charCodeAt(i + 1))) return i + 2;
  const next = afterLineEnd(s, i, to);
  if (next < 0) return i + 1;
  // A line end is part of the value unless a blank line follows.
  const j = skipBlanks(s, next, to);
  return j >= to || isLineEnd(s.charCodeAt(j)) ? -1 : next;
}

/** `"…"` or `'…'` from `i` (Pandoc's `enclosed` and `many1Till`: no space and not the closing quote right after the opening one): its end, or -1. */
function enclosed(s: string, i: number, to: number, quote: number): number {
  if (s.charCodeAt(i) !== quote || i + 1 >= to || SPACE.test(s[i + 1]) || s.charCodeAt(i + 1) === quote) return -1;
  let j = litChar(s, i + 1, to);
  while (j >= 0 && j < to) {
    if (s.charCodeAt(j) === quote) return j + 1;
    j = litChar(s, j, to);
  }
  return -1;
}

/**
 * Pandoc's attribute lists in one text up to `to`, read in time linear in the text
 * whatever the number of `]{` in it (`[x]{k=` repeated: each unquoted value would run to
 * the end): where an unquoted value ends is computed once for every offset, and the
 * outcome of the list from each attribute it reaches is remembered.
 */
export class PandocAttributes {
  /** Where an unquoted value starting at each offset ends (made on first use). */
  private unquoted: Int32Array | undefined;
  /** From an offset where an attribute may start (after `spnl`): where the list ends, or 0. */
  private readonly fromAttribute = new Map<number, number>();

  constructor(
    private readonly s: string,
    private readonly to: number,
  ) {}

  /** At the `{` at `open`: where Pandoc's attribute list ends (after its `}`), or 0 if it is none. */
  end(open: number): number {
    const { s, to } = this;
    const path: number[] = [];
    let result = 0;
    let i = spnl(s, open + 1, to);
    while (i >= 0 && i < to) {
      const known = this.fromAttribute.get(i);
      if (known !== undefined) {
        result = known;
        break;
      }
      path.push(i);
      if (s.charCodeAt(i) === 125) {
        result = i + 1;
        break;
      }
      const end = this.attribute(i);
      if (end < 0) break;
      i = spnl(s, end, to);
    }
    for (const p of path) this.fromAttribute.set(p, result);
    return result;
  }

  /** One attribute from `i`: where it ends, or -1 if none starts there. */
  private attribute(i: number): number {
    const { s, to } = this;
    const c = s.charCodeAt(i);
    if (c === 35 || c === 46) {
      const end = identifier(s, i + 1, to);
      if (end >= 0) return end;
    }
    const key = identifier(s, i, to);
    if (key >= 0 && key < to && s.charCodeAt(key) === 61) return this.value(key + 1);
    return c === 45 ? i + 1 : -1;
  }

  private value(i: number): number {
    const { s, to } = this;
    for (const quote of [34, 39]) {
      const end = enclosed(s, i, to, quote);
      if (end >= 0) return end;
    }
    for (const quote of [34, 39]) if (s.charCodeAt(i) === quote && s.charCodeAt(i + 1) === quote && i + 1 < to) return i + 2;
    return this.unquotedEnd(i);
  }

  /** An unquoted value: escaped characters, and anything but a space, a tab, a line end or `}`. */
  private unquotedEnd(i: number): number {
    if (i >= this.to) return i;
    if (!this.unquoted) {
      const { s, to } = this;
      const end = new Int32Array(to + 2).fill(to);
      for (let j = to - 1; j >= 0; j--) {
        const c = s.charCodeAt(j);
        if (c === 92 && j + 1 < to && isEscapable(s.charCodeAt(j + 1))) end[j] = end[j + 2];
        else if (isBlank(c) || isLineEnd(c) || c === 125) end[j] = j;
        else end[j] = end[j + 1];
      }
      this.unquoted = end;
    }
    return this.unquoted[i];
  }
}

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * A heading's attribute list (Pandoc's `header_attributes`: `## Title {#id .class}`, or at
 * the end of a setext heading's text): the first `{` of the heading's last line of text
 * whose attribute list runs to the end of that line. Its text is not the heading's (a
 * citation there is none). `text` is the heading's source; the span is relative to it.
 */
export function headingAttributes(text: string): { start: number; end: number } | undefined {
  let end = text.length;
  while (end > 0 && isLineEnd(text.charCodeAt(end - 1))) end--;
  let start = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1)) + 1;
  if (start > 0 && SETEXT_UNDERLINE.test(text.slice(start, end))) {
    end = start;
    while (end > 0 && isLineEnd(text.charCodeAt(end - 1))) end--;
    start = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1)) + 1;
  }
  const lists = new PandocAttributes(text, end);
  for (let open = text.indexOf('{', start); open >= 0 && open < end; open = text.indexOf('{', open + 1)) {
    const close = lists.end(open);
    if (close > 0 && skipBlanks(text, close, end) === end) return { start: open, end: close };
  }
  return undefined;
}
