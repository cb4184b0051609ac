/**
 * Chooses the relevance floor of the citation suggestions on the *tuning* split of
 * test/fixtures/suggestions/ (the held-out split is not read here), and prints the
 * figures of every candidate: top-1 and top-3 accuracy on claims whose source is in the
 * bibliography, and the share of claims whose source is not that get no suggestion.
 * The criterion: the best mean of top-1 and silence, among floors where both are ≥ 0.8;
 * ties go to the lower floor. `npx tsx scripts/tune-suggestions.ts`
 */
import { evaluateSuggestions, loadSuggestionSet } from '../test/unit/helpers/suggestionEval';

const { entries, claims } = loadSuggestionSet();
const tune = claims.filter((c) => c.split === 'tune');
let best: { floor: number; minTerms: number; value: number } | undefined;
for (const minTerms of [1, 2, 3]) {
  for (let floor = 0; floor <= 60; floor += 5) {
    const f = evaluateSuggestions(entries, tune, { floor, minTerms });
    const top1 = f.top1 / f.withSource;
    const silent = f.silent / f.withoutSource;
    const value = (top1 + silent) / 2;
    console.log(`minTerms ${minTerms} floor ${String(floor).padStart(2)}: top-1 ${top1.toFixed(2)}, top-3 ${(f.top3 / f.withSource).toFixed(2)}, silent ${silent.toFixed(2)}`);
    if (top1 >= 0.8 && silent >= 0.8 && (!best || value > best.value)) best = { floor, minTerms, value };
  }
}
console.log(`tuning split: ${tune.length} claims; chosen: ${JSON.stringify(best)}`);
