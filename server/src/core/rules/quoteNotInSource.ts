import { describeSources, notFoundInSources, sourceDocumentPlaces } from '../semantics/claimEvidence';
import { diffMarkdown, type Check } from '../sources/evidence';
import { defineBlockRule, type Finding, type SourceDocument } from './types';

const clip = (s: string, n = 80) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * `quote-not-in-source`: a quotation of three or more words in a claim that cites a source
 * document, and that its source documents do not hold: not exactly once normalised, and
 * not as one unbroken run covering 90% of it without a changed number, negation or name
 * (sources/evidence.ts). The message names the closest passage's differences; a quotation
 * whose source could not be read is unchecked, never reported. Where the closest passage
 * starts and ends with the quotation's first and last words, the source's wording of it is
 * offered as a fix (`data.replacement`).
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
      data: { keys: e.docs.map((d) => d.key), closest: q.check.at, diff: q.check.diff, ...withReplacement(q.quote, q.check, e.docs) },
    });
  }
  return out;
});

/**
 * The source's wording of the closest passage, when it starts and ends with the
 * quotation's first and last words (between them the source may add, drop or change
 * words: `still`, `not`, another number); white space as one space, the first letter's
 * case as the quotation's. None where it would hold what ends or breaks a quotation in a
 * claim (quotation marks, brackets, emphasis, a backslash).
 */
function withReplacement(quote: string, check: Check, docs: SourceDocument[]): { replacement?: string } {
  const diff = check.diff;
  const at = check.at;
  if (!diff?.length || !at || diff[0].kind !== 'same' || diff[diff.length - 1].kind !== 'same') return {};
  const doc = docs.find((d) => d.key === at.key);
  if (!doc) return {};
  let wording = doc.text.slice(at.span.start, at.span.end).replace(/\s+/g, ' ').trim();
  if (!wording || wording === quote || /["\u201c\u201d[\]`*_<>\\]/.test(wording)) return {};
  const first = quote.trimStart()[0] ?? '';
  if (first && first.toLowerCase() === wording[0].toLowerCase()) wording = first + wording.slice(1);
  return { replacement: wording };
}
