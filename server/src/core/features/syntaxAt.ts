import type { Nodes, Parent, Root } from 'mdast';
import { definitionsOf, parseProbe, type ParsedMarkdown } from '../parse/markdown';
import { lastStartAtMost } from '../parse/blocks';
import { lastAtMost } from '../text/textEdit';
import { citationsAndSpans } from '../sources/citations';

/** A node of the Markdown syntax tree, at document offsets. */
export interface SyntaxNode {
  type: string;
  start: number;
  end: number;
  /** Its place among its parent's children. */
  index: number;
  node: Nodes;
}

/**
 * The syntax nodes that contain `offset` (start ≤ offset < end), outermost first, root
 * excluded. Quick fixes use it to write edits that keep the Markdown structure: where a
 * whole line can be inserted, where inline text can go. Reads the parse of the analysis;
 * definitions appended to a block for parsing are not part of the document and are skipped.
 */
export function nodesAt(parsed: ParsedMarkdown, offset: number): SyntaxNode[] {
  const block = blockAt(parsed.blocks, offset);
  if (!block) return [];
  const out: SyntaxNode[] = [];
  const limit = block.end - block.start;
  const at = offset - block.start;
  let parent: Parent = block.tree;
  for (;;) {
    const index = childAt(parent.children as Nodes[], at, limit);
    if (index < 0) return out;
    const child = parent.children[index] as Nodes;
    out.push({ type: child.type, start: block.start + child.position!.start.offset!, end: block.start + child.position!.end.offset!, index, node: child });
    if (!('children' in child)) return out;
    parent = child as Parent;
  }
}

/** The block that holds `offset` (the last one when none does), by binary search: the blocks are in order and do not overlap. */
function blockAt(blocks: ParsedMarkdown['blocks'], offset: number): ParsedMarkdown['blocks'][number] | undefined {
  const b = blocks[lastStartAtMost(blocks, offset)];
  return b && offset < b.end ? b : blocks[blocks.length - 1];
}

/**
 * The index of the child that holds `at` (start ≤ at < end, starting before `limit`), or
 * -1: by binary search over the children's ends (siblings are in order and do not
 * overlap), so that finding the nodes at an offset of a paragraph with thousands of
 * inline nodes is not a scan of them all (a rename with 16,000 footnote calls in one
 * paragraph looked each up: 2.4 s). A child without a position is skipped, as is
 * everything after the block's end (a sentinel appended for parsing).
 */
function childAt(children: Nodes[], at: number, limit: number): number {
  let lo = 0;
  let hi = children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const end = children[mid].position?.end.offset;
    if (end === undefined) return childAtByScan(children, at, limit);
    if (end <= at) lo = mid + 1;
    else hi = mid;
  }
  const start = children[lo]?.position?.start.offset;
  return start !== undefined && start <= at && start < limit ? lo : -1;
}

function childAtByScan(children: Nodes[], at: number, limit: number): number {
  return children.findIndex((c) => {
    const s = c.position?.start.offset;
    const e = c.position?.end.offset;
    return s !== undefined && e !== undefined && s < limit && s <= at && at < e;
  });
}

/** Nodes of the tree that overlap [start, end), at document offsets, in document order. */
export function nodesIn(parsed: ParsedMarkdown, start: number, end: number): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const block of parsed.blocks) {
    if (block.end <= start || block.start >= end) continue;
    const limit = block.end - block.start;
    const visit = (parent: Parent) => {
      parent.children.forEach((child, index) => {
        const s = child.position?.start.offset;
        const e = child.position?.end.offset;
        if (s === undefined || e === undefined || s >= limit) return;
        if (block.start + e <= start || block.start + s >= end) return;
        out.push({ type: child.type, start: block.start + s, end: block.start + e, index, node: child as Nodes });
        if ('children' in child) visit(child as Parent);
      });
    };
    visit(block.tree);
  }
  return out;
}

/** A region of the document parsed again with edits applied: a quick fix checks that its edit reads back as meant. */
export interface Probe {
  /** The top-level blocks that hold the edits, with the edits applied (and the suffix). */
  text: string;
  tree: Root;
  /** Where edit `i`'s new text starts in the probe's text. */
  at(i: number): number;
  /** The node types that contain the probe offset `o`, outermost first. */
  typesAt(o: number): Array<{ type: string; start: number; end: number; node: Nodes }>;
}

