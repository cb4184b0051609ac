import { fold } from '../model/actorMentions';
import type { ActorEntry, Conventions } from './types';

/** A name or alias as compared: diacritics, case, typographic quotes and white space folded. */
export function nameKey(name: string): string {
  return fold(name).replace(/\s+/g, ' ').trim();
}

export function actorById(conventions: Pick<Conventions, 'actors'>, id: string): ActorEntry | undefined {
  return conventions.actors.find((a) => a.id === id);
}

/** The actor whose name or one of whose aliases is `label` (case and diacritics folded). */
export function actorByName(conventions: Pick<Conventions, 'actors'>, label: string): ActorEntry | undefined {
  const key = nameKey(label);
  if (!key) return undefined;
  return conventions.actors.find((a) => [a.name, ...(a.aliases ?? [])].some((n) => nameKey(n) === key));
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
