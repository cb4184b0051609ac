import { describeSources, notFoundInSources, sourceDocumentPlaces, type ClaimEvidence } from '../semantics/claimEvidence';
import { figures, type Figure } from '../sources/sourceText';
import { defineBlockRule, type Finding } from './types';

const clip = (s: string, n = 160) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

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
    const where = !closest ? '' : other ? ` The closest passage${page} gives ${other.text}: "${clip(closest.passage)}"` : ` Closest passage${page}: "${clip(closest.passage)}"`;
    out.push({
      code: 'figure-not-in-source',
      message: `The figure "${f.figure.text}" does not appear in the source document of ${describeSources(e.docs)}${f.figure.hasUnit ? ' with this unit' : ''}: check it against the source.${where}`,
      span: f.span,
      related: sourceDocumentPlaces(e.docs),
      data: { keys: e.docs.map((d) => d.key), ...closestData(closest), ...(other && { replacement: other.text }) },
    });
  }
  return out;
});

function closestData(closest: ClaimEvidence['passages'][number] | undefined): { closest?: { key: string; passage: string; page?: number } } {
  return closest ? { closest: { key: closest.key, passage: closest.passage, ...(closest.page && { page: closest.page }) } } : {};
}

/** The one figure of `passage` with the same currency, scale and percent sign as `figure` and another value (none if several). */
function sameKindIn(passage: string, figure: Figure): Figure | undefined {
  const scale = (f: Figure) => f.canonical.split('|')[2];
  const same = figures(passage).filter((f) => f.currency === figure.currency && f.percent === figure.percent && scale(f) === scale(figure));
  return same.length === 1 && same[0].value !== figure.value ? same[0] : undefined;
}
