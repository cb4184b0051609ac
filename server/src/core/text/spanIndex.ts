import type { Span } from './span';

/**
 * A fixed set of spans that answers "does any of them overlap this range?" in O(log n):
 * spans sorted by start, with the largest end among each prefix. Rules that test every
 * sentence against every citation, claim or exempt section use it, so they stay
 * linear-logarithmic on long briefs instead of quadratic.
 */
export class SpanIndex {
  private readonly starts: number[];
  private readonly maxEnd: number[];

  constructor(spans: Iterable<Span>) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.maxEnd = [];
    let max = -Infinity;
    for (const s of sorted) this.maxEnd.push((max = Math.max(max, s.end)));
  }

  /** Whether some span has `span.start < end && span.end > start`. */
  overlaps(start: number, end: number): boolean {
    // k = how many spans start before `end`.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnd[lo - 1] > start;
  }

  /** The furthest end of the spans that hold `offset` (`span.start <= offset < span.end`), or undefined if none does. */
  reach(offset: number): number | undefined {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnd[lo - 1] > offset ? this.maxEnd[lo - 1] : undefined;
  }

  /** Whether some span has `span.start <= offset < span.end`. */
  holds(offset: number): boolean {
    return this.overlaps(offset, offset + 1);
  }
}
