/**
 * An edit inside one item of a long list, one body row of a long table, one paragraph (or
 * other node) of a long block quote, or one of a run of footnote definitions written
 * without blank lines between them: the list, table, quote or run is one block (a list's
 * items share its tightness, each ends where the next starts; a table's rows read its
 * head; a quote's paragraphs are separated by `>` lines, not blank ones; each definition
 * ends where the next starts), so without this an edit there parses the whole of it again. Here only the edited part is parsed — a list
 * item's or a definition's lines, or a row's with the table's head before them — with the
 * line after it (the next item, row or definition, the next block construct, or the
 * block's sentinel), and its tree, or the trees of the parts the edit made of it (a line
 * break in a row, a new item), is put in the previous parse of the block in place of the
 * part's: the parts and nodes after it move by the edit's length and lines. (Definitions
 * one per line are blocks of their own, parse/blocks.ts: this serves those over lines.)
 *
 * Why the part parsed alone is the part in its container. micromark starts a sibling list
 * item on a line at the list's indentation as it starts a list at a document's start (the
 * same marker, any number, an empty first line allowed), and reads the item's lines up to
 * the next line that is not part of it without looking back. A table's body row is read
 * by the head's columns alone. Either way the inline content sees the same definitions
 * (the block's, given to the parse). The previous version says where the part starts (the
 * edit leaves its line up to its first character alone); the parse with the line after it
 * says where it ends: it must end where that line starts, in one container with the next
 * part (so a list item's marker is the list's) or before the next construct, or the
 * shortcut is not taken. A list's first item right after another node of the block, and a
 * numbered item whose delimiter changed, are not taken (what precedes decides whether the
 * item starts a list); a block quote's node only when a line of nothing but `>` precedes
 * it (what came before is closed there). A footnote definition is taken when it keeps its label and holds no
 * definition (the block then defines what it defined), and is first in its block or
 * follows a container micromark closes on its line (`CLOSED_BEFORE`): its start, unlike a
 * list's, does not ask whether it interrupts, but its content's first line does. What a
 * list's items share is recomputed: its start is its first item's number, and it is loose
 * when two line endings separate an item's end from the next item (or the list's end), as
 * mdast-util-from-markdown decides (`prepareList`); the rule is checked on the previous
 * parse and on the item's before it is used.
 *
 * `test/unit/partEdit.test.ts` compares the result with the whole text parsed afresh, for
 * random edits in lists, tables and footnote definitions of every kind.
 */
import type { Blockquote, List, Nodes, Root, RootContent, Table } from 'mdast';

type Point = { line: number; column: number; offset?: number };

/** Containers micromark closes at a line that does not continue them, leaving nothing to interrupt. */
const CLOSED_BEFORE = new Set(['footnoteDefinition', 'list', 'blockquote']);
type Container = List | Table | Blockquote;

/** What `planPartEdit` found: the window to parse and how to put its part back. */
export interface PartEditPlan {
  /** The text to parse (mode `B`, the block's definitions): a table's head, the part's lines and the line after them. */
  window: string;
  tree: Root;
  /** The list or table the part is in, or the block's root for a footnote definition. */
  container: Container | Root;
  /** The container's place among the block's top-level nodes (-1 for the root), and the part's in it. */
  containerIndex: number;
  partIndex: number;
  /** Where the part's lines start in the block. */
  partStart: number;
  /** The length of the table's head at the window's start ('' for a list). */
  headLength: number;
  /** The node the part's lines end before (the next item or row, the next top-level node or the sentinel), if any. */
  next?: Nodes;
  delta: number;
  oldInput: string;
  /** What the previous version's block defined. */
  defines: readonly string[];
}

/**
 * The window to parse for an edit of `oldInput` (the block as parsed before, with its
 * sentinel; `tree` its parse) into `newInput`, from `start` to `oldEnd` before and to
 * `newEnd` after (offsets in the block), when the edit lies inside one item of a top-level
 * list, one body row of a top-level table or one top-level footnote definition, after its
 * first character; else undefined. `defines`: what the block defined.
 */
