/**
 * The heading lines of a brief written as plain text: no Markdown heading, its headings
 * lines of their own in its paragraphs ("Key Events", "Proposed Solutions Framework",
 * "Track 1: Diplomatic Pathway"; `sentences.ts` `isHeadingLine`), and the sections they
 * would open — which the assertion check exempts as it does Markdown's sections
 * (rules/scope.ts), and which the quick fix writes as headings (features/plainTextHeadings.ts).
 */
import { headingKey, TRACK_HEADING } from './framework';
import { isHeadingLine } from './sentences';
import type { BriefModel } from './types';
import type { Span } from '../text/span';

export interface PlainLine {
  start: number;
  /** Where its text ends (before the line end), and where the next line starts. */
  end: number;
  next: number;
  text: string;
  masked: string;
  /** Not a list item's own line (its first, or one indented under it): a line at the margin. */
  free: boolean;
  heading: boolean;
}

export interface PlainTextHeadings {
  /** The lines of each paragraph. */
  paragraphs: PlainLine[][];
  /** The heading lines, in order, and the level each would have as a heading. */
  headings: PlainLine[];
  levels: number[];
}

const memo = new WeakMap<object, PlainTextHeadings | null>();

/**
 * The heading lines of a brief with no Markdown heading, no container directive and no
 * block quote, when it has at least two (once per model); undefined otherwise.
 * `isNamedSection` tells a line that names a section of the brief's own (one the
 * conventions exempt, the back matter), after which the lines are subsections.
 */
export function plainTextHeadings(model: Pick<BriefModel, 'text' | 'textBlocks' | 'headings' | 'directives'>, frameworkHeadings: readonly string[], isNamedSection: (text: string) => boolean): PlainTextHeadings | undefined {
  if (model.headings.length > 0) return undefined;
  let found = memo.get(model);
  if (found === undefined) memo.set(model, (found = find(model, frameworkHeadings, isNamedSection) ?? null));
  return found ?? undefined;
}

function find(model: Pick<BriefModel, 'text' | 'textBlocks' | 'headings' | 'directives'>, frameworkHeadings: readonly string[], isNamedSection: (text: string) => boolean): PlainTextHeadings | undefined {
  const text = model.text;
  if (model.directives.some((d) => d.kind === 'container')) return undefined;
  // The paragraphs' lines. In a list item, only the lines after its first that continue it
  // lazily (at the margin: with no blank line in the brief, every line after a list item is
  // one); a blank line before such a line ends the list.
  const paragraphs = model.textBlocks.filter((b) => b.kind === 'paragraph').map((b) => linesOf(text, b.span, b.masked, b.inListItem));
  if (paragraphs.some((lines) => lines.some((l) => /^\s*>/.test(l.text)))) return undefined;
  // Each line of a paragraph, with the line after it (in the paragraph, or the next block's first).
  for (const lines of paragraphs)
    lines.forEach((l, i) => {
      const next = i + 1 < lines.length ? lines[i + 1].text : lineAt(text, l.next);
      l.heading = l.free && isHeadingLine(l.masked, next);
    });
  const headings = paragraphs.flat().filter((l) => l.heading);
  if (headings.length < 2) return undefined;
  return { paragraphs, headings, levels: headingLevels(headings.map((l) => l.text.trim()), frameworkHeadings, isNamedSection) };
}

function linesOf(text: string, span: Span, masked: string, inListItem: boolean): PlainLine[] {
  const out: PlainLine[] = [];
  for (let at = span.start; at < span.end; ) {
    let end = at;
    while (end < span.end && text[end] !== '\n' && text[end] !== '\r') end++;
    const next = text.startsWith('\r\n', end) ? end + 2 : end + 1;
    const line = text.slice(at, end);
    // A list item's own lines stay the item's: its first, and those indented under it.
    const free = !inListItem || (at > span.start && /^\S/.test(line));
    out.push({ start: at, end, next, text: line, masked: masked.slice(at - span.start, end - span.start), heading: false, free });
    at = next;
  }
  return out;
}

/** The line that starts at `at`, if the text goes on there. */
export function lineAt(text: string, at: number): string | undefined {
  if (at >= text.length) return undefined;
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(at, end);
}

/**
 * `2` for a section; under the framework, `3` for a track and `4` for a line under a track
 * (a group); `3` for a line under another section the brief names, until the next such
 * section.
 */
function headingLevels(lines: string[], framework: readonly string[], isNamedSection: (text: string) => boolean): number[] {
  const frameworkKeys = new Set(framework.map(headingKey));
  let under: 'nothing' | 'framework' | 'track' | 'named' = 'nothing';
  return lines.map((line) => {
    if (TRACK_HEADING.test(line)) {
      under = 'track';
      return 3;
    }
    if (frameworkKeys.has(headingKey(line))) under = 'framework';
    else if (isNamedSection(line)) under = 'named';
    else return under === 'track' ? 4 : under === 'nothing' ? 2 : 3;
    return 2;
  });
}

/** The spans of the sections whose heading line `isExempt`: from the line to the next heading line of its level or higher (or the end). */
export function plainTextSections(text: string, h: PlainTextHeadings, isExempt: (text: string) => boolean): Span[] {
  const out: Span[] = [];
  h.headings.forEach((l, i) => {
    if (!isExempt(l.text.trim())) return;
    let j = i + 1;
    while (j < h.headings.length && h.levels[j] > h.levels[i]) j++;
    out.push({ start: l.start, end: j < h.headings.length ? h.headings[j].start : text.length });
  });
  return out;
}
