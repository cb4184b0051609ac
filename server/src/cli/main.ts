/**
 * `briefmark` — the reviewers' command line (spec §9). Uses the same core service as the server.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analysis } from '../core/analysis';
import { defaultConventions } from '../core/conventions/types';
import { createBriefService, inMemoryWorkspace, type IWorkspace } from '../core/service';
import { CheckCache, environmentFingerprint, resolveCacheLocation, sha256, toolFingerprint } from './cache';
import { matchesAnyGlob } from '../core/text/glob';
import { exportCodebookCommand } from './exportCodebook';

const USAGE = `Usage: briefmark check [paths…] [--format text|json] [--max-warnings N] [--cache] [--cache-location PATH]
       briefmark export-codebook [--out FILE] [PATH]`;
const VERSION = '0.1.0';

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === '--version') {
    process.stdout.write(`briefmark ${VERSION}\n`);
    return 0;
  }
  if (command === 'export-codebook') return exportCodebookCommand(rest);
  if (command !== 'check') {
    process.stderr.write(`${command ? `Unknown command "${command}". ` : ''}${USAGE}\n`);
    return 2;
  }
  let format = 'text';
  let maxWarnings = Infinity;
  let useCache = false;
  let cacheLocation: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--format') format = rest[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--max-warnings') maxWarnings = Number(rest[++i]);
    else if (a === '--cache') useCache = true;
    else if (a === '--cache-location' || a.startsWith('--cache-location=')) {
      cacheLocation = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      useCache = true;
      if (!cacheLocation) {
        process.stderr.write(`--cache-location needs a path. ${USAGE}\n`);
        return 2;
      }
    }
    else if (a.startsWith('--')) {
      process.stderr.write(`Unknown option "${a}". ${USAGE}\n`);
      return 2;
    } else paths.push(a);
  }
  if (!['text', 'json'].includes(format) || Number.isNaN(maxWarnings)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const cwd = process.cwd();
  const conventions = defaultConventions();
  const files: string[] = [];
  let usageError = false;
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    try {
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs, abs, files, conventions.briefs);
      else files.push(abs);
    } catch (e) {
      process.stderr.write(`briefmark: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      usageError = true;
    }
  }
  const workspace = inMemoryWorkspace(conventions, (uri) => relative(cwd, new URL(uri).pathname));
  const service = createBriefService(workspace, undefined, { oneShot: true });
  type Cached = { diagnostics: ReturnType<typeof toJson>[] };
  const cache = useCache ? CheckCache.open<Cached>(resolveCacheLocation(cwd, cacheLocation), toolFingerprint(VERSION)) : undefined;
  const envMemo = new WeakMap<object, string>();
  const results: Array<{ path: string; diagnostics: ReturnType<typeof toJson>[] }> = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      process.stderr.write(`briefmark: cannot read ${relative(cwd, file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      usageError = true;
      cache?.delete(file);
      continue;
    }
    const uri = pathToFileURL(file).href;
    let diags: ReturnType<typeof toJson>[];
    const key = cache && { content: sha256(bytes), environment: cacheEnvironment(workspace, uri, envMemo) };
    const hit = cache && key ? cache.get(file, key.content, key.environment) : undefined;
    if (hit) diags = hit.diagnostics;
    else {
      const text = bytes.toString('utf8');
      const analysis = service.analyze({ uri, version: 0, getText: () => text });
      diags = analysis.diagnostics.map((d) => toJson(analysis.model.lines, d));
      if (cache && key) cache.set(file, key.content, key.environment, dependencyFiles(workspace, uri, analysis), { diagnostics: diags });
      service.forget(uri);
    }
    errors += diags.filter((d) => d.severity === 'error').length;
    warnings += diags.filter((d) => d.severity === 'warning').length;
    results.push({ path: relative(cwd, file).split('\\').join('/'), diagnostics: diags });
  }
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ files: results, summary: { files: results.length, errors, warnings } }, null, 2) + '\n');
  } else {
    for (const f of results)
      for (const d of f.diagnostics) process.stdout.write(`${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}\n`);
    process.stdout.write(`${results.length} files checked: ${errors} errors, ${warnings} warnings\n`);
  }
  if (cache) {
    const problem = cache.save();
    if (problem) process.stderr.write(`briefmark: ${problem}\n`);
    if (process.env.BRIEFMARK_CACHE_STATS) process.stderr.write(`briefmark: cache ${cache.stats.hits} hits, ${cache.stats.misses} misses${cache.stats.discarded ? `; previous cache discarded: ${cache.stats.discarded}` : ''}\n`);
  }
  if (usageError) return 2;
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

function toJson(lines: import('../core/text/lineIndex').LineIndex, d: import('../core/rules/types').Diagnostic) {
  return { code: d.code, severity: d.severity, message: d.message, range: { start: lines.positionAt(d.span.start), end: lines.positionAt(d.span.end) } };
}

/** What a file's result depends on besides its text: conventions and source documents (see cache.ts). */
function cacheEnvironment(workspace: IWorkspace, uri: string, memo: WeakMap<object, string>): string {
  const conventions = workspace.conventionsFor(uri);
  return environmentFingerprint(conventions, workspace.sourceDocumentsFor(uri, conventions), workspace.relativePath(uri), memo);
}

/** The bibliography files a result read: named ones (when the workspace knows them) and every entry's or problem's file. */
function dependencyFiles(workspace: IWorkspace, uri: string, analysis: Analysis): Set<string> {
  const out = new Set<string>();
  const named = (workspace as { bibliographyFilesFor?: (uri: string, model: Analysis['model'], conventions: Analysis['conventions']) => string[] }).bibliographyFilesFor;
  for (const p of named?.call(workspace, uri, analysis.model, analysis.conventions) ?? []) out.add(p);
  const add = (u: string) => {
    if (u !== uri && u.startsWith('file:')) out.add(fileURLToPath(u));
  };
  for (const e of analysis.bibliography.entries.values()) add(e.origin.uri);
  for (const p of analysis.bibliography.problems) add(p.uri);
  return out;
}

function walk(root: string, dir: string, out: string[], globs: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, out, globs);
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  void globs;
}

process.exitCode = main(process.argv.slice(2));
