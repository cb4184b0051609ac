/**
 * A letter typed inside a word of plain text, the commonest edit there is, changes no
 * construct: micromark's parse of the block is the previous parse with that text node's
 * value one letter longer and every position after it one character on. This builds that
 * tree (a copy of a few hundred nodes instead of a parse, about a hundred times cheaper),
 * or says it cannot vouch for it and the block is parsed.
 *
 * Why a letter cannot change a construct where it is accepted here: it lands strictly
 * inside a text node whose value is its source but for what micromark strips around line
 * endings (no escape or reference in it; not in the stripped indentation), under phrasing
 * and block containers only (not a link, whose reference label it could change), between
 * two letters, digits or spaces. Delimiters (`*`, `_`, `~`, brackets, `<`, `&`…) decide by
 * the classes of the characters next to them (whitespace, punctuation, other); no
 * delimiter is next to the letter, and the two characters that are see a letter where they
 * saw a letter, digit or space, whose part is passive. What reads particular letters:
 * GFM's literal autolinks (`www.`, `http:`, `mailto:`, an `@`), character references
 * (`&amp;`), and a bracketed label that would now match a definition. The word around the
 * letter may hold no `@`, `:`, `&` or `www`; the definitions the parse is given, and any
 * bracketed label the letter changes, are checked by the caller (`BlockParse.typed`).
 * `test/unit/typedLetter.test.ts` compares the result with micromark's at random places of
 * real and tricky briefs.
 */
import type { Nodes, Root } from 'mdast';

/** Nodes a typed letter may sit inside (at any depth) for the shortcut to hold. */
const CONTAINERS = new Set([
  'root',
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'emphasis',
  'strong',
  'delete',
  'footnoteDefinition',
  'textDirective',
  'leafDirective',
  'containerDirective',
]);

const LETTER = /^\p{L}$/u;

type Point = { line: number; column: number; offset?: number };

/**
 * The tree of `source` with `letter` inserted at `at` (an offset into `source`, which
 * `tree` is the parse of, offsets relative to its start), or undefined when the shortcut
 * does not hold there.
 */
export function treeWithLetter(tree: Root, source: string, at: number, letter: string): Root | undefined {
  if (letter === ' ') {
    if (!spaceAllowed(source, at)) return undefined;
  } else if (letter.length !== 1 || !LETTER.test(letter)) return undefined;
  if (!passive(source.charCodeAt(at - 1)) || !passive(source.charCodeAt(at))) return undefined;
  // Between CR and LF the letter would make a line of its own.
  if (source.charCodeAt(at - 1) === 13 && source.charCodeAt(at) === 10) return undefined;
  const leaf = textAt(tree, at);
  if (!leaf || !wordAllows(source, at, letter)) return undefined;
  const index = valueIndex(leaf, source, at);
  if (index === undefined) return undefined;
  // Positions after the letter on its line move one column on (found by offset: micromark's
  // line numbers are not always the physical line's). A tab there would move to another
  // tab stop: columns would not simply move by one.
  let lineEnd = at;
  for (; lineEnd < source.length; lineEnd++) {
    const c = source.charCodeAt(lineEnd);
    if (c === 10 || c === 13) break;
    if (c === 9) return undefined;
  }
  return copy(tree, { at, lineEnd, leaf, value: leaf.value.slice(0, index) + letter + leaf.value.slice(index) }) as Root;
}

type TextNode = Extract<Nodes, { type: 'text' }>;

/** The text node that holds `at` strictly inside, through containers only; else undefined. */
function textAt(tree: Root, at: number): TextNode | undefined {
  let node: Nodes = tree;
  for (;;) {
    if (!CONTAINERS.has(node.type) || !('children' in node)) return undefined;
    const children = node.children as Nodes[];
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((children[mid].position?.end.offset ?? 0) <= at) lo = mid + 1;
      else hi = mid;
    }
    const child = children[lo];
    const start = child?.position?.start.offset;
    const end = child?.position?.end.offset;
    if (start === undefined || end === undefined || !(start < at && at < end)) return undefined;
    if (child.type === 'text') return child;
    node = child;
  }
}

/**
 * Where source offset `at` is in the text node's value: its source with nothing taken out
 * but what micromark strips around line endings (a line's indentation and block quote
 * markers, trailing spaces), the character at `at` kept. Undefined otherwise (an escape or
 * a character reference in the text, `at` in what was stripped).
 */
