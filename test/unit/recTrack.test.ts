import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { hoverAt } from '../../server/src/core/features/hover';

const brief = [
  '---',
  'brief: true',
  '---',
  '# A',
  '',
  '## Proposed Solutions Framework',
  '',
  '### Track 1: Diplomacy',
  '',
  '### Track 2: Economic Leverage',
  '',
  '### Track 3: Military and Security',
  '',
  ':::rec[Unrestricted defence]{id=defence track=2 priority=urgent}',
  'Keep defensive capabilities.',
  ':::',
  '',
  ':::rec[Air defence]{id=air track=3 priority=high}',
  'More systems.',
  ':::',
  '',
].join('\n');

describe('a recommendation whose track attribute contradicts its place', () => {
  const a = analyze({ uri: 'file:///w/t.brief.md', text: brief });

  it('is reported (unknown-track, on the value), and counts where it is placed', () => {
    const found = a.diagnostics.filter((d) => d.code === 'unknown-track');
    assert.deepEqual(
      found.map((d) => brief.slice(d.span.start, d.span.end)),
      ['2'],
    );
    assert.match(found[0].message, /track=2 names Track 2 \(Economic Leverage\), but this recommendation is under Track 3 \(Military and Security\), where it counts/);
    const rec = a.model.recommendations.find((r) => r.id === 'defence')!;
    assert.equal(rec.track?.number, '3');
  });

  it('the hover says which track counts, marks the contradiction and an invalid value, and reads "Track 3 — …"', () => {
    const h = hoverAt(a, brief.indexOf('Unrestricted'))!.contents;
    assert.match(h, /- Track 3 — Military and Security ⚠ \*its `track=2` names Track 2; the place decides\*/);
    assert.match(h, /- Priority: urgent ⚠ \*not an allowed value\* \(high, medium, low\)/);
    const ok = hoverAt(a, brief.indexOf('Air defence'))!.contents;
    assert.match(ok, /- Track 3 — Military and Security\n/);
    assert.match(ok, /- Priority: high\n|- Priority: high$/);
    assert.doesNotMatch(ok, /⚠/);
  });

  it('a claim with a status the conventions do not allow is marked in its hover', () => {
    const text = '---\nbrief: true\n---\n# A\n\n:claim[Prices rose]{status=rumoured}[@x].\n';
    const b = analyze({ uri: 'file:///w/c.brief.md', text });
    assert.match(hoverAt(b, text.indexOf('Prices'))!.contents, /status: \*rumoured\* ⚠ \*not an allowed value\* \(asserted, contested, verified, retracted\)/);
  });
});
