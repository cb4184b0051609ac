import { SpanIndex } from '../text/spanIndex';
import { claimSources } from './sourceKeys';
import type { Finding, Rule } from './types';

/**
 * `unsourced-claim`: a claim with no source. A claim whose only references fail to
 * resolve is left to `unknown-source`, which points at the broken key instead.
 */
export const unsourcedClaim: Rule = {
  code: 'unsourced-claim',
  description: 'A claim has no source: no known `src` key and no citation, footnote or link in its sentence.',
  check(ctx) {
    const out: Finding[] = [];
    const footnoteCalls = new SpanIndex(ctx.model.footnoteReferences.map((f) => ({ start: f.span.start, end: f.span.start + 1 })));
    for (const claim of ctx.model.claims) {
      if (claimSources(ctx, claim).length > 0) continue;
      const citedUnknown = claim.srcKeys.length > 0 || claim.nearbySources.some((s) => s.kind === 'citation');
      if (citedUnknown) continue;
      // A footnote call in its sentence whose definition is missing (unknown-source's business).
      const unparsedFootnote = footnoteCalls.overlaps(claim.directive.labelSpan.start, claim.sentenceEnd);
      if (unparsedFootnote) continue;
      const d = claim.directive;
      out.push({
        code: 'unsourced-claim',
        message: claim.label.trim()
          ? `Claim "${shorten(claim.label)}" has no source: add a citation such as [@key], a footnote, a link, or a src attribute.`
          : 'This claim tag has no text and no source: write the claim inside brackets, :claim[…], and cite its source.',
        span: d.span,
        data: { claimStart: d.span.start },
      });
    }
    return out;
  },
};

export function shorten(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
