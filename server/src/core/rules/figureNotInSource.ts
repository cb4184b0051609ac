import { describeSources, notFoundInSources, sourceDocumentPlaces } from '../semantics/claimEvidence';
import { figures, type Figure } from '../sources/sourceText';
import { shorten } from '../text/shorten';
import { defineBlockRule, type Finding } from './types';

/**
 * `figure-not-in-source`: a number in a claim (with its unit: `%`, `billion`, `$`…) that
 * appears in none of the source documents the claim cites, once units are read
 * (`$300bn` = `$300 billion` = `300 billion dollars`; `30%` = `30 per cent`). Numbers
 * inside a quotation are left to `quote-not-in-source`; numbers in a citation, footnote
 * mark or link are not the claim's; a source that could not be read leaves it unchecked.
 * The message quotes the source's sentence closest to the claim and, where that sentence
 * holds exactly one figure of the same kind (currency, scale, percent), names it: the
 * quick fix offers it in place of the claim's (`data.replacement`).
 */
export const figureNotInSource = defineBlockRule('figure-not-in-source', (ctx) => {
  const out: Finding[] = [];
  for (const { evidence: e, item: f } of notFoundInSources(ctx, 'figures')) {
    const closest = e.passages[0];
    const other = closest && f.figure.hasUnit ? sameKindIn(closest.passage, f.figure) : undefined;
    const page = closest?.page ? ` (p. ${closest.page})` : '';
    const where = !closest ? '' : other ? ` The closest passage${page} gives ${other.text}: "${shorten(closest.passage, 160)}"` : ` Closest passage${page}: "${shorten(closest.passage, 160)}"`;
    out.push({
      code: 'figure-not-in-source',
      message: `The figure "${f.figure.text}" does not appear in the source document of ${describeSources(e.docs)}${f.figure.hasUnit ? ' with this unit' : ''}: check it against the source.${where}`,
      span: f.span,
      related: sourceDocumentPlaces(e.docs),
      data: { keys: e.docs.map((d) => d.key), ...(closest && { closest }), ...(other && { replacement: other.text }) },
    });
  }
  return out;
});

/** The one figure of `passage` with the same currency, scale and percent sign as `figure` and another value (none if several). */
function sameKindIn(passage: string, figure: Figure): Figure | undefined {
  const scale = (f: Figure) => f.canonical.split('|')[2];
  const same = figures(passage).filter((f) => f.currency === figure.currency && f.percent === figure.percent && scale(f) === scale(figure));
  return same.length === 1 && same[0].value !== figure.value ? same[0] : undefined;
}
