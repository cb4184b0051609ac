import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Parent, Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Construct, Extension, ParseContext, State, TokenizeContext } from 'micromark-util-types';
import { candidateLabels, containerStart, lastStartAtMost, splitBlocks, type BlockSplit } from './blocks';
import { planPartEdit, splicePartEdit, type PartEditPlan } from './partEdit';
import { treeWithLetter } from './typedLetter';
import { textEdit, type TextEdit } from '../text/textEdit';
import { LineIndex } from '../text/lineIndex';
import { guardText, Marks, type GuardedText, type HeavyParagraph } from './guards';
import { frontMatterFences } from './frontMatter';

/**
 * Definitions from other blocks. CommonMark resolves `[text]` and `[^id]` against every
 * definition in the document, so a block parsed alone must know the ones defined
 * elsewhere. micromark keeps the identifiers it has seen in `parser.defined` (links) and
 * `parser.gfmFootnotes` (footnotes) and asks them with `includes`; a first construct on
 * the document level makes them answer for the seeded identifiers too while inline text
 * is tokenized (not while a definition checks for duplicates), and takes itself out of
 * the parser. Nothing is added to the text: offsets, trees and the definitions the block
 * itself makes (read back from the same lists) are those of the whole document.
 *
 * Definitions at the top level (also in lists, block quotes, footnotes) are known before
 * any inline text is tokenized. Definitions inside container directives are not: micromark
 * tokenizes a container's content in a later pass, and inline text of the level above it
 * that comes earlier in the document does not see them. So only top-level definitions are
 * seeded; the lists tell them apart (micromark creates a document tokenizer for each
 * container's content only after the whole top level is done).
 *
 * Depends on micromark 4.0.2 and micromark-extension-gfm-footnote 2.1.0 internals
 * (`test/unit/blocks.test.ts` checks that seeding works).
 */
interface Seeding {
  links: ReadonlySet<string>;
  footnotes: ReadonlySet<string>;
  parser?: ParseContext & { gfmFootnotes?: string[] };
  /** How many identifiers each list held when the first container's content was tokenized. */
  topLinks?: number;
  topFootnotes?: number;
}
let seeding: Seeding | undefined;
/** Inside a text tokenizer's `write` (where references are resolved). */
let inText = 0;

const seedConstruct: Construct = {
  name: 'briefmarkSeed',
  tokenize(this: TokenizeContext, _effects, _ok, nok): State {
    const parser = this.parser as NonNullable<Seeding['parser']>;
    for (const key of ['null', '91'] as const) {
      const list = parser.constructs.document?.[key as unknown as number];
      const i = Array.isArray(list) ? list.indexOf(seedConstruct) : -1;
      if (i >= 0) (list as Construct[]).splice(i, 1);
    }
    const state = seeding;
    if (state && !state.parser) {
      state.parser = parser;
      const footnotes = (parser.gfmFootnotes ??= []);
      if (state.links.size > 0 || state.footnotes.size > 0) {
        answerFor(parser.defined, state.links);
        answerFor(footnotes, state.footnotes);
      }
      const seeded = state.links.size > 0 || state.footnotes.size > 0;
      const text = parser.text;
      parser.text = (from) => {
        const tokenizer = text(from);
        const write = tokenizer.write;
        let size = 0;
        tokenizer.write = (slice) => {
          if (size <= MERGE_DATA_FROM) for (let i = 0; i < slice.length; i++) if (typeof slice[i] === 'string') size += (slice[i] as string).length;
          if (size > MERGE_DATA_FROM && slice[slice.length - 1] === null) mergeDataAtEnd(tokenizer);
          if (!seeded) return write(slice);
          inText++;
          try {
            return write(slice);
          } finally {
            inText--;
          }
        };
        return tokenizer;
      };
      const document = parser.document;
      parser.document = (from) => {
        if (state.topLinks === undefined) {
          state.topLinks = parser.defined.length;
          state.topFootnotes = footnotes.length;
        }
        return document(from);
      };
    }
    return nok;
  },
};

/**
 * micromark's text tokenizer ends by merging each run of adjacent `data` tokens into one
 * (`resolveAllText` in micromark/lib/initialize/text.js), with one `splice` of the events
 * array per run: quadratic on a long paragraph where constructs fail by the thousand
 * (`:c{a=` repeated, 160 KB: 6.9 s of a 8 s parse). For texts longer than
 * `MERGE_DATA_FROM`, the same merge is done first, in one linear pass, at the moment the
 * tokenizer consumes the end of its input (only its initializer does, outside any attempt,
 * right before the resolvers run); `resolveAllText` then finds nothing left to splice.
 * Tied to micromark 4.0.2 like the seeding; `test/unit/parseGuards.test.ts` compares
 * trees with and without it.
 */
const MERGE_DATA_FROM = 4096;
export const dataMerge = { enabled: true };

function mergeDataAtEnd(tokenizer: TokenizeContext): void {
  if (!dataMerge.enabled) return;
  let previous = tokenizer.previous;
  Object.defineProperty(tokenizer, 'previous', {
    configurable: true,
    enumerable: true,
    get: () => previous,
    set: (code: TokenizeContext['previous']) => {
      previous = code;
      if (code === null) mergeDataRuns(tokenizer.events);
    },
  });
}

/** `resolveAllText`'s merge: each run of adjacent `data` events keeps its first pair, which ends where the run ends. */
function mergeDataRuns(events: TokenizeContext['events']): void {
  const n = events.length;
  let w = 0;
  let i = 0;
  while (i < n) {
    if (events[i][1].type !== 'data') {
      events[w++] = events[i++];
      continue;
    }
    let j = i + 1;
    while (j < n && events[j][1].type === 'data') j++;
    if (j - i > 2) {
      events[i][1].end = events[j - 1][1].end;
      events[w++] = events[i];
      events[w++] = events[i + 1];
    } else {
      for (let k = i; k < j; k++) events[w++] = events[k];
    }
    i = j;
  }
  events.length = w;
}

function answerFor(list: string[], seeds: ReadonlySet<string>): void {
  if (seeds.size === 0) return;
  list.includes = function (value: string): boolean {
    return Array.prototype.includes.call(this, value) || (inText > 0 && seeds.has(value));
  };
}

/**
 * The seeding construct, and for blocks with a heavy paragraph (parse/guards.ts) fewer
 * constructs: `emphasis` none of emphasis, strong and strikethrough (`*`, `_`, `~` stay
 * text), `links` no links and images (`[`, `]` stay text).
 */
