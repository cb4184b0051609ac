/**
 * Guards against inputs on which micromark grows faster than linearly
 * (docs/reliability.md, "Time on adversarial input"). They never trigger on a normal
 * brief, and they are applied to the whole document, before it is split, so a block-wise
 * parse and a one-piece parse see the same text and the same decisions.
 *
 * - **Container depth**: container directives nested more than `MAX_CONTAINER_DEPTH` deep
 *   (micromark re-tokenizes a container's content once per level: hundreds of `:::rec`
 *   lines never closed cost seconds) — the opening fence of a deeper one is neutralised:
 *   its colons become U+FF1A (FULLWIDTH COLON), one UTF-16 code unit each, so every
 *   offset stays the same and the line is plain text.
 * - **Stacked containers**: more than `MAX_CONTAINER_DEPTH` block quote or list markers at
 *   the start of one line (`> > > …`, `- - - …`: micromark's time and the tree's depth grow
 *   with them, and tree walkers overflow the stack at a few thousand) — the first marker
 *   past the limit becomes its fullwidth twin (U+FF1E for `>`, and so on), and the rest of
 *   the line is text.
 * - **Delimiter runs**: a paragraph (a run of non-blank lines) with more than
 *   `MAX_DELIMITER_RUNS` runs of `*`, `_` or `~` (micromark resolves emphasis and
 *   strikethrough by looking back over every earlier run) — it is reported in `heavy`, and
 *   the block that holds it is parsed without emphasis and strikethrough (`*` and `~` stay
 *   text). No text changes for this one: it is a parser option per block.
 *
 * One linear pass over the lines, no backtracking.
 */
export const MAX_CONTAINER_DEPTH = 32;
export const MAX_DELIMITER_RUNS = 1000;

export interface GuardedText {
  /** The text to parse: the document with over-deep container openers neutralised (same length). */
  text: string;
  /** How many container openers (directive fences, stacked block quote or list markers) were neutralised. */
  neutralised: number;
  /** Runs of non-blank lines with more than MAX_DELIMITER_RUNS delimiter runs, in order. */
  heavy: Array<{ start: number; end: number }>;
}

const TRAILING_SPACE = /^[ \t]*$/;
const FRONT_MATTER_OPEN = /^\uFEFF?---[ \t]*(?:\r\n?|\n)/;
const FRONT_MATTER_CLOSE = /(?:\r\n?|\n)---[ \t]*(?:\r\n?|\n|$)/g;
const isSpace = (c: number): boolean => c === 32 || c === 9;

/** `* * *` and the like: a thematic break, not list items. */
function isThematicBreak(source: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && i < from + 3 && source.charCodeAt(i) === 32) i++;
  const mark = source.charCodeAt(i);
  if (mark !== 42 && mark !== 45 && mark !== 95) return false;
  let count = 0;
  for (; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === mark) count++;
    else if (!isSpace(c)) return false;
  }
  return count >= 3;
}
/** What micromark refuses as the first character of a directive name. */
const NOT_NAME_START = /[\s\p{P}\p{S}]/u;

export function guardText(source: string): GuardedText {
  const heavy: GuardedText['heavy'] = [];
  const stack: number[] = []; // open container sizes, outermost first
  let parts: string[] | undefined;
  let copied = 0;
  let neutralised = 0;
  let unitStart = -1;
  let runs = 0;
  let pos = 0;
  const n = source.length;
  // Closed front matter is YAML, never inline text: its `_` and `*` do not count.
  const fm = FRONT_MATTER_OPEN.exec(source);
  if (fm) {
    FRONT_MATTER_CLOSE.lastIndex = fm[0].length - (fm[0].endsWith('\r\n') ? 2 : 1);
    const close = FRONT_MATTER_CLOSE.exec(source);
    if (close) pos = close.index + close[0].length;
  }
  while (pos < n) {
    let eol = pos;
    let lineRuns = 0;
    let prev = 0;
    let blank = true;
    for (; eol < n; eol++) {
      const c = source.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      if (c !== 32 && c !== 9) blank = false;
      // A run of `*`, `_` or `~` starts where the previous character is another one.
      if ((c === 42 || c === 95 || c === 126) && c !== prev) lineRuns++;
      prev = c;
    }
    let next = eol;
    if (source.charCodeAt(next) === 13) next++;
    if (source.charCodeAt(next) === 10) next++;

    if (blank) {
      if (unitStart >= 0 && runs > MAX_DELIMITER_RUNS) heavy.push({ start: unitStart, end: pos });
      unitStart = -1;
      runs = 0;
    } else {
      if (unitStart < 0) unitStart = pos;
      runs += lineRuns;
      // Block quote and list markers stacked on one line: micromark's time and the depth
      // of the tree (which tree walkers recurse into) grow with them. Past the limit, the
      // next marker becomes its fullwidth twin, and the rest of the line is text.
      let k = pos;
      let markers = 0;
      if (!isThematicBreak(source, pos, eol)) {
        for (;;) {
          let at = k;
          while (at < eol && (source.charCodeAt(at) === 32 || source.charCodeAt(at) === 9)) at++;
          const c = source.charCodeAt(at);
          let width = 0;
          if (c === 62) width = 1;
          else if ((c === 45 || c === 43 || c === 42) && isSpace(source.charCodeAt(at + 1))) width = 1;
          else if (c >= 48 && c <= 57) {
            let d = at;
            while (d < at + 9 && source.charCodeAt(d) >= 48 && source.charCodeAt(d) <= 57) d++;
            const m = source.charCodeAt(d);
            if ((m === 46 || m === 41) && isSpace(source.charCodeAt(d + 1))) width = d + 1 - at;
          }
          if (!width) break;
          if (++markers > MAX_CONTAINER_DEPTH) {
            parts ??= [];
            parts.push(source.slice(copied, at), String.fromCharCode(c + 0xfee0));
            copied = at + 1;
            neutralised++;
            break;
          }
          k = at + width;
        }
      }
      // Fences anywhere a container can be: after indentation and block quote markers
      // (a guard needs no exact nesting, only a bound that normal briefs never reach).
      while (k < eol && (source.charCodeAt(k) === 32 || source.charCodeAt(k) === 9 || source.charCodeAt(k) === 62)) k++;
      if (source.charCodeAt(k) === 58 && source.charCodeAt(k + 1) === 58 && source.charCodeAt(k + 2) === 58) {
        let end = k + 3;
        while (source.charCodeAt(end) === 58) end++;
        const size = end - k;
        if (TRAILING_SPACE.test(source.slice(end, eol))) {
          // micromark checks the outermost container's fence first: the first container
          // whose fence is not longer than this one closes, with everything inside it.
          const i = stack.findIndex((s) => s <= size);
          if (i >= 0) stack.length = i;
        } else if (end < eol && !NOT_NAME_START.test(String.fromCodePoint(source.codePointAt(end)!))) {
          if (stack.length < MAX_CONTAINER_DEPTH) stack.push(size);
          else {
            parts ??= [];
            parts.push(source.slice(copied, k), '\uFF1A'.repeat(size));
            copied = end;
            neutralised++;
          }
        }
      }
    }
    pos = next;
  }
  if (unitStart >= 0 && runs > MAX_DELIMITER_RUNS) heavy.push({ start: unitStart, end: n });
  const text = parts ? parts.join('') + source.slice(copied) : source;
  return { text, neutralised, heavy };
}
