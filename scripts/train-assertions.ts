/**
 * Trains the assertion classifier (docs/assertions.md, "Method") and writes
 * server/src/core/assertions/assertionModel.json. Seeded and deterministic: the same data
 * and parameters give the same model, byte for byte (test/unit/assertionModel.test.ts
 * retrains and compares). `npm run train:assertions` (`-- --compare` prints the candidate
 * models' figures on the tuning splits).
 *
 * A logistic regression over hashed word unigrams and bigrams and designed features
 * (core/assertions/features.ts), fitted by AdaGrad with L2, sentences weighted so that the
 * brief-register set counts as much as its domain matters; thresholds for the three
 * sensitivities chosen on the tuning splits only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESIGNED, FEATURE_OPTIONS, HASH_BITS, featureKey, sentenceFeatures } from '../server/src/core/assertions/features';
import { decodeHashedWeights, toBase64, type AssertionModelFile, type Sensitivity } from '../server/src/core/assertions/model';
import { rng } from '../bench/corpus';
import { allExamples, counts, fingerprint, rates, ROOT, seedSet, type Example } from './assertions/data';

export const PARAMS = {
  epochs: 6,
  learningRate: 0.05,
  l2: 2e-6,
  /** Each brief-register training sentence (briefs.tsv, the whole briefs trained on) counts this much (about 1,000 of them against 18,000 debate sentences). */
  briefWeight: 5,
  newsWeight: 1,
  seed: 20261203,
  /** Hashed weights smaller than this are dropped from the stored model. */
  prune: 0.01,
};

export const MODEL_PATH = join(ROOT, 'server', 'src', 'core', 'assertions', 'assertionModel.json');

interface Prepared {
  ex: Example;
  hashed: number[];
  designed: Float32Array;
}

export interface Trained {
  hashed: Float32Array;
  designed: Float32Array;
}

/** NBSVM (Wang and Manning 2012): each hashed feature's value is its log-count ratio between the classes, not 1. */
export function nbRatios(data: Prepared[], alpha = 1): Float32Array {
  const size = 1 << HASH_BITS;
  const pos = new Float32Array(size).fill(alpha);
  const neg = new Float32Array(size).fill(alpha);
  let np = 0;
  let nn = 0;
  for (const x of data) {
    const seen = new Set(x.hashed);
    for (const h of seen) (x.ex.label ? pos : neg)[h]++;
    if (x.ex.label) np++;
    else nn++;
  }
  const r = new Float32Array(size);
  for (let i = 0; i < size; i++) r[i] = Math.log(pos[i] / (np + alpha)) - Math.log(neg[i] / (nn + alpha));
  return r;
}

export function train(data: Prepared[], params = PARAMS, useDesigned = true, useHashed = true, scale?: Float32Array): Trained {
  const size = 1 << HASH_BITS;
  const w = new Float32Array(size);
  const g2 = new Float32Array(size).fill(1e-6);
  const d = new Float32Array(DESIGNED.length);
  const dg2 = new Float32Array(DESIGNED.length).fill(1e-6);
  const order = data.map((_, i) => i);
  const random = rng(params.seed);
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const x = data[k];
      let z = 0;
      if (useDesigned) for (let i = 0; i < d.length; i++) z += d[i] * x.designed[i];
      else z += d[0];
      if (useHashed) for (const h of x.hashed) z += w[h] * (scale ? scale[h] : 1);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - x.ex.label) * (x.ex.source === 'briefs' || x.ex.source === 'whole' ? params.briefWeight : x.ex.source === 'newssd' ? params.newsWeight : 1);
      for (let i = 0; i < d.length; i++) {
        if (!useDesigned && i > 0) break;
        const gi = g * (i === 0 && !useDesigned ? 1 : x.designed[i]) + params.l2 * d[i];
        dg2[i] += gi * gi;
        d[i] -= (params.learningRate * gi) / Math.sqrt(dg2[i]);
      }
      if (useHashed)
        for (const h of x.hashed) {
          const gi = g * (scale ? scale[h] : 1) + params.l2 * w[h];
          g2[h] += gi * gi;
          w[h] -= (params.learningRate * gi) / Math.sqrt(g2[h]);
        }
    }
  }
  return { hashed: w, designed: d };
}