function briefmarkSyntax(this: Processor, options: { emphasis: boolean; links: boolean; absent: readonly string[] }): undefined {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  const extensions = (data.micromarkExtensions ??= []);
  // Constructs that cannot match the text are left out of the records (not disabled: a
  // disabled construct is still tried, and a text construct still breaks every run of data
  // at the characters it is registered for: GFM's e-mail autolink at every word).
  if (options.absent.length) extensions.splice(0, extensions.length, ...extensions.map((e) => withoutConstructs(e, options.absent)));
  // Also on `[`, ahead of footnote definitions: a first line can be one up to its end, and
  // then no construct for any character is tried on it.
  extensions.push({ document: { null: [seedConstruct], 91: [seedConstruct] } });
  const off = [...(options.emphasis ? ['attention', 'strikethrough'] : []), ...(options.links ? ['labelStartLink', 'labelStartImage', 'labelEnd', 'gfmPotentialFootnoteCall'] : [])];
  if (off.length) extensions.push({ disable: { null: off } });
  const fromMarkdown = (this.data() as { fromMarkdownExtensions?: FromMarkdownExtensions }).fromMarkdownExtensions;
  if (fromMarkdown) guardAutolinkTransform(fromMarkdown);
}

type FromMarkdownExtensions = Array<{ transforms?: Array<(tree: Root) => Root | null | undefined | void> } | FromMarkdownExtensions>;

/**
 * GFM's literal autolinks are found in the tree by a pass over every text node after the
 * parse (`transformGfmAutolinkLiterals`, about 6% of a CLI run on dense briefs). Its
 * patterns need `http://`, `https://` or `www.`, or an `@` with a word character before
 * it and a dotted domain after it, in a text node's value; a value differs from the source
 * only by escapes, character references and stripped line prefixes. So the pass runs only
 * on the top-level nodes whose source holds one of those, a `\` or a `&`: elsewhere it
 * would change nothing (`test/unit/parseGuards.test.ts` compares trees with and without).
 */
const MIGHT_AUTOLINK = /https?:\/\/|www\.|[\w+\-.]@[\w-]+\.|[&\\]/gi;
const AUTOLINK_TRANSFORM = gfmAutolinkLiteralFromMarkdown().transforms?.[0] as ((tree: Nodes) => void) | undefined;
/** Tests turn the skip off to compare; `skipped` counts the top-level nodes it spared. */
export const autolinkSkip = { enabled: true, skipped: 0 };
/** The input of the parse under way (for the autolink transform's guard). */
let parsing: string | undefined;

/** The autolink pass on the top-level nodes whose source holds a place where a literal autolink may be (a text node never spans two). */
function autolinksWhereTheyMayBe(tree: Root): undefined {
  const original = AUTOLINK_TRANSFORM!;
  const source = parsing;
  // The source's lines, indexed once for the whole pass on first need.
  let index: LineIndex | undefined;
  const lines = () => (index ??= new LineIndex(source!));
  const transform = (node: Nodes) => {
    original(node);
    if (source !== undefined) placeSplitText(node, source, lines);
  };
  if (!autolinkSkip.enabled || source === undefined) return void transform(tree);
  const places: number[] = [];
  for (const m of source.matchAll(MIGHT_AUTOLINK)) places.push(m.index);
  let k = 0;
  for (const child of tree.children) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) {
      transform(child);
      continue;
    }
    while (k < places.length && places[k] < start) k++;
    if (k < places.length && places[k] < end) transform(child);
    else autolinkSkip.skipped++;
  }
  return undefined;
}

/** Parents whose first child starts where they do (no marker before their content). */
const CONTENT_AT_START = new Set(['paragraph', 'tableCell']);

/**
 * GFM's literal-autolink transform (for what micromark's tokenizer left as text: e-mail
 * addresses, and a URL after a construct that failed, such as a directive label never
 * closed) splits a text node into text and link nodes that have no position, and the
 * model skips what it cannot place: such a link was no source of its sentence, though the
 * same text inside a tag was one (long fuzz run, seed 222222). Each piece is placed after
 * its previous sibling when the source there reads exactly as the piece's text; where it
 * does not (escapes, character references), it stays unplaced, as before.
 */
function placeSplitText(node: Nodes, source: string, lines: () => LineIndex): void {
  const pointAt = (offset: number) => {
    const p = lines().positionAt(offset);
    return { line: p.line + 1, column: p.character + 1, offset };
  };
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (!('children' in n)) continue;
    let cursor = CONTENT_AT_START.has(n.type) ? n.position?.start.offset : undefined;
    for (const child of n.children as Nodes[]) {
      if (child.position) {
        cursor = child.position.end.offset;
        stack.push(child);
        continue;
      }
      const text = child.type === 'text' ? child.value : child.type === 'link' && child.children.length === 1 && child.children[0].type === 'text' ? child.children[0].value : undefined;
      const end = cursor === undefined || text === undefined ? -1 : sourceEnd(source, cursor, text);
      if (end < 0) {
        cursor = undefined;
        continue;
      }
      const position = { start: pointAt(cursor!), end: pointAt(end) };
      child.position = position;
      if (child.type === 'link') child.children[0].position = { start: { ...position.start }, end: { ...position.end } };
      cursor = end;
    }
  }
}

/**
 * Where `text` (a text node's value) ends in `source` read from `at`, or -1 when the source
 * there does not read as it: micromark's U+FFFD stands for a NUL, and the spaces and tabs
 * it strips at the end and the start of a paragraph's lines, and block quote markers at
 * their start, are skipped.
 */
function sourceEnd(source: string, at: number, text: string): number {
  let j = at;
  let lineStart = false;
  for (let i = 0; i < text.length; ) {
    if (j >= source.length) return -1;
    const t = text.charCodeAt(i);
    const c = source.charCodeAt(j);
    if (t === c || (t === 0xfffd && c === 0)) {
      lineStart = t === 10 || t === 13;
      i++;
      j++;
    } else if ((c === 32 || c === 9) && (lineStart || t === 10 || t === 13)) j++;
    // A block quote's marker in a line's prefix (a paragraph's line never starts with `>`: it would start a quote).
    else if (c === 62 && lineStart) j++;
    else return -1;
  }
  return j;
}

function guardAutolinkTransform(list: FromMarkdownExtensions): void {
  list.forEach((ext, i) => {
    if (Array.isArray(ext)) return guardAutolinkTransform(ext);
    if (!AUTOLINK_TRANSFORM || !ext.transforms?.includes(AUTOLINK_TRANSFORM)) return;
    list[i] = { ...ext, transforms: ext.transforms.map((t) => (t === AUTOLINK_TRANSFORM ? autolinksWhereTheyMayBe : t)) };
  });
}