/** The largest region a probe parses: a fix in a bigger block (a hostile one-paragraph megabyte) is not offered. */
export const PROBE_LIMIT = 100_000;
/**
 * `changesOnlyText` parses neighbouring regions with edits together up to this size, as
 * the document's parse joins short blocks (`BlockParse.chunkEnd`): larger, and a key cited
 * now and then would have its probes parse the unrelated text between (a dense 1 MB
 * brief's rename 145 → 532 ms at 16 KB), and micromark's footnote definitions grow
 * quadratically within one parse.
 */
const MERGE_LIMIT = 1024;

/**
 * Parses the top-level blocks that hold `edits` (spans in the document), with the edits
 * applied and `suffix` appended (say, a footnote definition the fix also adds elsewhere).
 * Undefined when they are larger than PROBE_LIMIT.
 */
export function probe(parsed: ParsedMarkdown, text: string, edits: Edit[], suffix = ''): Probe | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const e of edits) {
    for (const o of [e.span.start - 1, e.span.start, e.span.end]) {
      const top = o >= 0 && o < text.length ? nodesAt(parsed, o)[0] : undefined;
      from = Math.min(from, top?.start ?? lineStartOf(text, Math.max(0, o)));
      to = Math.max(to, top?.end ?? lineEndOf(text, Math.max(0, o)));
    }
  }
  from = Math.max(0, Math.min(from, text.length));
  to = Math.max(from, Math.min(to, text.length));
  if (to - from > PROBE_LIMIT) return undefined;
  const { out: spliced, starts } = withEdits(text, from, to, edits);
  const out = spliced + suffix;
  const tree = parseProbe(out, false, definitionsOf(parsed));
  return {
    text: out,
    tree,
    at: (i) => starts[i],
    typesAt: (o) => {
      const chain: Array<{ type: string; start: number; end: number; node: Nodes }> = [];
      let parent: Parent = tree;
      for (;;) {
        const child = parent.children.find((c) => (c.position?.start.offset ?? Infinity) <= o && o < (c.position?.end.offset ?? -Infinity));
        if (!child) return chain;
        chain.push({ type: child.type, start: child.position!.start.offset!, end: child.position!.end.offset!, node: child as Nodes });
        if (!('children' in child)) return chain;
        parent = child as Parent;
      }
    },
  };
}

function lineStartOf(text: string, o: number): number {
  while (o > 0 && text[o - 1] !== '\n' && text[o - 1] !== '\r') o--;
  return o;
}

function lineEndOf(text: string, o: number): number {
  while (o < text.length && text[o] !== '\n' && text[o] !== '\r') o++;
  return o;
}

/** `text` from `from` to `to` with `edits` (inside it, not overlapping) applied; `starts[i]`: where edit `i`'s new text starts in it. */
function withEdits(text: string, from: number, to: number, edits: ReadonlyArray<Edit>): { out: string; starts: number[] } {
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.i - b.i);
  const starts: number[] = [];
  let out = '';
  let pos = from;
  for (const { e, i } of order) {
    out += text.slice(pos, e.span.start);
    starts[i] = out.length;
    out += e.newText;
    pos = e.span.end;
  }
  return { out: out + text.slice(pos, to), starts };
}

type Edit = { span: { start: number; end: number }; newText: string };

/**
 * Whether `edits` (spans of `text`, not overlapping) change only text: each group of edits
 * in one region (the top-level block of `parsed` that holds it; without a parse, as for a
 * brief that is not open, the lines around it up to a blank line) is parsed before and
 * after, and the two trees must hold the same nodes (type, directive name, children),
 * whatever their text, and the same citations as Pandoc reads them. A rename uses it: a new
 * key that drops a `*` or `_` of the old one can change how micromark pairs emphasis
 * further on (`a*b … @*9c` renamed to `@n`), or which brackets Pandoc reads as citations.
 * Undefined when a region is larger than PROBE_LIMIT.
 */
