import type { Analysis } from '../analysis';
import type { ActorEntry, Conventions } from '../conventions/types';
import type { ActorTag, Attribute, BriefModel } from '../model/types';
import { claimSourcing, type SourcingStatus } from '../semantics/sourcing';
import { LineStarts } from '../text/lineStarts';
import type { Span } from '../text/span';

/** A place that names an actor: a tag, an untagged mention, or a `by=` / `actor=` value. */
export interface ActorRef {
  actorId: string;
  kind: 'tag' | 'mention' | 'attribute';
  span: Span;
  /** The id text a rename of the actor rewrites (an `id=`, `by=` or `actor=` value); absent for mentions and tags resolved by name. */
  idSpan?: Span;
  /**
   * The conventions file whose entry the id resolves to (absent: the id names no entry, or
   * one of no file). Two briefs governed by different `.briefmark.yaml` files may use the
   * same id for different entries: a rename changes only the refs of the entry renamed.
   */
  entryUri?: string;
}

/** A citation key or `src` key, and where the entry it resolves to is written. */
export interface CitationRef {
  key: string;
  span: Span;
  kind: 'citation' | 'src';
  /** The `uri` of the bibliography entry it resolves to; absent when it does not resolve. */
  entryUri?: string;
}

export interface SummaryClaim {
  label: string;
  id?: string;
  span: Span;
  labelSpan: Span;
  status: SourcingStatus;
}

export interface SummaryRec {
  label: string;
  id?: string;
  span: Span;
  labelSpan: Span;
  /** `Track 1: Diplomatic Pathway`, when it belongs to a track. */
  track?: string;
}

/**
 * What the workspace index keeps of a brief: small, flat, no text and no parse tree, so a
 * workspace of many closed briefs stays cheap. Spans are offsets; `lines` converts them.
 */
export interface BriefSummary {
  uri: string;
  version?: number;
  lines: LineStarts;
  claims: SummaryClaim[];
  recs: SummaryRec[];
  actorRefs: ActorRef[];
  citations: CitationRef[];
  /** Keys of the brief's own front-matter `references:`. */
  ownKeys: string[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The actor a tag names: its `id`, else the registered actor whose name or alias is its label. */
export function resolveActorTag(tag: ActorTag, actors: ActorEntry[]): string | undefined {
  if (tag.id) return tag.id;
  const label = oneLine(tag.label).toLowerCase();
  return actors.find((a) => [a.name, ...(a.aliases ?? [])].some((n) => n.trim().toLowerCase() === label))?.id;
}

const attr = (attrs: Attribute[], name: string) => attrs.find((a) => a.name === name);

/** Every place in the model that names an actor, in document order. */
export function actorRefs(model: BriefModel, conventions: Conventions): ActorRef[] {
  const out: ActorRef[] = [];
  const entryUri = (id: string) => {
    const entry = conventions.actors.find((a) => a.id === id);
    return entry ? (entry.origin?.uri ?? conventions.uri) : undefined;
  };
  for (const tag of model.actors) {
    const id = resolveActorTag(tag, conventions.actors);
    if (!id) continue;
    const idAttr = attr(tag.directive.attributes, 'id');
    out.push({ actorId: id, kind: 'tag', span: idAttr ? idAttr.valueSpan : tag.directive.labelSpan, idSpan: idAttr?.valueSpan });
  }
  for (const m of model.actorMentions) out.push({ actorId: m.actorId, kind: 'mention', span: m.span });
  for (const claim of model.claims) {
    const by = attr(claim.directive.attributes, 'by');
    if (by && by.value.trim()) {
      const lead = by.value.length - by.value.trimStart().length;
      const span = { start: by.valueSpan.start + lead, end: by.valueSpan.start + lead + by.value.trim().length };
      out.push({ actorId: by.value.trim(), kind: 'attribute', span, idSpan: span });
    }
  }
  for (const rec of model.recommendations) for (const a of rec.actors) out.push({ actorId: a.key, kind: 'attribute', span: a.span, idSpan: a.span });
  for (const r of out) r.entryUri = entryUri(r.actorId);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Citation items and `src` keys, with the entry each resolves to. */
export function citationRefs(analysis: Analysis): CitationRef[] {
  const { model, bibliography } = analysis;
  const out: CitationRef[] = [];
  for (const c of model.citations) for (const i of c.items) out.push({ key: i.key, span: i.keySpan, kind: 'citation', entryUri: bibliography.entries.get(i.key)?.origin.uri });
  for (const claim of model.claims) for (const k of claim.srcKeys) out.push({ key: k.key, span: k.span, kind: 'src', entryUri: bibliography.entries.get(k.key)?.origin.uri });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The summary the workspace index keeps of an analysed brief (undefined for other Markdown). */
export function summarize(analysis: Analysis): BriefSummary | undefined {
  const { model } = analysis;
  if (!model.isBrief) return undefined;
  // Strings cut from the text may share its memory (V8 sliced strings): a JSON round trip
  // copies them, so a summary never keeps the whole text of a closed brief alive.
  const detached: Omit<BriefSummary, 'lines' | 'uri' | 'version'> = JSON.parse(
    JSON.stringify({
      claims: model.claims.map((c) => ({
        label: oneLine(c.label),
        id: c.id,
        span: c.directive.span,
        labelSpan: c.directive.labelSpan,
        status: claimSourcing(analysis, c).status,
      })),
      recs: model.recommendations.map((r) => ({
        label: oneLine(r.label),
        id: r.id,
        span: r.span,
        labelSpan: r.labelSpan,
        track: r.track ? `Track ${r.track.number}: ${r.track.title}` : undefined,
      })),
      actorRefs: actorRefs(model, analysis.conventions),
      citations: citationRefs(analysis),
      ownKeys: (model.frontMatter?.references ?? []).map((e) => e.key),
    }),
  );
  return { uri: model.uri, version: model.version, lines: LineStarts.of(model.text), ...detached };
}
