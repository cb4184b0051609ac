/**
 * The assertion check (docs/assertions.md): how well it finds unsourced assertions of
 * fact, and what it costs, each beside its baseline in the same run.
 *
 * Quality, per split it was not trained on (`tune` chose the thresholds; `test` was never
 * looked at while tuning): precision, recall, F1 and false alarms of the classifier at each
 * sensitivity, with 95% Wilson intervals, beside the rule-based detector it replaced (a
 * sentence with a figure, money, a percentage, a quotation or a reporting verb). The rule's
 * own exemptions (questions, recommendations) are measured too: with and without them.
 *
 * Cost: microseconds per sentence of the classifier beside the cue search on the same
 * ~100 KB of brief-register prose; the whole rule's share of analysing a dense 100 KB
 * brief once its sentences have been judged (the rule remembers recent verdicts, so an
 * edit re-judges only the sentences it changed); the model's load time; its weight in the
 * shipped server bundle.
 *
 * The seed texts (../shared/seeds: a published article and the brief written from it)
 * are prose nobody here wrote: their sentences, labelled by the guide before any model
 * scored them (test/fixtures/assertions/seeds.labels.tsv), are measured as they are.
 *
 * Needs ../shared/data/claim-detection (or BRIEFMARK_CLAIM_DATA) for the ClaimBuster and
 * NewsSD figures, and ../shared/seeds for the seeds'; without them, only the
 * brief-register figures and the costs are measured.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyze } from '../server/src/core/analysis';
import { defaultConventions } from '../server/src/core/conventions/types';
import { emptyBibliography } from '../server/src/core/sources/bibliography';
import { AssertionModel, type AssertionModelFile, type Sensitivity } from '../server/src/core/assertions/model';
import { splitSentences } from '../server/src/core/model/sentences';
import { documentFacts } from '../server/src/core/rules/scope';
import { exemptSentence } from '../server/src/core/assertions/exemptions';
import { assertionModel, findAssertionCues, possibleUnsourcedAssertion } from '../server/src/core/rules/possibleUnsourcedAssertion';
import { allExamples, briefSet, counts, hasSharedData, rates, SEEDS, seedSet, type Counts, type Example } from '../scripts/assertions/data';
import { wholeBriefSet } from '../scripts/assertions/wholeBriefs';
import { median, ms, now, time } from './lib';
import { pushAll } from '../server/src/core/text/pushAll';

type Verdict = (ok: boolean, text: string) => void;

const MODEL_PATH = join(__dirname, '..', 'server', 'src', 'core', 'assertions', 'assertionModel.json');
const SENSITIVITIES: Sensitivity[] = ['low', 'balanced', 'high'];

/** The 95% Wilson score interval of k successes in n trials. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(c - h) / d, (c + h) / d];
}

export interface Row {
  split: string;
  detector: string;
  n: number;
  counts: Counts;
  precision: number;
  recall: number;
  f1: number;
  falseAlarms: number;
  precisionCI: [number, number];
  recallCI: [number, number];
}

function row(split: string, detector: string, flagged: boolean[], labels: number[]): Row {
  const c = counts(
    flagged.map((f) => (f ? 1 : 0)),
    labels,
    0.5,
  );
  const r = rates(c);
  return { split, detector, n: labels.length, counts: c, ...r, precisionCI: wilson(c.tp, c.tp + c.fp), recallCI: wilson(c.tp, c.tp + c.fn) };
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const ci = ([a, b]: [number, number]) => `${(100 * a).toFixed(0)}–${(100 * b).toFixed(0)}`;

function printRows(rows: Row[]): void {
  console.log('  split             detector                   n   precision (95% CI)   recall (95% CI)    F1   false alarms');
  for (const r of rows)
    console.log(
      `  ${r.split.padEnd(17)} ${r.detector.padEnd(22)} ${String(r.n).padStart(5)}   ${pct(r.precision)} (${ci(r.precisionCI).padEnd(7)})    ${pct(r.recall)} (${ci(r.recallCI).padEnd(7)})  ${pct(r.f1)}  ${pct(r.falseAlarms)}`,
    );
}

/** What the rule exempts whatever the classifier says (questions, recommendations, captions, imperatives, unattributed forecasts). */
const exempt = exemptSentence;

