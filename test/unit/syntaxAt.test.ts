import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Nodes, Parent } from 'mdast';
import { parseMarkdown, parseProbe, type ParsedMarkdown } from '../../server/src/core/parse/markdown';
import { changesOnlyText, nodesAt, type SyntaxNode } from '../../server/src/core/features/syntaxAt';
import { ADVERSARIAL, anyBrief } from './fuzz/generators';
import { budget } from './helpers/budget';
import { leastMs } from './helpers/timing';

/** nodesAt as it was first written: every block, then every child of each level, in order. */
function nodesAtByScan(parsed: ParsedMarkdown, offset: number): SyntaxNode[] {
  const block = parsed.blocks.find((b) => b.start <= offset && offset < b.end) ?? parsed.blocks[parsed.blocks.length - 1];
  if (!block) return [];
  const out: SyntaxNode[] = [];
  const limit = block.end - block.start;
  let parent: Parent = block.tree;
  for (;;) {
    const index = parent.children.findIndex((child) => {
      const s = child.position?.start.offset;
      const e = child.position?.end.offset;
      return s !== undefined && e !== undefined && s < limit && block.start + s <= offset && offset < block.start + e;
    });
    if (index < 0) return out;
    const child = parent.children[index] as Nodes;
    out.push({ type: child.type, start: block.start + child.position!.start.offset!, end: block.start + child.position!.end.offset!, index, node: child });
    if (!('children' in child)) return out;
    parent = child as Parent;
  }
}

const sameAtEveryOffset = (text: string) => {
  const parsed = parseMarkdown(text);
  for (let o = 0; o <= text.length; o++) {
    const got = nodesAt(parsed, o).map((n) => [n.type, n.start, n.end, n.index]);
    const want = nodesAtByScan(parsed, o).map((n) => [n.type, n.start, n.end, n.index]);
    assert.deepEqual(got, want, `at ${o} of ${JSON.stringify(text)}`);
  }
};

describe('nodesAt: the syntax nodes at an offset, by binary search', () => {
  it('agrees with a scan of every block and child, at every offset of fuzzed briefs', () => {
    fc.assert(fc.property(anyBrief, (text) => sameAtEveryOffset(text.slice(0, 3000))), { seed: 20261205, numRuns: budget(60, 15) });
  });

  it('agrees on hostile briefs too', () => {
    for (const make of Object.values(ADVERSARIAL)) sameAtEveryOffset(make(400));
  });

  it('finds a node among 32,000 siblings without scanning them: look-ups grow with the log of their count', () => {
    const parsedWith = (calls: number) => parseMarkdown(`Text ${'[^a] '.repeat(calls)}\n\n[^a]: A note.\n`);
    const few = parsedWith(1000);
    const many = parsedWith(32000);
    // The least of five rounds of 20,000 look-ups each.
    const lookups = (parsed: ParsedMarkdown, calls: number) =>
      leastMs(() => {
        for (let i = 0; i < 20000; i++) nodesAt(parsed, 5 + ((i * 7919) % (calls * 5)));
      }, 5);
    lookups(few, 1000);
    const small = lookups(few, 1000);
    const large = lookups(many, 32000);
    // A scan of the siblings would make the large case about 32 times the small one; a binary
    // search takes 1.5 times the steps, each a cache miss once the tree no longer fits the
    // caches: 8-9 times the time here on an idle machine (7.8 seen with 16,000 on a busy one).
    assert.ok(large < small * 18 + 5, `1,000 siblings ${small.toFixed(1)} ms, 32,000 ${large.toFixed(1)} ms`);
  });
});

/** Every node of a tree as `type@start-end` at document offsets, skipping what starts past `limit` (a block's sentinel). */
function flatten(tree: Parent, shift: number, limit: number, out: string[] = []): string[] {
  for (const c of tree.children as Nodes[]) {
    const s = c.position!.start.offset!;
    if (s >= limit) continue;
    out.push(`${c.type}@${s + shift}-${c.position!.end.offset! + shift}`);
    if ('children' in c) flatten(c as Parent, shift, Infinity, out);
  }
  return out;
}

describe('parseProbe: a region parsed for a quick fix or a rename reads as the document does', () => {
  it('gives the nodes of the document\'s own (guarded, block-wise) parse on every hostile kind of the fuzz suite', () => {
    for (const [name, make] of Object.entries(ADVERSARIAL)) {
      const text = make(budget(3000, 800));
      const doc: string[] = [];
      for (const b of parseMarkdown(text).blocks) flatten(b.tree, b.start, b.end - b.start, doc);
      assert.deepEqual(flatten(parseProbe(text, true), 0, Infinity), doc, name);
    }
  });
});

describe('changesOnlyText: whether edits change only text', () => {
  it('parses neighbouring short blocks together (up to 1 KB, as the document is parsed) and still sees a change of syntax in any of them', () => {
    const count = budget(4000, 1500);
    const text = ':claim[x] [@a]\n\n'.repeat(count);
    const parsed = parseMarkdown(text);
    const edits = [...text.matchAll(/@a/g)].map((m) => ({ span: { start: m.index! + 1, end: m.index! + 2 }, newText: 'b' }));
    assert.equal(changesOnlyText(text, edits, parsed), true);
    // A key that turns into emphasis, in the middle of a group of blocks parsed together, or at its end.
    for (const k of [1234, 1235, count - 1]) {
      const star = edits.map((e, i) => (i === k ? { span: { start: e.span.start - 1, end: e.span.end }, newText: '*b*' } : e));
      assert.equal(changesOnlyText(text, star, parsed), false, `edit ${k}`);
    }
  });
});