/**
 * Constructs that need a character or a string the text does not hold, and are left out
 * of its parse: the same tree, less work. A GFM table needs a `|`, or an aligned
 * delimiter row (`:-`, `-:`: micromark reads `a` over `:-` as a table of one cell): without
 * them micromark read the first line of every paragraph as a possible head row and gave
 * it up (on a one-line megabyte of `> > >`, most of the parse). GFM's literal autolinks need `a@b.` (e-mail: ASCII letters, digits or `+-._`
 * before the `@`, a `.` after it: micromark takes `---@.a`; a citation's `[@key]` is none), `www.`, or
 * `http://` or `https://`: the e-mail one is otherwise tried at the start of every word.
 * Tests turn it off to compare.
 */
export const constructSkip = { enabled: true };

/** What each literal autolink needs at least: `a@b.`, `www.`, `http://` or `https://` (any case). */
const EMAIL = /[\w+.-]@[\w.-]*\./;
const WWW = /www\./i;
const PROTOCOL = /https?:\/\//i;

/** The names of the constructs `input` cannot hold (see `constructSkip`). */
function absentConstructs(input: string): string[] {
  if (!constructSkip.enabled) return NO_NAMES;
  const absent: string[] = [];
  if (!input.includes('|') && !input.includes(':-') && !input.includes('-:')) absent.push('table');
  if (!EMAIL.test(input)) absent.push('emailAutolink');
  if (!WWW.test(input)) absent.push('wwwAutolink');
  if (!PROTOCOL.test(input)) absent.push('protocolAutolink');
  return absent;
}
const NO_NAMES: string[] = [];

/** A micromark extension without the constructs named (a copy; the same object when it has none of them). */
function withoutConstructs(extension: Extension, names: readonly string[]): Extension {
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const [field, record] of Object.entries(extension)) {
    if (field === 'disable' || !record || typeof record !== 'object') {
      out[field] = record;
      continue;
    }
    const copy: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(record as Record<string, unknown>)) {
      const list = Array.isArray(value) ? value : [value];
      const kept = list.filter((c: { name?: string }) => !c?.name || !names.includes(c.name));
      if (kept.length !== list.length) changed = true;
      if (kept.length) copy[code] = Array.isArray(value) ? kept : kept[0];
    }
    out[field] = copy;
  }
  return changed ? (out as Extension) : extension;
}

const processors = new Map<string, Processor>();
/**
 * `frontMatter`: `-` front matter closed by `---`, `.` closed by `...` (parse/frontMatter.ts),
 * for the document's first block only (front matter exists only at the very start of a
 * document), '' none; `degraded`: `A` all constructs, `D` no emphasis, `L` no links, `X`
 * neither; `absent`: constructs left out (see `constructSkip`).
 */
function processorFor(frontMatter: '' | '-' | '.', degraded: string, absent: readonly string[] = NO_NAMES): Processor {
  const key = frontMatter + degraded + absent.join(' ');
  let p = processors.get(key);
  if (!p) {
    const base = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
    const yaml = frontMatter === '.' ? [{ type: 'yaml' as const, fence: { open: '---', close: '...' } }] : ['yaml' as const];
    p = (frontMatter ? base.use(remarkFrontmatter, yaml) : base).use(briefmarkSyntax, { emphasis: degraded === 'D' || degraded === 'X', links: degraded === 'L' || degraded === 'X', absent }).freeze() as unknown as Processor;
    processors.set(key, p);
  }
  return p;
}

/** One top-level block and its syntax tree; offsets in `tree` are relative to `start`. */
export interface ParsedBlock {
  start: number;
  end: number;
  /**
   * The cache key: the block's text as parsed (so `key.slice(0, end - start)` is that
   * text), then how it was parsed and the definitions from other blocks it was given.
   */
  key: string;
  /** `key` without the definitions from other blocks: the block's text and how it was parsed. */
  parseKey?: string;
  /** The labels the block's text could look up (see `candidateLabels`). */
  labels: string[];
  /**
   * What the block defines, from its parse: `l`/`f` + identifier for link and footnote
   * definitions at the top level, `L`/`F` + identifier for those inside container
   * directives (see `Seeding`).
   */
  defines?: string[];
  tree: Root;
}

/** A block's parse that is not its tree: kept to reuse on the next version. */
interface BlockMeta {
  labels: string[];
  defines: string[];
  /** A construct (fenced code, HTML, container) was still open at the block's end. */
  open: boolean;
}

