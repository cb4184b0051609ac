import { exampleLabels, modelParts, type ModelPart } from '../model/buildModel';
import { Interner } from '../text/interner';
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
  const references = model.frontMatter?.references ?? [];
  // What could be unused is few (definitions, front-matter entries): look only for those.
  const definitions = new Set<string>();
  for (const { items } of parts) for (const def of items.footnoteDefinitions) definitions.add(def.id);
  const entries = new Set(references.map((e) => e.key));
  const usedDefinitions = new Set<string>();
  const usedEntries = new Set<string>();
  if (definitions.size + entries.size > 0) {
    const wanted = { definitions, entries, key: WANTED_KEYS.intern([...definitions].join('\u0000') + '\u0001' + [...entries].join('\u0000')) };
    for (const { items } of parts) {
      const used = usedBy(items, wanted);
      for (const id of used.definitions) usedDefinitions.add(id);
      for (const key of used.entries) usedEntries.add(key);
    }
  }
  // An author-in-text `@label` naming an example list item is no citation (model/blockItems.ts):
  // where a key is also an example's label, only the citations the model kept count.
  for (const label of exampleLabels(model)) {
    if (!usedEntries.has(label)) continue;
    const cited = model.citations.some((c) => c.items.some((i) => i.key === label)) || model.claims.some((c) => c.srcKeys.some((k) => k.key === label));
    if (!cited) usedEntries.delete(label);
  }
  for (const { at, items } of parts)
    for (const def of items.footnoteDefinitions) {
      if (usedDefinitions.has(def.id)) continue;
      const span = { start: def.labelSpan.start + at, end: def.labelSpan.end + at };
      out.push({ code: 'unused-source', message: `Footnote [^${def.id}] is never cited: reference it with [^${def.id}] or remove the definition.`, span, unnecessary: true, data: { footnote: def.id } });
    }
  for (const entry of references) {
    if (usedEntries.has(entry.key) || !entry.origin.span) continue;
    out.push({ code: 'unused-source', message: `Reference "${entry.key}" in the front matter is never cited: cite it with [@${entry.key}] or remove it.`, span: entry.origin.span, unnecessary: true, data: { key: entry.key } });
  }
  return out;
});

/** Wanted keys, the same object while equal: each part's entry is then compared by reference. */
const WANTED_KEYS = new Interner(8);

/**
 * Which of the wanted definitions and entries a part's items use: kept on the items (the
 * same object while a block is unchanged) while the wanted ones are the same, so that an
 * edit looks only at the uses of the blocks it changed.
 */
const USED = new WeakMap<object, { key: string; definitions: string[]; entries: string[] }>();
function usedBy(items: ModelPart['items'], wanted: { definitions: Set<string>; entries: Set<string>; key: string }): { definitions: string[]; entries: string[] } {
  let used = USED.get(items);
  if (used?.key !== wanted.key) {
    const uses = usesOf(items);
    used = { key: wanted.key, definitions: uses.footnotes.filter((id) => wanted.definitions.has(id)), entries: uses.keys.filter((k) => wanted.entries.has(k)) };
    USED.set(items, used);
  }
  return used;
}

/**
 * What a part's items use: footnote ids (its footnote references, and its `src` keys in
 * lower case, which may name footnotes) and keys (its citations' and `src` keys). Once per
 * part's items: a block's are the same object while it is unchanged.
 */
const USES = new WeakMap<object, { footnotes: string[]; keys: string[] }>();
function usesOf(items: ModelPart['items']): { footnotes: string[]; keys: string[] } {
  let uses = USES.get(items);
  if (!uses) {
    const footnotes = items.footnoteReferences.map((r) => r.id);
    const keys: string[] = [];
    for (const c of items.claims)
      for (const k of c.srcKeys) {
        footnotes.push(k.key.toLowerCase());
        keys.push(k.key);
      }
    for (const c of items.citations) for (const i of c.items) keys.push(i.key);
    USES.set(items, (uses = { footnotes, keys }));
  }
  return uses;
}
