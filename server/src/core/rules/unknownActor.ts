import { actorById, actorByName, suggestActor } from '../conventions/actors';
import { defineBlockRule, type Finding } from './types';

/**
 * `unknown-actor`: an actor tag, a claim's `by` or a recommendation's `actor` attribute that
 * resolves to no actor of the conventions. Silent when the conventions define no actors.
 */
export const unknownActor = defineBlockRule('unknown-actor', (ctx) => {
  const { conventions, model } = ctx;
  if (conventions.actors.length === 0) return [];
  const out: Finding[] = [];
  const hint = (word: string) => {
    const s = suggestActor(conventions, word);
    return s ? ` Did you mean "${s.id}" (${s.name})?` : '';
  };
  for (const a of model.actors) {
    if (a.actorId) continue;
    const idAttr = a.directive.attributes.find((x) => x.name === 'id');
    if (idAttr) {
      out.push({ code: 'unknown-actor', message: `No actor has the id "${idAttr.value}" in the team conventions.${hint(idAttr.value || a.label)}`, span: idAttr.value ? idAttr.valueSpan : idAttr.span });
    } else {
      const label = a.label.trim();
      const span = a.directive.labelSpan.end > a.directive.labelSpan.start ? a.directive.labelSpan : a.directive.span;
      out.push({ code: 'unknown-actor', message: `"${label}" is not the name or alias of an actor in the team conventions; add {id=…} or register it.${hint(label)}`, span });
    }
  }
  for (const claim of model.claims) {
    const by = claim.directive.attributes.find((x) => x.name === 'by');
    if (!by || !by.value.trim() || actorById(conventions, by.value.trim())) continue;
    const named = actorByName(conventions, by.value);
    out.push({
      code: 'unknown-actor',
      message: named ? `"by" takes an actor id: write by=${named.id} for ${named.name}.` : `No actor has the id "${by.value}" (the claim's "by") in the team conventions.${hint(by.value)}`,
      span: by.valueSpan,
    });
  }
  for (const rec of model.recommendations) {
    for (const key of rec.actors) {
      if (actorById(conventions, key.key)) continue;
      out.push({ code: 'unknown-actor', message: `No actor has the id "${key.key}" (who should act) in the team conventions.${hint(key.key)}`, span: key.span });
    }
  }
  return out;
});
