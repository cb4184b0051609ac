import type { FootnoteDefinition as MdFootnoteDefinition, Heading as MdHeading, Image, ImageReference, Link, ListItem, Nodes, Paragraph, Parent, Root, RootContent, TableCell } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { isMap, type Document } from 'yaml';
import { cslEntriesFromYamlNode } from '../sources/csl';
import type { ParsedBlock, ParsedMarkdown } from '../parse/markdown';
import { normalizeLabel } from '../parse/blocks';
import { readYaml, tooDeepMessage, withValuesQuoted } from '../parse/yaml';
import { citationsAndSpans, labelReadsAsCitation, spanListEnd, topLevelReaches } from '../sources/citations';
import { headingAttributes, PandocAttributes } from '../sources/pandocAttributes';
import { blankedBefore, pandocTables, pandocTablesFrom, tableRuleLines, type PandocTable } from './pandocTables';
import type { Conventions } from '../conventions/types';
import { tagNames } from '../conventions/types';
import { matchesAnyGlob } from '../text/glob';
import { LineIndex, lineStartAt } from '../text/lineIndex';
import type { Span } from '../text/span';
import { readDirective, splitList } from './directives';
import { buildFramework, FOOTNOTE_CALL, frameworkSection, sectionsOf } from './framework';
import { actorNames, findActorMentions, type ActorNames } from './actorMentions';
import { plainNoteNumbers, sentenceBreaks, sentenceEndFinder, withTrailingSources } from './sentences';
import { lastAtMost } from '../text/textEdit';
import { superscriptNotes } from './referenceMarks';
import { pandocSyntax } from './pandocSyntax';
import { plainTextOutline } from './plainTextOutline';
import type {
  ActorMention,
  BriefModel,
  Directive,
  DocumentInput,
  FrontMatter,
  Heading,
  Problem,
  ScopeModel,
  Suppression,
  TextBlock,
} from './types';
import { pushAll } from '../text/pushAll';
import { RecentCache } from '../text/recentCache';
import { EXAMPLE_LABEL, emptyItems, examplesKey, emptyPlaced, placeItems, placeKind, type BlockItems, type PlaceContext, type PlacedItems } from './blockItems';
import { runToEnd, type Steps } from '../steps';

export interface BuiltModel extends BriefModel {
  lines: LineIndex;
}


const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const SUPPRESSION_HEAD = /<!--\s*briefmark-(disable-next-line|disable|enable)\b/y;

/**
 * `<!-- briefmark-KIND codes… -->` comments in an HTML node, in one linear pass. (The
 * regex `<!--\s*briefmark-…([^]*?)-->` it replaces was quadratic on many unclosed
 * comments: each opening scanned to the end of the text; docs/reliability.md.)
 */
function* suppressionComments(html: string): Generator<{ kind: string; start: number; end: number; body: string; bodyStart: number }> {
  let from = 0;
  let close = -1;
  for (;;) {
    const open = html.indexOf('<!--', from);
    if (open < 0) return;
    if (close < open + 4) close = html.indexOf('-->', open + 4);
    if (close < 0) return; // no comment closes after this point
    SUPPRESSION_HEAD.lastIndex = open;
    const m = SUPPRESSION_HEAD.exec(html);
    if (m && SUPPRESSION_HEAD.lastIndex <= close) {
      yield { kind: m[1], start: open, end: close + 3, body: html.slice(SUPPRESSION_HEAD.lastIndex, close), bodyStart: SUPPRESSION_HEAD.lastIndex };
      from = close + 3;
    } else from = open + 4;
  }
}

/**
 * Where an offset of an HTML node's value is in the document: the value is its source with
 * each line's prefix taken off (the indentation of a paragraph's continuation lines, block
 * quote markers), so an offset on line k of the value is that many characters after the
 * prefix of line k of the source. A tab that the indentation takes in part leaves spaces at
 * the start of the value's line that the source does not hold (` \t<!--` in a list item of
 * three columns: the value is ` <!--`, the node starts at `<`): they map to the source
 * line's start. Where the two do not line up so, offsets are the value's, within the source.
 */
function sourceOffsetOf(value: string, source: string, offset: number): (o: number) => number {
  const within = (o: number) => offset + Math.min(o, source.length);
  const valueLines = new LineIndex(value);
  const sourceLines = new LineIndex(source);
  if (valueLines.lineCount !== sourceLines.lineCount) return within;
  const shift: number[] = [];
  for (let k = 0; k < valueLines.lineCount; k++) {
    const vEnd = k + 1 < valueLines.lineCount ? valueLines.lineStart(k + 1) : value.length;
    const sEnd = k + 1 < sourceLines.lineCount ? sourceLines.lineStart(k + 1) : source.length;
    // The source line ends as the value line does, but for spaces a tab left: its prefix is what comes before.
    const valueLine = value.slice(valueLines.lineStart(k), vEnd).replace(/^ +/, '');
    if (!source.slice(sourceLines.lineStart(k), sEnd).endsWith(valueLine)) return within;
    shift.push(sEnd - vEnd);
  }
  return (o) => {
    const k = valueLines.positionAt(o).line;
    return offset + Math.max(sourceLines.lineStart(k), o + shift[k]);
  };
}

/**
 * The offsets of one suppression comment of an HTML node's value in the document: as
 * `mapped` gives them where the source holds the comment there; else, for a comment on one
 * line, where the source holds it nearest to that place (the value and the source do not
 * line up where an HTML node runs over lines ended in mixed ways, in a container; a quick
 * fix must edit the comment's own code).
 */
function commentInSource(html: string, source: string, offset: number, m: { start: number; end: number }, mapped: (o: number) => number): (o: number) => number {
  const comment = html.slice(m.start, m.end);
  const guess = mapped(m.start) - offset;
  if (source.startsWith(comment, guess) || /[\r\n]/.test(comment)) return mapped;
  // (A comment on one line is in the source as it is in the value: the nearest before or after the guess.)
  const before = source.lastIndexOf(comment, guess);
  const after = source.indexOf(comment, Math.max(0, guess));
  const best = before < 0 ? after : after < 0 || guess - before <= after - guess ? before : after;
  return best < 0 ? mapped : (o) => offset + best + (o - m.start);
}

/**
 * Builds the brief model from parsed Markdown. Never throws on any input text: the parse
 * always yields a tree, and every problem becomes a `Problem` in the model.
 */
export function buildModel(input: DocumentInput, parsed: ParsedMarkdown, conventions: Conventions): BuiltModel {
  return runToEnd(buildModelSteps(input, parsed, conventions));
}

/**
 * Blocks read between two steps of `buildModelSteps`, or fewer once the blocks whose facts
 * had to be collected (not memoised) hold `CHARS_PER_STEP` characters: a kilobyte of dense
 * markup takes about a millisecond to collect. A step is not a pause: the caller pauses
 * only once its time slice is spent.
 */
export const BLOCKS_PER_STEP = 16;
export const CHARS_PER_STEP = 2048;

/** `buildModel`, in steps (BLOCKS_PER_STEP, CHARS_PER_STEP). */
export function* buildModelSteps(input: DocumentInput, parsed: ParsedMarkdown, conventions: Conventions): Steps<BuiltModel> {
  const text = input.text;
  const factsOf = factsReader(input, parsed, conventions);
  const factsOfParts = partFactsReader(input, parsed, conventions);
  const definitions = new Map<string, string>();
  let frontMatter: FrontMatter | undefined;
  const blocks: ModelBlock[] = [];
  /** A block (or part of one) of the model: its front matter and definitions are the document's. */
  const add = (start: number, end: number, facts: BlockFacts): void => {
    if (facts.frontMatter) frontMatter = facts.frontMatter;
    for (const [label, url] of facts.definitions) {
      if (definitions.has(label)) continue;
      // An example label's value is where its item starts, in the block (or part): made the document's here.
      definitions.set(label, label.startsWith(EXAMPLE_LABEL) ? String(Number(url) + start) : url);
    }
    if (!facts.empty) blocks.push({ start, end, facts });
  };

  // What each block says is computed once per parsed block (see blockFacts): an edit walks
  // only the blocks it re-parsed. Link definitions are the document's, from every block.
  let read = 0;
  let collected = 0;
  for (let b = 0; b < parsed.blocks.length; b++) {
    if (read === BLOCKS_PER_STEP || collected >= CHARS_PER_STEP) {
      read = collected = 0;
      yield;
    }
    const block = parsed.blocks[b];
    read++;
    // A long list, quote or table is read part by part (`containerParts`): an edit in one item reads that item.
    const parts = factsOfParts(block, (n) => (collected += n));
    if (parts) for (const p of parts) add(block.start + p.start, block.start + p.end, p.facts);
    else {
      if (!FACTS.has(block.tree)) collected += block.end - block.start;
      add(block.start, block.end, factsOf(block));
    }
  }

  // Then what the analysis itself reads is placed in the document: headings and sections,
  // suppressions, recommendations and the framework. The rest (claims, directives,
  // citations, text blocks…) is placed when first read (`defineLazyItems`): an edit
  // copies only the few blocks that hold those, and only if they moved (see `placed`).
  const lines = parsed.lines && parsed.text === text ? parsed.lines : new LineIndex(text);
  const context = placeContext(lines, conventions, definitions);
  const own = new Map<ModelBlock, PlacedItems>();
  const place = (b: ModelBlock): PlacedItems => {
    let p = own.get(b);
    if (!p) own.set(b, (p = placed(b.facts, b.start, context)));
    return p;
  };
  // Headings and suppressions share no object with other items: they are placed on their own.
  const headings = withoutTableRows(text, collectKind(blocks, 'headings', context), frontMatter?.span.end ?? 0);
  const sections = sectionsOf(headings, text.length);
  const fw = frameworkSection(sections, conventions);
  const candidatesIn = (span: Span) => collect(blocks.filter((b) => b.end > span.start && b.start < span.end), 'recCandidates', place); // (recommendations' candidates)
  const candidates = fw ? candidatesIn(fw.span) : [];
  const tagged = collect(blocks, 'recommendations', place);
  const { framework, recommendations } = buildFramework(sections, tagged, candidates, conventions);
  const isBriefBy = briefReason(input, conventions, frontMatter, blocks);
  const model = {
    uri: input.uri,
    text,
    version: input.version,
    lines,
    isBrief: isBriefBy !== undefined,
    briefReason: isBriefBy,
    frontMatter,
    headings,
    sections,
    recommendations,
    framework,
    suppressions: collectKind(blocks, 'suppressions', context),
  } as BuiltModel;
  defineLazyItems(model, blocks, place, actorNames(conventions.actors));
  MODEL_BLOCKS.set(model, { blocks, definitions });
  // A brief written as plain text: its heading lines open its sections and framework.
  const plain = model.isBrief && !framework ? plainTextOutline(model, conventions, tagged, candidatesIn) : undefined;
  if (plain) Object.assign(model, { lineSections: plain.sections, framework: plain.framework, recommendations: plain.recommendations });
  return model;
}

