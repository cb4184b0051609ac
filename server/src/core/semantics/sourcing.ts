import type { BuiltModel } from '../model/buildModel';
import { briefLabels } from '../model/labels';
import type { Claim, FootnoteDefinition, SourceRef } from '../model/types';
import type { RuleContext } from '../rules/types';
import { RecentCache } from '../text/recentCache';
import { isPlaceholderText, isPlaceholderUrl } from './placeholders';

export { isPlaceholderText, isPlaceholderUrl };

/**
 * Whether each claim is sourced, computed once per analysis and read by every feature
 * that asks (the `unsourced-claim` rule, hovers, the status bar and sourcing report, the
 * code lens, the workspace index, the CLI summary), so that they never disagree.
 *
 * - **sourced**: at least one source resolves to something real — a bibliography entry, a
 *   source document, a link, a footnote whose definition holds a source;
 * - **broken**: none does, and some reference names nothing (an unknown key, a footnote
 *   without a definition) — `unknown-source` points at it;
 * - **pending**: none does, and some footnote is a placeholder: an empty definition, the
 *   text the quick fix writes (`Source to be added.`), or a `TODO`/`TBD`-only text;
 * - **missing**: no reference at all.
 */
export type SourcingStatus = 'sourced' | 'pending' | 'missing' | 'broken';

export interface ClaimSourcing {
  status: SourcingStatus;
  /** The references that resolve to a real source, in order. */
  sources: SourceRef[];
  /** Footnotes (or keys naming footnotes) whose definition is a placeholder. */
  pending: SourceRef[];
  /** References that name nothing. */
  broken: SourceRef[];
}

export interface SourcingCounts {
  claims: number;
  sourced: number;
  pending: number;
  missing: number;
  broken: number;
}

type Ctx = Pick<RuleContext, 'model' | 'bibliography' | 'sourceDocuments'>;
/** What a key resolves against besides the brief's footnotes. */
type Sources = Pick<RuleContext, 'bibliography' | 'sourceDocuments'>;
type Footnotes = ReadonlyMap<string, Pick<FootnoteDefinition, 'id' | 'text' | 'empty' | 'links'>>;

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;


/**
 * Whether a footnote is a placeholder: an empty definition, or one whose links are all
 * placeholders (`isPlaceholderUrl`) and whose text is one (`isPlaceholderText`).
 */
export function isPendingFootnote(def: Pick<FootnoteDefinition, 'text' | 'empty' | 'links'>): boolean {
  if (def.empty) return true;
  for (const url of def.links) if (url === '' || !isPlaceholderUrl(url)) return false;
  return placeholderTexts.get(def.text, isPlaceholderText);
}

/** Whether footnote texts seen lately are placeholders (every analysis asks about every footnote of the brief). */
const placeholderTexts = new RecentCache<boolean>(4096);

interface BriefSourcing {
  ctx: Ctx;
  of: Map<Claim, ClaimSourcing>;
  counts: SourcingCounts;
  footnotes: Map<string, FootnoteDefinition>;
}

const memo = new WeakMap<BuiltModel, BriefSourcing>();

/** The sourcing of every claim of the brief, computed once per model and context. */
export function briefSourcing(ctx: Ctx): BriefSourcing {
  const hit = memo.get(ctx.model);
  if (hit && hit.ctx.bibliography === ctx.bibliography && hit.ctx.sourceDocuments === ctx.sourceDocuments) return hit;
  const footnotes = new Map(ctx.model.footnoteDefinitions.map((d) => [d.id, d]));
  const of = new Map<Claim, ClaimSourcing>();
  const counts: SourcingCounts = { claims: 0, sourced: 0, pending: 0, missing: 0, broken: 0 };
  const result: BriefSourcing = { ctx, of, counts, footnotes };
  const labels = briefLabels(ctx.model);
  for (const claim of ctx.model.claims) {
    const s = classify(ctx, footnotes, claim, labels);
    of.set(claim, s);
    counts.claims++;
    counts[s.status]++;
  }
  memo.set(ctx.model, result);
  return result;
}

export function claimSourcing(ctx: Ctx, claim: Claim): ClaimSourcing {
  return briefSourcing(ctx).of.get(claim) ?? classify(ctx, new Map(ctx.model.footnoteDefinitions.map((d) => [d.id, d])), claim, briefLabels(ctx.model));
}

/** What a key (citation or `src`) names: a real source, a pending footnote, or nothing. */
export function keyStatus(ctx: Ctx, key: string, footnotes: Footnotes = briefSourcing(ctx).footnotes): 'source' | 'pending' | 'unknown' {
  return keyStatusIn(ctx, footnotes, key);
}

/** `keyStatus` against the given footnote definitions (a block rule's `ScopeFacts`). */
export function keyStatusIn(ctx: Sources, footnotes: Footnotes, key: string): 'source' | 'pending' | 'unknown' {
  if (ctx.bibliography.entries.has(key) || ctx.sourceDocuments.has(key)) return 'source';
  if (URL.test(key)) return isPlaceholderUrl(key) ? 'pending' : 'source';
  const def = footnotes.get(key.toLowerCase());
  if (!def) return 'unknown';
  return isPendingFootnote(def) ? 'pending' : 'source';
}

/**
 * Whether a claim is sourced, against the given footnote definitions and the brief's labels
 * (`briefSourcing` and block rules agree by calling this). A citation whose key names no
 * source but a label (`@fig-map`, model/labels.ts) is a cross-reference: neither a source
 * nor a broken one.
 */
export function classify(ctx: Sources, footnotes: Footnotes, claim: Claim, labels: { has(id: string): boolean }): ClaimSourcing {
  const sources: SourceRef[] = [];
  const pending: SourceRef[] = [];
  const broken: SourceRef[] = [];
  const refs: SourceRef[] = [...claim.srcKeys.map((k): SourceRef => ({ kind: 'src', key: k.key, span: k.span })), ...claim.nearbySources];
  for (const ref of refs) {
    let status: 'source' | 'pending' | 'unknown';
    if (ref.kind === 'link') status = isPlaceholderUrl(ref.url) ? 'pending' : 'source';
    else if (ref.kind === 'footnote') {
      const def = footnotes.get(ref.id);
      status = !def ? 'unknown' : isPendingFootnote(def) ? 'pending' : 'source';
    } else {
      status = keyStatusIn(ctx, footnotes, ref.key);
      if (status === 'unknown' && ref.kind === 'citation' && labels.has(ref.key)) continue;
    }
    (status === 'source' ? sources : status === 'pending' ? pending : broken).push(ref);
  }
  const status: SourcingStatus = sources.length ? 'sourced' : broken.length ? 'broken' : pending.length ? 'pending' : 'missing';
  return { status, sources, pending, broken };
}
