/**
 * The outline of a brief written as plain text (model/headingLines.ts): its heading lines
 * read as the headings the quick fix would write (features/plainTextHeadings.ts), so that
 * such a brief has its sections, its framework with tracks and groups, and the untagged
 * recommendations of its tracks before the fix, and whether or not it is applied.
 *
 * A recommendation there is a line of a track that opens with a run-in label ("Clarify
 * Red Lines: All parties must…"), with the lines after it that open with none (a wrapped
 * line goes on with it), up to the next such line or heading line; or a list item, as in
 * any brief. `sections` stays Markdown's (exempt sections, folding, rename read it); the
 * heading lines' sections are the model's `lineSections`.
 */
import type { Conventions } from '../conventions/types';
import { buildFramework, frameworkSection, runInLabel, sectionsOf } from './framework';
import { plainTextHeadings } from './headingLines';
import { exemptHeading } from './sectionNames';
import type { BriefModel, Framework, Heading, RecCandidate, Recommendation, Section } from './types';
import type { Span } from '../text/span';

export interface PlainTextOutline {
  /** The sections the heading lines open, in order, with their levels. */
  sections: Section[];
  framework: Framework | undefined;
  /** Every recommendation of the brief (its tagged ones among them), in document order. */
  recommendations: Recommendation[];
}

/**
 * The heading lines' outline of a brief with no Markdown heading but its title, or
 * undefined where the brief has none (`model/headingLines.ts`). `candidates` gives the
 * paragraphs and list items of a span, as the model collects them for a framework.
 */
export function plainTextOutline(
  model: BriefModel,
  conventions: Conventions,
  tagged: readonly Recommendation[],
  candidates: (span: Span) => RecCandidate[],
): PlainTextOutline | undefined {
  const found = plainTextHeadings(model, conventions.framework.headings, exemptHeading(conventions.assertions.exemptSections));
  if (!found) return undefined;
  const headings: Heading[] = found.headings.map((line, i) => {
    const at = line.start + Math.max(0, line.text.indexOf(line.title));
    return { level: found.levels[i], text: line.title, span: { start: line.start, end: line.end }, textSpan: { start: at, end: at + line.title.length } };
  });
  const sections = sectionsOf(headings, model.text.length);
  // (Where each heading line's text starts in its block: a numbered list item's after its marker.)
  const starts = new Set(found.headings.map((l) => l.textStart));
  const framework = frameworkSection(sections, conventions);
  const lines = framework ? candidates(framework.span).flatMap((c) => lineCandidates(model.text, c, starts)) : [];
  return { sections, ...buildFramework(sections, tagged, lines, conventions) };
}

/**
 * A paragraph's lines as candidates: each line that opens with a run-in label starts one
 * (its first line always does), running over the lines after it up to the next such line
 * or heading line; heading lines are none. In a list item, its first line and those
 * indented under it are the item's (the first candidate: the item, from its marker); a line
 * at the margin after them (Markdown reads it as the item's, lazily) is free to start one.
 */
function lineCandidates(text: string, c: RecCandidate, headingStarts: ReadonlySet<number>): RecCandidate[] {
  const { masked, span, inListItem } = c.block;
  const out: RecCandidate[] = [];
  let open: number | undefined;
  let lastEnd = 0;
  const close = () => {
    if (open !== undefined && lastEnd > open) {
      const s = { start: span.start + open, end: span.start + lastEnd };
      const item = inListItem && open === 0;
      out.push({ span: item ? { start: c.span.start, end: s.end } : s, block: { kind: 'paragraph', span: s, masked: masked.slice(open, lastEnd), inListItem: item } });
    }
    open = undefined;
  };
  for (let at = 0; at < masked.length; ) {
    let end = masked.indexOf('\n', at);
    if (end < 0) end = masked.length;
    // (A `\r` before the `\n` is the line end's, not the line's.)
    const lineEnd = end > at && masked.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = masked.slice(at, lineEnd);
    if (headingStarts.has(span.start + at)) close();
    else {
      // (At the margin in the text: a tag that opens the line is blanked in the masked text.)
      const free = !inListItem || (at > 0 && /^\S/.test(text.slice(span.start + at, span.start + at + 1)));
      if (open === undefined || (free && opensRecommendation(line))) {
        close();
        open = at;
      }
      lastEnd = lineEnd;
    }
    at = end + 1;
  }
  close();
  return out;
}

/**
 * Whether a line of a paragraph (after its first) opens a candidate of its own: a run-in
 * label that starts with a capital or a figure (a wrapped line's "note: …" goes on with the
 * one before). The quick fix writes a blank line before each such line of the framework.
 */
export const opensRecommendation = (line: string): boolean => LABELLED_LINE.test(line) && runInLabel(line) !== undefined;
const LABELLED_LINE = /^[ \t]*(?:\*\*|__)?[\p{Lu}\p{N}]/u;

/** The sections of the outline: Markdown's, and a plain-text brief's heading lines' (`lineSections`), in document order. */
export function outlineSections(model: Pick<BriefModel, 'sections' | 'lineSections'>): Section[] {
  return model.lineSections?.length ? [...model.sections, ...model.lineSections].sort((a, b) => a.span.start - b.span.start) : model.sections;
}
