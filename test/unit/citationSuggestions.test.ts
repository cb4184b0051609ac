import { strict as assert } from 'node:assert';
import { DEFAULT_SUGGESTION_OPTIONS, MAX_SUGGESTIONS, suggestCitations } from '../../server/src/core/features/citationSuggestions';
import { evaluateSuggestions, loadSuggestionSet } from './helpers/suggestionEval';

/**
 * The citation suggestions' figures on the evaluation set written before tuning
 * (test/fixtures/suggestions/; the floor chosen on its tuning split by
 * scripts/tune-suggestions.ts). docs/sources.md reports the same numbers.
 */
describe('citation suggestions (BM25 above a floor)', () => {
  const { entries, claims } = loadSuggestionSet();
  const figures = (split: 'tune' | 'held-out') => evaluateSuggestions(entries, claims.filter((c) => c.split === split));

  it('the evaluation set: 36 entries, 105 claims, 40% held out', () => {
    assert.equal(entries.size, 36);
    assert.equal(claims.length, 105);
    assert.deepEqual([claims.filter((c) => c.split === 'tune').length, claims.filter((c) => c.split === 'held-out').length], [69, 36]);
  });

  it('held-out split: top-1 and silence at least 0.8 (recorded: 29/29 top-1, 7/7 silent)', () => {
    const f = figures('held-out');
    assert.deepEqual(f, { claims: 36, withSource: 29, top1: 29, top3: 29, withoutSource: 7, silent: 7 });
    assert.ok(f.top1 / f.withSource >= 0.8 && f.silent / f.withoutSource >= 0.8);
  });

  it('tuning split: the figures recorded when the floor was chosen', () => {
    assert.deepEqual(figures('tune'), { claims: 69, withSource: 51, top1: 49, top3: 49, withoutSource: 18, silent: 18 });
    assert.deepEqual(DEFAULT_SUGGESTION_OPTIONS, { floor: 0, minTerms: 3 });
  });

  it('offers at most three, and none for an empty bibliography or a claim about nothing in it', () => {
    for (const c of claims) assert.ok(suggestCitations(entries, c.text).length <= MAX_SUGGESTIONS);
    assert.deepEqual(suggestCitations(new Map(), 'Gas storage was 83% full'), []);
    assert.deepEqual(suggestCitations(entries, ''), []);
  });

  it("reads the text of an entry's source document too", () => {
    const one = new Map([...entries].filter(([k]) => k === 'landmines-2025' || k === 'housing-2025'));
    const claim = 'Sappers cleared anti-tank mines from fields near Kherson before the spring sowing.';
    assert.deepEqual(suggestCitations(one, claim), []);
    const docs = new Map([['landmines-2025', { text: 'Sappers in Kherson oblast cleared anti-tank mines from farm fields so that the spring sowing could begin.' }]]);
    assert.deepEqual(suggestCitations(one, claim, docs).map((s) => s.entry.key), ['landmines-2025']);
  });
});
