import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitBlocks, type BlockSplit } from '../../server/src/core/parse/blocks';
import { guardText, type GuardedText } from '../../server/src/core/parse/guards';
import { textEdit } from '../../server/src/core/text/textEdit';
import { generateBrief, rng } from '../../bench/corpus';
import { FIXTURES } from './helpers/fixtures';
import { budget } from './helpers/budget';

/**
 * The guards' pass and the block split resume around an edit (parse/guards.ts,
 * parse/blocks.ts): after any sequence of edits, what they give equals a pass over the
 * whole new text — including on hostile text, where the guards neutralise and mark
 * paragraphs, and on edits that open or close fences, comments, containers and front matter.
 */
const SNIPPETS = [
  'x', '\n', '\n\n', '```', '~~~', ':::', ':::rec[a]\n', ':::\n', '\n\n:::\n\n', '::::rec[R]', '[^a]: note', '[link]: https://e.org', '<!--', '-->', '<pre>', '</pre>', '<?', '?>',
  '---', '---\n', '    ', '- ', '> ', '\r\n', '# h\n\n', '[', ']', '{', '}', ':c[x]{#', '*'.repeat(300), '_a_ '.repeat(400), '[['.repeat(40),
  '> '.repeat(40), '- '.repeat(40) + 'x', '',
];
const hostile = ':::rec[x]\n\n'.repeat(20) + 'text\n\n' + 'a] '.repeat(1100) + '\n\n' + ':c[x]{#'.repeat(3000) + '\n\n' + '*a '.repeat(1100) + '\n\n' + 'x <!-- '.repeat(300);
const bases = [
  generateBrief({ bytes: 8000, seed: 3, dense: true }),
  readFileSync(join(FIXTURES, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8'),
  '---\ntitle: x\n---\n\npara\n\n```\ncode\n\n```\n\n:::rec[a]\n\nb\n:::\n\n[x]: https://a\n\n- a\n\n  b\n',
  hostile,
  '---\ntitle: x\n---\n\n' + hostile,
];

const SPLIT_EDITS = budget(400, 50);
const GUARD_EDITS = budget(120, 12);

function edits(check: (before: string, after: string, first: boolean) => void, perBase: number): number {
  const r = rng(20261203);
  let count = 0;
  for (const base of bases) {
    let text = base;
    for (let i = 0; i < perBase; i++) {
      // Often at the start of a line: where blocks start, and where a marker or indentation changes them.
      let at = Math.floor(r() * (text.length + 1));
      if (r() < 0.4) at = text.indexOf('\n', at) + 1;
      const del = r() < 0.3 ? Math.floor(r() * 30) : 0;
      const next = text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(Math.min(text.length, at + del));
      check(text, next, i === 0);
      text = next;
      count++;
    }
  }
  return count;
}

describe('the guards and the block split, resumed around an edit', () => {
  it('the block split equals a split of the whole new text', () => {
    let split: BlockSplit | undefined;
    let resumedFrom = 0;
    const seen = edits((before, after, first) => {
      if (first || !split) split = splitBlocks(before);
      const edit = textEdit(before, after);
      const resumed = edit ? splitBlocks(after, { split, edit }) : split;
      const full = splitBlocks(after);
      assert.deepEqual({ ...resumed, predicted: [...resumed.predicted].sort() }, { ...full, predicted: [...full.predicted].sort() });
      if (edit && edit.start > 2000) resumedFrom++;
      split = resumed;
    }, SPLIT_EDITS);
    assert.ok(seen >= SPLIT_EDITS * bases.length && resumedFrom > SPLIT_EDITS / 4, `${seen} edits, ${resumedFrom} resumed after 2,000 characters`);
  });

  it('the guards equal a pass over the whole new text, marks and heavy paragraphs included', () => {
    let guarded: GuardedText | undefined;
    let marked = 0;
    edits((before, after, first) => {
      if (first || !guarded) guarded = guardText(before);
      const edit = textEdit(before, after);
      const resumed = edit ? guardText(after, { guarded, edit }) : guarded;
      const full = guardText(after);
      const sorted = (g: GuardedText) => ({ ...g, marks: [...g.marks].sort((a, b) => a[0] - b[0]) });
      assert.deepEqual(sorted(resumed), sorted(full));
      if (full.marks.length && full.heavy.length) marked++;
      guarded = resumed;
    }, GUARD_EDITS);
    assert.ok(marked > (GUARD_EDITS * 5) / 3, `${marked} versions with marks and heavy paragraphs`);
  });

  it('textEdit finds the one range where two texts differ', () => {
    assert.equal(textEdit('abc', 'abc'), undefined);
    assert.deepEqual(textEdit('abc', 'abXc'), { start: 2, oldEnd: 2, newEnd: 3 });
    assert.deepEqual(textEdit('aaaa', 'aaa'), { start: 3, oldEnd: 4, newEnd: 3 });
    const long = 'x'.repeat(5000);
    assert.deepEqual(textEdit(long + 'a' + long, long + 'bb' + long), { start: 5000, oldEnd: 5001, newEnd: 5002 });
    assert.deepEqual(textEdit('', 'abc'), { start: 0, oldEnd: 0, newEnd: 3 });
  });

  it('textEdit: the longest common prefix, then the longest common suffix after it, at every block size', () => {
    // Texts long and repetitive enough for every stride (65,536 down to 16 characters) to
    // match and then stop at a difference; the result checked against a character scan.
    const r = rng(5);
    const unit = 'abcab'.repeat(40);
    for (let i = 0; i < 60; i++) {
      const before = unit.repeat(1 + Math.floor(r() * 900)) + 'tail';
      const at = Math.floor(r() * before.length);
      const cut = Math.floor(r() * Math.min(50_000, before.length - at));
      const inserted = r() < 0.3 ? '' : unit.slice(0, Math.floor(r() * 70_000) % unit.length) + (r() < 0.5 ? 'x' : '');
      const after = before.slice(0, at) + inserted + before.slice(at + cut);
      const edit = textEdit(before, after);
      if (before === after) {
        assert.equal(edit, undefined);
        continue;
      }
      let start = 0;
      while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
      let oldEnd = before.length;
      let newEnd = after.length;
      while (oldEnd > start && newEnd > start && before[oldEnd - 1] === after[newEnd - 1]) {
        oldEnd--;
        newEnd--;
      }
      assert.deepEqual(edit, { start, oldEnd, newEnd }, `case ${i}`);
    }
  });
});
