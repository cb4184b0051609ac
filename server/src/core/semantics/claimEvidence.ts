import type { BuiltModel } from '../model/buildModel';
import type { CitationItem, Claim } from '../model/types';
import type { RelatedPlace, RuleContext, SourceDocument } from '../rules/types';
import { isReady } from '../rules/types';
import { bestPassageIn, checkFigure, checkQuote, documentsKey, locatorPages, type CitedPages, type Check } from '../sources/evidence';
import { figures, quotations, type Figure, type Passage } from '../sources/sourceText';
import { RecentCache } from '../text/recentCache';
import type { Span } from '../text/span';

/**
 * What a claim's source documents say about it, computed once per claim and analysis and
 * read by `quote-not-in-source`, `figure-not-in-source`, `page-mismatch`, the claim hover,
 * the sourcing report and `briefmark sources` (so they never disagree).
 */
export interface ClaimEvidence {
  /** The source documents the claim cites (`src` keys and citations in its sentence), in order, once each. */
  docs: SourceDocument[];
  /** Pages the claim's citations give per key (`[@k, p. 4]`). */
  cited: CitedPages;
  quotes: Array<{ quote: string; span: Span; check: Check }>;
  figures: Array<{ figure: Figure; span: Span; check: Check }>;
  /** With no quotation: the source passage sharing most words with the claim, per ready document (for a table's row, `head` is its table's first row). */
  passages: Array<{ key: string; passage: string; page?: number; head?: string }>;
  /** Whether every cited document could be read (none pending or unreadable). */
  checked: boolean;
}

/** The parts of a brief (the whole model, or one block's: rules/types.ts `ScopeModel`) a claim's evidence reads. */
type EvidenceModel = Pick<BuiltModel, 'text' | 'citations' | 'footnoteReferences' | 'links' | 'claims'>;
type Ctx = { model: EvidenceModel; sourceDocuments: RuleContext['sourceDocuments'] };

const memo = new WeakMap<Map<string, SourceDocument>, WeakMap<Claim, ClaimEvidence>>();

export function claimEvidence(ctx: Ctx, claim: Claim): ClaimEvidence {
  let byClaim = memo.get(ctx.sourceDocuments);
  if (!byClaim) memo.set(ctx.sourceDocuments, (byClaim = new WeakMap()));
  let e = byClaim.get(claim);
  if (!e) byClaim.set(claim, (e = compute(ctx, claim)));
  return e;
}

/** The source documents a claim cites (its `src` keys and the citations in its sentence), in order, once each. */
export function claimSourceDocuments(ctx: Pick<RuleContext, 'sourceDocuments'>, claim: Claim): SourceDocument[] {
  const keys = [...claim.srcKeys.map((k) => k.key), ...claim.nearbySources.flatMap((s) => (s.kind === 'citation' ? [s.key] : []))];
  const out: SourceDocument[] = [];
  for (const key of new Set(keys)) {
    const doc = ctx.sourceDocuments.get(key);
    if (doc) out.push(doc);
  }
  return out;
}

/** The claim's label as written in the document, with its offset. */
export function claimLabel(text: string, claim: Claim): { text: string; start: number } {
  const s: Span = claim.directive.labelSpan;
  return { text: text.slice(s.start, s.end), start: s.start };
}

/**
 * Evidence of claims of earlier analyses, by the documents' identities and the claim's text
 * from its tag to the end of its sentence (its label, `src` keys and nearby citations), with
 * spans relative to the tag: an edit elsewhere, or one that moves the claim, costs a lookup.
 */
const recent = new RecentCache<ClaimEvidence>(8192);

function compute(ctx: Ctx, claim: Claim): ClaimEvidence {
  const docs = claimSourceDocuments(ctx, claim);
  if (docs.length === 0) return { docs, cited: citedPages(ctx.model, claim), quotes: [], figures: [], passages: [], checked: true };
  const origin = claim.directive.span.start;
  const key = `${documentsKey(docs)}\0${ctx.model.text.slice(origin, Math.max(claim.sentenceEnd, claim.directive.span.end))}`;
  const relative = recent.get(key, () => {
    const e = computeFresh(ctx, claim, docs);
    return { ...e, quotes: e.quotes.map((q) => ({ ...q, span: shift(q.span, -origin) })), figures: e.figures.map((f) => ({ ...f, span: shift(f.span, -origin) })) };
  });
  return { ...relative, quotes: relative.quotes.map((q) => ({ ...q, span: shift(q.span, origin) })), figures: relative.figures.map((f) => ({ ...f, span: shift(f.span, origin) })) };
}

