import type { Nodes, Root } from 'mdast';
import type { Analysis } from '../analysis';
import type { Directive, TextBlock } from '../model/types';
import { unreadAttributeList } from '../model/directives';
import { afterSuperscriptNote, handCitations, inlineNotes, withoutMarks } from '../model/referenceMarks';
import { isPlaceholderText } from '../semantics/placeholders';
import { spanListEnd } from '../sources/citations';
import { PandocAttributes } from '../sources/pandocAttributes';
import type { Diagnostic } from '../rules/types';
import { editDistance } from '../text/editDistance';
import { entriesCitedAs, suggestCitations } from './citationSuggestions';
import { noteNumbersAsFootnotes } from './noteFootnotes';
import { headingLinesAsHeadings } from './plainTextHeadings';
import type { Span } from '../text/span';
import { parseProbe } from '../parse/markdown';
import { buildModel, keyOpensExampleItem } from '../model/buildModel';
import { keepsPandocTables } from './keepsTables';
import { blockAround, changesOnlyText, nodesAt, nodesIn, probe, PROBE_LIMIT, type SyntaxNode } from './syntaxAt';
import { pushAll } from '../text/pushAll';
import { trimEndMatching } from '../text/trailing';
import { withTrailingSources } from '../model/sentences';

import { applyEdits, type TextEdit } from './textEdits';

export { applyEdits, type TextEdit };

/** A quick fix: plain edits of the document; the protocol layer turns it into a WorkspaceEdit. */
export interface CodeActionResult {
  title: string;
  edits: TextEdit[];
  /** The diagnostic it fixes. */
  diagnostic: Diagnostic;
  isPreferred?: boolean;
}

const MAX_DIAGNOSTICS_PER_REQUEST = 50;
/**
 * How much Markdown a request's fixes may parse again, counted as the size of the block
 * that holds each finding served (its fixes parse that block two to four times). A
 * selection over one long paragraph holding hundreds of findings (an 18 KB paragraph:
 * 0.44 s for its first fifty) then gets the fixes of its first findings, and the server
 * goes on answering; the findings under the cursor are always served.
 */
export const PROBE_BUDGET = 64 * 1024;
const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

/**
 * Quick fixes for the diagnostics that touch `range`:
 * - an unsourced claim or possible unsourced assertion: cite a bibliography entry (at most
 *   three, ranked by BM25 above a relevance floor: citationSuggestions.ts), or add a
 *   footnote placeholder; an assertion can also be tagged as a claim; a citation typed by
 *   hand, `(ONS, 2024)`, replaced by the entry it names; an inline note, `^[…]`, made a
 *   footnote;
 * - a missing footnote definition: create it;
 * - a near-miss tag name or suppression code: replace it;
 * - a figure or quotation its source does not hold, where the source's closest passage
 *   gives one figure of the same kind, or the quotation's words from its first to its
 *   last: change to the source's (a suggestion, never preferred);
 * - any diagnostic: suppress its code for that line.
 *
 * Edits never corrupt (docs/reliability.md, test/unit/editsNeverCorrupt.test.ts): each fix
 * is parsed again with the blocks around it before it is offered, and must read back as
 * meant (a citation in plain text, a footnote reference that resolves, one claim tag, an
 * HTML comment); a fix that cannot be written safely there is not offered. Inserted lines
 * use the document's line breaks.
 */
export function codeActions(analysis: Analysis, range: Span): CodeActionResult[] {
  const { model } = analysis;
  if (!model.isBrief) return [];
  const out: CodeActionResult[] = [];
  let served = 0;
  let probed = 0;
  for (const d of analysis.diagnostics) {
    if (!overlaps(d.span, range)) continue;
    // A selection over hundreds of findings: the fixes of the first ones (each fix is checked by parsing its block).
    if (served >= MAX_DIAGNOSTICS_PER_REQUEST) break;
    // The findings under the cursor (or around the whole selection) always get their fixes; the others while the budget lasts.
    if (!(d.span.start <= range.start && range.end <= d.span.end)) {
      if (probed > PROBE_BUDGET) continue;
      const block = blockAround(analysis.parsed, model.text, d.span.start);
      probed += block.end - block.start;
    }
    served++;
    pushAll(out, fixesFor(analysis, d));
    const suppress = suppressLine(analysis, d);
    if (suppress) out.push(suppress);
  }
  // The fixes of typos first (a `:cliam[` tag, a misspelt key or code: certain, and
  // preferred), then the suggested citations, the placeholder, the claim tag, and
  // suppressions last; stable within each kind. A cited source is never preferred: it is
  // a suggestion to check, not a fix to apply without looking.
  // The one edit of the whole brief (its note numbers made footnotes) is offered once, for the first of its findings.
  // (And none that would change a table of Pandoc's that the tree does not show.)
  const keepsTables = keepsPandocTables(analysis);
  const once = out.filter((a, i) => (!a.title.startsWith("Make the brief's") || out.findIndex((b) => b.title === a.title) === i) && keepsTables(a.edits));
  return once.map((a, i) => ({ a, i, r: rankOf(a) })).sort((x, y) => x.r - y.r || x.i - y.i).map((x) => x.a);
}

