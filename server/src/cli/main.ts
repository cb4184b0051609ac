/**
 * `briefmark` — the reviewers' command line (spec §9). Uses the same core service as the server.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultConventions } from '../core/conventions/types';
import { createBriefService, inMemoryWorkspace } from '../core/service';
import { matchesAnyGlob } from '../core/text/glob';
import { exportCodebookCommand } from './exportCodebook';

const USAGE = `Usage: briefmark check [paths…] [--format text|json] [--max-warnings N]\n       briefmark export-codebook [--out FILE] [PATH]`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === '--version') {
    process.stdout.write('briefmark 0.1.0\n');
    return 0;
  }
  if (command === 'export-codebook') return exportCodebookCommand(rest);
  if (command !== 'check') {
    process.stderr.write(`${command ? `Unknown command "${command}". ` : ''}${USAGE}\n`);
    return 2;
  }
  let format = 'text';
  let maxWarnings = Infinity;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--format') format = rest[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--max-warnings') maxWarnings = Number(rest[++i]);
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
  const service = createBriefService(inMemoryWorkspace(conventions, (uri) => relative(cwd, new URL(uri).pathname)));
  const results: Array<{ path: string; diagnostics: ReturnType<typeof toJson>[] }> = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`briefmark: cannot read ${relative(cwd, file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      usageError = true;
      continue;
    }
    const analysis = service.analyze({ uri: pathToFileURL(file).href, version: 0, getText: () => text });
    const diags = analysis.diagnostics.map((d) => toJson(analysis.model.lines, d));
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
  if (usageError) return 2;
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

function toJson(lines: import('../core/text/lineIndex').LineIndex, d: import('../core/rules/types').Diagnostic) {
  return { code: d.code, severity: d.severity, message: d.message, range: { start: lines.positionAt(d.span.start), end: lines.positionAt(d.span.end) } };
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