export function planPartEdit(tree: Root, defines: readonly string[], oldInput: string, newInput: string, start: number, oldEnd: number, newEnd: number): PartEditPlan | undefined {
  const children = tree.children;
  let containerIndex = lastStartingBefore(children, start);
  const top = children[containerIndex];
  let container: Container | Root;
  let partIndex: number;
  if (top?.type === 'footnoteDefinition') {
    // A footnote definition among the block's top-level nodes is the part, the block its
    // container. After a paragraph (or another leaf) at the top level, micromark starts
    // the definition's content as interrupting it (`2. x` there is no list); after a
    // container it closes, or first in the block, as at a document's start.
    const previous = children[containerIndex - 1];
    if (previous && !CLOSED_BEFORE.has(previous.type)) return undefined;
    [container, partIndex, containerIndex] = [tree, containerIndex, -1];
  } else {
    // A list's, a table's or a block quote's part may define nothing (its block defines nothing).
    if (!top || (top.type !== 'list' && top.type !== 'table' && top.type !== 'blockquote') || defines.length > 0) return undefined;
    container = top;
    partIndex = lastStartingBefore(container.children, start);
    // A table's head row and its delimiter row are not a body row. A list's first item
    // right after another construct of the block may start the list only because of what
    // that construct is (an item interrupts a paragraph only when it is not empty and, if
    // numbered, starts at 1; otherwise its line continues the paragraph): not taken; nor a
    // block quote's first node there (its first line is read as interrupting).
    if (partIndex < (container.type === 'table' ? 1 : 0) || (partIndex === 0 && containerIndex > 0)) return undefined;
    // A block quote's later node only after a line of nothing but markers (`>`), which
    // closed what came before it: then it starts as at a document's start.
    if (container.type === 'blockquote' && partIndex > 0 && !quoteBlankBefore(oldInput, offsetOf(container.children[partIndex].position!.start))) return undefined;
  }
  const parts: Nodes[] = container.children;
  const part = parts[partIndex];
  const next: Nodes | undefined = parts[partIndex + 1] ?? (containerIndex >= 0 ? children[containerIndex + 1] : undefined);
  const nextStart = next ? next.position?.start.offset : undefined;
  if (next && nextStart === undefined) return undefined;
  const regionEnd = nextStart === undefined ? oldInput.length : lineStart(oldInput, nextStart);
  const partStart = lineStart(oldInput, offsetOf(part.position!.start));
  // The edit stays inside the part's lines; the block before and after them is the same text.
  if (!(oldEnd < regionEnd) || regionEnd <= offsetOf(part.position!.start)) return undefined;
  const delta = newEnd - oldEnd;
  if (newInput.length !== oldInput.length + delta) return undefined;
  const head = container.type === 'table' ? oldInput.slice(lineStart(oldInput, offsetOf(container.position!.start)), lineStart(oldInput, offsetOf(parts[1].position!.start))) : '';
  const windowEnd = next ? lineEndAfter(newInput, regionEnd + delta) : newInput.length;
  return { window: head + newInput.slice(partStart, windowEnd), tree, defines, container, containerIndex, partIndex, partStart, headLength: head.length, next, delta, oldInput };
}

/**
 * The block's tree with the part's parse (`parsed`, of `plan.window`, which defines
 * `parsedDefines`) in, and what the block defines then; or undefined when that parse does
 * not end the part where the line after it starts, or changes what the block defines.
 */
export function splicePartEdit(plan: PartEditPlan, parsed: Root, parsedDefines: readonly string[]): { tree: Root; defines: string[] } | undefined {
  let tree: Root | undefined;
  if (plan.container.type === 'root') tree = spliceFootnote(plan, parsed);
  else if (parsedDefines.length === 0) tree = spliceItem(plan, parsed);
  return tree && { tree, defines: [...plan.defines] };
}

