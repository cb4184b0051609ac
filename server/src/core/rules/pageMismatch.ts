import { claimEvidence } from '../semantics/claimEvidence';
import type { Check } from '../sources/evidence';
import { writtenFigure } from '../sources/sourceText';
import { defineBlockRule, type Finding } from './types';

const pages = (p: number[]) => (p.length === 1 ? `p. ${p[0]}` : p.length === p[p.length - 1] - p[0] + 1 ? `pp. ${p[0]}–${p[p.length - 1]}` : `pp. ${p.join(', ')}`);

/**
 * `page-mismatch`: a claim's quotation or figure is in its source document, but not on the
 * page its citation gives (`[@key, p. 4]` and it is on p. 6). Reviewers follow page
 * citations; only documents with pages (PDF) are compared.
 */
export const pageMismatch = defineBlockRule('page-mismatch', (ctx) => {
  const out: Finding[] = [];
  const report = (what: string, span: Finding['span'], c: Check) => {
    if (c.outcome !== 'found' || !c.citedPages || !c.at?.page) return;
    out.push({
      code: 'page-mismatch',
      message: `${what} is on p. ${c.at.page} of @${c.at.key}, not on ${pages(c.citedPages)} as cited.`,
      span,
      data: { key: c.at.key, foundPage: c.at.page, citedPages: c.citedPages },
    });
  };
  for (const claim of ctx.model.claims) {
    const e = claimEvidence(ctx, claim);
    for (const q of e.quotes) report(`The quotation "${q.quote.length > 60 ? q.quote.slice(0, 59) + '…' : q.quote}"`, q.span, q.check);
    for (const f of e.figures) report(`The figure "${writtenFigure(f.figure)}"`, f.span, f.check);
  }
  return out;
});
