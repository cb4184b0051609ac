/**
 * CI throughput: `briefmark check` (the built bundle, dist/cli.js) on a generated corpus
 * of briefs, against `markdownlint-cli2` on the same corpus in the same run; then the
 * same check with `--cache`, cold (cache written) and warm (unchanged corpus).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './corpus';
import { median, ms, now } from './lib';

const ROOT = join(__dirname, '..');

export interface CliResult {
  files: number;
  bytes: number;
  briefmark: number;
  markdownlint: number;
  cacheCold: number;
  cacheWarm: number;
  warmSpeedup: number;
  ratioToMarkdownlint: number;
  rounds: number;
  workers?: string;
  /** CPU time (user + system) of the first run and of markdownlint-cli2, medians (GNU time). */
  cpu?: number;
  markdownlintCpu?: number;
  /**
   * CPU of micromark's tokenizer alone over the same files (bench/tokenizerFloor.mjs, with
   * the V8 options of Briefmark's workers), median: the floor under any parser that
   * tokenizes as Briefmark and markdownlint-cli2 both do.
   */
  tokenizerCpu?: number;
}

/** The corpus under .bench/ (gitignored), written once per size and seed. */
export function corpus(count: number, dense = false): { dir: string; bytes: number } {
  const dir = join(ROOT, '.bench', `corpus-${dense ? 'dense-' : ''}${count}`);
  if (!existsSync(join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeCorpus(dir, count, 20_000, 1, dense);
    mkdirSync(join(dir, '.complete'));
  }
  let bytes = 0;
  for (const sub of readdirSync(dir)) if (sub.startsWith('part-')) for (const f of readdirSync(join(dir, sub))) bytes += statSync(join(dir, sub, f)).size;
  return { dir, bytes };
}

/** GNU time, when the machine has it: the CPU time of a command and all its threads. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CPU_LINE = /^BENCH_CPU ([\d.]+) ([\d.]+)$/m;

/** Runs a command: its wall time, and its CPU time (user + system, ms) where GNU time is there. */
function run(label: string, cmd: string, args: string[], cwd: string): { wall: number; cpu?: number } {
  const [bin, argv] = TIME ? [TIME, ['-f', 'BENCH_CPU %U %S', cmd, ...args]] : [cmd, args];
  const t = now();
  const p = spawnSync(bin, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, BRIEFMARK_CACHE_STATS: '1' } });
  const wall = now() - t;
  if (p.status === null || p.status > 1 || p.error) throw new Error(`${label} failed (${p.status}): ${p.error ?? p.stderr.slice(-1000)}`);
  const stats = p.stderr.split('\n').find((l) => l.includes('cache '));
  const c = CPU_LINE.exec(p.stderr);
  const cpu = c ? (Number(c[1]) + Number(c[2])) * 1000 : undefined;
  console.log(`  ${label}: ${ms(wall)}${cpu !== undefined ? `, CPU ${ms(cpu)}` : ''}${stats ? ` (${stats.replace('briefmark: ', '')})` : ''}`);
  return { wall, cpu };
}

export function benchCli(count: number, verdict: (ok: boolean, text: string) => void, rounds = 3, dense = false): CliResult {
  const { dir, bytes } = corpus(count, dense);
  const what = `${count} ${dense ? 'dense ' : ''}briefs`;
  console.log(`\nCI throughput on ${what} (${(bytes / 1e6).toFixed(1)} MB), ${rounds} rounds, interleaved:`);
  const cli = join(ROOT, 'dist', 'cli.js');
  const lint = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  const colds: number[] = [];
  const lints: number[] = [];
  const warms: number[] = [];
  const coldCpu: number[] = [];
  const lintCpu: number[] = [];
  const floorCpu: number[] = [];
  const floor = join(ROOT, 'bench', 'tokenizerFloor.mjs');
  const record = (r: { wall: number; cpu?: number }, walls: number[], cpus: number[]) => {
    walls.push(r.wall);
    if (r.cpu !== undefined) cpus.push(r.cpu);
  };
  for (let round = 1; round <= rounds; round++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefmark-cache-'));
    try {
      // The first run with --cache is the baseline: it analyses every file (and also hashes
      // them and writes the cache, so it is if anything slower than a run without --cache).
      // The two tools alternate which goes first, so neither always gets the warmer disk.
      const cacheArgs = [cli, 'check', '.', '--cache', '--cache-location', join(cacheDir, 'cache.json')];
      const briefmarkFirst = round % 2 === 1;
      if (!briefmarkFirst) record(run(`round ${round}: markdownlint-cli2`, process.execPath, [lint, '**/*.md'], dir), lints, lintCpu);
      record(run(`round ${round}: briefmark check --cache (first run)`, process.execPath, cacheArgs, dir), colds, coldCpu);
      if (briefmarkFirst) record(run(`round ${round}: markdownlint-cli2`, process.execPath, [lint, '**/*.md'], dir), lints, lintCpu);
      // With the V8 options of Briefmark's worker processes (check.ts): 32 MB semi-spaces, no helper threads.
      const f = run(`round ${round}: micromark's tokenizer alone (the floor)`, process.execPath, ['--max-semi-space-size=32', '--single-threaded', floor, '.'], dir);
      if (f.cpu !== undefined) floorCpu.push(f.cpu);
      warms.push(run(`round ${round}: briefmark check --cache (second run, unchanged corpus)`, process.execPath, cacheArgs, dir).wall);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const cacheCold = median(colds);
  const markdownlint = median(lints);
  const cacheWarm = median(warms);
  const briefmark = cacheCold;
  const r: CliResult = { files: count, bytes, rounds, briefmark, markdownlint, cacheCold, cacheWarm, warmSpeedup: cacheCold / cacheWarm, ratioToMarkdownlint: briefmark / markdownlint };
  verdict(briefmark <= markdownlint, `briefmark check ${ms(briefmark)} vs markdownlint-cli2 ${ms(markdownlint)} median of ${rounds} on ${what}: ratio ${r.ratioToMarkdownlint.toFixed(2)} (target ≤ 1)`);
  if (coldCpu.length && lintCpu.length) {
    r.cpu = median(coldCpu);
    r.markdownlintCpu = median(lintCpu);
    verdict(r.cpu <= 0.8 * r.markdownlintCpu, `briefmark check CPU ${ms(r.cpu)} vs markdownlint-cli2 ${ms(r.markdownlintCpu)} median on ${what}: ratio ${(r.cpu / r.markdownlintCpu).toFixed(2)} (target ≤ 0.8)`);
    if (floorCpu.length) {
      r.tokenizerCpu = median(floorCpu);
      console.log(`  the floor: micromark's tokenizer alone ${ms(r.tokenizerCpu)} of CPU, ${(r.tokenizerCpu / r.markdownlintCpu).toFixed(2)} of markdownlint-cli2's; Briefmark's analysis after the tokenizer ${ms(r.cpu - r.tokenizerCpu)} (${(r.cpu / r.tokenizerCpu).toFixed(2)}× the floor)`);
    }
  }
  verdict(r.warmSpeedup >= 10, `second run with an unchanged corpus ${ms(cacheWarm)} median: ${r.warmSpeedup.toFixed(1)}× faster than the first (target ≥ 10×)`);
  return r;
}

if (process.argv[1]?.endsWith('cli.ts')) {
  const n = Number(process.argv[2] ?? 1000);
  const rounds = Number(process.argv[3] ?? 3);
  benchCli(n, (ok, text) => console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`), rounds);
}
