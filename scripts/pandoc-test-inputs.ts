/**
 * Reads Pandoc's own test inputs with Pandoc and with Briefmark and compares the citation
 * keys and modes each finds (docs/sources.md). Usage:
 *
 *   npx tsx scripts/pandoc-test-inputs.ts <a checkout of github.com/jgm/pandoc>
 *
 * Inputs: every `% pandoc …` example of `test/command/*.md` read by the Markdown reader
 * (no other `-f`, no extensions switched) whose input holds an `@`, and the whole of
 * `test/markdown-citations.txt`, `test/markdown-reader-more.txt` and `test/testsuite.txt`.
 * Pandoc's files are read, never copied here. Needs `pandoc` on the PATH.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../server/src/core/analysis';
import { runPandoc } from '../test/pandoc/pandoc';

type Json = unknown;

/** `key|mode` of every citation in a Pandoc AST value, nested ones included, in document order. */
function citesOf(x: Json, out: string[]): string[] {
  if (Array.isArray(x)) for (const y of x) citesOf(y, out);
  else if (x && typeof x === 'object') {
    const node = x as { t?: string; c?: unknown };
    if (node.t === 'Cite') {
      const citations = (node.c as [Array<{ citationId: string; citationMode: { t: string }; citationPrefix: Json; citationSuffix: Json }>])[0];
      for (const c of citations) out.push(`${c.citationId}|${c.citationMode.t}`);
      for (const c of citations) citesOf([c.citationPrefix, c.citationSuffix], out);
    } else for (const v of Object.values(node)) citesOf(v, out);
  }
  return out;
}

function inputs(root: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const dir = join(root, 'test', 'command');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/```+\n% pandoc([^\n]*)\n([\s\S]*?)\n\^D\n/g)) {
      const args = m[1];
      const from = /(?:-f|--from|-r|--read)[ =](\S+)/.exec(args)?.[1];
      if (from !== undefined && from !== 'markdown') continue;
      if (m[2].includes('@')) out.push({ file: `test/command/${f}`, text: m[2] });
    }
  }
  for (const f of ['markdown-citations.txt', 'markdown-reader-more.txt', 'testsuite.txt']) {
    const path = join(root, 'test', f);
    if (existsSync(path)) out.push({ file: `test/${f}`, text: readFileSync(path, 'utf8') });
  }
  return out;
}

const root = process.argv[2];
if (!root || !existsSync(join(root, 'test', 'command'))) {
  console.error('usage: npx tsx scripts/pandoc-test-inputs.ts <a checkout of github.com/jgm/pandoc>');
  process.exit(2);
}
let agree = 0;
let read = 0;
for (const { file, text } of inputs(root)) {
  const r = runPandoc(text, ['-f', 'markdown', '-t', 'json']);
  if (r.status !== 0) continue;
  read++;
  const pandoc = citesOf((JSON.parse(r.stdout) as { blocks: Json }).blocks, []);
  const model = analyze({ uri: 'file:///pandoc-test.md', text }).model;
  const mode = (i: { authorInText: boolean; suppressAuthor: boolean }) => (i.authorInText ? 'AuthorInText' : i.suppressAuthor ? 'SuppressAuthor' : 'NormalCitation');
  const briefmark = model.citations.flatMap((c) => c.items).map((i) => `${i.key}|${mode(i)}`);
  if ([...pandoc].sort().join(' ') === [...briefmark].sort().join(' ')) agree++;
  else console.log(`differs: ${file}\n  ${JSON.stringify(text.slice(0, 200))}\n  Pandoc:    ${pandoc.join(' ')}\n  Briefmark: ${briefmark.join(' ')}`);
}
console.log(`${agree} of ${read} inputs: the same citation keys and modes`);