function computeFresh(ctx: Ctx, claim: Claim, docs: SourceDocument[]): ClaimEvidence {
  const cited = citedPages(ctx.model, claim);
  const label = claimLabel(ctx.model.text, claim);
  const evidence: ClaimEvidence = { docs, cited, quotes: [], figures: [], passages: [], checked: docs.every(isReady) };
  const quoted = quotations(label.text);
  for (const q of quoted) evidence.quotes.push({ quote: q.quote, span: shift(q.span, label.start), check: checkQuote(q.quote, docs, cited) });
  // The source's passage closest to the claim, per document: shown when the claim quotes
  // nothing, and where a figure found more than once is shown found.
  const found = figures(label.text, true);
  const best = new Map<string, Passage>();
  if (quoted.length === 0 || found.length) {
    const words = label.text.replace(/:[a-z]+\[|\]\{[^}]*\}|\]/g, ' ');
    for (const d of docs) {
      const b = isReady(d) ? bestPassageIn(d, words) : undefined;
      if (b) best.set(d.key, b);
    }
  }
  const near = new Map([...best].map(([key, b]) => [key, b.span]));
  // A citation, footnote mark or link in the label is not the claim's text: `[@smith2020, p. 77]` holds no figure.
  const references = found.length ? referencesIn(ctx.model, claim.directive.labelSpan) : [];
  for (const f of found) {
    // Numbers inside a quotation are the quotation's business.
    if (quoted.some((q) => f.span.start >= q.span.start && f.span.end <= q.span.end)) continue;
    const span = shift(f.span, label.start);
    if (references.some((r) => span.start >= r.start && span.start < r.end)) continue;
    evidence.figures.push({ figure: f, span, check: checkFigure(f, docs, cited, near) });
  }
  if (quoted.length === 0) for (const [key, b] of best) evidence.passages.push({ key, passage: b.passage, page: b.page, ...(b.head && { head: b.head }) });
  return evidence;
}

const shift = (s: Span, by: number): Span => ({ start: s.start + by, end: s.end + by });

const referenceSpans = new WeakMap<EvidenceModel, Span[]>();

/** The spans of citations, footnote marks and links overlapping `within` (a binary search in the model's, sorted once). */
function referencesIn(model: EvidenceModel, within: Span): Span[] {
  let spans = referenceSpans.get(model);
  if (!spans) {
    spans = [...model.citations, ...model.footnoteReferences, ...model.links].map((r) => r.span).sort((a, b) => a.start - b.start);
    referenceSpans.set(model, spans);
  }
  // References do not nest deeply: one overlapping `within` starts at most 1,000 characters before it.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < within.start - 1000) lo = mid + 1;
    else hi = mid;
  }
  const out: Span[] = [];
  for (let i = lo; i < spans.length && spans[i].start < within.end; i++) if (spans[i].end > within.start) out.push(spans[i]);
  return out;
}

const itemsByStart = new WeakMap<EvidenceModel, Map<number, CitationItem>>();

/** The pages the claim's citations give, per key (`[@k, p. 4]`, `[@k, pp. 4–6]`). */
function citedPages(model: EvidenceModel, claim: Claim): CitedPages {
  let items = itemsByStart.get(model);
  if (!items) {
    items = new Map();
    for (const c of model.citations) for (const i of c.items) items.set(i.span.start, i);
    itemsByStart.set(model, items);
  }
  const out: CitedPages = new Map();
  for (const ref of claim.nearbySources) {
    if (ref.kind !== 'citation') continue;
    const item = items.get(ref.span.start);
    const pages = item?.key === ref.key ? locatorPages(item.locator) : undefined;
    if (pages) out.set(ref.key, [...(out.get(ref.key) ?? []), ...pages]);
  }
  return out;
}

/** Each quotation (or figure) of every claim that its source documents do not hold, with the claim's evidence. */
export function* notFoundInSources<K extends 'quotes' | 'figures'>(ctx: Ctx, kind: K): Generator<{ evidence: ClaimEvidence; item: ClaimEvidence[K][number] }> {
  for (const claim of ctx.model.claims) {
    const evidence = claimEvidence(ctx, claim);
    for (const item of evidence[kind]) if (item.check.outcome === 'not-found') yield { evidence, item };
  }
}

/** The source documents a finding was checked against, as related places (the editor and SARIF link to the files). */
export function sourceDocumentPlaces(docs: SourceDocument[]): RelatedPlace[] {
  return docs.map((d) => ({ message: `source document ${d.key}`, span: { start: 0, end: 0 }, uri: d.uri }));
}

export function describeSources(docs: SourceDocument[]): string {
  return docs.map((d) => `@${d.key}`).join(', ');
}
