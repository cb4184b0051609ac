/**
 * `briefmark check` (spec §9): collect the files, check them (serially, or on worker
 * threads for large runs), and print one report in the chosen format. Results are sorted
 * by path whatever order the files finish in, so serial and parallel runs print the same.
 */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import { NodeWorkspace } from '../node/nodeWorkspace';
import type { CheckOptions } from './args';
import { CheckCache, environmentFingerprint, resolveCacheLocation, sha256, toolFingerprint } from './cache';
import { crashResult, createFileChecker, errorText, noClaims, type FileChecker, type FileResult } from './checkFile';
import type { SourcingCounts } from '../core/semantics/sourcing';
import { applyBaseline, loadBaseline, updatedBaseline, writeBaseline, type BaselineEntry } from './baseline';
import { changedLines, touchesChange, type ChangedLines } from './changedLines';
import { collectFiles, compare, displayPath, isInside, workspaceFolders } from './files';
import { fingerprintsOf } from './fingerprint';
import { githubStepSummary } from './formatters/github';
import { inShard } from './shard';
import { FORMATTERS } from './formatters';
import { runPool } from './pool';
import { Progress } from './progress';
import { summarize, type Report, type ReportFile, type RunProblem } from './report';

/** Below this many files, starting worker threads costs more than it saves. */
export const PARALLEL_MIN_FILES = 48;

/**
 * V8 options of the worker processes. Parsing makes a great deal of short-lived garbage:
 * with V8's default young generation a worker spends about a fifth of its time in
 * scavenges, and 32 MB semi-spaces (a 96 MB young generation) save most of that. With
 * every core busy with a worker, V8's helper threads for garbage collection and
 * optimization only compete with the workers: single-threaded workers spend less CPU and
 * less wall time (docs/performance.md, "CI throughput"). BRIEFMARK_WORKER_FLAGS replaces
 * them, to experiment.
 */
const WORKER_FLAGS = process.env.BRIEFMARK_WORKER_FLAGS?.split(' ').filter(Boolean) ?? ['--max-semi-space-size=32', '--single-threaded'];

export interface CheckIO {
  cwd: string;
  /** The environment (`GITHUB_STEP_SUMMARY`); `process.env` when absent. */
  env?: Record<string, string | undefined>;
  stdout(s: string): void;
  stderr(s: string): void;
  stderrIsTTY: boolean;
}

/** Seams for tests: the in-process checker, the worker script, the core count. */
export interface CheckDeps {
  checker?: (folders: string[]) => FileChecker;
  workerScript?: string;
  cores?: number;
}

