import { strict as assert } from 'node:assert';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { textEdit } from '../../server/src/core/text/textEdit';
import { rng } from '../../bench/corpus';
import { budget } from './helpers/budget';

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

  it('made from the previous version around an edit, equals an index of the whole new text (breaks cut and joined at the edges too)', () => {
    const r = rng(3);
    const snippets = ['\n', '\r', '\r\n', 'x', '\n\n', '', 'ab\rcd\n', 'é😐'];
    let text = 'a\r\nb\rc\n\nd';
    let idx = new LineIndex(text);
    for (let i = 0; i < budget(5000, 1000); i++) {
      const at = Math.floor(r() * (text.length + 1));
      const del = r() < 0.4 ? Math.floor(r() * 4) : 0;
      const next = text.slice(0, at) + snippets[Math.floor(r() * snippets.length)] + text.slice(Math.min(text.length, at + del));
      const edit = textEdit(text, next);
      const made = edit ? LineIndex.afterEdit(idx, next, edit) : idx;
      const whole = new LineIndex(next);
      assert.equal(made.lineCount, whole.lineCount, JSON.stringify([text, next]));
      for (let line = 0; line < whole.lineCount; line++) assert.equal(made.lineStart(line), whole.lineStart(line), JSON.stringify([text, next, line]));
      // Keep the text short: many edits meet its ends and its breaks.
      text = next.length > 200 ? next.slice(0, 150) : next;
      idx = text === next ? made : new LineIndex(text);
    }
  });
});
