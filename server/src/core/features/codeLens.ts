import type { Analysis } from '../analysis';
import { claimSourcing } from '../semantics/sourcing';
import type { Span } from '../text/span';

export interface BriefCodeLens {
  span: Span;
  title: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** On each track heading: its recommendations, claims and unsourced claims. */
export function trackCodeLenses(analysis: Analysis): BriefCodeLens[] {
  const { model } = analysis;
  if (!model.isBrief || !model.framework) return [];
  return model.framework.tracks.map((t) => {
    const claims = model.claims.filter((c) => c.directive.span.start >= t.span.start && c.directive.span.start < t.span.end);
    const unsourced = claims.filter((c) => claimSourcing(analysis, c).status !== 'sourced').length;
    // Recommendations placed here by their `track=` attribute count too.
    const recs = model.recommendations.filter((r) => r.track === t).length;
    return { span: t.heading.span, title: `${plural(recs, 'recommendation')} · ${plural(claims.length, 'claim')} · ${unsourced} unsourced` };
  });
}
