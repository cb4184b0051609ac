import type { Claim, SourceRef } from '../model/types';
import type { RuleContext } from './types';

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Whether a `src` key or citation key names a known source. */
export function isKnownSource(ctx: RuleContext, key: string): boolean {
  if (ctx.bibliography.entries.has(key)) return true;
  if (ctx.sourceDocuments.has(key)) return true;
  if (URL.test(key)) return true;
  return definedFootnotes(ctx.model).has(key.toLowerCase());
}

/** The ids of a model's non-empty footnote definitions (once per model: keys are checked by the thousand). */
const footnoteIds = new WeakMap<RuleContext['model'], Set<string>>();
function definedFootnotes(model: RuleContext['model']): Set<string> {
  let ids = footnoteIds.get(model);
  if (!ids) footnoteIds.set(model, (ids = new Set(model.footnoteDefinitions.filter((d) => !d.empty).map((d) => d.id))));
  return ids;
}

function resolves(ctx: RuleContext, ref: SourceRef): boolean {
  switch (ref.kind) {
    case 'citation':
    case 'src':
      return isKnownSource(ctx, ref.key);
    case 'footnote':
    case 'link':
      return true; // collected only when they resolve
  }
}

/** The claim's sources that resolve: known `src` keys, and references in its sentence. */
export function claimSources(ctx: RuleContext, claim: Claim): SourceRef[] {
  const out: SourceRef[] = [];
  for (const k of claim.srcKeys) {
    const ref: SourceRef = { kind: 'src', key: k.key, span: k.span };
    if (resolves(ctx, ref)) out.push(ref);
  }
  for (const r of claim.nearbySources) if (resolves(ctx, r)) out.push(r);
  return out;
}

/** Whether the claim names any source at all, resolving or not. */
export function claimHasReferences(claim: Claim): boolean {
  return claim.srcKeys.length > 0 || claim.nearbySources.length > 0 || false;
}
