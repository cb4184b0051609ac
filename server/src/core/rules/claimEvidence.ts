import type { Claim } from '../model/types';
import { figures, normalizeForComparison, type Figure, type NormalizedText } from '../sources/sourceText';
import type { Span } from '../text/span';
import type { RuleContext, SourceDocument } from './types';

/** A source document prepared for comparison, computed once per document object. */
export interface PreparedSource {
  doc: SourceDocument;
  normalized: NormalizedText;
  figures: Figure[];
}

const prepared = new WeakMap<SourceDocument, PreparedSource>();

export function prepare(doc: SourceDocument): PreparedSource {
  let p = prepared.get(doc);
  if (!p) {
    p = { doc, normalized: normalizeForComparison(doc.text), figures: figures(doc.text) };
    prepared.set(doc, p);
  }
  return p;
}

/** The source documents a claim cites (its `src` keys and the citations in its sentence), in order, once each. */
export function claimSourceDocuments(ctx: Pick<RuleContext, 'sourceDocuments'>, claim: Claim): PreparedSource[] {
  const keys = [...claim.srcKeys.map((k) => k.key), ...claim.nearbySources.flatMap((s) => (s.kind === 'citation' ? [s.key] : []))];
  const out: PreparedSource[] = [];
  for (const key of new Set(keys)) {
    const doc = ctx.sourceDocuments.get(key);
    if (doc) out.push(prepare(doc));
  }
  return out;
}

/** The claim's label as written in the document, with its offset. */
export function claimLabel(text: string, claim: Claim): { text: string; start: number } {
  const s: Span = claim.directive.labelSpan;
  return { text: text.slice(s.start, s.end), start: s.start };
}

export function describeSources(docs: PreparedSource[]): string {
  return docs.map((d) => `@${d.doc.key}`).join(', ');
}
