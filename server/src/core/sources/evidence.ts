import { diffArrays } from 'diff';
import { isReady, type SourceDocument } from '../rules/types';
import { RecentCache } from '../text/recentCache';
import type { Span } from '../text/span';
import { bestPassage, FigureIndex, isCardinalWord, normalizeForComparison, originalSpan, pageAt, passageAround, passageIndex, sourceFigures, type Figure, type NormalizedText, type Passage, type PassageIndex } from './sourceText';
import { pushAll } from '../text/pushAll';

/**
 * Whether a source document says what a claim quotes and counts (docs/sources.md,
 * "Matching rules"). Every quotation and figure gets one of four outcomes:
 *
 * - **found**: the quotation occurs in the source, exactly once both are normalised
 *   (sourceText.ts); the figure occurs with the same value and unit;
 * - **differs**: the quotation is not there exactly, but one unbroken run of the source
 *   covers at least 90% of it, and no number, negation (*not*, *no*, *never*…) or name is
 *   among the words that differ: accepted, with the difference shown;
 * - **not found**: neither; the closest passage, when there is one, is shown with a
 *   word-level diff (so a changed figure or a dropped *not* is visible);
 * - **unchecked**: the source could not be read (pending, unreadable, or the cited pages
 *   have no text layer), so nothing is said either way.
 */
export type Outcome = 'found' | 'differs' | 'not-found' | 'unchecked';

/** A source document prepared for comparison, computed once per document object. */
export interface PreparedSource {
  doc: SourceDocument;
  normalized: NormalizedText;
  figures: Figure[];
  /** The figures indexed, built on first use (for a claim's figures). */
  figureIndex?: FigureIndex;
  /** Words of the normalised text, built on first use (for the closest passage). */
  words?: Word[];
  index?: Map<string, number[]>;
  /** Words the document writes in lower case somewhere: a capitalised one of these at a sentence start is no name. */
  lower?: Set<string>;
  /** Sentences by content word, built on first use (for a claim's best passage). */
  passages?: PassageIndex;
}

interface Word {
  /** Normalised. */
  w: string;
  /** As written. */
  orig: string;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** Written with a capital. */
  capital: boolean;
  /** Opens a sentence or the quotation (a capital there says nothing). */
  initial: boolean;
}

/** Where a quotation or figure was found, or the closest passage to it. */
export interface Located {
  key: string;
  /** In the source document's text. */
  span: Span;
  page?: number;
  /** The source's sentence around it, for hovers. */
  passage: string;
  /** A figure written as approximate ("about £3.7 billion"), found as the source gives it ("£3,712 million"). */
  as?: string;
}

export interface DiffPart {
  /** `same`: in both; `quote`: only in the claim's quotation; `source`: only in the source. */
  kind: 'same' | 'quote' | 'source';
  text: string;
}

export interface Check {
  outcome: Outcome;
  at?: Located;
  /** For `differs` and `not-found`: the quotation against the closest passage, word by word. */
  diff?: DiffPart[];
  /** What differs that may not: `a number`, `a negation`, `a name`. */
  critical?: string[];
  /** Why it is unchecked. */
  reason?: string;
  /** Found, but not on the pages the citation gives (`p. 4`): the pages cited. */
  citedPages?: number[];
}

const prepared = new WeakMap<SourceDocument, PreparedSource>();

/**
 * Checks by quotation or figure, documents and cited pages: an edit of a brief re-checks
 * only the claims it changed, and a claim that moved is not checked again. A document
 * object stands for its content (the loader keeps the same object while its file is
 * unchanged); a new object, a new check.
 */
const checks = new RecentCache<Check>(4096);
const passages = new RecentCache<Passage | null>(4096);
const documentIds = new WeakMap<SourceDocument, number>();
let nextDocumentId = 1;

/** The documents' identities, as a string: equal while the same document objects are given. */
export function documentsKey(docs: SourceDocument[]): string {
  return docs
    .map((d) => {
      let id = documentIds.get(d);
      if (id === undefined) documentIds.set(d, (id = nextDocumentId++));
      return id;
    })
    .join(',');
}

