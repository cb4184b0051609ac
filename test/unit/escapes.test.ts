import { strict as assert } from 'node:assert';
import { escapedOffset, unescapeMarkdown } from '../../server/src/core/text/escapes';

describe('Markdown escapes read as the characters they escape', () => {
  it('removes a backslash before ASCII punctuation only, and maps offsets back', () => {
    const text = 'Leakage fell 2\\.5% in 2024\\. A path: C:\\Temp, a \\\\ and \\é.';
    const u = unescapeMarkdown(text);
    assert.equal(u.text, 'Leakage fell 2.5% in 2024. A path: C:\\Temp, a \\ and \\é.');
    for (const w of ['2.5%', '2024.', 'Temp', 'and']) {
      const s = u.text.indexOf(w);
      const original = text.slice(escapedOffset(u, s), escapedOffset(u, s + w.length, true));
      assert.equal(original.replace(/\\(?=[.])/g, ''), w, w);
    }
    assert.equal(text.slice(escapedOffset(u, u.text.indexOf('2.5%')), escapedOffset(u, u.text.indexOf('2.5%') + 4, true)), '2\\.5%');
  });

  it('leaves text without backslashes as it is, and is linear on a line of escapes', () => {
    const plain = unescapeMarkdown('No escapes here.');
    assert.deepEqual(plain.removed, []);
    const many = '\\.'.repeat(200_000);
    const u = unescapeMarkdown(many);
    assert.equal(u.text, '.'.repeat(200_000));
    assert.equal(escapedOffset(u, 100_000), 200_001);
    assert.equal(escapedOffset(u, 100_000, true), 200_000);
  });
});
