/**
 * The features the assertion classifier reads from one sentence (docs/assertions.md,
 * "Method"): hashed word unigrams and bigrams (numbers folded into their shape), the first
 * and last word, and designed features — figures, number words and vague quantities, money
 * and percentages, dates, names, past-tense verbs, attribution (and reporting verbs in
 * other senses), obligation, futurity, hedges, first and second person, questions,
 * imperatives, signposting, evaluative words, quotations.
 *
 * One linear pass over the sentence's tokens; no regular expression that can backtrack.
 * Shared by the training script (scripts/train-assertions.ts) and the server: the model is
 * only valid with the features it was trained on, which the model's fingerprint records.
 */

import { isYear } from '../text/year';

/** Hashed features live in 2^HASH_BITS buckets. */
export const HASH_BITS = 18;
const MASK = (1 << HASH_BITS) - 1;

/** The designed features, in the order of their weights in the model. */
export const DESIGNED = [
  'bias',
  'figure',
  'numberWord',
  'vagueQuantity',
  'money',
  'percent',
  'date',
  'yearOnly',
  'names',
  'pastTense',
  'reporting',
  'accordingTo',
  'reportingOtherSense',
  'obligation',
  'futurity',
  'hedge',
  'firstPerson',
  'secondPerson',
  'question',
  'imperative',
  'signpost',
  'evaluative',
  'quotation',
  'copulaPresent',
  'length',
] as const;
export type DesignedName = (typeof DESIGNED)[number];
const INDEX = Object.fromEntries(DESIGNED.map((n, i) => [n, i])) as Record<DesignedName, number>;

export interface SentenceFeatures {
  /** Bucket ids of the hashed features (word n-grams), with repeats. */
  hashed: number[];
  /** Values of the designed features, in DESIGNED order. */
  designed: Float32Array;
  /** What the designed features found, for explanations: feature → the words that fired it. */
  evidence: Partial<Record<DesignedName, string>>;
  /** The words (shapes) the n-grams are made of: a hashed bucket's word is named only when it is one of them. */
  words: string[];
}

const set = (s: string) => new Set(s.split(' '));

const NUMBER_WORDS = set(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions dozen dozens half halves halved third thirds quarter quarters double doubled doubling triple tripled tripling quadrupled twice thrice fifth fifths tenth tenths score first second',
);
/** A number word or a vague quantity ("five", "dozens", "most"): what the message calls a quantity in words. */
export const isQuantityWord = (word: string): boolean => NUMBER_WORDS.has(word) || VAGUE.has(word);

const VAGUE = set('most majority minority several many few fewer handful share proportion fraction bulk all none nearly almost roughly approximately around some numerous record highest lowest largest smallest');
const CURRENCY_WORDS = set('dollar dollars euro euros pound pounds sterling yen yuan rouble roubles ruble rubles hryvnia hryvnias usd eur gbp uah rub bn tn');
const CURRENCY_SIGNS = new Set(['$', '€', '£', '¥', '₴', '₽']);
const PERCENT_WORDS = set('percent per-cent pct percentage');
const MONTHS = set('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday yesterday today overnight weekend');
/** A month, a weekday or a word such as "yesterday": a date, which the message names as one. */
export const isDateWord = (word: string): boolean => MONTHS.has(word);
const IRREGULAR_PAST = set(
  'was were had did said met took made went came rose fell grew began became saw won lost left paid sent spent held brought struck hit cut put led told found gave knew wrote drove ran sold bought built fought fled froze kept rang sank shot shook slid sought split spread stood stole stuck swore threw understood withdrew woke wore wound',
);
export const REPORTING = set(
  'said says say stated states state told tells announced announces reported reports claimed claims declared declares warned warns wrote writes confirmed confirms emphasised emphasized emphasises emphasizes noted notes estimated estimates projected projects revealed reveals acknowledged acknowledges admitted admits denied denies accused accuses testified argued argues insisted insists indicated indicates described describes found finds concluded concludes showed shows documented recorded observed demanded demands urged urges pledged pledges vowed vows reiterated reiterates stressed stresses asserted asserts alleged alleges',
);
/** Words after which "state(s)" is the noun: "the state", "member states", "the worst affected state". */
const STATE_NOUN_AFTER = set(
  'the a an this that these those its their our his her my your each every all both many some several other most no any of in by for to member members united gulf baltic nordic island arab small large rich poor new nation sovereign federal coastal frontline fragile eu',
);
/** Words after which "state" is the verb: "we state", "to state", "must state". */
const STATE_VERB_AFTER = set('i we you they to will would must may can should shall might could also not');