/**
 * The headings but those that are part of a Pandoc table (model/pandocTables.ts):
 * CommonMark reads a one-column table's header over its rule (`  Country` / `  -------`),
 * and a multiline table's last row over its closing rule, as setext headings; Pandoc, as
 * tables. Only a heading underlined with dashes after blanks may be one (Pandoc reads
 * dashes at the margin under a line as a heading too). The list itself when none is.
 */
function withoutTableRows(text: string, headings: Heading[], body: number): Heading[] {
  const indentedUnderline = (h: Heading) => {
    if (h.level !== 2 || text.charCodeAt(h.span.end - 1) !== 45 /* - */) return false;
    const lineStart = lineStartAt(text, h.span.end - 1);
    return text.charCodeAt(lineStart) === 32;
  };
  if (!headings.some(indentedUnderline)) return headings;
  // (Read after the front matter only: its `---` is no table's rule.)
  const tables = pandocTablesFrom(text, body).map((t) => t.span);
  if (tables.length === 0) return headings;
  const inTable = (h: Heading) => tables.some((t) => t.start <= h.span.start && h.span.end <= t.end);
  return headings.filter((h) => !(indentedUnderline(h) && inTable(h)));
}

/** The items of one kind of every block that has any, placed. */
function collect<K extends keyof PlacedItems>(blocks: ModelBlock[], kind: K, place: (b: ModelBlock) => PlacedItems): PlacedItems[K] {
  const out: unknown[] = [];
  for (const b of blocks) if ((b.facts.items[kind as keyof BlockItems] as unknown[] | undefined)?.length) pushAll(out, place(b)[kind] as unknown[]);
  return out as PlacedItems[K];
}

/** Headings and suppressions of each block, placed on their own: kept while the block is at the same offset and line. */
const PLACED_KIND = new WeakMap<BlockFacts, { key: string; lists: Partial<Record<'headings' | 'suppressions', unknown[]>> }>();

function collectKind<K extends 'headings' | 'suppressions'>(blocks: ModelBlock[], kind: K, context: PlaceContext): PlacedItems[K] {
  const out: PlacedItems[K] = [];
  for (const b of blocks) {
    if (b.facts.items[kind].length === 0) continue;
    const key = `${b.start}:${context.lineAt(b.start)}`;
    let p = PLACED_KIND.get(b.facts);
    if (p?.key !== key) PLACED_KIND.set(b.facts, (p = { key, lists: {} }));
    pushAll(out as unknown[], (p.lists[kind] ??= placeKind(b.facts.items, b.start, context, kind)));
  }
  return out;
}

/** The model's items that the analysis does not read itself, placed on first read (then plain properties). */
const LAZY_KINDS = ['directives', 'claims', 'actors', 'customTags', 'citations', 'footnoteReferences', 'footnoteDefinitions', 'links', 'textBlocks', 'problems'] as const satisfies ReadonlyArray<keyof PlacedItems & keyof BriefModel>;

