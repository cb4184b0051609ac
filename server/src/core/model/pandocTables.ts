/**
 * Pandoc's tables that are not pipe tables: simple, multiline and grid tables, the forms
 * Pandoc writes when it converts a Word document to Markdown. CommonMark has none of them:
 * it reads their rules of dashes as thematic breaks, their rows as paragraphs, a grid as one
 * paragraph of `|` and `+` lines, and the last row of a multiline table, right above its
 * closing rule, as a setext heading. Read here from the text's lines, as Pandoc reads them
 * (pandoc.org/MANUAL.html, "Tables"), so that `possible-unsourced-assertion` judges a row
 * as one statement and the header not at all, and the outline has no heading that is a row.
 */
import type { Span } from '../text/span';

export interface PandocTable {
  /** From the table's first line (its top rule, or its header) to the end of its last. */
  span: Span;
  /** The body's rows: a line of a simple table, a block of lines of a multiline table, the lines between two rules of a grid table. */
  rows: Span[];
}

interface Line {
  start: number;
  /** Before the line break. */
  end: number;
  text: string;
}

/** A row of dashes with blanks between columns: a simple or multiline table's column rule (`----- -----`). */
const COLUMN_RULE = /^ {0,3}-{2,}(?:[ \t]+-{2,})+[ \t]*$/;
/** A line of dashes alone: a multiline table's top or bottom rule. */
const FULL_RULE = /^ {0,3}-{3,}[ \t]*$/;
/**
 * The same, indented: also a one-column table's column rule (Pandoc reads `Title` over
 * `-----` at the margin as a setext heading, over `  -----` as a table; its writer indents
 * tables by two blanks).
 */
const SINGLE_RULE = /^ {1,3}-{3,}[ \t]*$/;
/** A grid table's rule (`+-----+----+`, `+=====+`, with alignment colons). */
const GRID_RULE = /^ {0,3}\+(?:[-=:]+\+)+[ \t]*$/;
const GRID_LINE = /^ {0,3}[+|]/;
const BLANK = /^[ \t]*$/;
/** How far a simple or multiline table's body is read from its column rule, in lines. */
const MAX_LINES = 5000;
/** How far up a multiline table's header is read from its column rule, in lines. */
const MAX_HEADER_LINES = 64;

/** Whether a line may be one of a table's rules (where `pandocTableAt` is worth asking). */
export function isTableRule(line: string): boolean {
  return COLUMN_RULE.test(line) || GRID_RULE.test(line) || SINGLE_RULE.test(line);
}

/** The line that holds `offset`. */
function lineAt(text: string, offset: number): Line {
  let start = offset;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { start, end, text: text.slice(start, end) };
}

function nextLine(text: string, line: Line): Line | undefined {
  if (line.end >= text.length) return undefined;
  const start = line.end + (text.charCodeAt(line.end) === 13 && text.charCodeAt(line.end + 1) === 10 ? 2 : 1);
  return start > text.length ? undefined : lineAt(text, start);
}

