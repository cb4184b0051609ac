/**
 * `briefmark export [--to pandoc] [-o FILE] BRIEF`: the brief as Pandoc Markdown, tags in
 * Pandoc's own syntax (core/interchange/pandocMarkdown.ts), for `pandoc --citeproc
 * --lua-filter briefmark.lua`. `--print-lua-filter` prints the path of the shipped filter.
 * Needs no Pandoc itself. Exit 2 on a bad option or an unreadable file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../core/analysis';
import { toPandocMarkdown } from '../core/interchange/pandocMarkdown';
import { NodeWorkspace } from '../node/nodeWorkspace';
import type { CheckIO } from './check';
import { describeError } from './files';

export const EXPORT_USAGE = `Usage: briefmark export [--to pandoc] [-o FILE] BRIEF
       briefmark export --print-lua-filter

Writes BRIEF as Pandoc Markdown: :claim[…]{…} and the other tags become bracketed spans
([…]{.claim …}), :::rec[…] containers fenced divs (::: {.rec …}); everything else is
unchanged. Then, for example:

  briefmark export brief.md | pandoc --citeproc --lua-filter "$(briefmark export --print-lua-filter)" -o brief.docx

  --to pandoc          the target (the only one, and the default)
  -o, --out FILE       write to FILE instead of standard output
  --print-lua-filter   print the path of briefmark.lua, the Pandoc filter shipped with Briefmark`;

/** The shipped Lua filter: `filters/briefmark.lua` of the package (beside `dist/`, or the source tree under tsx). */
export function luaFilterPath(): string {
  const candidates = [join(__dirname, '..', 'filters', 'briefmark.lua'), join(__dirname, '..', '..', '..', 'filters', 'briefmark.lua')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

export async function exportCommand(argv: string[], io: CheckIO): Promise<number> {
  let out: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      io.stdout(`${EXPORT_USAGE}\n`);
      return 0;
    } else if (a === '--print-lua-filter') {
      io.stdout(`${luaFilterPath()}\n`);
      return 0;
    } else if (a === '--to' || a.startsWith('--to=')) {
      const to = a === '--to' ? argv[++i] : a.slice(5);
      if (to !== 'pandoc') return usage(io, `Unknown target "${to ?? ''}": the only one is pandoc.`);
    } else if (a === '-o' || a === '--out') {
      out = argv[++i];
      if (!out) return usage(io, `${a} needs a file name.`);
    } else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a.startsWith('-') && a !== '-') return usage(io, `Unknown option "${a}".`);
    else paths.push(a);
  }
  if (paths.length !== 1) return usage(io, paths.length ? 'Give one brief.' : 'Give the brief to export.');
  const path = resolve(io.cwd, paths[0]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    io.stderr(`briefmark: cannot read ${paths[0]}: ${describeError(e)}\n`);
    return 2;
  }
  const uri = pathToFileURL(path).href;
  const workspace = new NodeWorkspace();
  const markdown = toPandocMarkdown(analyze({ uri, text }, { conventions: workspace.conventionsFor(uri) }).model);
  if (!out) {
    io.stdout(markdown);
    return 0;
  }
  try {
    writeFileSync(resolve(io.cwd, out), markdown);
  } catch (e) {
    io.stderr(`briefmark: cannot write ${out}: ${describeError(e)}\n`);
    return 2;
  }
  return 0;
}

function usage(io: CheckIO, message: string): number {
  io.stderr(`briefmark export: ${message}\n\n${EXPORT_USAGE}\n`);
  return 2;
}
