import { defineRule, type Finding } from './types';

/**
 * `unused-source`: a footnote definition that no footnote reference uses, or a front-matter
 * `references:` entry that no citation or `src` key names. Shown faded (unnecessary).
 * Entries of bibliography files are shared between briefs and never reported.
 */
export const unusedSource = defineRule('unused-source', (ctx) => {
  const { model } = ctx;
  const out: Finding[] = [];
  const referenced = new Set(model.footnoteReferences.map((r) => r.id));
  const srcKeys = model.claims.flatMap((c) => c.srcKeys.map((k) => k.key));
  const srcKeysFolded = new Set(srcKeys.map((k) => k.toLowerCase()));
  for (const def of model.footnoteDefinitions) {
    if (referenced.has(def.id) || srcKeysFolded.has(def.id)) continue;
    out.push({ code: 'unused-source', message: `Footnote [^${def.id}] is never cited: reference it with [^${def.id}] or remove the definition.`, span: def.labelSpan, unnecessary: true, data: { footnote: def.id } });
  }
  const cited = new Set([...model.citations.flatMap((c) => c.items.map((i) => i.key)), ...srcKeys]);
  for (const entry of model.frontMatter?.references ?? []) {
    if (cited.has(entry.key) || !entry.origin.span) continue;
    out.push({ code: 'unused-source', message: `Reference "${entry.key}" in the front matter is never cited: cite it with [@${entry.key}] or remove it.`, span: entry.origin.span, unnecessary: true, data: { key: entry.key } });
  }
  return out;
});
