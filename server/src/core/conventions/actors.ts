import { fold } from '../model/actorMentions';
import type { ActorEntry, Conventions } from './types';

/** A name or alias as compared: diacritics, case, typographic quotes and white space folded. */
export function nameKey(name: string): string {
  return fold(name).replace(/\s+/g, ' ').trim();
}

/**
 * The actors by id and by folded name, built once per actors list (shared until the
 * conventions change): a brief tags actors by the hundred, a registry may hold hundreds.
 * The first actor in the list wins, as a search in list order would give.
 */
const LOOKUP = new WeakMap<ActorEntry[], { size: number; byId: Map<string, ActorEntry>; byName: Map<string, ActorEntry> }>();
function lookup(actors: ActorEntry[]) {
  let l = LOOKUP.get(actors);
  if (l && l.size === actors.length) return l;
  l = { size: actors.length, byId: new Map(), byName: new Map() };
  for (const a of actors) {
    if (!l.byId.has(a.id)) l.byId.set(a.id, a);
    for (const n of [a.name, ...(a.aliases ?? [])]) {
      const key = nameKey(n);
      if (!l.byName.has(key)) l.byName.set(key, a);
    }
  }
  LOOKUP.set(actors, l);
  return l;
}

export function actorById(conventions: Pick<Conventions, 'actors'>, id: string): ActorEntry | undefined {
  return lookup(conventions.actors).byId.get(id);
}

/** The actor whose name or one of whose aliases is `label` (case and diacritics folded). */
export function actorByName(conventions: Pick<Conventions, 'actors'>, label: string): ActorEntry | undefined {
  const key = nameKey(label);
  if (!key) return undefined;
  return lookup(conventions.actors).byName.get(key);
}

/** A tagged actor resolves by its `id` attribute, else by its label against names and aliases (spec §5). */
export function resolveActor(conventions: Pick<Conventions, 'actors'>, id: string | undefined, label: string): ActorEntry | undefined {
  if (id !== undefined) return actorById(conventions, id.trim());
  return actorByName(conventions, label);
}

/** The closest actor ids to `word`, for "did you mean" messages. */
export function suggestActor(conventions: Pick<Conventions, 'actors'>, word: string): ActorEntry | undefined {
  const byName = actorByName(conventions, word);
  if (byName) return byName;
  const w = word.toLowerCase();
  let best: { a: ActorEntry; d: number } | undefined;
  for (const a of conventions.actors) {
    const d = distance(w, a.id.toLowerCase());
    if (d <= Math.max(1, Math.floor(a.id.length / 4)) && (!best || d < best.d)) best = { a, d };
  }
  return best?.a;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
