import { figureInSource, figures, quotations } from '../sources/sourceText';
import { claimLabel, claimSourceDocuments, describeSources } from './claimEvidence';
import type { Finding, Rule } from './types';

/**
 * `figure-not-in-source`: a number in a claim (with its unit: `%`, `billion`, `$`…) that
 * appears in none of the source documents the claim cites. Numbers inside a quotation are
 * left to `quote-not-in-source`; numbers in a citation, footnote mark or link (a key, a
 * locator, a URL) are not the claim's.
 */
export const figureNotInSource: Rule = {
  code: 'figure-not-in-source',
  description: 'A number in a claim (with its unit) does not appear in the source document it cites.',
  check(ctx) {
    const out: Finding[] = [];
    for (const claim of ctx.model.claims) {
      const docs = claimSourceDocuments(ctx, claim);
      if (docs.length === 0) continue;
      const label = claimLabel(ctx.model.text, claim);
      const quoted = quotations(label.text).map((q) => q.span);
      // A citation, footnote mark or link in the label is not the claim's text: `[@smith2020, p. 77]` holds no figure.
      const { labelSpan } = claim.directive;
      const inside = (s: { start: number; end: number }) => s.start < labelSpan.end && s.end > labelSpan.start;
      const references = [...ctx.model.citations.filter((c) => inside(c.span)), ...ctx.model.footnoteReferences.filter((f) => inside(f.span)), ...ctx.model.links.filter((l) => inside(l.span))].map((r) => r.span);
      for (const f of figures(label.text)) {
        if (quoted.some((q) => f.span.start >= q.start && f.span.end <= q.end)) continue;
        const at = label.start + f.span.start;
        if (references.some((r) => at >= r.start && at < r.end)) continue;
        if (docs.some((d) => figureInSource(f, d.figures))) continue;
        out.push({
          code: 'figure-not-in-source',
          message: `The figure "${f.text}" does not appear in the source document of ${describeSources(docs)}${f.canonical !== `|${f.number}||` ? ' with this unit' : ''}: check it against the source.`,
          span: { start: label.start + f.span.start, end: label.start + f.span.end },
          data: { keys: docs.map((d) => d.doc.key) },
        });
      }
    }
    return out;
  },
};