function defineLazyItems(model: BuiltModel, blocks: ModelBlock[], place: (b: ModelBlock) => PlacedItems, names: ActorNames): void {
  const materialize = (): void => {
    const all = emptyPlaced();
    const actorMentions: ActorMention[] = [];
    for (const b of blocks) {
      const c = place(b);
      for (const k of LAZY_KINDS) pushAll(all[k] as unknown[], c[k] as unknown[]);
      for (const m of blockMentions(b.facts, names)) actorMentions.push({ actorId: m.actorId, span: { start: m.span.start + b.start, end: m.span.end + b.start } });
    }
    for (const k of LAZY_KINDS) Object.defineProperty(model, k, { value: all[k], writable: true, enumerable: true, configurable: true });
    Object.defineProperty(model, 'actorMentions', { value: actorMentions, writable: true, enumerable: true, configurable: true });
  };
  for (const k of [...LAZY_KINDS, 'actorMentions'] as const)
    Object.defineProperty(model, k, {
      get() {
        materialize();
        return model[k];
      },
      set(value: unknown) {
        Object.defineProperty(model, k, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
}

/** A parsed block of a model that has items: where it is, and what it says (relative to its start). */
export interface ModelBlock {
  start: number;
  end: number;
  /** Its facts: the same object while the block's text and what it depends on are unchanged (a key for what is derived from it). */
  facts: BlockFacts;
}

/** The blocks each model was built from, and the document's link definitions. */
const MODEL_BLOCKS = new WeakMap<BriefModel, { blocks: ModelBlock[]; definitions: ReadonlyMap<string, string> }>();

/** The labels of the document's example list items (Pandoc's `(@label)`; see `exampleItems`). */
export function exampleLabels(model: BriefModel): Set<string> {
  const out = new Set<string>();
  const definitions = MODEL_BLOCKS.get(model)?.definitions;
  if (definitions && examplesKey(definitions) !== '') for (const label of definitions.keys()) if (label.startsWith(EXAMPLE_LABEL)) out.add(label.slice(EXAMPLE_LABEL.length));
  return out;
}

/** The blocks a model was built from (none for a model not built by `buildModelSteps`), and its link reference definitions. */
export function modelBlocks(model: BriefModel): { blocks: ModelBlock[]; definitions: ReadonlyMap<string, string> } | undefined {
  return MODEL_BLOCKS.get(model);
}

/** What document rules read of one block (or of a whole model not built from blocks): its items and where its offsets count from. */
export interface ModelPart {
  at: number;
  items: Pick<BlockItems, 'claims' | 'recommendations' | 'customTags' | 'footnoteReferences' | 'footnoteDefinitions' | 'citations' | 'textBlocks' | 'links'>;
}

/**
 * The model as document rules read it without placing it: each block's own items (offsets
 * relative to `at`), or the whole model as one part when it was not built from blocks.
 */
export function modelParts(model: BriefModel): ModelPart[] {
  let parts = PARTS.get(model);
  if (!parts) {
    const built = MODEL_BLOCKS.get(model);
    PARTS.set(model, (parts = built ? built.blocks.map((b) => ({ at: b.start, items: b.facts.items })) : [{ at: 0, items: model }]));
  }
  return parts;
}
const PARTS = new WeakMap<BriefModel, ModelPart[]>();

/**
 * Pandoc's simple, multiline and grid tables of the model (model/pandocTables.ts), and the
 * starts of the lines that may be their rules, once per model: those lines are found once
 * per block, and only after the front matter (its `---` lines are no table's rules).
 */
export function modelPandocTables(model: BriefModel): { tables: PandocTable[]; ruleLines: number[] } {
  let found = TABLES.get(model);
  if (!found) {
    const built = MODEL_BLOCKS.get(model);
    const from = model.frontMatter?.span.end ?? 0;
    let ruleLines: number[] = [];
    if (!built) ruleLines = tableRuleLines(model.text, from, model.text.length);
    else
      for (const b of built.blocks) {
        let own = RULE_LINES.get(b.facts);
        if (!own) RULE_LINES.set(b.facts, (own = tableRuleLines(model.text, b.start, b.end).map((o) => o - b.start)));
        for (const o of own) if (o + b.start >= from) ruleLines.push(o + b.start);
      }
    const tables = ruleLines.length ? pandocTables(from > 0 ? blankedBefore(model.text, from) : model.text, ruleLines) : [];
    TABLES.set(model, (found = { tables, ruleLines }));
  }
  return found;
}
const TABLES = new WeakMap<BriefModel, { tables: PandocTable[]; ruleLines: number[] }>();
/** Per block (its facts: the same while its text is), the starts of its lines that may be a table's rule, relative to it. */
const RULE_LINES = new WeakMap<BlockFacts, number[]>();

/**
 * One block as a block rule reads it (rules/types.ts `ScopeModel`): its items placed at
 * offset 0 (offsets relative to the block; reference links resolved with the document's
 * definitions, each claim's nearby sources, each actor tag's registry entry) and its text.
 * Suppressions' lines are counted from the block's start.
 */
export function blockScope(text: string, block: ModelBlock, definitions: ReadonlyMap<string, string>, conventions: Conventions, lines?: LineIndex): ScopeModel {
  const own = text.slice(block.start, block.end);
  // A block at the document's start is placed as the model places it (the same copy, shared:
  // a one-piece parse of a whole file, as the CLI makes, is placed once).
  const items =
    block.start === 0 && lines
      ? placed(block.facts, 0, placeContext(lines, conventions, definitions))
      : placeItems(block.facts.items, 0, placeContext(new LineIndex(own), conventions, definitions, block.start));
  return { ...items, text: own };
}

function placeContext(lines: LineIndex, conventions: Conventions, definitions: ReadonlyMap<string, string>, base = 0): PlaceContext {
  return { lineAt: (offset) => lines.positionAt(offset).line, conventions, definitions, base };
}

/** Each parsed block's own items, at offsets relative to the block, before they are placed (for tests of `placeItems`). */
export function blockItemsOf(input: DocumentInput, parsed: ParsedMarkdown, conventions: Conventions): Array<{ start: number; items: BlockItems }> {
  const factsOf = factsReader(input, parsed, conventions);
  return parsed.blocks.map((block) => ({ start: block.start, items: factsOf(block).items }));
}

/** The facts of each parsed block of `parsed` (see `blockFacts`), with the document's tag names. */
function factsReader(input: DocumentInput, parsed: ParsedMarkdown, conventions: Conventions): (block: ParsedBlock) => BlockFacts {
  const tagList = tagNames(conventions);
  const tags = new Set(tagList);
  const tagsKey = [...tagList].sort().join(' ');
  const guarded = parsed.guarded ? input.text : undefined;
  return (block) => blockFacts(block, tags, tagsKey, input.uri, guarded);
}

function briefReason(input: DocumentInput, conventions: Conventions, frontMatter: FrontMatter | undefined, blocks: ModelBlock[]): BriefModel['briefReason'] {
  if (frontMatter?.data && frontMatter.data.brief === true) return 'front-matter';
  if (input.relativePath && matchesAnyGlob(input.relativePath, conventions.briefs)) return 'path';
  // Any tag: a claim, an actor, a tagged recommendation (a block's are all tagged), a team tag.
  if (blocks.some(({ facts: { items: i } }) => i.claims.length + i.actors.length + i.recommendations.length + i.customTags.length > 0)) return 'directive';
  return undefined;
}

/** What one parsed block says (its items, relative to the block) and defines, with the key it was collected under. */
export interface BlockFacts {
  key: string;
  items: BlockItems;
  /** Nothing but (possibly) definitions and front matter: nothing to copy. */
  empty: boolean;
  definitions: Map<string, string>;
  /** Only for the block at offset 0. Shared, never shifted or changed. */
  frontMatter?: FrontMatter;
}

/**
 * Facts of a parsed block, memoised on its tree: a block whose tree was reused from the
 * previous version (its text and the definitions it uses are unchanged) is not walked
 * again. They depend on the tree, the block's length, the tag names, and for the first
 * block the document's URI (front matter references name it); all are in the key.
 * Never mutated: buildModel copies them to the block's offset (placeItems, model/blockItems.ts).
 */
const FACTS = new WeakMap<object, BlockFacts>();

/**
 * An example list item's marker (Pandoc's `exampleNum` and its three delimiters), then a
 * space, a tab or the line's end. A label is letters and digits, with `_` or `-` before a
 * letter or digit; it may be empty (`(@)`).
 */
const EXAMPLE_MARKER = /(?:\(@((?:[\p{L}\p{N}]|[_-](?=[\p{L}\p{N}]))*)\)|@((?:[\p{L}\p{N}]|[_-](?=[\p{L}\p{N}]))*)[.)])(?=[ \t\r\n]|$)/uy;

/**
 * Whether `key` written in place of the citation key at `span` (on the line that starts at
 * `lineStart`) would open the line as an example list item's marker does (`(@good)`,
 * `@good.`, `@good)` and a space or the line's end): no citation for Pandoc then. A quick
 * fix or a rename that changes a key checks it (`@wire4.` to `@wire.`).
 */
export function keyOpensExampleItem(text: string, lineStart: number, span: Span, key: string): boolean {
  let at = lineStart;
  while (at < span.start && (text[at] === ' ' || text[at] === '\t' || text[at] === '>')) at++;
  if (at !== span.start - 1 && !(at === span.start - 2 && text[at] === '(')) return false;
  EXAMPLE_MARKER.lastIndex = 0;
  return EXAMPLE_MARKER.test(text.slice(at, span.start) + key + text.slice(span.end, span.end + 2));
}

/**
 * Pandoc's YAML metadata block after the document's start: after a blank line, a line
 * `---` (CommonMark's thematic break), a line that is not blank, lines up to the first `---` or `...` line, the
 * lines between a YAML mapping. Pandoc takes it as metadata, not text (CommonMark reads a
 * rule and a paragraph, or a setext heading when `---` closes it): no heading, sentence or
 * citation is read there. Where the first `---` line after the block is. A blank line
 * before the closing line, which Pandoc allows, ends the search here (a block of the split
 * ends at a blank line, and the block-wise parse must read what the whole-document one
 * does); so does anything that is not a YAML mapping, as for Pandoc.
 */
function metadataBlockEnd(text: string, start: number): number | undefined {
  // Lines end at LF, CRLF or a CR alone, as for micromark and the block split.
  const lineEnd = (from: number) => {
    let i = from;
    while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    return i;
  };
  const nextLine = (end: number) => end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  // After a blank line, as Pandoc asks (the block split never starts a block at a `---`
  // line, so the blank line is in this block's text too).
  const before = start - (text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? 2 : 1);
  if (before < 1 || (text.charCodeAt(before) !== 10 && text.charCodeAt(before) !== 13)) return undefined;
  let previous = before;
  while (previous > 0 && text.charCodeAt(previous - 1) !== 10 && text.charCodeAt(previous - 1) !== 13) previous--;
  if (!/^[ \t]*$/.test(text.slice(previous, before))) return undefined;
  let end = lineEnd(start);
  if (!/^---[ \t]*$/.test(text.slice(start, end))) return undefined;
  const yamlStart = nextLine(end);
  for (let from = yamlStart; from < text.length; from = nextLine(end)) {
    end = lineEnd(from);
    const line = text.slice(from, end);
    if (/^[ \t]*$/.test(line)) return undefined;
    if (from > yamlStart && /^(?:---|\.\.\.)[ \t]*$/.test(line)) {
      const { doc } = readYaml(text.slice(yamlStart, from));
      return doc && doc.errors.length === 0 && isMap(doc.contents) ? Math.min(nextLine(end), text.length) : undefined;
    }
    // A line the split could end a block after (a setext underline): read as text.
    if (/^ {0,3}(?:=+|-+)[ \t]*$/.test(line)) return undefined;
    if (from - start > METADATA_LIMIT) return undefined;
  }
  return undefined;
}
/** Metadata blocks longer than this are read as text (YAML parsing is not linear in all inputs). */
const METADATA_LIMIT = 64 * 1024;

/** Untagged actor mentions of a parsed block (relative offsets), memoised on its tree per list of actor names. */
const MENTIONS = new WeakMap<BlockFacts, { names: string; mentions: ActorMention[] }>();

function blockMentions(facts: BlockFacts, names: ActorNames): ActorMention[] {
  if (names.names.length === 0) return [];
  const hit = MENTIONS.get(facts);
  if (hit && hit.names === names.key) return hit.mentions;
  const mentions = findActorMentions(facts.items, names);
  MENTIONS.set(facts, { names: names.key, mentions });
  return mentions;
}

function blockFacts(block: ParsedBlock, tags: Set<string>, tagsKey: string, uri: string, guardedDocument?: string): BlockFacts {
  const limit = block.end - block.start;
  const first = block.start === 0;
  // Where the guards neutralised characters (a brace read as text, a fence past the depth
  // limit), the tree comes from the text as parsed but labels, masked text and the rest
  // are read from the document's own text: the user's characters, at the same offsets.
  const parsedText = block.key.slice(0, limit);
  const own = guardedDocument?.slice(block.start, block.end);
  const source = own !== undefined && own !== parsedText ? own : parsedText;
  const key = `${limit}\u0000${tagsKey}\u0000${first ? uri : ''}${source === parsedText ? '' : `\u0000${source}`}`;
  const hit = FACTS.get(block.tree);
  if (hit && hit.key === key) return hit;
  const facts = collectBlock(source, block.tree, limit, first, tags, uri, key);
  FACTS.set(block.tree, facts);
  return facts;
}

/** Lists, block quotes and tables of at least this many items, nodes or rows are read part by part (`containerParts`). */
export const PART_MIN = 16;
/** Tests turn it off, to compare with each list, quote and table read at once. */
export const partFacts = { enabled: true };

/** One item of a long list, node of a long quote or row of a long table: from its first character to the next one's (the last to the block's end), relative to the block. */
interface ContainerPart {
  node: RootContent;
  start: number;
  end: number;
  /** 1 for a node of a block quote. */
  quoteDepth: number;
  /** What the part is read by besides its text: a table's head and delimiter rows (its columns), else ''. */
  context: string;
}

/**
 * A parsed block that is one list of at least `PART_MIN` items, one block quote of at
 * least `PART_MIN` nodes or one table of at least `PART_MIN` rows, and nothing else, as
 * its parts. What the model reads of a list item, a quote's paragraph or a table row is
 * its own: its sentences, cells, tags, citations and definitions; its tree is its text's,
 * whatever its siblings hold (the part edit, parse/partEdit.ts, rests on the same), but
 * for a table's rows, whose cells are read by the head's columns (the head is in their
 * key: `context`). So each
 * part is a block of the model of its own, its facts read once per text
 * (`partFactsReader`), and an edit in a list of 1,000 items reads one, not 1,000. What
 * reads a table as a whole reads the parts together again (`sourcedTables` joins a
 * table's rows). `test/unit/containerParts.test.ts` compares the model and the findings
 * with each container read at once.
 */
function containerParts(block: ParsedBlock): ContainerPart[] | undefined {
  if (!partFacts.enabled) return undefined;
  const limit = block.end - block.start;
  const kids = block.tree.children;
  const container = kids[0];
  // Nodes of the sentinel start at or past the block's end.
  if ((container?.type !== 'list' && container?.type !== 'blockquote' && container?.type !== 'table') || container.children.length < PART_MIN || (kids.length > 1 && (kids[1].position?.start.offset ?? 0) < limit)) return undefined;
  // A table's first part is its head row with the delimiter row after it (a row followed by a
  // delimiter row is the head: model/tables.ts); each body row is a part.
  const parts: RootContent[] = container.children;
  const out: ContainerPart[] = [];
  const head = container.type === 'table' ? block.key.slice(parts[0].position?.start.offset ?? 0, parts[1].position?.start.offset ?? 0) : '';
  for (let i = 0; i < parts.length; i++) {
    const start = parts[i].position?.start.offset;
    if (start === undefined || start >= limit) break;
    const next = parts[i + 1]?.position?.start.offset;
    const end = next === undefined ? limit : Math.min(next, limit);
    // A part must end where the next starts (then nothing of it is read past its text).
    if ((parts[i].position?.end.offset ?? Infinity) > Math.max(end, next ?? limit)) return undefined;
    out.push({ node: parts[i], start, end, quoteDepth: container.type === 'blockquote' ? 1 : 0, context: head });
  }
  return out;
}

/**
 * Facts of parts (`containerParts`) by their text and how their block was parsed (its
 * flags and the definitions it was given: `block.key` past its text; the definitions it
 * holds), with the tag names: the parts an edit left alone are found again, wherever they
 * moved.
 */
const PART_FACTS = new RecentCache<BlockFacts>(16_384);

/** A part of a block with its facts (offsets relative to the part; the part's relative to the block). */
interface PartFacts {
  start: number;
  end: number;
  facts: BlockFacts;
}

/**
 * The parts of a block that is one long list or quote (`containerParts`) with their facts,
 * with the document's tag names; undefined for any other block. `read` counts the
 * characters walked.
 */
function partFactsReader(input: DocumentInput, parsed: ParsedMarkdown, conventions: Conventions): (block: ParsedBlock, read: (n: number) => void) => PartFacts[] | undefined {
  const tagList = tagNames(conventions);
  const tags = new Set(tagList);
  const tagsKey = [...tagList].sort().join(' ');
  const guarded = parsed.guarded ? input.text : undefined;
  return (block, read) => {
    // A block parsed as last time (the same tree, key and tag names): its parts as they were,
    // found with one comparison of its key, not one lookup per part.
    const seen = guarded === undefined ? BY_TREE.get(block.tree) : undefined;
    if (seen && seen.tagsKey === tagsKey && seen.blockKey === block.key) return seen.parts;
    const parts = containerParts(block);
    if (!parts) return undefined;
    const limit = block.end - block.start;
    // What a part's tree depends on besides its text, the same for every part of the block:
    // how the block was parsed, the definitions it was given, and its own (another item's
    // `[ref]: …` or `[^1]: …`).
    const prefix = `${block.key.slice(limit)}\u0000${block.defines?.join(' ') ?? ''}\u0000${tagsKey}\u0000`;
    const out = parts.map((part): PartFacts => {
      const parsedText = block.key.slice(part.start, part.end);
      const own = guarded?.slice(block.start + part.start, block.start + part.end);
      const source = own !== undefined && own !== parsedText ? own : parsedText;
      // And where its node ends (a blank line after it is the node's or not, as what follows says).
      const nodeEnd = (part.node.position?.end.offset ?? 0) - part.start;
      const key = `${prefix}${part.quoteDepth}${limit === part.end ? 'L' : 'M'}${nodeEnd}\u0000${part.context}\u0000${parsedText}${source === parsedText ? '' : `\u0000${source}`}`;
      const facts = PART_FACTS.get(key, () => {
        read(part.end - part.start);
        const c = new BlockCollector(source, false, tags, input.uri, part.quoteDepth);
        c.walk(part.node, { base: -part.start, limit, inListItem: false, block: undefined });
        return { key, items: c.items, empty: Object.values(c.items).every((a) => a.length === 0), definitions: c.definitions };
      });
      return { start: part.start, end: part.end, facts };
    });
    if (guarded === undefined) BY_TREE.set(block.tree, { blockKey: block.key, tagsKey, parts: out });
    return out;
  };
}

/**
 * The parts of a block by its tree, while the block's key (its text, how it was parsed and
 * the definitions it was given) and the tag names are the same: an edit in another block
 * costs one comparison for a long list, not a lookup per item.
 */
const BY_TREE = new WeakMap<Root, { blockKey: string; tagsKey: string; parts: PartFacts[] }>();

/**
 * Walks one block's tree. `text` is the block's own source, so every offset here is
 * relative to the block; nothing reads outside it.
 */
function collectBlock(text: string, tree: Root, limit: number, first: boolean, tags: Set<string>, uri: string, key: string): BlockFacts {
  const c = new BlockCollector(text, first, tags, uri);
  c.walk(tree, { base: 0, limit, inListItem: false, block: undefined });
  const empty = Object.values(c.items).every((a) => a.length === 0);
  return { key, items: c.items, empty, definitions: c.definitions, frontMatter: c.frontMatter };
}

/** Where a node is walked: the offset of its tree, the parse's limit, and the text block it belongs to. */
interface WalkAt {
  base: number;
  limit: number;
  inListItem: boolean;
  block: BlockBuilder | undefined;
  /** Where the table row being walked ends: a claim in a cell is sourced by a reference later in its row. */
  rowEnd?: number;
}

/** The facts of one block, collected by one walk of its tree: one method per kind of node. */
class BlockCollector {
  readonly items: BlockItems = emptyItems();
  readonly definitions = new Map<string, string>();
  frontMatter: FrontMatter | undefined;
  /** Block quotes open around the node being walked. */
  private quoteDepth = 0;
  /** Definitions read as the text of the setext heading after them, and where such headings' text starts (`foldIntoHeading`). */
  private foldedDefinitions?: Set<Nodes>;
  private headingStarts?: Map<Nodes, number>;
  /** The links of the footnote definition being walked, if any (`FootnoteDefinition.links`). */
  private footnoteLinks?: string[];

  constructor(
    private readonly text: string,
    private readonly first: boolean,
    private readonly tags: Set<string>,
    private readonly uri: string,
    /** Block quotes open around what is walked (a part of a quote is walked inside one). */
    quoteDepth = 0,
  ) {
    this.quoteDepth = quoteDepth;
  }

  walk(node: Nodes, at: WalkAt): void {
    const pos = node.position;
    if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return this.children(node, at);
    if (pos.start.offset >= at.limit) return; // definitions appended for the parse
    const s: Span = { start: at.base + pos.start.offset, end: at.base + Math.min(pos.end.offset, at.limit) };
    const block = at.block;
    switch (node.type) {
      case 'yaml':
        if (this.first && s.start === 0) this.frontMatter = frontMatterMemo(this.uri, this.text.slice(0, s.end), s, () => this.readFrontMatter(node.value, s));
        return;
      case 'heading':
        return this.heading(node, s, at);
      case 'paragraph':
      case 'tableCell':
        return this.paragraph(node, s, at);
      case 'tableRow':
        return this.children(node, { ...at, rowEnd: s.end });
      case 'listItem':
        return this.listItem(node, s, at);
      case 'footnoteDefinition':
        return this.footnoteDefinition(node, s, at);
      case 'definition': {
        if (!at.block && labelReadsAsCitation(this.text, s)) return this.foldedDefinitions?.has(node) ? undefined : this.citationLikeDefinition(s, at);
        const label = normalizeLabel(node.identifier);
        if (!this.definitions.has(label)) this.definitions.set(label, node.url);
        return;
      }
      case 'footnoteReference':
        this.items.footnoteReferences.push({ id: normalizeLabel(node.identifier), span: s, parsed: true });
        block?.mask(s);
        block?.opaque.push(s);
        return;
      case 'link':
        return this.link(node, s, at);
      case 'linkReference':
        this.items.pendingLinkRefs.push({ label: normalizeLabel(node.identifier), span: s });
        this.footnoteLinks?.push('');
        block?.mask(s);
        if (block) {
          block.references.push(s.start);
          this.linkText(node, at, block, s, node.referenceType === 'full');
        }
        return;
      case 'image':
      case 'imageReference':
        return this.image(node, s, at);
      case 'inlineCode':
        block?.mask(s);
        return;
      // A hard line break written as a backslash (Pandoc writes one for Word's Shift+Enter): no character of the sentence ("2023.\⏎The regulator…" is two).
      case 'break':
        if (this.text.charCodeAt(s.start) === 92 /* \ */) block?.mask({ start: s.start, end: s.start + 1 });
        return;
      case 'html':
        block?.mask(s);
        block?.html.push(s);
        this.readSuppressions(node.value, s.start, this.text.slice(s.start, s.end));
        return;
      case 'code':
        return;
      case 'blockquote':
        this.quoteDepth++;
        this.children(node, at);
        this.quoteDepth--;
        return;
      case 'textDirective':
      case 'leafDirective':
      case 'containerDirective':
        return this.directive(node, s, at);
      default:
        this.children(node, at);
    }
  }

  private children(node: Nodes, at: WalkAt): void {
    if (!('children' in node)) return;
    const kids = (node as Parent).children as Nodes[];
    for (let i = 1; i < kids.length; i++) if (kids[i].type === 'heading' && kids[i - 1].type === 'definition') this.foldIntoHeading(kids, i, at);
    let metadataEnd = -1;
    for (const child of kids) {
      const start = child.position?.start.offset;
      if (start !== undefined && start < metadataEnd) continue;
      if (node.type === 'root' && child.type === 'thematicBreak' && start !== undefined) {
        const end = metadataBlockEnd(this.text, at.base + start);
        if (end !== undefined) {
          metadataEnd = end - at.base;
          continue;
        }
      }
      this.walk(child, at);
    }
  }

  /**
   * micromark gives a setext heading the lines of the definitions right before it in the
   * same paragraph (`[foo]: /u\nTitle\n---`: the heading's span starts at `[foo]`). For
   * Pandoc a definition whose label reads as a citation is no definition (see
   * `citationLikeDefinition`), so from the first such line on the lines are the heading's
   * text; a real definition stays out of it. The heading's block then starts there, and
   * those definitions make no paragraph of their own.
   */
  private foldIntoHeading(kids: Nodes[], i: number, at: WalkAt): void {
    const heading = kids[i];
    const start = heading.position?.start.offset;
    if (start === undefined) return;
    let from: number | undefined;
    let inside = false;
    for (let j = i - 1; j >= 0 && kids[j].type === 'definition'; j--) {
      const p = kids[j].position?.start.offset;
      if (p === undefined || p < start) break;
      inside = true;
      const s = { start: at.base + p, end: at.base + Math.min(kids[j].position?.end.offset ?? p, at.limit) };
      if (labelReadsAsCitation(this.text, s)) {
        (this.foldedDefinitions ??= new Set()).add(kids[j]);
        from = s.start;
      }
    }
    // (An ATX heading, or one after its definitions, keeps its span.)
    if (!inside) return;
    const text = childrenSpan(heading as MdHeading, at.base, at.limit);
    (this.headingStarts ??= new Map()).set(heading, from ?? text?.start ?? at.base + start);
  }

  private heading(node: MdHeading, s: Span, at: WalkAt): void {
    let textSpan = childrenSpan(node, at.base, at.limit) ?? { start: s.end, end: s.end };
    let text = unguarded(headingText(node, this.text, at.base).trim(), this.text, s);
    // Pandoc's attribute list (`## Track 1: Diplomacy {#sec-track-1}`) is not the heading's text.
    const attrs = text.endsWith('}') ? headingAttributes(this.text.slice(s.start, s.end)) : undefined;
    const list = attrs && this.text.slice(s.start + attrs.start, s.start + attrs.end);
    if (attrs && list && text.endsWith(list)) {
      text = text.slice(0, text.length - list.length).trimEnd();
      let end = Math.min(textSpan.end, s.start + attrs.start);
      while (end > textSpan.start && /\s/.test(this.text[end - 1])) end--;
      textSpan = { start: textSpan.start, end };
    }
    this.items.headings.push({ level: node.depth, text, span: s, textSpan });
    const from = this.headingStarts?.get(node);
    const b = new BlockBuilder('heading', from === undefined ? s : { start: from, end: s.end }, at.inListItem);
    this.children(node, { ...at, block: b });
    this.finishBlock(b);
  }

  private paragraph(node: Paragraph | TableCell, s: Span, at: WalkAt): void {
    // A container directive's label paragraph, or a paragraph inside a leaf label.
    if (at.block) return this.children(node, at);
    const b = new BlockBuilder(node.type === 'paragraph' ? 'paragraph' : 'tableCell', s, at.inListItem);
    if (node.type === 'tableCell') b.rowEnd = at.rowEnd;
    if (node.type === 'paragraph') this.exampleItems(b);
    this.children(node, { ...at, block: b });
    const tb = this.finishBlock(b);
    if (node.type === 'paragraph' && !at.inListItem) this.items.recCandidates.push({ span: s, block: tb });
  }

  /**
   * Pandoc's example list items (`(@good) …`, `@good. …`, `@good) …`; the `example_lists`
   * extension of its Markdown): a paragraph that starts with such a marker is a list item
   * for Pandoc, and so is each of its lines that starts with one. The marker's `@good` is
   * the example's label, not a citation: it holds no citation here and is no prose; the
   * label is defined for the document (`EXAMPLE_LABEL` among the definitions, with where
   * its item starts), where an author-in-text `@good` refers to the example instead of
   * citing (`placeItems`).
   */
  private exampleItems(b: BlockBuilder): void {
    const text = this.text;
    const { start, end } = b.span;
    let at = start;
    while (at < end) {
      EXAMPLE_MARKER.lastIndex = at;
      const m = EXAMPLE_MARKER.exec(text);
      if (!m || m.index + m[0].length > end) {
        if (at === start) return;
      } else {
        const marker = { start: at, end: at + m[0].length };
        b.opaque.push(marker);
        b.mask(marker);
        const label = m[1] ?? m[2];
        if (label && !this.definitions.has(EXAMPLE_LABEL + label)) this.definitions.set(EXAMPLE_LABEL + label, String(at));
      }
      // The next line, past its indentation and block quote markers.
      const eol = text.indexOf('\n', at);
      if (eol < 0 || eol >= end) return;
      at = eol + 1;
      while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9 || (this.quoteDepth > 0 && text.charCodeAt(at) === 62))) at++;
    }
  }

  /**
   * A link reference definition whose label reads as a citation (`[@a]: url`,
   * `[see @a; @b]: url`): Pandoc takes no definition there (its `referenceKey` refuses a
   * label that `cite` reads) and reads the lines as a paragraph, citation included; so
   * does the model (nothing masked: the destination is text too).
   */
  private citationLikeDefinition(s: Span, at: WalkAt): void {
    const tb = this.finishBlock(new BlockBuilder('paragraph', s, at.inListItem));
    if (!at.inListItem) this.items.recCandidates.push({ span: s, block: tb });
  }

  private listItem(node: ListItem, s: Span, at: WalkAt): void {
    const first = node.children[0];
    const before = this.items.textBlocks.length;
    this.children(node, { ...at, inListItem: true, block: undefined });
    if (first && first.type === 'paragraph' && this.items.textBlocks.length > before) this.items.recCandidates.push({ span: s, block: this.items.textBlocks[before] });
  }

  private footnoteDefinition(node: MdFootnoteDefinition, s: Span, at: WalkAt): void {
    const labelEnd = this.text.indexOf(']', s.start);
    const defText = unguarded(toString(node).trim(), this.text, s);
    const links: string[] = [];
    this.items.footnoteDefinitions.push({
      id: normalizeLabel(node.identifier),
      span: s,
      labelSpan: { start: Math.min(s.start + 2, s.end), end: labelEnd > 0 && labelEnd < s.end ? labelEnd : s.end },
      text: defText,
      empty: defText.length === 0,
      links,
    });
    // The definition's links, gathered as its children are walked (`link`, `linkReference`).
    const outer = this.footnoteLinks;
    this.footnoteLinks = links;
    this.children(node, { ...at, block: undefined });
    this.footnoteLinks = outer;
  }

  private link(node: Link, s: Span, at: WalkAt): void {
    const src = this.text.slice(s.start, s.end);
    const kind = src.startsWith('<') || !src.startsWith('[') ? 'autolink' : 'inline';
    this.footnoteLinks?.push(node.url);
    if (URL_SCHEME.test(node.url)) this.items.links.push({ url: node.url, span: s, kind });
    const block = at.block;
    if (!block) return;
    block.mask(s);
    // Pandoc reads citations in a link's text (`[see @a](url)`), not in its destination.
    // `<url>` is one unit for Pandoc; a bare URL or e-mail address (GFM) is text to
    // Pandoc, so citations in it are read as Pandoc reads them (`https://x.org/@a`).
    if (src.startsWith('<')) block.html.push(s);
    else if (kind === 'inline') this.linkText(node, at, block, s);
  }

  private image(node: Image | ImageReference, s: Span, at: WalkAt): void {
    const block = at.block;
    if (!block) return;
    block.mask(s);
    // The alt text is read for citations (as Pandoc does); the destination or reference is not.
    // The alt text has no tree of its own: its HTML is found here (a `]` inside HTML does not close it).
    const html = inlineHtml(this.text, s.start + 2, s.end);
    const close = matchingBracket(this.text, s.start + 1, s.end, html);
    if (close > 0 && close + 2 < s.end && (node.type === 'image' || node.referenceType === 'full')) block.opaque.push({ start: close + 2, end: s.end - 1 });
    if (node.type === 'imageReference') block.references.push(s.start + 1);
    if (close > 0) pushAll(block.html, html.filter((h) => h.end <= close));
  }

  private directive(node: TextDirective | LeafDirective | ContainerDirective, s: Span, at: WalkAt): void {
    const kind = node.type === 'textDirective' ? 'text' : node.type === 'leafDirective' ? 'leaf' : 'container';
    const d = readDirective(this.text, kind, node.name, s.start, s.end, (node.attributes ?? {}) as Record<string, string>);
    this.items.directives.push(d);
    const block = at.block;
    if (!this.tags.has(node.name)) {
      // Not a tag: ordinary text (`10:30`, `:smile:`); keep walking its children as text.
      // Its `{…}` attributes are not prose for the sentence rules; citations in them are
      // read as Pandoc reads them (Pandoc knows no directives).
      if (d.attributesSpan && kind === 'text') block?.mask(d.attributesSpan);
      this.children(node, kind === 'leaf' ? { ...at, block: undefined } : at);
      return;
    }
    if (!d.closed) this.items.problems.push({ message: `The \`:::${d.name}\` container is never closed: add a line \`:::\` where it ends.`, span: { start: d.span.start, end: d.nameSpan.end } });
    const own = kind === 'leaf' && !block ? new BlockBuilder('paragraph', s, at.inListItem) : block;
    own?.maskDirective(d);
    // A text tag with a `{…}` right after its `]` that the directive parser refused (`{by="a"class='b'}`):
    // Pandoc, which knows no directives, may still read `[label]{…}` as a span with attributes (`finishBlock`).
    if (own && kind === 'text' && !d.attributesSpan && d.labelSpan.start > d.nameSpan.end && this.text.charCodeAt(d.labelSpan.end + 1) === 123 /* { */)
      (own.refusedLists ??= []).push({ open: d.labelSpan.start - 1, close: d.labelSpan.end });
    this.registerTag(d, own, s);
    this.children(node, { ...at, block: kind === 'container' ? undefined : own });
    if (kind === 'leaf' && own && own !== block) this.finishBlock(own);
  }

  private registerTag(d: Directive, block: BlockBuilder | undefined, s: Span): void {
    const attr = (name: string) => d.attributes.find((a) => a.name === name);
    if (d.name === 'claim') {
      const src = attr('src');
      const claim: BlockItems['claims'][number] = {
        directive: d,
        label: d.label,
        id: attr('id')?.value,
        status: attr('status')?.value ?? 'asserted',
        by: attr('by')?.value,
        srcKeys: src ? splitList(src, true) : [],
        sentenceEnd: d.span.end,
        blockSpan: block?.span ?? s,
      };
      this.items.claims.push(claim);
      block?.claims.push(claim);
    } else if (d.name === 'actor') {
      // Its registry entry is the placement's (placeItems): facts do not depend on the conventions.
      this.items.actors.push({ directive: d, label: d.label, id: attr('id')?.value });
    } else if (d.name === 'rec') {
      const actorAttr = attr('actor');
      this.items.recommendations.push({
        directive: d,
        label: d.label.trim() || firstWords(this.text.slice(afterHead(d), d.span.end)),
        labelSpan: d.labelSpan,
        span: s,
        id: attr('id')?.value,
        trackAttr: attr('track'),
        actors: actorAttr ? splitList(actorAttr, false) : [],
        priority: attr('priority')?.value,
        horizon: attr('horizon')?.value,
      });
    } else this.items.customTags.push(d);
  }

  /** The syntax inside a link's text that holds no citation (code, HTML), and its destination or reference. */
  private linkText(node: Parent, at: WalkAt, block: BlockBuilder, s: Span, fullReference = true): void {
    const html: Span[] = [];
    const inner = (n: Nodes): void => {
      const p = n.position;
      if (p?.start.offset !== undefined && p.end.offset !== undefined) {
        const span = { start: at.base + p.start.offset, end: at.base + Math.min(p.end.offset, at.limit) };
        if (n.type === 'html') return void html.push(span);
      }
      if ('children' in n) for (const c of (n as Parent).children) inner(c as Nodes);
    };
    for (const c of node.children) inner(c as Nodes);
    pushAll(block.html, html);
    // The text ends at its `]`, not at one inside its HTML (`[<!-- ] -->@a](u)`).
    const close = matchingBracket(this.text, s.start, s.end, html);
    if (close > 0 && fullReference && close + 2 < s.end) block.opaque.push({ start: close + 2, end: s.end - 1 });
  }

  private readFrontMatter(value: string, s: Span): FrontMatter {
    const text = this.text;
    const contentStart = afterFirstLine(text, s.start, s.end);
    const fm: FrontMatter = { span: s, contentStart, data: undefined, references: [], problems: [] };
    try {
      const read = readYaml(value, { prettyErrors: false, uniqueKeys: false });
      if (!read.doc) {
        fm.problems.push({ message: `${tooDeepMessage('Front matter')}.`, span: visibleSpan(text, contentStart + read.tooDeepAt, contentStart + read.tooDeepAt + 1) });
        return fm;
      }
      const doc = read.doc.errors.length ? frontMatterQuoted(value, read.doc, contentStart, fm.problems) : read.doc;
      for (const e of doc.errors) {
        const [a, b] = e.pos ?? [0, 0];
        fm.problems.push({ message: `Front matter is not valid YAML: ${firstLine(e.message)}`, span: visibleSpan(text, contentStart + a, contentStart + Math.max(b, a + 1)) });
      }
      let data: unknown = doc.errors.length ? safeToJS(doc) : doc.toJS();
      // YAML refused the block and lost its `brief: true` (nested under a broken line, or no reading at all):
      // a top-level line saying so still makes the file a brief, so that the errors above are shown.
      if (doc.errors.length && BRIEF_LINE.test(value) && !(isPlainObject(data) && data.brief === true)) data = { ...(isPlainObject(data) ? data : {}), brief: true };
      if (isPlainObject(data)) {
        fm.data = data as Record<string, unknown>;
        const refs = isMap(doc.contents) ? doc.contents.get('references', true) : undefined;
        fm.references = cslEntriesFromYamlNode(refs, doc, this.uri, contentStart);
        // As for a CSL file's items (sources/cslJson.ts): the first entry of an id is the one cited.
        const seen = new Set<string>();
        for (const e of fm.references) {
          if (seen.has(e.key) && e.origin.span) fm.problems.push({ message: `Duplicate reference id "${e.key}" in the front matter: only the first entry with it is used.`, span: e.origin.span });
          seen.add(e.key);
        }
      } else if (data !== null && data !== undefined && doc.errors.length === 0)
        fm.problems.push({ message: 'Front matter must be a YAML mapping (key: value lines).', span: { start: contentStart, end: Math.max(contentStart, s.end - 3) } });
    } catch (e) {
      fm.problems.push({ message: `Front matter could not be read: ${(e as Error).message}`, span: s });
    }
    return fm;
  }

  /**
   * The suppression comments of an HTML node. `html` is its value, `source` its text in the
   * document: they differ where a comment runs over lines whose prefix Markdown strips
   * (indentation, `>`), and a code's place is taken back to the document's.
   */
  private readSuppressions(html: string, offset: number, source: string): void {
    const mapped = html === source ? (o: number) => offset + o : sourceOffsetOf(html, source, offset);
    for (const m of suppressionComments(html)) {
      const kind: Suppression['kind'] = m.kind === 'disable-next-line' ? 'next-line' : (m.kind as 'disable' | 'enable');
      const at = commentInSource(html, source, offset, m, mapped);
      const codes: string[] = [];
      const codeSpans: Span[] = [];
      for (const c of m.body.matchAll(/[^\s,]+/g)) {
        codes.push(c[0]);
        const start = at(m.bodyStart + c.index!);
        codeSpans.push({ start, end: start + c[0].length });
      }
      const span = { start: at(m.start), end: at(m.end - 1) + 1 };
      // The line is the document's: set when the block is placed (buildModel).
      this.items.suppressions.push({ kind, codes, codeSpans, span });
    }
  }

  /** A text block's masked text, its citations, its unparsed footnote calls, and where its claims' sentences end. */
  private finishBlock(b: BlockBuilder): TextBlock {
    const text = this.text;
    const rel = (x: Span) => ({ start: x.start - b.span.start, end: x.end - b.span.start });
    const own = text.slice(b.span.start, b.span.end);
    if (b.refusedLists) this.pandocSpanAttributes(b, own);
    const input = {
      text: own,
      base: b.span.start,
      opaque: b.opaque.map(rel),
      html: b.html.map(rel),
      references: b.references.map((r) => r - b.span.start),
      quoteMarkers: this.quoteDepth > 0 ? quoteMarkers(own) : undefined,
    };
    // A heading's attribute list (`## Title {#id}`) is not its text, for Pandoc nor here;
    // but Pandoc reads inlines first, and looks for the list only where an inline would
    // start at the top level: `@{…}` is a braced key when a citation starts at its `@`
    // (`## Title @{}`: a citation; `## Title x@{}`: attributes), and a smart quote opened
    // before may run over the `{` (`## [x]'s]{k='@c'}`: `@c` cites; Pandoc differential,
    // seed 535353).
    // A block quote's `>` markers on the lines after the first are syntax, not prose: no
    // sentence starts on one ("> — Kaja Kallas, 12 February 2025" starts at the dash).
    if (input.quoteMarkers) for (const m of input.quoteMarkers) b.mask({ start: b.span.start + m.start, end: b.span.start + m.end });
    let headingAttrs = b.kind === 'heading' ? headingAttributes(own) : undefined;
    if (headingAttrs && !topLevelReaches({ ...input, base: 0 }, headingAttrs.start)) headingAttrs = undefined;
    if (headingAttrs) b.mask({ start: headingAttrs.start + b.span.start, end: headingAttrs.end + b.span.start });
    const found = citationsAndSpans(headingAttrs ? { ...input, opaque: [...input.opaque, headingAttrs] } : input);
    pushAll(this.items.citations, found.citations);
    // A Pandoc span's attribute list (`[text]{.class}`) is not prose: no sentence is read there.
    for (const a of found.attributes) b.mask(a);
    // A note number in superscript (`…in 2023.³`, `^3^`, `<sup>3</sup>`) is no figure of the
    // sentence, and does not hold it open: masked, as a footnote call is.
    for (const s of superscriptNotes(own)) b.mask({ start: s.start + b.span.start, end: s.end + b.span.start });
    // So is one that lost its superscript in a copy from a PDF (`… existing schemes.3 Only …`).
    for (const s of plainNoteNumbers(own)) b.mask({ start: s.start + b.span.start, end: s.end + b.span.start });
    // Fenced divs' fence lines, `{#fig-map}` attribute lists and `[!NOTE]` markers that
    // CommonMark leaves in the text (model/pandocSyntax.ts) are not prose either.
    for (const s of pandocSyntax(own, this.quoteDepth > 0)) b.mask({ start: s.start + b.span.start, end: s.end + b.span.start });
    const masked = b.build(text);
    const tb: TextBlock = { kind: b.kind, span: b.span, masked, inListItem: b.inListItem };
    this.items.textBlocks.push(tb);
    this.unparsedFootnotes(masked, b.span.start);
    const sentenceEnd = b.claims.length > 0 ? sentenceEndFinder(masked) : undefined;
    // A line a bullet symbol or an emoji opens starts a sentence of its own, as does a list item's lazy line at the margin (model/sentences.ts).
    const bullets = b.claims.length > 0 && masked.includes('\n') ? sentenceBreaks(masked, own, b.inListItem) : undefined;
    for (const claim of b.claims) {
      const from = claim.directive.span.end - b.span.start;
      let end = sentenceEnd!(from);
      const bullet = bullets?.length ? lastAtMost(bullets, from - 1) + 1 : -1;
      if (bullet >= 0 && bullet < bullets!.length) end = Math.min(end, bullets![bullet]);
      // A footnote, citation or link written right after the full stop (`….[^1]`) still belongs to the sentence.
      claim.sentenceEnd = withTrailingSources(text, masked, b.span.start, end + b.span.start, b.span.end);
      // A table row is one statement (model/tables.ts): a claim whose sentence ends its cell
      // runs on to the row's end, so "| :claim[Wales 11.9%] | [@ons] |" is sourced.
      if (b.rowEnd !== undefined && masked.slice(claim.sentenceEnd - b.span.start).trim() === '') claim.sentenceEnd = Math.max(claim.sentenceEnd, b.rowEnd);
    }
    return tb;
  }

  /**
   * The attribute lists after text tags that the directive parser refused but Pandoc reads
   * as a span's (`:claim[x]{by="@a"class='b'}`: for Pandoc `[x]{…}` is a span, `@a` no
   * citation): not prose, and no citation in them, as for a span written without a tag
   * (the bracket and the list read on their own by `citationsAndSpans`).
   */
  private pandocSpanAttributes(b: BlockBuilder, own: string): void {
    let lists: PandocAttributes | undefined;
    // Each bracket and list is read once; nested or overlapping ones stop at a budget linear in the block.
    let budget = 4 * own.length;
    for (const r of b.refusedLists!) {
      const open = r.open - b.span.start;
      const close = r.close - b.span.start;
      if (own.charCodeAt(close) !== 93 /* ] */ || own.charCodeAt(close + 1) !== 123 /* { */) continue;
      lists ??= new PandocAttributes(own, own.length);
      const listEnd = lists.end(close + 1);
      if (listEnd <= 0 || (budget -= listEnd - open) < 0) continue;
      // As Pandoc reads the bracket and the list on their own: a span's list (`[x]{…}`, `[@a]{…}` too).
      const end = spanListEnd(own, open, close, lists);
      if (end === 0) continue;
      const span = { start: b.span.start + close + 1, end: b.span.start + end };
      b.mask(span);
      b.opaque.push(span);
    }
  }

  /** `[^id]` that the parser did not take as a footnote: its definition is missing. */
  private unparsedFootnotes(masked: string, start: number): void {
    for (const m of masked.matchAll(FOOTNOTE_CALL)) {
      // `\[^id]` is an escaped bracket, not a reference.
      let escapes = 0;
      while (m.index! - escapes > 0 && masked.charCodeAt(m.index! - escapes - 1) === 92) escapes++;
      if (escapes % 2 === 1) continue;
      const at = start + m.index!;
      this.items.footnoteReferences.push({ id: normalizeLabel(m[1]), span: { start: at, end: at + m[0].length }, parsed: false });
    }
  }
}

/**
 * The last placement of each block's facts. A block placed in the same way as in the
 * previous build — at the same offset and line, with the same actors in the conventions
 * when it has actor tags, and the same link definitions when it has reference links —
 * reuses it instead of copying again (every block before an edit). Placed items are never
 * changed afterwards, so models of successive versions share them.
 */
const PLACED = new WeakMap<BlockFacts, { key: string; items: PlacedItems }>();

function placed(facts: BlockFacts, start: number, context: PlaceContext): PlacedItems {
  const items = facts.items;
  let key = `${start}:${context.lineAt(start)}`;
  if (items.actors.length > 0) key += `\u0000${actorsKey(context.conventions.actors)}`;
  if (items.pendingLinkRefs.length > 0) key += `\u0000${definitionsKey(context.definitions)}`;
  // Author-in-text citations that name an example list item refer to it (`placeItems`).
  else if (items.citations.length > 0) key += examplesKey(context.definitions);
  let p = PLACED.get(facts);
  if (p?.key !== key) PLACED.set(facts, (p = { key, items: placeItems(items, start, context) }));
  return p.items;
}

const actorsKeys = new WeakMap<object, string>();
function actorsKey(actors: Conventions['actors']): string {
  let key = actorsKeys.get(actors);
  if (key === undefined) actorsKeys.set(actors, (key = JSON.stringify(actors)));
  return key;
}

const definitionsKeys = new WeakMap<object, string>();
function definitionsKey(definitions: ReadonlyMap<string, string>): string {
  let key = definitionsKeys.get(definitions);
  if (key === undefined) definitionsKeys.set(definitions, (key = JSON.stringify([...definitions])));
  return key;
}

/**
 * Front matter is re-read only when it changed: YAML parsing is the largest fixed cost of
 * rebuilding a long brief's model on each keystroke. The result depends only on the
 * document's URI and the text up to the front matter's end (with its span), which together are the key. Its objects are
 * never mutated after they are built, so models of successive versions share them.
 */
const FRONT_MATTER_MEMO = new Map<string, FrontMatter>();
const FRONT_MATTER_MEMO_SIZE = 64;

function frontMatterMemo(uri: string, source: string, s: Span, read: () => FrontMatter): FrontMatter {
  const key = `${uri}\u0000${s.start}\u0000${s.end}\u0000${source}`;
  const hit = FRONT_MATTER_MEMO.get(key);
  if (hit) {
    // Most recently used last.
    FRONT_MATTER_MEMO.delete(key);
    FRONT_MATTER_MEMO.set(key, hit);
    return hit;
  }
  const fm = read();
  FRONT_MATTER_MEMO.set(key, fm);
  if (FRONT_MATTER_MEMO.size > FRONT_MATTER_MEMO_SIZE) FRONT_MATTER_MEMO.delete(FRONT_MATTER_MEMO.keys().next().value!);
  return fm;
}

/** CommonMark's open and closing tags: a tag name, attributes (name, optional `=` value: unquoted, '…' or "…"), optional `/`. */
const HTML_TAG = /<(?:[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^"'=<>`\s]+|'[^']*'|"[^"]*"))?)*\s*\/?|\/[A-Za-z][A-Za-z0-9-]*\s*)>/y;

