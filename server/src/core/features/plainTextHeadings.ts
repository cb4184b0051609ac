/**
 * "Make the brief's 24 heading lines Markdown headings": a brief written or pasted as plain
 * text (as the brief of `shared/seeds` is) has its headings as lines of their own — "Key
 * Events", "Proposed Solutions Framework", "Track 1: Diplomatic Pathway" — and its
 * paragraphs one to a line, with no blank line between. Markdown reads all of it as a few
 * long paragraphs: the brief has no sections, so no framework, no outline and no exempt
 * sections. This fix writes each heading line as an ATX heading, with a blank line around
 * it, and (where the lines are paragraphs, not hard-wrapped prose) a blank line after each
 * line that ends a sentence, in one edit of the document, parsed again before it is offered.
 *
 * Levels: `##` for a section; under the framework heading, `###` for a `Track n: …` line
 * and `####` for a line under a track (a group); `###` for a line under another section
 * the brief names (exempt by the conventions, or the back matter), until the next line
 * that names the framework or such a section, which is `##` again.
 *
 * Offered only where it is certain: the brief has no Markdown heading and no container
 * directive, at least two heading lines (`model/sentences.ts` `isHeadingLine`) in its
 * paragraphs outside lists and quotes, and parsed again with the edits it has exactly
 * those headings, with their levels and texts, and the same tags, citations, footnote
 * calls and links, and each claim as many sources in its sentence.
 */
import type { Analysis } from '../analysis';
import { buildModel } from '../model/buildModel';
import { headingKey, TRACK_HEADING } from '../model/framework';
import { isHeadingLine } from '../model/sentences';
import type { BriefModel } from '../model/types';
import { parseMarkdown } from '../parse/markdown';
import { isExemptHeading } from '../rules/possibleUnsourcedAssertion';
import type { Span } from '../text/span';
import { applyEdits, type TextEdit } from './textEdits';

export interface HeadingConversion {
  edits: TextEdit[];
  /** How many heading lines become headings, and how many of them are tracks. */
  headings: number;
  tracks: number;
  /** The spans (in the text before the edits) of the sections that will be exempt from the assertion check: a finding there goes. */
  exempt: Span[];
}

