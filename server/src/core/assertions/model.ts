import { DESIGNED, HASH_BITS, sentenceFeatures, type DesignedName, type SentenceFeatures } from './features';

/**
 * The assertion classifier at run time: a logistic regression over the features of
 * features.ts, trained offline by scripts/train-assertions.ts and shipped as
 * `assertionModel.json` (docs/assertions.md). Pure TypeScript: the server, the CLI and a
 * browser build all run it, with no native code and no download.
 */

export type Sensitivity = 'low' | 'balanced' | 'high';

/** The model as stored: small (hashed weights quantised to 8 bits, only the non-zero ones). */
export interface AssertionModelFile {
  format: 'briefmark-assertions/1';
  /** SHA-256 of the training data and parameters (scripts/train-assertions.ts checks it). */
  fingerprint: string;
  hashBits: number;
  designed: string[];
  designedWeights: number[];
  /** Non-zero hashed weights: bucket ids as base64 LEB128 deltas, weights as base64 int8 times `scale`. */
  hashed: { count: number; scale: number; ids: string; weights: string };
  thresholds: Record<Sensitivity, number>;
  /** For explanations: the words behind the strongest hashed features. */
  words: Record<string, string>;
  /** Figures recorded when the model was trained (test/unit/assertionModel.test.ts reproduces them). */
  figures: Record<string, unknown>;
}

export interface Verdict {
  /** The probability that the sentence is an assertion of fact. */
  score: number;
  features: SentenceFeatures;
  /** The designed features and words that pushed the score up most, strongest first. */
  reasons: Reason[];
}

export interface Reason {
  kind: 'designed' | 'word';
  name: string;
  /** The words of the sentence behind it. */
  text: string;
  weight: number;
}

export class AssertionModel {
  private constructor(
    private readonly weights: Float32Array,
    private readonly designedWeights: Float32Array,
    readonly thresholds: Record<Sensitivity, number>,
    private readonly words: Map<number, string>,
    readonly fingerprint: string,
  ) {}

  static load(file: AssertionModelFile): AssertionModel {
    if (file.format !== 'briefmark-assertions/1') throw new Error(`unknown assertion model format ${String(file.format)}`);
    if (file.hashBits !== HASH_BITS || file.designed.join(' ') !== DESIGNED.join(' ')) throw new Error('the assertion model was trained on other features than this build computes');
    const weights = decodeHashedWeights(file.hashed);
    const words = new Map(Object.entries(file.words).map(([k, v]) => [Number(k), v]));
    return new AssertionModel(weights, Float32Array.from(file.designedWeights), file.thresholds, words, file.fingerprint);
  }

  /** The verdict on one sentence: its probability of being an assertion of fact, and why. */
  judge(sentence: string): Verdict {
    const features = sentenceFeatures(sentence);
    let z = 0;
    for (let i = 0; i < DESIGNED.length; i++) z += this.designedWeights[i] * features.designed[i];
    for (const h of features.hashed) z += this.weights[h];
    return { score: sigmoid(z), features, reasons: this.reasons(features) };
  }

  /** Only the probability (for batches: no explanation built). */
  score(sentence: string): number {
    const features = sentenceFeatures(sentence);
    let z = 0;
    for (let i = 0; i < DESIGNED.length; i++) z += this.designedWeights[i] * features.designed[i];
    for (const h of features.hashed) z += this.weights[h];
    return sigmoid(z);
  }

  private reasons(features: SentenceFeatures): Reason[] {
    const out: Reason[] = [];
    for (let i = 1; i < DESIGNED.length; i++) {
      const w = this.designedWeights[i] * features.designed[i];
      const name = DESIGNED[i] as DesignedName;
      if (w > 0.15 && features.evidence[name]) out.push({ kind: 'designed', name, text: features.evidence[name]!, weight: w });
    }
    const seen = new Set<number>();
    let own: Set<string> | undefined;
    for (const h of features.hashed) {
      if (seen.has(h)) continue;
      seen.add(h);
      const w = this.weights[h];
      const word = this.words.get(h);
      if (!(w > 0.3 && word)) continue;
      // A bucket is shared by every n-gram that hashes to it: the word kept for it is named
      // only when this sentence has it ("loans" is not a reason for "Pig production grew").
      own ??= new Set(features.words);
      if (own.has(word)) out.push({ kind: 'word', name: word, text: word, weight: w });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, 4);
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 to bytes, without Buffer (browsers too). */
/** The hashed weights of a model file: ids as LEB128 deltas, weights as signed bytes times `scale`. */
export function decodeHashedWeights(hashed: AssertionModelFile['hashed']): Float32Array {
  const weights = new Float32Array(1 << HASH_BITS);
  const ids = fromBase64(hashed.ids);
  const q = fromBase64(hashed.weights);
  let id = 0;
  let p = 0;
  for (let k = 0; k < hashed.count; k++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const b = ids[p++];
      delta |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    id += delta;
    weights[id] = ((q[k] << 24) >> 24) * hashed.scale;
  }
  return weights;
}

export function fromBase64(s: string): Uint8Array {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61 /* = */) end--;
  const clean = s.slice(0, end);
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | B64.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}
