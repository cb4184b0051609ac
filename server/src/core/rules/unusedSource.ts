import { exampleLabels, modelParts, type ModelPart } from '../model/buildModel';
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
  const wanted = wantedFor(definitions, new Set(references.map((e) => e.key)));
  // Marks by index (a dense brief cites its few entries thousands of times).
  const usedDefinition = new Uint8Array(wanted.definitions.size);
  const usedEntry = new Uint8Array(wanted.entries.size);
  if (wanted.definitions.size + wanted.entries.size > 0)
    for (const { items } of parts) {
      const used = usedBy(items, wanted);
      for (const i of used.definitions) usedDefinition[i] = 1;
      for (const i of used.entries) usedEntry[i] = 1;
    }
  const entryUsed = (key: string) => usedEntry[wanted.entries.get(key) ?? -1] === 1;
  // An author-in-text `@label` naming an example list item is no citation (model/blockItems.ts):
  // where a key is also an example's label, only the citations the model kept count.
  for (const label of exampleLabels(model)) {
    if (!entryUsed(label)) continue;
    const cited = model.citations.some((c) => c.items.some((i) => i.key === label)) || model.claims.some((c) => c.srcKeys.some((k) => k.key === label));
    if (!cited) usedEntry[wanted.entries.get(label)!] = 0;
  }
  for (const { at, items } of parts)
    for (const def of items.footnoteDefinitions) {
      if (usedDefinition[wanted.definitions.get(def.id)!] === 1) continue;
      const span = { start: def.labelSpan.start + at, end: def.labelSpan.end + at };
      out.push({ code: 'unused-source', message: `Footnote [^${def.id}] is never cited: reference it with [^${def.id}] or remove the definition.`, span, unnecessary: true, data: { footnote: def.id } });
    }
  for (const entry of references) {
    if (entryUsed(entry.key) || !entry.origin.span) continue;
    const written = writtenAsKey(model.text, entry.key, model.frontMatter?.span.end ?? 0)
      ? ` (\`@${entry.key}\` is written in the brief, but nowhere it reads as a citation: in code, escaped, in an e-mail address, or in a table cell past the table's columns, which Pandoc drops)`
      : '';
    out.push({ code: 'unused-source', message: `Reference "${entry.key}" in the front matter is never cited${written}: cite it with [@${entry.key}] or remove it.`, span: entry.origin.span, unnecessary: true, data: { key: entry.key } });
  }
  return out;
});

/** What a key goes on with: a letter, digit or `_`, or inner punctuation before one (Pandoc's key grammar). */
const KEY_WORD = /[\p{L}\p{N}_]/u;
const KEY_INNER_PUNCTUATION = /[:.#$%&+?<>~/-]/;

/** Whether `text` holds `@key` from `from` on as a whole key (not the start of a longer one: `@key2`, `@key.b`). */
function writtenAsKey(text: string, key: string, from: number): boolean {
  const word = (c: string | undefined) => c !== undefined && KEY_WORD.test(c);
  for (let i = text.indexOf(`@${key}`, from); i >= 0; i = text.indexOf(`@${key}`, i + 1)) {
    const after = i + key.length + 1;
    if (word(text[after]) || (KEY_INNER_PUNCTUATION.test(text[after] ?? '') && word(text[after + 1]))) continue;
    return true;
  }
  return false;
}

/** The wanted footnote ids and entry keys, each with its index. */
interface Wanted {
  definitions: Map<string, number>;
  entries: Map<string, number>;
}

/**
 * The wanted definitions and entries, the same object while they are equal: each part's
 * entry is then compared by reference. Keeps the 8 most recent (several documents are
 * analysed in turn). (A key joined from the ids, interned, cost 2–3 ms per edit on a dense
 * 1 MB brief of some 2,000 footnotes: the join, then comparing it character by character.)
 */
const RECENT_WANTED: Wanted[] = [];
function wantedFor(definitions: Set<string>, entries: Set<string>): Wanted {
  const same = (a: Map<string, number>, b: Set<string>) => a.size === b.size && [...b].every((x) => a.has(x));
  const found = RECENT_WANTED.find((w) => same(w.definitions, definitions) && same(w.entries, entries));
  if (found) return found;
  const indexed = (ids: Set<string>) => new Map([...ids].map((id, i) => [id, i]));
  const wanted = { definitions: indexed(definitions), entries: indexed(entries) };
  RECENT_WANTED.unshift(wanted);
  RECENT_WANTED.length = Math.min(RECENT_WANTED.length, 8);
  return wanted;
}

/**
 * Which of the wanted definitions and entries a part's items use: kept on the items (the
 * same object while a block is unchanged) while the wanted ones are the same, so that an
 * edit looks only at the uses of the blocks it changed.
 */
const USED = new WeakMap<object, { wanted: Wanted; definitions: number[]; entries: number[] }>();
function usedBy(items: ModelPart['items'], wanted: Wanted): { definitions: number[]; entries: number[] } {
  let used = USED.get(items);
  if (used?.wanted !== wanted) {
    const uses = usesOf(items);
    // Each id once: a part cites the same few entries many times, and the union over all
    // parts is made on every edit.
    const indexes = (ids: string[], index: Map<string, number>) => [...new Set(ids.map((id) => index.get(id)).filter((i) => i !== undefined))];
    used = { wanted, definitions: indexes(uses.footnotes, wanted.definitions), entries: indexes(uses.keys, wanted.entries) };
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
