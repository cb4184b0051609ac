/**
 * The floor under `briefmark check`'s CPU (bench/cli.ts): reads every brief of a corpus
 * and runs micromark's tokenizer over it with the extensions Briefmark's parser uses
 * (GFM, directives, YAML front matter, taken from the same remark plugins), and nothing
 * else — no syntax tree, no model, no rules, no output. markdownlint-cli2 runs the same
 * tokenizer (with much the same extensions) and its rules on the same files, so this
 * process's CPU beside markdownlint-cli2's says how much of any target is left for
 * everything Briefmark does after tokenizing. `node bench/tokenizerFloor.mjs <dir>`
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, postprocess, preprocess } from 'micromark';
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';

const processor = unified().use(remarkGfm).use(remarkDirective).use(remarkFrontmatter, ['yaml']);
processor.freeze();
const extensions = processor.data('micromarkExtensions');
if (!Array.isArray(extensions) || extensions.length !== 3) throw new Error('the remark plugins no longer register their micromark extensions as expected');

const root = process.argv[2];
let events = 0;
for (const part of readdirSync(root).filter((d) => d.startsWith('part-')).sort())
  for (const file of readdirSync(join(root, part)).sort()) {
    const text = readFileSync(join(root, part, file), 'utf8');
    events += postprocess(parse({ extensions }).document().write(preprocess()(text, 'utf8', true))).length;
  }
console.log(`${events} events`);
