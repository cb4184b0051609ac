/**
 * Guards against inputs on which micromark grows faster than linearly or builds trees so
 * deep that tree walkers overflow the stack (docs/reliability.md, "Time on adversarial
 * input"). They never trigger on a normal brief, and they are applied to the whole
 * document before it is split, so a block-wise parse and a one-piece parse see the same
 * text and the same decisions.
 *
 * - **Nested container directives**: more than `MAX_DIRECTIVE_DEPTH` open inside each
 *   other (micromark tokenizes a container's content once more for each level, and checks
 *   every open fence on every line: hundreds of `:::rec` lines never closed cost seconds,
 *   and a megabyte of them 66 s at depth 32, less than half at 12) — the opening fence of
 *   a deeper one is neutralised: its colons become U+FF1A (FULLWIDTH COLON). A brief
 *   nests fenced containers two or three deep.
 * - **Stacked containers**: a line whose block quote, list item and footnote definition
 *   markers, with the indentation that list items nest by, would put it more than
 *   `MAX_CONTAINER_DEPTH` containers deep (`> > > …`, `- - - …`, `[^a]: [^a]: …`, or list
 *   items indented further on every line: the tree's depth grows with them and tree
 *   walkers overflow the stack at a few thousand) — the first marker past the limit
 *   becomes its fullwidth twin (U+FF1E for `>`, U+FF3B for `[`, and so on), and the rest
 *   of the line is text.
 * - **Delimiter runs**: a paragraph (a run of non-blank lines) with more than
 *   `MAX_DELIMITER_RUNS` runs of `*`, `_` or `~` (micromark resolves emphasis by looking
 *   back over every earlier run), or a run longer than `MAX_RUN_LENGTH` (emphasis nested
 *   that deep) — reported in `heavy` with `emphasis`: the block that holds it is parsed
 *   without emphasis and strikethrough.
 * - **Brackets**: a paragraph with more than `MAX_BRACKETS` closing brackets, or whose `[`
 *   nest more than `MAX_BRACKET_DEPTH` deep (for each `]` micromark looks back over the
 *   paragraph for an opening one: `a] a] …`, `[@a] [@b] …`, images inside images…) —
 *   reported in `heavy` with `links`: the block is parsed without links and images
 *   (footnote calls, directive labels and citations are other constructs and stay).
 * - **Attribute lists that never close**: a text directive's `{` whose attribute list
 *   fails more than `MAX_FAILED_ATTRIBUTE_SCAN` characters on (`:c[x]{#` repeated: each
 *   scan ran to the end of the paragraph) — the brace becomes U+FF5B, decided in linear
 *   time by parse/attributeGuard.ts; micromark reads it as text either way.
 *
 * Neutralising replaces one UTF-16 code unit by one, so every offset stays the same; the
 * other two are parser options per block, no text changes. One linear pass over the
 * lines, no backtracking.
 */
import { unclosedAttributeLists } from './attributeGuard';

export const MAX_CONTAINER_DEPTH = 32;
export const MAX_DIRECTIVE_DEPTH = 12;
export const MAX_DELIMITER_RUNS = 1000;
export const MAX_RUN_LENGTH = 200;
export const MAX_BRACKET_DEPTH = 32;
export const MAX_BRACKETS = 1000;

export interface HeavyParagraph {
  start: number;
  end: number;
  /** Too many or too long delimiter runs: parse without emphasis and strikethrough. */
  emphasis: boolean;
  /** Too many closing brackets, or brackets nested too deep: parse without links and images. */
  links: boolean;
}

export interface GuardedText {
  /** The text to parse: the document with over-deep container openers neutralised (same length). */
  text: string;
  /** How many container openers (directive fences, stacked markers) were neutralised. */
  neutralised: number;
  /** Paragraphs (runs of non-blank lines) to parse with fewer constructs, in order. */
  heavy: HeavyParagraph[];
}

