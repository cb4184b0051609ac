import { describeSources, notFoundInSources, sourceDocumentPlaces } from '../semantics/claimEvidence';
import { approximateRange, figures, writtenFigure, type Figure } from '../sources/sourceText';
import { shorten } from '../text/shorten';
import { defineBlockRule, type Finding } from './types';
import { isYear } from '../text/year';

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
    const other = !closest ? undefined : f.figure.hasUnit ? sameKindIn(closest.passage, f.figure) : sameMagnitudeIn(closest.passage, f.figure);
    const page = closest?.page ? ` (p. ${closest.page})` : '';
    // The claim's figure written without a hedge, as the source's rounded ("£3.7 billion" for "£3,712 million").
    const range = other && !f.figure.within ? approximateRange(f.figure.number, f.figure.value, 'about') : undefined;
    const rounded = range && other!.value >= range[0] && other!.value <= range[1] ? `about ${f.figure.text}` : undefined;
    const gives = other ? ` gives ${other.text}${rounded ? ', which the claim\'s figure rounds' : ''}` : '';
    const row = closest?.head ? ` (a row of the table headed "${shorten(closest.head, 80)}")` : '';
    const where = !closest ? '' : other ? ` The closest passage${page}${gives}: "${shorten(closest.passage, 160)}"${row}` : ` Closest passage${page}: "${shorten(closest.passage, 160)}"${row}`;
    out.push({
      code: 'figure-not-in-source',
      message: `The figure "${writtenFigure(f.figure)}" does not appear in the source document of ${describeSources(e.docs)}${f.figure.hasUnit ? ' with this unit' : ''}${f.figure.within ? ', nor a value it stands for' : ''}: check it against the source.${where}`,
      span: f.span,
      related: sourceDocumentPlaces(e.docs),
      data: { keys: e.docs.map((d) => d.key), ...(closest && { closest }), ...(other?.replacement && { replacement: other.replacement }), ...(rounded && { rounded }) },
    });
  }
  return out;
});

/**
 * The one figure of `passage` with the same currency, scale and percent sign as `figure` and
 * another value (none if several); failing that, the one with the same currency and percent
 * sign at another scale (`£3,700 million` for a claim's `£3.9 billion`). `replacement`: it as
 * the claim writes its figure (`£3.7 billion`), when its value reads so in few digits.
 */
function sameKindIn(passage: string, figure: Figure): { text: string; value: number; replacement?: string } | undefined {
  const scale = (f: Figure) => f.canonical.split('|')[2];
  const kind = figures(passage).filter((f) => f.currency === figure.currency && f.percent === figure.percent && !Number.isNaN(f.value));
  const same = kind.filter((f) => scale(f) === scale(figure));
  if (same.length === 1) return same[0].value !== figure.value ? { text: same[0].text, value: same[0].value, replacement: same[0].text } : undefined;
  if (same.length > 1 || kind.length !== 1 || kind[0].value === figure.value) return undefined;
  return { text: kind[0].text, value: kind[0].value, replacement: atScaleOf(figure, kind[0].value) };
}

/**
 * For a figure with no unit (a count, `70,361`): the one figure of `passage` with no unit
 * either, of the same order (half to twice it) and another value — a year only for a year
 * (`70,631` in "United Utilities | 70,631 | -5%", a transposition; none if several).
 */
function sameMagnitudeIn(passage: string, figure: Figure): { text: string; value: number; replacement?: string } | undefined {
  if (!(figure.value > 0)) return undefined;
  const near = figures(passage).filter((f) => !f.hasUnit && f.value >= figure.value / 2 && f.value <= figure.value * 2 && isYear(f.number) === isYear(figure.number));
  return near.length === 1 && near[0].value !== figure.value ? { text: near[0].text, value: near[0].value, replacement: near[0].text } : undefined;
}

/** `value` written as `figure` writes its number (its currency, scale and percent sign kept): `£3.7 billion` for 3.7e9 and `£3.9 billion`. */
function atScaleOf(figure: Figure, value: number): string | undefined {
  const factor = figure.value / Number(figure.number);
  if (!Number.isFinite(factor) || factor === 0) return undefined;
  const n = value / factor;
  const digits = Number(n.toFixed(3));
  if (Math.abs(digits - n) > 1e-9 * Math.max(1, Math.abs(n)) || digits <= 0) return undefined;
  const written = /\d(?:[\d,.]*\d)?/.exec(figure.text);
  return written ? figure.text.slice(0, written.index) + String(digits) + figure.text.slice(written.index + written[0].length) : undefined;
}
