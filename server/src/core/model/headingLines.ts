/**
 * The heading lines of a brief written as plain text: no Markdown heading, its headings
 * lines of their own in its paragraphs ("Key Events", "Proposed Solutions Framework",
 * "Track 1: Diplomatic Pathway"; `sentences.ts` `isHeadingLine`), and the sections they
 * would open — which the assertion check exempts as it does Markdown's sections
 * (rules/scope.ts), and which the quick fix writes as headings (features/plainTextHeadings.ts).
 */
import { pandocTablesFrom } from './pandocTables';
import { CAPTION, CREDIT } from '../assertions/exemptions';
import { headingKey, TRACK_HEADING } from './framework';
import { colonHeading, isHeadingLine, isSentenceCaseHeadingLine } from './sentences';
import type { BriefModel, TextBlock } from './types';
import { RecentCache } from '../text/recentCache';
import type { Span } from '../text/span';
import { lineStartAt } from '../text/lineIndex';

export interface PlainLine {
  start: number;
  /** Where the block's text starts on it: after a numbered list item's marker ("1. Executive Summary"), else `start`. */
  textStart: number;
  /** Where its text ends (before the line end), and where the next line starts. */
  end: number;
  next: number;
  text: string;
  /** Its text without the emphasis around it (`**Key Events**`: "Key Events") or an HTML comment after it. */
  title: string;
  masked: string;
  /** Not a list item's own line (its first, or one indented under it): a line at the margin. */
  free: boolean;
  heading: boolean;
}

export interface PlainTextHeadings {
  /** The heading lines, in order, the level each would have as a heading, and whether it names an exempt section. */
  headings: PlainLine[];
  levels: number[];
  exempt: boolean[];
}

const memo = new WeakMap<object, PlainTextHeadings | null>();

/**
 * The heading lines of a brief with no Markdown heading (but its title: one heading of
 * level 1), no container directive and no block quote, when it has at least two below the
 * title (once per model); undefined otherwise.
 * `isExempt` tells a line that names a section the assertion check leaves out (one the
 * conventions exempt, the back matter), after which the lines are subsections.
 */
export function plainTextHeadings(model: Pick<BriefModel, 'text' | 'textBlocks' | 'headings' | 'directives' | 'frontMatter'>, frameworkHeadings: readonly string[], isExempt: (text: string) => boolean): PlainTextHeadings | undefined {
  if (!headingless(model)) return undefined;
  let found = memo.get(model);
  if (found === undefined) memo.set(model, (found = find(model, frameworkHeadings, isExempt) ?? null));
  return found ?? undefined;
}

/** Whether `start`–`end` overlaps one of `tables` (in order), from the `t`-th on. */
function inTables(tables: readonly Span[], t: number, start: number, end: number): boolean {
  for (let k = t; k < tables.length && tables[k].start < end; k++) if (tables[k].end > start) return true;
  return false;
}

/** No Markdown heading, or only the title: one heading of level 1. */
const headingless = (model: Pick<BriefModel, 'headings'>) => model.headings.length === 0 || (model.headings.length === 1 && model.headings[0].level === 1);

