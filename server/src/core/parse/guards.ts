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
 * - **Delimiter runs**: a paragraph (a run of non-blank lines, counted afresh from each line
 *   that surely starts inline content of its own, see `ownInline`, and from each body row
 *   of a table whose head matches its delimiter row) with more than
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
 * - **Directive labels that never close**: in a paragraph parsed without links (see
 *   Brackets), the `[` of a text directive label micromark rejects (never closed, nested
 *   more than 32 deep, or 1,000 escapes long: `:claim[` repeated, each label scanning
 *   hundreds of characters before it fails), and every other `[` that no `]` matches (but
 *   `[^`; `[@` repeated) — the bracket becomes U+FF3B, decided in linear time by
 *   parse/labelGuard.ts; micromark reads it as text either way.
 * - **Text directives by the hundred on one line**: past `MAX_TEXT_DIRECTIVES` on a line
 *   of a paragraph where labels may be guarded, the colon of each further directive
 *   becomes U+FF1A (parse/labelGuard.ts): the rest is text. No brief has such a line; a
 *   pasted megabyte of `:claim[` is 142,857 claims.
 *
 * - **Lazy lines**: a line that starts a container (`>`, a list item, a footnote definition)
 *   followed, without a blank line, by `MAX_LAZY_LINES` lines that start none: micromark
 *   looks back over the container's whole paragraph for each lazy continuation line
 *   (`> a` and 9,000 lines after it: 1.6 s for 128 KB, four times the time for twice the
 *   lines). The first marker of that line is neutralised: the lines are one paragraph.
 * - **Table rows**: a body row that opens with a `|` and is longer than `LONG_TABLE_ROW`
 *   characters, in a table whose delimiter row is in the same paragraph at the same
 *   block-quote depth (and no deeper indented) and whose rows all hold a `|`, in a
 *   paragraph with no code fence and no `<`: GFM and Pandoc ignore its cells past
 *   the table's columns, and the parse drops them (parse/markdown.ts), but micromark
 *   tokenized each one as a text of its own (`| :claim[c] |` repeated to a megabyte: 15 s).
 *   What follows the pipe that closes the last column is neutralised (printable ASCII
 *   becomes fullwidth, spaces and tabs U+3000): one more cell, one run of plain text,
 *   dropped as before.
 *
 * Neutralising replaces one UTF-16 code unit by one, so every offset stays the same; the
 * other two are parser options per block, no text changes. One linear pass over the
 * lines, no backtracking.
 */
import { frontMatterFences } from './frontMatter';
import { unclosedAttributeLists } from './attributeGuard';
import { failingHtmlOpeners } from './htmlGuard';
import { MAX_TEXT_DIRECTIVES, excessTextDirectives, failingDirectiveLabels, mayGuardLabels } from './labelGuard';
import { markerAt } from './markers';
import { lastAtMost, type TextEdit } from '../text/textEdit';

export const MAX_CONTAINER_DEPTH = 32;
export const MAX_DIRECTIVE_DEPTH = 12;
export const MAX_DELIMITER_RUNS = 1000;
export const MAX_RUN_LENGTH = 200;
export const MAX_BRACKET_DEPTH = 32;
export const MAX_BRACKETS = 1000;
/** A table row longer than this is checked for cells past its table's columns (see Table rows). */
export const LONG_TABLE_ROW = 2000;
/** Lines without a container marker after one with it, in one paragraph, past which the marker is neutralised (see Lazy lines). */
export const MAX_LAZY_LINES = 1000;

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
  /** What was neutralised, as [offset, length], in the order found (for the next version's pass). */
  marks: Marks;
  /** Where the pass may resume on the next version (`Checkpoints`). */
  checkpoints: Checkpoints;
  frontMatterEnd: number;
  /** The front matter closes with `...` (parse/frontMatter.ts). */
  frontMatterDots: boolean;
}

/**
 * The pass's state after each paragraph (at the line after the first blank line that ends
 * one), in parallel arrays: where it is, where that blank line starts, the container
 * directives still open, and how many marks and heavy paragraphs were found before it.
 * Checkpoints depend only on the text around them, so two versions of a text have the
 * same ones where they are the same.
 */
