/** Container markers as micromark reads them at the start of a line (used by the guards). */

const isSpace = (c: number): boolean => c === 32 || c === 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The width of a container marker at `at` (`>`, a list marker, `[^label]:`), or 0. */
export function markerAt(source: string, at: number, eol: number): number {
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

