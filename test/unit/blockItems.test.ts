import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { blockItemsOf } from '../../server/src/core/model/buildModel';
import { ITEM_KINDS, placeItems, type BlockItems, type PlaceContext, type PlacedItems } from '../../server/src/core/model/blockItems';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { resolveActor } from '../../server/src/core/conventions/actors';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { FIXTURES } from './helpers/fixtures';

/**
 * The reference `placeItems` is checked against: any number under a field named `start`,
 * `end` or `sentenceEnd`, at any depth, moved by `d` (what the model's generic copy did
 * before the typed one). A field that `placeItems` forgets to copy or to move differs here.
 */
function shiftEverything(value: unknown, d: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftEverything(v, d));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'number' && (k === 'start' || k === 'end' || k === 'sentenceEnd') ? v + d : shiftEverything(v, d)]));
}

/** The items of every block of `text`, relative to their blocks, as one list of items (offsets as they are). */
function itemsOf(text: string): BlockItems {
  const conventions = { ...defaultConventions(), tags: { ...defaultConventions().tags, risk: {} } };
  const blocks = blockItemsOf({ uri: 'file:///w/a.brief.md', text }, parseMarkdown(text), conventions);
  const items = {} as Record<string, unknown[]>;
  for (const k of ITEM_KINDS) items[k] = blocks.flatMap((b) => b.items[k] as unknown[]);
  return items as unknown as BlockItems;
}

/** Placed items without what placement adds (the document's decisions), for comparison with a shift. */
function movedOnly(placed: PlacedItems): Record<string, unknown> {
  const { claims, actors, suppressions, links, ...rest } = placed;
  return {
    ...rest,
    claims: claims.map(({ nearbySources: _n, ...c }) => c),
    actors: actors.map(({ actorId: _a, ...a }) => a),
    suppressions: suppressions.map(({ line: _l, ...x }) => x),
    links: links.filter((l) => l.kind !== 'reference'),
  };
}

const context = (text: string, definitions = new Map<string, string>()): PlaceContext => {
  const lines = new LineIndex(text);
  return { lineAt: (o) => lines.positionAt(o).line, conventions: { actors: [{ id: 'fr', name: 'Macron' }] }, definitions };
};

describe('block items placed in the document (model/blockItems.ts)', () => {
  const text = readFileSync(join(FIXTURES, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8') +
    '\n\n:::rec[Open]{track=1 actor="fr" priority=high horizon=2027 id=r9}\n\nDo it. :claim[A claim]{#c9 src="k1; k2" status=contested by=fr} [see @k1, p. 4; @k2]\n:::\n\n<!-- briefmark-disable-next-line unknown-source -->\n| a | b |\n| --- | --- |\n| :actor[Macron] | [^n] :risk[Floods]{level=high} [a link](https://example.org) |\n\n[^n]: note, [the report][lbl]\n\n[lbl]: https://example.org/r\n';
  const items = itemsOf(text);
  const padded = ' '.repeat(123_456) + text;

  it('the fixture has items of every kind that has fields to move', () => {
    for (const k of ITEM_KINDS) if (k !== 'problems') assert.ok(items[k].length > 0, k);
  });

  it('moves every offset of every item, and nothing else, like a deep shift of every span', () => {
    for (const d of [0, 1, 7, 123_456]) {
      const { pendingLinkRefs: _p, ...shifted } = shiftEverything(items, d) as Record<string, unknown>;
      assert.deepStrictEqual(JSON.parse(JSON.stringify(movedOnly(placeItems(items, d, context(padded))))), JSON.parse(JSON.stringify(shifted)), `d = ${d}`);
    }
  });

  it('computes what the document decides: lines, registry entries, reference links, sources near each claim', () => {
    const d = 7;
    const placed = placeItems(items, d, context(' '.repeat(d) + text, new Map([['lbl', 'https://example.org/r']])));
    const lines = new LineIndex(' '.repeat(d) + text);
    for (const x of placed.suppressions) assert.equal(x.line, lines.positionAt(x.span.end).line + (x.kind === 'next-line' ? 1 : 0));
    const ids = placed.actors.map((a) => a.actorId);
    assert.deepEqual(ids, placed.actors.map((a) => resolveActor({ actors: [{ id: 'fr', name: 'Macron' }] }, a.id, a.label)?.id));
    assert.ok(ids.includes('fr') && ids.includes(undefined), ids.join());
    const reference = placed.links.filter((l) => l.kind === 'reference');
    assert.deepEqual(reference.map((l) => l.url), ['https://example.org/r']);
    assert.deepEqual(placeItems(items, d, context(' '.repeat(d) + text)).links.filter((l) => l.kind === 'reference'), [], 'no definition, no link');
    const claim = placed.claims.find((c) => c.label === 'A claim')!;
    assert.deepEqual(claim.nearbySources.map((r) => (r.kind === 'citation' ? r.key : r.kind)), ['k1', 'k2']);
    for (const c of placed.claims) for (const r of c.nearbySources) assert.ok(r.span.start >= c.directive.labelSpan.start && r.span.start < c.sentenceEnd);
  });

  it('keeps shared objects shared: a tag and its directive, a track attribute, a candidate and its text block', () => {
    const placed = placeItems(items, 10, context(padded));
    const directives = new Set(placed.directives);
    for (const c of placed.claims) assert.ok(directives.has(c.directive));
    for (const a of placed.actors) assert.ok(directives.has(a.directive));
    for (const t of placed.customTags) assert.ok(directives.has(t));
    const withTrack = placed.recommendations.filter((r) => r.trackAttr);
    assert.ok(withTrack.length > 0);
    for (const r of withTrack) assert.ok(r.directive!.attributes.includes(r.trackAttr!));
    const blocks = new Set(placed.textBlocks);
    for (const c of placed.recCandidates) assert.ok(blocks.has(c.block));
  });

  it('never changes the items it copies', () => {
    const before = JSON.stringify(items);
    placeItems(items, 99, context(padded, new Map([['lbl', 'https://example.org/r']])));
    assert.equal(JSON.stringify(items), before);
  });
});
