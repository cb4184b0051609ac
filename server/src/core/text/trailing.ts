/**
 * Trailing runs of characters, found from the end in linear time.
 *
 * `s.replace(/[…]+$/, '')` and `/[…]*$/.exec(s)` look linear but are not: a search tries
 * every start, and from each character of a long run of `[…]` that is not at the end it
 * scans to the run's end before failing (quadratic; test/unit/redos.test.ts).
 */

/**
 * Where the longest run of trailing characters that `oneChar` accepts begins (`s.length`
 * if none). `oneChar` is tested against one UTF-16 code unit at a time, like a character
 * class in a regular expression without the `u` flag; it must not be global or sticky.
 */
export function trailingRunStart(s: string, oneChar: RegExp): number {
  let start = s.length;
  while (start > 0 && oneChar.test(s[start - 1])) start--;
  return start;
}

/** `s` without its trailing characters that `oneChar` accepts: `s.replace(/[…]+$/, '')`. */
export function trimEndMatching(s: string, oneChar: RegExp): string {
  return s.slice(0, trailingRunStart(s, oneChar));
}
