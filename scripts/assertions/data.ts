/**
 * The labelled sentences of the assertion classifier and their splits (docs/assertions.md,
 * "Data"): ClaimBuster's crowdsourced set and NewsSD-ENG from `../shared/data/claim-detection/`
 * (never committed here; their README gives provenance and licences), and the brief-register
 * set written for Briefmark (test/fixtures/assertions/briefs.tsv).
 *
 * Splits are fixed by a hash of the sentence's text: for the shared sets, their own
 * `train`/`dev` split, and `dev` halved into `tune` (thresholds are chosen on it) and
 * `test` (never looked at while tuning); for the brief set, half `train`, a quarter `tune`,
 * a quarter `test`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSentences } from '../../server/src/core/model/sentences';
import { TRAINING_BRIEFS, WHOLE_BRIEFS, wholeBriefSet } from './wholeBriefs';

export const ROOT = join(__dirname, '..', '..');
export const SHARED = process.env.BRIEFMARK_CLAIM_DATA ?? join(ROOT, '..', 'shared', 'data', 'claim-detection');
export const BRIEFS = join(ROOT, 'test', 'fixtures', 'assertions', 'briefs.tsv');
export const SEEDS = process.env.BRIEFMARK_SEEDS ?? join(ROOT, '..', 'shared', 'seeds');
export const SEED_LABELS = join(ROOT, 'test', 'fixtures', 'assertions', 'seeds.labels.tsv');

export type Source = 'claimbuster' | 'newssd' | 'briefs' | 'whole' | 'seeds';
export type Split = 'train' | 'tune' | 'test';

export interface Example {
  source: Source;
  split: Split;
  text: string;
  label: 0 | 1;
  kind?: string;
}

/** 0–99 from the SHA-256 of the text (stable, whatever else changes). */
export function bucket(text: string, salt = ''): number {
  return parseInt(createHash('sha256').update(salt + text).digest('hex').slice(0, 8), 16) % 100;
}

function sharedSet(file: string, source: Source): Example[] {
  const path = join(SHARED, file);
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [, , , text, factual, split] = line.split('\t');
      const s: Split = split === 'train' ? 'train' : bucket(text, 'dev') < 50 ? 'tune' : 'test';
      return { source, split: s, text, label: factual === '1' ? 1 : 0 };
    });
}

export function briefSet(): Example[] {
  return readFileSync(BRIEFS, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [label, kind, text] = l.split('\t');
      const b = bucket(text);
      return { source: 'briefs' as const, split: b < 50 ? ('train' as const) : b < 75 ? ('tune' as const) : ('test' as const), text, label: label === 'A' ? 1 : 0, kind };
    });
}

/**
 * The labelled sentences of the two seed texts (a published news article and the policy
 * brief written from it; `../shared/seeds`, never committed here): an evaluation on prose
 * nobody here wrote. Only the labels are committed, keyed by a hash of each sentence, so
 * a sentence that the splitter cuts differently is simply not found. All `test`: never
 * trained or tuned on. Empty when the seeds are not there.
 */
export function seedSet(): Example[] {
  if (!existsSync(SEEDS) || !existsSync(SEED_LABELS)) return [];
  const labels = new Map(
    readFileSync(SEED_LABELS, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .map(([file, hash, label]) => [`${file} ${hash}`, label]),
  );
  const out: Example[] = [];
  for (const file of readdirSync(SEEDS).filter((f) => /^\d+_.*\.txt$/.test(f)).sort()) {
    const prefix = file.slice(0, file.indexOf('_'));
    for (const line of readFileSync(join(SEEDS, file), 'utf8').split('\n'))
      for (const s of splitSentences(line)) {
        const text = line.slice(s.start, s.end).trim();
        const label = labels.get(`${prefix} ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
        if (label) out.push({ source: 'seeds', split: 'test', text, label: label === 'A' ? 1 : 0, kind: prefix });
      }
  }
  return out;
}

export function hasSharedData(): boolean {
  return existsSync(join(SHARED, 'claimbuster-crowdsourced.tsv')) && existsSync(join(SHARED, 'newssd-eng.tsv'));
}

export function allExamples(): Example[] {
  return [...sharedSet('claimbuster-crowdsourced.tsv', 'claimbuster'), ...sharedSet('newssd-eng.tsv', 'newssd'), ...briefSet(), ...wholeBriefSet()];
}

/** SHA-256 of the training data files and of the parameters: what the model's fingerprint is. */
export function fingerprint(params: object): string {
  const h = createHash('sha256');
  const files = [join(SHARED, 'claimbuster-crowdsourced.tsv'), join(SHARED, 'newssd-eng.tsv'), BRIEFS, join(ROOT, 'server', 'src', 'core', 'assertions', 'features.ts')];
  // The whole briefs trained on, and how their sentences are read (a brief only measured changes nothing).
  files.push(...TRAINING_BRIEFS.map((name) => join(WHOLE_BRIEFS, name)), join(__dirname, 'wholeBriefs.ts'));
  for (const f of files) h.update(createHash('sha256').update(readFileSync(f)).digest('hex'));
  h.update(JSON.stringify(params));
  return h.digest('hex');
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function counts(scores: number[], labels: number[], threshold: number): Counts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  scores.forEach((s, i) => {
    const yes = s >= threshold;
    if (yes && labels[i]) c.tp++;
    else if (yes) c.fp++;
    else if (labels[i]) c.fn++;
    else c.tn++;
  });
  return c;
}

export function rates(c: Counts): { precision: number; recall: number; f1: number; falseAlarms: number } {
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall), falseAlarms: c.fp / Math.max(1, c.fp + c.tn) };
}
