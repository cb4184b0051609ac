/**
 * Tables as `possible-unsourced-assertion` reads them: rows, not cells. A GFM table's cells
 * are text blocks of their own (model/buildModel.ts); a cell alone ("Germany", "4.1") is
 * no sentence, and a header cell is a column's label. A row of the body is one statement
 * (its cells read together), the header row none; and a table whose caption or source
 * line, right above or below it, holds a source reference is sourced as a whole.
 */
import type { Span } from '../text/span';
import type { TextBlock } from './types';
import { delimiterColumns } from '../parse/guards';

/** A row of a table: its cells (text blocks of kind `tableCell`, in order), and whether it is the header row. */
export interface TableRow {
  cells: TextBlock[];
  header: boolean;
  /** From the row's first character of content to its last (not its pipes). */
  span: Span;
  /**
   * What the row's line holds past its last cell, pipes and blanks aside: cells past the
   * table's columns, which GFM and Pandoc drop (the parse drops them: parse/markdown.ts).
   */
  dropped?: Span;
  /** A row of Pandoc's simple, multiline or grid table (model/pandocTables.ts): no cells, and columns aligned by blanks, which an insertion would break. */
  pandoc?: true;
}

/** Whether a line is a GFM delimiter row (`|---|:--:|`), after any block-quote markers and indentation. */
function isDelimiterRow(line: string): boolean {
  return delimiterRowColumns(line) > 0;
}

/** The columns of a GFM delimiter row (after any block-quote markers and indentation), 0 for another line. */
function delimiterRowColumns(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '>')) i++;
  return delimiterColumns(line, i, line.length);
}

/** `text[start, end)` without the pipes and blanks around it (an escaped pipe stays). */
function withoutPipes(text: string, start: number, end: number): Span {
  while (start < end && /[|\s]/.test(text[start])) start++;
  while (end > start && /[|\s]/.test(text[end - 1]) && text[end - 2] !== '\\') end--;
  return { start, end };
}

/** The start of the line holding `offset`, and the end of that line. */
function lineAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { start, end };
}

/** The line after the one ending at `end` (its text), or undefined at the text's end. */
function nextLine(text: string, end: number): string | undefined {
  if (end >= text.length) return undefined;
  const start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  return text.slice(start, lineAround(text, start).end);
}

/**
 * The rows of the tables among `blocks` (offsets in `text`): cells on one line form a row
 * (a GFM row is one line); a row followed by a delimiter row is a header.
 */
export function tableRows(text: string, blocks: readonly TextBlock[]): TableRow[] {
  const rows: TableRow[] = [];
  let current: { line: number; lineEnd: number; cells: TextBlock[] } | undefined;
  let previousLineEnd = -1;
  const finish = () => {
    if (!current) return;
    const cells = current.cells;
    // A cell's span holds its pipes and padding: the row's is from its first character of content to its last.
    const last = cells[cells.length - 1].span.end;
    // Past the last cell (its span ends at its closing pipe, or at the line's end).
    const dropped = withoutPipes(text, last, current.lineEnd);
    // The header is a table's first row, and the delimiter row under it has its columns: a body
    // row is none, whatever line follows it (`-` and a byte order mark, an empty list item, reads
    // as a one-column delimiter row).
    const continues = previousLineEnd >= 0 && rowsOfOneTable(text, previousLineEnd, current.line);
    const header = !continues && delimiterRowColumns(nextLine(text, current.lineEnd) ?? '') === cells.length;
    rows.push({ cells, header, span: withoutPipes(text, cells[0].span.start, last), ...(dropped.start < dropped.end && { dropped }) });
    previousLineEnd = current.lineEnd;
    current = undefined;
  };
  for (const b of blocks) {
    if (b.kind !== 'tableCell') continue;
    if (current && b.span.start >= current.line && b.span.start <= current.lineEnd) {
      current.cells.push(b);
      continue;
    }
    finish();
    const line = lineAround(text, b.span.start);
    current = { line: line.start, lineEnd: line.end, cells: [b] };
  }
  finish();
  return rows;
}

/**
 * Whether a row whose line ends at `lineEnd` and one whose line starts at `lineStart` are
 * rows of one table: on the next line, or on the one after a delimiter row.
 */
export function rowsOfOneTable(text: string, lineEnd: number, lineStart: number): boolean {
  const between = text.slice(lineEnd, lineStart).split(/\r\n?|\n/, 4);
  return between.length === 2 || (between.length === 3 && isDelimiterRow(between[1]));
}

/**
 * Tables, as the spans from their first row's line start to their last row's line end:
 * rows on consecutive lines (a header row and its body, across the delimiter row).
 */
export function tableSpans(text: string, rows: readonly TableRow[]): Span[] {
  const out: Span[] = [];
  let open: { start: number; end: number } | undefined;
  for (const row of rows) {
    const line = lineAround(text, row.span.start);
    const end = lineAround(text, row.span.end).end;
    // The same table when the row is on the next line, or the one after a delimiter row.
    if (open) {
      if (rowsOfOneTable(text, open.end, line.start)) {
        open.end = end;
        continue;
      }
    }
    if (open) out.push(open);
    open = { start: line.start, end };
  }
  if (open) out.push(open);
  return out;
}
