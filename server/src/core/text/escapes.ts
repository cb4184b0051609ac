/**
 * Markdown's backslash escapes (`\.`, `\*`, `\#`: a backslash before ASCII punctuation,
 * CommonMark §2.4) read as the characters they escape, as a reader sees them: word
 * processors' Markdown exports escape full stops after numbers ("Figure 1\. Bills",
 * "2\.1 million"), and the assertion check reads the words, not the escapes.
 */
export interface Unescaped {
  text: string;
  /** Offsets in `text` at which a backslash was removed, ascending (one entry per backslash). */
  removed: number[];
}

const ESCAPE = /\\([!-/:-@[-`{-~])/g;

export function unescapeMarkdown(text: string): Unescaped {
  if (!text.includes('\\')) return { text, removed: NONE };
  const removed: number[] = [];
  const out = text.replace(ESCAPE, (_m, c: string, at: number) => {
    removed.push(at - removed.length);
    return c;
  });
  return { text: out, removed };
}
const NONE: number[] = [];

/** An offset in the unescaped text as an offset in the text it was read from (an end offset stays before a backslash removed there). */
export function escapedOffset(u: Unescaped, offset: number, end = false): number {
  // The number of backslashes removed before the character at `offset` (at it too, for a start): binary search.
  const { removed } = u;
  let lo = 0;
  let hi = removed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (end ? removed[mid] < offset : removed[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return offset + lo;
}
