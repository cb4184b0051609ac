import { modelParts } from '../model/buildModel';
import { defineRule, type Finding } from './types';

/**
 * `unused-source`: a footnote definition that no footnote reference uses, or a front-matter
 * `references:` entry that no citation or `src` key names. Shown faded (unnecessary).
 * Entries of bibliography files are shared between briefs and never reported. A document
 * rule: it reads each block's references and definitions where they are (`modelParts`).
 */
export const unusedSource = defineRule('unused-source', (ctx) => {
  const { model } = ctx;
  const out: Finding[] = [];
  const parts = modelParts(model);
  const referenced = new Set<string>();
  const srcKeysFolded = new Set<string>();
  const cited = new Set<string>();
  for (const { items } of parts) {
    for (const r of items.footnoteReferences) referenced.add(r.id);
    for (const c of items.claims)
      for (const k of c.srcKeys) {
        srcKeysFolded.add(k.key.toLowerCase());
        cited.add(k.key);
      }
    for (const c of items.citations) for (const i of c.items) cited.add(i.key);
  }
  for (const { at, items } of parts)
    for (const def of items.footnoteDefinitions) {
      if (referenced.has(def.id) || srcKeysFolded.has(def.id)) continue;
      const span = { start: def.labelSpan.start + at, end: def.labelSpan.end + at };
      out.push({ code: 'unused-source', message: `Footnote [^${def.id}] is never cited: reference it with [^${def.id}] or remove the definition.`, span, unnecessary: true, data: { footnote: def.id } });
    }
  for (const entry of model.frontMatter?.references ?? []) {
    if (cited.has(entry.key) || !entry.origin.span) continue;
    out.push({ code: 'unused-source', message: `Reference "${entry.key}" in the front matter is never cited: cite it with [@${entry.key}] or remove it.`, span: entry.origin.span, unnecessary: true, data: { key: entry.key } });
  }
  return out;
});