function find(model: Pick<BriefModel, 'text' | 'textBlocks' | 'headings' | 'directives' | 'frontMatter'>, frameworkHeadings: readonly string[], isExempt: (text: string) => boolean): PlainTextHeadings | undefined {
  const text = model.text;
  if (model.directives.some((d) => d.kind === 'container')) return undefined;
  const headings: PlainLine[] = [];
  // Each numbered list item's line read as a heading line, with its number (undefined for the others).
  const numbers: Array<number | undefined> = [];
  // A label line ("Background:") is a heading line before the framework; within it (where
  // "Clarify Red Lines:" may open a recommendation) only when it names the framework or a
  // section the check leaves out ("Conclusion:"), after which the rest of the brief is outside it again.
  const frameworkKeys = new Set(frameworkHeadings.map(headingKey));
  let inFramework = false;
  const push = (line: PlainLine, label: boolean) => {
    const framework = frameworkKeys.has(headingKey(line.title));
    const exempt = !framework && isExempt(line.title);
    if (label && inFramework && !framework && !exempt) return;
    if (framework) inFramework = true;
    else if (exempt) inFramework = false;
    headings.push(line);
  };
  // (Below the title, if the brief has one.)
  const from = model.headings[0]?.span.end ?? 0;
  // Not in Pandoc's simple, multiline or grid tables: their header and rows are no heading lines ("Country   Share").
  const tables = pandocTablesFrom(text, Math.max(from, model.frontMatter?.span.end ?? 0)).map((t) => t.span);
  let t = 0;
  for (const b of model.textBlocks) {
    if (b.kind !== 'paragraph' || b.span.start < from) continue;
    while (t < tables.length && tables[t].end <= b.span.start) t++;
    // (A line after a table in the same paragraph is read as any other: "References" under a grid table's last border.)
    const outside = (at: Span) => !inTables(tables, t, b.span.start + at.start, b.span.start + at.end);
    // Not in a block quote: its `>` marks open the block's first line, or its later ones.
    const lineStart = lineStartAt(text, b.span.start);
    if (/^[ \t]*>/.test(text.slice(lineStart, b.span.start))) return undefined;
    // In a list item, which lines are at the margin is read in the text: in the masked text a tag that opens a line (`:claim[…`) is blanked, as an indent would be.
    const margins = b.inListItem ? marginsOf(text, b.span.start, b.span.end) : '';
    const lines = b.inListItem ? ITEM_LINES.get(`${b.masked}\u0001${margins}`, () => blockLines(b.masked, margins)) : PARAGRAPH_LINES.get(b.masked, (masked) => blockLines(masked, undefined));
    if (lines.quoted) return undefined;
    const numbered = b.inListItem ? numberedHeading(text, b, lineStart) : undefined;
    if (numbered) {
      push(numbered.line, false);
      numbers.push(numbered.number);
    }
    for (const at of lines.headings) if (outside(at)) push(plainLine(text, b, b.span.start + at.start, b.span.start + at.end, true), lines.colon.includes(at));
    // The block's last line is a heading line by its own words, whatever comes after the
    // block (a blank line, a list, a comment, the end of the brief): the line after it is
    // tested only within a paragraph, where it tells a heading from a wrapped line of prose
    // ("Conclusion", "**Key Events**": headings in bold, as a word processor's are without styles).
    const last = lines.last;
    if (last && outside(last) && (isHeadingLine(b.masked.slice(last.start, last.end), undefined) || lines.lastInSentenceCase) && !caption(b.masked.slice(last.start, last.end))) push(plainLine(text, b, b.span.start + last.start, b.span.start + last.end, true), false);
    while (numbers.length < headings.length) numbers.push(undefined);
  }
  numberedInSequence(headings, numbers);
  if (headings.length < 2) return undefined;
  const exempt = headings.map((l) => isExempt(l.title));
  // Whether each heading line comes right after the one before (blank lines and comments between, at most).
  const adjacent = headings.map((l, i) => i > 0 && blanksAndComments(text, headings[i - 1].end, l.start));
  return { headings, levels: headingLevels(headings.map((l) => l.title), frameworkHeadings, exempt, adjacent), exempt };
}

/** An ordered list item's marker, alone on its line before a paragraph ("1. ", "2) "): the item's number. */
const ITEM_MARKER = /^ {0,3}(\d{1,3})[.)][ \t]+$/;
/** A line that opens an ordered list item. */
const ORDERED_ITEM = /^ {0,3}\d{1,9}[.)](?:[ \t]|$)/;

/**
 * A numbered section heading written as a line of its own ("1. Executive Summary", then the
 * section's text): Markdown reads an ordered list item, whose first line this is. It is
 * a heading line when its words are a heading's and the text after it is at the margin
 * (lines Markdown reads as the item's lazily, or a paragraph or a bullet list after it):
 * never when the next line is indented under the item or opens the next numbered item, as
 * in a numbered list of short recommendations ("1. Clarify Red Lines" / "2. Revise the Format").
 */