export async function runCheck(options: CheckOptions, io: CheckIO, deps: CheckDeps = {}): Promise<0 | 1 | 2> {
  const report = await check(options, io, deps);
  io.stdout(FORMATTERS[options.format](report));
  const summaryFile = (io.env ?? process.env).GITHUB_STEP_SUMMARY;
  if (options.format === 'github' && summaryFile) {
    try {
      appendFileSync(summaryFile, githubStepSummary(report));
    } catch (e) {
      io.stderr(`briefmark: cannot write the step summary ${summaryFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    }
  }
  return report.exitCode;
}

export async function check(options: CheckOptions, io: CheckIO, deps: CheckDeps = {}): Promise<Report> {
  const { cwd } = io;
  const folders = workspaceFolders(cwd, options.paths, options.root);
  const collected = collectFiles(options.paths, cwd);
  const pathProblems = collected.problems;
  let files = collected.files;
  const problems: RunProblem[] = [];
  const problem = (path: string, message: string) => {
    problems.push({ path, message });
    io.stderr(`briefmark: ${path}: ${message}\n`);
  };
  for (const p of pathProblems) problem(p.path, p.message);
  // Paths in baselines and shards are relative to the workspace folder, wherever the command runs.
  const relativePath = (abs: string) => displayPath(folders.find((f) => isInside(abs, f)) ?? cwd, abs);
  const failed = (message: string): Report => {
    io.stderr(`briefmark: ${message}\n`);
    return { cwd, files: [], problems: [{ path: '.', message }], summary: summarize([], noClaims(), 1), exitCode: 2 };
  };
  let baseline: Map<string, BaselineEntry> | undefined;
  if (options.baseline) {
    const loaded = loadBaseline(resolve(cwd, options.baseline), !options.updateBaseline);
    if (!loaded.ok) return failed(loaded.error);
    baseline = loaded.value;
  }
  let changed: ChangedLines | undefined;
  if (options.changedSince !== undefined) {
    // git runs in the repository of the (first) path, not necessarily the current folder's.
    const first = options.paths.length ? resolve(cwd, options.paths[0]) : cwd;
    const c = changedLines(existsSync(first) && statSync(first).isDirectory() ? first : dirname(first), options.changedSince);
    if (!c.ok) return failed(c.error);
    changed = c.value;
  }
  const shard = options.shard;
  files = files.filter((f) => (!shard || inShard(relativePath(f.path), shard)) && (!changed || changed.files.has(f.path)));

  // With --cache, unchanged files (same content, build, conventions, source documents and
  // dependency files) take their stored result; only the others are checked.
  const cache = options.cache ? openCache(cwd, options.cacheLocation, folders) : undefined;
  // Source documents extracted from PDF, HTML and Word, kept by content beside the cache file.
  const sourcesCache = options.cache ? `${resolveCacheLocation(cwd, options.cacheLocation)}.sources` : undefined;
  const results: Array<FileResult | undefined> = files.map((f) => cache?.lookup(f.path));
  const todo = files.map((f) => f.path).filter((_, i) => !results[i]);

  const jobs = Math.min(options.jobs ?? (todo.length >= PARALLEL_MIN_FILES ? (deps.cores ?? availableParallelism()) : 1), todo.length);
  const progress = new Progress({ total: todo.length, write: io.stderr, enabled: io.stderrIsTTY });
  let fresh: FileResult[];
  if (jobs > 1) {
    fresh = await runPool<string, FileResult>(todo, {
      script: deps.workerScript ?? join(__dirname, 'cliWorker.js'),
      size: jobs,
      workerData: { folders, sourcesCache },
      execArgv: WORKER_FLAGS,
      onCrash: crashResult,
      onProgress: (done) => progress.tick(done),
    });
  } else {
    const checker = deps.checker ? deps.checker(folders) : createFileChecker(folders, undefined, sourcesCache);
    fresh = [];
    for (const path of todo) {
      // `check` never throws; a checker given by a test might.
      try {
        fresh.push(checker.check(path));
      } catch (e) {
        fresh.push(crashResult(path, errorText(e)));
      }
      progress.tick(fresh.length);
    }
  }
  progress.end();
  let k = 0;
  files.forEach((_, i) => {
    if (results[i]) return;
    const r = fresh[k++];
    results[i] = r;
    cache?.store(r);
  });
  if (cache) {
    const problem = cache.save();
    if (problem) io.stderr(`briefmark: ${problem}\n`);
    if (process.env.BRIEFMARK_CACHE_STATS) io.stderr(`briefmark: cache ${cache.stats.hits} hits, ${cache.stats.misses} misses${cache.stats.discarded ? `; previous cache discarded: ${cache.stats.discarded}` : ''}\n`);
  }

  const listed: ReportFile[] = [];
  let notBriefs = 0;
  const relatedListed = new Set<string>();
  const checkedPaths = new Set(files.map((f) => f.path));
  const sourcing = noClaims();
  files.forEach((file, i) => {
    const r = results[i]!;
    const path = displayPath(cwd, file.path);
    // A broken bibliography file is listed with its own problems, once, by whichever file read it first.
    for (const rel of r.related ?? []) {
      if (relatedListed.has(rel.path) || checkedPaths.has(rel.path)) continue;
      // In one shard only (the union of the shards is the whole run), and with --changed-since only when changed.
      if ((shard && !inShard(relativePath(rel.path), shard)) || (changed && !changed.files.has(rel.path))) continue;
      relatedListed.add(rel.path);
      listed.push({ path: displayPath(cwd, rel.path), diagnostics: rel.diagnostics });
    }
    if (r.readError) return problem(path, r.readError);
    if (r.crash) return problem(path, `could not be checked, an internal error (please report it): ${r.crash}`);
    for (const f of r.ruleFailures ?? []) problem(path, `rule ${f.code} failed, its findings are missing (please report it): ${f.error}`);
    if (!file.explicit && !r.isBrief) return;
    // (A file named on the command line is listed whatever it is; one that is no brief gets nothing, and the summary says how many.)
    if (!r.isBrief) notBriefs++;
    listed.push({ path, diagnostics: r.diagnostics });
    for (const k of Object.keys(sourcing) as Array<keyof SourcingCounts>) sourcing[k] += r.sourcing[k];
  });
  listed.sort((a, b) => compare(a.path, b.path));
  if (listed.length === 0 && problems.length === 0 && !changed && !shard) io.stderr(`briefmark: no briefs found (see "Which files are checked" in docs/cli.md)\n`);

  if (changed) for (const f of listed) f.diagnostics = f.diagnostics.filter((d) => touchesChange(changed.files.get(resolve(cwd, f.path)), d.range.start.line, d.range.end.line));
  let baselineCounts: { hidden: number; fixed: number } | undefined;
  if (baseline || options.format === 'gitlab') {
    const now: Array<{ fingerprint: string; code: string; path: string; text: string }> = [];
    for (const f of listed) {
      const abs = resolve(cwd, f.path);
      const rel = relativePath(abs);
      fingerprintsOf(abs, rel, f.diagnostics).forEach((fp, i) => {
        f.diagnostics[i].fingerprint = fp;
        now.push({ fingerprint: fp, code: f.diagnostics[i].code, path: rel, text: f.diagnostics[i].message });
      });
    }
    if (baseline) {
      const checked = new Set(files.map((f) => relativePath(f.path)));
      for (const f of listed) checked.add(relativePath(resolve(cwd, f.path)));
      const all = listed.flatMap((f) => f.diagnostics.map((d) => d.fingerprint!));
      const { hidden, fixed } = applyBaseline(baseline, all, checked);
      baselineCounts = { hidden: hidden.filter(Boolean).length, fixed };
      if (options.updateBaseline) {
        const error = writeBaseline(resolve(cwd, options.baseline!), updatedBaseline(baseline, now, checked));
        if (error) problem(options.baseline!, error);
        else io.stderr(`briefmark: baseline ${options.baseline} updated: ${now.length} finding${now.length === 1 ? '' : 's'} recorded, ${fixed} fixed since pruned\n`);
        // Everything found is now recorded: nothing is new.
        baselineCounts = { hidden: now.length, fixed };
        for (const f of listed) f.diagnostics = [];
      } else {
        let k = 0;
        for (const f of listed) f.diagnostics = f.diagnostics.filter(() => !hidden[k++]);
      }
    }
  }

  const summary = summarize(listed, sourcing, problems.length);
  if (baselineCounts) summary.baseline = baselineCounts;
  if (notBriefs) summary.notBriefs = notBriefs;
  const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
  const exitCode = problems.length ? 2 : summary.errors > 0 || tooManyWarnings ? 1 : 0;
  if (tooManyWarnings)
    io.stderr(`briefmark: ${summary.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  return { cwd, files: listed, problems, summary, exitCode };
}

type CachedResult = Omit<FileResult, 'path'>;

/** The `--cache` store, keyed as `cache.ts` describes; only complete results are stored. */
function openCache(cwd: string, location: string | undefined, folders: string[]) {
  const store = CheckCache.open<CachedResult>(resolveCacheLocation(cwd, location), toolFingerprint(version));
  const workspace = new NodeWorkspace();
  workspace.setFolders(folders.map((f) => pathToFileURL(f).href));
  const memo = new WeakMap<object, string>();
  const keys = new Map<string, { content: string; environment: string }>();
  const key = (path: string) => {
    let k = keys.get(path);
    if (!k) {
      const uri = pathToFileURL(path).href;
      const conventions = workspace.conventionsFor(uri);
      k = { content: sha256(readFileSync(path)), environment: environmentFingerprint(conventions, workspace.sourceDocumentsListing(uri, conventions), workspace.relativePath(uri), memo) };
      keys.set(path, k);
    }
    return k;
  };
  return {
    stats: store.stats,
    save: () => store.save(),
    lookup(path: string): FileResult | undefined {
      try {
        const k = key(path);
        const hit = store.get(path, k.content, k.environment);
        return hit ? { ...hit, path } : undefined;
      } catch {
        return undefined; // unreadable: the checker reports it
      }
    },
    store(r: FileResult): void {
      const k = keys.get(r.path);
      if (!k || r.readError || r.crash || r.ruleFailures) return store.delete(r.path);
      const { path: _path, ...result } = r;
      store.set(r.path, k.content, k.environment, r.deps ?? [], result);
    },
  };
}
