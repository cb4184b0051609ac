/**
 * "Make the brief's 24 heading lines Markdown headings": a brief written or pasted as plain
 * text (as the brief of `shared/seeds` is) has its headings as lines of their own — "Key
 * Events", "Proposed Solutions Framework", "Track 1: Diplomatic Pathway" — and its
 * paragraphs one to a line, with no blank line between. Markdown reads all of it as a few
 * long paragraphs: for Markdown (the preview, other tools) the brief has no headings
 * (Briefmark reads its sections, outline and framework from the lines:
 * model/headingLines.ts, model/plainTextOutline.ts). This fix
 * writes each heading line as an ATX heading, with a blank line around it, a blank line
 * before each line of the framework that opens a candidate recommendation (a run-in label:
 * model/plainTextOutline.ts; the framework stays as the lines read), and (where the lines are paragraphs, not hard-wrapped
 * prose) a blank line after each line that ends a sentence, in one edit of the document,
 * parsed again before it is offered.
 *
 * Levels (model/headingLines.ts): `##` for a section; under the framework heading, `###`
 * for a `Track n: …` line and `####` for a line under a track (a group); `###` for a line
 * under another section the brief names (exempt by the conventions, or the back matter)
 * that opens with it, and the lines after it until the next line that names the framework
 * or such a section, which is `##` again.
 *
 * Offered only where it is certain: the brief is read by its heading lines (`lineSections`: no
 * Markdown heading names its framework), has no Markdown heading but its title, no container
 * directive and no block quote, at least two heading lines, and parsed again with the
 * edits it has exactly those headings, with their levels and texts, and the same tags,
 * citations, footnote calls and links, each claim with as many sources in its sentence.
 */
import type { Analysis } from '../analysis';
import { buildModel } from '../model/buildModel';
import { TRACK_HEADING } from '../model/framework';
import { lineAt, paragraphLines, plainTextHeadings, type PlainLine } from '../model/headingLines';
import { opensRecommendation } from '../model/plainTextOutline';
import type { BriefModel } from '../model/types';
import { parseMarkdown } from '../parse/markdown';
import { exemptHeading } from '../model/sectionNames';
import { applyEdits, type TextEdit } from './textEdits';

export interface HeadingConversion {
  edits: TextEdit[];
  /** How many heading lines become headings, and how many of them are tracks. */
  headings: number;
  tracks: number;
}

