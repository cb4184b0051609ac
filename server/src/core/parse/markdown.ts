import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { definitionsFor, referencedLabels, splitBlocks } from './blocks';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkFrontmatter, ['yaml']).freeze();
/** For blocks after the first: front matter exists only at the very start of a document. */
const bodyProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).freeze();

/** One top-level block and its syntax tree; offsets in `tree` are relative to `start`. */
export interface ParsedBlock {
  start: number;
  end: number;
  /** The block's text plus the definitions appended for it: the cache key. */
  key: string;
  /** The labels the block's text could refer to (see `referencedLabels`). */
  labels: string[];
  tree: Root;
}

export interface ParsedMarkdown {
  text: string;
  blocks: ParsedBlock[];
  /** How many blocks were parsed afresh (the rest came from the previous version). */
  reparsed: number;
}

export interface ParseOptions {
  /**
   * The text will not be edited (a CLI run): parse it in one piece when it is small
   * enough. A whole-document parse peaks at about 250 bytes of heap per input byte, so
   * larger texts are still parsed block by block.
   */
  oneShot?: boolean;
}

export const ONE_SHOT_LIMIT = 512 * 1024;

/** Parses one piece of Markdown with the Briefmark pipeline (CommonMark, GFM, directives, YAML front matter). */
export function parseFragment(text: string, atDocumentStart = true): Root {
  return (atDocumentStart ? processor : bodyProcessor).parse(text) as Root;
}

/**
 * Parses a document block by block. Blocks whose text (and the definitions they use)
 * did not change since `previous` reuse its trees, so an edit re-parses only the blocks
 * it touched. Parsing never fails: micromark accepts every input.
 */
export function parseMarkdown(text: string, previous?: ParsedMarkdown, options: ParseOptions = {}): ParsedMarkdown {
  const steps = parseMarkdownSteps(text, previous, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `parseMarkdown` one block at a time: the generator pauses after each block it parses
 * afresh and returns the whole parse at the end. A caller with other work to do (the
 * workspace index, which must not hold up requests on open documents) drives it in
 * slices; the result is the same as `parseMarkdown`'s.
 */
export function* parseMarkdownSteps(text: string, previous?: ParsedMarkdown, options: ParseOptions = {}): Generator<void, ParsedMarkdown, void> {
  if (options.oneShot && !previous && text.length <= ONE_SHOT_LIMIT) {
    // One parse call instead of one per block: no per-call overhead, same model (the
    // block-wise parse is checked against it), but nothing to reuse on a next version.
    return { text, blocks: [{ start: 0, end: text.length, key: text, labels: [], tree: parseFragment(text) }], reparsed: 1 };
  }
  const { blocks, definitions } = splitBlocks(text);
  const reuse = new Map<string, Root>();
  const labelsOf = new Map<string, string[]>();
  if (previous)
    for (const b of previous.blocks) {
      reuse.set((b.start === 0 ? 'F' : 'B') + b.key, b.tree);
      labelsOf.set(b.key.slice(0, b.end - b.start), b.labels);
    }
  let reparsed = 0;
  const out: ParsedBlock[] = [];
  for (const b of blocks) {
    const source = text.slice(b.start, b.end);
    let labels = labelsOf.get(source);
    if (!labels) labels = referencedLabels(source);
    const key = source + definitionsFor(source, definitions, labels);
    // A block that starts with `---` is front matter only at offset 0: same text, other tree.
    let tree = reuse.get((b.start === 0 ? 'F' : 'B') + key);
    const fresh = !tree;
    if (!tree) {
      tree = parseFragment(key, b.start === 0);
      reparsed++;
    }
    out.push({ start: b.start, end: b.end, key, labels, tree });
    if (fresh) yield;
  }
  return { text, blocks: out, reparsed };
}
