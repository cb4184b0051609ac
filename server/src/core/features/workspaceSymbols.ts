import type { ActorEntry } from '../conventions/types';
import type { Span } from '../text/span';
import type { BriefSummary } from './briefSummary';

export interface WorkspaceSymbolResult {
  name: string;
  kind: 'claim' | 'recommendation' | 'actor';
  containerName?: string;
  uri: string;
  span?: Span;
}

/** Whether every character of `query` appears in `name` in order (case-insensitive), as editors filter. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const n = name.toLowerCase();
  let i = 0;
  for (const c of n) if (i < q.length && c === q[i]) i++;
  return i === q.length;
}

const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

/**
 * Claims, recommendations and actors across all indexed briefs. An actor is listed once,
 * at its conventions entry when known, else at its first mention.
 */
export function workspaceSymbols(query: string, summaries: Iterable<BriefSummary>, actors: (uri: string) => ActorEntry[], limit = 1000): WorkspaceSymbolResult[] {
  const out: WorkspaceSymbolResult[] = [];
  const seenActors = new Set<string>();
  for (const s of summaries) {
    const file = fileName(s.uri);
    for (const r of s.recs) if (r.label && fuzzyMatch(query, r.label)) out.push({ name: r.label, kind: 'recommendation', containerName: r.track ? `${r.track} · ${file}` : file, uri: s.uri, span: r.labelSpan });
    for (const c of s.claims) if (c.label && fuzzyMatch(query, c.label)) out.push({ name: c.label, kind: 'claim', containerName: file, uri: s.uri, span: c.labelSpan });
    const registry = actors(s.uri);
    for (const r of s.actorRefs) {
      if (seenActors.has(r.actorId)) continue;
      const entry = registry.find((a) => a.id === r.actorId);
      const name = entry?.name ?? r.actorId;
      if (!fuzzyMatch(query, name) && !fuzzyMatch(query, r.actorId)) continue;
      seenActors.add(r.actorId);
      out.push({ name, kind: 'actor', containerName: r.actorId, uri: entry?.origin?.uri ?? s.uri, span: entry?.origin ? entry.origin.span : r.span });
    }
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}
