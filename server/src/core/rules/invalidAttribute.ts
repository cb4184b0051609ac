import { defineBlockRule, type Finding } from './types';
import { allTags } from './tagSpans';

/** `invalid-attribute`: an attribute value outside the values the conventions allow for it (`tags.<name>.attributes`). */
export const invalidAttribute = defineBlockRule('invalid-attribute', (ctx) => {
  const out: Finding[] = [];
  for (const d of allTags(ctx)) {
    const allowedByAttr = ctx.conventions.tags[d.name]?.attributes ?? {};
    for (const a of d.attributes) {
      const allowed = allowedByAttr[a.name];
      if (!allowed || allowed.length === 0) continue;
      if (allowed.some((v) => v.toLowerCase() === a.value.trim().toLowerCase())) continue;
      out.push({
        code: 'invalid-attribute',
        message: `"${a.value}" is not an allowed ${a.name} for a ${d.name} tag; use one of: ${allowed.join(', ')}.`,
        span: a.value ? a.valueSpan : a.span,
        data: { tag: d.name, attribute: a.name, allowed },
      });
    }
  }
  return out;
});
