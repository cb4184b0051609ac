/** Binary searches over spans sorted by start. */
import type { Span } from './span';

/** The index of the first span of `sorted` (by start) that starts at or after `at` (its length when none does). */
export function firstStartingAt(sorted: readonly Span[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first span of `sorted` (by start) that starts at or after `from`, if it ends by `to`. */
export function firstInside<T extends Span>(sorted: readonly T[], from: number, to: number): T | undefined {
  const i = firstStartingAt(sorted, from);
  return i < sorted.length && sorted[i].end <= to ? sorted[i] : undefined;
}
