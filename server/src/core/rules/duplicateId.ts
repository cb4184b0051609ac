import { modelParts, type ModelPart } from '../model/buildModel';
import type { Directive } from '../model/types';
import type { Span } from '../text/span';
import { defineRule, type Finding } from './types';

/**
 * `duplicate-id`: two tags of one brief share an `id` (actor tags refer to ids, so they are
 * not counted). A document rule: it reads each block's tags with an id where they are
 * (`modelParts`), in document order, and places only what it reports.
 */
export const duplicateId = defineRule('duplicate-id', (ctx) => {
  const out: Finding[] = [];
  const seen = new Map<string, { d: Directive; id: Span; at: number }>();
  for (const { at, items } of modelParts(ctx.model)) {
    // (Most parts hold no tag at all: a long list's items are parts of their own.)
    if (items.claims.length === 0 && items.recommendations.length === 0 && items.customTags.length === 0) continue;
    for (const d of taggedWithIds(items)) {
      const id = d.attributes.find((a) => a.name === 'id')!;
      const first = seen.get(id.value);
      if (!first) {
        seen.set(id.value, { d, id: id.valueSpan, at });
        continue;
      }
      out.push({
        code: 'duplicate-id',
        message: `The id "${id.value}" is already used by the ${first.d.name} tag on line ${ctx.model.lines.positionAt(first.d.span.start + first.at).line + 1}: ids must be unique within a brief.`,
        span: { start: id.valueSpan.start + at, end: id.valueSpan.end + at },
        related: [{ message: 'first used here', span: { start: first.id.start + first.at, end: first.id.end + first.at } }],
      });
    }
  }
  return out;
});

/** The claims, tagged recommendations and team tags of a part that have a non-empty id, in order: once per part's items. */
const TAGGED = new WeakMap<object, Directive[]>();
function taggedWithIds(items: ModelPart['items']): Directive[] {
  let tags = TAGGED.get(items);
  if (!tags) {
    tags = [...items.claims.map((c) => c.directive), ...items.recommendations.flatMap((r) => (r.directive ? [r.directive] : [])), ...items.customTags]
      .filter((d) => d.attributes.find((a) => a.name === 'id')?.value)
      .sort((a, b) => a.span.start - b.span.start);
    TAGGED.set(items, tags);
  }
  return tags;
}