/**
 * HTML comments and tags in text[from, to) (CommonMark's inline raw HTML, simplified), in
 * one linear pass: a comment ends at the first `-->` after it, found once for all.
 */
function inlineHtml(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let commentEnd = -1;
  for (let i = text.indexOf('<', from); i >= 0 && i < to; i = text.indexOf('<', i + 1)) {
    let escapes = 0;
    while (i - escapes > from && text.charCodeAt(i - escapes - 1) === 92) escapes++;
    if (escapes % 2 === 1) continue;
    if (text.startsWith('<!--', i)) {
      // Searched up to `to` only: an image's alt text is read with this, and many unclosed comments must not each scan the document.
      if (commentEnd < i + 4) {
        const at = text.slice(i + 4, to).indexOf('-->');
        commentEnd = at < 0 ? -1 : i + 4 + at;
      }
      if (commentEnd < 0) return out;
      out.push({ start: i, end: commentEnd + 3 });
      i = commentEnd + 2;
      continue;
    }
    HTML_TAG.lastIndex = i;
    const m = HTML_TAG.exec(text);
    if (m && i + m[0].length <= to) {
      out.push({ start: i, end: i + m[0].length });
      i += m[0].length - 1;
    }
  }
  return out;
}

/** The `>` markers (with their indentation and one space) that continue a block quote on each line after the first. */
function quoteMarkers(block: string): Span[] {
  const out: Span[] = [];
  const marker = /[ \t]{0,3}>[ \t]?/y;
  for (let nl = block.indexOf('\n'); nl >= 0; nl = block.indexOf('\n', nl + 1)) {
    let at = nl + 1;
    marker.lastIndex = at;
    while (marker.exec(block)) {
      out.push({ start: at, end: marker.lastIndex });
      at = marker.lastIndex;
    }
  }
  return out;
}

