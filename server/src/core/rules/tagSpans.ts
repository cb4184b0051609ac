import type { Directive } from '../model/types';
import type { Span } from '../text/span';
import type { ScopeModel } from '../model/types';

/** Every registered tag of the brief (claims, actors, tagged recommendations, team tags), in document order. */
export function allTags(ctx: { model: ScopeModel }): Directive[] {
  const { claims, actors, recommendations, customTags } = ctx.model;
  return [...claims.map((c) => c.directive), ...actors.map((a) => a.directive), ...recommendations.flatMap((r) => (r.directive ? [r.directive] : [])), ...customTags].sort(
    (a, b) => a.span.start - b.span.start,
  );
}

/** The opening of a tag: `:name[label]{attrs}` (for a container, its first line only). */
export function openingSpan(d: Directive): Span {
  const labelEnd = d.labelSpan.end > d.nameSpan.end ? d.labelSpan.end + 1 : d.nameSpan.end;
  const end = Math.min(d.span.end, Math.max(labelEnd, d.attributesSpan?.end ?? 0));
  return { start: d.span.start, end: Math.max(end, d.nameSpan.end) };
}