export function measureQuality(): Row[] {
  const model = assertionModel();
  const examples = [...(hasSharedData() ? allExamples() : [...briefSet(), ...wholeBriefSet()]), ...seedSet()];
  const splits: [string, (e: Example) => boolean][] = [
    ['ClaimBuster test', (e) => e.source === 'claimbuster' && e.split === 'test'],
    ['NewsSD test', (e) => e.source === 'newssd' && e.split === 'test'],
    ['briefs test', (e) => e.source === 'briefs' && e.split === 'test'],
    // The sentences of the whole briefs not trained on (scripts/assertions/wholeBriefs.ts), each read alone.
    ['whole briefs held', (e) => e.source === 'whole' && e.split === 'test'],
    ['seed article', (e) => e.source === 'seeds' && e.kind === '000'],
    ['seed brief', (e) => e.source === 'seeds' && e.kind === '003'],
    ['seeds, both', (e) => e.source === 'seeds'],
    ['ClaimBuster tune', (e) => e.source === 'claimbuster' && e.split === 'tune'],
    ['briefs tune', (e) => e.source === 'briefs' && e.split === 'tune'],
  ];
  const rows: Row[] = [];
  for (const [name, pick] of splits) {
    const part = examples.filter(pick);
    if (part.length > 0) pushAll(rows, detectorRows(model, name, part));
  }
  pushAll(rows, seedDocumentRows(examples));
  pushAll(rows, yourRows(model));
  return rows;
}

/** The rows of one split: the old cue rule, the classifier at each sensitivity, and `balanced` with the rule's exemptions. */
function detectorRows(model: AssertionModel, name: string, part: ReadonlyArray<{ text: string; label: number }>): Row[] {
  const labels = part.map((e) => e.label);
  const scores = part.map((e) => model.score(e.text));
  const rows = [row(name, 'cues (old rule)', part.map((e) => findAssertionCues(e.text).length > 0), labels)];
  for (const s of SENSITIVITIES) rows.push(row(name, `model ${s}`, scores.map((x) => x >= model.thresholds[s]), labels));
  rows.push(row(name, 'balanced + exemptions', scores.map((x, i) => x >= model.thresholds.balanced && !exempt(part[i].text)), labels));
  return rows;
}

/**
 * A team's own labelled sentences (`BRIEFMARK_LABELLED=a.tsv,b.tsv`: a header line, then
 * `A` or `N` — or 1 or 0 — a tab and the sentence, as `test/fixtures/assertions/briefs.tsv`
 * without its split column): the same rows as for the splits above, and the whole rule on
 * each sentence read as a one-sentence brief, to choose `assertions.sensitivity` on prose
 * like the team's. Nothing of the file is kept.
 */
function yourRows(model: AssertionModel): Row[] {
  const rows: Row[] = [];
  for (const path of (process.env.BRIEFMARK_LABELLED ?? '').split(',').filter(Boolean)) {
    const part = readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split('\t'))
      .filter(([label, text]) => text && /^(?:A|N|1|0)$/.test(label.trim()))
      .map(([label, text]) => ({ label: /^(?:A|1)$/.test(label.trim()) ? 1 : 0, text: text.trim() }));
    if (part.length === 0) {
      console.log(`  ${path}: no labelled sentences (a header line, then "A" or "N", a tab and the sentence)`);
      continue;
    }
    const name = `yours: ${(path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]+$/, '')}`.slice(0, 17);
    pushAll(rows, detectorRows(model, name, part));
    const labels = part.map((e) => e.label);
    const flagged = part.map((e) => analyze({ uri: 'file:///yours.brief.md', relativePath: 'yours.brief.md', text: `${e.text}\n` }).diagnostics.some((d) => d.code === 'possible-unsourced-assertion'));
    rows.push(row(name, 'rule, one sentence', flagged, labels));
  }
  return rows;
}

/**
 * The whole rule on each seed text read as a brief, as a user would run it (Markdown,
 * default conventions): a labelled sentence counts as reported when a diagnostic of the
 * rule overlaps it. The seed brief is plain text with no blank line: its headings are
 * lines inside one long paragraph, which is what `sentencesWithoutHeadingLines` reads.
 */
function seedDocumentRows(examples: Example[]): Row[] {
  if (!existsSync(SEEDS)) return [];
  const rows: Row[] = [];
  for (const file of readdirSync(SEEDS).filter((f) => /^\d+_.*\.txt$/.test(f)).sort()) {
    const kind = file.slice(0, file.indexOf('_'));
    const part = examples.filter((e) => e.source === 'seeds' && e.kind === kind);
    if (part.length === 0) continue;
    const text = readFileSync(join(SEEDS, file), 'utf8');
    const found = analyze({ uri: `file:///${kind}.brief.md`, relativePath: `${kind}.brief.md`, text }).diagnostics.filter((d) => d.code === 'possible-unsourced-assertion');
    const flagged = part.map((e) => {
      const at = text.indexOf(e.text);
      return at >= 0 && found.some((d) => d.span.start < at + e.text.length && d.span.end > at);
    });
    rows.push(row(kind === '000' ? 'seed article' : kind === '003' ? 'seed brief' : `seed ${kind}`, 'rule, whole document', flagged, part.map((e) => e.label)));
  }
  return rows;
}

/** About `bytes` of brief-register prose: the committed labelled sentences, as paragraphs, again and again. */
function briefProse(bytes: number): string {
  const sentences = briefSet().map((e) => e.text);
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const para = sentences.slice((i * 4) % sentences.length, ((i * 4) % sentences.length) + 4).join(' ');
    out.push(para);
    size += para.length + 2;
  }
  return out.join('\n\n');
}

