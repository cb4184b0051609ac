/**
 * The guard against raw HTML that never closes (parse/guards.ts calls it for each run of
 * non-blank lines holding a `<`). micromark-core-commonmark 2.0 (`html-text.js`) reads a
 * comment `<!--`, a processing instruction `<?`, a CDATA section `<![CDATA[` and a
 * declaration `<!` + letter until their end (`-->`, `?>`, `]]>`, `>`), across line
 * endings, to the end of the paragraph; when it never comes the `<` is text. Repeated
 * (`x <!-- ` over a paragraph), every opener scans the rest of the paragraph: time
 * quadratic in the paragraph (micromark alone: 2 s for 32 KB; a megabyte would take half
 * an hour).
 *
 * Which openers fail is known from the run alone: an opener fails when its end marker does
 * not occur after it in the run (the paragraph that holds it never reaches past the run; an
 * end marker in the run but past the paragraph leaves the opener alone, which is only
 * cautious). When the scans of the failing openers together would cover more than
 * {@link scanBudget} characters, the `<` of each is neutralised (U+FF1C): micromark then
 * reads it as text, as it does after the failed scan. Never a `<` that something other
 * than raw HTML in text could read, where the fullwidth twin would change the tree:
 *
 * - an escaped `<` (`\<`), which is no opener at all;
 * - the first character of a line behind its container markers: there `<!--`, `<?` and
 *   `<!` + letter start an HTML block, which ends at its marker or the container's end;
 * - a `<` that may start a link destination (after `](` or `]:`): enclosed, or (its twin) raw;
 * - a `<` that may open an e-mail autolink (`<!--a@b.c>` is one);
 * - a `<` that ends a literal autolink (`www.`, `://` or `@` since the last white space),
 *   that an autolink, tag or enclosed destination opened before it would take (`<` +
 *   letter, or a destination's `<`, since the last `>`), or that an unquoted attribute value would (`=` since the last `>` or `}`).
 *
 * What changes is the text of code, quoted attribute values and other raw HTML that holds
 * such an opener in a paragraph over the budget: nothing reads those values.
 */
import { markerAt } from './markers';

/** A paragraph's failing openers may scan this many characters per character of the paragraph, plus a constant, before they are neutralised. */
export const scanBudget = (length: number): number => 4 * length + 256;

const LT = 60;
const GT = 62;

/** The end marker micromark looks for after the opener at `at`, and where it may start; undefined when `at` opens no comment, instruction, CDATA or declaration. */
function opener(source: string, at: number): { end: string; from: number } | undefined {
  if (source.charCodeAt(at + 1) === 63 /* ? */) return { end: '?>', from: at + 2 };
  if (source.charCodeAt(at + 1) !== 33 /* ! */) return undefined;
  if (source.startsWith('--', at + 2)) return { end: '-->', from: at + 2 };
  if (source.startsWith('[CDATA[', at + 2)) return { end: ']]>', from: at + 9 };
  const c = source.charCodeAt(at + 2) | 32;
  return c >= 97 && c <= 122 ? { end: '>', from: at + 3 } : undefined;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isAsciiLetter = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122);

/**
 * The offsets of the `<` in `source[from, to)` (a run of non-blank lines) to neutralise,
 * in order: none unless the failing openers' scans exceed the budget.
 */
export function failingHtmlOpeners(source: string, from: number, to: number, budget = scanBudget(to - from)): number[] {
  // The last end marker of each kind in the run: an opener fails when its marker is not after it.
  const last = new Map<string, number>();
  const lastOf = (end: string): number => {
    let at = last.get(end);
    if (at === undefined) {
      at = to - end.length >= from ? source.lastIndexOf(end, to - end.length) : -1;
      last.set(end, at < from ? -1 : at);
    }
    return at < from ? -1 : at;
  };
  const out: number[] = [];
  let cost = 0;
  // State of the forward pass: the last white space, `>`, `}`, literal-autolink cue, tag or autolink opener, `=`.
  let space = from - 1;
  let gt = from - 1;
  let brace = from - 1;
  let literal = from - 2;
  let tagOpen = from - 2;
  let equals = from - 2;
  let lineStart = from;
  let firstOnLine = -1;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) {
      space = i;
      lineStart = i + 1;
      firstOnLine = -1;
      continue;
    }
    if (c === 32 || c === 9) space = i;
    else if (c === GT) gt = i;
    else if (c === 125 /* } */) brace = i;
    else if (c === 61 /* = */) equals = i;
    else if (c === 64 /* @ */ || (c === 46 /* . */ && i - 3 >= from && source.slice(i - 3, i).toLowerCase() === 'www') || (c === 58 /* : */ && source.startsWith('//', i + 1))) literal = i;
    else if (c === 92 /* \ */ && !isSpace(source.charCodeAt(i + 1))) i++;
    else if (c === LT) {
      const next = source.charCodeAt(i + 1);
      // An autolink, a tag or an enclosed destination may open here: a `<` after it before its `>` may end it.
      if (isAsciiLetter(next) || next === 47 /* / */ || destination(source, i, from)) {
        tagOpen = i;
        continue;
      }
      const o = opener(source, i);
      if (!o || lastOf(o.end) >= o.from) continue;
      if (literal > space || tagOpen > gt || equals > Math.max(gt, brace) || emailAutolink(source, i, to)) continue;
      if (firstOnLine < 0) firstOnLine = lineContentStart(source, lineStart, to);
      if (i === firstOnLine) continue;
      out.push(i);
      cost += to - i;
    }
  }
  return cost > budget ? out : [];
}

/** Where a line's content starts behind its indentation and container markers (`>`, list markers, `[^label]:`). */
function lineContentStart(source: string, lineStart: number, to: number): number {
  let eol = lineStart;
  while (eol < to && source.charCodeAt(eol) !== 10 && source.charCodeAt(eol) !== 13) eol++;
  let k = lineStart;
  for (;;) {
    while (k < eol && (source.charCodeAt(k) === 32 || source.charCodeAt(k) === 9)) k++;
    const width = k < eol ? markerAt(source, k, eol) : 0;
    if (!width) return k;
    k += width;
  }
}

/** Characters of an e-mail autolink's local part (`<local@domain>`). */
const LOCAL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/;

/** Whether the `<` at `at` may open an e-mail autolink: local-part characters up to an `@` (`<!--a@b.c>` is one). */
function emailAutolink(source: string, at: number, to: number): boolean {
  let j = at + 1;
  while (j < to && LOCAL.test(source[j])) j++;
  return source.charCodeAt(j) === 64;
}

/** Whether the `<` at `at` may start a link destination: after `](` or `]:`, white space between (the fullwidth twin would make a raw destination of what fails as an enclosed one). */
function destination(source: string, at: number, from: number): boolean {
  let k = at - 1;
  while (k >= from && isSpace(source.charCodeAt(k))) k--;
  const c = source.charCodeAt(k);
  return (c === 40 /* ( */ || c === 58) /* : */ && source.charCodeAt(k - 1) === 93 /* ] */;
}