/** The fixes of one diagnostic, but its suppression. */
function fixesFor(analysis: Analysis, d: Diagnostic): CodeActionResult[] {
  const { model } = analysis;
  const out: CodeActionResult[] = [];
  switch (d.code) {
    case 'unsourced-claim': {
      const claim = model.claims.find((c) => c.directive.span.start === d.span.start);
      // An attribute list the parser did not read (`{src="a"id="b"}`): made the tag's, where that is certain.
      const list = claim && attributeListFix(analysis, d, claim.directive);
      if (list) out.push(list);
      // A claim whose source is a placeholder already has one: only real sources are offered.
      if (claim) pushAll(out, citationActions(analysis, d, claim.label, claimSourcePlace(model.text, claim.directive, blockEndAt(model.textBlocks, claim.directive.span.start)), claim.directive, d.data?.sourcing !== 'pending'));
      // `(ONS, 2024)`, `^[BDH, 2025.]` or a note number after a text claim, in its sentence: written as a source.
      pushAll(out, claim && claim.directive.kind === 'text' ? markFixes(analysis, d, claim.directive.span.end, claim.sentenceEnd, true) : noteListFix(analysis, d));
      break;
    }
    case 'possible-unsourced-assertion': {
      // A table row's span is its content, from its first cell to its last: a source goes at the end of the last cell (not in Pandoc's simple, multiline or grid tables, aligned by blanks an insertion would break).
      const row = d.data?.tableRow === true;
      const { start, end: contentEnd } = row ? d.span : sentenceContent(analysis, d.span);
      // A `\` that ends the line is a hard line break, not the sentence's: a source goes before it.
      const hardBreak = !row && hardBreakAt(model.text, contentEnd, start);
      const end = hardBreak ? contentEnd - 1 : contentEnd;
      const sentence = model.text.slice(start, end);
      const body = row ? sentence : sentence.slice(0, withoutFinalPunctuation(sentence));
      let at = start + body.length;
      // So does a source where the body ends in one (`failed\`, then `.` on the next line).
      if (!row && hardBreakAt(model.text, at, start)) at = start + body.slice(0, -1).trimEnd().length;
      if (end <= start) break;
      if (d.data?.pandocTable !== true) pushAll(out, citationActions(analysis, d, sentence, { kind: 'after', at }, undefined, d.data?.placeholder !== true));
      if (!row) pushAll(out, markFixes(analysis, d, start, withSourcesAfter(analysis, end)));
      // A table row is cells, not one inline text: wrapping it in a tag would break the table.
      const tag = row ? undefined : tagAsClaim(analysis, body, start);
      if (tag) out.push({ title: 'Tag this sentence as a claim', edits: tag, diagnostic: d });
      pushAll(out, headingsFix(analysis, d));
      break;
    }
    case 'unknown-source': {
      const key = d.data?.key;
      if (typeof key === 'string') {
        // A near miss of a known key (`@smtih04` for `@smith04`): offer the known one.
        const known = [...analysis.bibliography.entries.keys(), ...analysis.sourceDocuments.keys()];
        const found = nearMiss(key, known);
        // Not where the key, changed, would open an example list item (`@wire.` at a line's start is Pandoc's `@good.`: no citation).
        // Only where the key is written as it reads: a key the parser read from a value it could not place exactly (`src={ y …}`) has no span to replace.
        const written = model.text.slice(d.span.start, d.span.end) === key;
        const meant = found !== undefined && written && !keyOpensExampleItem(model.text, model.lines.lineStart(model.lines.positionAt(d.span.start).line), d.span, found) ? found : undefined;
        const edits = meant ? [{ span: d.span, newText: meant }] : [];
        // Not where the key's `*` or `_` is an emphasis delimiter micromark pairs with another (`_8*R … @*` to `@b`).
        if (meant && changesOnlyText(model.text, edits, analysis.parsed)) out.push({ title: `Change to "${meant}"`, edits, diagnostic: d, isPreferred: true });
      }
      const id = d.data?.footnote;
      if (typeof id === 'string' && !model.footnoteDefinitions.some((f) => f.id === id) && definitionResolves(analysis, d.span, id)) {
        const definition = appendDefinition(analysis, `[^${id}]: Source to be added.`);
        if (definition) out.push({ title: `Create the footnote definition [^${id}]`, edits: [definition], diagnostic: d, isPreferred: true });
      }
      break;
    }
    case 'figure-not-in-source':
    case 'quote-not-in-source': {
      // The source's figure or wording in its closest passage: a suggestion to check, never preferred.
      // A figure the source's rounds: said to be approximate ("about £3.7 billion").
      const rounded = d.data?.rounded;
      if (typeof rounded === 'string') {
        const edits = [{ span: d.span, newText: rounded }];
        if (changesOnlyText(model.text, edits, analysis.parsed)) out.push({ title: `Write "${rounded}": the source's figure rounded`, edits, diagnostic: d });
      }
      const replacement = d.data?.replacement;
      if (typeof replacement !== 'string') break;
      const edits = [{ span: d.span, newText: replacement }];
      const title = d.code === 'figure-not-in-source' ? `Change to "${replacement}", as the source gives it` : `Use the source's wording: "${short(replacement, 60)}"`;
      if (changesOnlyText(model.text, edits, analysis.parsed)) out.push({ title, edits, diagnostic: d });
      break;
    }
    case 'unknown-tag':
    case 'invalid-conventions':
      pushAll(out, replacementFix(d));
      break;
  }
  return out;
}

/** The replacement a finding carries (`data.replacement`): a tag's name, a setting's value, a front matter value quoted. */
function replacementFix(d: Diagnostic): CodeActionResult[] {
  const replacement = d.data?.replacement;
  if (typeof replacement !== 'string') return [];
  const quoting = d.code === 'invalid-conventions' && replacement.startsWith('"') && replacement.endsWith('"');
  return [{ title: quoting ? `Quote the value: ${replacement}` : `Change to "${replacement}"`, edits: [{ span: d.span, newText: replacement }], diagnostic: d, isPreferred: true }];
}

/**
 * The fix of a tag's attribute list the directive parser did not read (`unreadAttributeList`:
 * spaces between its attributes, or none before it), when the tag's block parsed again with
 * it reads the list as the tag's: a text directive at the same place that ends with the list
 * and has attributes. Not where the list, read as text, opens inline HTML that runs past it
 * (`{a='x'b="<!--"} … -->`): made values, the comment would end there, and what it hid
 * after the list would be read (long fuzz run, seed 4242).
 */
function attributeListFix(analysis: Analysis, d: Diagnostic, dir: Directive): CodeActionResult | undefined {
  const text = analysis.model.text;
  const unread = unreadAttributeList(text, dir);
  if (!unread?.fix || !analysis.parsed) return undefined;
  if (nodesIn(analysis.parsed, unread.span.start, unread.span.end).some((n) => n.type === 'html' && n.start >= unread.span.start && n.end > unread.span.end)) return undefined;
  const { edits } = unread.fix;
  const p = probe(analysis.parsed, text, edits);
  if (!p) return undefined;
  const first = edits[0];
  const last = edits[edits.length - 1];
  const start = p.at(0) - (first.span.start - dir.span.start);
  const end = p.at(edits.length - 1) + last.newText.length + (unread.span.end - last.span.end);
  const node = p.typesAt(start).find((n) => n.type === 'textDirective' && n.start === start)?.node;
  const attributes = node && 'attributes' in node ? node.attributes : undefined;
  if (!node || node.position?.end.offset !== end || !attributes || Object.keys(attributes).length === 0) return undefined;
  return { title: unread.fix.title, edits, diagnostic: d, isPreferred: true };
}

function rankOf(a: CodeActionResult): number {
  if (a.isPreferred) return 0;
  // A change to the whole brief's structure, not to this sentence: after the sentence's own fixes.
  if (/ heading lines Markdown headings\b/.test(a.title)) return 3;
  // The brief's own source, written so that it counts (a citation for one typed by hand, a footnote for an inline note).
  if (a.title.startsWith('Cite @') || a.title.startsWith('Make the inline note') || a.title.startsWith("Make the brief's")) return 1;
  if (a.title.startsWith('Add a footnote placeholder')) return 2;
  if (a.title.startsWith('Suppress ')) return 4;
  return 3;
}

/**
 * Where a sentence's text ends before its final punctuation: `.`, `!`, `?` or the colon
 * of a lead-in, with the quotes, brackets and emphasis marks after them, repeated
 * (`stated .!`), and the space before them. One backward pass. (A source goes before a
 * lead-in's colon, "…in 2024 [@ons]:", where it sources the list after it too; after the
 * colon the paragraph would no longer lead in.)
 */
const SHORTCODE_END = /:[A-Za-z0-9_+-]+$/;