/**
 * "state" or "states" as the noun, not the reporting verb ("The report states that …"):
 * after a determiner, a preposition, an adjective or an -ed word ("the affected states"),
 * in a name ("the United States", the word capitalised inside a sentence), and "state"
 * unless a subject pronoun, "to" or a modal comes before it. Followed by "that" or a colon,
 * it is the verb. `before` and `after` are the neighbouring words, lower-cased.
 */
export function stateIsNoun(word: string, before: string | undefined, after: string | undefined): boolean {
  const lower = word.toLowerCase();
  if (lower !== 'state' && lower !== 'states') return false;
  if (after === 'that' || after === ':') return false;
  if (before !== undefined && /^\p{Lu}/u.test(word)) return true;
  if (before !== undefined && (STATE_NOUN_AFTER.has(before) || /\d/.test(before) || (before.length > 4 && before.endsWith('ed')))) return true;
  return lower === 'state' && !(before !== undefined && STATE_VERB_AFTER.has(before));
}

/** "third", "fifth", "tenth" before a noun are ordinals ("a third round", "the fifth year"), not the fractions of "a third of", "cut by a fifth". */
const ordinal = (lower: string, next: string | undefined): boolean =>
  (lower === 'third' || lower === 'fifth' || lower === 'tenth') && next !== undefined && /^\p{L}/u.test(next) && !FRACTION_AFTER.has(next);
const FRACTION_AFTER = set('of more less fewer lower higher larger smaller and or in since');

/** Past auxiliaries an explanation names the participle after: "was held". */
const AUXILIARY_PAST = set('was were had');
const OBLIGATION = set('should must ought shall needs need');
const FUTURE = set('will would shall going plans plan intends intend aims aim scheduled due set expected expects forecast forecasts projected');
const HEDGE = set('may might could likely unlikely probably perhaps possibly potentially appears seems suggest suggests possible');
const FIRST = set('i we our us my me ourselves');
const SECOND = set('you your yours yourself');
export const IMPERATIVE = set(
  'clarify consider prepare pursue develop link invest establish maintain ensure create focus set expand tie support accelerate address avoid build coordinate deepen encourage engage extend help improve introduce keep launch make protect provide reduce reform refine review strengthen take use adopt agree allow close commit define design identify implement increase limit negotiate prioritise prioritize promote publish raise remove replace require restore secure share simplify stop tackle track upgrade',
);
const SIGNPOST = set('section chapter table figure annex box appendix following below above paper brief remainder part parts next turn first');
const EVALUATIVE = set(
  'critical crucial essential important significant striking fragile unrealistic ambitious welcome naive short-sighted mistake missed opportunity key vital fundamental serious weak weaker strong stronger clear unclear unfortunate realistic credible coherent lesson best worst least priority necessary difficult easy problematic promising dangerous risky wise unwise',
);
const COPULA = set('is are remains remain has have');

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bits. */
function hash(s: string): number {
  return fnv(FNV_OFFSET, s) >>> 0;
}

/** FNV-1a continued over `s` from the state `h`: `fnv(fnv(FNV_OFFSET, a), b)` is the hash of `a + b`, with no string built. */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const H_WORD = fnv(FNV_OFFSET, 'w ');
const H_BIGRAM = fnv(FNV_OFFSET, 'b ');
const H_FIRST = fnv(FNV_OFFSET, 'f ');
const H_LAST = fnv(FNV_OFFSET, 'l ');
const SPACE = 32;

/** The hash of `w1 + ' ' + w2` continued from `h`. */
function fnvPair(h: number, w1: string, w2: string): number {
  h = fnv(h, w1);
  h ^= SPACE;
  h = Math.imul(h, 0x01000193);
  return fnv(h, w2);
}

/** A token's form for the n-gram features: numbers become their shape (`<year>`, `<num>`). */
function shape(t: string): string {
  if (!/\d/.test(t)) return t;
  if (isYear(t)) return '<year>';
  return '<num>';
}

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[-.,'’][\p{L}\p{M}\p{N}]+)*|[$€£¥₴₽%?"“”«»]/gu;

/** At most this many characters of a sentence are read: a 100,000-character "sentence" is read as its first 2,000. */
export const MAX_SENTENCE = 2000;

/** Experimental switches (the training script compares them; the shipped model uses the defaults). */
export const FEATURE_OPTIONS = { charGrams: 0, trigrams: false };

/**
 * A run-in label before the sentence proper: a list marker or emphasis, then up to seven
 * capitalised words (small joining words allowed) and a colon — "Energy Security:
 * Accelerate …", "- Burden Sharing: Establish …". Briefs write recommendations and
 * findings that way; the label reads as names and hides an imperative opening, so it is
 * not read. A word in lower case ("Macron said: …") or a figure ("In 2023: …") is no label.
 */
export const RUN_IN_LABEL = /^[\s*_>+•-]*\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]*|and|or|of|on|for|the|in|to|with|a|an|&)){0,6}[*_]*:[*_]*\s+(?=\S)/u;

