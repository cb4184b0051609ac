import { describeSources, notFoundInSources, sourceDocumentPlaces } from '../semantics/claimEvidence';
import { defineBlockRule, type Finding } from './types';

/**
 * `figure-not-in-source`: a number in a claim (with its unit: `%`, `billion`, `$`…) that
 * appears in none of the source documents the claim cites, once units are read
 * (`$300bn` = `$300 billion` = `300 billion dollars`; `30%` = `30 per cent`). Numbers
 * inside a quotation are left to `quote-not-in-source`; numbers in a citation, footnote
 * mark or link are not the claim's; a source that could not be read leaves it unchecked.
 */
export const figureNotInSource = defineBlockRule('figure-not-in-source', (ctx) => {
  const out: Finding[] = [];
  for (const { evidence: e, item: f } of notFoundInSources(ctx, 'figures'))
    out.push({
      code: 'figure-not-in-source',
      message: `The figure "${f.figure.text}" does not appear in the source document of ${describeSources(e.docs)}${f.figure.hasUnit ? ' with this unit' : ''}: check it against the source.`,
      span: f.span,
      related: sourceDocumentPlaces(e.docs),
      data: { keys: e.docs.map((d) => d.key) },
    });
  return out;
});
