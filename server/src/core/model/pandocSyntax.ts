import type { Span } from '../text/span';
import { OPTION } from '../assertions/exemptions';

/**
 * Syntax of Pandoc, Quarto and GitHub that CommonMark (and so micromark) reads as the text
 * of a paragraph, and that is no prose: no sentence is read there, and no word of it
 * counts for the assertion classifier. Offsets are relative to the block's text.
 *
 * - a fenced div's fence line (`::: {.callout-note}`, `::: warning`, `:::`), which Pandoc
 *   and Quarto use for callouts, columns and figure panels;
 * - an attribute list that gives an identifier or a class (`{#fig-map}`, `{#tbl-sales}`,
 *   `{.smaller}`), after an image, a caption, display maths or a heading, or `key=value`
 *   pairs (`{width="6.5in" height="3.2in"}` after an image converted from Word), and an
 *   empty span that holds only such a list (a Word bookmark: `[]{#_Toc123 .anchor}`);
 * - the marker of a GitHub alert or an Obsidian callout opening a block quote (`[!NOTE]`,
 *   `[!warning]-`), and a callout's short title after it on its line (`[!info] Key figure`);
 * - a Quarto shortcode (`{{< pagebreak >}}`), and a definition list's marker (`:   `), so
 *   that the term above it reads as a heading line, not as the definition's first words.
 */
export function pandocSyntax(text: string, inQuote: boolean): Span[] {
  const out: Span[] = [];
  if (text.includes(':::')) fenceLines(text, out);
  if (text.includes('{{<')) for (const m of text.matchAll(SHORTCODE)) out.push({ start: m.index!, end: m.index! + m[0].length });
  if (text.includes(':') || text.includes('~')) definitionMarkers(text, out);
  if (text.includes('{')) {
    // (An empty span before it is an anchor, as Pandoc writes Word's bookmarks: `[]{#_Toc123 .anchor}`.)
    for (const m of text.matchAll(ID_OR_CLASS_LIST)) out.push({ start: text.startsWith('[]', m.index! - 2) ? m.index! - 2 : m.index!, end: m.index! + m[0].length });
    if (text.includes('=')) for (const m of text.matchAll(KEY_VALUE_LIST)) out.push({ start: m.index!, end: m.index! + m[0].length });
  }
  if (inQuote) {
    const alert = ALERT.exec(text);
    if (alert) {
      // An Obsidian callout's title on the marker's line is its label, as a heading is: "> [!info] Key figure".
      const title = CALLOUT_TITLE.exec(text.slice(alert.index + alert[0].length));
      out.push({ start: alert.index + alert[0].length - alert[1].length, end: alert.index + alert[0].length + (title ? title[0].length : 0) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** An attribute list on one line that opens with an identifier or a class (linear: each `{` scans to the next brace or line end). */
const ID_OR_CLASS_LIST = /\{[#.][\p{L}\p{N}_][^{}\n\r]*\}/gu;
/**
 * An attribute list of `key=value` pairs (and identifiers and classes after them), as Pandoc
 * writes after an image or a link converted from Word: `{width="6.5in" height="3.2in"}`.
 * (Each pair's value is quoted or has no blank, so the pairs split one way only: linear.)
 */
const KEY_VALUE_LIST = /\{[\p{L}_][\p{L}\p{N}_-]*=(?:"[^"\n\r]*"|'[^'\n\r]*'|[^\s{}"']+)(?:[ \t]+(?:[#.][\p{L}\p{N}_-]+|[\p{L}_][\p{L}\p{N}_-]*=(?:"[^"\n\r]*"|'[^'\n\r]*'|[^\s{}"']+)))*[ \t]*\}/gu;
/** A Quarto shortcode on one line: `{{< pagebreak >}}`, `{{< include _intro.md >}}`. */
const SHORTCODE = /\{\{<[^>\n\r]{0,200}>\}\}/g;
/** A definition list's marker at a line's start (`Term` then `:   Definition`): a colon or tilde and two blanks or a tab (a caption's colon has one). */
const DEFINITION_MARKER = /(?:^|\n)[ \t]{0,3}([:~](?: {2,4}|\t))(?=\S)/g;
const DEFINITION_LINE = /^[ \t]{0,3}[:~](?: {2,4}|\t)(?=\S)/;
/**
 * Definition lists' markers, and each term: the line before a marker, unless it is indented
 * or a definition itself (a term is a label, like a heading, not the definition's first
 * words), or an option's label, which the definition's first sentence is read with (the
 * assertion check's options exemption: `OPTION`).
 */
function definitionMarkers(text: string, out: Span[]): void {
  for (const m of text.matchAll(DEFINITION_MARKER)) {
    const marker = m.index! + m[0].length - m[1].length;
    out.push({ start: marker, end: marker + m[1].length });
    const lineStart = m.index! + (m[0].startsWith('\n') ? 1 : 0);
    if (lineStart === 0) continue;
    const termStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const term = text.slice(termStart, lineStart - 1);
    // An option's label ("Option A — A sector pay floor") is read with its definition, as "Option A — …: …" is.
    if (!/^[ \t]/.test(term) && !DEFINITION_LINE.test(term) && !OPTION.test(term)) out.push({ start: termStart, end: lineStart - 1 - (term.endsWith('\r') ? 1 : 0) });
  }
}

/** An alert's or callout's marker at the start of the quote's first paragraph. */
const ALERT = /^[ \t>]*(\[![A-Za-z][\w-]*\][+-]?)/;
/** A callout's title: the rest of the marker's line, when it is short and ends with no sentence's mark (at most eight words; an HTML comment may follow, a suppression's). */
const CALLOUT_TITLE = /^[ \t]+[^\s.!?:;<]+(?:[ \t]+[^\s.!?:;<]+){0,7}(?=[ \t]*(?:<!--[^\r\n]*-->[ \t]*)?(?:\r?\n|\r|$))/;

/** The lines of `text` that are a fenced div's fence: three colons or more, then at most an attribute list or a word, then colons. */
function fenceLines(text: string, out: Span[]): void {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (isFenceLine(text, start, end)) out.push({ start, end: text.charCodeAt(end - 1) === 13 ? end - 1 : end });
    start = end + 1;
  }
}

const COLON = 58;
const isBlank = (c: number) => c === 32 || c === 9 || c === 13;

function isFenceLine(s: string, from: number, to: number): boolean {
  let i = from;
  // Indentation, and the markers of a block quote (masked elsewhere, still in the text).
  while (i < to && (isBlank(s.charCodeAt(i)) || s.charCodeAt(i) === 62 /* > */)) i++;
  const colons = i;
  while (i < to && s.charCodeAt(i) === COLON) i++;
  if (i - colons < 3) return false;
  let end = to;
  while (end > i && isBlank(s.charCodeAt(end - 1))) end--;
  while (end > i && s.charCodeAt(end - 1) === COLON) end--;
  const rest = s.slice(i, end).trim();
  return rest === '' || ATTRIBUTES.test(rest) || WORD.test(rest);
}

const ATTRIBUTES = /^\{[^{}]*\}$/;
const WORD = /^[\p{L}\p{N}_-]+$/u;
