/**
 * Splits a Markdown document into top-level blocks that can be parsed independently:
 * the split points are blank lines outside fenced code, container directives, HTML
 * comments and raw HTML blocks, where the next non-blank line starts at column 0, and
 * the line after a setext heading's underline (micromark rewrites every event of its parse
 * before each such heading it resolves: thousands in one parse cost quadratic time), and
 * a footnote definition's first line right after another's (notes written one per line).
 * These are only candidates: `parse/markdown.ts` checks each block's parse (a construct
 * still open at the block's end would carry into the next one) and joins blocks where
 * the splitter guessed wrong, so parsing the blocks one by one gives the same tree as
 * parsing the whole text. What can carry across a blank line: fenced code, HTML blocks
 * of kinds 1–5 (`<pre>`…, comments, `<?`, `<!X`, CDATA), container directives, and front
 * matter (see `unclosedFrontMatter`). Everything else ends at a blank line followed by a
 * line at column 0: paragraphs, tables, block quotes, list items and footnote
 * definitions (whose continuation lines are indented), link reference definitions
 * (whose title may not contain a blank line).
 *
 * Link reference and footnote definitions are the one construct CommonMark resolves
 * across blocks; the parser learns them from each block's parse. The splitter only
 * predicts them (`predicted`), so that most blocks are parsed once.
 *
 * One linear pass, no backtracking. On a new version it resumes from the block before the
 * edit and stops at the first block boundary after it that the previous split had too
 * (`previous`): the lines after it are the same, and so is every decision about them.
 */
import { frontMatterFences } from './frontMatter';
import type { TextEdit } from '../text/textEdit';

export interface Block {
  start: number;
  end: number;
}

export interface BlockSplit {
  blocks: Block[];
  /**
   * Labels the text probably defines, as `l` + identifier (link reference definitions)
   * or `f` + identifier (footnote definitions), identifiers as micromark normalises them
   * (`normalizeIdentifier`). A prediction from definition-like lines: a line may not be a
   * definition at all (a paragraph continues, the destination is invalid) and a
   * definition may not be on such a line (inside a block quote, a label over two lines).
   */
  predicted: Set<string>;
  /**
   * The first line opens front matter (`---`) and no later line closes it. micromark then
   * keeps trying the front matter to the end of the document, and while it tries, it
   * starts no container (list item, block quote, footnote definition) at the top level
   * anywhere in the document (containers inside container directives are not affected).
   */
  unclosedFrontMatter: boolean;
  /** The labels predicted in each block (`predicted` is their union), for the next version's split. */
  labels: string[][];
  /** Where closed front matter ends (0 without). */
  frontMatterEnd: number;
  /** Closed front matter ends with `...` (Pandoc's other closing fence; parse/frontMatter.ts). */
  frontMatterDots: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** micromark refuses these as the first character of a directive name. */
const NOT_NAME_START = /[\s\p{P}\p{S}]/u;
const CONTAINER_OPEN = /^ {0,3}(:{3,})([^:])/;
const CONTAINER_CLOSE = /^ {0,3}(:{3,})[ \t]*$/;
const NAME = /^[^\s\p{P}\p{S}](?:[^\s\p{P}\p{S}]|[-_])*/u;
const DEFINITION = /^(?: {0,3}>)* {0,3}\[(\^?)((?:[^\[\]\\\n]|\\.){1,999})\]:/;
const RAW_HTML_OPEN = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;
/** HTML blocks of kinds 3–5 and their end markers. */
const OTHER_HTML_OPEN = /^ {0,3}<(\?|![A-Za-z]|!\[CDATA\[)/;
/** A setext heading's underline (after a paragraph line at the top level). */
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** micromark's normalisation of labels (micromark-util-normalize-identifier), exactly. */
export function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

/** The identifier micromark gives a raw label (it reads NUL as U+FFFD). */
export function identifierOf(raw: string): string {
  return normalizeIdentifier(raw.includes('\u0000') ? raw.replace(/\u0000/g, '\uFFFD') : raw);
}

/** The fence length if `line` opens a container directive, else 0. */
function isContainerOpen(line: string): number {
  const m = CONTAINER_OPEN.exec(line);
  if (!m || NOT_NAME_START.test(String.fromCodePoint(line.codePointAt(m[0].length - 1)!))) return 0;
  // The name, then `[` or `{` or the end of the line (after spaces and tabs): anything
  // else is no directive (`:::rec text`). A name may not end with `-` or `_`.
  const rest = line.slice(m[0].length - 1);
  const name = NAME.exec(rest)![0];
  if (/[-_]$/.test(name)) return 0;
  const after = rest.slice(name.length);
  return after[0] === '[' || after[0] === '{' || /^[ \t]*$/.test(after) ? m[1].length : 0;
}

/**
 * What a line at column 0 starts at the top level: `-`, `+`, `*`, `1.`, `1)` a list item
 * (the marker, with the delimiter for ordered ones), `>` a block quote, `[^` a footnote
 * definition, `''` no container (a thematic break such as `* * *` is none either). When a
 * block ends inside a list item or footnote definition whose last construct is still open
 * (fenced code, a container), where micromark ends them depends on this (a container on
 * the next line closes them after the blank line, anything else before it).
 */
export function containerStart(line: string): string {
  const c = line.charCodeAt(0);
  const spaceAt = (i: number): boolean => i >= line.length || line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9;
  if (c === 62) return '>';
  if (c === 45 || c === 43 || c === 42) return spaceAt(1) && !THEMATIC_BREAK.test(line) ? line[0] : '';
  if (c >= 48 && c <= 57) {
    const m = ORDERED.exec(line);
    return m && spaceAt(m[0].length) ? m[1] : '';
  }
  if (c === 91 && FOOTNOTE_DEFINITION.test(line)) return '[^';
  return '';
}
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,})$/;
const ORDERED = /^\d{1,9}([.)])/;
/** As micromark-extension-gfm-footnote reads a definition's label: no white space or `[`, `\\` escapes `[`, `]` and `\\`. */
const FOOTNOTE_DEFINITION = /^\[\^(?:\\[[\]\\]|\\(?![[\]\\])|[^\s[\]\\]){1,999}\]:/;

