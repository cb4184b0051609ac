import type { Claim, SourceRef } from '../model/types';
import { claimSourcing, keyStatus } from '../semantics/sourcing';
import type { RuleContext } from './types';

/** Whether a `src` key or citation key names something: a bibliography entry, a source document, a URL, a footnote (even a placeholder). */
export function isKnownSource(ctx: RuleContext, key: string): boolean {
  return keyStatus(ctx, key) !== 'unknown';
}

/** The claim's sources that resolve to a real source (semantics/sourcing.ts): known `src` keys, and references in its sentence. */
export function claimSources(ctx: RuleContext, claim: Claim): SourceRef[] {
  return claimSourcing(ctx, claim).sources;
}