const TRAILING_SPACE = /^[ \t]*$/;
const FRONT_MATTER_OPEN = /^\uFEFF?---[ \t]*(?:\r\n?|\n)/;
const FRONT_MATTER_CLOSE = /(?:\r\n?|\n)---[ \t]*(?:\r\n?|\n|$)/g;
/** What micromark refuses as the first character of a directive name. */
const NOT_NAME_START = /[\s\p{P}\p{S}]/u;
const isSpace = (c: number): boolean => c === 32 || c === 9;
/** Characters the line scan looks at: line ends, `*`, `_`, `~`, `[`, `]`, `{`; and what it skips over. */
const SPECIAL = new Uint8Array(127);
for (const c of '\n\r*_~[]{') SPECIAL[c.charCodeAt(0)] = 1;
const PLAIN = /[^\n\r*_~[\]{]*/y;
/** Characters a container marker can start with: `>`, `-`, `+`, `*`, `[`, digits. */
const MARKER_START = new Uint8Array(127);
for (const c of '>-+*[0123456789') MARKER_START[c.charCodeAt(0)] = 1;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `* * *` and the like: a thematic break, not list items nor emphasis. */
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

/** The width of a container marker at `at` (`>`, a list marker, `[^label]:`), or 0. */
function markerAt(source: string, at: number, eol: number): number {
  const c = source.charCodeAt(at);
  if (c === 62) return 1;
  const after = (i: number): boolean => i >= eol || isSpace(source.charCodeAt(i));
  if ((c === 45 || c === 43 || c === 42) && after(at + 1)) return 1;
  if (isDigit(c)) {
    let d = at;
    while (d < at + 9 && isDigit(source.charCodeAt(d))) d++;
    const m = source.charCodeAt(d);
    return (m === 46 || m === 41) && after(d + 1) ? d + 1 - at : 0;
  }
  if (c === 91 && source.charCodeAt(at + 1) === 94) {
    // A footnote definition label has no white space and no brackets.
    for (let d = at + 2; d < eol && d < at + 1002; d++) {
      const x = source.charCodeAt(d);
      if (x === 93) return d > at + 2 && source.charCodeAt(d + 1) === 58 ? d + 2 - at : 0;
      if (x === 91 || isSpace(x)) return 0;
    }
  }
  return 0;
}

/** What one line holds (see `GuardScanner.scanLine`). */
interface LineScan {
  /** Where the line's text ends (its line ending, or the text's end). */
  eol: number;
  /** The first character that is not a space or tab, -1 on a blank line. */
  first: number;
  runs: number;
  longRun: boolean;
}

/**
 * One linear pass over the text, line by line: the paragraph being read (its delimiter
 * runs and bracket nesting), the container directives still open, and what to
 * neutralise, as [offset, length] pairs.
 */
class GuardScanner {
  readonly heavy: HeavyParagraph[] = [];
  readonly marks: [number, number][] = [];
  /** Open container directive fence sizes, outermost first. */
  private readonly stack: number[] = [];
  // The paragraph being read: where it starts, its runs, its bracket nesting.
  private unitStart = -1;
  private runs = 0;
  private longRun = false;
  private brackets = 0;
  private closers = 0;
  private deepBrackets = false;
  private braces = false;

  constructor(private readonly source: string) {}

  run(): void {
    const { source } = this;
    const n = source.length;
    let pos = frontMatterEnd(source);
    while (pos < n) {
      const line = this.scanLine(pos);
      let next = line.eol;
      if (source.charCodeAt(next) === 13) next++;
      if (source.charCodeAt(next) === 10) next++;
      if (line.first < 0) this.endUnit(pos);
      else this.readLine(pos, line);
      pos = next;
    }
    this.endUnit(n);
  }

  private neutralise(at: number, length: number): void {
    this.marks.push([at, length]);
  }

  private endUnit(end: number): void {
    const emphasis = this.runs > MAX_DELIMITER_RUNS || this.longRun;
    if (this.unitStart >= 0 && (emphasis || this.deepBrackets)) this.heavy.push({ start: this.unitStart, end, emphasis, links: this.deepBrackets });
    if (this.unitStart >= 0 && this.braces) for (const at of unclosedAttributeLists(this.source, this.unitStart, end)) this.neutralise(at, 1);
    this.braces = false;
    this.unitStart = -1;
    this.runs = 0;
    this.longRun = false;
    this.brackets = 0;
    this.closers = 0;
    this.deepBrackets = false;
  }

  /** The line from `pos`: its delimiter runs, brackets and braces (counted into the paragraph's). */
  private scanLine(pos: number): LineScan {
    const { source } = this;
    const n = source.length;
    let eol = pos;
    let runs = 0;
    let run = 0;
    let longRun = false;
    let prev = 0;
    while (eol < n && isSpace(source.charCodeAt(eol))) eol++;
    const first = eol < n && source.charCodeAt(eol) !== 10 && source.charCodeAt(eol) !== 13 ? eol : -1;
    for (; eol < n; eol++) {
      let c = source.charCodeAt(eol);
      if (c > 126 || !SPECIAL[c]) {
        // Plain text up to the next character of interest, in one step.
        PLAIN.lastIndex = eol;
        PLAIN.test(source);
        eol = PLAIN.lastIndex;
        if (eol >= n) break;
        c = source.charCodeAt(eol);
        prev = source.charCodeAt(eol - 1);
      }
      if (c === 10 || c === 13) break;
      // A run of `*`, `_` or `~` starts where the previous character is another one.
      if (c === 42 || c === 95 || c === 126) {
        if (c !== prev) {
          runs++;
          run = 0;
        }
        if (++run > MAX_RUN_LENGTH) longRun = true;
      } else if (c === 91) {
        if (++this.brackets > MAX_BRACKET_DEPTH) this.deepBrackets = true;
      } else if (c === 93) {
        if (this.brackets > 0) this.brackets--;
        if (++this.closers > MAX_BRACKETS) this.deepBrackets = true;
      } else if (c === 123) {
        this.braces = true;
      }
      prev = c;
    }
    return { eol, first, runs, longRun };
  }

  /** A line that is not blank: its runs count, its container markers and fences are checked. */
  private readLine(pos: number, line: LineScan): void {
    const { source } = this;
    if (this.unitStart < 0) this.unitStart = pos;
    const lead = source.charCodeAt(line.first);
    const thematicBreak = (lead === 42 || lead === 45 || lead === 95) && isThematicBreak(source, pos, line.eol);
    this.runs += thematicBreak ? 0 : line.runs;
    if (line.longRun && !thematicBreak) this.longRun = true;
    const k = !thematicBreak && MARKER_START[lead] ? this.containerMarkers(pos, line.eol) : line.first;
    this.containerFence(k, line.eol);
  }

  /**
   * Container markers and the indentation list items nest by: each marker is one level,
   * and a list item needs at least two columns per level it continues. Returns where the
   * markers end.
   */
  private containerMarkers(pos: number, eol: number): number {
    const { source } = this;
    let k = pos;
    let depth = 0;
    let columns = 0;
    for (;;) {
      let at = k;
      while (at < eol && isSpace(source.charCodeAt(at))) columns += source.charCodeAt(at++) === 9 ? 4 : 1;
      const width = at < eol ? markerAt(source, at, eol) : 0;
      if (!width) return at;
      if (depth + 1 + (columns >> 1) > MAX_CONTAINER_DEPTH) {
        this.neutralise(at, 1);
        return eol;
      }
      depth++;
      k = at + width;
      // The space after a marker belongs to it.
      if (k < eol && isSpace(source.charCodeAt(k))) k++;
    }
  }

  /**
   * Container directive fences anywhere a container can be: behind container markers too
   * (a guard needs no exact nesting, only a bound that normal briefs never reach).
   */
  private containerFence(k: number, eol: number): void {
    const { source, stack } = this;
    if (source.charCodeAt(k) !== 58 || source.charCodeAt(k + 1) !== 58 || source.charCodeAt(k + 2) !== 58) return;
    let end = k + 3;
    while (source.charCodeAt(end) === 58) end++;
    const size = end - k;
    if (TRAILING_SPACE.test(source.slice(end, eol))) {
      // micromark checks the outermost container's fence first: the first container
      // whose fence is not longer than this one closes, with everything inside it.
      const i = stack.findIndex((s) => s <= size);
      if (i >= 0) stack.length = i;
    } else if (end < eol && !NOT_NAME_START.test(String.fromCodePoint(source.codePointAt(end)!))) {
      if (stack.length < MAX_DIRECTIVE_DEPTH) stack.push(size);
      else this.neutralise(k, size);
    }
  }
}

/** Where closed front matter ends (0 if there is none): YAML, never inline text, so its `_`, `*` and `[` do not count. */
function frontMatterEnd(source: string): number {
  const fm = FRONT_MATTER_OPEN.exec(source);
  if (!fm) return 0;
  FRONT_MATTER_CLOSE.lastIndex = fm[0].length - (fm[0].endsWith('\r\n') ? 2 : 1);
  const close = FRONT_MATTER_CLOSE.exec(source);
  return close ? close.index + close[0].length : 0;
}

export function guardText(source: string): GuardedText {
  const scanner = new GuardScanner(source);
  scanner.run();
  const { marks, heavy } = scanner;
  if (marks.length === 0) return { text: source, neutralised: 0, heavy };
  marks.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let copied = 0;
  for (const [at, length] of marks) {
    parts.push(source.slice(copied, at));
    for (let i = at; i < at + length; i++) parts.push(String.fromCharCode(source.charCodeAt(i) + 0xfee0));
    copied = at + length;
  }
  parts.push(source.slice(copied));
  return { text: parts.join(''), neutralised: marks.length, heavy };
}