function spliceItem(plan: PartEditPlan, parsed: Root): Root | undefined {
  const { tree, containerIndex, partIndex, partStart, headLength, next, delta, oldInput } = plan;
  const container = plan.container as Container;
  const parts: Nodes[] = container.children;
  const part = parts[partIndex];
  const lastPart = partIndex === parts.length - 1;
  const got = parsed.children;
  const w = got[0];
  if (!w || w.type !== container.type) return undefined;
  if (w.type === 'list' ? w.ordered !== (container as List).ordered : w.type === 'table' && JSON.stringify(w.align) !== JSON.stringify((container as Table).align)) return undefined;
  // The window's container: (a table's head row,) the part, or the parts the edit made of
  // it (a line break in a row, a new item), and the next part; or those parts, then the
  // next construct; or those parts alone.
  const first = w.type === 'table' ? 1 : 0;
  const wParts: Nodes[] = w.children;
  const made = wParts.length - first - (next && !lastPart ? 1 : 0);
  if (made < 1 || got.length !== (next && lastPart ? 2 : 1)) return undefined;
  const wPart = wParts[first];
  if (offsetOf(wPart.position!.start) !== offsetOf(part.position!.start) - partStart + headLength) return undefined;
  // A numbered item whose delimiter the edit changed (`2.` → `2)`) starts a list of its own.
  if (w.type === 'list' && delimiterAt(plan.window, offsetOf(wPart.position!.start)) !== delimiterAt(oldInput, offsetOf(part.position!.start))) return undefined;
  const wNext: Nodes | undefined = next ? (lastPart ? got[1] : wParts[wParts.length - 1]) : undefined;
  if (next && (wNext!.type !== next.type || offsetOf(wNext!.position!.start) !== offsetOf(next.position!.start) + delta - partStart + headLength)) return undefined;

  const lineBase = part.position!.start.line - wPart.position!.start.line;
  const lineDelta = next ? wNext!.position!.start.line + lineBase - next.position!.start.line : 0;
  const fromWindow = (p: Point): Point => ({ line: p.line + lineBase, column: p.column, offset: offsetOf(p) - headLength + partStart });
  const moved = (p: Point): Point => ({ line: p.line + lineDelta, column: p.column, offset: offsetOf(p) + delta });

  const newParts: Nodes[] = parts.slice(0, partIndex);
  for (let i = first; i < first + made; i++) newParts.push(copyMapped(wParts[i], fromWindow));
  for (let i = partIndex + 1; i < parts.length; i++) newParts.push(copyMapped(parts[i], moved));
  const position = { start: container.position!.start, end: lastPart ? fromWindow(w.position!.end) : moved(container.position!.end) };
  let newContainer: Container;
  if (container.type === 'list') {
    // The list's tightness: checked against the rule on both parses, then made from the gaps.
    const gaps = gapsOf(container, oldInput);
    if (gaps.some((n) => n >= 2) !== container.spread) return undefined;
    const wGaps = gapsOf(w as List, plan.window);
    if (wGaps.some((n) => n >= 2) !== (w as List).spread) return undefined;
    gaps.splice(partIndex, 1, ...wGaps.slice(0, made));
    // The first item's number is the list's.
    const start = partIndex === 0 ? (w as List).start : (container as List).start;
    newContainer = { ...container, start, spread: gaps.some((n) => n >= 2), children: newParts as List['children'], position };
  } else newContainer = { ...container, children: newParts as Table['children'] & Blockquote['children'], position };

  const rootChildren: RootContent[] = tree.children.slice(0, containerIndex);
  rootChildren.push(newContainer);
  for (let i = containerIndex + 1; i < tree.children.length; i++) rootChildren.push(copyMapped(tree.children[i], moved) as RootContent);
  const end = next ? moved(tree.position!.end) : fromWindow(parsed.position!.end);
  if (offsetOf(end) !== oldInput.length + delta) return undefined;
  return { ...tree, children: rootChildren, position: { start: tree.position!.start, end } };
}

/**
 * The block's tree with the footnote definition the edit is in replaced by its parse, when
 * that parse is one definition of the same label (so the block defines what it defined)
 * holding no definition of its own, as the previous one held none, and ends where the
 * line after it starts the node that started there before. A definition starts at any
 * line whatever precedes it (micromark's footnote definition start does not ask whether
 * it interrupts), so the edited one, parsed alone, is what it is in the block.
 */
