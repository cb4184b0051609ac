import { tagNames } from '../conventions/types';
import type { Finding, Rule } from './types';

/** Damerau–Levenshtein distance (optimal string alignment), small inputs only. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

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
export const unknownTag: Rule = {
  code: 'unknown-tag',
  description: 'A directive name is a near miss of a tag name (e.g. :cliam[…] for :claim[…]).',
  check(ctx) {
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
  },
};