function docsKey(docs: SourceDocument[], cited: CitedPages): string {
  return `${documentsKey(docs)}\0${[...cited].map(([k, p]) => `${k}:${p.join(',')}`).join(';')}`;
}

export function prepareSource(doc: SourceDocument): PreparedSource {
  let p = prepared.get(doc);
  if (!p) {
    p = { doc, normalized: normalizeForComparison(doc.text), figures: sourceFigures(doc.text) };
    prepared.set(doc, p);
  }
  return p;
}

/** The document's sentence sharing the most words with `text` (at least half), with its page. */
export function bestPassageIn(doc: SourceDocument, text: string): Passage | undefined {
  return passages.get(`${docsKey([doc], new Map())}\0${text}`, () => computePassage(doc, text)) ?? undefined;
}

function computePassage(doc: SourceDocument, text: string): Passage | null {
  const p = prepareSource(doc);
  p.passages ??= passageIndex(doc.text, p.normalized);
  const best = bestPassage(doc.text, p.passages, text);
  return best ? { ...best, page: pageAt(doc.pageStarts, best.span.start) } : null;
}

/**
 * The pages a locator names: `p. 4`, `pp. 4–6`, `pages 4, 7`, `4-6`, a bare `12` (a page,
 * as citeproc reads it). Undefined for other locators (`chap. 3`, `sec. 2`).
 */
export function locatorPages(locator: string | undefined): number[] | undefined {
  if (!locator) return undefined;
  // White space says nothing here: without it, the pattern has no ambiguous repetition.
  const compact = locator.replace(/\s+/g, '');
  const m = /^(?:(?:p|pp|pg|page|pages)\.?)?(\d+(?:[-–—]\d+)?(?:(?:,|and|&)\d+(?:[-–—]\d+)?)*)(?:f{1,2}\.?)?$/iu.exec(compact);
  if (!m) return undefined;
  const pages: number[] = [];
  for (const part of m[1].split(/,|and|&/)) {
    const [a, b] = part.split(/[-–—]/).map(Number);
    const last = b !== undefined && b >= a && b - a < 500 ? b : a;
    for (let p = a; p <= last; p++) pages.push(p);
  }
  return pages;
}

/** Cited pages per key: where to look first, and what a "found on another page" finding compares with. */
export type CitedPages = Map<string, number[]>;

interface Occurrence {
  source: PreparedSource;
  span: Span;
  page?: number;
}

/** The occurrence to show: one on a cited page when there is one, else one in the passage `near` gives for its document, else the first. */
function choose(occurrences: Occurrence[], cited: CitedPages, near: ReadonlyMap<string, Span> = NO_SPANS): Check {
  const isNear = (o: Occurrence) => {
    const s = near.get(o.source.doc.key);
    return !!s && o.span.start >= s.start && o.span.end <= s.end;
  };
  const onCitedPages = occurrences.filter((o) => o.page !== undefined && cited.get(o.source.doc.key)?.includes(o.page));
  const onCited = onCitedPages.find(isNear) ?? onCitedPages[0];
  const o = onCited ?? occurrences.find(isNear) ?? occurrences[0];
  const pages = cited.get(o.source.doc.key);
  const check: Check = { outcome: 'found', at: located(o) };
  // Only a document with pages can be found on "another page"; and only when the citation gave pages.
  if (!onCited && pages && o.page !== undefined && o.source.doc.pageStarts) check.citedPages = pages;
  return check;
}

function located(o: Occurrence): Located {
  return { key: o.source.doc.key, span: o.span, page: o.page, passage: passageAround(o.source.doc.text, o.span) };
}

/** Why nothing can be said: the sources that could not be read, and pages with no text. */
function uncheckedReason(unready: SourceDocument[], textless: Array<{ key: string; pages: number[] }>): string | undefined {
  const parts = [
    ...unready.map((d) => `@${d.key}: ${d.status === 'pending' ? 'still being read' : (d.reason ?? 'cannot be read')}`),
    ...textless.map((t) => `@${t.key}: ${t.pages.length === 1 ? `page ${t.pages[0]} has` : `pages ${t.pages.join(', ')} have`} no text layer`),
  ];
  return parts.length ? parts.join('; ') : undefined;
}