function withoutFinalPunctuation(sentence: string): number {
  let end = sentence.length;
  for (;;) {
    let k = end;
    while (k > 0 && `"'”’)*_`.includes(sentence[k - 1])) k--;
    if (k === 0 || !'.!?:'.includes(sentence[k - 1])) return end;
    // Not the colon that closes a shortcode (`:smile:`, text): a source before it would make `:smile` a directive.
    if (sentence[k - 1] === ':' && SHORTCODE_END.test(sentence.slice(Math.max(0, k - 64), k - 1))) return end;
    k--;
    while (k > 0 && /\s/.test(sentence[k - 1])) k--;
    end = k;
  }
}

/**
 * The part of a sentence's span that is inline text: a sentence at the edge of a table cell
 * or of a container's label starts or ends on the cell's `|` or the label's brackets, where
 * an inserted reference or tag would break the syntax around it.
 */
function sentenceContent(analysis: Analysis, span: Span): Span {
  const isHost = (n: { type: string }) => n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell';
  // The innermost text block at its start, else the first one inside it (a sentence read from a container's fence on).
  const host = [...nodesAt(analysis.parsed, span.start)].reverse().find(isHost) ?? nodesIn(analysis.parsed, span.start, span.end).find(isHost);
  const children = host && 'children' in host.node ? host.node.children : [];
  const first = children[0]?.position?.start.offset;
  const last = children[children.length - 1]?.position?.end.offset;
  if (!host || first === undefined || last === undefined) return span;
  const base = host.start - host.node.position!.start.offset!;
  let start = Math.max(span.start, base + first);
  let end = Math.min(span.end, base + last);
  while (start < end && /\s/.test(analysis.model.text[start])) start++;
  while (end > start && /\s/.test(analysis.model.text[end - 1])) end--;
  return { start, end };
}

/**
 * Where a claim's source goes: right after a text directive (a reference later in the
 * sentence sources it), or into the `src` attribute of a leaf or container claim (text
 * after `:::claim` would be part of the fence line, and after the closing `:::` it would
 * no longer close the container).
 */
type SourcePlace = { kind: 'after'; at: number } | { kind: 'src'; directive: Directive };

function claimSourcePlace(text: string, d: Directive, blockEnd: number): SourcePlace {
  if (d.kind !== 'text') return { kind: 'src', directive: d };
  // After an attribute list the directive parser refused and Pandoc reads as a span's
  // (`[label]{…}`), not between it and the tag's `]`: a source between would make it text.
  // (Without a label there is no span; nor where Pandoc refuses the list: it is text, and the source goes right after the tag.)
  // The list ends in the tag's block: a heading's on its line (`# T :claim[x]{k="a` then a paragraph `b"}` is no list).
  const labelled = d.labelSpan.start > d.nameSpan.end;
  const listEnd = labelled && !d.attributesSpan ? spanListEnd(text, d.labelSpan.start - 1, d.labelSpan.end, new PandocAttributes(text, Math.min(text.length, blockEnd, d.labelSpan.end + 4096))) : 0;
  if (listEnd > 0) return { kind: 'after', at: listEnd };
  return { kind: 'after', at: d.span.end };
}

/** Where the text block holding `at` ends (the document's end when none holds it). */
function blockEndAt(blocks: readonly TextBlock[], at: number): number {
  return textBlockAt(blocks, at)?.span.end ?? Number.MAX_SAFE_INTEGER;
}

/** The text block holding `at`, if any. */
function textBlockAt(blocks: readonly TextBlock[], at: number): TextBlock | undefined {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].span.end <= at) lo = mid + 1;
    else hi = mid;
  }
  const b = blocks[lo];
  return b && b.span.start <= at ? b : undefined;
}

/** Where a sentence that ends at `end` ends with the sources and marks after its full stop (`… 2024. (ONS, 2025)`: model/sentences.ts). */
function withSourcesAfter(analysis: Analysis, end: number): number {
  const b = textBlockAt(analysis.model.textBlocks, end - 1);
  return b ? withTrailingSources(analysis.model.text, b.masked, b.span.start, end, b.span.end) : end;
}

/**
 * `claim`: the claim's directive, whose `src` takes the key where a citation after it would
 * not read as one. `withPlaceholder`: offer a footnote placeholder too (not where the
 * finding is about a placeholder already there).
 */
function citationActions(analysis: Analysis, d: Diagnostic, text: string, place: SourcePlace, claim?: Directive, withPlaceholder = true): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  const doc = analysis.model.text;
  for (const { entry } of suggestCitations(analysis.bibliography.entries, text, analysis.sourceDocuments)) {
    // A link definition `[@key]: url` would make `[@key]` that link, not a citation.
    if (place.kind === 'after' && linkDefinitionLike(analysis, entry.key)) continue;
    let edit = place.kind === 'src' ? srcEdit(doc, place.directive, entry.key) : insertAfter(doc, place.at, `[@${entry.key}]`, true);
    if (!readsBack(analysis, edit, place, entry.key, 'citation')) {
      if (!claim || place.kind === 'src') continue;
      const src: SourcePlace = { kind: 'src', directive: claim };
      edit = srcEdit(doc, claim, entry.key);
      if (!readsBack(analysis, edit, src, entry.key, 'citation')) continue;
    }
    out.push({ title: `Cite @${entry.key}${entry.title ? ` — ${short(entry.title)}` : ''}`, edits: [edit], diagnostic: d });
  }
  // The placeholder: a footnote whose definition says what is missing; it resolves, so the brief stays clean.
  if (!withPlaceholder || !footnotesParse(analysis)) return out;
  const id = freeFootnoteId(analysis);
  const reference = place.kind === 'src' ? srcEdit(doc, place.directive, id) : insertAfter(doc, place.at, `[^${id}]`, false);
  const definition = appendDefinition(analysis, `[^${id}]: Source to be added.`);
  if (!definition || !readsBack(analysis, reference, place, id, 'footnote')) return out;
  out.push({
    title: `Add a footnote placeholder for the source ([^${id}])`,
    edits: [reference, definition],
    diagnostic: d,
  });
  return out;
}

/**
 * The fixes of the reference marks that are text between `from` and `to` (a sentence, or a
 * claim to its sentence's end): a citation typed by hand, an inline note, note numbers.
 */
function markFixes(analysis: Analysis, d: Diagnostic, from: number, to: number, afterClaim = false): CodeActionResult[] {
  return [...handCitationFixes(analysis, d, from, to), ...inlineNoteFixes(analysis, d, from, to, afterClaim), ...noteListFix(analysis, d, to)];
}

/**
 * "Cite @key in place of (ONS, 2024)": a citation typed by hand between `from` and `to`
 * (one name and year: `referenceMarks.ts`), replaced by the entry it names
 * (`entriesCitedAs`), at most three; offered where the citation reads back as one. A
 * suggestion to check, never preferred.
 */
