import { describeSources, notFoundInSources, sourceDocumentPlaces } from '../semantics/claimEvidence';
import { diffMarkdown } from '../sources/evidence';
import { defineBlockRule, type Finding } from './types';

const clip = (s: string, n = 80) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * `quote-not-in-source`: a quotation of three or more words in a claim that cites a source
 * document, and that its source documents do not hold: not exactly once normalised, and
 * not as one unbroken run covering 90% of it without a changed number, negation or name
 * (sources/evidence.ts). The message names the closest passage's differences; a quotation
 * whose source could not be read is unchecked, never reported.
 */
export const quoteNotInSource = defineBlockRule('quote-not-in-source', (ctx) => {
  const out: Finding[] = [];
  for (const { evidence: e, item: q } of notFoundInSources(ctx, 'quotes')) {
    const where = q.check.at ? `; closest passage${q.check.at.page ? ` (p. ${q.check.at.page})` : ''}: ${clip(diffMarkdown(q.check.diff ?? []), 160)}` : '';
    const what = q.check.critical?.length ? ` (${q.check.critical.join(', ')} differs)` : '';
    out.push({
      code: 'quote-not-in-source',
      message: `The quotation "${clip(q.quote)}" does not appear in the source document of ${describeSources(e.docs)}${what}${where}. Check the wording against the source.`,
      span: q.span,
      related: sourceDocumentPlaces(e.docs),
      data: { keys: e.docs.map((d) => d.key), closest: q.check.at, diff: q.check.diff },
    });
  }
  return out;
});
