import type { Span } from '../text/span';
import { isSentenceEnd } from '../model/sentences';
import { trimEndMatching } from '../text/trailing';
import { isYear } from '../text/year';

/**
 * Comparison of a claim with the text of its source document (spec §4, docs/sources.md
 * "Matching rules"). Both sides are normalised the same way: Unicode NFKC (ligatures such
 * as ﬁ become fi, full-width forms plain), case folded, typographic quotes and dashes made
 * plain, soft hyphens and zero-width characters dropped, a hyphen inside a word dropped
 * (so `eco-⏎nomic`, split at a PDF line end, reads `economic`, and `well-known` reads
 * `wellknown` on both sides), runs of white space made one space. The normalised text keeps
 * a map back to the original offsets, so a match can be shown as the source's passage and
 * its page.
 */
export interface NormalizedText {
  text: string;
  /** For each character of `text`, its offset in the original. */
  offsets: number[];
}

const QUOTES: Record<string, string> = { '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '‟': '"', '″': '"', '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'" };
const DASH = /[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const LETTER = /\p{L}/u;

export function normalizeForComparison(original: string): NormalizedText {
  let text = '';
  const offsets: number[] = [];
  let space = false;
  const n = original.length;
  for (let i = 0; i < n; i++) {
    const code = original.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const c = width === 2 ? original.slice(i, i + 2) : original[i];
    if (SPACE.test(c)) {
      space = true;
      continue;
    }
    if (INVISIBLE.test(c)) continue;
    if (DASH.test(c) && text.length > 0 && !space && LETTER.test(text[text.length - 1])) {
      // A hyphen inside a word, or at a line end with the word going on after the break.
      let j = i + 1;
      let breaks = 0;
      while (j < n && SPACE.test(original[j])) {
        if (original[j] === '\n') breaks++;
        j++;
      }
      if (j < n && LETTER.test(original[j]) && (j === i + 1 || breaks === 1)) {
        i = j - 1;
        continue;
      }
    }
    if (space && text.length > 0) {
      text += ' ';
      offsets.push(i - 1);
    }
    space = false;
    let mapped = QUOTES[c] ?? (DASH.test(c) ? '-' : c);
    if (code > 0x7f && mapped === c) mapped = c.normalize('NFKC');
    for (const m of mapped) {
      const lower = m.toLowerCase();
      // One code unit in, one out (a rare case mapping that changes length keeps the original).
      for (const u of lower.length === m.length ? lower : m) {
        text += u;
        offsets.push(i);
      }
    }
    i += width - 1;
  }
  return { text, offsets };
}

/** The original span of `[at, at + length)` of a normalised text. */
export function originalSpan(source: NormalizedText, at: number, length: number): Span {
  return { start: source.offsets[at], end: source.offsets[at + length - 1] + 1 };
}

/** Where `needle` (normalised the same way) occurs in the source, as a span of the original source text. */
export function findInSource(source: NormalizedText, needle: string): Span | undefined {
  const n = normalizeForComparison(needle).text.trim();
  if (!n) return undefined;
  const at = source.text.indexOf(n);
  if (at < 0) return undefined;
  return originalSpan(source, at, n.length);
}

/**
 * Quotations in double quotes and guillemets; in single quotes, as British style writes
 * them (`‘…’`, `'…'`), where a quote mark between two letters is an apostrophe
 * (`the country’s`), and a straight one opens only after a space or an opening bracket
 * and closes only before one, or punctuation (not `the workers' rights`).
 */
export const QUOTATION = /["“„«]([^"“”„«»\n]{1,400})["”»]|‘((?:[^‘’\n]|’(?=\p{L})){1,400})’(?!\p{L})|(?<![\p{L}\p{N}'])'((?:[^'\n]|(?<=\p{L})'(?=\p{L})){1,400})'(?![\p{L}\p{N}])/gu;

/** What a match of `QUOTATION` quotes, without its quote marks. */
export const quotedText = (m: RegExpMatchArray): string => m[1] ?? m[2] ?? m[3];

/** A quotation of three or more words, with its span inside `text` (the quotes excluded). */
export function quotations(text: string): Array<{ quote: string; span: Span }> {
  const out: Array<{ quote: string; span: Span }> = [];
  for (const m of text.matchAll(QUOTATION)) {
    const quoted = quotedText(m);
    const words = quoted.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length < 3) continue;
    const inner = trimEndMatching(quoted.trim(), /[.,;:!?]/);
    const start = m.index! + 1 + quoted.indexOf(inner);
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
  /** The digits as written, without thousands separators (`1,200` → `1200`; a decimal comma becomes a point). */
  number: string;
  /** The value with its scale (`$300bn` → 300e9); NaN when the digits are not one number (`1.2.3`). */
  value: number;
  /** `$`, `€`, `£` or '' when none is written. */
  currency: string;
  percent: boolean;
  /** Whether a unit (currency, scale word or percent) is written. */
  hasUnit: boolean;
  /**
   * In a claim, a figure written as approximate ("about 4.3%", "nearly 4%", "more than 3
   * million"): the values it stands for (`approximateRange`). A source's figure in them is
   * the claim's.
   */
  within?: [number, number];
  /** The words that make it approximate, lower-cased ("about", "more than", "~"). */
  hedge?: string;
  /** In a source, a share written in words ("a third", "one in five"): a percentage that rounds it is it. */
  fraction?: boolean;
}

const CURRENCY: Record<string, string> = { $: '$', 'us$': '$', usd: '$', dollar: '$', dollars: '$', 'us dollars': '$', '€': '€', eur: '€', euro: '€', euros: '€', '£': '£', gbp: '£', pound: '£', pounds: '£' };
const SCALES: Record<string, [string, number]> = {
  trillion: ['trillion', 1e12],
  tn: ['trillion', 1e12],
  billion: ['billion', 1e9],
  bn: ['billion', 1e9],
  bln: ['billion', 1e9],
  million: ['million', 1e6],
  mn: ['million', 1e6],
  mln: ['million', 1e6],
  m: ['million', 1e6],
  thousand: ['thousand', 1e3],
  k: ['thousand', 1e3],
};
const FIGURE_RE =
  /(?:(?<cur1>US\$|USD|EUR|GBP|[$€£])\s?)?(?<![\p{L}\d.,])(?<num>\d(?:[\d,.]*\d)?)(?<plus>\+)?(?:\s?(?<scale>trillion|billion|million|thousand|bn|bln|tn|mn|mln|m|k)\b)?(?:\s?(?<pct>%|percent\b|per cent\b))?(?:\s(?<cur2>US dollars|dollars|euros|pounds|USD|EUR|GBP)\b)?/giu;

/**
 * The digits of a figure as one number: commas before groups of exactly three digits are
 * thousands separators (`1,200,000`); a single comma before one, two or four and more digits
 * is a decimal comma (`3,5`); a point is a decimal point. `undefined` when it is none of these.
 */
export function readNumber(digits: string): string | undefined {
  const commas = digits.split(',').length - 1;
  const points = digits.split('.').length - 1;
  if (points > 1) return undefined;
  if (commas === 0) return digits;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(digits)) return digits.replace(/,/g, '');
  if (commas === 1 && points === 0) return digits.replace(',', '.');
  return undefined;
}

/**
 * Whether the number at `at` ends a name: a capitalised word and a hyphen before it
 * (`COVID-19`, `F-35`, `MiG-29`, `S-400`), not a figure to find in a source (`mid-2024`,
 * `post-2014` are).
 */
function inName(text: string, at: number): boolean {
  if (text[at - 1] !== '-') return false;
  let w = at - 1;
  while (w > 0 && at - w < 30 && /\p{L}/u.test(text[w - 1])) w--;
  return w < at - 1 && /\p{Lu}/u.test(text[w]) && !/\p{L}/u.test(text[w - 1] ?? '');
}

/** A claim's figure as the claim writes it, with the words that make it approximate ("about £3.7 billion"). */
export const writtenFigure = (f: Figure): string => (f.hedge ? `${f.hedge}${f.hedge === '~' ? '' : ' '}${f.text}` : f.text);

/**
 * What a word before a figure makes it stand for: values around it (`about`), a little below
 * it (`nearly`), at most it (`under`), at least it (`over`), a little above it (`justOver`),
 * or anything from it up (`atLeast`: "at least", "well over").
 */
type Hedge = 'about' | 'nearly' | 'under' | 'over' | 'justOver' | 'atLeast';
const HEDGES = new Map<string, Hedge>([
  ...'about around roughly approximately approx. approx some circa c. estimated'.split(' ').map((w) => [w, 'about'] as const),
  ...['close to', 'in the region of', 'of the order of', 'an estimated'].map((w) => [w, 'about'] as const),
  ...['nearly', 'almost', 'just under', 'just below', 'not quite', 'a little under', 'slightly under', 'slightly below', 'slightly less than'].map((w) => [w, 'nearly'] as const),
  ...['under', 'below', 'up to', 'less than', 'fewer than', 'no more than', 'at most'].map((w) => [w, 'under'] as const),
  ...['over', 'above', 'more than', 'upwards of'].map((w) => [w, 'over'] as const),
  ...['just over', 'just above', 'a little over', 'slightly over', 'slightly above', 'slightly more than'].map((w) => [w, 'justOver'] as const),
  ...['at least', 'well over', 'well above', 'far more than', 'in excess of', 'well in excess of'].map((w) => [w, 'atLeast'] as const),
]);

/**
 * The hedge right before `at` in `text` ("about", "nearly", "more than", "~"): the last one
 * to four words, lower-cased, looked up in `HEDGES`, the longest first.
 */
function hedgeBefore(text: string, at: number): { kind: Hedge; written: string } | undefined {
  const before = text.slice(Math.max(0, at - 40), at);
  if (before.endsWith('~')) return { kind: 'about', written: '~' };
  const words = before.trimEnd().split(/\s+/);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const written = words.slice(words.length - n).join(' ');
    const kind = HEDGES.get(written.toLowerCase());
    if (kind) return { kind, written: written.toLowerCase() };
  }
  return undefined;
}