/**
 * A paragraph's number, as reports and government papers number theirs ("2.1 Vacancy rates
 * peaked…", "3.2.1 Councils…"): two levels or more, then a capital. Where the paragraph sits
 * in the text, not a figure of the statement; not read. ("2.5 million people…" goes on in
 * lower case and stays a figure.)
 */
export const PARAGRAPH_NUMBER = /^[\s*_>]*\d{1,2}(?:\.\d{1,3}){1,3}\.?[ \t]+(?=[\p{Lu}"“‘'(])/u;

export function sentenceFeatures(sentence: string): SentenceFeatures {
  let text = sentence.length > MAX_SENTENCE ? sentence.slice(0, MAX_SENTENCE) : sentence;
  const number = PARAGRAPH_NUMBER.exec(text);
  if (number) text = text.slice(number[0].length);
  const label = RUN_IN_LABEL.exec(text);
  if (label) text = text.slice(label[0].length);
  const reader = new FeatureReader(text.match(TOKEN) ?? []);
  const words = reader.read();
  return { hashed: hashedFeatures(words), designed: reader.designed, evidence: reader.evidence, words };
}

/** The designed features of one sentence's tokens, and the words (shapes) the n-grams are made of. */
class FeatureReader {
  readonly designed = new Float32Array(DESIGNED.length);
  readonly evidence: SentenceFeatures['evidence'] = {};
  private readonly words: string[] = [];
  private names = 0;
  private figures = 0;
  private years = 0;
  private quoteOpen = -1;

  constructor(private readonly raw: string[]) {}

  private fire(name: DesignedName, word: string, value = 1): void {
    const { designed } = this;
    designed[INDEX[name]] = Math.max(designed[INDEX[name]], value);
    // The first word that fired it, but a number word other than "one" (more often "one of the …" than a count).
    if (this.evidence[name] === undefined || (name === 'numberWord' && this.evidence[name]!.toLowerCase() === 'one')) this.evidence[name] = word;
  }

  read(): string[] {
    const { raw, words } = this;
    this.designed[INDEX.bias] = 1;
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i];
      if (this.sign(t, i)) continue;
      const lower = t.toLowerCase();
      const next = raw[i + 1]?.toLowerCase();
      if (/\d/.test(t)) this.figure(t, i, next);
      else this.word(t, lower, i, next);
      words.push(shape(lower));
    }
    this.finish();
    return words;
  }

  /** Quotation marks, a final question mark, currency and percent signs: true when `t` is one. */
  private sign(t: string, i: number): boolean {
    const { raw, words } = this;
    if (t === '"' || t === '“' || t === '”' || t === '«' || t === '»') {
      if (this.quoteOpen >= 0 && words.length - this.quoteOpen >= 3) this.fire('quotation', 'a quotation');
      this.quoteOpen = this.quoteOpen >= 0 ? -1 : words.length;
    } else if (t === '?') {
      if (i === raw.length - 1) this.fire('question', '?');
    } else if (CURRENCY_SIGNS.has(t)) {
      this.fire('money', t + (raw[i + 1] ?? ''));
      words.push('<cur>');
    } else if (t === '%') {
      this.fire('percent', `${raw[i - 1] ?? ''}%`);
      words.push('<pct>');
    } else return false;
    return true;
  }

  private figure(t: string, i: number, next: string | undefined): void {
    this.figures++;
    if (isYear(t)) this.years++;
    else this.evidence.figure ??= t;
    if (next && CURRENCY_WORDS.has(next)) this.fire('money', `${t} ${this.raw[i + 1]}`);
    if (next && (PERCENT_WORDS.has(next) || next === 'per')) this.fire('percent', `${t} ${this.raw[i + 1]}`);
  }

  private word(t: string, lower: string, i: number, next: string | undefined): void {
    if (NUMBER_WORDS.has(lower) && lower !== 'first' && lower !== 'second' && !ordinal(lower, next)) this.fire('numberWord', t);
    if (VAGUE.has(lower)) this.fire('vagueQuantity', t);
    if (MONTHS.has(lower) && !(lower === 'may' && i > 0 && !/^[A-Z]/.test(t))) this.fire('date', t);
    if (REPORTING.has(lower) && !stateIsNoun(t, i > 0 ? this.raw[i - 1].toLowerCase() : undefined, next)) this.reporting(t);
    if (lower === 'according' && next === 'to') this.fire('accordingTo', 'according to');
    if (OBLIGATION.has(lower) || (lower === 'have' && next === 'to') || (lower === 'has' && next === 'to')) this.fire('obligation', t);
    if (FUTURE.has(lower)) this.fire('futurity', t);
    if (HEDGE.has(lower)) this.fire('hedge', t);
    if (FIRST.has(lower)) this.fire('firstPerson', t);
    if (SECOND.has(lower)) this.fire('secondPerson', t);
    if (EVALUATIVE.has(lower)) this.fire('evaluative', t);
    // (A month or a weekday is a date, not a name: "on 24 November".)
    if (i > 0 && /^\p{Lu}/u.test(t) && !FIRST.has(lower) && !MONTHS.has(lower)) this.names++;
    // (A capitalised word inside the sentence is a name's: "the United Nations".)
    if ((IRREGULAR_PAST.has(lower) || (lower.length > 4 && lower.endsWith('ed'))) && !(i > 0 && /^\p{Lu}/u.test(t))) {
      this.fire('pastTense', t);
      // The word an explanation names: a later one over an -ed word that opens the sentence,
      // more often an adjective ("Prolonged conflict …", "Untagged, 40% … went …").
      if (i > 0 && /^\p{Lu}/u.test(this.evidence.pastTense ?? '') && this.evidence.pastTense === this.raw[0]) this.evidence.pastTense = t;
      // The participle over its auxiliary: "was held", "were killed", "had signed" name "held", "killed", "signed".
      else if (i > 0 && this.evidence.pastTense === this.raw[i - 1] && AUXILIARY_PAST.has(this.evidence.pastTense.toLowerCase())) this.evidence.pastTense = t;
    }
    if (COPULA.has(lower)) this.fire('copulaPresent', t);
    if (i === 0 && IMPERATIVE.has(lower)) this.fire('imperative', t);
    if (i < 3 && SIGNPOST.has(lower) && (lower !== 'first' || i === 0)) this.fire('signpost', t);
  }

  /** "all that the minister has said", "what he says": a reporting verb in another sense. */
  private reporting(t: string): void {
    const before = this.words.slice(-5);
    const otherSense = before.some((w) => w === 'whoever' || w === 'whatever' || w === 'what') || (before.includes('all') && before.includes('that'));
    this.fire(otherSense ? 'reportingOtherSense' : 'reporting', t);
  }

  /** What depends on the whole sentence: figures against years, names, length. */
  private finish(): void {
    const { designed, evidence, figures, years } = this;
    if (figures > 0 && figures > years) this.fire('figure', evidence.figure ?? 'a figure');
    if (years > 0 && figures === years) this.fire('yearOnly', 'a year');
    if (years > 0 || designed[INDEX.date]) evidence.date ??= 'a date';
    if (years > 0) designed[INDEX.date] = 1;
    if (this.names > 0) this.fire('names', 'names', Math.min(this.names, 4) / 4);
    designed[INDEX.length] = Math.min(this.words.length, 60) / 60;
  }
}