/**
 * The candidate blocks of `text`. With `previous` (the split of the version before and the
 * edit between them), only the lines from the block before the edit to the first boundary
 * after it the previous split also had are read again (`BlockSplitter.resume`).
 */
export function splitBlocks(text: string, previous?: { split: BlockSplit; edit: TextEdit }): BlockSplit {
  const splitter = new BlockSplitter(text);
  let pos = splitter.frontMatter();
  if (previous) pos = splitter.resume(previous.split, previous.edit, pos);
  while (pos < text.length && !splitter.caughtUp) {
    let eol = pos;
    while (eol < text.length && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    let next = eol;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    splitter.line(pos, text.slice(pos, eol));
    pos = next;
  }
  return splitter.result();
}

/** `splitBlocks`, line by line: the constructs still open decide where a block may end. */
class BlockSplitter {
  private blocks: Block[] = [];
  /** The labels of each finished block, and of the current one. */
  private labels: string[][] = [];
  private current: string[] = [];
  private blockStart = 0;
  private frontMatterEnd = 0;
  private frontMatterDots = false;
  /** The previous version's split and the edit, while resuming; the block of it where the split caught up. */
  private previous: { split: BlockSplit; edit: TextEdit; delta: number } | undefined;
  private tail = -1;
  private fence: { char: string; length: number } | undefined;
  /** The fence length of the open top-level container directive. */
  private container = 0;
  private inComment = false;
  private rawHtml: string | undefined;
  private htmlEnd: string | undefined;
  /** Offset where a split may happen (start of the blank run). */
  private pendingSplit = -1;
  /** The previous line may continue a paragraph. */
  private paragraph = false;
  /** The previous line may have been a setext heading's underline. */
  private afterUnderline = false;
  /** The previous line started a footnote definition at column 0, nothing left open. */
  private afterFootnoteStart = false;
  private unclosedFrontMatter = false;

  constructor(private readonly text: string) {}

  /**
   * Front matter is its own block. micromark opens it on the first line only (after a
   * byte order mark) and closes it at the first `---` or `...` line (parse/frontMatter.ts).
   * Returns where the lines after it start.
   */
  frontMatter(): number {
    const text = this.text;
    const fm = frontMatterFences(text);
    if (!fm) return 0;
    if (fm.closeAt < 0) {
      this.unclosedFrontMatter = true;
      return 0;
    }
    const pos = fm.end;
    this.frontMatterEnd = pos;
    this.frontMatterDots = fm.dots;
    // (Not before a byte order mark: parsed alone, the next block would lose it.)
    if (text.charCodeAt(pos) !== 0xfeff) this.push(pos);
    return pos;
  }

  /**
   * Continues the previous version's split: its blocks before the one before the edit are
   * kept, and the lines are read again from there (a block boundary: nothing is open, no
   * paragraph continues). Returns where reading goes on (`from`, the start, when the
   * front matter changed or the edit is in the first blocks).
   */
  resume(split: BlockSplit, edit: TextEdit, from: number): number {
    if (this.unclosedFrontMatter || split.unclosedFrontMatter || split.frontMatterEnd !== this.frontMatterEnd || edit.start < this.frontMatterEnd) return from;
    const first = this.blocks.length; // the front matter's block, if any
    const r = lastStartAtMost(split.blocks, edit.start) - 1;
    if (r <= first) return from;
    this.blocks = split.blocks.slice(0, r);
    this.labels = split.labels.slice(0, r);
    this.blockStart = split.blocks[r].start;
    this.previous = { split, edit, delta: edit.newEnd - edit.oldEnd };
    return this.blockStart;
  }

  /** Whether the split met the previous version's again after the edit (the rest is the previous split's). */
  get caughtUp(): boolean {
    return this.tail >= 0;
  }

  /** Ends the current block at `pos`; while resuming past the edit, checks whether the previous split had this boundary too. */
  private push(pos: number): void {
    this.blocks.push({ start: this.blockStart, end: pos });
    this.labels.push(this.current);
    this.current = [];
    this.blockStart = pos;
    const prev = this.previous;
    if (!prev || pos < prev.edit.newEnd) return;
    const j = lastStartAtMost(prev.split.blocks, pos - prev.delta);
    if (j >= 0 && prev.split.blocks[j].start === pos - prev.delta) this.tail = j;
  }

  private get openConstruct(): boolean {
    return !!this.fence || !!this.container || this.inComment || !!this.rawHtml || !!this.htmlEnd;
  }

  /** The line at `pos` (without its line ending). */
  line(pos: number, line: string): void {
    if (/^[ \t]*$/.test(line)) {
      if (this.pendingSplit < 0 && !this.openConstruct) this.pendingSplit = pos;
      this.afterUnderline = false;
      this.paragraph = false;
      return;
    }
    const footnoteStart = line.charCodeAt(0) === 91 && FOOTNOTE_DEFINITION.test(line);
    if (this.pendingSplit >= 0 || this.afterUnderline || (footnoteStart && this.afterFootnoteStart)) this.splitBefore(pos, line);
    this.afterUnderline = false;
    this.afterFootnoteStart = false;
    if (this.paragraph && !this.openConstruct && SETEXT_UNDERLINE.test(line)) {
      // A setext heading ends here: the next line may start a block without a blank line
      // between (micromark rewrites all the events before each heading it resolves, so
      // thousands of headings in one block cost quadratic time). The parse checks it.
      this.afterUnderline = true;
      this.paragraph = false;
      return;
    }
    if (!this.continueOpen(line)) this.open(line);
    if (!this.fence && !this.inComment && !this.rawHtml && !this.htmlEnd) {
      // A definition cannot interrupt a paragraph; it can follow another definition.
      const d: RegExpExecArray | null = this.paragraph ? null : DEFINITION.exec(line);
      if (d) this.current.push((d[1] ? 'f' : 'l') + identifierOf(d[2]));
      this.paragraph = !d && !this.container && !/^ {0,3}(?:#|:::)/.test(line);
      // Footnote definitions one per line: each may start a block (a definition starts at
      // any line at column 0 and ends the one before; the parse checks it).
      this.afterFootnoteStart = footnoteStart && !this.openConstruct;
    } else this.paragraph = false;
  }

  /** After blank lines: a new block starts at this line, if it can. */
  private splitBefore(pos: number, line: string): void {
    const c = line.charCodeAt(0);
    const indented = c === 32 || c === 9;
    // A block must not start with `---` (a first block starting so would be front matter,
    // found by the incremental property test).
    const dashes = c === 45 && /^---[ \t]*$/.test(line);
    // Nor with a byte order mark: micromark drops one at the start of its input only.
    this.pendingSplit = -1;
    if (!indented && !dashes && c !== 0xfeff && pos > this.blockStart) this.push(pos);
  }

  /** Inside an open construct: whether this line closes it. False when nothing is open. */
  private continueOpen(line: string): boolean {
    if (this.container) {
      // Inside a container directive only its own closing fence counts: micromark looks
      // for it on every line before the content sees the line, even inside fenced code,
      // comments or nested containers.
      const m = CONTAINER_CLOSE.exec(line);
      if (m && m[1].length >= this.container) this.container = 0;
    } else if (this.fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === this.fence.char && m[1].length >= this.fence.length && /^[ \t]*$/.test(line.slice(m[0].length))) this.fence = undefined;
    } else if (this.inComment) {
      if (line.includes('-->')) this.inComment = false;
    } else if (this.rawHtml) {
      if (line.toLowerCase().includes(`</${this.rawHtml}>`)) this.rawHtml = undefined;
    } else if (this.htmlEnd) {
      if (line.includes(this.htmlEnd)) this.htmlEnd = undefined;
    } else return false;
    return true;
  }

  /** Outside any open construct: whether this line opens one (fenced code, a container, HTML). */
  private open(line: string): void {
    const f = FENCE.exec(line);
    if (f && !(f[1][0] === '`' && line.slice(f[0].length).includes('`'))) {
      this.fence = { char: f[1][0], length: f[1].length };
      return;
    }
    if ((this.container = isContainerOpen(line))) return;
    const open = line.lastIndexOf('<!--');
    if (open >= 0 && line.indexOf('-->', open + 4) < 0) this.inComment = true;
    const raw = RAW_HTML_OPEN.exec(line);
    if (raw && !line.toLowerCase().includes(`</${raw[1].toLowerCase()}>`)) this.rawHtml = raw[1].toLowerCase();
    const other = OTHER_HTML_OPEN.exec(line);
    if (other) {
      const end = other[1] === '?' ? '?>' : other[1].length === 2 ? '>' : ']]>';
      if (!line.slice(other[0].length).includes(end)) this.htmlEnd = end;
    }
  }

  result(): BlockSplit {
    const { text } = this;
    const prev = this.previous;
    if (prev && this.tail >= 0) {
      // The rest is the previous split's, moved by the edit.
      const d = prev.delta;
      for (let j = this.tail; j < prev.split.blocks.length; j++) {
        const b = prev.split.blocks[j];
        this.blocks.push({ start: b.start + d, end: b.end + d });
        this.labels.push(prev.split.labels[j]);
      }
    } else if (this.blockStart < text.length || this.blocks.length === 0) {
      this.blocks.push({ start: this.blockStart, end: text.length });
      this.labels.push(this.current);
    } else if (this.current.length) this.labels[this.labels.length - 1] = [...this.labels[this.labels.length - 1], ...this.current];
    const predicted = new Set<string>();
    for (const list of this.labels) for (const l of list) predicted.add(l);
    return { blocks: this.blocks, predicted, unclosedFrontMatter: this.unclosedFrontMatter, labels: this.labels, frontMatterEnd: this.frontMatterEnd, frontMatterDots: this.frontMatterDots };
  }
}

/** The index of the last block that starts at or before `offset`, or -1. */
export function lastStartAtMost(blocks: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Every label `block` could look up, sorted: `l` + identifier for link references
 * (`[text]`, `[text][label]`, `![alt][label]`), `f` + identifier for footnote calls
 * (`[^id]`), identifiers as micromark normalises them. It over-approximates (any bracketed
 * text without unescaped brackets, over lines too, and again without block quote markers
 * at the start of its lines, which micromark does not see as part of the label), which
 * only costs a look-up: a definition is given to a block's parse only when it is
 * defined somewhere in the document and the block could look it up. Depends only on the
 * block's text, so the parser keeps it with the block.
 */
export function candidateLabels(block: string): string[] {
  if (!block.includes('[')) return [];
  const wanted = new Set<string>();
  for (const m of block.matchAll(BRACKETED)) {
    const raw = m[1];
    wanted.add('l' + identifierOf(raw));
    if (raw.includes('\n') || raw.includes('\r')) wanted.add('l' + identifierOf(raw.replace(LINE_PREFIX, '$1')));
    if (raw[0] === '^') {
      wanted.add('f' + identifierOf(raw.slice(1)));
      wanted.add('f' + identifierOf(raw).slice(1));
    }
  }
  wanted.delete('l');
  wanted.delete('f');
  return [...wanted].sort();
}
const BRACKETED = /\[((?:[^\[\]\\]|\\[^]){1,1000})\]/g;
const LINE_PREFIX = /(\r\n?|\n)[ \t>]*/g;