function valueIndex(leaf: TextNode, source: string, at: number): number | undefined {
  const value = leaf.value;
  const end = leaf.position!.end.offset!;
  let i = 0;
  let j = leaf.position!.start.offset!;
  let found: number | undefined;
  while (j < end) {
    if (j === at) found = i;
    if (i < value.length && value.charCodeAt(i) === source.charCodeAt(j)) {
      i++;
      j++;
      continue;
    }
    // Only a run of spaces, tabs and `>` that ends or starts a line may be missing from the value.
    const from = j;
    while (j < end && (source.charCodeAt(j) === 32 || source.charCodeAt(j) === 9 || source.charCodeAt(j) === 62)) j++;
    if (j === from) return undefined;
    const endsLine = j === end || source.charCodeAt(j) === 10 || source.charCodeAt(j) === 13;
    const startsLine = from > 0 && (source.charCodeAt(from - 1) === 10 || source.charCodeAt(from - 1) === 13);
    if (!endsLine && !startsLine) return undefined;
    // In what was stripped, or right after trailing spaces (which the letter would keep).
    if ((at >= from && at < j) || (endsLine && at === j)) return undefined;
  }
  return i === value.length ? found : undefined;
}

/** The word (the run of non-space characters) the letter joins: no part of a literal autolink. */
function wordAllows(source: string, at: number, letter: string): boolean {
  const { from, to } = wordAround(source, at);
  const word = source.slice(from, at) + letter + source.slice(at, to);
  return !/[@:&]|www/i.test(word);
}

/** The run of non-space characters around `at` (the word a character typed there joins or splits). */
function wordAround(source: string, at: number): { from: number; to: number } {
  let from = at;
  while (from > 0 && !isSpace(source.charCodeAt(from - 1))) from--;
  let to = at;
  while (to < source.length && !isSpace(source.charCodeAt(to))) to++;
  return { from, to };
}

/**
 * A space typed between two letters or digits of a word made of letters, digits and
 * sentence punctuation only, or after a space and before a letter or digit (not at a
 * line's start). The space is next to no delimiter, and ends or starts no line
 * (so nothing strips it); what reads whitespace inside a run of text is the syntax of tags
 * and attributes (`<x a=bc=d>` is text, `<x a=b c=d>` a tag; `{a=bc=d}` after a directive
 * label likewise), of link destinations and titles, and of heading closing sequences
 * (`# a b#`): each needs one of the characters the word may not hold (`=`, quotes,
 * brackets, braces, parentheses, `<`, `>`, `#`) in the word the space splits. Splitting a
 * word of letters and digits leaves two names where there was one, or one invalid name
 * and another: a tag or attribute list it was not part of does not become valid.
 */
function spaceAllowed(source: string, at: number): boolean {
  if (!alphanumeric(source.charCodeAt(at))) return false;
  if (source.charCodeAt(at - 1) === 32) return !startsLine(source, at);
  if (!alphanumeric(source.charCodeAt(at - 1))) return false;
  const { from, to } = wordAround(source, at);
  const word = source.slice(from, to);
  return SPLITTABLE.test(word) && !/www/i.test(word);
}

/**
 * Whether only spaces, tabs and `>` stand between the line's start and `at`: a space
 * typed there, before a word, is stripped with the line's prefix (a paragraph's
 * continuation line), where a letter would be kept. Elsewhere a space typed after a
 * space and before a word changes no word and is next to no delimiter.
 */
function startsLine(source: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0) {
    const c = source.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 62) return false;
    k--;
  }
  return true;
}

/** Letters, digits, marks and the punctuation of prose that no construct reads inside a word. */
const SPLITTABLE = /^[\p{L}\p{N}\p{M}.,;!?%'\u2019-]*$/u;

function alphanumeric(c: number): boolean {
  if (Number.isNaN(c) || (c >= 0xd800 && c <= 0xdfff)) return false;
  if (c >= 48 && c <= 57) return true;
  return LETTER.test(String.fromCharCode(c));
}

/** A letter, a digit or a space: what a delimiter next to it would see as such whichever it is. */
function passive(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (isSpace(c) || (c >= 48 && c <= 57)) return true;
  return c < 0xd800 || c > 0xdfff ? LETTER.test(String.fromCharCode(c)) : false;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

interface Insertion {
  at: number;
  /** Where the letter's line ends (a line ending's offset, or the source's end). */
  lineEnd: number;
  leaf: TextNode;
  value: string;
}

function moved(p: Point, ins: Insertion): Point {
  if (p.offset === undefined || p.offset < ins.at) return p;
  return { line: p.line, column: p.offset <= ins.lineEnd ? p.column + 1 : p.column, offset: p.offset + 1 };
}

/** A copy of `node` with the letter in: new nodes and positions throughout (trees are shared between versions and never changed). */
function copy(node: Nodes, ins: Insertion): Nodes {
  const out = { ...node } as Nodes & { children?: Nodes[]; value?: string };
  if (node.position) out.position = { start: moved(node.position.start, ins), end: moved(node.position.end, ins) };
  if ('children' in node) out.children = (node.children as Nodes[]).map((c) => copy(c, ins));
  if (node === ins.leaf) out.value = ins.value;
  return out;
}