/** Pages with no text that could hold what was not found: the cited ones, or any when none is cited. */
function textlessSuspects(sources: PreparedSource[], cited: CitedPages): Array<{ key: string; pages: number[] }> {
  const out: Array<{ key: string; pages: number[] }> = [];
  for (const s of sources) {
    const textless = s.doc.textlessPages ?? [];
    if (!textless.length) continue;
    const pages = cited.get(s.doc.key);
    const suspects = pages ? textless.filter((p) => pages.includes(p)) : textless;
    if (suspects.length) out.push({ key: s.doc.key, pages: suspects });
  }
  return out;
}

/** The outcome for a quotation among the claim's source documents. */
export function checkQuote(quote: string, docs: SourceDocument[], cited: CitedPages = new Map()): Check {
  return checks.get(`q\0${docsKey(docs, cited)}\0${quote}`, () => computeQuote(quote, docs, cited));
}

function computeQuote(quote: string, docs: SourceDocument[], cited: CitedPages): Check {
  const sources = docs.filter(isReady).map(prepareSource);
  const unready = docs.filter((d) => !isReady(d));
  const nq = normalizeForComparison(quote);
  // An elided quotation ("a … b", "a [...] b") is looked for part by part, in order; so is
  // one with the quoter's words in square brackets ("[Ofwat] will not…", "[t]he report",
  // "cleaning up [the country's] rivers"), which stand for a few words of the source.
  const parts: Array<{ text: string; start: number; gap: number }> = [];
  // The normalised text has single spaces.
  const ELLIPSIS = / ?(?:\[\.\.\.\]|\(\.\.\.\)|\.\.\.|(\[[^\]]{1,80}\])) ?/g;
  let from = 0;
  let gap = 0;
  for (const m of [...nq.text.matchAll(ELLIPSIS), undefined]) {
    const end = m ? m.index! : nq.text.length;
    const raw = nq.text.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    if (/[\p{L}\p{N}]/u.test(raw)) {
      parts.push({ text: raw.trim(), start: from + lead, gap });
      gap = 0;
    }
    if (m) {
      from = m.index! + m[0].length;
      gap = Math.max(gap, m[1] ? BRACKETED_GAP : ELIDED_GAP);
    }
  }
  const segments = parts.map((p) => p.text);
  if (segments.length === 0) return { outcome: 'found' };
  const occurrences: Occurrence[] = [];
  for (const s of sources) pushAll(occurrences, findSegments(s, segments, parts.map((p) => p.gap)));
  if (occurrences.length) return choose(occurrences, cited);
  const reason = uncheckedReason(unready, textlessSuspects(sources, cited));
  // The closest passage, on the longest segment (an elided quotation is judged on its parts).
  const longest = parts.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const quoteWords = wordsOf(nq, quote, longest.start, longest.start + longest.text.length, (i) => i === 0 && longest.start === 0);
  let best: Closest | undefined;
  for (const s of sources) {
    const c = closest(s, quoteWords);
    if (c && (!best || c.coverage > best.coverage)) best = c;
  }
  if (best && best.coverage >= 0.9 && best.critical.length === 0 && segments.length === 1) {
    return { outcome: 'differs', at: best.at, diff: best.diff };
  }
  if (reason) return best ? { outcome: 'unchecked', reason, at: best.at, diff: best.diff } : { outcome: 'unchecked', reason };
  return best && best.coverage >= 0.4 ? { outcome: 'not-found', at: best.at, diff: best.diff, critical: best.critical } : { outcome: 'not-found' };
}

/** How many parts `findSegments` looks for in all, at most (a real quotation has a few parts and finds its place in a few tries). */
const SEGMENT_SEARCHES = 100_000;

/** How far apart the parts of an elided quotation may be found; and those around the quoter's words in brackets. */
const ELIDED_GAP = 3000;
const BRACKETED_GAP = 80;

