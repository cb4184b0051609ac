import type { BriefModel, Claim, Recommendation } from '../model/types';
import type { Span } from '../text/span';
import { outlineSections } from '../model/plainTextOutline';

export type SymbolKind = 'heading' | 'framework' | 'track' | 'group' | 'recommendation' | 'claim';

export interface BriefSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  span: Span;
  selectionSpan: Span;
  children: BriefSymbol[];
}

/**
 * The whole brief's outline, so that Briefmark's group in the Outline is the only one a
 * reader needs (docs/navigation.md): the headings, nested by level (in a brief written as
 * plain text, its heading lines: model/plainTextOutline.ts); the framework heading,
 * its tracks and groups named as such; each recommendation and claim where it is in the
 * text (a claim inside a recommendation under it). A recommendation placed in a track by
 * its `track=` attribute stays where it is written, its track in its detail.
 */
export function documentSymbols(model: BriefModel): BriefSymbol[] {
  if (!model.isBrief) return [];
  const fw = model.framework;
  const tracks = new Map((fw?.tracks ?? []).map((t) => [t.heading.span.start, t]));
  const groups = new Map((fw?.tracks ?? []).flatMap((t) => t.groups.map((g) => [g.heading.span.start, g] as const)));
  const root: BriefSymbol[] = [];
  // Sections nest by level: each opens inside the innermost open one of a lower level.
  const open: Array<{ level: number; symbol: BriefSymbol }> = [];
  const containers: BriefSymbol[] = [];
  for (const section of [...outlineSections(model)].sort((a, b) => a.span.start - b.span.start)) {
    const h = section.heading;
    const track = tracks.get(h.span.start);
    const group = groups.get(h.span.start);
    const symbol: BriefSymbol =
      fw && fw.heading.span.start === h.span.start
        ? { name: h.text, detail: `${fw.tracks.length} track${fw.tracks.length === 1 ? '' : 's'}`, kind: 'framework', span: section.span, selectionSpan: h.textSpan, children: [] }
        : track
          ? { name: `Track ${track.number}: ${track.title}`, detail: `${track.recommendations.length} recommendation${track.recommendations.length === 1 ? '' : 's'}`, kind: 'track', span: section.span, selectionSpan: h.textSpan, children: [] }
          : group
            ? { name: h.text, kind: 'group', span: section.span, selectionSpan: h.textSpan, children: [] }
            : { name: h.text, kind: 'heading', span: section.span, selectionSpan: h.textSpan, children: [] };
    while (open.length && open[open.length - 1].level >= h.level) open.pop();
    (open.length ? open[open.length - 1].symbol.children : root).push(symbol);
    open.push({ level: h.level, symbol });
    containers.push(symbol);
  }
  const recSymbols = model.recommendations.map(recSymbol).sort((a, b) => a.span.start - b.span.start);
  for (const symbol of recSymbols) (innermost(containers, symbol.span.start)?.children ?? root).push(symbol);
  for (const c of model.claims) {
    const at = c.directive.span.start;
    const host = innermost(recSymbols, at) ?? innermost(containers, at);
    (host?.children ?? root).push(claimSymbol(c));
  }
  const order = (list: BriefSymbol[]) => {
    list.sort((a, b) => a.span.start - b.span.start);
    for (const s of list) order(s.children);
  };
  order(root);
  return root;
}

/**
 * The innermost of `sorted` (by start; spans nested or apart, as sections and
 * recommendations are) whose span holds `at`: of those that start at or before it, the
 * last that has not ended.
 */
function innermost(sorted: BriefSymbol[], at: number): BriefSymbol | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].span.start <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) if (at < sorted[i].span.end) return sorted[i];
  return undefined;
}

function recSymbol(r: Recommendation): BriefSymbol {
  const placed = r.track && !(r.span.start >= r.track.span.start && r.span.start < r.track.span.end) ? `→ Track ${r.track.number}` : undefined;
  return {
    name: r.label || 'Recommendation',
    detail: [r.directive ? 'rec' : 'untagged', r.priority, r.actors.map((a) => a.key).join(', '), placed].filter(Boolean).join(' · '),
    kind: 'recommendation',
    span: r.span,
    selectionSpan: r.labelSpan.end > r.labelSpan.start ? r.labelSpan : (r.directive?.nameSpan ?? { start: r.span.start, end: r.span.start }),
    children: [],
  };
}

function claimSymbol(c: Claim): BriefSymbol {
  return { name: c.label.replace(/\s+/g, ' ').trim() || 'claim', detail: `claim · ${c.status}`, kind: 'claim', span: c.directive.span, selectionSpan: c.directive.labelSpan, children: [] };
}
