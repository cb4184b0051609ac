/**
 * `briefmark export-codebook [--out FILE] [PATH]`: writes the REFI-QDA codebook (`.qdc`) of
 * the conventions that govern PATH (a brief, a folder or a conventions file; default: the
 * current folder) to FILE, or to standard output. Problems in the conventions files are
 * printed to standard error (exit code 1); the export still happens with what is valid.
 */
import { statSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../core/text/lineIndex';
import { exportCodebookFor } from '../node/exportCodebook';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { uriToPath } from '../node/uris';

export const EXPORT_CODEBOOK_USAGE = 'Usage: briefmark export-codebook [--out FILE] [PATH]';

export function exportCodebookCommand(args: string[], cwd = process.cwd()): number {
  let out: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--out' || a === '-o') {
      out = args[++i];
      if (!out) return usage('--out needs a file name.');
    } else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a === '--help') {
      process.stdout.write(`${EXPORT_CODEBOOK_USAGE}\n`);
      return 0;
    } else if (a.startsWith('-')) return usage(`Unknown option "${a}".`);
    else paths.push(a);
  }
  if (paths.length > 1) return usage('Give one path.');
  const target = resolve(cwd, paths[0] ?? '.');
  try {
    statSync(target);
  } catch (e) {
    process.stderr.write(`briefmark: cannot read ${paths[0] ?? '.'}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const workspace = new NodeWorkspace();
  const result = exportCodebookFor(workspace, pathToFileURL(target).href);
  let problems = 0;
  const root = result.conventionsUri ? uriToPath(result.conventionsUri) : undefined;
  if (root) {
    for (const [uri, list] of workspace.conventions.problemsFor(root, undefined)) {
      const file = uriToPath(uri) ?? uri;
      const lines = new LineIndex(workspace.conventions.textOf(file, undefined) ?? '');
      for (const p of list) {
        const pos = lines.positionAt(p.span.start);
        process.stderr.write(`${relative(cwd, file) || file}:${pos.line + 1}:${pos.character + 1} error invalid-conventions ${p.message}\n`);
        problems++;
      }
    }
  }
  if (out) {
    try {
      writeFileSync(resolve(cwd, out), result.xml);
    } catch (e) {
      process.stderr.write(`briefmark: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`briefmark: wrote ${out}${root ? ` from ${relative(cwd, root) || root}` : ' from the default conventions (no .briefmark.yaml found)'}\n`);
  } else process.stdout.write(result.xml);
  return problems > 0 ? 1 : 0;
}

function usage(message: string): number {
  process.stderr.write(`${message} ${EXPORT_CODEBOOK_USAGE}\n`);
  return 2;
}