/** Every place where all segments occur in order, each at most `gaps[i]` characters after the previous (3,000 when not given). */
function findSegments(s: PreparedSource, segments: string[], gaps: number[] = []): Occurrence[] {
  const out: Occurrence[] = [];
  const text = s.normalized.text;
  let from = 0;
  // Searches allowed: each start of the first part may try every other part, and a
  // quotation of thousands of elided parts against a source full of its first would make
  // that quadratic (16,000 parts: 1 s; 64,000: 16 s). Past the budget, what was found stands.
  let budget = SEGMENT_SEARCHES;
  // Where each part was last found. A later start finds every part at or after where an
  // earlier one did (the first place after the part before), so a part found at or after
  // `end` need not be looked for again, and a part not found at all ends the search: each
  // part's searches move forward through the text (a missing second part made each of
  // 160,000 starts read the rest of a 1 MB source).
  const last: number[] = segments.map(() => -1);
  let missing = false;
  while (out.length < 50 && budget > 0 && !missing) {
    const at = text.indexOf(segments[0], from);
    if (at < 0) break;
    from = at + 1;
    let end = at + segments[0].length;
    let ok = true;
    for (let i = 1; i < segments.length; i++) {
      const seg = segments[i];
      if (--budget < 0) {
        ok = false;
        break;
      }
      const next = last[i] >= end ? last[i] : (last[i] = text.indexOf(seg, end));
      if (next < 0) missing = true;
      if (next < 0 || next - end > (gaps[i] || ELIDED_GAP)) {
        ok = false;
        break;
      }
      end = next + seg.length;
    }
    if (!ok) continue;
    const span = originalSpan(s.normalized, at, end - at);
    out.push({ source: s, span, page: pageAt(s.doc.pageStarts, span.start) });
  }
  return out;
}

/** The outcome for a figure among the claim's source documents. */
/**
 * `near`: per document, the passage that matches the claim best (`bestPassageIn`): a figure
 * found there is the one shown (after one on a cited page), not the document's first.
 */
export function checkFigure(figure: Figure, docs: SourceDocument[], cited: CitedPages = new Map(), near: ReadonlyMap<string, Span> = NO_SPANS): Check {
  const nearKey = near.size ? [...near].map(([k, s]) => `${k}:${s.start}-${s.end}`).join(' ') : '';
  return checks.get(`f\0${docsKey(docs, cited)}\0${nearKey}\0${figure.text}\0${figure.within ?? ''}`, () => computeFigure(figure, docs, cited, near));
}
const NO_SPANS: ReadonlyMap<string, Span> = new Map();

function computeFigure(figure: Figure, docs: SourceDocument[], cited: CitedPages, near: ReadonlyMap<string, Span>): Check {
  const sources = docs.filter(isReady).map(prepareSource);
  const unready = docs.filter((d) => !isReady(d));
  const occurrences: Occurrence[] = [];
  const approximate: Occurrence[] = [];
  for (const s of sources)
    for (const f of (s.figureIndex ??= new FigureIndex(s.figures)).matching(figure)) {
      // A figure written as approximate is found as itself where the source gives it so, else as the values it stands for.
      // (So is a share the source writes in words: "33%" is found as "a third".)
      const exact = !f.fraction && (!figure.within || f.number === figure.number || Math.abs(f.value - figure.value) <= 1e-9 * Math.max(1, Math.abs(figure.value)));
      (exact ? occurrences : approximate).push({ source: s, span: f.span, page: pageAt(s.doc.pageStarts, f.span.start) });
    }
  if (occurrences.length) return choose(occurrences, cited, near);
  if (approximate.length) {
    const check = choose(approximate, cited, near);
    const at = check.at!;
    return { ...check, at: { ...at, as: docText(at.key, sources).slice(at.span.start, at.span.end) } };
  }
  const reason = uncheckedReason(unready, textlessSuspects(sources, cited));
  return reason ? { outcome: 'unchecked', reason } : { outcome: 'not-found' };
}

const docText = (key: string, sources: PreparedSource[]) => sources.find((s) => s.doc.key === key)?.doc.text ?? '';

// ---- the closest passage ---------------------------------------------------------------

const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nor', 'neither', 'nobody', 'nothing', 'nowhere', 'cannot', 'without']);
/** Number words that are not cardinals (`isCardinalWord`): halves, doubles. */
const OTHER_NUMBER_WORDS = new Set(['half', 'third', 'quarter', 'twice', 'double', 'triple']);

