import type { Span } from '../text/span';
import { trimEndMatching } from '../text/trailing';

/**
 * Comparison of a claim with the text of its source document (spec §4): case, typographic
 * quote and dash variants, and runs of white space are ignored. The normalised text keeps
 * a map back to the original offsets, so a match can be shown as the source's passage.
 */
export interface NormalizedText {
  text: string;
  /** For each character of `text`, its offset in the original. */
  offsets: number[];
}

const QUOTES: Record<string, string> = { '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '‟': '"', '″': '"', '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'" };
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;

export function normalizeForComparison(original: string): NormalizedText {
  let text = '';
  const offsets: number[] = [];
  let space = false;
  for (let i = 0; i < original.length; i++) {
    let c = original[i];
    if (/\s/.test(c) || c === '\u00a0') {
      space = true;
      continue;
    }
    if (space && text.length > 0) {
      text += ' ';
      offsets.push(i - 1);
    }
    space = false;
    c = QUOTES[c] ?? (DASHES.test(c) ? '-' : c);
    const lower = c.toLowerCase();
    // One code unit in, one out (a rare case mapping that changes length keeps the original).
    text += lower.length === c.length ? lower : c;
    offsets.push(i);
  }
  return { text, offsets };
}

/** Where `needle` (normalised the same way) occurs in the source, as a span of the original source text. */
export function findInSource(source: NormalizedText, needle: string): Span | undefined {
  const n = normalizeForComparison(needle).text.trim();
  if (!n) return undefined;
  const at = source.text.indexOf(n);
  if (at < 0) return undefined;
  return { start: source.offsets[at], end: source.offsets[at + n.length - 1] + 1 };
}

/** A quotation of three or more words, with its span inside `text` (the quotes excluded). */
export function quotations(text: string): Array<{ quote: string; span: Span }> {
  const out: Array<{ quote: string; span: Span }> = [];
  for (const m of text.matchAll(/["“„«]([^"“”„«»\n]{1,400})["”»]/gu)) {
    const words = m[1].trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length < 3) continue;
    const inner = trimEndMatching(m[1].trim(), /[.,;:!?]/);
    const start = m.index! + 1 + m[1].indexOf(inner);
    out.push({ quote: inner, span: { start, end: start + inner.length } });
  }
  return out;
}

export interface Figure {
  /** As written. */
  text: string;
  span: Span;
  /** Canonical: currency, digits, scale, percent — e.g. `$|400|billion|`, `|30||`, `|9.5||%`. */
  canonical: string;
  number: string;
}

const CURRENCY: Record<string, string> = { $: '$', usd: '$', dollar: '$', dollars: '$', '€': '€', eur: '€', euro: '€', euros: '€', '£': '£', gbp: '£', pound: '£', pounds: '£' };
const SCALES: Record<string, string> = { trillion: 'trillion', tn: 'trillion', billion: 'billion', bn: 'billion', million: 'million', mn: 'million', m: 'million', thousand: 'thousand', k: 'thousand' };
const FIGURE_RE =
  /(?:(?<cur1>US\$|USD|EUR|GBP|[$€£])\s?)?(?<![\p{L}\d.,])(?<num>\d(?:[\d,.]*\d)?)(?<plus>\+)?(?:\s?(?<scale>trillion|billion|million|thousand|bn|tn|mn|m|k)\b)?(?:\s?(?<pct>%|percent\b|per cent\b))?(?:\s(?<cur2>dollars|euros|pounds|USD|EUR|GBP)\b)?/giu;

/** Numbers with their units (`$400 billion`, `30`, `9.5%`, `€88bn`). */
export function figures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE_RE)) {
    const g = m.groups ?? {};
    const rawCur = (g.cur1 ?? g.cur2 ?? '').toLowerCase().replace('us$', '$');
    const currency = rawCur ? (CURRENCY[rawCur] ?? rawCur) : '';
    const number = g.num.replace(/,(?=\d{3}\b)/g, '').replace(/\.$/, '');
    const scale = g.scale ? (SCALES[g.scale.toLowerCase()] ?? '') : '';
    const pct = g.pct ? '%' : '';
    const written = m[0].trimEnd(); // what /\s+$/ matches (white space and line terminators), without its quadratic search
    out.push({ text: written, span: { start: m.index!, end: m.index! + written.length }, canonical: `${currency}|${number}|${scale}|${pct}`, number });
  }
  return out;
}

/** Whether the figure (with its unit) appears among the source's figures. */
export function figureInSource(figure: Figure, sourceFigures: Figure[]): boolean {
  return sourceFigures.some((s) => s.canonical === figure.canonical || (figure.canonical === `|${figure.number}||` && s.number === figure.number));
}

/** The sentence (or line) of the source around a span, for a hover. */
export function passageAround(source: string, span: Span, max = 400): string {
  let start = span.start;
  let end = span.end;
  while (start > 0 && !/[.!?\n]/.test(source[start - 1]) && span.start - start < max / 2) start--;
  while (end < source.length && !/[.!?\n]/.test(source[end]) && end - span.end < max / 2) end++;
  if (end < source.length && /[.!?]/.test(source[end])) end++;
  return source.slice(start, end).replace(/\s+/g, ' ').trim();
}

const STOP = new Set('the a an of and or to in on for with by at from as is are was were be been that this it its their his her they he she which who not no'.split(' '));

/** The source sentence sharing the most words with `text`, when it shares at least half of them. */
export function bestPassage(source: string, text: string): { passage: string; span: Span } | undefined {
  const words = (s: string) => new Set((normalizeForComparison(s).text.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w) && w.length > 1));
  const wanted = words(text);
  if (wanted.size === 0) return undefined;
  let best: { passage: string; span: Span; score: number } | undefined;
  for (const m of source.matchAll(/[^.!?\n]+[.!?]?/g)) {
    const have = words(m[0]);
    let shared = 0;
    for (const w of wanted) if (have.has(w)) shared++;
    const score = shared / wanted.size;
    if (!best || score > best.score) best = { passage: m[0].replace(/\s+/g, ' ').trim(), span: { start: m.index!, end: m.index! + m[0].length }, score };
  }
  return best && best.score >= 0.5 ? { passage: best.passage, span: best.span } : undefined;
}
