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