/**
 * The `]` that closes the bracket opened at or after `from` (a link's or image's text),
 * counting nested brackets and skipping escaped ones and code spans (which bind tighter
 * than brackets in CommonMark: `` [a `]` b](u) ``); -1 when it does not close before `end`.
 */
function matchingBracket(text: string, from: number, end: number, skip: readonly Span[] = []): number {
  let i = text.indexOf('[', from);
  if (i < 0 || i >= end) return -1;
  let depth = 0;
  let k = 0;
  for (; i < end; i++) {
    while (k < skip.length && skip[k].end <= i) k++;
    if (k < skip.length && skip[k].start <= i) {
      i = skip[k].end - 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 96) i = codeSpanEnd(text, i, end) - 1;
    else if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return i;
  }
  return -1;
}

/** Past the code span opened by the backtick run at `i` (closed by a run of the same length before `end`), else past the run. */
function codeSpanEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && text.charCodeAt(j) === 96) j++;
  const run = j - i;
  for (let k = j; k < end; ) {
    if (text.charCodeAt(k) !== 96) {
      k++;
      continue;
    }
    let m = k;
    while (m < end && text.charCodeAt(m) === 96) m++;
    if (m - k === run) return m;
    k = m;
  }
  return j;
}

/**
 * A heading's text, as `toString` reads it but for a reference `[…]` that reads as a
 * citation: for Pandoc no definition can have that label (one whose label reads as a
 * citation is a paragraph), so it is the citation, brackets and all, whatever definition
 * micromark matched it with.
 */