function handCitationFixes(analysis: Analysis, d: Diagnostic, from: number, to: number): CodeActionResult[] {
  const text = analysis.model.text;
  if (to <= from || to - from > 100_000) return [];
  const slice = text.slice(from, to);
  const [mark] = slice.includes('(') ? handCitations(slice) : [];
  if (!mark) return [];
  const inner = slice.slice(mark.start + 1, mark.end - 1);
  const year = inner.includes(';') ? undefined : /\b(1[89]\d\d|20\d\d)[a-z]?\b/.exec(inner);
  if (!year) return [];
  // The first name, up to a comma ("ONS, September 2024", "Smith, Jones and Lee, 2020").
  const before = inner.slice(0, year.index).replace(/^(?:see also|see|e\.g\.|cf\.|also)\s+/i, '');
  const name = trimEndMatching(before.includes(',') ? before.slice(0, before.indexOf(',')) : before, /[,\s]/);
  // The page, kept as the citation's locator: "(Smith 2020, p. 4)" is `[@smith2020, p. 4]`.
  const page = /^[a-z]?,\s*((?:pp?\.\s*)?\d+(?:[–-]\d+)?)$/.exec(inner.slice(year.index + 4));
  const out: CodeActionResult[] = [];
  const span = { start: from + mark.start, end: from + mark.end };
  for (const key of entriesCitedAs(analysis.bibliography.entries, name, year[1]).slice(0, 3)) {
    const edit = { span, newText: `[@${key}${page ? `, ${page[1]}` : ''}]` };
    if (!linkDefinitionLike(analysis, key) && readsBack(analysis, edit, { kind: 'after', at: span.start }, key, 'citation'))
      out.push({ title: `Cite @${key} in place of ${short(slice.slice(mark.start, mark.end))}`, edits: [edit], diagnostic: d });
  }
  return out;
}

/**
 * "Make the inline note ^[BDH, 2025.] a footnote ([^1])": Pandoc's inline note between
 * `from` and `to` (text for GFM, VS Code's preview and Briefmark: referenceMarks.ts)
 * written as a GFM footnote, the reference in the note's place and the note's text as the
 * definition at the end of the brief, the way Pandoc would print it. The first note, when
 * it is on one line, holds text that stays inline in a definition (no list marker, heading
 * or quote to start it; only text, emphasis and code: no tag, HTML or footnote call) and is
 * no placeholder (`^[TODO]` would stay no source); offered where the reference reads back
 * as one.
 */
