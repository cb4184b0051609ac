import type { Analysis } from '../analysis';
import type { Claim, Recommendation } from '../model/types';
import { outlineSections } from '../model/plainTextOutline';
import { shorten } from '../text/shorten';
import { claimEvidence } from '../semantics/claimEvidence';
import { briefSourcing, type SourcingCounts, type SourcingStatus } from '../semantics/sourcing';
import type { Span } from '../text/span';

/**
 * The sourcing report of one brief: what the status bar counts and the report view draws.
 * Pure: computed from an `Analysis`, offsets only (the protocol layer turns spans into
 * ranges). Each claim's sourcing status (sourced, pending, missing, broken) comes from
 * semantics/sourcing.ts, which `unsourced-claim` and the claim hover read too, so the
 * numbers agree with them.
 */
export interface BriefReport {
  isBrief: boolean;
  /** `total` claims, of which `sourced`; the rest `pending` (a placeholder), `missing` (no reference) or `broken` (a reference that names nothing). */
  claims: { total: number } & Omit<SourcingCounts, 'claims'>;
  /** Sections that hold claims, in document order; claims sit in their innermost section. */
  sections: ReportSection[];
  /** The framework's tracks in order, then (if any) recommendations that belong to no track. */
  tracks: ReportTrack[];
  /** Actors by mentions (tagged and untagged), most mentioned first. */
  actors: ReportActor[];
  /** Each cited key with a source document: what it is, and how many claims could be checked against it. */
  coverage: ReportCoverage[];
}

export interface ReportCoverage {
  key: string;
  /** `PDF`, `HTML`, `DOCX`, `MD`, `TXT`. */
  format: string;
  pages?: number;
  /** `read`, or why it is not: still being read, or cannot be read. */
  status: 'read' | 'pending' | 'unreadable';
  reason?: string;
  /** Claims citing it, those checked against it, those left unchecked. */
  claims: number;
  checked: number;
  unchecked: number;
  /** Quotations and figures not found in it. */
  notFound: number;
}

export interface ReportClaim {
  label: string;
  status: SourcingStatus;
  span: Span;
}

export interface ReportSection {
  title: string;
  level: number;
  /** The heading; absent for claims before the first heading. */
  span?: Span;
  sourced: number;
  /** Claims not sourced: pending, missing and broken together. */
  unsourced: number;
  pending: number;
  missing: number;
  broken: number;
  claims: ReportClaim[];
}

export interface ReportTrack {
  /** `Track 1: Diplomatic Pathway`, or `No track`. */
  title: string;
  span?: Span;
  recommendations: { label: string; span: Span; group?: string }[];
}

export interface ReportActor {
  /** The registry id, when the actor resolves to one. */
  id?: string;
  name: string;
  mentions: number;
  tagged: number;
  /** Every mention, in document order. */
  spans: Span[];
}

