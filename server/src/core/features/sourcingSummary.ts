import type { Analysis } from '../analysis';
import { claimSources } from '../rules/sourceKeys';

/** How many of a brief's claims are sourced (spec §4: a known `src` key or a resolving reference in the sentence). */
export interface SourcingSummary {
  claims: number;
  sourced: number;
}

export function sourcingSummary(analysis: Analysis): SourcingSummary {
  const { model, conventions, bibliography, sourceDocuments } = analysis;
  if (!model.isBrief) return { claims: 0, sourced: 0 };
  const ctx = { model, conventions, bibliography, sourceDocuments };
  let sourced = 0;
  for (const claim of model.claims) if (claimSources(ctx, claim).length > 0) sourced++;
  return { claims: model.claims.length, sourced };
}
