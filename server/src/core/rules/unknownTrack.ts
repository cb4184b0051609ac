import { headingKey, resolveTrack } from '../model/framework';
import { defineRule, type Finding } from './types';

/**
 * `unknown-track`: a `rec` whose `track` attribute names no track of the brief's framework,
 * or names another track than the one it is placed under (the place decides: docs/diagnostics.md);
 * and, when the conventions list expected `framework.tracks`, each expected track that the
 * brief's framework lacks (reported on the framework heading: the contract has no separate
 * code for a missing track, and this is the code about tracks that do not match).
 */
export const unknownTrack = defineRule('unknown-track', (ctx) => {
  const { model, conventions } = ctx;
  const out: Finding[] = [];
  for (const rec of model.recommendations) {
    const attr = rec.trackAttr;
    if (!attr) continue;
    // Inside a track the position decides, but a track value that names nothing is still wrong,
    // and one that names another track contradicts the place: both are reported.
    const named = model.framework ? resolveTrack(model.framework, attr.value, conventions) : rec.track;
    if (named && rec.track && named !== rec.track) {
      out.push({
        code: 'unknown-track',
        message: `track=${attr.value} names Track ${named.number} (${named.title}), but this recommendation is under Track ${rec.track.number} (${rec.track.title}), where it counts: its place in the framework decides. Move it under Track ${named.number}, or write track=${rec.track.number}.`,
        span: attr.value ? attr.valueSpan : attr.span,
        data: { placedTrack: rec.track.number, namedTrack: named.number },
      });
      continue;
    }
    if (named) continue;
    const known = model.framework?.tracks.map((t) => t.number).join(', ');
    out.push({
      code: 'unknown-track',
      message: model.framework
        ? `"${attr.value}" names no track of this brief's framework (tracks: ${known || 'none'}); use a track number, letter, title or conventions track id.`
        : `"${attr.value}" names no track: this brief has no solutions framework section (a heading ${frameworkHeadings(conventions.framework.headings)}, with "Track 1: …" headings under it).`,
      span: attr.value ? attr.valueSpan : attr.span,
    });
  }
  const fw = model.framework;
  if (fw && conventions.framework.tracks.length > 0) {
    const titles = new Set(fw.tracks.map((t) => headingKey(t.title)));
    const missing = conventions.framework.tracks.filter((t) => !titles.has(headingKey(t.title)));
    for (const t of missing)
      out.push({
        code: 'unknown-track',
        message: `The team conventions expect a track "${t.title}" (${t.id}) in the framework; add a ${model.lineSections ? 'line' : 'heading'} "Track <n>: ${t.title}".`,
        span: fw.heading.textSpan,
        data: { expectedTrack: t.id },
      });
  }
  return out;
});

/** The framework's headings as a reader would list them: "A", "B" or "C". */
function frameworkHeadings(headings: readonly string[]): string {
  const quoted = headings.slice(0, 4).map((h) => `"${h}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '"Proposed Solutions Framework"') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
