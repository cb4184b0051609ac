import type { ConventionsLayer } from './parseConventions';
import { defaultConventions, type ActorEntry, type Conventions, type TagRule } from './types';

/**
 * Merges conventions layers in order over `base` (the defaults): later layers win. Lists
 * (`briefs`, `bibliography`, `exemptSections`, framework headings and tracks) are replaced
 * as a whole; `actors` merge by `id` (a later entry replaces the fields it sets); `tags`
 * merge per tag and, within a tag, per attribute; `rules` merge per code.
 */
export function mergeConventions(layers: ConventionsLayer[], base: Conventions = defaultConventions()): Conventions {
  const out: Conventions = structuredClone(base);
  for (const layer of layers) {
    if (layer.briefs) out.briefs = [...layer.briefs];
    if (layer.bibliography) out.bibliography = [...layer.bibliography];
    if (layer.sourceDocuments !== undefined) out.sourceDocuments = layer.sourceDocuments;
    if (layer.citationStyle !== undefined) out.citationStyle = layer.citationStyle;
    if (layer.actors) out.actors = mergeActors(out.actors, layer.actors);
    if (layer.tags) for (const [name, rule] of Object.entries(layer.tags)) out.tags[name] = mergeTag(out.tags[name], rule);
    if (layer.framework?.headings) out.framework.headings = [...layer.framework.headings];
    if (layer.framework?.tracks) out.framework.tracks = layer.framework.tracks.map((t) => ({ ...t }));
    if (layer.rules) out.rules = { ...out.rules, ...layer.rules };
    if (layer.assertions?.exemptSections) out.assertions.exemptSections = [...layer.assertions.exemptSections];
    if (layer.assertions?.sensitivity) out.assertions.sensitivity = layer.assertions.sensitivity;
    if (layer.uri) out.uri = layer.uri;
  }
  return out;
}

function mergeActors(earlier: ActorEntry[], later: ActorEntry[]): ActorEntry[] {
  const out = earlier.map((a) => ({ ...a }));
  for (const a of later) {
    const i = out.findIndex((x) => x.id === a.id);
    if (i < 0) out.push({ ...a });
    else out[i] = { ...out[i], ...a };
  }
  return out;
}

function mergeTag(earlier: TagRule | undefined, later: TagRule): TagRule {
  const out: TagRule = { ...(earlier ?? {}), ...later };
  if (earlier?.attributes || later.attributes) out.attributes = { ...(earlier?.attributes ?? {}), ...(later.attributes ?? {}) };
  return out;
}