export interface ParsedMarkdown {
  text: string;
  blocks: ParsedBlock[];
  /** How many parses this took (blocks parsed afresh; the rest came from the previous version). */
  reparsed: number;
  /** Blocks not parsed but made from the previous version's parse with a typed letter in (parse/typedLetter.ts). */
  typed?: number;
  /** Blocks made from the previous version's parse with the edited list item or table row parsed again (parse/partEdit.ts). */
  partEdits?: number;
  /**
   * The guards (parse/guards.ts) neutralised characters: the blocks' keys then hold the
   * text as parsed, which differs from `text` there. What the model reads comes from `text`.
   */
  guarded?: boolean;
  /** Candidate blocks that turned out to end inside a construct, so that the next version need not parse them again. */
  probes?: Map<string, BlockMeta>;
  /** The guards' pass and the block split, for the next version's (they resume around the edit). */
  guard?: GuardedText;
  split?: BlockSplit;
  /** The text's line index, made from the previous version's around the edit (the model's). */
  lines?: LineIndex;
  /** Every link and footnote definition of the document (`l`/`f` + identifier, sorted, joined). */
  defined?: string;
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
export function parseFragment(text: string, atDocumentStart = true, without: 'nothing' | 'links' = 'nothing'): Root {
  return parseWith(atDocumentStart ? firstMode(text) : 'B', without === 'links' ? 'L' : 'A', text, NO_SEEDS).tree;
}

/**
 * A region of a document (a quick fix's or a rename's blocks, with the edit) parsed as the
 * document is: guarded first (parse/guards.ts, which keep the text's length, so offsets
 * hold), and a paragraph the guards find heavy parsed with fewer constructs. A hostile
 * region (`[^a]: ` stacked 16,000 deep) then costs what the document's own parse does, not
 * micromark's unguarded time (3.7 s for 100 KB of it).
 */
export function parseProbe(text: string, atDocumentStart: boolean, seeds: readonly string[] = NO_SEEDS): Root {
  const guarded = guardText(text);
  const emphasis = guarded.heavy.some((h) => h.emphasis);
  const links = guarded.heavy.some((h) => h.links);
  return parseWith(atDocumentStart ? firstMode(text) : 'B', emphasis ? (links ? 'X' : 'D') : links ? 'L' : 'A', guarded.text, seeds).tree;
}

/**
 * The document's link and footnote definitions (`l`/`f` + identifier), for a region parsed
 * alone (a probe) to read `[^2]` and `[text][ref]` as the document does when they are
 * defined elsewhere in it.
 */
export function definitionsOf(parsed: ParsedMarkdown): readonly string[] {
  if (!parsed.defined) return NO_SEEDS;
  let out = definitionLists.get(parsed);
  if (!out) definitionLists.set(parsed, (out = parsed.defined.split('\u0000')));
  return out;
}
const definitionLists = new WeakMap<ParsedMarkdown, string[]>();

/** The mode of a document's first block: `P` when its front matter closes with `...`, else `F`. */
function firstMode(text: string): string {
  return frontMatterFences(text)?.dots ? 'P' : 'F';
}

const NO_SEEDS: string[] = [];
/**
 * Appended to every block but the last, a line like the next block's first line: a
 * container or not (where micromark ends a list item or footnote definition whose last
 * construct is still open depends on it, see `containerStart`). Each starts a block of its
 * own only on a fresh line: not inside a construct still open (fenced code, HTML, a
 * container directive). The list item, which does not start at 1, also not where
 * micromark would take it as interrupting one (after indented code and blank lines, a
 * list item that is empty or does not start at 1 is paragraph text). Where front matter is
 * never closed no container starts at the top level at all: a paragraph always.
 */
const SENTINEL = 'x';
const CONTAINER_SENTINEL = '2) x';
/**
 * Before a block that starts with a footnote definition: a definition, which starts
 * wherever a line at column 0 may start a container (micromark does not ask whether it
 * interrupts), and so ends a definition on the line before as the next block's does
 * (`2) x` would continue its paragraph). Its label, a private-use character, is dropped
 * from what the block defines; a block that holds the character gets the other sentinel.
 */
const DEFINITION_LABEL = '\uE000';
const DEFINITION_SENTINEL = `[^${DEFINITION_LABEL}]: x`;

/**
 * One micromark parse. `mode`: `F` the document's first block (front matter allowed), `P`
 * the same when its front matter closes with `...` (parse/frontMatter.ts), `B` any other block, `Q` any other block of a document whose front matter is
 * never closed (parsed after a `---` line with front matter allowed, so that micromark
 * starts no container at its top level, as in the whole document; the line is taken
 * out again). `degraded`: see `processorFor`. `seeds`: definitions from other blocks (`l`/`f` + identifier). A byte order
 * mark at the start, which micromark drops and does not count, is counted back in the
 * offsets (only the first block can start with one: `splitBlocks` never starts another
 * block there).
 */
function parseWith(mode: string, degraded: string, input: string, seeds: readonly string[]): { tree: Root; defines: string[] } {
  const proc = processorFor(mode === 'B' ? '' : mode === 'P' ? '.' : '-', degraded, absentConstructs(input));
  const links = new Set<string>();
  const footnotes = new Set<string>();
  for (const s of seeds) (s[0] === 'l' ? links : footnotes).add(s.slice(1));
  const state: Seeding = { links, footnotes };
  const prefix = mode === 'Q' ? QUIRK_PREFIX : '';
  let tree: Root;
  seeding = state;
  // What the autolink pass reads (`autolinksWhereTheyMayBe`) at micromark's offsets: without
  // a byte order mark at the start, which micromark drops and does not count.
  const whole = prefix + input;
  parsing = whole.charCodeAt(0) === 0xfeff ? whole.slice(1) : whole;
  try {
    tree = proc.parse(whole) as Root;
    // A body row has at most as many cells as the head row: none without a `|`.
    if (input.includes('|')) dropExcessCells(tree);
  } finally {
    seeding = undefined;
    parsing = undefined;
  }
  if (prefix) {
    const first = tree.children[0];
    if (first?.type === 'thematicBreak' && first.position?.end.offset === 3) tree.children.shift();
    shift(tree, -prefix.length);
  } else if (input.charCodeAt(0) === 0xfeff) {
    shift(tree, 1);
    // Front matter after a byte order mark is still the document's front matter.
    const first = tree.children[0];
    if (first?.type === 'yaml' && first.position) first.position.start.offset = 0;
  }
  if (tree.position) {
    tree.position.start.offset = 0;
    tree.position.end.offset = input.length;
  }
  // `l`/`f` + identifier for top-level definitions, `L`/`F` for those inside containers.
  const defines = new Set<string>();
  const parser = state.parser;
  if (parser) {
    const links = parser.defined;
    const footnotes = parser.gfmFootnotes ?? [];
    const topLinks = state.topLinks ?? links.length;
    const topFootnotes = state.topFootnotes ?? footnotes.length;
    for (let i = 0; i < links.length; i++) defines.add((i < topLinks ? 'l' : 'L') + links[i]);
    for (let i = 0; i < footnotes.length; i++) if (footnotes[i] !== DEFINITION_LABEL) defines.add((i < topFootnotes ? 'f' : 'F') + footnotes[i]);
  }
  return { tree, defines: [...defines].sort() };
}
const QUIRK_PREFIX = '---\n';

/** Nodes whose children are blocks, where a table may be. */
const HOLDS_BLOCKS = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition', 'containerDirective']);

/**
 * GFM ignores the cells of a body row past the head row's ("The remainder of the table's
 * rows may vary in the number of cells… If greater, the excess is ignored"), and so does
 * Pandoc; mdast keeps them. They are dropped from the tree: a tag there is no tag, as in
 * the rendered brief (`test/pandoc/export.test.ts`).
 */
function dropExcessCells(node: Parent): void {
  for (const child of node.children) {
    if (child.type === 'table') {
      const columns = child.align?.length ?? child.children[0]?.children.length ?? 0;
      for (const row of child.children) if (row.children.length > columns) row.children.length = columns;
    } else if (HOLDS_BLOCKS.has(child.type)) dropExcessCells(child as Parent);
  }
}

function shift(node: Nodes, delta: number): void {
  const p = node.position;
  if (p) {
    if (p.start.offset !== undefined) p.start.offset += delta;
    if (p.end.offset !== undefined) p.end.offset += delta;
  }
  if ('children' in node) for (const child of node.children) shift(child as Nodes, delta);
}

/**
 * Whether the block's parse ends with the sentinel as a block of its own at its end, and
 * (when the next block starts with a list item) the block does not end with a list that
 * the item would continue.
 */
function cleanEnd(tree: Root, source: string, kind: string, next: string): boolean {
  const children = tree.children;
  const last = children[children.length - 1];
  if (last?.type !== (kind === 'C' ? 'list' : kind === 'D' ? 'footnoteDefinition' : 'paragraph') || last.position?.start.offset !== source.length) return false;
  const before = children[children.length - 2];
  if (before?.type !== 'list' || !'-+*.)'.includes(next)) return true;
  let at = before.position?.start.offset ?? 0;
  while (source.charCodeAt(at) === 32) at++;
  while (source.charCodeAt(at) >= 48 && source.charCodeAt(at) <= 57) at++;
  return source[at] !== next;
}

/**
 * Parses a document block by block. Blocks whose text (and the definitions they use)
 * did not change since `previous` reuse its trees, so an edit re-parses only the blocks
 * it touched. Parsing never fails: micromark accepts every input.
 */
export function parseMarkdown(text: string, previous?: ParsedMarkdown, options: ParseOptions = {}): ParsedMarkdown {
  // The same text (a parse made in steps, handed to the analysis): nothing to parse again.
  if (previous?.text === text && !options.oneShot) return { ...previous, reparsed: 0 };
  const steps = parseMarkdownSteps(text, previous, options);
  let step = steps.next();
  while (!step.done) step = steps.next(runParseJob(step.value));
  return step.value;
}

/**
 * One micromark parse that `parseMarkdownSteps` asks for: plain data, so that another
 * thread can run it (`node/parseWorker.ts`) and send the result back.
 */
export interface ParseJob {
  mode: string;
  degraded: string;
  input: string;
  seeds: readonly string[];
}

export interface ParseJobResult {
  tree: Root;
  defines: string[];
  /** The answer to a `PREPARE` job. */
  prepared?: Prepared;
}

/** The guards' pass and the block split of a text (step 1 of `parseMarkdownSteps`). */
export interface Prepared {
  guarded: GuardedText;
  split: BlockSplit;
}

/**
 * The mode of a job that asks for `Prepared` instead of a parse: on a large new text, the
 * guards' pass and the split take 0.1–0.2 s per megabyte in one piece, which the parse
 * thread takes off the server's (a hover waited for it).
 */
export const PREPARE = 'prepare';
/** New texts from this size on are prepared by a job. */
const PREPARE_BY_JOB = 128 * 1024;

/** Runs a parse job here (see `parseWith`). */
export function runParseJob(job: ParseJob): ParseJobResult {
  if (job.mode === PREPARE) return { tree: { type: 'root', children: [] }, defines: [], prepared: prepare(job.input) };
  return parseWith(job.mode, job.degraded, job.input, job.seeds);
}

function prepare(text: string): Prepared {
  const guarded = guardText(text);
  return { guarded, split: splitBlocks(guarded.text) };
}

/**
 * `parseMarkdown` one block at a time: the generator yields each parse it needs as a
 * `ParseJob`, is resumed with the job's result, and returns the whole parse at the end. A
 * caller with other work to do (the workspace index, which must not hold up requests on
 * open documents) runs the jobs in slices, or on another thread; the result is the same as
 * `parseMarkdown`'s.
 *
 * 1. `guardText` (parse/guards.ts) neutralises what would make micromark super-linear;
 *    `splitBlocks` proposes blocks.
 * 2. Each block is parsed (or reused) with the definitions the document probably has,
 *    and with a sentinel line after it of the next line's kind: when the sentinel is
 *    swallowed or taken as interrupting, a construct was still open at the block's end,
 *    and the block is joined with the next ones (about doubling it, so that a run of wrong
 *    guesses costs at most about twice the final block). This gives the blocks and what
 *    each defines.
 * 3. A definition inside a container directive that another block could use joins the
 *    blocks from one to the other (micromark's order decides there, see `Seeding`).
 * 4. Each block whose parse was given other definitions than the document really has
 *    (a wrong prediction) is parsed again.
 */
export function* parseMarkdownSteps(text: string, previous?: ParsedMarkdown, options: ParseOptions = {}): Generator<ParseJob, ParsedMarkdown, ParseJobResult> {
  // The guards and the block split read again only around the edit (text/textEdit.ts).
  const edit = previous?.guard ? textEdit(previous.text, text) : undefined;
  // A large text with nothing to resume from: guarded and split by a job (another thread's, in the server).
  let prepared: Prepared | undefined;
  if (!edit && !options.oneShot && text.length >= PREPARE_BY_JOB) {
    prepared = (yield { mode: PREPARE, degraded: '', input: text, seeds: NO_SEEDS }).prepared!;
    prepared.guarded.marks = Marks.revive(prepared.guarded.marks);
  }
  const guarded = prepared?.guarded ?? guardText(text, edit && previous?.guard ? { guarded: previous.guard, edit } : undefined);
  const input = guarded.text;
  if (options.oneShot && !previous && text.length <= ONE_SHOT_LIMIT && guarded.heavy.length === 0) {
    // One parse call instead of one per block: no per-call overhead, same model (the
    // block-wise parse is checked against it), but nothing to reuse on a next version.
    // (A block with too many delimiter runs is parsed with other options: block-wise.)
    const whole = yield { mode: guarded.frontMatterDots ? 'P' : 'F', degraded: 'A', input, seeds: NO_SEEDS };
    const defined = whole.defines.filter((d) => d[0] === 'l' || d[0] === 'f').join('\u0000');
    return { text, blocks: [{ start: 0, end: text.length, key: input, labels: [], tree: whole.tree }], reparsed: 1, defined, ...(input !== text && { guarded: true }) };
  }
  // (The split reads the guarded text: where the guards changed it, it is split afresh.)
  const splitEdit = edit && input === text && previous?.guard?.text === previous?.text ? edit : undefined;
  const split = prepared?.split ?? splitBlocks(input, splitEdit && previous?.split ? { split: previous.split, edit: splitEdit } : undefined);
  const parse = new BlockParse(input, guarded.heavy, split, previous, splitEdit);
  const found = yield* parse.probeAll();
  yield* parse.joinNestedDefinitions(found);
  const blocks = yield* parse.withDefinitions(found);
  const lines = edit && previous?.lines ? LineIndex.afterEdit(previous.lines, text, edit) : new LineIndex(text);
  return { text, blocks, reparsed: parse.reparsed, ...(parse.typedLetters > 0 && { typed: parse.typedLetters }), ...(parse.partEdits > 0 && { partEdits: parse.partEdits }), probes: parse.probes, guard: guarded, split, lines, defined: parse.defined, ...(input !== text && { guarded: true }) };
}

/** What a parse key stands for: the block's meta, and its trees by the definitions they were given. */
interface Known {
  meta: BlockMeta;
  trees?: Map<string, Root>;
}

/** The previous version's block's tree when it was parsed with exactly the `required` definitions of other blocks. */
function treeGiven(prev: ParsedBlock | undefined, required: string): Root | undefined {
  if (!prev?.parseKey) return undefined;
  return prev.key.length === prev.parseKey.length + 1 + required.length && prev.key.endsWith(required) ? prev.tree : undefined;
}

/** A block as the probes found it: parsed (`fresh`) or known from the previous version. */
interface Found {
  start: number;
  end: number;
  source: string;
  flags: string;
  parseKey: string;
  meta: BlockMeta;
  trees?: Map<string, Root>;
  fresh?: { tree: Root; seeds: string[] };
  /** The previous version's block of the same text, place and flags (its keys are reused). */
  prev?: ParsedBlock;
}

/** A block `BlockParse.known` could not find: what its parse needs, and what is kept of it. */
interface Unparsed {
  unparsed: true;
  start: number;
  end: number;
  source: string;
  flags: string;
  /** What the line after the block starts (see `containerStart`). */
  next: string;
  last: boolean;
  parseKey: string;
  labels: string[];
  seeds: string[];
}

/** The steps of `parseMarkdownSteps` over one document's candidate blocks. */
class BlockParse {
  reparsed = 0;
  /** Blocks made from the previous version's parse with a typed letter in, instead of parsed (parse/typedLetter.ts). */
  typedLetters = 0;
  /** Blocks made from the previous version's parse with one list item or table row parsed again (parse/partEdit.ts). */
  partEdits = 0;
  /** The document's definitions, once `withDefinitions` has found them. */
  defined = '';
  /** Candidate blocks that ended inside a construct, for the next version. */
  readonly probes = new Map<string, BlockMeta>();
  private readonly split: BlockSplit;
  /**
   * What the previous version knows, by parse key: what each block is, and its trees by the
   * definitions they were given. Made on first need (`knownBefore`): a block the edit left
   * where it was is found by its place (`previousBlock`), and a typed letter needs neither.
   */
  private knownIndex?: Map<string, Known>;
  /** What this version parsed, by parse key. */
  private readonly added = new Map<string, Known>();
  /** The definitions the document probably has: predicted from its text, and those of the previous version. */
  private readonly estimate: Set<string>;