/**
 * The values an approximate figure stands for, from one unit of its last significant digit
 * (`4.3` → 0.1, `3 million` → 1 million, `3,000` → 1,000), never more than a share of the
 * figure itself: "about" half a unit either side, at most a tenth ("about 4.3%" is
 * 4.25–4.35%, "about 3,000" 2,700–3,300); "nearly" and "just over" a unit below or above,
 * at most a twentieth ("nearly 40%" is 38–40%, "nearly 13%" 12.35–13%); "under" and "more
 * than" a unit below or above, at most a fifth ("more than 3 million" is 3–3.6 million);
 * "at least" and "well over" anything from the figure up.
 */
export function approximateRange(number: string, value: number, hedge: Hedge): [number, number] | undefined {
  const read = Number(number);
  if (!Number.isFinite(value) || !Number.isFinite(read) || read === 0) return undefined;
  const point = number.indexOf('.');
  let zeros = 0;
  if (point < 0) while (zeros < number.length - 1 && number[number.length - 1 - zeros] === '0') zeros++;
  const unit = (point >= 0 ? 10 ** -(number.length - point - 1) : 10 ** zeros) * (value / read);
  const size = Math.abs(value);
  const eps = 1e-9 * Math.max(1, size);
  switch (hedge) {
    case 'about': {
      const half = Math.min(unit / 2, size / 10);
      return [value - half - eps, value + half + eps];
    }
    case 'nearly':
      return [value - Math.min(unit, size / 20) - eps, value + eps];
    case 'justOver':
      return [value - eps, value + Math.min(unit, size / 20) + eps];
    case 'under':
      return [value - Math.min(unit, size / 5) - eps, value + eps];
    case 'over':
      return [value - eps, value + Math.min(unit, size / 5) + eps];
    case 'atLeast':
      return [value - eps, Infinity];
  }
}