/** Briefs larger than this are not converted: the check parses the whole document again. */
const MAX_SIZE = 100_000;
/** Lines at least this long on average are paragraphs of their own, not hard-wrapped prose (a wrapped line is at most about 80 characters). */
const PARAGRAPH_LINE = 100;
/** A line that ends a sentence (with the quotes and brackets after its punctuation). */
const SENTENCE_END = /[.!?:;…]["'”’)\]*_]*\s*$/;

const memo = new WeakMap<object, HeadingConversion | null>();

/** The conversion of the brief's heading lines to headings, or undefined where it is not certain (once per analysis). */
export function headingLinesAsHeadings(analysis: Analysis): HeadingConversion | undefined {
  let found = memo.get(analysis.model);
  if (found === undefined) memo.set(analysis.model, (found = convert(analysis) ?? null));
  return found ?? undefined;
}

function convert(analysis: Analysis): HeadingConversion | undefined {
  const { model, conventions } = analysis;
  const text = model.text;
  // Only where the brief's heading lines are what it is read by (`lineSections`): where its
  // one Markdown heading names the framework ("# Recommendations"), the framework is that
  // heading's, and headings written from the lines would change it (fuzz seed 3535353).
  if (text.length > MAX_SIZE || !model.lineSections) return undefined;
  const found = plainTextHeadings(model, conventions.framework.headings, exemptHeading(conventions.assertions.exemptSections));
  if (!found) return undefined;
  const { headings, levels } = found;
  const paragraphs = paragraphLines(model, found);
  const prose = paragraphs.flat().filter((l) => !l.heading);
  const splitLines = prose.length > 0 && prose.reduce((n, l) => n + l.text.trim().length, 0) / prose.length >= PARAGRAPH_LINE;
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : '\r';
  const level = new Map(headings.map((l, i) => [l.start, levels[i]]));
  // In the framework, the lines that open a candidate recommendation (model/plainTextOutline.ts): each a paragraph of its own, as it is one there.
  const framework = model.lineSections ? model.framework?.span : undefined;
  const inFramework = (l: PlainLine) => framework !== undefined && l.start >= framework.start && l.start < framework.end;
  const opens = (l: PlainLine) => inFramework(l) && opensRecommendation(l.masked);
  const edits: TextEdit[] = [];
  // The blank lines written after a heading that ends its paragraph, by where they go (before the next block's first line).
  const blankAfterHeading = new Map<number, TextEdit>();
  for (const lines of paragraphs) {
    lines.forEach((l, i) => {
      const indent = /^[ \t]*/.exec(l.text)![0].length;
      const h = level.get(l.start);
      // A blank line before a heading, after one, or (lines that are paragraphs) after a line that ends a sentence
      // (not in the framework, where a recommendation runs over its lines up to the next that opens one).
      // (A numbered list item read as a heading line opens its block, right after the lines of the item before: a blank line before it too.)
      const blank = i > 0 ? l.free && (h !== undefined || lines[i - 1].heading || opens(l) || (splitLines && SENTENCE_END.test(lines[i - 1].masked) && !inFramework(l))) : h !== undefined && l.textStart > l.start && !afterBlankLine(text, l.start);
      const mark = h !== undefined ? `${'#'.repeat(h)} ` : '';
      // (Where the heading before it, ending its paragraph, has its blank line written here already: the mark goes into that one edit.)
      const written = i === 0 && h !== undefined ? blankAfterHeading.get(l.start + indent) : undefined;
      if (written) written.newText += mark;
      else if (h !== undefined || blank) edits.push({ span: { start: l.start + indent, end: l.start + indent }, newText: `${blank ? eol : ''}${mark}` });
    });
    // A heading that ends its paragraph, with a block after it on the next line (a list): a blank line after it.
    const last = lines[lines.length - 1];
    const after = lineAt(text, last.next);
    if (last.heading && after !== undefined && !/^[ \t]*$/.test(after)) {
      const edit = { span: { start: last.next, end: last.next }, newText: eol };
      edits.push(edit);
      blankAfterHeading.set(last.next, edit);
    }
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  if (!readsBack(analysis, edits, headings.map((l, i) => ({ text: l.title, level: levels[i] })))) return undefined;
  return { edits, headings: headings.length, tracks: headings.filter((l) => TRACK_HEADING.test(l.title)).length };
}

/** Whether the line that starts at `start` is the first of the text or comes after a blank line. */
function afterBlankLine(text: string, start: number): boolean {
  let at = start - 1;
  if (text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) === 13) at--;
  if (at < 0) return true;
  for (at--; at >= 0 && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9); ) at--;
  return at < 0 || text.charCodeAt(at) === 10 || text.charCodeAt(at) === 13;
}

/** Whether the document with the edits has exactly the headings wanted, and the same tags, citations, footnote calls and links. */
function readsBack(analysis: Analysis, edits: TextEdit[], wanted: Array<{ text: string; level: number }>): boolean {
  const fixed = applyEdits(analysis.model.text, edits);
  const model = buildModel({ uri: analysis.model.uri, text: fixed }, parseMarkdown(fixed, undefined, { oneShot: true }), analysis.conventions);
  // (After the title, if the brief has one: it stays.)
  const all = [...analysis.model.headings.map((h) => ({ text: h.text.trim(), level: h.level })), ...wanted];
  if (model.headings.length !== all.length || model.headings.some((h, i) => h.level !== all[i].level || h.text.trim() !== all[i].text)) return false;
  // (And each claim with as many sources in its sentence: no sentence was cut from its source.)
  const counts = (m: Pick<BriefModel, 'directives' | 'citations' | 'footnoteReferences' | 'links' | 'claims'>) =>
    [m.directives.length, m.claims.length, m.citations.length, m.footnoteReferences.length, m.links.length, ...m.claims.map((c) => c.nearbySources.length)].join();
  return counts(model) === counts(analysis.model);
}