  constructor(
    private readonly input: string,
    private readonly heavy: HeavyParagraph[],
    split: BlockSplit,
    private readonly previous: ParsedMarkdown | undefined,
    /** The edit from the previous version, when neither version's text was changed by the guards. */
    private readonly edit: TextEdit | undefined,
  ) {
    this.split = split;
    this.estimate = new Set(this.split.predicted);
    // The previous version's definitions (only `l`/`f` ones are ever looked up).
    if (previous?.defined !== undefined) {
      for (const d of previous.defined.split('\u0000')) if (d) this.estimate.add(d);
    } else for (const b of previous?.blocks ?? []) for (const d of b.defines ?? []) this.estimate.add(d);
  }

  private knownBefore(): Map<string, Known> {
    if (this.knownIndex) return this.knownIndex;
    const known = (this.knownIndex = new Map<string, Known>());
    for (const [parseKey, meta] of this.previous?.probes ?? []) known.set(parseKey, { meta });
    for (const b of this.previous?.blocks ?? []) {
      if (!b.defines || !b.parseKey) continue;
      let entry = known.get(b.parseKey);
      if (!entry) known.set(b.parseKey, (entry = { meta: { labels: b.labels, defines: b.defines, open: false } }));
      (entry.trees ??= new Map()).set(b.key.slice(b.parseKey.length + 1), b.tree);
    }
    return known;
  }

