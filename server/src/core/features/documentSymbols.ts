import type { BriefModel, Claim, Recommendation } from '../model/types';
import type { Span } from '../text/span';

export type SymbolKind = 'framework' | 'track' | 'group' | 'recommendation' | 'claim';

export interface BriefSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  span: Span;
  selectionSpan: Span;
  children: BriefSymbol[];
}

/**
 * The brief's outline: Framework → Track → Group → Recommendation, in document order,
 * with the claims inside each node. Headings outside the framework are left to the
 * editor's Markdown outline (VS Code shows each provider's symbols as its own group),
 * so no heading appears twice.
 */
export function documentSymbols(model: BriefModel): BriefSymbol[] {
  if (!model.isBrief || !model.framework) return [];
  const fw = model.framework;
  const claimsIn = (s: Span, exclude: Span[] = []) =>
    model.claims.filter((c) => c.directive.span.start >= s.start && c.directive.span.start < s.end && !exclude.some((e) => c.directive.span.start >= e.start && c.directive.span.start < e.end)).map(claimSymbol);
  const recSymbol = (r: Recommendation): BriefSymbol => ({
    name: r.label || 'Recommendation',
    detail: [r.directive ? 'rec' : 'untagged', r.priority, r.actors.map((a) => a.key).join(', ')].filter(Boolean).join(' · '),
    kind: 'recommendation',
    span: r.span,
    selectionSpan: r.labelSpan.end > r.labelSpan.start ? r.labelSpan : { start: r.span.start, end: r.span.start },
    children: claimsIn(r.span),
  });
  const tracks = fw.tracks.map((t): BriefSymbol => {
    const groups = t.groups.map((g): BriefSymbol => ({
      name: g.heading.text,
      kind: 'group',
      span: g.span,
      selectionSpan: g.heading.textSpan,
      children: g.recommendations.map(recSymbol),
    }));
    const direct = t.recommendations.filter((r) => !r.group).map(recSymbol);
    const children = [...direct, ...groups].sort((a, b) => a.span.start - b.span.start);
    return { name: `Track ${t.number}: ${t.title}`, kind: 'track', span: t.span, selectionSpan: t.heading.textSpan, children };
  });
  return [{ name: fw.heading.text, detail: `${fw.tracks.length} tracks`, kind: 'framework', span: fw.span, selectionSpan: fw.heading.textSpan, children: tracks }];
}

function claimSymbol(c: Claim): BriefSymbol {
  return { name: c.label.replace(/\s+/g, ' ').trim() || 'claim', detail: `claim · ${c.status}`, kind: 'claim', span: c.directive.span, selectionSpan: c.directive.labelSpan, children: [] };
}