export function briefReport(analysis: Analysis): BriefReport {
  const { model } = analysis;
  if (!model.isBrief) return { isBrief: false, claims: { total: 0, sourced: 0, pending: 0, missing: 0, broken: 0 }, sections: [], tracks: [], actors: [], coverage: [] };
  const sourcing = briefSourcing(analysis);
  const statusOf = (c: Claim) => sourcing.of.get(c)?.status ?? 'missing';

  const sections = new Map<number, ReportSection>();
  const outline = outlineSections(model);
  for (const claim of model.claims) {
    const at = claim.directive.span.start;
    // Innermost: the last heading before the claim whose section contains it.
    let index = -1;
    outline.forEach((s, i) => {
      if (s.span.start <= at && at < s.span.end) index = i;
    });
    let section = sections.get(index);
    if (!section) {
      const s = outline[index];
      section = s
        ? { title: s.heading.text, level: s.heading.level, span: s.heading.span, ...emptyCounts(), claims: [] }
        : { title: '(before the first heading)', level: 0, ...emptyCounts(), claims: [] };
      sections.set(index, section);
    }
    const status = statusOf(claim);
    section.claims.push({ label: shorten(claim.label, 80), status, span: claim.directive.span });
    section[status]++;
    if (status !== 'sourced') section.unsourced++;
  }

  const recRow = (r: Recommendation) => ({ label: shorten(r.label, 80), span: r.directive ? r.directive.span : r.labelSpan, group: r.group?.heading.text });
  const tracks: ReportTrack[] = (model.framework?.tracks ?? []).map((t) => ({ title: `Track ${t.number}: ${t.title}`, span: t.heading.span, recommendations: [] }));
  const trackOf = new Map((model.framework?.tracks ?? []).map((t, i) => [t, tracks[i]]));
  const orphans: ReportTrack = { title: 'No track', recommendations: [] };
  for (const r of model.recommendations) (r.track && trackOf.get(r.track) ? trackOf.get(r.track)! : orphans).recommendations.push(recRow(r));
  if (orphans.recommendations.length) tracks.push(orphans);

  const registry = analysis.conventions.actors;
  const byKey = new Map<string, ReportActor>();
  const resolve = (id: string | undefined, label: string) => {
    const l = label.replace(/\s+/g, ' ').trim();
    return (id ? registry.find((a) => a.id === id) : undefined) ?? registry.find((a) => [a.name, ...(a.aliases ?? [])].some((n) => n.toLowerCase() === l.toLowerCase()));
  };
  const entry = (key: string, init: () => ReportActor) => {
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = init()));
    return e;
  };
  for (const a of model.actors) {
    const known = resolve(a.id, a.label);
    const name = known?.name ?? a.label.replace(/\s+/g, ' ').trim();
    const key = known ? `id:${known.id}` : a.id ? `id:${a.id}` : `name:${name.toLowerCase()}`;
    const e = entry(key, () => ({ id: known?.id ?? a.id, name, mentions: 0, tagged: 0, spans: [] }));
    e.mentions++;
    e.tagged++;
    e.spans.push(a.directive.span);
  }
  for (const m of model.actorMentions) {
    const known = registry.find((a) => a.id === m.actorId);
    const e = entry(`id:${m.actorId}`, () => ({ id: m.actorId, name: known?.name ?? m.actorId, mentions: 0, tagged: 0, spans: [] }));
    e.mentions++;
    e.spans.push(m.span);
  }
  const actors = [...byKey.values()];
  for (const a of actors) a.spans.sort((x, y) => x.start - y.start);
  actors.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));

  const list = [...sections.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
  const { claims: total, sourced, pending, missing, broken } = sourcing.counts;
  return { isBrief: true, claims: { total, sourced, pending, missing, broken }, sections: list, tracks, actors, coverage: coverage(analysis) };
}

/** Per cited source document: its format and pages, and the claims checked against it or not. */
function coverage(analysis: Analysis): ReportCoverage[] {
  const byKey = new Map<string, ReportCoverage>();
  for (const claim of analysis.model.claims) {
    const e = claimEvidence(analysis, claim);
    for (const d of e.docs) {
      let c = byKey.get(d.key);
      if (!c) {
        const status = d.status === 'pending' ? 'pending' : d.status === 'unreadable' ? 'unreadable' : 'read';
        const format = (d.format ?? (/\.md$/i.test(d.uri) ? 'md' : 'txt')).toUpperCase();
        byKey.set(d.key, (c = { key: d.key, format, pages: d.pageStarts?.length, status, reason: d.reason, claims: 0, checked: 0, unchecked: 0, notFound: 0 }));
      }
      c.claims++;
      const checks = [...e.quotes, ...e.figures].map((x) => x.check).filter((k) => k.at?.key === d.key || k.outcome === 'unchecked' || k.outcome === 'not-found');
      if (c.status !== 'read' || checks.some((k) => k.outcome === 'unchecked')) c.unchecked++;
      else c.checked++;
    }
    for (const x of [...e.quotes, ...e.figures]) {
      const key = x.check.at?.key ?? e.docs.find((d) => (d.status ?? 'ready') === 'ready')?.key;
      if (x.check.outcome === 'not-found' && key && byKey.has(key)) byKey.get(key)!.notFound++;
    }
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function emptyCounts(): Pick<ReportSection, 'sourced' | 'unsourced' | 'pending' | 'missing' | 'broken'> {
  return { sourced: 0, unsourced: 0, pending: 0, missing: 0, broken: 0 };
}