export interface Checkpoints {
  pos: number[];
  blank: number[];
  stack: number[][];
  marks: number[];
  heavy: number[];
}

/**
 * [offset, length] pairs in a growable typed array: a megabyte of `[@` makes 500,000 of
 * them (as arrays of arrays, their allocation and garbage took longer than the parse).
 */
export class Marks implements Iterable<[number, number]> {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 8) {
    this.data = new Int32Array(2 * capacity);
  }

  push(at: number, length: number): void {
    if (2 * this.length + 2 > this.data.length) {
      const grown = new Int32Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[2 * this.length] = at;
    this.data[2 * this.length + 1] = length;
    this.length++;
  }

  at(i: number): number {
    return this.data[2 * i];
  }

  lengthOf(i: number): number {
    return this.data[2 * i + 1];
  }

  /** The first `n` marks, a copy. */
  slice(n: number): Marks {
    const out = new Marks(Math.max(8, n));
    out.data.set(this.data.subarray(0, 2 * n));
    out.length = n;
    return out;
  }

  *[Symbol.iterator](): Iterator<[number, number]> {
    for (let i = 0; i < this.length; i++) yield [this.data[2 * i], this.data[2 * i + 1]];
  }

  /** Marks again from their structured clone (sent from the parse thread: the fields, not the class). */
  static revive(clone: Marks): Marks {
    if (clone instanceof Marks) return clone;
    const plain = clone as unknown as { data: Int32Array; length: number };
    const out = new Marks(1);
    out.data = plain.data;
    out.length = plain.length;
    return out;
  }
}