function numberedHeading(text: string, b: TextBlock, lineStart: number): { line: PlainLine; number: number } | undefined {
  const marker = ITEM_MARKER.exec(text.slice(lineStart, b.span.start));
  if (!marker) return undefined;
  const nl = b.masked.indexOf('\n');
  const end = nl < 0 ? b.masked.length : nl;
  if (end > MAX_HEADING) return undefined;
  const own = b.masked.slice(0, end);
  // (In title or sentence case, or written as a label: the numbers in sequence tell a heading already.)
  const headingWords = (next: string | undefined) => isHeadingLine(own, next) || isSentenceCaseHeadingLine(own, next) || colonHeading(own, next);
  if (!headingWords(undefined) || caption(own)) return undefined;
  // The line after it: the block's next (at the margin, or it is the item's own), or the first line after the block that is not blank.
  // (At the margin in the text: in the masked text a tag that opens the line, `:claim[The …`, is blanked.)
  const after = nl >= 0 ? (/^\S/.test(text.charAt(b.span.start + nl + 1)) ? lineAt(b.masked, nl + 1)?.trimStart() : undefined) : lineAfter(text, b.span.end);
  if (after === undefined || /^\s/.test(after) || ORDERED_ITEM.test(after) || !headingWords(untagged(after))) return undefined;
  return { line: plainLine(text, b, lineStart, b.span.start + end, true), number: Number(marker[1]) };
}

