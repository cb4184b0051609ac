/**
 * `npm run bench`: every benchmark of docs/performance.md, each against its baseline in
 * the same run (the machine's speed drifts, so ratios matter more than milliseconds).
 *
 *   npm run bench                       all of them
 *   npm run bench -- --only edit,features   (edit, server, features, growth, memory, cli, sources, workspace, assertions, citations, hostile)
 *   npm run bench -- --quick            smaller corpus, growth up to 1 MB
 *
 * Results go to bench/results/latest.json (a run with --only or --quick: partial.json, not
 * committed); `npm run bench:plot` draws the growth curve from latest.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEdit } from './edit';
import { benchFeatures } from './features';
import type { GrowthPoint } from './growth';
import { machine, ms } from './lib';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : undefined;
const want = (name: string) => !only || only.includes(name);

async function main(): Promise<void> {
const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString() };
const verdicts: string[] = [];
const verdict = (ok: boolean, text: string) => {
  verdicts.push(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
};
console.log(`Briefmark benchmarks on ${results.machine}\n`);
if (!args.includes('--no-build') && (want('cli') || want('memory') || want('server') || want('sources') || want('workspace') || want('hostile'))) {
  // The CLI and the server are measured as shipped: the esbuild bundles in dist/.
  const build = spawnSync('npm', ['run', 'build'], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

if (want('edit')) {
  const r = await benchEdit(100_000, quick ? 30 : 80, quick ? 7 : 15);
  results.edit = r;
  console.log(`edit: ${(r.bytes / 1000).toFixed(0)} KB, ${r.blocks} blocks, ${r.reparsedBlocks.toFixed(2)} re-parsed per edit`);
  verdict(r.ratio <= 0.1, `edit latency ${ms(r.incremental)} median vs full parse-and-analyse ${ms(r.full)}: ratio ${r.ratio.toFixed(3)} (target ≤ 0.1)`);
  verdict(r.incremental < 25, `edit latency ${ms(r.incremental)} median (target < 25 ms)`);
  // The dense corpus (#16): a brief as a team's real one becomes, ≥ 4 claims per KB and a source document.
  const d = await benchEdit(100_000, quick ? 30 : 80, quick ? 5 : 9, true);
  results.editDense = d;
  console.log(`edit, dense: ${(d.bytes / 1000).toFixed(0)} KB, ${d.blocks} blocks, ${d.reparsedBlocks.toFixed(2)} re-parsed per edit`);
  verdict(d.ratio <= 0.03, `edit latency on the dense brief ${ms(d.incremental)} median vs its full analysis ${ms(d.full)}: ratio ${d.ratio.toFixed(3)} (target ≤ 0.03)`);
  verdict(d.incremental <= 10, `edit latency on the dense brief ${ms(d.incremental)} median (target ≤ 10 ms)`);
  verdict(d.gcShare < 0.15, `garbage collection in the dense brief's edits: ${(100 * d.gcShare).toFixed(1)}% of their time (target < 15%; V8's gc entries inside the timed edits, in this process with Node's default young generation — the server's own figure, with the flags VS Code gives it, is in --only server)`);
  // A space typed: the block is always parsed again (a letter inside a word is not, see parse/typedLetter.ts).
  const s = await benchEdit(100_000, quick ? 30 : 80, quick ? 5 : 9, true, ' ');
  results.editDenseSpace = s;
  verdict(s.ratio <= 0.03, `edit latency on the dense brief, typing a space ${ms(s.incremental)} median vs its full analysis ${ms(s.full)}: ratio ${s.ratio.toFixed(3)} (target ≤ 0.03)`);
  verdict(s.incremental <= 10, `edit latency on the dense brief, typing a space ${ms(s.incremental)} median (target ≤ 10 ms)`);
  verdict(s.gcShare < 0.15, `garbage collection in the dense brief's edits, typing a space: ${(100 * s.gcShare).toFixed(1)}% of their time (target < 15%)`);
  // A comma typed into a list of 200 items (27 KB), a table of 200 rows, 200 footnote
  // definitions one per line or a quote of 200 paragraphs: the item, row, definition or
  // paragraph is parsed again, not the whole (parse/partEdit.ts, parse/blocks.ts).
  const what = { list: ['editDenseList', 'a list of 200 items'], table: ['editDenseTable', 'a table of 200 rows'], footnotes: ['editDenseFootnotes', '200 footnote definitions one per line'], quote: ['editDenseQuote', 'a block quote of 200 paragraphs'] } as const;
  for (const kind of ['list', 'table', 'footnotes', 'quote'] as const) {
    const l = await benchEdit(100_000, quick ? 30 : 80, quick ? 5 : 9, true, ',', { kind, parts: 200 });
    results[what[kind][0]] = l;
    verdict(l.incremental <= 10, `edit latency in ${what[kind][1]} of a dense brief, typing a comma ${ms(l.incremental)} median vs its full analysis ${ms(l.full)}: ratio ${l.ratio.toFixed(3)} (target ≤ 10 ms)`);
  }
  if (!quick) {
    const m = await benchEdit(1_000_000, 40, 3, true);
    results.editDenseMB = m;
    verdict(m.incremental <= 30, `edit latency on a dense ${(m.bytes / 1e6).toFixed(1)} MB brief ${ms(m.incremental)} median, full analysis ${ms(m.full)} (target ≤ 30 ms)`);
    verdict(m.gcShare < 0.15, `garbage collection in the dense 1 MB brief's edits: ${(100 * m.gcShare).toFixed(1)}% of their time (target < 15%)`);
  }
}

if (want('server')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchServerEdit } = require('./serverEdit') as typeof import('./serverEdit');
  results.serverEdit = await benchServerEdit(quick ? 30 : 80, quick ? 5 : 9, verdict);
  results.serverEditDense = await benchServerEdit(quick ? 30 : 80, quick ? 5 : 9, verdict, { dense: true, targets: { ratio: 0.03, ms: 10 }, outline: { samples: quick ? 15 : 40, pauseMs: 400 } });
  results.serverEditDenseSpace = await benchServerEdit(quick ? 30 : 80, quick ? 5 : 9, verdict, { dense: true, insert: ' ', targets: { ratio: 0.03, ms: 10 } });
  // The dense 1 MB brief over LSP: some 2,000 diagnostics (1.1 MB of JSON) in each push.
  if (!quick) results.serverEditDenseMB = await benchServerEdit(30, 3, verdict, { dense: true, bytes: 1_000_000, targets: { ratio: 0.03, ms: 30 } });
}

if (want('features')) {
  const r = benchFeatures(100_000, quick ? 100 : 300);
  results.features = r;
  for (const k of ['hover', 'outline', 'completion'] as const)
    verdict(r[k].median < 5, `${k} on ${(r.bytes / 1000).toFixed(0)} KB: ${ms(r[k].median)} median, p95 ${ms(r[k].p95)} (target < 5 ms; full analysis ${ms(r.full)})`);
  const d = benchFeatures(100_000, quick ? 100 : 300, true);
  results.featuresDense = d;
  for (const k of ['hover', 'outline', 'completion'] as const)
    verdict(d[k].p95 < 2, `${k}${k === 'outline' ? ' (after an edit, prepared in idle time as the server does)' : ''} on the dense ${(d.bytes / 1000).toFixed(0)} KB brief: ${ms(d[k].median)} median, p95 ${ms(d[k].p95)} (target p95 < 2 ms; full analysis ${ms(d.full)})`);
  console.log(`  the outline asked at once after an edit (nothing prepared): ${ms(d.outlineCold.median)} median, p95 ${ms(d.outlineCold.p95)}`);
}

if (want('growth')) {
  const sizes = quick ? [10e3, 30e3, 100e3, 300e3, 1e6] : [10e3, 30e3, 100e3, 300e3, 1e6, 2e6, 5e6];
  const points: GrowthPoint[] = [];
  console.log('\ngrowth (fresh process per size):');
  console.log('   size   blocks        full   full/MB        edit');
  for (const size of sizes) {
    const p = spawnSync(process.execPath, ['--max-old-space-size=6144', '--import', 'tsx', join(__dirname, 'growth.ts'), '--size', String(size)], { encoding: 'utf8' });
    if (p.status !== 0) {
      console.log(`  ${size}: failed: ${p.stderr.slice(-500)}`);
      continue;
    }
    const point = JSON.parse(p.stdout.trim().split('\n').pop()!) as GrowthPoint;
    points.push(point);
    console.log(`${(point.bytes / 1000).toFixed(0).padStart(6)} KB ${String(point.blocks).padStart(7)} ${ms(point.full).padStart(11)} ${ms(point.full / (point.bytes / 1e6)).padStart(9)} ${ms(point.edit).padStart(11)}`);
  }
  const slopes = points.slice(1).map((p, i) => {
    const q = points[i];
    const slope = (key: 'full' | 'edit') => Math.log(p[key] / q[key]) / Math.log(p.bytes / q.bytes);
    return { from: q.bytes, to: p.bytes, full: slope('full'), edit: slope('edit') };
  });
  results.growth = { points, slopes };
  for (const s of slopes)
    if (s.full > 1.25) console.log(`  super-linear step: full analysis ${(s.from / 1e3).toFixed(0)} KB → ${(s.to / 1e3).toFixed(0)} KB, log-log slope ${s.full.toFixed(2)}`);
  const overall = points.length > 1 ? Math.log(points[points.length - 1].full / points[0].full) / Math.log(points[points.length - 1].bytes / points[0].bytes) : NaN;
  verdict(overall < 1.2, `full analysis grows with log-log slope ${overall.toFixed(2)} from ${(points[0]?.bytes / 1e3).toFixed(0)} KB to ${(points[points.length - 1]?.bytes / 1e6).toFixed(1)} MB (linear = 1)`);
}

if (want('memory')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchMemory } = require('./memory') as typeof import('./memory');
  results.memory = await benchMemory(quick ? 200 : 1000, verdict);
}

if (want('cli')) {
  // Loaded lazily: it builds the bundles and writes a corpus.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchCli } = require('./cli') as typeof import('./cli');
  const r = benchCli(quick ? 200 : 1000, verdict, quick ? 1 : 3);
  results.cli = r;
  results.cliDense = benchCli(quick ? 200 : 1000, verdict, quick ? 1 : 3, true);
}

if (want('sources')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchSources } = require('./sources') as typeof import('./sources');
  results.sources = await benchSources(verdict, quick ? 2 : 3, quick);
}

if (want('workspace')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchWorkspaceDiagnostics } = require('./workspaceDiagnostics') as typeof import('./workspaceDiagnostics');
  // `--briefs N` for a larger workspace (docs/performance.md reports 1,000 and 20,000).
  const briefsArg = args.indexOf('--briefs');
  const briefs = briefsArg >= 0 ? Number(args[briefsArg + 1]) : quick ? 200 : 1000;
  results.workspaceDiagnostics = await benchWorkspaceDiagnostics(briefs, verdict);
}

if (want('assertions')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchAssertions } = require('./assertions') as typeof import('./assertions');
  results.assertions = benchAssertions(verdict, quick ? 7 : 15);
}

if (want('citations')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchCitations } = require('./citations') as typeof import('./citations');
  results.citations = benchCitations(verdict, quick ? 3 : 5);
}

if (want('hostile')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { benchHostileGrowth, benchResponsiveness } = require('./hostile') as typeof import('./hostile');
  results.hostile = benchHostileGrowth(verdict);
  results.responsiveness = [];
  for (const name of quick ? ['unclosed text directives'] : ['unclosed text directives', 'many short paragraphs', 'nested containers']) (results.responsiveness as unknown[]).push(await benchResponsiveness(verdict, name));
}

results.verdicts = verdicts;
const dir = join(__dirname, 'results');
mkdirSync(dir, { recursive: true });
// Only a full run replaces the figures that docs/performance.md reports.
const file = only || quick ? 'partial.json' : 'latest.json';
writeFileSync(join(dir, file), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote bench/results/${file}`);
}

void main();
