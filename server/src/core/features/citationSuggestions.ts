import MiniSearch from 'minisearch';
import type { BibEntry } from '../sources/bibliography';

/**
 * Which bibliography entries a claim most likely cites, for the "Cite @key" quick fixes:
 * BM25 retrieval (MiniSearch) over each entry's title, keywords, abstract, container
 * title, authors and key, and the text of its source document when there is one. At most
 * {@link MAX_SUGGESTIONS}, and only above a relevance floor: when nothing in the
 * bibliography is about the claim, nothing is suggested (the placeholder is offered alone).
 * How the floor was chosen, and how well it works: docs/sources.md ("Citation suggestions").
 */

export const MAX_SUGGESTIONS = 3;

export interface SuggestionOptions {
  /** The relevance floor: MiniSearch's BM25 score (with the field boosts below). */
  floor: number;
  /** At least this many distinct words of the claim must match the entry. */
  minTerms: number;
}

/** Chosen on the tuning split of the evaluation set (scripts/tune-suggestions.ts; docs/sources.md). */
export const DEFAULT_SUGGESTION_OPTIONS: SuggestionOptions = { floor: 0, minTerms: 3 };

export interface CitationSuggestion {
  entry: BibEntry;
  /** MiniSearch's BM25 score. */
  score: number;
  /** The claim's words (stemmed) that matched. */
  terms: string[];
}

/** Source documents' texts by key, for entries that have one. */
export type SourceTexts = ReadonlyMap<string, { text: string }>;

interface Indexed {
  id: number;
  key: string;
  title: string;
  keywords: string;
  abstract: string;
  container: string;
  authors: string;
  document: string;
}

const FIELDS = ['title', 'keywords', 'abstract', 'container', 'authors', 'document'] as const;
const BOOST: Record<(typeof FIELDS)[number], number> = { title: 3, keywords: 2, abstract: 1, container: 0.5, authors: 1, document: 0.5 };

const cache = new WeakMap<ReadonlyMap<string, BibEntry>, { docs: SourceTexts | undefined; index: MiniSearch<Indexed>; entries: BibEntry[] }>();

function indexOf(entries: ReadonlyMap<string, BibEntry>, docs: SourceTexts | undefined) {
  const hit = cache.get(entries);
  if (hit && hit.docs === docs) return hit;
  const list = [...entries.values()];
  const index = new MiniSearch<Indexed>({ fields: [...FIELDS], storeFields: [], tokenize, processTerm });
  index.addAll(
    list.map((e, id) => ({
      id,
      key: e.key,
      title: `${e.title ?? ''} ${e.key.replace(/[-_:.]+/g, ' ')}`,
      keywords: (e.keywords ?? []).join(' '),
      abstract: e.abstract ?? '',
      container: [e.containerTitle, e.publisher].filter(Boolean).join(' '),
      authors: e.authors.join(' '),
      // A source document's first 20,000 characters: enough to know what it is about.
      document: docs?.get(e.key)?.text.slice(0, 20_000) ?? '',
    })),
  );
  const built = { docs, index, entries: list };
  cache.set(entries, built);
  return built;
}

/** The entries to suggest for `claim`, best first. */
export function suggestCitations(entries: ReadonlyMap<string, BibEntry>, claim: string, docs?: SourceTexts, options: SuggestionOptions = DEFAULT_SUGGESTION_OPTIONS): CitationSuggestion[] {
  return rankCitations(entries, claim, docs)
    .filter((s) => s.terms.length >= options.minTerms && s.score >= options.floor)
    .slice(0, MAX_SUGGESTIONS);
}

/** Every entry that shares a word with the claim, ranked by BM25 (no floor): for evaluation. */
export function rankCitations(entries: ReadonlyMap<string, BibEntry>, claim: string, docs?: SourceTexts): CitationSuggestion[] {
  if (entries.size === 0) return [];
  const { index, entries: list } = indexOf(entries, docs);
  const query = claim.slice(0, 2000);
  return index
    .search(query, { boost: BOOST, combineWith: 'OR' })
    .map((r) => ({ entry: list[r.id as number], score: r.score, terms: [...new Set(r.terms)] }))
    .sort((a, b) => b.score - a.score || a.entry.key.localeCompare(b.entry.key));
}

function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** Lower case, no stop words, a light English stemmer (plural and verb endings), numbers kept. */
function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/['’]s$/, '');
  if (t.length < 2 || STOP.has(t)) return null;
  return stem(t);
}

export function stem(w: string): string {
  if (/^\d/.test(w) || w.length <= 3) return w;
  for (const [suffix, keep] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, w.length - suffix.length) + keep;
  }
  return w;
}

const SUFFIXES: Array<[string, string]> = [
  ['ational', 'ate'],
  ['isation', 'ise'],
  ['ization', 'ise'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ments', ''],
  ['ment', ''],
  ['ities', 'ity'],
  ['ies', 'y'],
  ['ied', 'y'],
  ['ing', ''],
  ['ed', ''],
  ['es', ''],
  ['s', ''],
];

const STOP = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its more most much new no not now of on one or our out over per said say says she so some such than that the their them there these they this those through to two up us was we were what when where which while who will with would year years also about after against all among any before between both during each few many may might must only other same should since still very within without under until upon last'.split(
    ' ',
  ),
);

/** Words an organisation's initials skip: "Office for National Statistics" is ONS. */
const INITIALS_SKIP = new Set(['for', 'of', 'the', 'and', 'on', 'in', 'de', 'du', 'des', 'la', 'le', 'et', '&']);

const plain = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim();

/** The names an entry is cited by: each author's family name or literal name, and the publisher. */
function citedNames(e: BibEntry): string[] {
  const out: string[] = [];
  for (const a of Array.isArray(e.csl.author) ? (e.csl.author as unknown[]) : []) {
    if (!a || typeof a !== 'object') continue;
    const p = a as Record<string, unknown>;
    const name = typeof p.family === 'string' ? p.family : typeof p.literal === 'string' ? p.literal : undefined;
    if (name) out.push(name);
  }
  if (out.length === 0) out.push(...e.authors);
  if (e.publisher) out.push(e.publisher);
  return out;
}

/**
 * The entries a citation typed by hand names (`(ONS, 2024)`, `(Smith et al. 2020, p. 4)`):
 * the year is the entry's, and the first name is the family or literal name of one of its
 * authors, or its publisher, written out or as initials ("ONS" for "Office for National
 * Statistics"). In the bibliography's order.
 */
export function entriesCitedAs(entries: ReadonlyMap<string, BibEntry>, name: string, year: string): string[] {
  const words = plain(name).split(' ');
  // The first author's name: before "and", "&", "et al." (a family name may be several words: "van der Berg").
  const cut = words.findIndex((w) => w === 'and' || w === '&' || w === 'et');
  const lead = (cut < 0 ? words : words.slice(0, cut)).join(' ');
  const raw = name.trim().split(/\s+/)[0] ?? '';
  const acronym = /^\p{Lu}{2,}$/u.test(raw) ? raw.toLowerCase() : undefined;
  const out: string[] = [];
  for (const [key, e] of entries) {
    if (!e.year || e.year.slice(0, 4) !== year) continue;
    const named = citedNames(e).some((n) => {
      const p = plain(n);
      if (p === lead || p.split(' ').pop() === lead) return true;
      return acronym !== undefined && p.split(' ').filter((w) => w && !INITIALS_SKIP.has(w)).map((w) => w[0]).join('') === acronym;
    });
    if (named) out.push(key);
  }
  return out;
}
