import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { AssertionModel, type AssertionModelFile } from '../../server/src/core/assertions/model';
import { briefSet, counts, fingerprint, hasSharedData, rates, seedSet, SEEDS, SHARED } from '../../scripts/assertions/data';
import { buildModel, MODEL_PATH, PARAMS } from '../../scripts/train-assertions';

/**
 * The shipped assertion classifier (docs/assertions.md): it loads, it reproduces the
 * figures recorded when it was trained on the brief-register set committed here, and the
 * training script, run again on the same data and parameters, writes the same model, byte
 * for byte (its fingerprint names the data and the parameters).
 */
describe('the assertion classifier', function () {
  this.timeout(120_000);
  const file = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as AssertionModelFile;
  const model = AssertionModel.load(file);

  it('loads, and is small (under 1 MB)', () => {
    assert.ok(readFileSync(MODEL_PATH).length < 1_000_000);
    assert.ok(model.thresholds.low > model.thresholds.balanced && model.thresholds.balanced > model.thresholds.high);
  });

  it('names only words the sentence has (a hashed bucket is shared by other n-grams)', () => {
    const sentences = [...briefSet().map((r) => r.text), 'Pig production in Denmark grew by 10% over the same period.'];
    let named = 0;
    for (const text of sentences) {
      const verdict = model.judge(text);
      for (const r of verdict.reasons) {
        if (r.kind !== 'word') continue;
        named++;
        assert.ok(verdict.features.words.includes(r.name), `"${r.name}" named for: ${text}`);
      }
    }
    assert.ok(named > 100, `words named: ${named}`);
  });

  it('reproduces its recorded figures on the brief-register set (tuning and held-out splits)', () => {
    const set = briefSet();
    for (const split of ['tune', 'test'] as const) {
      const part = set.filter((x) => x.split === split);
      const scores = part.map((x) => model.score(x.text));
      const labels = part.map((x) => x.label);
      const recorded = (file.figures[`briefs/${split}`] ?? {}) as Record<string, { tp: number; fp: number; fn: number; tn: number }>;
      for (const s of ['low', 'balanced', 'high'] as const) {
        const c = counts(scores, labels, model.thresholds[s]);
        assert.deepEqual(c, { tp: recorded[s].tp, fp: recorded[s].fp, fn: recorded[s].fn, tn: recorded[s].tn }, `briefs/${split} at ${s}`);
      }
    }
    const held = set.filter((x) => x.split === 'test');
    const r = rates(counts(held.map((x) => model.score(x.text)), held.map((x) => x.label), model.thresholds.balanced));
    assert.ok(r.precision >= 0.8 && r.recall >= 0.85, `held-out brief sentences at balanced: P ${r.precision.toFixed(3)}, R ${r.recall.toFixed(3)}`);
  });

  it('reproduces its recorded figures on the seed texts (prose nobody here wrote, labelled here)', () => {
    const set = seedSet();
    assert.ok(set.length >= 100, `the seed texts are not at ${SEEDS}, or their sentences are cut differently (${set.length} of 106 labelled sentences found)`);
    const scores = set.map((x) => model.score(x.text));
    const recorded = file.figures['seeds/test'] as Record<string, { tp: number; fp: number; fn: number; tn: number }>;
    for (const s of ['low', 'balanced', 'high'] as const) {
      const c = counts(scores, set.map((x) => x.label), model.thresholds[s]);
      assert.deepEqual(c, { tp: recorded[s].tp, fp: recorded[s].fp, fn: recorded[s].fn, tn: recorded[s].tn }, `seeds at ${s}`);
    }
  });

  it('agrees with the training script: the fingerprint of its data and parameters', () => {
    assert.ok(hasSharedData(), `the training data is not at ${SHARED} (CI has ../shared beside the clone; or set BRIEFMARK_CLAIM_DATA)`);
    assert.equal(file.fingerprint, fingerprint(PARAMS), 'the model was trained on other data or parameters: run npm run train:assertions');
  });

  it('agrees with the training script: retraining writes the same model', () => {
    assert.ok(hasSharedData(), `the training data is not at ${SHARED} (CI has ../shared beside the clone; or set BRIEFMARK_CLAIM_DATA)`);
    assert.equal(JSON.stringify(buildModel()) + '\n', readFileSync(MODEL_PATH, 'utf8'), 'the code of the trainer or the features changed, or a whole brief was added (its figures are recorded with the model): run npm run train:assertions');
  });
});