export function predict(m: Trained, x: { hashed: number[]; designed: Float32Array }): number {
  let z = 0;
  for (let i = 0; i < m.designed.length; i++) z += m.designed[i] * x.designed[i];
  for (const h of x.hashed) z += m.hashed[h];
  return 1 / (1 + Math.exp(-z));
}

export function prepare(examples: Example[]): Prepared[] {
  return examples.map((ex) => {
    const f = sentenceFeatures(ex.text);
    return { ex, hashed: f.hashed, designed: f.designed };
  });
}

/**
 * The thresholds, on the tuning splits only, each domain (debate statements, brief prose)
 * counting equally: `balanced` has the best mean F1; `low` (fewer, surer findings) the
 * lowest threshold above it whose mean precision reaches 0.9; `high` (find more) the
 * highest below it whose mean recall reaches 0.9.
 */
function chooseThresholds(domains: Array<{ scores: number[]; labels: number[] }>): Record<Sensitivity, number> {
  const grid = Array.from({ length: 95 }, (_, i) => (i + 3) / 100);
  const mean = (t: number, k: 'f1' | 'precision' | 'recall') => domains.reduce((n, d) => n + rates(counts(d.scores, d.labels, t))[k], 0) / domains.length;
  const balanced = grid.reduce((best, t) => (mean(t, 'f1') > mean(best, 'f1') ? t : best), 0.5);
  const low = grid.find((t) => t > balanced && mean(t, 'precision') >= 0.9) ?? Math.min(0.95, balanced + 0.2);
  const high = [...grid].reverse().find((t) => t < balanced && mean(t, 'recall') >= 0.9) ?? Math.max(0.05, balanced - 0.2);
  return { low, balanced, high };
}

function quantise(w: Float32Array, prune: number): AssertionModelFile['hashed'] {
  const ids: number[] = [];
  const values: number[] = [];
  let max = 0;
  for (let i = 0; i < w.length; i++) if (Math.abs(w[i]) >= prune) max = Math.max(max, Math.abs(w[i]));
  const scale = max / 127;
  let prev = 0;
  const bytes: number[] = [];
  for (let i = 0; i < w.length; i++) {
    if (Math.abs(w[i]) < prune) continue;
    const q = Math.round(w[i] / scale);
    if (q === 0) continue;
    let delta = i - prev;
    prev = i;
    do {
      let b = delta & 0x7f;
      delta >>>= 7;
      if (delta) b |= 0x80;
      bytes.push(b);
    } while (delta);
    ids.push(i);
    values.push(q & 0xff);
  }
  return { count: ids.length, scale, ids: toBase64(Uint8Array.from(bytes)), weights: toBase64(Uint8Array.from(values)) };
}

function figuresOf(m: Trained, data: Prepared[], thresholds: Record<Sensitivity, number>) {
  const out: Record<string, unknown> = {};
  for (const source of ['claimbuster', 'newssd', 'briefs', 'whole', 'seeds'] as const)
    for (const split of ['tune', 'test'] as const) {
      const part = data.filter((x) => x.ex.source === source && x.ex.split === split);
      if (!part.length) continue;
      const scores = part.map((x) => predict(m, x));
      const labels = part.map((x) => x.ex.label);
      out[`${source}/${split}`] = Object.fromEntries(
        (Object.keys(thresholds) as Sensitivity[]).map((s) => {
          const c = counts(scores, labels, thresholds[s]);
          const r = rates(c);
          return [s, { ...c, precision: round(r.precision), recall: round(r.recall), f1: round(r.f1), falseAlarms: round(r.falseAlarms) }];
        }),
      );
    }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Names for the strongest positive unigram buckets, so that a hover can say which word weighed. */
function wordNames(m: Trained, data: Prepared[]): Record<string, string> {
  const counts = new Map<string, number>();
  for (const x of data) if (x.ex.split === 'train') for (const w of new Set(x.ex.text.toLowerCase().match(/[\p{L}]+/gu) ?? [])) counts.set(w, (counts.get(w) ?? 0) + 1);
  const best = [...counts.entries()]
    .filter(([, n]) => n >= 5)
    .map(([w]) => ({ w, id: featureKey('w', w), weight: m.hashed[featureKey('w', w)] }))
    .filter((x) => x.weight > 0.3)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 400);
  return Object.fromEntries(best.sort((a, b) => a.id - b.id).map((x) => [String(x.id), x.w]));
}