/**
 * Numbers with their units (`$400 billion`, `30`, `9.5%`, `€88bn`, `300 billion dollars`).
 * `hedged`: a claim's figures, with the values an approximate one stands for (`within`).
 */
export function figures(text: string, hedged = false): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE_RE)) {
    const g = m.groups ?? {};
    if (inName(text, m.index!)) continue;
    const rawCur = (g.cur1 ?? g.cur2 ?? '').toLowerCase();
    const currency = rawCur ? (CURRENCY[rawCur] ?? rawCur) : '';
    const digits = g.num.replace(/\.$/, '');
    const read = readNumber(digits);
    const number = read ?? digits.replace(/,(?=\d{3}\b)/g, '');
    const [scale, factor] = g.scale ? (SCALES[g.scale.toLowerCase()] ?? ['', 1]) : ['', 1];
    const percent = !!g.pct;
    const written = m[0].trimEnd(); // what /\s+$/ matches (white space and line terminators), without its quadratic search
    out.push({
      text: written,
      span: { start: m.index!, end: m.index! + written.length },
      canonical: `${currency}|${number}|${scale}|${percent ? '%' : ''}`,
      number,
      value: read === undefined ? NaN : Number(read) * factor,
      currency,
      percent,
      hasUnit: !!(currency || scale || percent),
    });
    // (Not a year: "over 2023" is a period, "under 2024 rules" a vintage.)
    const hedge = hedged && !(g.scale === undefined && !percent && !currency && isYear(digits)) ? hedgeBefore(text, m.index!) : undefined;
    const within = hedge && read !== undefined ? approximateRange(read, out[out.length - 1].value, hedge.kind) : undefined;
    if (within) Object.assign(out[out.length - 1], { within, hedge: hedge!.written });
  }
  return out;
}