export interface CostResult {
  sentences: number;
  modelMicros: number;
  cuesMicros: number;
  ratio: number;
  ruleMs: number;
  analysisMs: number;
  loadMs: number;
  modelBytes: number;
  modelGzip: number;
  bundleBytes?: number;
}

export function measureCost(runs = 15): CostResult {
  const model = assertionModel();
  const prose = briefProse(100_000);
  const sentences = prose
    .split('\n\n')
    .flatMap((p) => splitSentences(p).map((s) => p.slice(s.start, s.end)))
    .filter((s) => /\p{L}/u.test(s));
  let sink = 0;
  const modelTimes = time(() => {
    for (const s of sentences) sink += model.judge(s).score;
  }, runs);
  const cueTimes = time(() => {
    for (const s of sentences) sink += findAssertionCues(s).length;
  }, runs);
  // The whole rule inside the analysis of a dense brief (a front matter, sections, every sentence judged).
  const brief = `---\nbrief: true\ntitle: Bench\n---\n\n# Context\n\n${prose}\n`;
  const analysisTimes = time(() => void analyze({ uri: 'file:///bench.brief.md', text: brief }, { oneShot: true }), Math.max(5, runs >> 1), 2);
  const a = analyze({ uri: 'file:///bench.brief.md', text: brief }, { oneShot: true });
  const whole = { model: a.model, conventions: defaultConventions(), bibliography: emptyBibliography(), sourceDocuments: new Map() };
  // The rule over the whole brief as one scope (the analysis runs it per block, and keeps a block's findings while it is unchanged).
  const ctx = { ...whole, document: documentFacts(whole) };
  const ruleTimes = time(() => void possibleUnsourcedAssertion.check(ctx), Math.max(5, runs >> 1), 2);
  // Load: parse the JSON as the bundle does at start, and decode the weights.
  const raw = readFileSync(MODEL_PATH, 'utf8');
  const loadTimes = time(() => void AssertionModel.load(JSON.parse(raw) as AssertionModelFile), runs);
  const bundle = join(__dirname, '..', 'dist', 'server.js');
  if (sink === 42) console.log(''); // keep the work observable
  const modelMicros = (1000 * median(modelTimes)) / sentences.length;
  const cuesMicros = (1000 * median(cueTimes)) / sentences.length;
  return {
    sentences: sentences.length,
    modelMicros,
    cuesMicros,
    ratio: modelMicros / cuesMicros,
    ruleMs: median(ruleTimes),
    analysisMs: median(analysisTimes),
    loadMs: median(loadTimes),
    modelBytes: statSync(MODEL_PATH).size,
    modelGzip: gzipSync(raw).length,
    bundleBytes: existsSync(bundle) ? statSync(bundle).size : undefined,
  };
}

export function benchAssertions(verdict: Verdict, runs = 15): { quality: Row[]; cost: CostResult } {
  console.log('\nassertions: quality on splits the model was not trained on' + (hasSharedData() ? '' : ' (no ../shared data: brief-register sets only)'));
  const quality = measureQuality();
  printRows(quality);
  const get = (split: string, detector: string) => quality.find((r) => r.split === split && r.detector === detector);
  for (const split of ['ClaimBuster test', 'briefs test']) {
    const m = get(split, 'model balanced');
    const c = get(split, 'cues (old rule)');
    if (m && c) verdict(m.f1 > c.f1, `${split}: classifier F1 ${pct(m.f1).trim()}% vs the old cue rule ${pct(c.f1).trim()}% (recall ${pct(m.recall).trim()}% vs ${pct(c.recall).trim()}%)`);
  }
  const cost = measureCost(runs);
  console.log(`\nassertions: cost on ${cost.sentences} sentences (~100 KB of brief prose)`);
  verdict(cost.modelMicros <= 20, `classifier ${cost.modelMicros.toFixed(1)} µs per sentence median (target ≤ 20 µs; cue search ${cost.cuesMicros.toFixed(1)} µs, ratio ${cost.ratio.toFixed(1)})`);
  verdict(
    cost.ruleMs <= 0.1 * cost.analysisMs,
    `the whole rule, its sentences judged before (as on an edit), ${ms(cost.ruleMs)} of a ${ms(cost.analysisMs)} analysis of the 100 KB brief (target ≤ 10%; judging every sentence afresh: ${ms((cost.modelMicros * cost.sentences) / 1000)})`,
  );
  verdict(cost.loadMs <= 20, `model load ${ms(cost.loadMs)} median (target ≤ 20 ms)`);
  verdict(
    cost.modelBytes <= 1_000_000,
    `model ${(cost.modelBytes / 1000).toFixed(0)} KB (${(cost.modelGzip / 1000).toFixed(0)} KB gzipped) in a ${cost.bundleBytes ? (cost.bundleBytes / 1e6).toFixed(2) + ' MB' : 'not yet built'} server bundle (target ≤ 1 MB)`,
  );
  return { quality, cost };
}
