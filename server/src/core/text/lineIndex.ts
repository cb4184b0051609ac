/**
 * Converts between offsets and zero-based line/character positions. JavaScript strings
 * index UTF-16 code units, which is exactly what LSP characters count, so a character
 * is simply `offset - lineStart`. Line breaks are `\n`, `\r\n` and `\r`, as in LSP.
 */
import type { TextEdit } from './textEdit';
export interface Position {
  line: number;
  character: number;
}

/** Where the line holding `offset` starts (after the last LF, CR or CR LF before it; 0 on the first line). */
export function lineStartAt(text: string, offset: number): number {
  // Back to the line break before it, character by character: `lastIndexOf('\r', …)` in a
  // text with no CR searched back to the text's start, on every call (quadratic over a
  // brief's paragraphs: 1 s for 200 KB of short paragraphs).
  let i = Math.max(0, Math.min(offset, text.length));
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** Start offsets of every line (breaks: `\n`, `\r\n`, `\r`). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) starts.push(i + 1);
  }
  return starts;
}

/** The position of `offset` (clamped to `0..length`) given a text's line starts. */
export function positionIn(starts: ArrayLike<number>, length: number, offset: number): Position {
  offset = Math.max(0, Math.min(offset, length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** The first index from `from` on whose start is above `offset` (binary search). */
function firstAbove(starts: readonly number[], offset: number, from: number): number {
  let lo = from;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(
    private readonly text: string,
    starts?: number[],
  ) {
    this.starts = starts ?? lineStartsOf(text);
  }

  /**
   * The index of `text`, made from `previous` (the version before) and the one range they
   * differ in: line starts before the edit are kept, the edited lines are read again, and
   * the starts after it are moved — no pass over the whole text.
   */
  static afterEdit(previous: LineIndex, text: string, edit: TextEdit): LineIndex {
    const old = previous.starts;
    const delta = edit.newEnd - edit.oldEnd;
    // A start depends on the two characters before it (`\r\n` is one break): those up to
    // one before the edit are unchanged.
    const lo = Math.max(edit.start - 1, 0);
    const k = firstAbove(old, lo, 0);
    const fresh: number[] = [];
    const to = Math.min(text.length, edit.newEnd + 1);
    for (let i = lo; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        fresh.push(i + 1);
      } else if (c === 10 /* \n */) fresh.push(i + 1);
    }
    // The rest are the previous version's, moved (a break right at the end may have been read above).
    let j = firstAbove(old, edit.oldEnd, k);
    const last = fresh.length > 0 ? fresh[fresh.length - 1] : old[k - 1];
    while (j < old.length && old[j] + delta <= last) j++;
    // One array of its final length, filled by index (pushing 16,000 starts of a 1 MB brief
    // one by one took most of an edit's 0.6 ms here).
    const starts = new Array<number>(k + fresh.length + old.length - j);
    for (let i = 0; i < k; i++) starts[i] = old[i];
    for (let i = 0; i < fresh.length; i++) starts[k + i] = fresh[i];
    for (let i = j, o = k + fresh.length - j; i < old.length; i++) starts[i + o] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    return positionIn(this.starts, this.text.length, offset);
  }

  /** Clamps out-of-range positions; never returns an offset inside a line break. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }
}
