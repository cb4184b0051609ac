/**
 * Sentence boundaries in a block's masked text: a `.`, `!` or `?` followed by white space
 * (or closing quotes/brackets, then white space) or the end of the block, outside
 * brackets, and not a decimal point or a common abbreviation.
 */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'prof', 'no', 'p', 'pp', 'cf', 'al', 'st', 'u.s', 'u.k', 'e.u', 'u.n', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'fig', 'ch', 'sec', 'vol', 'gen', 'sen', 'rep', 'gov', 'inc', 'ltd', 'co', 'corp', 'dept']);

export function isSentenceEnd(text: string, i: number): boolean {
  const c = text[i];
  if (c !== '.' && c !== '!' && c !== '?') return false;
  let j = i + 1;
  while (j < text.length && /["'”’)\]*_]/.test(text[j])) j++;
  if (j < text.length && !/\s/.test(text[j])) return false;
  if (c === '.') {
    if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) return false;
    let w = i;
    while (w > 0 && /[\p{L}.]/u.test(text[w - 1])) w--;
    const word = text.slice(w, i).toLowerCase();
    if (ABBREVIATIONS.has(word)) return false;
    if (/^\p{Lu}$/u.test(text.slice(w, i))) return false; // an initial: "J. Smith"
  }
  return true;
}

/** The offset (exclusive) where the sentence containing `from` ends. */
export function sentenceEnd(masked: string, from: number): number {
  let depth = 0;
  for (let i = from; i < masked.length; i++) {
    const c = masked[i];
    if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && depth > 0) depth--;
    else if (depth === 0 && isSentenceEnd(masked, i)) return i + 1;
  }
  return masked.length;
}

export interface Sentence {
  start: number;
  end: number;
}

/** Splits masked text into sentences (offsets relative to the text). */
export function splitSentences(masked: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  while (start < masked.length) {
    while (start < masked.length && /\s/.test(masked[start])) start++;
    if (start >= masked.length) break;
    const end = sentenceEnd(masked, start);
    out.push({ start, end });
    start = end;
  }
  return out;
}
