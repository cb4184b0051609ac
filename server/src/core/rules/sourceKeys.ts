import type { Claim, SourceRef } from '../model/types';
import type { RuleContext } from './types';

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Whether a `src` key or citation key names a known source. */
export function isKnownSource(ctx: RuleContext, key: string): boolean {
  if (ctx.bibliography.entries.has(key)) return true;
  if (ctx.sourceDocuments.has(key)) return true;
  if (URL.test(key)) return true;
  return ctx.model.footnoteDefinitions.some((d) => d.id === key.toLowerCase() && !d.empty);
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
