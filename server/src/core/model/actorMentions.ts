import type { ActorEntry } from '../conventions/types';
import type { ActorMention, BriefModel } from './types';

const FOLD_MAP: Record<string, string> = { '\u2019': "'", '\u2018': "'", '\u02bc': "'", '\u2010': '-', '\u2011': '-', '\u2013': '-', '\u2014': '-', '\u00a0': ' ' };

/**
 * Folds case, diacritics, typographic apostrophes and dashes, and white space one UTF-16
 * unit at a time, so offsets in the folded text are offsets in the original (`É` → `e`,
 * `’` → `'`, a line break → a space; `ß` stays `ß`).
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = c.charCodeAt(0);
    if (code < 128) {
      out += code === 9 || code === 10 || code === 13 ? ' ' : c.toLowerCase();
      continue;
    }
    const mapped = FOLD_MAP[c];
    if (mapped) {
      out += mapped;
      continue;
    }
    const f = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out += f.length === 1 ? f : c;
  }
  return out;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Untagged mentions of registered actor names and aliases (spec §5): whole words, longest
 * match first (so "President Macron" wins over "Macron"), case and diacritics folded, a
 * line break inside a name allowed, never inside a tag's attributes or over a tagged actor.
 */
export function findActorMentions(model: Pick<BriefModel, 'textBlocks' | 'actors'>, actors: ActorEntry[]): ActorMention[] {
  if (actors.length === 0) return [];
  const names: Array<{ folded: string; id: string }> = [];
  const seen = new Set<string>();
  for (const a of actors) {
    for (const n of [a.name, ...(a.aliases ?? [])]) {
      const folded = fold(n.trim()).replace(/ +/g, ' ');
      if (folded.length < 2 || seen.has(`${a.id}\u0000${folded}`)) continue;
      seen.add(`${a.id}\u0000${folded}`);
      names.push({ folded, id: a.id });
    }
  }
  names.sort((a, b) => b.folded.length - a.folded.length);
  const tagged = model.actors.map((a) => a.directive.span);
  const out: ActorMention[] = [];
  for (const block of model.textBlocks) {
    const hay = fold(block.masked);
    const taken: Array<[number, number]> = [];
    for (const { folded, id } of names) {
      let from = 0;
      for (;;) {
        const at = hay.indexOf(folded, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + folded.length;
        if ((at > 0 && WORD.test(hay[at - 1])) || (end < hay.length && WORD.test(hay[end]))) continue;
        if (taken.some(([s, e]) => at < e && end > s)) continue;
        const start = block.span.start + at;
        const stop = block.span.start + end;
        if (tagged.some((t) => start < t.end && stop > t.start)) continue;
        taken.push([at, end]);
        out.push({ actorId: id, span: { start, end: stop } });
      }
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
