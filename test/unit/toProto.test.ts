import { strict as assert } from 'node:assert';
import * as proto from '../../server/src/protocol/toProto';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import type { Diagnostic } from '../../server/src/core/rules/types';

describe('the conversion to LSP (protocol/toProto.ts)', () => {
  const text = 'first line\nsecond 😀 line\n';
  const lines = new LineIndex(text);
  const uri = 'file:///w/a.brief.md';

  it('sends an editor at most 1,000 diagnostics a document, the most severe first in their order, the last saying how many are left out', () => {
    const severities = ['info', 'error', 'hint', 'warning'] as const;
    const list: Diagnostic[] = Array.from({ length: 2500 }, (_, i) => ({ code: 'unsourced-claim', severity: severities[i % 4], message: `m${i}`, span: { start: 0, end: 1 } }));
    const out = proto.diagnostics(lines, uri, list);
    assert.equal(out.length, proto.MAX_PUBLISHED_DIAGNOSTICS);
    const kept = out.slice(0, -1);
    // 625 of each severity: the 625 errors and the first 374 warnings.
    assert.deepEqual([1, 2, 3, 4].map((s) => kept.filter((d) => d.severity === s).length), [625, 374, 0, 0]);
    const order = kept.map((d) => Number(String(d.message).slice(1)));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'in the order found');
    const notice = out.at(-1)!;
    assert.equal(notice.code, undefined);
    assert.equal(notice.message, 'Briefmark shows 999 of this document\'s 2,500 findings (the most severe first; an editor keeps at most 1,000 per file). `briefmark check` lists them all.');
    assert.equal(proto.diagnostics(lines, uri, list.slice(0, 1000)).length, 1000, 'up to 1,000, all of them, and no notice');
    assert.ok(proto.diagnostics(lines, uri, list.slice(0, 1000)).every((d) => d.code === 'unsourced-claim'));
  });

  it('keeps every related place: in the document at its range, in another document (a source) at its start', () => {
    const d = proto.diagnostic(lines, uri, {
      code: 'quote-not-in-source',
      severity: 'warning',
      message: 'm',
      span: { start: 11, end: 17 },
      related: [
        { message: 'here', span: { start: 18, end: 20 } },
        { message: 'also here, named', span: { start: 0, end: 5 }, uri },
        { message: 'source document r', span: { start: 0, end: 0 }, uri: 'file:///w/sources/r.pdf' },
      ],
    });
    assert.deepEqual(
      d.relatedInformation?.map((r) => [r.message, r.location.uri, r.location.range.start.line, r.location.range.start.character, r.location.range.end.character]),
      [
        ['here', uri, 1, 7, 9],
        ['also here, named', uri, 0, 0, 5],
        ['source document r', 'file:///w/sources/r.pdf', 0, 0, 0],
      ],
    );
  });
});