function inlineNoteFixes(analysis: Analysis, d: Diagnostic, from: number, to: number, afterClaim: boolean): CodeActionResult[] {
  const text = analysis.model.text;
  if (to <= from || to - from > 100_000 || !footnotesParse(analysis)) return [];
  const slice = text.slice(from, to);
  const [note] = inlineNotes(slice);
  // A call sources the text before it: not a note that opens a sentence (from a sentence's start; after a claim, the claim is before it).
  if (!note || (!afterClaim && !/[\p{L}\p{N}]/u.test(slice.slice(0, note.start)))) return [];
  const content = slice.slice(note.start + 2, note.end - 1).trim();
  if (!content || /[\r\n]/.test(content) || /^(?:[#>*+=|<-]|\d{1,9}[.)]|```|~~~)/.test(content) || isPlaceholderText(content)) return [];
  const span = { start: from + note.start, end: from + note.end };
  // Inline text (not code, a link's destination, HTML), and no construct that the note's
  // brackets cut through (`*` in the note closing emphasis opened before it).
  const chain = nodesAt(analysis.parsed, span.start);
  if (chain.length === 0 || chain[chain.length - 1].type !== 'text' || !chain.every((n) => PHRASING.has(n.type))) return [];
  // Inside, text and its emphasis and code only: a tag, a footnote call or HTML moved into a
  // definition would change what it is (a claim there is not checked against its source).
  const inside = (n: SyntaxNode) => span.start <= n.start && n.end <= span.end;
  if (nodesIn(analysis.parsed, span.start, span.end).some((n) => n.type !== 'text' && !(n.start <= span.start && span.end <= n.end) && !(inside(n) && NOTE_INLINES.has(n.type)))) return [];
  const id = freeFootnoteId(analysis, '');
  const reference: TextEdit = { span, newText: `[^${id}]` };
  const definition = appendDefinition(analysis, `[^${id}]: ${content}`);
  if (!definition || !readsBack(analysis, reference, { kind: 'after', at: reference.span.start }, id, 'footnote')) return [];
  return [{ title: `Make the inline note ${short(slice.slice(note.start, note.end))} a footnote ([^${id}])`, edits: [reference, definition], diagnostic: d }];
}

/**
 * "Make the brief's 12 note numbers footnotes (and its notes list their definitions)", on
 * a finding whose message names a note number or a numbered reference
 * (features/noteFootnotes.ts: one edit of the whole brief, where it is certain).
 */
function noteListFix(analysis: Analysis, d: Diagnostic, to = d.span.end): CodeActionResult[] {
  if (!/ is a (?:note number|numbered reference)\b/.test(d.message)) return [];
  // A call sources the text before it: not for a sentence that a note number opens ("[1] The agency said…").
  // (The sentence with its marks after the full stop, up to `to`: `… in 2024. [12]`.)
  if (d.code === 'possible-unsourced-assertion') {
    const text = analysis.model.text;
    const sentence = text.slice(d.span.start, Math.max(to, afterSuperscriptNote(text, d.span.end)));
    const m = withoutMarks(sentence);
    const first = Math.min(m.numbered[0]?.start ?? Infinity, m.superscripts[0]?.start ?? Infinity);
    if (first === Infinity || !/[\p{L}\p{N}]/u.test(sentence.slice(0, first))) return [];
  }
  const c = noteNumbersAsFootnotes(analysis);
  if (!c) return [];
  const numbers = c.calls === 1 ? 'note number a footnote' : `${c.calls} note numbers footnotes`;
  const notes = c.notes === 1 ? "note the footnote's definition" : `${c.notes} notes their definitions`;
  return [{ title: `Make the brief's ${numbers}, and its ${notes}`, edits: c.edits, diagnostic: d }];
}

/**
 * "Make the brief's 24 heading lines Markdown headings", on a finding of a brief written as
 * plain text (features/plainTextHeadings.ts: one edit of the whole brief, where it is
 * certain), after which the brief has its framework and outline.
 */
function headingsFix(analysis: Analysis, d: Diagnostic): CodeActionResult[] {
  const c = headingLinesAsHeadings(analysis);
  if (!c) return [];
  const tracks = c.tracks > 0 ? `, ${c.tracks === 1 ? 'a track' : `${c.tracks} tracks`} among them` : '';
  return [{ title: `Make the brief's ${c.headings} heading lines Markdown headings${tracks}`, edits: c.edits, diagnostic: d }];
}

const NOTE_INLINES = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode']);

/** Per model: its text lower-cased, and whether `[@key]: ` occurs in it, by key (each key looked up once per analysis, not once per finding). */
const linkDefinitions = new WeakMap<object, { lower: string; byKey: Map<string, boolean> }>();

/** Whether the brief holds `[@key]:` (any case), which a citation `[@key]` would link to. */
function linkDefinitionLike(analysis: Analysis, key: string): boolean {
  let memo = linkDefinitions.get(analysis.model);
  if (!memo) linkDefinitions.set(analysis.model, (memo = { lower: analysis.model.text.toLowerCase(), byKey: new Map() }));
  let found = memo.byKey.get(key);
  if (found === undefined) memo.byKey.set(key, (found = memo.lower.includes(`[@${key.toLowerCase()}]:`)));
  return found;
}

/**
 * A document that starts with a `---` line that opens no front matter has no GFM footnotes
 * at all: remark-frontmatter and the footnote extension together read `[^a]: …` as a link
 * definition there (docs/reliability.md). A footnote fix would not resolve.
 */
function footnotesParse(analysis: Analysis): boolean {
  return analysis.model.frontMatter !== undefined || !/^\uFEFF?---[ \t]*(?:\r\n|\r|\n|$)/.test(analysis.model.text.slice(0, 100));
}

/** Whether `[^id]` at `span` becomes a footnote reference once its definition exists (not a directive's label `:x[^id]`). */
function definitionResolves(analysis: Analysis, span: Span, id: string): boolean {
  if (!footnotesParse(analysis)) return false;
  const suffix = `\n\n[^${id}]: x\n`;
  const p = probe(analysis.parsed, analysis.model.text, [{ span: { start: span.start, end: span.start }, newText: '' }], suffix);
  if (!p || !p.typesAt(p.at(0)).some((n) => n.type === 'footnoteReference' && n.start === p.at(0))) return false;
  // The call's block reads the same links with the call resolved: an unclosed `[` before it
  // counts in micromark's bracket balance, after which a bare URL is an autolink or not.
  const tops = [span.start - 1, span.start].flatMap((o) => (o >= 0 ? nodesAt(analysis.parsed, o).slice(0, 1) : []));
  if (tops.length === 0) return true;
  const from = Math.min(...tops.map((t) => t.start));
  const to = Math.max(...tops.map((t) => t.end));
  const before = nodesIn(analysis.parsed, from, to).filter((n) => LINKS.has(n.type) && n.start >= from && n.end <= to).length;
  return linksIn(p.tree, p.text.length - suffix.length) === before;
}

const LINKS = new Set(['link', 'linkReference', 'image', 'imageReference']);

/** The links and images of a tree that end by `limit`. */
function linksIn(parent: { children: unknown[] }, limit: number): number {
  let n = 0;
  for (const child of parent.children as Array<{ type: string; position?: { end: { offset?: number } }; children?: unknown[] }>) {
    if ((child.position?.end.offset ?? Infinity) > limit) continue;
    if (LINKS.has(child.type)) n++;
    if (child.children) n += linksIn(child as { children: unknown[] }, limit);
  }
  return n;
}

/** Inline text where a citation is read: not in code, HTML, a link or a definition. */
const PHRASING = new Set(['paragraph', 'heading', 'table', 'tableRow', 'tableCell', 'emphasis', 'strong', 'delete', 'textDirective', 'blockquote', 'list', 'listItem', 'containerDirective', 'leafDirective', 'footnoteDefinition', 'text']);

/**
 * Whether the inserted source reads back as one, parsed with the blocks around it: a
 * citation as inline text, a footnote reference as a footnote reference, a `src` value as
 * that directive's attribute. (A link definition `[x]:` before it, a `:1` before `[`, an
 * unclosed construct around it: anything that would swallow it.)
 */
function readsBack(analysis: Analysis, edit: TextEdit, place: SourcePlace, key: string, kind: 'citation' | 'footnote'): boolean {
  const { parsed, model } = analysis;
  const definition = kind === 'footnote' ? `\n\n[^${key}]: x\n` : '';
  const p = probe(parsed, model.text, [edit], definition);
  if (!p) return false;
  if (place.kind === 'src') {
    const chain = p.typesAt(p.at(0));
    const dir = [...chain].reverse().find((n) => n.type.endsWith('Directive'));
    const src = dir && 'attributes' in dir.node ? dir.node.attributes?.src : undefined;
    return typeof src === 'string' && src.split(/[\s,]+/).map((k) => k.replace(/^@/, '')).includes(key);
  }
  const offset = p.at(0) + edit.newText.indexOf(kind === 'citation' ? '@' : '[');
  const chain = p.typesAt(offset);
  // The rest of the region reads as before: a reference between a word and `~` may leave that
  // tilde unable to close the strikethrough it closed (`… :claim [^1]~lDA`, found by a short fuzz run).
  const unchanged = unchangedRegion(analysis, edit.span, definition);
  if (!unchanged || unchanged.at !== p.at(0) || !sameNodesAround(unchanged.tree, p.tree, p.at(0), edit.span.end - edit.span.start, edit.newText.length)) return false;
  if (kind === 'footnote') return chain.some((n) => n.type === 'footnoteReference' && n.start === offset);
  if (chain.length === 0 || chain[chain.length - 1].type !== 'text' || !chain.every((n) => PHRASING.has(n.type))) return false;
  // Text for micromark, and a citation as Pandoc reads it there: not so inside a code span
  // that opens in a directive's label, which Pandoc reads as text (found by the long fuzz run).
  const fragment = { text: p.text, blocks: [{ start: 0, end: p.text.length, key: p.text, labels: [], tree: p.tree }], reparsed: 1 };
  const read = buildModel({ uri: model.uri, text: p.text }, fragment, analysis.conventions);
  return read.citations.some((c) => c.items.some((i) => i.key === key && i.keySpan.start === offset + 1));
}

/**
 * The region a reference put at `span` is read back in, parsed as it is (with `suffix`), and
 * where `span` starts in it; once per analysis and place: every suggestion there compares with it.
 */
function unchangedRegion(analysis: Analysis, span: Span, suffix: string): { tree: Root; at: number } | undefined {
  let regions = UNCHANGED.get(analysis);
  if (!regions) UNCHANGED.set(analysis, (regions = new Map()));
  const key = `${span.start}\u0000${span.end}\u0000${suffix}`;
  if (!regions.has(key)) {
    const empty = (at: number) => ({ span: { start: at, end: at }, newText: '' });
    const p = probe(analysis.parsed, analysis.model.text, span.end > span.start ? [empty(span.start), empty(span.end)] : [empty(span.start)], suffix);
    regions.set(key, p && { tree: p.tree, at: p.at(0) });
  }
  return regions.get(key);
}
const UNCHANGED = new WeakMap<Analysis, Map<string, { tree: Root; at: number } | undefined>>();

/**
 * Whether `after` (a region with the `removed` characters at `at` replaced by `inserted`
 * ones) holds the nodes of `before` (the region as it is) where they were, but for text,
 * what was replaced and what replaces it: no emphasis, strikethrough, link or block gained
 * or lost around it.
 */
function sameNodesAround(before: Root, after: Root, at: number, removed: number, inserted: number): boolean {
  const nodes = (tree: Root, skip: (n: Nodes) => boolean) => {
    const out: Nodes[] = [];
    const walk = (n: Nodes) => {
      if (n.type !== 'text' && n.type !== 'root' && !skip(n)) out.push(n);
      if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
    };
    walk(tree);
    return out;
  };
  const start = (n: Nodes) => n.position?.start.offset ?? -1;
  const end = (n: Nodes) => n.position?.end.offset ?? -1;
  const a = nodes(before, (n) => start(n) >= at && end(n) <= at + removed && removed > 0);
  const b = nodes(after, (n) => start(n) >= at && end(n) <= at + inserted);
  if (a.length !== b.length) return false;
  const delta = inserted - removed;
  return a.every((n, i) => {
    const m = b[i];
    const s = start(n) >= at + removed ? start(n) + delta : start(n);
    // (A node that ends where the insertion is may end before it or after it: a paragraph takes it in.)
    const e = end(n) > at + removed || (removed > 0 && end(n) === at + removed) ? end(n) + delta : end(n);
    return n.type === m.type && start(m) === s && (end(m) === e || (end(n) === at && end(m) === e + inserted));
  });
}

/**
 * Inserts a reference at `at`, after a space when `spaced` or when the reference would
 * otherwise change what comes before it: a backslash would escape its bracket, and right
 * after a directive's name (or anything that reads as one, `3:1`) it would become its label.
 */
function insertAfter(text: string, at: number, reference: string, spaced: boolean): TextEdit {
  const before = text.slice(Math.max(0, at - 200), at);
  const escaped = backslashesBefore(text, at, 0) % 2 === 1;
  // `:name[…]` is a directive whatever comes before the colon (`3:1[^a]` is the directive `:1` with the label `^a`).
  const afterName = /:[A-Za-z0-9_-]+$/.test(before);
  const space = spaced || escaped || afterName ? ' ' : '';
  return { span: { start: at, end: at }, newText: space + reference };
}

/** Adds `key` to a claim's `src` attribute: a new `{src=…}`, a new attribute in its `{…}`, or the value of an empty `src`. */
function srcEdit(text: string, d: Directive, key: string): TextEdit {
  const value = /^[^\s"'=<>`{}]+$/.test(key) ? key : key.includes('"') ? `'${key}'` : `"${key}"`;
  const src = d.attributes.find((a) => a.name === 'src');
  if (src && !src.value.trim()) {
    const quoted = text[src.valueSpan.start - 1] === '"' || text[src.valueSpan.start - 1] === "'";
    return { span: src.valueSpan, newText: quoted ? key : value };
  }
  if (d.attributesSpan) {
    const close = d.attributesSpan.end - 1;
    const inner = text.slice(d.attributesSpan.start + 1, close);
    return { span: { start: close, end: close }, newText: `${inner.trim() ? ' ' : ''}src=${value}` };
  }
  const at = d.labelSpan.end > d.nameSpan.end || text[d.nameSpan.end] === '[' ? d.labelSpan.end + 1 : d.nameSpan.end;
  return { span: { start: at, end: at }, newText: `{src=${value}}` };
}

/** Whether `at` is where a line ends (a line break follows). */
function isLineEnd(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 10 || c === 13;
}

/** Whether a `\` before `at` (not before `from`) that ends its line makes a hard line break. */
function hardBreakAt(text: string, at: number, from: number): boolean {
  return isLineEnd(text, at) && backslashesBefore(text, at, from) % 2 === 1;
}

/** How many backslashes end `text` before `at` (not before `from`). */
function backslashesBefore(text: string, at: number, from: number): number {
  let n = 0;
  while (at - n > from && text.charCodeAt(at - n - 1) === 92) n++;
  return n;
}

/** The line break a line inserted at `offset` should use: the one ending that line, else the one before, else LF. */
function eolAt(text: string, offset: number): string {
  const after = /\r\n|\r|\n/.exec(text.slice(offset, offset + 100_000));
  if (after) return after[0];
  // The last line break before it (scanning back from it: the regex `(\r\n|\r|\n)[^\r\n]*$`
  // tried every line of the 100 KB before the document's end, for every placeholder offered).
  for (let i = offset - 1; i >= Math.max(0, offset - 100_000); i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
    if (c === 13) return '\r';
  }
  return '\n';
}

/**
 * A definition at the end of the document, after a blank line, with the document's line
 * breaks. When the last block never closes (a fenced code block, a container directive, an
 * HTML comment), text appended after it would be inside it: the definition then goes
 * before that block, at the top level, where every reference sees it. Undefined when the
 * last block is too large to check (PROBE_LIMIT).
 */
function appendDefinition(analysis: Analysis, definition: string): TextEdit | undefined {
  const { model, parsed } = analysis;
  const text = model.text;
  const end = text.length;
  const eol = eolAt(text, end);
  let breaks = 0;
  for (let i = end - 1; i >= 0 && breaks < 2 && (text[i] === '\n' || text[i] === '\r'); i--) if (text[i] === '\r' || text[i - 1] !== '\r') breaks++;
  const sep = end === 0 ? '' : eol.repeat(Math.max(0, 2 - breaks));
  const appended: TextEdit = { span: { start: end, end }, newText: `${sep}${definition}${eol}` };
  const last = end > 0 ? nodesAt(parsed, end - 1)[0] : undefined;
  if (!last || last.type === 'yaml') return appended;
  // Where would the parser put it? Parse the last block with the definition after it.
  if (end - last.start > PROBE_LIMIT) return undefined;
  const tree = parseProbe(text.slice(last.start) + appended.newText, false);
  const at = end - last.start + sep.length;
  if (tree.children.some((n) => n.type === 'footnoteDefinition' && n.position?.start.offset === at)) return appended;
  let line = model.lines.positionAt(last.start).line;
  // Not between a `briefmark-disable-next-line` comment and the line it silences: before the comment.
  for (let silencer = nextLineSilencer(model, line); silencer; silencer = nextLineSilencer(model, line)) line = model.lines.positionAt(silencer.span.start).line;
  const lineStart = model.lines.lineStart(line);
  const previousLine = lineStart === 0 ? -1 : model.lines.positionAt(lineStart - 1).line;
  const previousBlank = previousLine < 0 || /^[ \t]*$/.test(text.slice(model.lines.lineStart(previousLine), model.lines.lineEnd(previousLine)));
  const before: TextEdit = { span: { start: lineStart, end: lineStart }, newText: `${previousBlank ? '' : eol}${definition}${eol}${eol}` };
  // Only before a line that starts every block holding it: a line that continues a
  // paragraph, a footnote or a quote begun above (a lazy line) would be split from it, and
  // its text read again on its own.
  let first = lineStart;
  while (first < text.length && (text[first] === ' ' || text[first] === '\t')) first++;
  if (nodesAt(parsed, first).some((n) => n.start < lineStart)) return undefined;
  return before;
}

/** The `briefmark-disable-next-line` comment that silences `line`, if any, on an earlier line. */
function nextLineSilencer(model: Analysis['model'], line: number): Analysis['model']['suppressions'][number] | undefined {
  return model.suppressions.find((s) => s.kind === 'next-line' && s.line === line && model.lines.positionAt(s.span.start).line < line);
}

/** A footnote id the brief does not use yet: `source-1`, `source-2`, … (or `1`, `2`, … with no prefix). */
function freeFootnoteId(analysis: Analysis, prefix = 'source-'): string {
  const used = new Set([...analysis.model.footnoteDefinitions.map((f) => f.id), ...analysis.model.footnoteReferences.map((f) => f.id)]);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/**
 * Wraps the sentence (without its final punctuation) in `:claim[…]`, when the result reads
 * back as exactly that claim: its brackets balance (escapes counted), it does not end in a
 * backslash that would escape the closing bracket, it stays in one paragraph (in a table,
 * in one cell: no `|` in it), it cuts through no inline construct (emphasis, a link, code,
 * a directive) that starts outside it or ends after it, and parsed again it is one claim.
 */
const CONTAINER_BLOCKS = new Set(['list', 'listItem', 'blockquote', 'footnoteDefinition']);

function tagAsClaim(analysis: Analysis, body: string, start: number): TextEdit[] | undefined {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      if (i + 1 >= body.length) return undefined;
      i++;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth < 0) return undefined;
  }
  if (depth !== 0 || /\n[ \t>]*\r?\n|\r[ \t>]*\r/.test(body) || !body.trim()) return undefined;
  // Right after `:name` (a directive without a label) or a backslash, `:claim[` would not open a claim.
  const text = analysis.model.text;
  const before = text.slice(Math.max(0, start - 100), start);
  if (/(?::[A-Za-z0-9_-]*|\\)$/.test(before)) return undefined;
  const end = start + body.length;
  const nodes = nodesIn(analysis.parsed, start, end);
  // A table splits its rows into cells at `|` before it reads brackets: a label may not hold one.
  if (nodes.some((n) => n.type === 'tableCell') && /(?:^|[^\\])\|/.test(body)) return undefined;
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell' || n.type === 'tableRow' || n.type === 'table') continue;
    // A list item or a quotation that holds the whole sentence takes the tag inside it (not emphasis or a link, whose marks the tag's ends would cut).
    if (CONTAINER_BLOCKS.has(n.type) && n.start < start && end <= n.end) continue;
    if ((n.start < start && start < n.end) || (n.start < end && end < n.end)) return undefined;
  }
  const edits: TextEdit[] = [
    { span: { start, end: start }, newText: ':claim[' },
    { span: { start: end, end }, newText: ']' },
  ];
  // Read back: one claim, from the opening to the closing bracket (not a footnote definition `[^1]:claim[…`, not a label).
  const p = probe(analysis.parsed, text, edits);
  const claim = p?.typesAt(p.at(0)).find((n) => n.type === 'textDirective' && n.start === p.at(0));
  return p && claim && 'name' in claim.node && claim.node.name === 'claim' && claim.end === p.at(1) + 1 ? edits : undefined;
}

/**
 * Whether a line inserted before `line` could make the lines from it a YAML metadata block
 * for Pandoc (model/buildModel.ts `metadataBlockEnd`), in which no finding is read — and the
 * comment would then suppress nothing: the line before is `---`, and a `---` or `...` line
 * follows before any blank line.
 */
function opensMetadataBlock(lines: Analysis['model']['lines'], text: string, line: number): boolean {
  const lineText = (n: number) => text.slice(lines.lineStart(n), lines.lineEnd(n));
  if (line === 0 || !/^---[ \t]*$/.test(lineText(line - 1))) return false;
  for (let n = line; n < lines.lineCount && n - line < 2_000; n++) {
    const t = lineText(n);
    if (/^[ \t]*$/.test(t)) return false;
    if (/^(?:---|\.\.\.)[ \t]*$/.test(t)) return true;
  }
  return false;
}

/** Blocks before which a whole line can be inserted without changing the structure around them. */
const LINE_BLOCKS = new Set(['paragraph', 'heading', 'table', 'list', 'blockquote', 'containerDirective', 'leafDirective', 'footnoteDefinition', 'code', 'html', 'thematicBreak', 'definition']);
/** Where inline HTML appended to a line is read as HTML (not code, a link destination, a label, a table cell). */
const INLINE_PARENTS = new Set(['paragraph', 'emphasis', 'strong', 'delete', 'blockquote', 'list', 'listItem', 'containerDirective', 'footnoteDefinition']);

/**
 * `<!-- briefmark-disable-next-line CODE -->` for the diagnostic's line, written where it
 * changes nothing else:
 * - into the comment the line has already, when it has one (`… unknown-source CODE -->`);
 * - on a line of its own before that line, with its indentation and `>` markers, when the
 *   line starts a block (a paragraph, a heading, a list, a first list item…);
 * - for a wrapped line of a paragraph at the top level: for the paragraph, with a disable
 *   and an enable comment on lines of their own around it (`suppressInParagraph`);
 * - else (a wrapped line of a paragraph in a list or a quote, a later list item) at the end
 *   of the line before, as inline HTML, when that line ends in plain paragraph text — a
 *   line of its own would split the paragraph or the list;
 * - not at all in the front matter (YAML has no comment Briefmark reads) or where neither
 *   is safe (inside a multi-line directive label, a table, after a blank line in a list).
 */
function suppressLine(analysis: Analysis, d: Diagnostic): CodeActionResult | undefined {
  if (d.code === 'invalid-conventions') return undefined; // never suppressible
  const { model, parsed } = analysis;
  const text = model.text;
  if (model.frontMatter && d.span.start < model.frontMatter.span.end) return undefined;
  const comment = `<!-- briefmark-disable-next-line ${d.code} -->`;
  const line = model.lines.positionAt(d.span.start).line;
  const result = (edit: TextEdit): CodeActionResult => ({ title: `Suppress ${d.code} for this line`, edits: [edit], diagnostic: d });
  // The line has its comment already: add the code to it. (A new line before it would take that comment's place.)
  const existing = model.suppressions.filter((x) => x.kind === 'next-line' && x.line === line && x.codes.length > 0).pop();
  if (existing) return result({ span: { start: existing.codeSpans[existing.codeSpans.length - 1].end, end: existing.codeSpans[existing.codeSpans.length - 1].end }, newText: ` ${d.code}` });
  const lineStart = model.lines.lineStart(line);
  const nextLine = line + 1 < model.lines.lineCount ? model.lines.lineStart(line + 1) : text.length + 1;
  const chain = nodesAt(parsed, d.span.start);
  const first = chain.find((n) => n.start >= lineStart && n.start < nextLine);
  const prefix = first ? text.slice(lineStart, first.start) : '';
  // Read back: the comment is an HTML comment of its own (not a link destination after `[x]:`,
  // not code), and a line inserted before the diagnostic's line leaves that line's structure
  // as it was (after a paragraph, `> * ` holds no empty list item, which may not interrupt
  // it; after the comment's line it does).
  // The line's structure is compared where the finding is and at the line's first and last
  // characters (`[^1]: -` after a paragraph holds no list; after the comment, its `-` is one).
  const lineEnd = model.lines.lineEnd(line);
  let last = lineEnd;
  while (last > lineStart && /\s/.test(text[last - 1])) last--;
  const checked = [...new Set([d.span.start, lineStart + prefix.length, Math.max(lineStart, last - 1)])].filter((o) => o < lineEnd);
  const isComment = (edit: TextEdit, lead: number, before = false) => {
    const p = probe(parsed, text, [edit]);
    if (!p) return false;
    const at = p.at(0) + lead;
    const chainAt = p.typesAt(at);
    if (!chainAt.some((n) => n.type === 'html' && n.start === at && 'value' in n.node && n.node.value.trim() === comment)) return false;
    // A line of its own must be an HTML block, not inline HTML continuing a paragraph (an
    // indented line after `[x]:dest` is the paragraph's text, and so would the comment be).
    if (before && chainAt.some((n) => n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell')) return false;
    const moved = (o: number) => p.at(0) + edit.newText.length + (o - edit.span.start);
    const types = (chainAt: Array<{ type: string }>) => chainAt.map((n) => n.type).join();
    // (An inline comment at the previous line's end too: it may end that line's construct, and the next line then opens another, "- -" then "¹ …".)
    return checked.every((o) => types(p.typesAt(moved(o))) === types(o === d.span.start ? chain : nodesAt(parsed, o)));
  };
  if (first && LINE_BLOCKS.has(first.type) && /^[ \t>]*$/.test(prefix) && !opensMetadataBlock(model.lines, text, line)) {
    const edit = { span: { start: lineStart, end: lineStart }, newText: `${prefix}${comment}${eolAt(text, lineStart)}` };
    if (isComment(edit, prefix.length, true)) return result(edit);
  }
  const paragraph = suppressInParagraph(analysis, d, chain[0], lineStart);
  if (paragraph) return paragraph;
  if (line === 0) return undefined;
  const prevStart = model.lines.lineStart(line - 1);
  let at = model.lines.lineEnd(line - 1);
  while (at > prevStart && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  // A hard line break (`\` at the end) stays at the end.
  if (backslashesBefore(text, at, prevStart) % 2 === 1) at--;
  if (at <= prevStart) return undefined;
  // A line of colons is a fence (a container directive's, or a Pandoc fenced div's, masked as no prose): with a comment after it, it is neither.
  if (/^[ \t>]*:{3}/.test(text.slice(prevStart, at))) return undefined;
  const around = nodesAt(parsed, at - 1);
  const innermost = around[around.length - 1];
  if (!innermost || innermost.type !== 'text' || !around.slice(0, -1).every((n) => INLINE_PARENTS.has(n.type))) return undefined;
  if (model.directives.some((x) => x.span.start < at && at < x.span.end)) return undefined;
  // The comment's `-->` would close an HTML comment or tag left open before it (`<!--`, `<a `), turning text into HTML.
  const host = around.find((n) => n.type === 'paragraph');
  const before = text.slice(host?.start ?? prevStart, at);
  if (before.lastIndexOf('<') > before.lastIndexOf('>') || before.lastIndexOf('<!--') > before.lastIndexOf('-->')) return undefined;
  const edit = { span: { start: at, end: at }, newText: ` ${comment}` };
  return isComment(edit, 1) ? result(edit) : undefined;
}

/**
 * A finding on a wrapped line of a paragraph at the top level: its code silenced for the
 * paragraph, with `<!-- briefmark-disable CODE -->` on a line of its own before the
 * paragraph and `<!-- briefmark-enable CODE -->` after it. A comment line inside the
 * paragraph would split it (CommonMark lets an HTML comment interrupt a paragraph), and one
 * at the end of the line before reads as the previous sentence's. Read back: two comments
 * of their own, and the paragraph whole between them.
 */
function suppressInParagraph(analysis: Analysis, d: Diagnostic, top: SyntaxNode | undefined, lineStart: number): CodeActionResult | undefined {
  const { model, parsed } = analysis;
  const text = model.text;
  if (!top || top.type !== 'paragraph' || top.start >= lineStart) return undefined;
  // A disable or enable comment inside the paragraph: the enable after it would undo that
  // one for the rest of the brief (a `briefmark-disable` of every code, re-enabled for this one).
  if (model.suppressions.some((x) => (x.kind === 'disable' || x.kind === 'enable') && x.span.start >= top.start && x.span.start < top.end)) return undefined;
  const firstLine = model.lines.positionAt(top.start).line;
  const paragraphLineStart = model.lines.lineStart(firstLine);
  if (!/^[ \t]*$/.test(text.slice(paragraphLineStart, top.start))) return undefined;
  // A next-line comment just above the paragraph keeps its line: the disable comment goes above it.
  const above = model.suppressions.find((x) => x.kind === 'next-line' && x.line === firstLine);
  const firstStart = above ? model.lines.lineStart(model.lines.positionAt(above.span.start).line) : paragraphLineStart;
  if (above && !/^[ \t]*$/.test(text.slice(firstStart, above.span.start))) return undefined;
  const lastLine = model.lines.positionAt(Math.max(top.start, top.end - 1)).line;
  const lastEnd = model.lines.lineEnd(lastLine);
  // A next-line comment on the paragraph's last line: the enable comment's line after it
  // would take the place of the line it silences.
  const lastStart = model.lines.lineStart(lastLine);
  if (model.suppressions.some((x) => x.kind === 'next-line' && x.span.start >= lastStart && x.span.start < lastEnd)) return undefined;
  // A block right after the paragraph, with no blank line between, interrupted it (a list
  // item, "- -"): after the enable comment's line it would start otherwise, and what it
  // holds would be read otherwise.
  if (lastLine + 1 < model.lines.lineCount && text.slice(model.lines.lineStart(lastLine + 1), model.lines.lineEnd(lastLine + 1)).trim() !== '') return undefined;
  const eol = eolAt(text, firstStart);
  const open = `<!-- briefmark-disable ${d.code} -->`;
  const close = `<!-- briefmark-enable ${d.code} -->`;
  const edits: TextEdit[] = [
    { span: { start: firstStart, end: firstStart }, newText: `${open}${eol}` },
    { span: { start: lastEnd, end: lastEnd }, newText: `${eol}${close}` },
  ];
  const p = probe(parsed, text, edits);
  if (!p) return undefined;
  const html = (at: number, value: string) => p.typesAt(at).some((n) => n.type === 'html' && n.start === at && 'value' in n.node && n.node.value.trim() === value);
  const paragraphStart = p.at(0) + open.length + eol.length + (top.start - firstStart);
  const whole = p.typesAt(paragraphStart).some((n) => n.type === 'paragraph' && n.start === paragraphStart && n.end - n.start === top.end - top.start);
  if (!html(p.at(0), open) || !html(p.at(1) + eol.length, close) || !whole) return undefined;
  return { title: `Suppress ${d.code} in this paragraph`, edits, diagnostic: d };
}

function short(s: string, max = 50): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}


/** The known key closest to `key`, within 2 edits (1 for short keys), case-insensitively. */
function nearMiss(key: string, known: string[]): string | undefined {
  if (key.length > 80) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (Math.abs(k.length - key.length) > 2) continue;
    const dist = editDistance(key.toLowerCase(), k.toLowerCase());
    if (dist <= (key.length <= 5 ? 1 : 2) && dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}