/** The beginning of the first line after the one `from` is on that is neither blank nor an HTML comment alone (a suppression's); undefined at the end. */
function lineAfter(text: string, from: number): string | undefined {
  let at = from;
  for (;;) {
    while (at < text.length && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
    if (at >= text.length) return undefined;
    at = nextLineStart(text, at);
    let end = at;
    while (end < text.length && end - at < 200 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(at, end);
    if (/\S/.test(line) && !/^\s*<!--.*-->\s*$/.test(line)) return line;
    at = end;
  }
}

/**
 * Keeps the numbered list items read as heading lines that number the brief's sections:
 * 1, 2, 3… in order (a list of numbered recommendations under a section starts at 1 again
 * and is left out), at least two of them; the other heading lines stay.
 */
function numberedInSequence(headings: PlainLine[], numbers: Array<number | undefined>): void {
  let expected = 1;
  const keep = numbers.map((n) => n === undefined || (n === expected && ++expected > 0));
  const kept = keep.filter((k, i) => k && numbers[i] !== undefined).length;
  let j = 0;
  headings.forEach((l, i) => {
    if (keep[i] && (numbers[i] === undefined || kept >= 2)) headings[j++] = l;
  });
  headings.length = j;
}

/** Whether `text` holds only white space and HTML comments (a suppression's) from `from` to `to`. */
function blanksAndComments(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; ) {
    const c = text.charCodeAt(at);
    if (c === 32 || (c >= 9 && c <= 13)) at++;
    else if (text.startsWith('<!--', at)) {
      const close = text.indexOf('-->', at + 4);
      if (close < 0 || close + 3 > to) return false;
      at = close + 3;
    } else return false;
  }
  return true;
}

/** What a paragraph's own text decides: its heading lines but the last, and its last line when that may be one (a free line, short, with no final punctuation). */
interface BlockLines {
  headings: Span[];
  /** Lines written as a label ("Background:", "**Key Events:**"), a heading line's words before the colon: in order among `headings`. */
  colon: Span[];
  last?: Span;
  /** The last line is a heading line in sentence case ("Key events"): after a sentence's end, or the block's only line. */
  lastInSentenceCase: boolean;
  /** A later line opens with a block quote's `>`. */
  quoted: boolean;
}
/** Per block text, in a paragraph or a list item: most blocks are unchanged from one analysis to the next. */
const PARAGRAPH_LINES = new RecentCache<BlockLines>(4096);
const ITEM_LINES = new RecentCache<BlockLines>(4096);

/** For each line of the text from `start` to `end`: `1` when it opens at the margin (no blank first), else `0`. */
function marginsOf(text: string, start: number, end: number): string {
  let out = '';
  for (let at = start; at <= end; ) {
    out += /\S/.test(text.charAt(at)) && at < end ? '1' : '0';
    const nl = text.indexOf('\n', at);
    if (nl < 0 || nl >= end) break;
    at = nl + 1;
  }
  return out;
}

/** `margins`: for a list item's block, which of its lines open at the margin (`marginsOf`); undefined for a paragraph's. */
function blockLines(masked: string, margins: string | undefined): BlockLines {
  const out: BlockLines = { headings: [], colon: [], lastInSentenceCase: false, quoted: false };
  const inListItem = margins !== undefined;
  // Whether the line before ends a sentence, is a heading line or a list item's own line (the block's first line follows nothing).
  let afterSentence = true;
  let lineIndex = 0;
  for (let at = 0; at < masked.length; lineIndex++) {
    let end = at;
    // Lines end at `\n` (a `\r` before it stays the line's), as the rule's sentences are cut (model/sentences.ts).
    while (end < masked.length && masked.charCodeAt(end) !== 10) end++;
    const next = end + 1;
    if (at > 0 && /^[ \t]*>/.test(masked.slice(at, Math.min(end, at + 8)))) out.quoted = true;
    // A list item's own lines stay the item's: its first, and those indented under it.
    const free = !inListItem || (at > 0 && margins[lineIndex] === '1');
    // Where the line's text ends: blanks the mask left there, a comment's or a reference's, are none of it.
    let e = end;
    while (e > at && /\s/.test(masked[e - 1])) e--;
    let heading = false;
    // A heading line is short and ends in no punctuation (but a label's colon): most lines are tested no further.
    if (free && end - at <= MAX_HEADING) {
      const line = masked.slice(at, end);
      // (The line after it is read only for a line that may be a heading: most end with punctuation.)
      const nextLine = () => (next < masked.length ? untagged(lineAt(masked, next)) : undefined);
      const label = /:[*_]*$/.test(line.slice(0, e - at));
      if (label) {
        // A label line ("Background:", "**Analysis:**"; a comment may follow), then a line a heading precedes, or none.
        heading = colonHeading(line, nextLine());
      } else if (!/[.!?;,:\u2014\u2013-]\s*$/.test(masked.slice(Math.max(at, end - 8), end))) {
        const after = nextLine();
        if (after === undefined) {
          out.last = { start: at, end };
          out.lastInSentenceCase = afterSentence && isSentenceCaseHeadingLine(line, undefined);
        } else {
          // In title case, or in sentence case ("Key events") after a sentence's end, on a line ended on purpose.
          const sentenceCase = () => afterSentence && e - at + 1 + firstWordLength(after) <= WRAP && isSentenceCaseHeadingLine(line, after);
          heading = (isHeadingLine(line, after) || sentenceCase()) && !caption(line);
        }
      }
      if (heading) {
        const span = { start: at, end };
        out.headings.push(span);
        if (label) out.colon.push(span);
      }
    }
    // (A list item's own line ends as a bullet point does, often with no final mark: a line at the margin after it is a new start.)
    afterSentence = heading || !free || SENTENCE_END.test(masked.slice(Math.max(at, e - 8), e));
    at = next;
  }
  return out;
}

/** A line that ends a sentence: a final mark, then closing quotes, brackets or emphasis. */
const SENTENCE_END = /[.!?…]["'”’)\]*_]*\s*$/;

/**
 * The width prose is wrapped at, at the narrowest (editors and mail wrap at 72–80): a line
 * that the next line's first word would have fit on within it was ended on purpose.
 * (A width of its own, not the block's longest line: whether a line is a heading line
 * depends on it and the lines around it only, so an edit elsewhere in the block changes nothing.)
 */
const WRAP = 72;

/** The length of the first word of `line` (0 without one). */
const firstWordLength = (line: string | undefined) => /^\s*(\S*)/.exec(line ?? '')![1].length;

/** The line after a heading line without the tag that opens it (`:claim[Officials said…`): tagging a sentence leaves the heading line one. */
const untagged = (line: string | undefined) => line?.replace(/^([\s>*_-]*):[A-Za-z][\w-]*\[/, '$1');

/** A caption, source line or credit ("Source: Eurostat", "Table 2: Rents by region"): no heading, though written like one. */
const caption = (line: string) => CAPTION.test(line) || CREDIT.test(line);

const nextLineStart = (text: string, end: number) => (text.startsWith('\r\n', end) ? end + 2 : end + 1);

/** The longest line read as a heading line (eight words and spaces). */
const MAX_HEADING = 160;

function plainLine(text: string, b: TextBlock, at: number, end: number, heading: boolean): PlainLine {
  const line = text.slice(at, end);
  // A list item's own lines stay the item's: its first, and those indented under it.
  const free = !b.inListItem || (at > b.span.start && /^\S/.test(line));
  // (A numbered item's line from its marker: "1. " and the block's text after it.)
  const marker = at < b.span.start ? text.slice(at, b.span.start) : '';
  const masked = marker + b.masked.slice(Math.max(0, at - b.span.start), end - b.span.start);
  // (From the masked text: an HTML comment after the words, a suppression's, is none of the title.)
  // (A heading line written as a label keeps its colon, after the emphasis: "**Analysis:**" and "**Analysis**:" read "Analysis:", as their headings do.)
  const all = masked.slice(marker.length).trim();
  const label = heading && /:(?:\*\*|__|\*|_)?$/.test(all);
  const words = (label ? all.replace(/:((?:\*\*|__|\*|_)?)$/, '$1') : all).replace(/^(?:\*\*|__|\*|_)(?=\S)/, '').replace(/(?<=\S)(?:\*\*|__|\*|_)$/, '').trim() + (label ? ':' : '');
  const title = marker.trimStart() + words;
  return { start: at, textStart: at + marker.length, end, next: nextLineStart(text, end), text: line, title, masked, heading, free };
}

/**
 * The lines of each paragraph, with the heading lines of `h` marked (for the quick fix that
 * rewrites them all). In a list item, only the lines after its first that continue it
 * lazily (at the margin: with no blank line in the brief, every line after a list item is
 * one) are free; a blank line before such a line ends the list.
 */
export function paragraphLines(model: Pick<BriefModel, 'text' | 'textBlocks'>, h: PlainTextHeadings): PlainLine[][] {
  const text = model.text;
  const heading = new Set(h.headings.map((l) => l.start));
  return model.textBlocks
    .filter((b) => b.kind === 'paragraph')
    .map((b) => {
      const out: PlainLine[] = [];
      // (A numbered list item read as a heading line: its line from the marker.)
      const lineStart = lineStartAt(text, b.span.start);
      for (let at = b.inListItem && heading.has(lineStart) ? lineStart : b.span.start; at < b.span.end; ) {
        let end = at;
        while (end < b.span.end && text[end] !== '\n') end++;
        const line = plainLine(text, b, at, end, heading.has(at));
        out.push(line);
        at = line.next;
      }
      return out;
    });
}

/** The line that starts at `at`, if the text goes on there. */
export function lineAt(text: string, at: number): string | undefined {
  if (at >= text.length) return undefined;
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(at, end);
}

/**
 * `2` for a section (`3` for a numbered subsection: "5.1 Background"); under the framework, `3` for a track and `4` for a line under a track
 * (a group); `3` for a line under another section the brief names (`named`: an exempt
 * one) that opens with it (`adjacent`: "Implementation Recommendations" right before "For
 * Member States"), and for the lines after it, until the next such section. A named
 * section that opens with text ("Executive Summary", then a paragraph) has none: the next
 * line is a section again.
 */
function headingLevels(lines: string[], framework: readonly string[], named: boolean[], adjacent: boolean[]): number[] {
  const frameworkKeys = new Set(framework.map(headingKey));
  let under: 'nothing' | 'framework' | 'track' | 'named' | 'named, opened' = 'nothing';
  return lines.map((line, i) => {
    if (TRACK_HEADING.test(line)) {
      under = 'track';
      return 3;
    }
    if (frameworkKeys.has(headingKey(line))) under = 'framework';
    else if (named[i]) under = 'named';
    else {
      if (under === 'named') under = adjacent[i] ? 'named, opened' : 'nothing';
      return under === 'track' ? 4 : under === 'nothing' ? numberedLevel(line) : 3;
    }
    return 2;
  });
}

/** A section's level by its number: `2`, and one more for each number after the first ("5.1 Background": `3`, a subsection of "5. Case Study"). */
function numberedLevel(line: string): number {
  const m = /^(\d{1,3}(?:\.\d{1,3}){1,4})\.?[ \t]/.exec(line);
  return m ? 1 + m[1].split('.').length : 2;
}

/** The spans of the exempt sections: from each exempt heading line to the next heading line of its level or higher (or the end). */
export function plainTextSections(text: string, h: PlainTextHeadings): Span[] {
  const out: Span[] = [];
  h.headings.forEach((l, i) => {
    if (!h.exempt[i]) return;
    let j = i + 1;
    while (j < h.headings.length && h.levels[j] > h.levels[i]) j++;
    out.push({ start: l.start, end: j < h.headings.length ? h.headings[j].start : text.length });
  });
  return out;
}