/** A line that ends a sentence (with the quotes and brackets after its punctuation). */
const SENTENCE_END = /[.!?:;…]["'”’)\]*_]*\s*$/;
/** Briefs larger than this are not converted: the check parses the whole document again. */
const MAX_SIZE = 100_000;
/** Lines at least this long on average are paragraphs of their own, not hard-wrapped prose (a wrapped line is at most about 80 characters). */
const PARAGRAPH_LINE = 100;

const memo = new WeakMap<object, HeadingConversion | null>();

/** The conversion of the brief's heading lines to headings, or undefined where it is not certain (once per analysis). */
export function plainTextHeadings(analysis: Analysis): HeadingConversion | undefined {
  let found = memo.get(analysis.model);
  if (found === undefined) memo.set(analysis.model, (found = convert(analysis) ?? null));
  return found ?? undefined;
}

interface Line {
  start: number;
  /** Where its text ends (before the line end), and where the next line starts. */
  end: number;
  next: number;
  text: string;
  heading: boolean;
}

function convert(analysis: Analysis): HeadingConversion | undefined {
  const { model, conventions } = analysis;
  const text = model.text;
  if (text.length > MAX_SIZE || model.headings.length > 0 || model.directives.some((d) => d.kind === 'container')) return undefined;
  // The paragraphs' lines. In a list item, only the lines after its first that continue it
  // lazily (at the margin: with no blank line in the brief, every line after a list item is
  // one); a blank line before such a line ends the list.
  const paragraphs = model.textBlocks.filter((b) => b.kind === 'paragraph').map((b) => linesOf(text, b.span, b.masked, b.inListItem));
  if (paragraphs.some((lines) => lines.some((l) => /^\s*>/.test(l.text)))) return undefined;
  // Each line of a paragraph, with the line after it (in the paragraph, or the next block's first).
  for (const lines of paragraphs)
    lines.forEach((l, i) => {
      const next = i + 1 < lines.length ? lines[i + 1].text : nextLine(text, l.next);
      l.heading = l.free && isHeadingLine(l.masked, next);
    });
  const headingLines = paragraphs.flat().filter((l) => l.heading);
  if (headingLines.length < 2) return undefined;
  const prose = paragraphs.flat().filter((l) => !l.heading);
  const splitLines = prose.length > 0 && prose.reduce((n, l) => n + l.text.trim().length, 0) / prose.length >= PARAGRAPH_LINE;
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : '\r';
  const levels = headingLevels(headingLines.map((l) => l.text.trim()), conventions.framework.headings, conventions.assertions.exemptSections);
  const level = new Map(headingLines.map((l, i) => [l, levels[i]]));
  const edits: TextEdit[] = [];
  for (const lines of paragraphs)
    lines.forEach((l, i) => {
      const indent = /^[ \t]*/.exec(l.text)![0].length;
      const h = level.get(l);
      // A blank line before a heading, after one, or (lines that are paragraphs) after a line that ends a sentence.
      const blank = i > 0 && l.free && (h !== undefined || lines[i - 1].heading || (splitLines && SENTENCE_END.test(lines[i - 1].masked)));
      if (h !== undefined || blank) edits.push({ span: { start: l.start + indent, end: l.start + indent }, newText: `${blank ? eol : ''}${h !== undefined ? `${'#'.repeat(h)} ` : ''}` });
    });
  // A heading that ends its paragraph, with a block after it on the next line (a list): a blank line after it.
  for (const lines of paragraphs) {
    const last = lines[lines.length - 1];
    if (last.heading && nextLine(text, last.next) !== undefined && !/^[ \t]*$/.test(nextLine(text, last.next)!)) edits.push({ span: { start: last.next, end: last.next }, newText: eol });
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  if (!readsBack(analysis, edits, headingLines.map((l, i) => ({ text: l.text.trim(), level: levels[i] })))) return undefined;
  return { edits, headings: headingLines.length, tracks: headingLines.filter((l) => TRACK_HEADING.test(l.text.trim())).length, exempt: exemptSpans(text, headingLines, levels, conventions.assertions.exemptSections) };
}

function linesOf(text: string, span: Span, masked: string, inListItem: boolean): Array<Line & { masked: string; free: boolean }> {
  const out: Array<Line & { masked: string; free: boolean }> = [];
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
function nextLine(text: string, at: number): string | undefined {
  if (at >= text.length) return undefined;
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(at, end);
}

/**
 * `##` for a section; under the framework, `###` for a track and `####` for a line under a
 * track (a group); `###` for a line under another section the brief names (one the
 * conventions exempt, the back matter), until the next such section.
 */
function headingLevels(lines: string[], framework: readonly string[], exempt: string[]): number[] {
  const frameworkKeys = new Set(framework.map(headingKey));
  let under: 'nothing' | 'framework' | 'track' | 'named' = 'nothing';
  return lines.map((line) => {
    if (TRACK_HEADING.test(line)) {
      under = 'track';
      return 3;
    }
    if (frameworkKeys.has(headingKey(line))) under = 'framework';
    else if (isExemptHeading(line, exempt)) under = 'named';
    else return under === 'track' ? 4 : under === 'nothing' ? 2 : 3;
    return 2;
  });
}

/** The spans of the sections that will be exempt: from an exempt heading line to the next heading line of its level or higher. */
function exemptSpans(text: string, lines: Line[], levels: number[], exempt: string[]): Span[] {
  const out: Span[] = [];
  lines.forEach((l, i) => {
    if (!isExemptHeading(l.text.trim(), exempt)) return;
    let j = i + 1;
    while (j < lines.length && levels[j] > levels[i]) j++;
    out.push({ start: l.start, end: j < lines.length ? lines[j].start : text.length });
  });
  return out;
}

/** Whether the document with the edits has exactly the headings wanted, and the same tags, citations, footnote calls and links. */
function readsBack(analysis: Analysis, edits: TextEdit[], wanted: Array<{ text: string; level: number }>): boolean {
  const fixed = applyEdits(analysis.model.text, edits);
  const model = buildModel({ uri: analysis.model.uri, text: fixed }, parseMarkdown(fixed, undefined, { oneShot: true }), analysis.conventions);
  if (model.headings.length !== wanted.length || model.headings.some((h, i) => h.level !== wanted[i].level || h.text.trim() !== wanted[i].text)) return false;
  // (And each claim with as many sources in its sentence: no sentence was cut from its source.)
  const counts = (m: Pick<BriefModel, 'directives' | 'citations' | 'footnoteReferences' | 'links' | 'claims'>) =>
    [m.directives.length, m.claims.length, m.citations.length, m.footnoteReferences.length, m.links.length, ...m.claims.map((c) => c.nearbySources.length)].join();
  return counts(model) === counts(analysis.model);
}
