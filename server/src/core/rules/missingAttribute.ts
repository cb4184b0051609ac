import { defineBlockRule, type Finding } from './types';
import { allTags, openingSpan } from './tagSpans';

/** `missing-attribute`: a tag lacks an attribute that the conventions' `tags.<name>.required` lists. */
export const missingAttribute = defineBlockRule('missing-attribute', (ctx) => {
  const out: Finding[] = [];
  for (const d of allTags(ctx)) {
    const required = ctx.conventions.tags[d.name]?.required ?? [];
    for (const name of required) {
      const a = d.attributes.find((x) => x.name === name);
      if (a && a.value.trim() !== '') continue;
      out.push({
        code: 'missing-attribute',
        message: a
          ? `The ${d.name} tag's "${name}" attribute is empty; the team conventions require a value.`
          : `The ${d.name} tag lacks the "${name}" attribute, which the team conventions require (add {${name}=…}).`,
        span: a ? a.span : openingSpan(d),
        data: { tag: d.name, attribute: name },
      });
    }
  }
  return out;
});