function previousLine(text: string, line: Line): Line | undefined {
  if (line.start === 0) return undefined;
  let end = line.start - 1;
  if (text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
  return lineAt(text, end);
}

const isBlank = (l: Line | undefined) => l === undefined || BLANK.test(l.text);
/** Whether a table may start after this line: a blank line, the text's start, or an HTML comment alone on its line (a block of raw HTML for Pandoc, as a suppression comment is). */
const opensAfter = (l: Line | undefined) => isBlank(l) || COMMENT_LINE.test(l!.text);
const COMMENT_LINE = /^ {0,3}<!--.*-->[ \t]*$/;
/** A grid row's span without its first line's opening `|` and its last line's closing one (and the blanks inside them), as a pipe table row's is. */
function withoutBorders(text: string, s: Span): Span {
  let { start, end } = s;
  if (text[start] === '|') start++;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  if (end > start && text[end - 1] === '|' && text[end - 2] !== '\\') end--;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { start, end };
}
/** A row's span: from its first line's first character that is not a blank to its last line's end (trailing blanks off). */
function rowSpan(first: Line, last: Line): Span {
  let start = first.start;
  while (start < first.end && (first.text[start - first.start] === ' ' || first.text[start - first.start] === '\t')) start++;
  let end = last.end;
  while (end > last.start && /[ \t]/.test(last.text[end - 1 - last.start])) end--;
  return { start, end };
}

/**
 * The table one of whose rules is the line at `offset` (a column rule or a grid rule), as
 * Pandoc reads it, or none; and the offset before which no other line need be asked about:
 * a grid's run of `+` and `|` lines is read once, whether it makes a table or not.
 */
export function pandocTableAt(text: string, offset: number): { table: PandocTable | undefined; next: number } {
  const rule = lineAt(text, offset);
  if (GRID_RULE.test(rule.text)) {
    const run = gridRun(text, rule);
    return { table: gridTable(text, run.first, run.last), next: run.last.end };
  }
  let table: PandocTable | undefined;
  if (COLUMN_RULE.test(rule.text)) table = columnTable(text, rule);
  else if (SINGLE_RULE.test(rule.text))
    table = opensAfter(previousLine(text, rule)) ? (multilineFromTop(text, rule) ?? headerless(text, rule, (l) => FULL_RULE.test(l.text))) : columnTable(text, rule);
  return { table, next: table ? table.span.end : rule.end };
}

/** The lines opening with `+` or `|` around a grid rule, all of them (a grid table has no limit). */
function gridRun(text: string, rule: Line): { first: Line; last: Line } {
  let first = rule;
  for (let p = previousLine(text, first); p && GRID_LINE.test(p.text); p = previousLine(text, p)) first = p;
  let last = rule;
  for (let q = nextLine(text, last); q && GRID_LINE.test(q.text); q = nextLine(text, q)) last = q;
  return { first, last };
}

/** A grid table: its lines open with `+` or `|`, its first and last are rules; a rule of `=` closes the header. */
function gridTable(text: string, first: Line, last: Line): PandocTable | undefined {
  // (A table opens a block: after a blank line, or at the text's start. Else its lines go on a paragraph.)
  if (!opensAfter(previousLine(text, first))) return undefined;
  if (!GRID_RULE.test(first.text) || !GRID_RULE.test(last.text) || first === last) return undefined;
  const groups: Array<{ first: Line; last: Line; closedBy: Line }> = [];
  let open: Line | undefined;
  let previous: Line | undefined;
  for (let l: Line | undefined = nextLine(text, first); l && l.start <= last.start; l = nextLine(text, l)) {
    if (GRID_RULE.test(l.text)) {
      if (open && previous) groups.push({ first: open, last: previous, closedBy: l });
      open = undefined;
    } else {
      // A row's line is a `|` line (a rule's `+` lines aside).
      if (!l.text.trimStart().startsWith('|')) return undefined;
      open ??= l;
    }
    previous = l;
  }
  if (groups.length === 0) return undefined;
  const headed = groups[0].closedBy.text.includes('=');
  const body = headed ? groups.slice(1) : groups;
  return { span: { start: rowSpan(first, first).start, end: last.end }, rows: body.map((g) => withoutBorders(text, rowSpan(g.first, g.last))) };
}

/**
 * A simple or a multiline table, from its column rule. With a header above the rule: a
 * multiline table when a line of dashes alone opens the header (after a blank line), its
 * rows blocks of lines between blank lines down to the closing line of dashes; else a
 * simple table, one header line, a row per line down to a blank line. Without a header
 * (a blank line above the rule): rows down to a closing column rule.
 */
function columnTable(text: string, rule: Line): PandocTable | undefined {
  const above = previousLine(text, rule);
  if (opensAfter(above)) return headerless(text, rule);
  // Up over the header's lines: to a line of dashes alone (a multiline table's top rule), or to a blank line.
  let top: Line = above!;
  let n = 0;
  for (let p = previousLine(text, top); p && !opensAfter(p) && n < MAX_HEADER_LINES; p = previousLine(text, p), n++) top = p;
  if (FULL_RULE.test(top.text) && top !== above) {
    // (The line above a multiline table's top rule is blank, or the text starts there.)
    return multilineBody(text, top, rule);
  }
  // A simple table's header is one line, after a blank line.
  if (top !== above) return undefined;
  const rows: Span[] = [];
  let last: Line = rule;
  for (let l = nextLine(text, rule); l && !isBlank(l); l = nextLine(text, l)) {
    last = l;
    // A closing rule ends it (dashes alone, or in columns).
    if (FULL_RULE.test(l.text) || COLUMN_RULE.test(l.text)) break;
    rows.push(rowSpan(l, l));
  }
  if (rows.length === 0) return undefined;
  return { span: { start: rowSpan(above!, above!).start, end: last.end }, rows };
}

/**
 * A multiline table from its top rule (a line of dashes alone, after a blank line): its
 * header's lines, its column rule, its body. The header's first line is not blank; after
 * it, blank lines are header lines too, as Pandoc reads them (it takes every line up to the
 * column rule: a header "Pu", a blank line and a comment "<!-- … -->" above "pils Absent").
 */
function multilineFromTop(text: string, top: Line): PandocTable | undefined {
  let n = 0;
  const first = nextLine(text, top);
  if (isBlank(first)) return undefined;
  for (let l = first; l && n < MAX_HEADER_LINES; l = nextLine(text, l), n++) {
    if (COLUMN_RULE.test(l.text) || FULL_RULE.test(l.text)) return n > 0 ? multilineBody(text, top, l) : undefined;
  }
  return undefined;
}

/** A multiline table's body, after its column rule: blocks of lines between blank lines, down to a line of dashes alone. */
function multilineBody(text: string, top: Line, rule: Line): PandocTable | undefined {
  const rows: Span[] = [];
  let first: Line | undefined;
  let previous: Line = rule;
  let n = 0;
  for (let l = nextLine(text, rule); l && n < MAX_LINES; l = nextLine(text, l), n++) {
    // (Another column rule is another table's: this one has no closing rule. Each scan ends at the next rule, so the whole search is linear.)
    if (COLUMN_RULE.test(l.text)) return undefined;
    if (FULL_RULE.test(l.text)) {
      if (first) rows.push(rowSpan(first, previous));
      // (No blank line need follow the closing rule: Pandoc ends the table there, and reads a caption or a paragraph after it.)
      return rows.length ? { span: { start: rowSpan(top, top).start, end: l.end }, rows } : undefined;
    }
    if (isBlank(l)) {
      // Two blank lines in a row end no multiline table.
      if (!first) return undefined;
      rows.push(rowSpan(first, previous));
      first = undefined;
    } else first ??= l;
    previous = l;
  }
  return undefined;
}

/** A table without a header: its column rule opens it, a column rule closes it (for one column, a line of dashes alone); rows are lines, or blocks of lines between blank lines. */
function headerless(text: string, rule: Line, closes = (l: Line) => COLUMN_RULE.test(l.text)): PandocTable | undefined {
  const lines: Line[] = [];
  let n = 0;
  for (let l = nextLine(text, rule); l && n < MAX_LINES; l = nextLine(text, l), n++) {
    if (closes(l)) {
      if (lines.length === 0) return undefined;
      const multiline = lines.some(isBlank);
      const rows: Span[] = [];
      if (!multiline) for (const r of lines) rows.push(rowSpan(r, r));
      else {
        let first: Line | undefined;
        let previous: Line | undefined;
        for (const r of [...lines, undefined]) {
          if (r === undefined || isBlank(r)) {
            if (first && previous) rows.push(rowSpan(first, previous));
            first = undefined;
          } else {
            first ??= r;
            previous = r;
          }
        }
      }
      return rows.length ? { span: { start: rowSpan(rule, rule).start, end: l.end }, rows } : undefined;
    }
    if (isBlank(l) && isBlank(lines[lines.length - 1])) return undefined;
    lines.push(l);
  }
  return undefined;
}

/**
 * The tables of `text` from `from` on (after its front matter, which is no Markdown: its
 * `---` is no table's rule, its lines no table's header), read as if the text began there.
 */
export function pandocTablesFrom(text: string, from: number): PandocTable[] {
  const rules = tableRuleLines(text, from, text.length);
  return rules.length ? pandocTables(from > 0 ? blankedBefore(text, from) : text, rules) : [];
}

/** `text` with every character before `from` but its line breaks made a blank (the same offsets). */
export function blankedBefore(text: string, from: number): string {
  return text.slice(0, from).replace(/[^\r\n]/g, ' ') + text.slice(from);
}

/**
 * The tables of `text` whose rules are among the lines starting at `ruleLines` (sorted
 * offsets): each table once, in order.
 */
export function pandocTables(text: string, ruleLines: readonly number[]): PandocTable[] {
  const out: PandocTable[] = [];
  let next = 0;
  for (const at of ruleLines) {
    if (at < next) continue;
    const found = pandocTableAt(text, at);
    const last = out[out.length - 1];
    if (found.table && (!last || found.table.span.start >= last.span.end)) out.push(found.table);
    next = found.next;
  }
  return out;
}

/** The starts of the lines of `text[from, to)` that may be a table's rule (offsets in `text`). */
export function tableRuleLines(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let start = from;
  while (start < to) {
    let end = start;
    while (end < to && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    // (A rule opens with at most three blanks and a `-` or `+`: tested before the patterns.)
    let i = start;
    while (i < end && i - start < 4 && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if ((c === 45 || c === 43) && isTableRule(text.slice(start, end))) out.push(start);
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return out;
}
