/**
 * The contributors' inner loop (`npm run test:fast`, scripts/test-fast.sh) sets
 * BRIEFMARK_FAST=1: sampled and exhaustive checks then take their short budget. `npm test`
 * and CI always run the full one.
 */
export const FAST = process.env.BRIEFMARK_FAST === '1';

/** `full` in `npm test`, `fast` in the inner loop. */
export function budget(full: number, fast: number): number {
  return FAST ? fast : full;
}

/**
 * `list` in `npm test`; in the inner loop one item in `every` (at least one), a different
 * share each day, so that the loop still meets every item within `every` days
 * (BRIEFMARK_SAMPLE=n picks the share of day n).
 */
export function sampled<T>(list: readonly T[], every = 3): readonly T[] {
  if (!FAST) return list;
  const day = Number(process.env.BRIEFMARK_SAMPLE ?? Math.floor(Date.now() / 86_400_000)) % every;
  const kept = list.filter((_, i) => i % every === day);
  return kept.length > 0 ? kept : list.slice(0, 1);
}