const UNIT_WORDS = new Map(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ').map((w, i) => [w, i]),
);
const TEN_WORDS = new Map('twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i) => [w, 20 + 10 * i]));
const SCALE_WORDS = new Map([['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12]]);
const CURRENCY_AFTER = new Map([['dollars', '$'], ['euros', '€'], ['pounds', '£']]);

/** Whether a (lower-case) word is a cardinal number in words: "seven", "forty", "hundred", "million". */
export const isCardinalWord = (word: string): boolean => UNIT_WORDS.has(word) || TEN_WORDS.has(word) || word === 'hundred' || SCALE_WORDS.has(word);

/** Where a number in words may start: a cardinal under a hundred, or "a" ("a million"). */
const NUMBER_WORD_START = new RegExp(String.raw`\b(?:a|${[...UNIT_WORDS.keys(), ...TEN_WORDS.keys()].join('|')})\b`, 'giu');
/** The next word after exactly one space or hyphen (sticky: at the place it is asked). */
const NEXT_WORD = /([ -])(\p{L}+)/uy;

/**
 * Numbers written in words, as sources write small ones: "four percent", "three years",
 * "twenty-five", "two hundred and fifty", "a million", "two billion dollars". Cardinals
 * only (not "first", "half", "dozens"). Linear: each candidate start is read forward a few
 * words, and reading resumes after what it took.
 */
export function numberWordFigures(text: string): Figure[] {
  const out: Figure[] = [];
  /** The word right after `at` (one space or hyphen between), lower-cased, with where it ends; '' when none. */
  const next = (at: number, gaps = ' '): { word: string; end: number } => {
    NEXT_WORD.lastIndex = at;
    const m = NEXT_WORD.exec(text);
    return m && gaps.includes(m[1]) ? { word: m[2].toLowerCase(), end: at + m[0].length } : { word: '', end: at };
  };
  /** A number under 100 whose first word is `w`, ending at `end`: its value and where it ends. */
  const small = (w: string, end: number): [number, number] | undefined => {
    const unit = UNIT_WORDS.get(w);
    if (unit !== undefined) return [unit, end];
    const tens = TEN_WORDS.get(w);
    if (tens === undefined) return undefined;
    const n = next(end, ' -');
    const u = UNIT_WORDS.get(n.word);
    return u !== undefined && u > 0 && u < 10 ? [tens + u, n.end] : [tens, end];
  };
  NUMBER_WORD_START.lastIndex = 0;
  for (let m = NUMBER_WORD_START.exec(text); m; m = NUMBER_WORD_START.exec(text)) {
    const start = m.index;
    // A whole word (not inside "éone" or "Covid-nineteen"), and not a figure's scale ("3 million" is read in digits).
    if (start > 0 && /[\p{L}\p{N}-]/u.test(text[start - 1])) continue;
    const first = m[0].toLowerCase();
    let end = start + m[0].length;
    let value: number;
    if (first === 'a') {
      const n = next(end);
      if (n.word !== 'hundred' && !SCALE_WORDS.has(n.word)) continue;
      value = 1;
    } else [value, end] = small(first, end)!;
    let n = next(end);
    if (n.word === 'hundred') {
      value *= 100;
      end = n.end;
      n = next(end);
      const and = n.word === 'and' ? next(n.end) : n;
      const rest = and.word ? small(and.word, and.end) : undefined;
      if (rest && rest[0] > 0) [value, end] = [value + rest[0], rest[1]];
      n = next(end);
    }
    const number = String(value);
    let factor = 1;
    let scale = '';
    const scaleFactor = SCALE_WORDS.get(n.word);
    if (scaleFactor !== undefined) {
      [scale, factor, end] = [n.word, scaleFactor, n.end];
      n = next(end);
    }
    let percent = false;
    let currency = '';
    if (n.word === 'percent') [percent, end] = [true, n.end];
    else if (n.word === 'per' && next(n.end).word === 'cent') [percent, end] = [true, next(n.end).end];
    else if (CURRENCY_AFTER.has(n.word)) [currency, end] = [CURRENCY_AFTER.get(n.word)!, n.end];
    out.push({
      text: text.slice(start, end),
      span: { start, end },
      canonical: `${currency}|${number}|${scale}|${percent ? '%' : ''}`,
      number,
      value: value * factor,
      currency,
      percent,
      hasUnit: !!(currency || scale || percent),
    });
    NUMBER_WORD_START.lastIndex = end;
  }
  return out;
}

/** The figures a source document offers: written in digits (`figures`) and in words (`numberWordFigures`). */
export function sourceFigures(text: string): Figure[] {
  const inWords = [...numberWordFigures(text), ...fractionFigures(text)];
  return inWords.length ? [...figures(text), ...inWords] : figures(text);
}

const NUMERATORS = new Map([['a', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['nine', 9]]);
const DENOMINATORS = new Map([['half', 2], ['halves', 2], ['third', 3], ['thirds', 3], ['quarter', 4], ['quarters', 4], ['fifth', 5], ['fifths', 5], ['tenth', 10], ['tenths', 10]]);
/** "a third", "two-thirds", "one in five", "1 in 10", "half": where one may start. */
const FRACTION_START = /(?<![\p{L}\p{N}-])(?:(a|one|two|three|four|nine)[ -](half|halves|thirds?|quarters?|fifths?|tenths?)|(half)|(one|two|three|four|nine|\d{1,2}) in (two|three|four|five|six|seven|eight|nine|ten|\d{1,3}))(?![\p{L}\p{N}-])/giu;
const SMALL_WORDS = new Map([['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10]]);

/**
 * Shares a source writes in words — "half", "a third", "two-thirds", "a quarter", "one in
 * five", "1 in 10" — as the percentages they are (`fraction`: a claim's percentage that
 * rounds one is its figure: "33%" for "a third", "20%" for "one in five").
 */
export function fractionFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FRACTION_START)) {
    let share: number | undefined;
    if (m[1]) {
      const num = NUMERATORS.get(m[1].toLowerCase())!;
      const den = DENOMINATORS.get(m[2].toLowerCase())!;
      // "a half", "one-third", "two-thirds"; not "two-third" nor "a thirds".
      if ((num === 1) === !/s$/.test(m[2].toLowerCase()) && num < den) share = num / den;
    } else if (m[3]) share = 1 / 2;
    else {
      const num = SMALL_WORDS.get(m[4].toLowerCase()) ?? Number(m[4]);
      const den = SMALL_WORDS.get(m[5].toLowerCase()) ?? Number(m[5]);
      if (num > 0 && den > num) share = num / den;
    }
    if (share === undefined) continue;
    const value = Math.round(share * 1e6) / 1e4;
    out.push({ text: m[0], span: { start: m.index!, end: m.index! + m[0].length }, canonical: `|${value}||%`, number: String(value), value, currency: '', percent: true, hasUnit: true, fraction: true });
  }
  return out;
}

/**
 * Whether the claim's figure appears among the source's: the same value once scales are
 * applied (`$300bn` = `$300 billion` = `300 billion dollars` = `$300,000 million`), the
 * same percent sign or word, the same currency unless the source's figure names none. A
 * figure written with no unit matches the same digits whatever their unit.
 */
export function figureMatches(claim: Figure, source: Figure): boolean {
  if (source.fraction) return claim.percent && !claim.currency && inRange(source.value, claim.within ?? roundingOf(claim));
  const within = (f: Figure) => !!claim.within && f.value >= claim.within[0] && f.value <= claim.within[1];
  if (!claim.hasUnit) return source.number === claim.number || (!Number.isNaN(claim.value) && (source.value === claim.value || within(source)) && !source.percent);
  if (claim.percent !== source.percent) return false;
  if (claim.currency && source.currency && claim.currency !== source.currency) return false;
  if (claim.currency && !source.currency && !source.hasUnit) return false;
  if (Number.isNaN(claim.value) || Number.isNaN(source.value)) return claim.canonical === source.canonical;
  return Math.abs(claim.value - source.value) <= 1e-9 * Math.max(1, Math.abs(claim.value)) || within(source);
}

/** The values a claim's figure rounds (as "about" it stands for): a share in words is matched so. */
const roundingOf = (claim: Figure): [number, number] | undefined => approximateRange(claim.number, claim.value, 'about');
const inRange = (v: number, range: [number, number] | undefined) => !!range && v >= range[0] && v <= range[1];

/**
 * A source's figures indexed for `figureMatches`, by digits and by value: a claim's figure
 * is compared with the few that can match it, not with every figure of the source (350
 * figures of a brief against an 8 MB statistical source's 480,000 took 7.7 s). `matching`
 * gives what a scan with `figureMatches` gives, in the same order.
 */
export class FigureIndex {
  private readonly byNumber = new Map<string, number[]>();
  /** The figures that have a value, by value (then by place). */
  private readonly byValue: number[];

  constructor(readonly figures: readonly Figure[]) {
    figures.forEach((f, i) => listIn(this.byNumber, f.number).push(i));
    this.byValue = figures
      .map((_, i) => i)
      .filter((i) => !Number.isNaN(figures[i].value))
      .sort((a, b) => figures[a].value - figures[b].value || a - b);
  }

  matching(claim: Figure): Figure[] {
    const { figures } = this;
    // What figureMatches may accept: the same digits (a canonical form holds them), or a
    // value within its tolerance (none without a unit).
    const tolerance = claim.hasUnit ? 1e-9 * Math.max(1, Math.abs(claim.value)) : 0;
    if (!Number.isNaN(claim.value) && !Number.isFinite(tolerance)) return figures.filter((f) => figureMatches(claim, f));
    const candidates = new Set<number>(this.byNumber.get(claim.number));
    if (!Number.isNaN(claim.value)) {
      // (A percentage may also match a share in words that it rounds: "33%" for "a third".)
      const wide = claim.within ?? (claim.percent ? roundingOf(claim) : undefined);
      const low = wide ? Math.min(wide[0], claim.value - tolerance) : claim.value - tolerance;
      const high = wide ? Math.max(wide[1], claim.value + tolerance) : claim.value + tolerance;
      let lo = 0;
      let hi = this.byValue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (figures[this.byValue[mid]].value < low) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < this.byValue.length && figures[this.byValue[k]].value <= high; k++) candidates.add(this.byValue[k]);
    }
    return [...candidates]
      .sort((a, b) => a - b)
      .filter((i) => figureMatches(claim, figures[i]))
      .map((i) => figures[i]);
  }
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** The sentence of the source around a span (at most about `max` characters), for a hover. */
export function passageAround(source: string, span: Span, max = 400): string {
  let start = span.start;
  let end = span.end;
  while (start > 0 && !endsPassage(source, start - 1) && span.start - start < max / 2) start--;
  while (end < source.length && !endsPassage(source, end) && end - span.end < max / 2) end++;
  if (end < source.length && /[.!?]/.test(source[end])) end++;
  return source.slice(start, end).replace(/\s+/g, ' ').trim();
}

/**
 * Whether a source's passage (a sentence) ends at `i`: a sentence's final mark, as a brief's
 * sentences end (model/sentences.ts: not a decimal point, an abbreviation, an initial, or a
 * full stop a lower-case word follows), or a line break before a blank line, a page break
 * or a list item.
 * A single line break does not end one: text from a PDF or a hard-wrapped file breaks its
 * sentences over lines.
 */
function endsPassage(source: string, i: number): boolean {
  const c = source.charCodeAt(i);
  if (c === 10) {
    BREAK_BEFORE.lastIndex = i + 1;
    return BREAK_BEFORE.test(source) || isOwnLine(source, lineStart(source, i)) || isOwnLine(source, i + 1);
  }
  return (c === 46 || c === 33 || c === 63) && isSentenceEnd(source, i);
}

/** A table row or a Markdown heading (`## Findings`): a passage of its own, whatever follows it. */
const isOwnLine = (source: string, start: number): boolean => isTableRow(source, start) || isHeadingLine(source, start);

/** Whether the line from `start` is a Markdown heading: one to six `#`, then a space. */
function isHeadingLine(source: string, start: number): boolean {
  let k = start;
  while (k - start < 3 && source[k] === ' ') k++;
  let hashes = 0;
  while (source[k + hashes] === '#') hashes++;
  return hashes >= 1 && hashes <= 6 && (source[k + hashes] === ' ' || source[k + hashes] === '\t');
}

/** Where the line holding the line break at `i` starts. */
const lineStart = (source: string, i: number): number => source.lastIndexOf('\n', i - 1) + 1;

/**
 * Whether the line from `start` is a table row: cells apart (`Wales | 11.9%`, as the
 * extractor writes a PDF's or a web page's table rows) or a Markdown pipe row
 * (`| Wales | 11.9% |`). Each row is a passage of its own.
 */
function isTableRow(source: string, start: number): boolean {
  let end = source.indexOf('\n', start);
  if (end < 0) end = source.length;
  let k = start;
  while (k < end && (source[k] === ' ' || source[k] === '\t')) k++;
  if (source[k] === '|') return true;
  for (let i = k + 1; i < end - 1; i++) if (source.charCodeAt(i) === 124 /* | */ && source[i - 1] === ' ' && source[i + 1] === ' ') return true;
  return false;
}
/** After a line break: a blank line, a page break, a bullet or a numbered item, or the end. */
const BREAK_BEFORE = /[ \t]*(?:\r?\n|\f|$|(?:[-*+\u2022\u25aa]|\d{1,3}[.)])[ \t])/y;
/** A passage with no end this long is cut at its next line break (a list or table of lines with no punctuation). */
const LONG_PASSAGE = 600;

/** The source's passages (see `endsPassage`), each from its first character that is not white space. */
function passageSpans(source: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    while (start < end && /\s/.test(source[start])) start++;
    if (start < end) out.push({ start, end });
    start = end;
  };
  for (const m of source.matchAll(/[.!?\n]/g)) {
    const i = m.index!;
    if (i < start) continue;
    if (source[i] === '\n') {
      if (endsPassage(source, i) || i - start >= LONG_PASSAGE) push(i);
    } else if (endsPassage(source, i)) push(afterClosingMarks(source, i));
  }
  push(source.length);
  return out;
}

/** After a sentence's final mark at `i`: past the closing quotes and brackets that follow it. */
function afterClosingMarks(source: string, i: number): number {
  let j = i + 1;
  while (j < source.length && /["'\u201d\u2019)\]]/.test(source[j])) j++;
  return j;
}

const STOP = new Set('the a an of and or to in on for with by at from as is are was were be been that this it its their his her they he she which who not no'.split(' '));

/**
 * The content words of a normalised text (no stop words, no single characters); a number
 * with its decimals or thousands is one word (`12.9` is not `12.5`, `1,200` not `1,500`).
 */
export function contentWords(normalized: string): Set<string> {
  const out = new Set<string>();
  for (const w of normalized.match(/[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu) ?? []) if (!STOP.has(w) && w.length > 1) out.add(singular(w));
  return out;
}

/** A plural's singular, roughly, so that "bills" finds "bill" and "households" "household" ("ss", "us", "is" and short words kept). */
const singular = (w: string): string => (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w) ? w.slice(0, w.endsWith('ies') ? -3 : -1) + (w.endsWith('ies') ? 'y' : '') : w);

/**
 * A document's sentences (or lines) and, per content word, the sentences holding it: built
 * once per document so that finding a claim's best passage touches only the sentences that
 * share a word with it, not the whole document.
 */
export interface PassageIndex {
  spans: Span[];
  byWord: Map<string, number[]>;
  /** For a table's row after its first: the first row (the head), to show with it. */
  heads: Map<number, Span>;
  /** Shared words per sentence while `bestPassage` counts (all zero between calls), made on first use. */
  counts?: Uint32Array;
}

/** A table's caption: "Table 2: Arrears by nation", "Figure 4. Average bill by region". */
const TABLE_CAPTION = /^(?:table|figure|chart|exhibit|graph) ?[\dA-Z.-]{0,8} ?[:.–—-]/i;

export function passageIndex(source: string, normalized: NormalizedText): PassageIndex {
  const spans: Span[] = [];
  const byWord = new Map<string, number[]>();
  const offsets = normalized.offsets;
  // The first index of the normalised text whose original offset is at least `at`.
  const lowerBound = (at: number, from: number) => {
    let lo = from;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let n = 0;
  // A table's first row (its head), while its rows follow one another: a row is also found
  // by the words of the head's columns ("Households in arrears" for "Wales | 11.9%"), and of
  // its caption when one comes right before the table ("Table 2: Arrears by nation").
  let head: Set<string> | undefined;
  let headSpan: Span | undefined;
  const heads = new Map<number, Span>();
  let caption: Set<string> | undefined;
  let headEnd = -1;
  for (const span of passageSpans(source)) {
    const a = lowerBound(span.start, n);
    const b = lowerBound(span.end, a);
    n = b;
    const id = spans.length;
    spans.push(span);
    const words = contentWords(normalized.text.slice(a, b));
    const row = isTableRow(source, span.start);
    const gap = row && (head !== undefined || caption !== undefined) ? source.slice(headEnd, span.start) : '';
    const following = row && head !== undefined && !/\S/.test(gap) && gap.indexOf('\n') === gap.lastIndexOf('\n');
    if (!row) {
      head = undefined;
      caption = span.end - span.start <= 200 && TABLE_CAPTION.test(source.slice(span.start, span.end)) ? words : undefined;
    } else if (!following) {
      head = caption && !/\S/.test(gap) ? new Set([...words, ...caption]) : words;
      headSpan = span;
      caption = undefined;
    } else {
      for (const w of head!) words.add(w);
      heads.set(id, headSpan!);
    }
    headEnd = span.end;
    for (const w of words) {
      const list = byWord.get(w);
      if (list) list.push(id);
      else byWord.set(w, [id]);
    }
  }
  return { spans, byWord, heads };
}

/** The source sentence sharing the most words with `text` (the first of equals), when it shares at least half of them. */
/** A source's passage as shown for a claim: its text with white space runs as one space, its span, and for a table's row its table's first row. */
export interface Passage {
  passage: string;
  span: Span;
  head?: string;
  /** The 1-based page it starts on, in a document with pages. */
  page?: number;
}

export function bestPassage(source: string, index: PassageIndex, text: string): Passage | undefined {
  const wanted = contentWords(normalizeForComparison(text).text);
  if (wanted.size === 0) return undefined;
  // Counted in an array by sentence (a Map took 50 ms a claim when the words are common in a
  // 13 MB source), the sentences touched listed to find the best and clear the counts.
  const counts = (index.counts ??= new Uint32Array(index.spans.length));
  const touched: number[] = [];
  for (const w of wanted)
    for (const id of index.byWord.get(w) ?? []) {
      if (counts[id] === 0) touched.push(id);
      counts[id]++;
    }
  let best = -1;
  let score = 0;
  for (const id of touched) {
    const count = counts[id];
    counts[id] = 0;
    if (count > score || (count === score && id < best)) [best, score] = [id, count];
  }
  if (best < 0 || score / wanted.size < 0.5) return undefined;
  const span = index.spans[best];
  const head = index.heads.get(best);
  const passage = source.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return head ? { passage, span, head: source.slice(head.start, head.end).replace(/\s+/g, ' ').trim() } : { passage, span };
}

/** The 1-based page of an offset of a document whose pages start at `pageStarts` (ascending, the first 0). */
export function pageAt(pageStarts: readonly number[] | undefined, offset: number): number | undefined {
  if (!pageStarts || pageStarts.length === 0) return undefined;
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
