import { strict as assert } from 'node:assert';
import * as proto from '../../server/src/protocol/toProto';
import { LineIndex } from '../../server/src/core/text/lineIndex';

describe('the conversion to LSP (protocol/toProto.ts)', () => {
  const text = 'first line\nsecond 😀 line\n';
  const lines = new LineIndex(text);
  const uri = 'file:///w/a.brief.md';

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