/**
 * Word unigrams, bigrams, the first and the last word, hashed as `w word`, `b word next`,
 * `f first`, `l last` (featureKey), with no string built.
 */
function hashedFeatures(words: string[]): number[] {
  const hashed: number[] = [];
  for (let i = 0; i < words.length; i++) {
    hashed.push((fnv(H_WORD, words[i]) >>> 0) & MASK);
    if (i + 1 < words.length) hashed.push((fnvPair(H_BIGRAM, words[i], words[i + 1]) >>> 0) & MASK);
  }
  if (words.length) {
    hashed.push((fnv(H_FIRST, words[0]) >>> 0) & MASK);
    hashed.push((fnv(H_LAST, words[words.length - 1]) >>> 0) & MASK);
  }
  if (FEATURE_OPTIONS.trigrams) for (let i = 0; i + 2 < words.length; i++) hashed.push(hash(`t ${words[i]} ${words[i + 1]} ${words[i + 2]}`) & MASK);
  if (FEATURE_OPTIONS.charGrams)
    for (const w of words) {
      const padded = `^${w}$`;
      for (let n = 3; n <= FEATURE_OPTIONS.charGrams; n++) for (let i = 0; i + n <= padded.length; i++) hashed.push(hash(`c ${padded.slice(i, i + n)}`) & MASK);
    }
  return hashed;
}

/** The words behind a hashed bucket cannot be recovered; the trainer keeps the top features' names for explanations. */
export function featureKey(kind: 'w' | 'b' | 'f' | 'l', words: string): number {
  return hash(`${kind} ${words}`) & MASK;
}