const TRAILING_SPACE = /^[ \t]*$/;
/** What micromark refuses as the first character of a directive name. */
const NOT_NAME_START = /[\s\p{P}\p{S}]/u;
const isSpace = (c: number): boolean => c === 32 || c === 9;
/** Characters the line scan looks at: line ends, `*`, `_`, `~`, `[`, `]`, `{`, `<`; and what it skips over. */
const SPECIAL = new Uint8Array(127);
for (const c of '\n\r*_~[]{<') SPECIAL[c.charCodeAt(0)] = 1;
const PLAIN = /[^\n\r*_~[\]{<]*/y;
/** Characters a container marker can start with: `>`, `-`, `+`, `*`, `[`, digits. */
const MARKER_START = new Uint8Array(127);
for (const c of '>-+*[0123456789') MARKER_START[c.charCodeAt(0)] = 1;

/** Whether `source[from, to)` holds a `|` (a loop, not `indexOf`, which would search on to the end of the text). */
function hasPipe(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (source.charCodeAt(i) === 124) return true;
  return false;
}

/** The number of columns of a GFM delimiter row (`|---|:-:|`) in `source[from, to)`, else 0. */
export function delimiterColumns(source: string, from: number, to: number): number {
  const row = source.slice(from, to).trim();
  if (!row.includes('-')) return 0;
  const inner = row.slice(row.startsWith('|') ? 1 : 0, row.endsWith('|') && row.length > 1 ? -1 : undefined);
  const cells = inner.split('|');
  return cells.every((cell) => DELIMITER_CELL.test(cell)) ? cells.length : 0;
}
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;

/**
 * The cells of a table's head row in `source[from, to)` (its pipes not escaped, a leading
 * and a trailing one left out), or 0 for a line indented four columns or more or starting
 * with a container marker (a table there would be in a container the guard does not follow).
 */
function headCells(source: string, from: number, to: number): number {
  let i = from;
  while (i < to && source.charCodeAt(i) === 32) i++;
  if (i - from > 3 || i >= to || source.charCodeAt(i) === 9 || markerAt(source, i, to)) return 0;
  let end = to;
  while (end > i && isSpace(source.charCodeAt(end - 1))) end--;
  if (source.charCodeAt(i) === 124) i++;
  let cells = 1;
  let trailing = false;
  for (; i < end; i++) {
    const c = source.charCodeAt(i);
    trailing = false;
    if (c === 92) i++;
    else if (c === 124) {
      cells++;
      trailing = true;
    }
  }
  return trailing ? cells - 1 : cells;
}

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
  heavy: HeavyParagraph[] = [];
  marks = new Marks();
  checkpoints: Checkpoints = { pos: [], blank: [], stack: [], marks: [], heavy: [] };
  /** Open container directive fence sizes, outermost first. */
  private stack: number[] = [];
  /** The previous version's pass and the edit, while resuming; the checkpoint of it where the pass caught up. */
  private previous: { guarded: GuardedText; edit: TextEdit; delta: number } | undefined;
  private tail = -1;
  // The paragraph being read: where it starts, its runs, its bracket nesting.
  private unitStart = -1;
  private runs = 0;
  private longRun = false;
  private brackets = 0;
  private closers = 0;
  private deepBrackets = false;
  private braces = false;
  private angles = false;
  /** The paragraph had more than `MAX_DELIMITER_RUNS` runs between two lines that start inline content of their own. */
  private manyRuns = false;
  /** The previous line started a list item or footnote definition (see `ownInline`). */
  private itemChain = false;
  /** In a table of this paragraph: its columns and block-quote depth (0: no table). */
  private tableColumns = 0;
  /**
   * The table's head row has as many cells as its delimiter row and no line of the
   * paragraph before it started a container (micromark then makes it a table, whose rows
   * are inline content of their own; in a container's paragraph the lines are lazy
   * continuation lines, one paragraph, and no table starts).
   */
  private tableExact = false;
  /** A line of this paragraph started with a container marker (`>`, a list item, a footnote definition). */
  private containerSeen = false;
  /** Where the last line of this paragraph that started with a container marker has it, and the lines since (see Lazy lines). */
  private containerLine = -1;
  private lazyLines = 0;
  private tableQuotes = 0;
  private tableIndent = 0;
  /** The paragraph's previous line: where it starts and ends. */
  private lastLineStart = 0;
  private lastLineEnd = 0;

  constructor(private readonly source: string) {}

  run(from: number): void {
    const { source } = this;
    const n = source.length;
    let pos = from;
    while (pos < n) {
      const line = this.scanLine(pos);
      let next = line.eol;
      if (source.charCodeAt(next) === 13) next++;
      if (source.charCodeAt(next) === 10) next++;
      if (line.first >= 0) this.readLine(pos, line);
      else if (this.unitStart >= 0) {
        this.endUnit(pos);
        if (this.checkpoint(next, pos)) return this.catchUp();
      }
      pos = next;
    }
    this.endUnit(n);
  }

  /**
   * Continues the previous version's pass from its last checkpoint at or before the edit
   * (the text before it is the same, so is the state there). Returns where to read from:
   * the start when the front matter may have changed.
   */
  resume(guarded: GuardedText, edit: TextEdit, from: number): number {
    if (guarded.frontMatterEnd !== from || edit.start < from) return from;
    const cp = guarded.checkpoints;
    const k = lastAtMost(cp.pos, edit.start);
    if (k < 0) return from;
    this.marks = guarded.marks.slice(cp.marks[k]);
    this.heavy = guarded.heavy.slice(0, cp.heavy[k]);
    this.checkpoints = { pos: cp.pos.slice(0, k + 1), blank: cp.blank.slice(0, k + 1), stack: cp.stack.slice(0, k + 1), marks: cp.marks.slice(0, k + 1), heavy: cp.heavy.slice(0, k + 1) };
    this.stack = [...cp.stack[k]];
    this.previous = { guarded, edit, delta: edit.newEnd - edit.oldEnd };
    return cp.pos[k];
  }

  /** Records a checkpoint; while resuming past the edit, whether the previous pass had the same one (the rest is then its). */
  private checkpoint(pos: number, blank: number): boolean {
    const cp = this.checkpoints;
    cp.pos.push(pos);
    cp.blank.push(blank);
    cp.stack.push(this.stack.length ? [...this.stack] : NO_STACK);
    cp.marks.push(this.marks.length);
    cp.heavy.push(this.heavy.length);
    const prev = this.previous;
    if (!prev || blank < prev.edit.newEnd) return false;
    const old = prev.guarded.checkpoints;
    const j = lastAtMost(old.pos, pos - prev.delta);
    if (j < 0 || old.pos[j] !== pos - prev.delta || old.stack[j].join() !== this.stack.join()) return false;
    this.tail = j;
    return true;
  }

  /** Takes the rest from the previous version's pass, moved by the edit. */
  private catchUp(): void {
    const { guarded, delta } = this.previous!;
    const j = this.tail;
    const old = guarded.checkpoints;
    for (let i = old.marks[j]; i < guarded.marks.length; i++) this.marks.push(guarded.marks.at(i) + delta, guarded.marks.lengthOf(i));
    for (let i = old.heavy[j]; i < guarded.heavy.length; i++) {
      const h = guarded.heavy[i];
      this.heavy.push({ ...h, start: h.start + delta, end: h.end + delta });
    }
    const cp = this.checkpoints;
    const marks = this.marks.length - guarded.marks.length;
    const heavy = this.heavy.length - guarded.heavy.length;
    for (let i = j + 1; i < old.pos.length; i++) {
      cp.pos.push(old.pos[i] + delta);
      cp.blank.push(old.blank[i] + delta);
      cp.stack.push(old.stack[i]);
      cp.marks.push(old.marks[i] + marks);
      cp.heavy.push(old.heavy[i] + heavy);
    }
  }

  private neutralise(at: number, length: number): void {
    this.marks.push(at, length);
  }

  private endUnit(end: number): void {
    const emphasis = this.manyRuns || this.runs > MAX_DELIMITER_RUNS || this.longRun;
    if (this.unitStart >= 0 && (emphasis || this.deepBrackets)) this.heavy.push({ start: this.unitStart, end, emphasis, links: this.deepBrackets });
    if (this.unitStart >= 0 && this.braces) for (const at of unclosedAttributeLists(this.source, this.unitStart, end)) this.neutralise(at, 1);
    const guardable = this.unitStart >= 0 && (this.deepBrackets || end - this.unitStart > 2 * MAX_TEXT_DIRECTIVES) && mayGuardLabels(this.source, this.unitStart, end);
    if (guardable && this.deepBrackets) for (const at of failingDirectiveLabels(this.source, this.unitStart, end, true)) this.neutralise(at, 1);
    if (guardable) for (const at of excessTextDirectives(this.source, this.unitStart, end)) this.neutralise(at, 1);
    if (this.unitStart >= 0 && this.angles) for (const at of failingHtmlOpeners(this.source, this.unitStart, end)) this.neutralise(at, 1);
    this.braces = false;
    this.angles = false;
    this.tableColumns = 0;
    this.unitStart = -1;
    this.runs = 0;
    this.manyRuns = false;
    this.itemChain = false;
    this.containerSeen = false;
    this.containerLine = -1;
    this.lazyLines = 0;
    this.longRun = false;
    this.brackets = 0;
    this.closers = 0;
    this.deepBrackets = false;
  }

  /**
   * Whether the line (from `pos`, its first character that is not a space at `first`)
   * starts inline content that micromark never continues from the line before, so that
   * delimiter runs and brackets are counted afresh from it: a list item with text on its
   * line, indented at most three spaces, that may interrupt a paragraph (a bullet, or the
   * number 1) or that follows a line which started an item or a definition, at column 0
   * (that container is not continued, so nothing is interrupted); a footnote definition
   * (which starts whatever precedes it). A block quote marker is not (its paragraph goes
   * on over `>` lines). A long list or a run of notes is then no longer one paragraph of
   * thousands of runs (its italics were all read as text).
   */
  private ownInline(pos: number, first: number): boolean {
    const { source } = this;
    const chain = this.itemChain;
    this.itemChain = false;
    if (first - pos > 3) return false;
    for (let i = pos; i < first; i++) if (source.charCodeAt(i) === 9) return false;
    const c = source.charCodeAt(first);
    if (c === 62) return false;
    // A marker is read within its line (a label is at most 999 characters).
    let eol = first;
    while (eol < source.length && eol < first + 1004 && source.charCodeAt(eol) !== 10 && source.charCodeAt(eol) !== 13) eol++;
    const width = markerAt(source, first, eol);
    if (!width) return false;
    if (c === 91) return (this.itemChain = true);
    let text = first + width;
    while (text < eol && isSpace(source.charCodeAt(text))) text++;
    if (text >= eol) return false;
    const ordered = c >= 48 && c <= 57;
    const one = ordered && width === 2 && c === 49;
    return (this.itemChain = !ordered || one || (chain && first === pos) || this.unitStart < 0);
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
    // (A table's body row too: the line before was the table's.)
    const own = first >= 0 && this.ownInline(pos, first);
    if ((own || (this.tableColumns > 0 && this.tableExact)) && this.unitStart >= 0) {
      if (this.runs > MAX_DELIMITER_RUNS) this.manyRuns = true;
      this.runs = 0;
      this.brackets = 0;
      this.closers = 0;
    }
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
      } else if (c === 60) {
        this.angles = true;
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
    if (pos > this.unitStart && (lead === 124 || lead === 58 || lead === 45 || lead === 62 || this.tableColumns)) this.tableRow(pos, line.eol);
    if (k !== line.first) {
      this.containerSeen = true;
      this.containerLine = line.first;
      this.lazyLines = 0;
    } else if (this.containerLine >= 0 && ++this.lazyLines === MAX_LAZY_LINES) this.neutralise(this.containerLine, 1);
    this.lastLineStart = pos;
    this.lastLineEnd = line.eol;
  }

  /**
   * Table rows (see above): a delimiter row with a `|`, under a line with one, starts a
   * table; a row of it that opens with a `|` and is longer than `LONG_TABLE_ROW` has what
   * follows its last column neutralised; a line without a `|` or at another block-quote
   * depth ends it.
   */
  private tableRow(pos: number, eol: number): void {
    const { source } = this;
    let body = pos;
    let quotes = 0;
    // The indentation after the last `>`: a row less indented than the delimiter row may be outside its container.
    let indent = 0;
    for (let c = source.charCodeAt(body); body < eol && (c === 32 || c === 9 || c === 62); c = source.charCodeAt(++body)) {
      if (c === 62) {
        quotes++;
        indent = 0;
      } else indent++;
    }
    const piped = hasPipe(source, body, eol);
    if (eol - pos <= LONG_TABLE_ROW) {
      const columns = piped && hasPipe(source, this.lastLineStart, this.lastLineEnd) ? delimiterColumns(source, body, eol) : 0;
      if (columns) {
        this.tableColumns = columns;
        this.tableQuotes = quotes;
        this.tableIndent = indent;
        this.tableExact = !this.containerSeen && quotes === 0 && indent <= 3 && headCells(source, this.lastLineStart, this.lastLineEnd) === columns;
        return;
      }
    }
    if (!this.tableColumns) return;
    if (quotes !== this.tableQuotes || indent < this.tableIndent || !piped) {
      this.tableColumns = 0;
      return;
    }
    if (eol - pos <= LONG_TABLE_ROW || source.charCodeAt(body) !== 124 || indent - this.tableIndent >= 4) return;
    // Not where the lines may be code or HTML, whose text micromark keeps as written.
    const unit = source.slice(this.unitStart, eol);
    if (unit.includes('```') || unit.includes('~~~') || unit.includes('<')) return;
    // The cells: the leading pipe opens the first; each unescaped pipe after it closes one.
    let at = body + 1;
    let closed = 0;
    for (; at < eol && closed < this.tableColumns; at++) {
      const c = source.charCodeAt(at);
      if (c === 92 && (source.charCodeAt(at + 1) === 124 || source.charCodeAt(at + 1) === 92)) at++;
      else if (c === 124) closed++;
    }
    if (closed === this.tableColumns && at < eol) this.neutralise(at, eol - at);
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

/**
 * Guards `source` (see above). With `previous` (the guarded version before and the edit
 * between them), the pass resumes at the last checkpoint before the edit and stops at the
 * first checkpoint after it that the previous pass had too, with the same containers open:
 * what follows is the same text read from the same state.
 */
export function guardText(source: string, previous?: { guarded: GuardedText; edit: TextEdit }): GuardedText {
  const scanner = new GuardScanner(source);
  // The pass starts after closed front matter: YAML, never inline text, so its `_`, `*` and `[` do not count.
  const fences = frontMatterFences(source);
  const start = fences?.end ?? 0;
  scanner.run(previous ? scanner.resume(previous.guarded, previous.edit, start) : start);
  const { marks, heavy, checkpoints } = scanner;
  const base = { neutralised: marks.length, heavy, marks, checkpoints, frontMatterEnd: start, frontMatterDots: fences?.dots ?? false };
  if (marks.length === 0) return { text: withoutNul(source), ...base };
  return { text: withoutNul(neutralised(source, marks)), ...base };
}

/** `source` with the characters of `marks` neutralised (marks may overlap: a table row's rest can hold a brace another guard neutralised). */
function neutralised(source: string, marks: Marks): string {
  if (marks.length > 256) {
    // Many marks (a megabyte of `[@`): one copy of the text, changed in place.
    const codes = new Uint16Array(source.length);
    for (let i = 0; i < source.length; i++) codes[i] = source.charCodeAt(i);
    for (let k = 0; k < marks.length; k++) for (let i = marks.at(k), end = i + marks.lengthOf(k); i < end; i++) codes[i] = fullwidthCode(codes[i]);
    // Neutralising maps ASCII to ASCII-free characters: no surrogate is made or unmade.
    return fromCodes(codes, (source as string & { isWellFormed(): boolean }).isWellFormed());
  }
  const sorted = [...marks].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let copied = 0;
  for (const [at, length] of sorted) {
    const from = Math.max(at, copied);
    if (from >= at + length) continue;
    parts.push(source.slice(copied, from), fullwidth(source.slice(from, at + length)));
    copied = at + length;
  }
  parts.push(source.slice(copied));
  return parts.join('');
}

/** The string of UTF-16 `codes`; `wellFormed`: they hold no lone surrogate (the decoder would replace one). */
function fromCodes(codes: Uint16Array, wellFormed = false): string {
  if (wellFormed) return UTF16.decode(codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
  return out;
}
// `ignoreBOM`: a byte order mark at the start is kept (by default the decoder drops it, and every offset would move).
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Printable ASCII (`!` to `~`) as its fullwidth twin (U+FF01 to U+FF5E), a space or tab as
 * U+3000 (IDEOGRAPHIC SPACE); anything else as it is.
 */
function fullwidth(text: string): string {
  if (text.length === 1) return fullwidthChar(text.charCodeAt(0));
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = fullwidthCode(text.charCodeAt(i));
  return fromCodes(codes);
}
const fullwidthCode = (c: number): number => (c > 32 && c < 127 ? c + 0xfee0 : c === 32 || c === 9 ? 0x3000 : c);
const fullwidthChar = (c: number): string => String.fromCharCode(fullwidthCode(c));

/**
 * NUL as U+FFFD, as CommonMark reads it: micromark replaces each NUL itself, but as a
 * chunk of its own, and a megabyte of NULs then cost seconds in its chunk bookkeeping
 * (the same character either way: the tree's text is unchanged, offsets too).
 */
function withoutNul(text: string): string {
  if (!text.includes('\u0000')) return text;
  // One copy through char codes: `replaceAll` on half a million NULs made garbage faster
  // than text (0.15 s for a megabyte, 26 times a quarter's). Not through the decoder: the
  // text may hold lone surrogates, which it would replace too.
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes[i] = c === 0 ? 0xfffd : c;
  }
  return fromCodes(codes);
}

const NO_STACK: number[] = [];
