import type { Directive } from '../model/types';
import { defineRule, type Finding } from './types';

/** `duplicate-id`: two tags of one brief share an `id` (actor tags refer to ids, so they are not counted). */
export const duplicateId = defineRule('duplicate-id', (ctx) => {
  const out: Finding[] = [];
  const seen = new Map<string, Directive>();
  const { claims, recommendations, customTags } = ctx.model;
  const tags: Directive[] = [...claims.map((c) => c.directive), ...recommendations.flatMap((r) => (r.directive ? [r.directive] : [])), ...customTags];
  for (const d of tags.sort((a, b) => a.span.start - b.span.start)) {
    const id = d.attributes.find((a) => a.name === 'id');
    if (!id || !id.value) continue;
    const first = seen.get(id.value);
    if (!first) {
      seen.set(id.value, d);
      continue;
    }
    const firstId = first.attributes.find((a) => a.name === 'id')!;
    out.push({
      code: 'duplicate-id',
      message: `The id "${id.value}" is already used by the ${first.name} tag on line ${ctx.model.lines.positionAt(first.span.start).line + 1}: ids must be unique within a brief.`,
      span: id.valueSpan,
      related: [{ message: 'first used here', span: firstId.valueSpan }],
    });
  }
  return out;
});
