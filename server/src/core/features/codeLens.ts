import type { Analysis } from '../analysis';
import { claimSourcing } from '../semantics/sourcing';
import type { Span } from '../text/span';

export interface BriefCodeLens {
  span: Span;
  title: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * On each track heading, what a reader of the framework wants to know at a glance: its
 * recommendations (how many are high priority, who is to act), and its claims only when it
 * has any (all sourced, or how many are not). Nothing reads "0 claims · 0 unsourced".
 */
export function trackCodeLenses(analysis: Analysis): BriefCodeLens[] {
  const { model, conventions } = analysis;
  if (!model.isBrief || !model.framework) return [];
  return model.framework.tracks.map((t) => {
    const claims = model.claims.filter((c) => c.directive.span.start >= t.span.start && c.directive.span.start < t.span.end);
    const unsourced = claims.filter((c) => claimSourcing(analysis, c).status !== 'sourced').length;
    // Recommendations placed here by their `track=` attribute count too.
    const recs = model.recommendations.filter((r) => r.track === t);
    const parts: string[] = [];
    if (recs.length === 0) parts.push('no recommendations yet');
    else {
      const high = recs.filter((r) => r.priority === 'high').length;
      parts.push(`${plural(recs.length, 'recommendation')}${high ? ` (${high} high priority)` : ''}`);
      const actors = [...new Set(recs.flatMap((r) => r.actors.map((a) => a.key)))].map((k) => conventions.actors.find((a) => a.id === k)?.name ?? k);
      if (actors.length) parts.push(`by ${actors.slice(0, 3).join(', ')}${actors.length > 3 ? ` and ${actors.length - 3} more` : ''}`);
    }
    if (claims.length) parts.push(`${plural(claims.length, 'claim')}, ${unsourced === 0 ? (claims.length === 1 ? 'sourced' : 'all sourced') : `${unsourced} unsourced`}`);
    return { span: t.heading.span, title: parts.join(' · ') };
  });
}
