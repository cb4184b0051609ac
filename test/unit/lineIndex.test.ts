import { strict as assert } from 'node:assert';
import { LineIndex } from '../../server/src/core/text/lineIndex';

describe('LineIndex (LSP positions, UTF-16 columns)', () => {
  it('counts UTF-16 code units: accents are one, emoji two', () => {
    const text = 'é😐x\nline';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(text.indexOf('x')), { line: 0, character: 3 });
    assert.equal(idx.offsetAt({ line: 0, character: 3 }), 3);
  });
  it('handles \\n, \\r\\n and \\r line breaks', () => {
    const text = 'a\r\nb\rc\nd';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(text.indexOf('c')), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('d')), { line: 3, character: 0 });
    assert.equal(idx.lineEnd(0), 1);
  });
  it('clamps out-of-range positions, never inside a line break', () => {
    const idx = new LineIndex('ab\r\ncd');
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), 6);
    assert.equal(idx.offsetAt({ line: -1, character: 0 }), 0);
    assert.deepEqual(idx.positionAt(999), { line: 1, character: 2 });
  });
});
