import { CROSS_REFERENCE_KEY } from '../model/labels';
import { isKnownSource } from './sourceKeys';
import { defineBlockRule, type Finding } from './types';

/** `unknown-source`: a citation key, `src` key or footnote id that does not resolve. */
export const unknownSource = defineBlockRule('unknown-source', (ctx) => {
  const out: Finding[] = [];
  const { model } = ctx;
  const known = (key: string) => isKnownSource(ctx, key);
  const hasBibliography = ctx.document.hasBibliography;
  const broken = ctx.bibliography.problems.length
    ? ` (the bibliography has ${ctx.bibliography.problems.length === 1 ? 'a problem' : `${ctx.bibliography.problems.length} problems`}, so entries may be missing: ${ctx.bibliography.problems[0].message})`
    : '';
  const where = (hasBibliography ? 'the bibliography' : 'the brief (it has no bibliography: add `references:` or `bibliography:` to its front matter)') + broken;
  for (const c of model.citations) {
    for (const item of c.items) {
      // A key naming a label of the brief (`@fig-map` and `{#fig-map}`) is a cross-reference (model/labels.ts).
      if (known(item.key) || ctx.document.labels.has(item.key)) continue;
      const crossReference = CROSS_REFERENCE_KEY.test(item.key) ? `, nor a label of this brief for a cross-reference (add {#${item.key}} to the figure, table or heading it names)` : '';
      const literal = c.kind === 'in-text' ? ' (For a literal @, as in a handle, write \\@.)' : '';
      out.push({ code: 'unknown-source', message: `Citation key "@${item.key}" is not in ${where}${crossReference}.${literal}`, span: item.keySpan, data: { key: item.key } });
    }
  }
  const tagged = [...model.claims];
  for (const claim of tagged) {
    for (const k of claim.srcKeys) {
      if (known(k.key)) continue;
      out.push({ code: 'unknown-source', message: `Source key "${k.key}" in src is not in ${where}, nor a footnote or source document.`, span: k.span, data: { key: k.key } });
    }
  }
  // An empty definition is a placeholder (a pending source, semantics/sourcing.ts): the
  // claim's unsourced-claim says so. Only a call without any definition names nothing.
    for (const ref of model.footnoteReferences) {
    if (!ctx.document.footnotes.has(ref.id)) out.push({ code: 'unknown-source', message: `Footnote [^${ref.id}] has no definition: add a line "[^${ref.id}]: …" with its source.`, span: ref.span, data: { footnote: ref.id } });
  }
  return out;
});