export function buildModel(): AssertionModelFile {
  const data = prepare(allExamples());
  const m = train(data.filter((x) => x.ex.split === 'train'));
  const domain = (source: string) => {
    const part = data.filter((x) => x.ex.split === 'tune' && x.ex.source === source);
    return { scores: part.map((x) => predict(m, x)), labels: part.map((x) => x.ex.label) };
  };
  const thresholds = chooseThresholds([domain('claimbuster'), domain('briefs')]);
  const quantised = quantise(m.hashed, PARAMS.prune);
  // Figures of the model as shipped (quantised), so that the test reproduces them exactly.
  const shipped = dequantise(quantised, m.designed);
  return {
    format: 'briefmark-assertions/1',
    fingerprint: fingerprint(PARAMS),
    hashBits: HASH_BITS,
    designed: [...DESIGNED],
    designedWeights: [...m.designed].map((x) => Math.round(x * 1e5) / 1e5),
    hashed: quantised,
    thresholds,
    words: wordNames(m, data),
    // The seed texts' sentences are only measured (never trained or tuned on).
    figures: figuresOf(shipped, [...data, ...prepare(seedSet())], thresholds),
  };
}

function dequantise(q: AssertionModelFile['hashed'], designed: Float32Array): Trained {
  const w = decodeHashedWeights(q);
  return { hashed: w, designed: Float32Array.from([...designed].map((x) => Math.round(x * 1e5) / 1e5)) };
}

function compare(): void {
  const data = prepare(allExamples());
  const trainSet = data.filter((x) => x.ex.split === 'train');
  const tune = data.filter((x) => x.ex.split === 'tune');
  const report = (name: string, m: Trained) => {
    for (const source of ['claimbuster', 'newssd', 'briefs'] as const) {
      const part = tune.filter((x) => x.ex.source === source);
      const scores = part.map((x) => predict(m, x));
      const labels = part.map((x) => x.ex.label);
      const grid = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
      const best = grid.map((t) => ({ t, ...rates(counts(scores, labels, t)) })).sort((a, b) => b.f1 - a.f1)[0];
      console.log(`${name.padEnd(34)} ${source.padEnd(11)} best F1 ${best.f1.toFixed(3)} at ${best.t} (P ${best.precision.toFixed(3)}, R ${best.recall.toFixed(3)})`);
    }
  };
  report('LR, words + designed', train(trainSet));
  report('LR, words only', train(trainSet, PARAMS, false, true));
  report('LR, designed only', train(trainSet, PARAMS, true, false));
  report('LR, no brief sentences', train(trainSet.filter((x) => x.ex.source !== 'briefs' && x.ex.source !== 'whole')));
  report('LR, no whole-brief sentences', train(trainSet.filter((x) => x.ex.source !== 'whole')));
  report('NBSVM-style (log-count ratios)', train(trainSet, PARAMS, true, true, nbRatios(trainSet)));
  // Features the shipped model does not compute: switched on for these runs only.
  const withOptions = (options: Partial<typeof FEATURE_OPTIONS>, name: string) => {
    const saved = { ...FEATURE_OPTIONS };
    Object.assign(FEATURE_OPTIONS, options);
    const t0 = Date.now();
    const prepared = prepare(allExamples());
    const split = (s: string) => prepared.filter((x) => x.ex.split === s);
    tune.splice(0, tune.length, ...split('tune'));
    report(`${name} (${Date.now() - t0} ms to featurise)`, train(split('train')));
    Object.assign(FEATURE_OPTIONS, saved);
  };
  withOptions({ trigrams: true }, 'LR, + word trigrams');
  withOptions({ charGrams: 5 }, 'LR, + character 3-5-grams');
}

if (require.main === module) {
  if (process.argv.includes('--compare')) compare();
  else {
    const t0 = Date.now();
    const model = buildModel();
    writeFileSync(MODEL_PATH, JSON.stringify(model) + '\n');
    console.log(`wrote ${MODEL_PATH} (${JSON.stringify(model).length} bytes, ${model.hashed.count} hashed weights) in ${Date.now() - t0} ms`);
    console.log(JSON.stringify({ thresholds: model.thresholds, figures: model.figures }, null, 1));
  }
}