/**
 * Why a differing word may not differ: a number, a negation, or a name — a capitalised word
 * that does not open a sentence, or that the source never writes in lower case.
 */
function kindOf(word: Word, s: PreparedSource): string | undefined {
  const w = word.w;
  if (/\d/.test(w) || isCardinalWord(w) || OTHER_NUMBER_WORDS.has(w)) return 'a number';
  if (NEGATIONS.has(w) || w.endsWith("n't")) return 'a negation';
  if (word.capital && (!word.initial || !s.lower!.has(w))) return 'a name';
  return undefined;
}

const WORD = /[\p{L}\p{N}]+(?:['.,][\p{L}\p{N}]+)*/gu;

/**
 * The words of `n` (a normalised `original`) between `from` and `to`, each with its text as
 * written; `initial(i, at)` says whether the i-th word, written at `at` of the original,
 * opens a sentence.
 */
function wordsOf(n: NormalizedText, original: string, from: number, to: number, initial: (index: number, at: number) => boolean): Word[] {
  const out: Word[] = [];
  let i = 0;
  WORD.lastIndex = from;
  for (let m = WORD.exec(n.text); m && m.index < to; m = WORD.exec(n.text)) {
    const start = m.index;
    const end = Math.min(to, start + m[0].length);
    const at = n.offsets[start];
    const orig = original.slice(at, n.offsets[end - 1] + 1);
    out.push({ w: m[0], orig, start, end, capital: /^\p{Lu}/u.test(orig), initial: initial(i, at) });
    i++;
  }
  return out;
}

/** The source's words, with names: capitalised words that do not open a sentence. */
function sourceWords(s: PreparedSource): Word[] {
  if (s.words) return s.words;
  const original = s.doc.text;
  s.words = wordsOf(s.normalized, original, 0, s.normalized.text.length, (_, at) => {
    let j = at - 1;
    while (j >= 0 && /[\s"'“‘(]/.test(original[j])) j--;
    return j < 0 || /[.!?:]/.test(original[j]);
  });
  s.lower = new Set(s.words.filter((w) => !w.capital).map((w) => w.w));
  s.index = new Map();
  s.words.forEach((w, i) => {
    const list = s.index!.get(w.w);
    if (list) list.push(i);
    else s.index!.set(w.w, [i]);
  });
  return s.words;
}

interface Closest {
  coverage: number;
  at: Located;
  diff: DiffPart[];
  critical: string[];
}

/**
 * The source passage closest to the quotation: windows proposed by the quotation's words
 * (each word's occurrences vote for where the quotation would start), each compared word
 * by word; the one with the longest unbroken run of shared words wins.
 */
function closest(s: PreparedSource, quote: Word[]): Closest | undefined {
  if (quote.length < 2) return undefined;
  const words = sourceWords(s);
  const votes = new Map<number, number>();
  quote.forEach((q, i) => {
    const at = s.index!.get(q.w);
    if (!at || at.length > 2000) return;
    for (const p of at) votes.set(p - i, (votes.get(p - i) ?? 0) + 1);
  });
  const starts = [...votes.entries()]
    .filter(([, v]) => v >= 2)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 5)
    .map(([start]) => start);
  const total = quote.reduce((n, q) => n + q.w.length, 0);
  let best: Closest | undefined;
  for (const start of starts) {
    const from = Math.max(0, start - 2);
    const window = words.slice(from, Math.min(words.length, start + quote.length + 2));
    // At most MAX_EDITS words added or removed: Myers' diff costs the words times the edits,
    // and a long quotation far from every passage took seconds (16,000 words: 21 s).
    const diffed = diffArrays(quote, window, { comparator: (a: Word, b: Word) => a.w === b.w, maxEditLength: MAX_EDITS });
    if (!diffed) continue;
    const parts = tightened(diffed);
    const c = compare(s, parts, window, total);
    if (c && (!best || c.coverage > best.coverage)) best = c;
  }
  return best;
}

type Part = { added?: boolean; removed?: boolean; value: Word[] };

const sameWords = (a: Word[], b: Word[]) => a.length === b.length && a.every((w, i) => w.w === b[i].w);

/**
 * The alignment with the source's extra words outside the shared ones where a minimal diff
 * could put them either way: "the only thing" against "the moment, the only thing" shares
 * the second "the", not the first with "moment the" added after it (so the passage shown
 * starts where the quotation does); the same at the end.
 */
function tightened(parts: Part[]): Part[] {
  const out = parts.slice();
  const [first, second] = out;
  if (out.length >= 2 && !first.added && !first.removed && second.added && second.value.length >= first.value.length) {
    const m = first.value.length;
    const tail = second.value.slice(second.value.length - m);
    if (sameWords(tail, first.value)) out.splice(0, 2, { added: true, value: [...first.value, ...second.value.slice(0, second.value.length - m)] }, { value: tail });
  }
  const n = out.length;
  const [before, end] = [out[n - 2], out[n - 1]];
  if (n >= 2 && !end.added && !end.removed && before.added && before.value.length >= end.value.length) {
    const m = end.value.length;
    const head = before.value.slice(0, m);
    if (sameWords(head, end.value)) out.splice(n - 2, 2, { value: head }, { added: true, value: [...before.value.slice(m), ...end.value] });
  }
  return out;
}

/** The most words a closest passage may differ by (added plus removed): every quotation up to 98 words is compared whole. */
const MAX_EDITS = 200;

function compare(s: PreparedSource, parts: Part[], window: Word[], total: number): Closest | undefined {
  // The source's aligned region: from the first shared word to the last.
  let firstShared = -1;
  let lastShared = -1;
  let longest = 0;
  let k = 0; // position in the window
  for (const p of parts) {
    if (p.removed) continue;
    if (!p.added) {
      if (firstShared < 0) firstShared = k;
      lastShared = k + p.value.length - 1;
      longest = Math.max(
        longest,
        p.value.reduce((n, w) => n + w.w.length, 0),
      );
    }
    k += p.value.length;
  }
  if (firstShared < 0) return undefined;
  // The quotation's words missing before the first shared word and after the last face the
  // source's words there (`ends` against `ended`): the region takes as many of them.
  const lead = parts[0].removed ? parts[0].value.length : 0;
  const last = parts[parts.length - 1];
  const trail = last.removed ? last.value.length : parts.length > 1 && last.added && parts[parts.length - 2].removed ? parts[parts.length - 2].value.length : 0;
  firstShared = Math.max(0, firstShared - lead);
  lastShared = Math.min(window.length - 1, lastShared + trail);
  const critical = new Set<string>();
  // A negation differs when one side has more of them: "won't" for "will not" keeps it.
  let negations = 0;
  const weigh = (w: Word, side: 1 | -1) => {
    const kind = kindOf(w, s);
    if (kind === 'a negation') negations += side;
    else if (kind) critical.add(kind);
  };
  const diff: DiffPart[] = [];
  k = 0;
  for (const p of parts) {
    if (p.removed) {
      diff.push({ kind: 'quote', text: p.value.map((w) => w.orig).join(' ') });
      for (const w of p.value) weigh(w, 1);
      continue;
    }
    const inRegion = p.value.filter((_, i) => k + i >= firstShared && k + i <= lastShared);
    k += p.value.length;
    if (inRegion.length === 0) continue;
    if (p.added) {
      diff.push({ kind: 'source', text: inRegion.map((w) => w.orig).join(' ') });
      for (const w of inRegion) weigh(w, -1);
    } else diff.push({ kind: 'same', text: inRegion.map((w) => w.orig).join(' ') });
  }
  if (negations !== 0) critical.add('a negation');
  const startWord = window[firstShared];
  const endWord = window[lastShared];
  const span = originalSpan(s.normalized, startWord.start, endWord.end - startWord.start);
  return {
    coverage: longest / total,
    at: { key: s.doc.key, span, page: pageAt(s.doc.pageStarts, span.start), passage: passageAround(s.doc.text, span) },
    diff,
    critical: [...critical],
  };
}

/** A diff as one line of Markdown: `~~quote~~` for the claim's words, `**source**` for the source's. */
export function diffMarkdown(diff: DiffPart[]): string {
  return diff.map((p) => (p.kind === 'same' ? p.text : p.kind === 'quote' ? `~~${p.text}~~` : `**${p.text}**`)).join(' ');
}