function spliceFootnote(plan: PartEditPlan, parsed: Root): Root | undefined {
  const { tree, partIndex, partStart, next, delta, oldInput } = plan;
  const parts = tree.children;
  const part = parts[partIndex];
  const got = parsed.children;
  const wPart = got[0];
  if (!wPart || wPart.type !== 'footnoteDefinition' || part.type !== 'footnoteDefinition' || wPart.label !== part.label) return undefined;
  if (got.length !== (next ? 2 : 1) || definesAny(part.children) || definesAny(wPart.children)) return undefined;
  if (offsetOf(wPart.position!.start) !== offsetOf(part.position!.start) - partStart) return undefined;
  const wNext = got[1];
  if (next && (wNext.type !== next.type || offsetOf(wNext.position!.start) !== offsetOf(next.position!.start) + delta - partStart)) return undefined;
  const lineBase = part.position!.start.line - wPart.position!.start.line;
  const lineDelta = next ? wNext.position!.start.line + lineBase - next.position!.start.line : 0;
  const fromWindow = (p: Point): Point => ({ line: p.line + lineBase, column: p.column, offset: offsetOf(p) + partStart });
  const moved = (p: Point): Point => ({ line: p.line + lineDelta, column: p.column, offset: offsetOf(p) + delta });
  const children: RootContent[] = parts.slice(0, partIndex);
  children.push(copyMapped(wPart, fromWindow) as RootContent);
  for (let i = partIndex + 1; i < parts.length; i++) children.push(copyMapped(parts[i], moved) as RootContent);
  const end = next ? moved(tree.position!.end) : fromWindow(parsed.position!.end);
  if (offsetOf(end) !== oldInput.length + delta) return undefined;
  return { ...tree, children, position: { start: tree.position!.start, end } };
}

/** Whether any of `nodes` is or holds a definition (of a link or a footnote). */
function definesAny(nodes: readonly Nodes[]): boolean {
  return nodes.some((n) => n.type === 'definition' || n.type === 'footnoteDefinition' || ('children' in n && definesAny(n.children as Nodes[])));
}

/**
 * The line endings between each item's end and the next item's start (the list's end
 * after the last item): two or more make the list loose.
 */
function gapsOf(list: List, text: string): number[] {
  const items = list.children;
  return items.map((item, i) => lineEndings(text, offsetOf(item.position!.end), offsetOf(i + 1 < items.length ? items[i + 1].position!.start : list.position!.end)));
}

/** The character after a list item's marker's digits at `at`: its delimiter (`.`, `)`), or the bullet. */
function delimiterAt(text: string, at: number): string {
  let i = at;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return text.charAt(i);
}

function lineEndings(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Whether the line before the one holding `at` has nothing but spaces, tabs and `>`. */
function quoteBlankBefore(text: string, at: number): boolean {
  const start = lineStart(text, at);
  if (start === 0) return false;
  let i = start - 1;
  if (text.charCodeAt(i) === 10 && text.charCodeAt(i - 1) === 13) i--;
  for (let k = lineStart(text, i); k < i; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 62) return false;
  }
  return true;
}

/** The last of `nodes` (in order) that starts before `at`, or -1. */
function lastStartingBefore(nodes: readonly Nodes[], at: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((nodes[mid].position?.start.offset ?? Infinity) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function offsetOf(p: Point): number {
  return p.offset ?? 0;
}

function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** Where the line from `at` ends, its line ending included. */
function lineEndAfter(text: string, at: number): number {
  let i = at;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  if (text.charCodeAt(i) === 13) i++;
  else if (text.charCodeAt(i) === 10) return i + 1;
  return text.charCodeAt(i) === 10 ? i + 1 : i;
}

/** A copy of `node` with every position mapped (trees are shared between versions and never changed). */
function copyMapped(node: Nodes, map: (p: Point) => Point): Nodes {
  const out = { ...node } as Nodes & { children?: Nodes[] };
  if (node.position) out.position = { start: map(node.position.start), end: map(node.position.end) };
  if ('children' in node) out.children = (node.children as Nodes[]).map((c) => copyMapped(c, map));
  return out;
}
