/** The words next to a match, for the readings that depend on them ("states" the noun or the verb). */

/** The word just before `at` in `text`, lower-cased (undefined at the sentence's start). */
export function wordBefore(text: string, at: number): string | undefined {
  const isWord = (i: number) => /[\p{L}\p{M}\p{N}]/u.test(text[i]);
  let end = at;
  while (end > 0 && at - end < 40 && !isWord(end - 1)) end--;
  let start = end;
  while (start > 0 && end - start < 40 && isWord(start - 1)) start--;
  return start < end ? text.slice(start, end).toLowerCase() : undefined;
}

/** The word or colon just after `at` in `text`, lower-cased. */
export function wordAfter(text: string, at: number): string | undefined {
  const m = /^\s*(:|[\p{L}\p{M}\p{N}]+)/u.exec(text.slice(at, at + 40));
  return m ? m[1].toLowerCase() : undefined;
}
