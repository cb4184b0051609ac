import { findInSource, quotations } from '../sources/sourceText';
import { claimLabel, claimSourceDocuments, describeSources } from './claimEvidence';
import type { Finding, Rule } from './types';

/**
 * `quote-not-in-source`: a quotation of three or more words in a claim that cites a source
 * document, and that appears in none of its source documents (ignoring case, typographic
 * quote and dash variants, and runs of white space).
 */
export const quoteNotInSource: Rule = {
  code: 'quote-not-in-source',
  description: 'A quotation in a claim does not appear in the source document it cites.',
  check(ctx) {
    const out: Finding[] = [];
    for (const claim of ctx.model.claims) {
      const docs = claimSourceDocuments(ctx, claim);
      if (docs.length === 0) continue;
      const label = claimLabel(ctx.model.text, claim);
      for (const q of quotations(label.text)) {
        if (docs.some((d) => findInSource(d.normalized, q.quote))) continue;
        out.push({
          code: 'quote-not-in-source',
          message: `The quotation "${q.quote.length > 80 ? q.quote.slice(0, 79) + '…' : q.quote}" does not appear in the source document of ${describeSources(docs)}: check the wording against the source.`,
          span: { start: label.start + q.span.start, end: label.start + q.span.end },
          related: docs.map((d) => ({ message: `source document ${d.doc.key}`, span: { start: 0, end: 0 }, uri: d.doc.uri })),
          data: { keys: docs.map((d) => d.doc.key) },
        });
      }
    }
    return out;
  },
};
