/**
 * An edit inside one item of a long list: the list is one block (its items share the
 * list's tightness and numbering, and where each ends depends on the next), so without
 * this an edit there parses the whole list again. Here only the edited item is parsed,
 * with the line after it (the next item's first line, the next block construct, or the
 * block's sentinel), and its tree is put in the previous parse of the block in place of the
 * item's: the items after it move by the edit's length and lines.
 *
 * Why the item parsed alone is the item in its list: micromark starts a sibling item on a
 * line at the list's indentation as it starts a list at a document's start (the same
 * marker, any number, an empty first line allowed), and reads the item's lines up to the
 * next line that is not part of it without looking back; the item's inline content sees
 * the same definitions (the block's, given to the parse). The previous version says where
 * the item starts (the edit leaves its line up to the marker alone); the parse of the item
 * with the line after it says where it ends: it must end where that line starts, as one
 * list with the next item (so the marker is the list's) or before the next construct, or
 * the shortcut is not taken. What the items share is recomputed: the list is loose when
 * two line endings separate an item's end from the next item (or the list's end), as
 * mdast-util-from-markdown decides (`prepareList`); the rule is checked on the previous
 * parse and on the item's before it is used.
 *
 * `test/unit/listItemEdit.test.ts` compares the result with the whole block parsed, for
 * random edits in lists of every kind.
 */
import type { List, ListItem, Nodes, Root, RootContent } from 'mdast';

type Point = { line: number; column: number; offset?: number };

/** What `planItemEdit` found: the window to parse and how to put its item back. */
export interface ItemEditPlan {
  /** The text to parse (mode `B`, the block's definitions): the item's lines and the line after them. */
  window: string;
  tree: Root;
  list: List;
  /** The list's place among the block's top-level nodes, and the item's in the list. */
  listIndex: number;
  itemIndex: number;
  /** Where the window starts in the block (the item's line). */
  windowStart: number;
  /** Where the item's lines ended before the edit (the line after them, or the block's end). */
  regionEnd: number;
  /** The node the item's lines end before (the next item, the next top-level node or the sentinel), if any. */
  next?: Nodes;
  delta: number;
  oldInput: string;
}

/**
 * The window to parse for an edit of `oldInput` (the block as parsed before, with its
 * sentinel; `tree` its parse) into `newInput`, from `start` to `oldEnd` before and to
 * `newEnd` after (offsets in the block), when the edit lies inside one item of a top-level
 * list after its marker's first character; else undefined.
 */
export function planItemEdit(tree: Root, oldInput: string, newInput: string, start: number, oldEnd: number, newEnd: number): ItemEditPlan | undefined {
  const children = tree.children;
  const listIndex = lastStartingBefore(children, start);
  const list = children[listIndex];
  if (!list || list.type !== 'list') return undefined;
  const itemIndex = lastStartingBefore(list.children, start);
  const item = list.children[itemIndex];
  if (!item) return undefined;
  const next: Nodes | undefined = list.children[itemIndex + 1] ?? children[listIndex + 1];
  const nextStart = next ? next.position?.start.offset : undefined;
  if (next && nextStart === undefined) return undefined;
  const regionEnd = nextStart === undefined ? oldInput.length : lineStart(oldInput, nextStart);
  const windowStart = lineStart(oldInput, offsetOf(item.position!.start));
  // The edit stays inside the item's lines; the block before and after it is the same text.
  if (!(oldEnd < regionEnd) || regionEnd <= offsetOf(item.position!.start)) return undefined;
  const delta = newEnd - oldEnd;
  if (newInput.length !== oldInput.length + delta) return undefined;
  const windowEnd = next ? lineEndAfter(newInput, regionEnd + delta) : newInput.length;
  return { window: newInput.slice(windowStart, windowEnd), tree, list, listIndex, itemIndex, windowStart, regionEnd, next, delta, oldInput };
}

/**
 * The block's tree with the item's parse (`parsed`, of `plan.window`) in, or undefined when
 * that parse does not end the item where the line after it starts.
 */
export function spliceItemEdit(plan: ItemEditPlan, parsed: Root): Root | undefined {
  const { tree, list, listIndex, itemIndex, windowStart, next, delta, oldInput } = plan;
  const item = list.children[itemIndex];
  const lastItem = itemIndex === list.children.length - 1;
  const got = parsed.children;
  const wList = got[0];
  if (!wList || wList.type !== 'list' || wList.ordered !== list.ordered) return undefined;
  // The window's list: the item and the next item; or the item, then the next construct; or the item alone.
  const expectItems = next && !lastItem ? 2 : 1;
  const expectNodes = next && lastItem ? 2 : 1;
  if (wList.children.length !== expectItems || got.length !== expectNodes) return undefined;
  const wItem = wList.children[0];
  if (offsetOf(wItem.position!.start) !== offsetOf(item.position!.start) - windowStart) return undefined;
  const wNext: Nodes | undefined = next ? (lastItem ? got[1] : wList.children[1]) : undefined;
  if (next && (wNext!.type !== next.type || offsetOf(wNext!.position!.start) !== offsetOf(next.position!.start) + delta - windowStart)) return undefined;

  const lineBase = item.position!.start.line - wItem.position!.start.line;
  const lineDelta = next ? wNext!.position!.start.line + lineBase - next.position!.start.line : 0;
  const fromWindow = (p: Point): Point => ({ line: p.line + lineBase, column: p.column, offset: offsetOf(p) + windowStart });
  const moved = (p: Point): Point => ({ line: p.line + lineDelta, column: p.column, offset: offsetOf(p) + delta });

  // The list's tightness: checked against the rule on both parses, then made from the gaps.
  const gaps = gapsOf(list, oldInput);
  if (gaps.some((n) => n >= 2) !== list.spread) return undefined;
  const wGaps = gapsOf(wList, plan.window);
  if (wGaps.some((n) => n >= 2) !== wList.spread) return undefined;
  gaps[itemIndex] = wGaps[0];

  const items: ListItem[] = list.children.slice(0, itemIndex);
  items.push(copyMapped(wItem, fromWindow) as ListItem);
  for (let i = itemIndex + 1; i < list.children.length; i++) items.push(copyMapped(list.children[i], moved) as ListItem);
  const newList: List = {
    ...list,
    spread: gaps.some((n) => n >= 2),
    children: items,
    position: { start: list.position!.start, end: lastItem ? fromWindow(wList.position!.end) : moved(list.position!.end) },
  };
  const rootChildren: RootContent[] = tree.children.slice(0, listIndex);
  rootChildren.push(newList);
  for (let i = listIndex + 1; i < tree.children.length; i++) rootChildren.push(copyMapped(tree.children[i], moved) as RootContent);
  const end = next ? moved(tree.position!.end) : fromWindow(parsed.position!.end);
  if (offsetOf(end) !== oldInput.length + delta) return undefined;
  return { ...tree, children: rootChildren, position: { start: tree.position!.start, end } };
}

/**
 * The line endings between each item's end and the next item's start (the list's end
 * after the last item): two or more make the list loose.
 */
function gapsOf(list: List, text: string): number[] {
  const items = list.children;
  return items.map((item, i) => lineEndings(text, offsetOf(item.position!.end), offsetOf(i + 1 < items.length ? items[i + 1].position!.start : list.position!.end)));
}

function lineEndings(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
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