export function changesOnlyText(text: string, edits: ReadonlyArray<Edit>, parsed: ParsedMarkdown | undefined): boolean | undefined {
  const regionOf = (o: number) => blockAround(parsed, text, o);
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let i = 0;
  while (i < sorted.length) {
    const first = regionOf(sorted[i].span.start);
    let from = first.start;
    let to = first.end;
    let j = i;
    // The edits of the region, and of any region it then reaches; and the regions after it
    // while they fit in MERGE_LIMIT together (with the unchanged text between them): a
    // parse costs about 0.3 ms whatever its length, and a key cited in 11,000 short
    // paragraphs took 5 s (under load) to rename one region at a time. Parsing neighbouring
    // blocks together reads them as the document does.
    while (j < sorted.length) {
      const e = sorted[j];
      const own = regionOf(e.span.start);
      if (e.span.start > to && own.end - from > MERGE_LIMIT) break;
      // (An edit that runs past its block's end reaches the block where it ends.)
      const r = e.span.end - 1 < own.end ? own : regionOf(e.span.end - 1);
      from = Math.min(from, r.start);
      to = Math.max(to, r.end, e.span.end);
      j++;
    }
    if (to - from > PROBE_LIMIT) return undefined;
    const group = sorted.slice(i, j);
    const after = withEdits(text, from, to, group).out;
    const atStart = from === 0;
    // An offset of the region before the edits, in the region after them (NaN inside an
    // edited span): the last edit that starts before it, by binary search, and the shift of
    // the edits up to it.
    const starts = group.map((e) => e.span.start - from);
    const shifts: number[] = [];
    let shift = 0;
    for (const e of group) shifts.push((shift += e.newText.length - (e.span.end - e.span.start)));
    const moved = (o: number) => {
      const k = lastAtMost(starts, o - 1);
      if (k < 0) return o;
      if (o < group[k].span.end - from) return NaN;
      return o + shifts[k];
    };
    const before = text.slice(from, to);
    if (!sameShape(parseProbe(before, atStart), parseProbe(after, atStart), moved)) return false;
    if (!sameCitations(before, after, moved)) return false;
    i = j;
  }
  return true;
}

/**
 * The same citations where they were, as Pandoc reads them (sources/citations.ts), keys
 * aside: the tree holds no citations, and a `*` a key loses can end an emphasis that kept
 * a bracket further back from reading as one (`[see @a] … src='*k' … *`).
 */
function sameCitations(a: string, b: string, moved: (o: number) => number): boolean {
  if (!a.includes('@') && !b.includes('@')) return true;
  const x = citationsAndSpans(a).citations;
  const y = citationsAndSpans(b).citations;
  if (x.length !== y.length) return false;
  return x.every((c, k) => moved(c.span.start) === y[k].span.start && moved(c.span.end) === y[k].span.end && c.items.length === y[k].items.length);
}

/**
 * The same nodes in the same order (type, directive name, heading depth) at the same places
 * (`moved` maps an offset of `a` to `b`), text aside. With a stack, not recursion: the
 * region is parsed without the guards, and may nest thousands deep.
 */
function sameShape(a: Nodes, b: Nodes, moved: (o: number) => number): boolean {
  const pairs: Array<[Nodes, Nodes]> = [[a, b]];
  for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
    const [x, y] = pair;
    if (x.type !== y.type) return false;
    if (moved(x.position?.start.offset ?? 0) !== (y.position?.start.offset ?? 0) || moved(x.position?.end.offset ?? 0) !== (y.position?.end.offset ?? 0)) return false;
    if ('name' in x && 'name' in y && x.name !== y.name) return false;
    if ('depth' in x && 'depth' in y && x.depth !== y.depth) return false;
    const xc = 'children' in x ? (x.children as Nodes[]) : [];
    const yc = 'children' in y ? (y.children as Nodes[]) : [];
    if (xc.length !== yc.length) return false;
    for (let k = 0; k < xc.length; k++) pairs.push([xc[k], yc[k]]);
  }
  return true;
}

/** The top-level block of `parsed` that holds `offset`, or the lines around it (a blank line ends them) outside any. */
export function blockAround(parsed: ParsedMarkdown | undefined, text: string, offset: number): { start: number; end: number } {
  const top = parsed && offset < text.length ? nodesAt(parsed, offset)[0] : undefined;
  if (top) return { start: top.start, end: top.end };
  return paragraphAround(text, offset);
}

/** The lines around `offset` up to a blank line (or the text's ends) on each side. */
function paragraphAround(text: string, offset: number): { start: number; end: number } {
  let start = lineStartOf(text, Math.min(offset, text.length));
  while (start > 0) {
    const prev = lineStartOf(text, start - (text[start - 1] === '\n' && text[start - 2] === '\r' ? 2 : 1));
    if (/^[ \t]*$/.test(text.slice(prev, start).replace(/\r?\n$|\r$/, ''))) break;
    start = prev;
  }
  let end = lineEndOf(text, offset);
  while (end < text.length) {
    const next = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
    const nextEnd = lineEndOf(text, next);
    if (/^[ \t]*$/.test(text.slice(next, nextEnd))) break;
    end = nextEnd;
  }
  return { start, end };
}