function headingText(node: Parent, text: string, base: number): string {
  let out = '';
  for (const child of node.children) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (child.type === 'linkReference' && child.referenceType !== 'full' && start !== undefined && end !== undefined && labelReadsAsCitation(text, { start: base + start, end: base + end })) out += text.slice(base + start, base + end);
    else out += 'children' in child ? headingText(child, text, base) : toString(child);
  }
  return out;
}

function childrenSpan(node: Parent, base: number, limit: number): Span | undefined {
  const first = node.children[0]?.position?.start.offset;
  const last = node.children[node.children.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return undefined;
  return { start: base + first, end: base + Math.min(last, limit) };
}

/** A span that shows: an error at a line break or in white space moves onto the text before it. */
function visibleSpan(text: string, start: number, end: number): Span {
  if (/\S/.test(text.slice(start, end))) return { start, end };
  let e = start;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  let s = e;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return e > s ? { start: s, end: e } : { start, end };
}

/** The offset after the first line break (`\n`, `\r\n` or `\r`) from `start`, at most `end`. */
function afterFirstLine(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
  return Math.min(end, i + 1);
}

const FULLWIDTH = /[\uff01-\uff5e]/;
const FULLWIDTH_ALL = /[\uff01-\uff5e]/g;

/**
 * A node's text as written: the parser guards (parse/guards.ts) give micromark a fullwidth
 * twin (U+FF01–U+FF5E) for some ASCII characters, which a tree's values then hold. A twin
 * the document's own text at `span` does not hold is the guard's.
 */
function unguarded(value: string, text: string, span: Span): string {
  if (!FULLWIDTH.test(value)) return value;
  const own = text.slice(span.start, span.end);
  return value.replace(FULLWIDTH_ALL, (c) => (own.includes(c) ? c : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** Where a directive's opening ends: after its attributes, else after its label's `]`, else after its name (`:::rec{track=2}` → the content). */
function afterHead(d: Directive): number {
  if (d.attributesSpan) return d.attributesSpan.end;
  const bracketed = d.labelSpan.start > d.nameSpan.end;
  return bracketed && d.labelSpan.end < d.span.end ? d.labelSpan.end + 1 : d.labelSpan.end;
}

function firstWords(s: string): string {
  const all = s.replace(/[\s:]+/g, ' ').trim().split(' ');
  const words = all.slice(0, 6).join(' ');
  return words ? (all.length > 6 ? `${words}…` : words) : 'Recommendation';
}

/**
 * A front matter YAML refused because a value needs quotes (`title: Out of Room: Prison
 * Capacity`, `title: *Important* brief`, `title: "Unclosed`): each such value is reported,
 * saying why and how to quote it — Pandoc refuses the block as YAML does — and, when the
 * text reads without errors once they are quoted, that reading is used, so the brief
 * still counts as one and its bibliography is still found. Otherwise YAML's own reading
 * and errors stand.
 */
function frontMatterQuoted(value: string, doc: Document.Parsed, contentStart: number, problems: Problem[]): Document.Parsed {
  const quoted = withValuesQuoted(value, doc, { prettyErrors: false, uniqueKeys: false });
  for (const v of quoted.values)
    problems.push({
      message: `Front matter is not valid YAML: ${v.advice}`,
      span: { start: contentStart + v.start, end: contentStart + v.end },
      replacement: JSON.stringify(v.value),
    });
  return quoted.doc;
}

/** A top-level `brief: true` line (YAML's spellings of true). */
const BRIEF_LINE = /^brief:[ \t]*(?:true|True|TRUE)[ \t]*(?:#[^\n]*)?$/m;
const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function safeToJS(doc: Document.Parsed): unknown {
  try {
    return doc.toJS();
  } catch {
    return undefined;
  }
}

/** Builds a block's masked text: code, HTML, links and directive syntax become spaces. */
class BlockBuilder {
  readonly masks: Span[] = [];
  /** What holds no citation (code, HTML, footnote calls, link destinations, directive syntax). */
  readonly opaque: Span[] = [];
  /** Raw HTML and `<…>` autolinks: no citation inside, but a key written right before may run into them (`@a<b>`). */
  readonly html: Span[] = [];
  /** Where a reference link or image that resolves starts (its `[`). */
  readonly references: number[] = [];
  readonly claims: Array<BlockItems['claims'][number]> = [];
  /** A table cell's row's end (`WalkAt.rowEnd`). */
  rowEnd: number | undefined;
  /** The brackets of each text tag followed by an attribute list the directive parser refused (`directive`). */
  refusedLists: Array<{ open: number; close: number }> | undefined;
  constructor(
    readonly kind: TextBlock['kind'],
    readonly span: Span,
    readonly inListItem: boolean,
  ) {}

  mask(s: Span): void {
    this.masks.push(s);
  }

  maskDirective(d: Directive): void {
    const head = { start: d.span.start, end: d.labelSpan.start };
    const after = d.kind === 'container' ? (d.attributesSpan?.end ?? d.labelSpan.end + 1) : d.span.end;
    const tail = { start: d.labelSpan.end, end: Math.max(d.labelSpan.end, after) };
    this.masks.push(head, tail);
    this.opaque.push(head, tail);
  }

  build(text: string): string {
    const { start, end } = this.span;
    if (this.masks.length === 0) return text.slice(start, end);
    const masks = this.masks.filter((m) => m.end > start && m.start < end).sort((a, b) => a.start - b.start);
    let out = '';
    let pos = start;
    for (const m of masks) {
      const ms = Math.max(m.start, pos);
      const me = Math.min(m.end, end);
      if (me <= ms) continue;
      out += text.slice(pos, ms);
      out += text.slice(ms, me).replace(/[^\r\n]/g, ' ');
      pos = me;
    }
    return out + text.slice(pos, end);
  }
}