  /** What the line at `end` starts (see `containerStart`); nothing where front matter is never closed. */
  private nextStart(end: number): string {
    const input = this.input;
    if (this.split.unclosedFrontMatter) return '';
    let eol = end;
    while (eol < input.length && input.charCodeAt(eol) !== 10 && input.charCodeAt(eol) !== 13) eol++;
    return containerStart(input.slice(end, eol));
  }

  /** Which constructs a block from `start` to `end` is parsed without (see `processorFor`). */
  private degradedAt(start: number, end: number): string {
    const heavy = this.heavy;
    if (heavy.length === 0) return 'A';
    let lo = 0;
    let hi = heavy.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (heavy[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    let emphasis = false;
    let links = false;
    for (let i = lo; i < heavy.length && heavy[i].start < end; i++) {
      emphasis ||= heavy[i].emphasis;
      links ||= heavy[i].links;
    }
    return emphasis ? (links ? 'X' : 'D') : links ? 'L' : 'A';
  }

  /** The block from `start` to `end` (the document's end when `last`), parsed or known. */
  private *probe(start: number, end: number, last: boolean): Generator<ParseJob, Found, ParseJobResult> {
    const known = this.known(start, end, last);
    return 'unparsed' in known ? yield* this.parseNew(known) : known;
  }

  /**
   * A block `known` could not find, parsed: only the list item, table row or footnote definition the edit is in,
   * put in the previous version's parse, where that holds (parse/partEdit.ts); else the block.
   */
  private *parseNew(u: Unparsed): Generator<ParseJob, Found, ParseJobResult> {
    const plan = this.partPlan(u);
    if (plan) {
      this.reparsed++;
      const r = yield { mode: 'B', degraded: u.flags[2], input: plan.window, seeds: u.seeds };
      const spliced = splicePartEdit(plan, r.tree, r.defines);
      if (spliced) {
        this.partEdits++;
        return this.parsed(u, spliced);
      }
    }
    return this.parsed(u, yield this.job(u));
  }

  /**
   * What to parse when the edit lies inside one list item, table row or footnote definition
   * of the previous version's block at this place, parsed with the same flags and definitions.
   */
  private partPlan(u: Unparsed): PartEditPlan | undefined {
    if (u.flags[0] === 'Q') return undefined;
    const suffix = u.flags + u.next;
    const b = this.editedBlock(u.start, u.end, suffix, u.seeds);
    if (!b) return undefined;
    const { start, oldEnd, newEnd } = this.edit!;
    return planPartEdit(b.tree, b.defines!, withSentinel(b.parseKey!.slice(0, b.end - b.start), suffix), withSentinel(u.source, u.flags), start - u.start, oldEnd - u.start, newEnd - u.start);
  }

  /**
   * The previous version's block at `start` when the edit lies strictly inside it (the
   * block now ends at `end`) and it was parsed with the same flags (`suffix`) and, its own
   * definitions apart, the definitions this parse would be given (`seeds`).
   */
  private editedBlock(start: number, end: number, suffix: string, seeds: readonly string[]): ParsedBlock | undefined {
    const { edit, previous } = this;
    if (!edit || !previous || edit.start <= start) return undefined;
    const b = previous.blocks[lastStartAtMost(previous.blocks, start)];
    if (!b || b.start !== start || b.end !== end - (edit.newEnd - edit.oldEnd) || edit.oldEnd >= b.end || !b.parseKey || !b.defines) return undefined;
    if (b.parseKey.length !== b.end - b.start + 1 + suffix.length || !b.parseKey.endsWith(suffix)) return undefined;
    const own = new Set(b.defines);
    return seeds.filter((l) => !own.has(l)).join('\u0000') === b.key.slice(b.parseKey.length + 1) ? b : undefined;
  }

  /**
   * The block from `start` to `end` as far as it is known without a parse: from the
   * previous version or this one, or with a typed letter in; else what to parse. (No
   * generator here: most blocks of an edited document are known, and a generator per
   * block was most of what an edit allocated.)
   */
  private known(start: number, end: number, last: boolean): Found | Unparsed {
    // The second flag: `E` the document's last block, else the sentinel's kind (`C` a
    // container on the next line, `S` anything else).
    const next = last ? '' : this.nextStart(end);
    const source = this.input.slice(start, end);
    const sentinel = last ? 'E' : next === '[^' && !source.includes(DEFINITION_LABEL) ? 'D' : next ? 'C' : 'S';
    const flags = (start === 0 ? (this.split.frontMatterDots ? 'P' : 'F') : this.split.unclosedFrontMatter ? 'Q' : 'B') + sentinel + this.degradedAt(start, end);
    const prev = this.previousBlock(start, end, flags + next);
    if (prev) return { start, end, source, flags, parseKey: prev.parseKey!, meta: { labels: prev.labels, defines: prev.defines!, open: false }, prev };
    const parseKey = source + '\u0000' + flags + next;
    let entry = this.added.get(parseKey);
    if (!entry) {
      const labels = candidateLabels(source);
      const seeds = labels.filter((l) => this.estimate.has(l));
      const unparsed: Unparsed = { unparsed: true, start, end, source, flags, next, last, parseKey, labels, seeds };
      const r = this.typed(start, end, flags + next, seeds);
      if (r) {
        this.typedLetters++;
        return this.parsed(unparsed, r);
      }
      // A candidate that ended inside a construct last time (a list going on, say) is probed
      // again on every version: found among the previous version's probes without
      // indexing all of its blocks (on a dense 1 MB brief that index cost 1–2 ms an edit).
      const probe = this.knownIndex ? undefined : this.previous?.probes?.get(parseKey);
      entry = probe ? { meta: probe } : this.knownBefore().get(parseKey);
      if (!entry) return unparsed;
    }
    if (entry.meta.open) this.probes.set(parseKey, entry.meta);
    return { start, end, source, flags, parseKey, meta: entry.meta, trees: entry.trees };
  }

  /** What to parse for a block `known` could not find. */
  private job(u: Unparsed): ParseJob {
    this.reparsed++;
    return { mode: u.flags[0], degraded: u.flags[2], input: withSentinel(u.source, u.flags), seeds: u.seeds };
  }

  /** The block `u` from its parse (or the previous parse with a typed letter in). */
  private parsed(u: Unparsed, r: ParseJobResult): Found {
    const meta = { labels: u.labels, defines: r.defines, open: !u.last && !cleanEnd(r.tree, u.source, u.flags[1], u.next) };
    this.added.set(u.parseKey, { meta });
    if (meta.open) this.probes.set(u.parseKey, meta);
    return { start: u.start, end: u.end, source: u.source, flags: u.flags, parseKey: u.parseKey, meta, fresh: meta.open ? undefined : { tree: r.tree, seeds: u.seeds } };
  }

  /**
   * The block from `start` to `end` when the edit is one letter typed into the previous
   * version's block there (parsed with the same flags and definitions): that parse with
   * the letter in (parse/typedLetter.ts), when it holds; else undefined.
   */
  private typed(start: number, end: number, suffix: string, seeds: readonly string[]): ParseJobResult | undefined {
    const { edit } = this;
    if (!edit || edit.oldEnd !== edit.start || edit.newEnd !== edit.start + 1) return undefined;
    // The definitions the previous tree was parsed with (its own apart) are the ones this
    // parse would be given (`editedBlock`), and a label the letter changed (in brackets) is
    // defined neither before nor after, in the block itself or elsewhere.
    const b = this.editedBlock(start, end, suffix, seeds);
    if (!b) return undefined;
    const own = new Set(b.defines);
    const bracketed = bracketsAround(this.input, start, end, edit.start);
    if (bracketed === null) return undefined;
    if (bracketed) {
      const letterAt = edit.start - bracketed.start;
      const old = bracketed.text.slice(0, letterAt) + bracketed.text.slice(letterAt + 1);
      if ([...candidateLabels(bracketed.text), ...candidateLabels(old)].some((l) => own.has(l) || this.estimate.has(l))) return undefined;
    }
    const tree = treeWithLetter(b.tree, withSentinel(b.parseKey!.slice(0, b.end - b.start), suffix), edit.start - start, this.input[edit.start]);
    return tree && { tree, defines: b.defines! };
  }

  /**
   * The previous version's block from `start` to `end` when the edit left its text alone
   * (it is wholly before or after the edit) and it was parsed with the same flags: its key
   * is this block's, an object already hashed (building and hashing the key of every block
   * again was a pass over the whole text on each edit).
   */
  private previousBlock(start: number, end: number, suffix: string): ParsedBlock | undefined {
    const { edit, previous } = this;
    if (!edit || !previous) return undefined;
    const shift = end <= edit.start ? 0 : start >= edit.newEnd ? edit.newEnd - edit.oldEnd : undefined;
    if (shift === undefined) return undefined;
    const b = previous.blocks[lastStartAtMost(previous.blocks, start - shift)];
    if (!b || b.start !== start - shift || b.end !== end - shift || !b.parseKey) return undefined;
    const key = b.parseKey;
    return key.length === end - start + 1 + suffix.length && key.endsWith(suffix) ? b : undefined;
  }


  /**
   * Every candidate block, parsed with a sentinel: one that ends inside a construct is
   * joined with the next ones (about doubling it, so that a run of wrong guesses costs at
   * most about twice the final block).
   */
  *probeAll(): Generator<ParseJob, Found[], ParseJobResult> {
    const cands = this.split.blocks;
    const found: Found[] = [];
    for (let i = 0; i < cands.length; ) {
      let j = this.chunkEnd(i);
      for (;;) {
        const last = j === cands.length - 1;
        const known = this.known(cands[i].start, cands[j].end, last);
        const f = 'unparsed' in known ? yield* this.parseNew(known) : known;
        if (!f.meta.open) {
          found.push(f);
          break;
        }
        j++;
        while (j < cands.length - 1 && cands[j].end - f.start < 2 * (f.end - f.start)) j++;
      }
      i = j + 1;
    }
    return found;
  }

  /**
   * Where the parse that starts at candidate `i` ends: short candidates (headings, short
   * paragraphs and list items) are parsed together, up to about `CHUNK_SIZE` characters,
   * since each parse costs about 0.4 ms whatever its length (a megabyte of one-line
   * paragraphs took 22 s in that alone). Joining blocks is always sound (it is what a
   * construct left open does); a chunk ends where a candidate's text hashes to 0 modulo 8
   * (once it holds `CHUNK_MIN` characters), so chunks depend on the text around them and
   * an edit changes only its own. A candidate in a paragraph parsed with fewer constructs
   * (parse/guards.ts) stays alone.
   */
  private chunkEnd(i: number): number {
    if (!chunking.enabled) return i;
    const cands = this.split.blocks;
    const small = (k: number) => cands[k].end - cands[k].start < SMALL_BLOCK && this.degradedAt(cands[k].start, cands[k].end) === 'A';
    if (!small(i)) return i;
    let j = i;
    let size = cands[i].end - cands[i].start;
    while (j + 1 < cands.length && size < CHUNK_SIZE && !(size >= CHUNK_MIN && hashOf(this.input, cands[j].start, cands[j].end) % 8 === 0) && small(j + 1)) {
      j++;
      size += cands[j].end - cands[j].start;
    }
    return j;
  }

  /**
   * A definition inside a container that no top-level definition of the same label
   * covers, and that another block could use: join the blocks from one to the other.
   */
  *joinNestedDefinitions(found: Found[]): Generator<ParseJob, void, ParseJobResult> {
    for (;;) {
      const range = nestedDefinitionRange(found);
      if (!range) return;
      const [from, to] = range;
      const joined = yield* this.probe(found[from].start, found[to].end, to === found.length - 1);
      found.splice(from, to - from + 1, joined);
    }
  }

  /** Each block with the definitions the document really has: parsed again where the prediction was wrong. */
  *withDefinitions(found: Found[]): Generator<ParseJob, ParsedBlock[], ParseJobResult> {
    const defined = new Set<string>();
    for (const f of found) for (const d of f.meta.defines) if (d[0] === 'l' || d[0] === 'f') defined.add(d);
    this.defined = [...defined].sort().join('\u0000');
    // With the same definitions in the document, a block the edit left alone is the previous version's.
    const same = this.previous?.defined === this.defined;
    const out: ParsedBlock[] = [];
    for (const f of found) {
      if (same && f.prev) {
        // Blocks are never changed once made: one the edit did not move is the same object.
        out.push(f.prev.start === f.start ? f.prev : { ...f.prev, start: f.start, end: f.end });
        continue;
      }
      const own = new Set(f.meta.defines);
      const required = f.meta.labels.filter((l) => defined.has(l) && !own.has(l)).join('\u0000');
      // A fresh parse was given the right definitions if, apart from the block's own, it got
      // exactly the required ones.
      let tree = f.fresh && f.fresh.seeds.filter((l) => !own.has(l)).join('\u0000') === required ? f.fresh.tree : (f.trees?.get(required) ?? treeGiven(f.prev, required));
      if (!tree) {
        tree = (yield { mode: f.flags[0], degraded: f.flags[2], input: withSentinel(f.source, f.flags), seeds: required ? required.split('\u0000') : NO_SEEDS }).tree;
        this.reparsed++;
      }
      // The previous version's key when it is the same (an object already flat and hashed).
      const prevKey = f.prev?.key;
      const key = prevKey !== undefined && prevKey.length === f.parseKey.length + 1 + required.length && prevKey.endsWith(required) ? prevKey : f.parseKey + '\u0000' + required;
      out.push({ start: f.start, end: f.end, key, parseKey: f.parseKey, labels: f.meta.labels, defines: f.meta.defines, tree });
    }
    return out;
  }
}

/** Tests of the block split itself turn chunks off, to parse every candidate alone. */
export const chunking = { enabled: true };
/** Candidate blocks shorter than this are parsed together with their neighbours (`BlockParse.chunkEnd`). */
const SMALL_BLOCK = 256;
const CHUNK_MIN = 256;
const CHUNK_SIZE = 1024;

/** FNV-1a of `text` from `start` to `end`. */
/**
 * A hash of a candidate block (FNV-1a): of its length and its first `HASHED` characters
 * only, so that deciding chunks costs no pass over the whole text; still a function of the
 * block's own text, so chunk ends move only where the text changed.
 */
function hashOf(text: string, start: number, end: number): number {
  let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  for (let i = start; i < end && i < start + HASHED; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
const HASHED = 64;

/** The first run of blocks (`[from, to]`) that a definition inside a container forces together, if any. */
function nestedDefinitionRange(found: Found[]): [number, number] | undefined {
  const top = new Set<string>();
  const nested = new Map<string, number[]>();
  found.forEach((f, index) => {
    for (const d of f.meta.defines) {
      if (d[0] === 'l' || d[0] === 'f') top.add(d);
      else {
        const label = d[0].toLowerCase() + d.slice(1);
        const at = nested.get(label);
        if (at) at.push(index);
        else nested.set(label, [index]);
      }
    }
  });
  for (const [label, at] of nested) {
    if (top.has(label)) continue;
    let from = -1;
    let to = -1;
    found.forEach((f, index) => {
      if (at.includes(index) || !hasSorted(f.meta.labels, label)) return;
      from = Math.min(from < 0 ? index : from, index, at[0]);
      to = Math.max(to, index, at[at.length - 1]);
    });
    if (from >= 0) return [from, to];
  }
  return undefined;
}

/**
 * The bracketed text (`[` to `]`, brackets included) around offset `at` of `input`, within
 * the block from `from` to `to` (a label never spans blocks); undefined when there is
 * none, null when a bracket on the way is escaped (the label's extent is then not this
 * simple scan's to judge).
 */
function bracketsAround(input: string, from: number, to: number, at: number): { start: number; text: string } | undefined | null {
  let open = at - 1;
  while (open >= from && input[open] !== '[' && input[open] !== ']') open--;
  if (open < from || input[open] === ']') return undefined;
  let close = at;
  while (close < to && input[close] !== ']' && input[close] !== '[') close++;
  if (close >= to || input[close] === '[') return undefined;
  if (input[open - 1] === '\\' || input[close - 1] === '\\') return null;
  return { start: open, text: input.slice(open, close + 1) };
}

function withSentinel(source: string, flags: string): string {
  return flags[1] === 'E' ? source : source + (flags[1] === 'C' ? CONTAINER_SENTINEL : flags[1] === 'D' ? DEFINITION_SENTINEL : SENTINEL);
}

function hasSorted(list: readonly string[], value: string): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return list[lo] === value;
}
