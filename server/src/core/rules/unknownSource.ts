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
      if (known(item.key)) continue;
      const literal = c.kind === 'in-text' ? ' (For a literal @, as in a handle, write \\@.)' : '';
      out.push({ code: 'unknown-source', message: `Citation key "@${item.key}" is not in ${where}.${literal}`, span: item.keySpan, data: { key: item.key } });
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
