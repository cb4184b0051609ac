import type { Analysis } from '../analysis';
import { briefSourcing, type SourcingCounts } from '../semantics/sourcing';

/** How many of a brief's claims are sourced, pending, missing a source, or cite something that does not resolve (semantics/sourcing.ts). */
export function sourcingSummary(analysis: Analysis): SourcingCounts {
  if (!analysis.model.isBrief) return { claims: 0, sourced: 0, pending: 0, missing: 0, broken: 0 };
  return { ...briefSourcing(analysis).counts };
}
