import { tagNames } from '../conventions/types';
import { editDistance } from '../text/editDistance';
import { defineBlockRule, type Finding } from './types';

/** The registered tag a directive name most likely meant, if it is a near miss. */
export function nearMiss(name: string, tags: string[]): string | undefined {
  if (name.length > 40) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const tag of tags) {
    if (tag === name) return undefined;
    const dist = lower === tag ? 0 : editDistance(lower, tag);
    const allowed = tag.length <= 5 ? 1 : 2;
    if (dist <= allowed && dist < bestDistance) {
      best = tag;
      bestDistance = dist;
    }
  }
  return best;
}

/**
 * `unknown-tag`: a directive whose name is a near miss of a tag name (`:cliam[…]`).
 * Directives without a label or attributes (`:smile:`) are ordinary text, never reported.
 */
export const unknownTag = defineBlockRule('unknown-tag', (ctx) => {
  const out: Finding[] = [];
  const tags = tagNames(ctx.conventions);
  for (const d of ctx.model.directives) {
    if (tags.includes(d.name)) continue;
    const looksLikeTag = d.kind !== 'text' || d.labelSpan.end > d.nameSpan.end || d.attributesSpan !== undefined;
    if (!looksLikeTag) continue;
    const meant = nearMiss(d.name, tags);
    if (!meant) continue;
    out.push({ code: 'unknown-tag', message: `Unknown tag "${d.name}": did you mean "${meant}"?`, span: d.nameSpan, data: { replacement: meant } });
  }
  return out;
});
