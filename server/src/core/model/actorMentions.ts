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

/** The registered names and aliases, folded, longest first; `key` identifies the list. */
export interface ActorNames {
  names: Array<{ folded: string; id: string }>;
  key: string;
}

const COMPILED = new WeakMap<ActorEntry[], ActorNames & { size: number }>();

/** Compiles the conventions' actors once per actors list (the list is shared until the conventions change). */
export function actorNames(actors: ActorEntry[]): ActorNames {
  let compiled = COMPILED.get(actors);
  if (compiled && compiled.size === actors.length) return compiled;
  const names: ActorNames['names'] = [];
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
  compiled = { names, key: JSON.stringify(names), size: actors.length };
  COMPILED.set(actors, compiled);
  return compiled;
}

/**
 * Untagged mentions of registered actor names and aliases (spec §5): whole words, longest
 * match first (so "President Macron" wins over "Macron"), case and diacritics folded, a
 * line break inside a name allowed, never inside a tag's attributes or over a tagged actor.
 * Each text block is searched on its own, so the model builder runs this per parsed block
 * and keeps the result with the block (an edit searches only the blocks it re-parsed).
 */
export function findActorMentions(model: Pick<BriefModel, 'textBlocks' | 'actors'>, actors: ActorEntry[] | ActorNames): ActorMention[] {
  const { names } = Array.isArray(actors) ? actorNames(actors) : actors;
  if (names.length === 0) return [];
  // Tagged actors and mentions already taken, as marks per offset: checking a match costs its
  // own length, not the number of mentions before it (that was quadratic; docs/reliability.md).
  const length = model.textBlocks.reduce((n, b) => Math.max(n, b.span.end), 0);
  const tagged = new Uint8Array(length + 1);
  for (const a of model.actors) tagged.fill(1, Math.min(a.directive.span.start, length), Math.min(a.directive.span.end, length));
  const covered = (marks: Uint8Array, start: number, end: number) => {
    for (let i = start; i < end; i++) if (marks[i]) return true;
    return false;
  };
  const out: ActorMention[] = [];
  for (const block of model.textBlocks) {
    const hay = fold(block.masked);
    const taken = new Uint8Array(hay.length + 1);
    for (const { folded, id } of names) {
      let from = 0;
      for (;;) {
        const at = hay.indexOf(folded, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + folded.length;
        if ((at > 0 && WORD.test(hay[at - 1])) || (end < hay.length && WORD.test(hay[end]))) continue;
        if (covered(taken, at, end)) continue;
        const start = block.span.start + at;
        const stop = block.span.start + end;
        if (covered(tagged, start, stop)) continue;
        taken.fill(1, at, end);
        out.push({ actorId: id, span: { start, end: stop } });
      }
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
