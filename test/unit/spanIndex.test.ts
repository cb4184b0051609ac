import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { SpanIndex } from '../../server/src/core/text/spanIndex';

describe('SpanIndex', () => {
  const spanArb = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 12 })).map(([start, len]) => ({ start, end: start + len }));

  it('answers overlaps and holds exactly as a scan of every span does', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 30 }), fc.array(spanArb, { minLength: 1, maxLength: 20 }), (spans, queries) => {
        const index = new SpanIndex(spans);
        for (const q of queries) {
          assert.equal(index.overlaps(q.start, q.end), spans.some((s) => s.start < q.end && s.end > q.start), `overlaps ${JSON.stringify(q)}`);
          assert.equal(index.holds(q.start), spans.some((s) => q.start >= s.start && q.start < s.end), `holds ${q.start}`);
        }
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });

  it('an empty index overlaps nothing', () => {
    assert.equal(new SpanIndex([]).overlaps(0, 100), false);
    assert.equal(new SpanIndex([]).holds(0), false);
  });
});
