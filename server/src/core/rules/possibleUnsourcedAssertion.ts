import { exemptHeading } from '../model/sectionNames';
import { bulletAt, bulletCandidates, cutAtBreaks, isHeadingLine, joinGlued, lazyLineBreaks, OPENING_BULLET, sentencesWithoutHeadingLines, withTrailingSources, type Sentence } from '../model/sentences';
import { afterSuperscriptNote, marksAdvice, withoutMarks } from '../model/referenceMarks';
import type { ModelPart } from '../model/buildModel';
import { rowsOfOneTable, tableRows, tableSpans, type TableRow } from '../model/tables';
import type { ScopeModel, Section, TextBlock } from '../model/types';
import type { Span } from '../text/span';
import { RecentCache } from '../text/recentCache';
import { SpanIndex } from '../text/spanIndex';
import { lastAtMost } from '../text/textEdit';
import { trailingRunStart, trimEndMatching } from '../text/trailing';
import MODEL_FILE from '../assertions/assertionModel.json';
import { AssertionModel, type AssertionModelFile, type Verdict } from '../assertions/model';
import { attributedStatement } from '../assertions/attribution';
import { dutyOf, legalProvision, namesInstrument, pronounProvision } from '../assertions/legal';
import { CONTEXT, contextShifts, decidedByContext, movedBy, type InContext } from '../assertions/context';
import { CAPTION, exemptButForObligation, exemptSentence, factBeforeObligation, imperativeAfterLabel, OPTION } from '../assertions/exemptions';
import { isDateWord, isQuantityWord, PARAGRAPH_NUMBER, stateIsNoun } from '../assertions/features';
import { wordAfter, wordBefore } from '../assertions/neighbours';
import { defineBlockRule, type Finding, type ScopeContext, type ScopeFacts } from './types';
import { isYear } from '../text/year';
import { isPlaceholderUrl } from '../semantics/sourcing';
import { QUOTATION, quotedText } from '../sources/sourceText';
import { blankGap } from './sourcedLists';
import { isKnownSource } from './sourceKeys';
import { escapedOffset, unescapeMarkdown } from '../text/escapes';

/** A reason why a sentence reads as an assertion of fact. */
export interface AssertionCue {
  kind: 'money' | 'percentage' | 'date' | 'year' | 'figure' | 'quotation' | 'reporting';
  text: string;
  span: Span;
}

const CUE_NAMES: Record<AssertionCue['kind'], string> = {
  money: 'an amount of money',
  percentage: 'a percentage',
  date: 'a date',
  year: 'a year',
  figure: 'a figure',
  quotation: 'a quotation',
  reporting: 'a reporting verb',
};

const SCALE = String.raw`(?:\s?(?:trillion|billion|million|thousand|bn|tn|mn|m|k)\b)?`;
const NUMBER = String.raw`\d(?:[\d,.]*\d)?\+?`;
/**
 * Where a number that a unit word or `%` must follow starts. It was `\b`: then a run like
 * `0,0,0,…` with no unit after it was read to its end again from every digit after a comma
 * (quadratic). A unit comes right after the number's last digit, never before a digit,
 * comma or point, so every start inside one run of digits, commas and points reads to the
 * same end, and all of them succeed or fail together: only the first needs trying. That is
 * the run's first digit when a word boundary precedes it (no word character, comma or
 * point before it); else the first digit after the commas and points that start the run,
 * or that follow its first digits when those are glued to a word (`a1,5 dollars`). The
 * lookbehinds read back more than one character only at a digit after a comma or point,
 * and then over those commas and points and the digits before them: no character is read
 * back more than a few times.
 */
const NUMBER_START = String.raw`(?=\d)(?:(?<![\w,.])|(?<=(?<![\d,.])[,.]+)|(?<=[^\W\d]\d+[,.]+))`;
export const MONEY = new RegExp(
  String.raw`(?:(?:US|USD|EUR|GBP|CHF)\s?)?[$€£¥₴₽]\s?${NUMBER}${SCALE}|${NUMBER_START}${NUMBER}${SCALE}\s?(?:dollars|euros|pounds|roubles|rubles|hryvnias?|USD|EUR|GBP|UAH|RUB)\b`,
  'giu',
);
export const PERCENT = new RegExp(String.raw`${NUMBER_START}${NUMBER}\s?(?:%|percent\b|per cent\b|percentage points?\b)`, 'giu');
/** A figure; not the number of a name written with a hyphen after capitals ("COVID-19", "F-35", "SARS-CoV-2"). */
const FIGURE = /(?<![\p{L}\d]|\p{Lu}-)\d(?:[\d,.]*\d)?(?::\d+)*\+?/gu;
const MONTH = String.raw`(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?!\p{L})`;
/** A day and a month, with or without the year ("1 November 2024", "November 24, 2025", "24th of May"), or a month and a year ("March 2024"). */
const DATE = new RegExp(
  String.raw`(?<![\p{L}\d,.])\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?${MONTH}(?:,?\s\d{4}(?!\d))?|(?<!\p{L})${MONTH}\s\d{1,2}(?:st|nd|rd|th)?(?![\p{L}\d])(?:,?\s\d{4}(?!\d))?|(?<!\p{L})${MONTH}\s\d{4}(?!\d)` +
    // Numeric dates: 18.12.2023, 24/4/2024, 2024-04-24 (a day, a month and a year in range).
    String.raw`|(?<![\d.,/])(?:0?[1-9]|[12]\d|3[01])([./])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}(?![\d]|[.,]\d)|(?<![\d-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)`,
  'gu',
);
/** A paragraph's or section's number that opens `text`: "2.1 " (`PARAGRAPH_NUMBER`), or one number with a full stop, "**3. ", before a capital or a quote. */
const numberOf = (text: string): RegExpExecArray | null => PARAGRAPH_NUMBER.exec(text) ?? ENUMERATOR.exec(text);
const ENUMERATOR = /^[\s*_>]*\d{1,2}\\?\.[ \t]+(?=[\p{Lu}"“‘'(])/u;
/** A section's number opening a line, after any emphasis marks: "1. ", "**2.1 ", "3.2.1. ", and "1\. " as converters escape it. */
const SECTION_NUMBER = /^([\s*_>]*)\d{1,2}(?:(?:\.\d{1,3})+\.?|\\?\.)[ \t]+(?=\S)/u;
/** A financial or academic year, or a span of years: "2023/24", "2021–22", "2019-2023" (one year cue, not a year and a figure). */
const YEAR_SPAN = /(?<![\d.,/-])(?:19|20)\d{2}(?:[/–-]|--)(?:\d{2}|(?:19|20)\d{2})(?![\d/.,-]\d|\d)/gu;
const REPORTING =
  /\b(?:according to|said|says|say|stated|states|told|tells|announced|announces|reported|reports|claimed|claims|declared|declares|warned|warns|wrote|writes|confirmed|confirms|emphasi[sz]ed|pointed out|described|indicated|insisted|noted|estimated?|estimates|projects|projected|revealed|acknowledged|admitted|called for|calls for|pledged|vowed|denied|accused|testified)\b/giu;

/** For a row whose line goes on past the table's columns: a note that the rest is dropped (it may be the source the author meant). */
function droppedNote(text: string, row: TableRow): string {
  if (!row.dropped) return '';
  const past = text.slice(row.dropped.start, row.dropped.end);
  const shown = past.length > 40 ? `${past.slice(0, 39)}…` : past;
  return ` "${shown}" is past the table's ${row.cells.length} column${row.cells.length === 1 ? '' : 's'}: Pandoc and GFM drop it (add a column to the head row, or move it into a cell).`;
}

/**
 * `possible-unsourced-assertion` (spec §8): an untagged sentence outside the exempt
 * sections that reads as an assertion of fact and has no source reference. Whether it
 * reads so is the classifier's verdict (core/assertions/: a logistic regression over word
 * n-grams and designed features, trained offline), at the team's sensitivity
 * (`assertions.sensitivity`: low, balanced, high). Headings, questions, sentences with a
 * claim tag or a source reference, the sentence a `rec` tag marks as its recommendation,
 * footnote definitions and the exempt sections are not checked. The message names what makes the sentence read as a fact; `data.score` is the
 * classifier's probability. Method and figures: docs/assertions.md.
 */
/** A sentence's reference marks that are text; note numbers in superscript read unmasked, to one right after its full stop (`….³`). */
const marksOf = (doc: string, text: string, at: number) => {
  const raw = doc.slice(at, afterSuperscriptNote(doc, at + text.length));
  // (Most sentences hold no character a mark opens with: no marks to read.)
  return MARK_OPENERS.test(raw) || MARK_OPENERS.test(text) ? withoutMarks(text, raw) : undefined;
};
/** The characters a reference mark holds one of: a note `^[…]`, a number `[1]`, a citation by hand `(…)`, a superscript (`<sup>`, `¹`, `^2^`). */
const MARK_OPENERS = /[\^[(<¹²³\u2070\u2074-\u2079]/;

export const possibleUnsourcedAssertion = defineBlockRule('possible-unsourced-assertion', (ctx) => {
  const { model } = ctx;
  const out: Finding[] = [];
  const classifier = assertionModel();
  const sensitivity = ctx.conventions.assertions.sensitivity ?? 'balanced';
  const threshold = classifier.thresholds[sensitivity];
  const indexes = spanIndexes(ctx);
  const { exempt, footnotes, refs, pending, pendingLinks, claims, syntax, sourcedBlocks } = indexes;
  const factual = ctx.document.factual.length > 0 ? new SpanIndex(ctx.document.factual) : undefined;
  // Questions, normative sentences and sentences without a letter or digit are never judged.
  const report = (start: number, end: number, labelStart: number, withTrailing: number, reading: Reading, neighbours: number, inSection: number, row?: TableRow, duty?: string) => {
    const verdict = verdictOf(reading, labelStart, threshold, neighbours, inSection, sensitivity !== 'low', syntax, duty);
    if (!verdict) return;
    const { judged, cues, why, attribution, provision, context, section } = verdict;
    const { marks } = reading;
    const placeholder = pending.overlaps(start, withTrailing) ? 'footnote' : pendingLinks.overlaps(start, withTrailing) ? 'link' : undefined;
    const advice = marks && marksAdvice(marks, model.text, labelStart);
    out.push({
      code: 'possible-unsourced-assertion',
      message: assertionMessage(why, placeholder, advice, row && droppedNote(model.text, row), row?.pandoc),
      span: { start, end },
      // (A duty, exempt until the sentence before it made it a rule's, has its model's score here: `judged.score` is 0.)
      data: { score: round(judged.exempt ? (judged.explained?.verdict.score ?? 0) : judged.score), ...(context !== undefined && { context: round(context) }), ...(section !== undefined && { section: round(section) }), threshold, sensitivity, why, cues: cues.map((c) => ({ kind: c.kind, text: c.text })), ...(attribution && { attribution }), ...(provision && { provision }), ...(row && { tableRow: true }), ...(row?.pandoc && { pandocTable: true }), ...(placeholder && { placeholder: true }), ...(advice && { advice }) },
    });
  };
  // A table is read by rows (model/tables.ts; Pandoc's simple, multiline and grid tables, model/pandocTables.ts): the header names columns, a body row is one statement.
  for (const { row, text } of statementRows(model.text, model.textBlocks, ctx.document.pandocRows)) {
    const { start, end } = row.span;
    if (row.header || exempt.holds(start) || footnotes.holds(start) || sourcedBlocks.holds(start)) continue;
    if (refs.overlaps(start, end) || claims.overlaps(start, end)) continue;
    report(start, end, start, end, read(model.text, text, start, row), 0, 0, row);
  }
  for (const block of model.textBlocks) {
    if (block.kind !== 'paragraph') continue;
    // Exempt sections, footnote definitions, list items sourced by their lead-in, a note's text ("¹ Eurostat (2024), …", or "1 Eurostat…" and "2 …" one per line).
    // (In a brief written as plain text, an exempt section or a heading line may start or end inside the block: then its sentences are looked at one by one.)
    if ((exempt.reach(block.span.start) ?? -1) >= block.span.end || footnotes.holds(block.span.start) || (block.inListItem && sourcedBlocks.holds(block.span.start)) || NOTE_TEXT.test(block.masked) || plainNotes(block.masked)) continue;
    // Each sentence is judged first, then reported with what its neighbours' scores say (assertions/context.ts).
    const sentences: InBlock[] = [];
    for (const { sentence, withTrailing } of sentencesWithSources(model.text, block, exempt)) {
      const s = judgedSentence(model.text, indexes, block, sentence, withTrailing, sentences.length > 0 ? sentences[sentences.length - 1].runIn : undefined);
      s.opensLine = sentences.length > 0 && opensLine(block.masked, sentence.start);
      sentences.push(s);
    }
    const shifts = sentences.length > 1 ? contextShifts(sentences) : undefined;
    // A sentence that states a rule as a fact: a duty right after it goes on stating that rule (assertions/legal.ts, `dutyOf`).
    const duties = sentences.length > 1 && sentences.some((s, i) => i > 0 && s.judged?.duty !== undefined);
    const statesRule: boolean[] = [];
    const section = factual?.holds(block.span.start) ? CONTEXT.sectionPrior : 0;
    for (let i = 0; i < sentences.length; i++) {
      const { candidate: c, judged } = sentences[i];
      const duty = duties && judged?.duty && (statesRule[i - 1] || statesRule[i - 2]) ? judged.duty : undefined;
      if (c) report(c.start, c.end, c.labelStart, c.withTrailing, c.reading, shifts?.[i] ?? 0, section, undefined, duty);
      // (Read from its words and score alone, not from whether it was reported: sourcing it must leave the duty's verdict alone.)
      if (duties) statesRule.push(judged !== undefined && (duty !== undefined || (judged.instrument === true && (judged.provision !== undefined || judged.attribution !== undefined || judged.score + (shifts?.[i] ?? 0) + section >= threshold))));
    }
  }
  return out;
});

/**
 * The longest text of a sentence the rule reads (UTF-16 code units): a longer one — a
 * megabyte of unclosed tags, a list run together with no full stop — is judged by its
 * first `JUDGED_MAX` characters, and its marks read on for `TRAILING_MAX` more, so that one
 * sentence's judgement stays a few milliseconds (it took 40–80 ms for a 1 MB one, while a
 * hover on another brief waited).
 */
export const JUDGED_MAX = 8192;
const TRAILING_MAX = 1024;

/**
 * A paragraph's sentence as the rule reads it: the candidate to report, unless it is sourced,
 * exempt, a claim or a heading line; and its score as a neighbour of the sentences around it
 * (assertions/context.ts), unless it is no prose (a heading line, an exempt section) or
 * never judged (a question, a normative sentence). A sourced sentence, a claim or a
 * recommendation is a neighbour with its sources left out, so that tagging or sourcing one
 * sentence leaves its neighbours' verdicts alone.
 */
function judgedSentence(doc: string, ix: SpanIndexes, block: TextBlock, sentence: Sentence, withTrailing: number, afterRunIn: RunIn | undefined): InBlock {
  const { exempt, pandocTables, refs, claims, recommendations, opener, attributeLists } = ix;
  const labelStart = block.span.start + sentence.start;
  const start = opener.get(labelStart) ?? labelStart;
  let end = block.span.start + sentence.end;
  // (A "sentence" past `JUDGED_MAX` is judged by its opening: no prose sentence is that long.)
  const text = block.masked.slice(sentence.start, Math.min(sentence.end, sentence.start + JUDGED_MAX));
  while (end > start && /\s/.test(doc[end - 1])) end--;
  end = attributeLists.reach(end - 1) ?? end;
  // (A brief written as plain text has its exempt sections start and end inside paragraphs.)
  if (exempt.holds(start) || pandocTables.holds(start)) return { opensLine: false };
  // A heading written as a line of its own ("**Key Events**", a list item "Germany, France
  // and Italy"); with no figure, which would make it a statistic's fragment ("Latvia 61%").
  // (Its section number aside: "**1. Introduction**", "2.1 Background".)
  const unnumbered = text.replace(SECTION_NUMBER, '$1');
  if (!/\d/.test(unnumbered) && isHeadingLine(unnumbered, undefined)) return { opensLine: false };
  // A run-in heading, or one emphasised on a line of its own: "**Prescription only.** End over-the-counter sales…".
  if (runInHeading(text) && opensBlock(block.masked, sentence.start)) return { opensLine: false, runIn: OPTION.test(text) ? 'option' : 'label' };
  // The recommendation after it: "End" and "Fund" are verbs there, as they are after a label in the same sentence;
  // an option's description after its label ("**Option B: extend the red list.** Recruitment would stop…"), as in the same sentence (`OPTION`).
  if (afterRunIn === 'option' || (afterRunIn && imperativeAfterLabel(text))) return { opensLine: false };
  // Its marks are read on to its sources' end: a citation by hand after its full stop is its own (`… 2024. (ONS, 2025)`).
  const marksText = block.masked.slice(sentence.start, Math.min(withTrailing - block.span.start, sentence.start + JUDGED_MAX + TRAILING_MAX));
  if (refs.overlaps(start, withTrailing) || claims.overlaps(start, end) || recommendations.overlaps(start, end)) {
    // (The sentence's text is the start of its marks' text: one blanking serves both.)
    const words = blanked(marksText, labelStart, refs);
    const judged = read(doc, words.slice(0, text.length), labelStart, undefined, words).judged;
    return { opensLine: false, score: scoreOf(judged), judged };
  }
  const reading = read(doc, text, labelStart, undefined, marksText);
  return { opensLine: false, score: scoreOf(reading.judged), words: (reading.judged.words ??= wordCount(reading.plain.text)), candidate: { start, end, labelStart, withTrailing, reading }, judged: reading.judged };
}

/**
 * A sentence's words as the classifier reads them. Inline notes, numbered references and
 * citations by hand (`^[…]`, `[1]`, `(ONS, 2024)`) are no sources: the sentence is judged on
 * its own words; the message says what to write.
 */
function read(doc: string, text: string, labelStart: number, row?: TableRow, marksText = text): Reading {
  const marks = row ? undefined : marksOf(doc, marksText, labelStart);
  const plain = unescapeMarkdown(marks ? marks.words.slice(0, text.length) : text);
  return { marks, plain, judged: judgedSentences.get(plain.text, judgeSentence) };
}

/** What the rule tests each sentence against, each a span index: a long brief has thousands of sentences and sources. */
function spanIndexes(ctx: ScopeContext) {
  const { model } = ctx;
  const exempt = new SpanIndex(ctx.document.exempt);
  const footnotes = new SpanIndex(model.footnoteDefinitions.map((d) => d.span));
  // A placeholder footnote or link (semantics/sourcing.ts) is no source: the sentence is still reported, and told so.
  const linkSpans: Span[] = [];
  const placeholderLinks: Span[] = [];
  for (const l of model.links) (isPlaceholderUrl(l.url) ? placeholderLinks : linkSpans).push(l.span);
  const refs = new SpanIndex(sourceReferenceSpans(ctx, linkSpans));
  const pending = new SpanIndex(pendingFootnoteSpans(model, ctx.document.pendingFootnotes));
  const pendingLinks = new SpanIndex(placeholderLinks);
  const claims = new SpanIndex(model.claims.map((c) => c.directive.span));
  // Directive syntax that is not a tag (`:recs[…]{track=1}`) is not prose.
  const syntax = new SpanIndex(model.directives.flatMap((d) => [d.nameSpan, ...(d.attributesSpan ? [d.attributesSpan] : [])]));
  // A sentence cut at a line end inside a tag's attribute list (`:risk[…]{src=a⏎ b}`) ends after the list.
  const attributeLists = new SpanIndex(model.directives.flatMap((d) => (d.attributesSpan ? [d.attributesSpan] : [])));
  // A sentence that opens with a text directive (`:actor[Macron] met …`) starts at its colon, not inside its label.
  const opener = new Map(model.directives.filter((d) => d.kind === 'text' && model.text.charCodeAt(d.labelSpan.start - 1) === 91 /* [ */).map((d) => [d.labelSpan.start, d.span.start]));
  // Tables sourced by a caption or source line, list items by their lead-in.
  const sourcedBlocks = new SpanIndex(ctx.document.sourcedBlocks);
  // The sentence a `rec` tag marks as the recommendation (its label, or the first of its body) states no fact.
  const recommendations = new SpanIndex(ctx.document.recommendations);
  const pandocTables = new SpanIndex(ctx.document.pandocTables);
  return { exempt, footnotes, refs, pending, pendingLinks, claims, syntax, attributeLists, opener, sourcedBlocks, recommendations, pandocTables };
}
type SpanIndexes = ReturnType<typeof spanIndexes>;

/**
 * A sentence that starts in an exempt span and goes on past its end starts after it: a
 * heading line of a brief written as plain text is exempt, as a heading is, and one in
 * sentence case ("Evidence cited", then "Macron pointed out…" on the next line) does not
 * end a sentence for the splitter, which reads capitalised heading lines only.
 */
function pastExemptStart(s: Sentence, at: number, masked: string, exempt: SpanIndex): Sentence {
  const reach = exempt.reach(at + s.start);
  return reach === undefined || reach >= at + s.end ? s : (startingAt(s, reach - at, masked) ?? s);
}

/**
 * A paragraph's sentences, each with where its sources end (a document offset): a
 * footnote, citation or link right after the full stop, or after it and white space,
 * still belongs to the sentence (model/sentences.ts `withTrailingSources`); so does one
 * after the last sentence of its block, on the next line ("… it failed\n[^1]"), as it does
 * to a claim tag there (model/blockItems.ts `nearbySources`).
 */
function* sentencesWithSources(doc: string, block: TextBlock, exempt: SpanIndex): Generator<{ sentence: Sentence; withTrailing: number }> {
  const at = block.span.start;
  // Where the block's text ends but for blanks (the masked references) and a hard break's backslash.
  const blankTail = trailingRunStart(block.masked, /[\s\\]/);
  // Where the sources that follow the previous sentence end: a sentence that starts among them starts after them.
  let taken = at;
  for (const next of joinGlued(blockSentences(doc, block), doc, block.masked, at)) {
    const sentence = pastOpeningMark(pastSources(pastExemptStart(next, at, block.masked, exempt), at, block.masked, taken), block.masked);
    if (!sentence) continue;
    taken = sentence.end >= blankTail ? block.span.end : withTrailingSources(doc, block.masked, at, at + sentence.end, block.span.end);
    yield { sentence, withTrailing: taken };
  }
}

/**
 * A sentence that starts among the sources ending the sentence before it (before `taken`,
 * a document offset: "… fell 30%. [@ons] Imports rose …") starts after them, as they
 * source the sentence they follow; none is left when they were all it held.
 */
function pastSources(s: Sentence, at: number, masked: string, taken: number): Sentence | undefined {
  return at + s.start >= taken ? s : startingAt(s, taken - at, masked);
}

/**
 * A sentence starts after the bullet symbol or emoji that opens it ("📊 4.5 million
 * children…"), and a paragraph's first sentence after the paragraph's number ("2.1 Vacancy
 * rates…"): a tag or a source goes around the statement, not its mark.
 */
function pastOpeningMark(s: Sentence | undefined, masked: string): Sentence | undefined {
  if (!s) return s;
  const head = masked.slice(s.start, s.start + 40);
  const mark = OPENING_BULLET.exec(head) ?? (opensBlock(masked, s.start) ? numberOf(head) : null);
  return mark ? (startingAt(s, s.start + mark[0].length, masked) ?? s) : s;
}

/** Whether only white space (or masked syntax) comes before `at` in the block's masked text: the sentence there opens the paragraph or item. */
function opensBlock(masked: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) if (!/\s/.test(masked[i])) return false;
  return true;
}

/** The sentence `s` from `from` on (offsets in `masked`), past white space; undefined when nothing is left of it. */
function startingAt(s: Sentence, from: number, masked: string): Sentence | undefined {
  let start = from;
  while (start < s.end && /\s/.test(masked[start])) start++;
  return start < s.end ? { start, end: s.end } : undefined;
}

/**
 * A sentence's verdict when it reads as a fact (undefined otherwise), with the cues that are
 * not directive syntax, at document offsets. Read as a reader sees it: `\.` is a full stop
 * ("2\.1 million", as word processors export Markdown).
 */
function verdictOf(reading: Reading, labelStart: number, threshold: number, neighbours: number, inSection: number, attributions: boolean, syntax: SpanIndex, duty?: string): Verdicted | undefined {
  const { plain, judged } = reading;
  const words = plain.text;
  if (judged.exempt && !(duty && attributions)) return undefined;
  const shift = neighbours + inSection;
  const score = judged.score + shift;
  // An attributed statement, or a law's provision, is a fact by the labelling guide, whatever the model scores it (not at `low`: the model alone).
  const attributed = score < threshold && attributions ? judged.attribution : undefined;
  const provision = score < threshold && attributions ? (judged.provision ?? duty) : undefined;
  if (score < threshold && !attributed && !provision) return undefined;
  judged.explained ??= explain(judged.clause ?? words);
  // The sentences around it, and its section, are named only where they decided (assertions/context.ts).
  const decided = decidedByContext(judged.score, shift, threshold);
  const context = decided && neighbours !== 0 ? neighbours : undefined;
  const section = decided && inSection !== 0 ? inSection : undefined;
  const scored = decided ? ` alone, ${score.toFixed(2)} ${movedBy(context, section)}` : '';
  if (attributed) return { judged, cues: [], why: `an attributed statement: "${attributed}"; score ${judged.explained.verdict.score.toFixed(2)}${scored}`, attribution: attributed, context, section };
  if (provision) return { judged, cues: [], why: `what a law or an agreement provides: "${provision}"; score ${judged.explained.verdict.score.toFixed(2)}${scored}`, provision, context, section };
  const cues = judged.explained.cues
    .map((c) => ({ ...c, span: { start: labelStart + escapedOffset(plain, c.span.start), end: labelStart + escapedOffset(plain, c.span.end, true) } }))
    .filter((c) => !syntax.overlaps(c.span.start, c.span.end));
  const why = cues.length === judged.explained.cues.length ? judged.explained.why : explainVerdict(judged.explained.verdict, cues, words);
  // (A fact before the author's call was judged by its own clause: say so.)
  const clause = judged.clause ? '; its clause before the call to act' : '';
  return { judged, cues, why: why + clause + scored, context, section };
}

interface Verdicted {
  judged: Judged;
  cues: AssertionCue[];
  why: string;
  attribution?: string;
  provision?: string;
  context?: number;
  section?: number;
}

/** A sentence's words as the classifier reads them (reference marks out, escapes read), its marks, and the verdict on them. */
interface Reading {
  marks: ReturnType<typeof withoutMarks> | undefined;
  plain: ReturnType<typeof unescapeMarkdown>;
  judged: Judged;
}

/** How many words (runs of letters or digits) a sentence has. */
function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Letters and digits of any script: not a blank, a punctuation mark or a symbol of ASCII or Latin-1, nor a dash or quotation mark.
    const wordy = c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : c >= 192 && !(c >= 0x2000 && c <= 0x206f);
    if (wordy && !inWord) n++;
    inWord = wordy;
  }
  return n;
}

/** A sentence of a paragraph: its part in its neighbours' context, and the candidate to report, if any. */
interface InBlock extends InContext {
  candidate?: Candidate;
  /** What the classifier and the readings said of it (none for a sentence never read: a heading line, an exempt section). */
  judged?: Judged;
  /** A run-in heading ("**Prescription only.**"): the sentence after it may be a recommendation's imperative; after an option's label ("**Option B: a levy.**") it describes the option. */
  runIn?: RunIn;
}
type RunIn = 'label' | 'option';

/** A judged sentence's score as a neighbour: none for one never judged (a question, a normative sentence). */
const scoreOf = (j: Judged) => (j.exempt ? undefined : j.score);

/** A sentence the rule may report, read. */
interface Candidate {
  start: number;
  end: number;
  labelStart: number;
  withTrailing: number;
  reading: Reading;
}

/** `text` (at document offset `at`) with the parts that `index`'s spans cover blanked (same length). */
function blanked(text: string, at: number, index: SpanIndex): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const reach = index.reach(at + i);
    if (reach === undefined) continue;
    const to = Math.min(text.length, reach - at);
    out += text.slice(from, i) + ' '.repeat(to - i);
    from = to;
    i = to - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Whether the sentence at `at` of a block's masked text opens a line (only blanks, list or quote marks before it on its line). */
function opensLine(masked: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = masked.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 62 /* > */) return false;
  }
  return false;
}

/** The message: why the sentence (or table row: `rowNote` set) reads as a fact, and what its source lacks. */
function assertionMessage(why: string, placeholder: 'footnote' | 'link' | undefined, advice: string | undefined, rowNote: string | undefined, pandocRow?: boolean): string {
  const what = rowNote !== undefined ? 'this table row reads as a fact' : 'this sentence reads as a fact';
  if (placeholder) return `Possible unsourced assertion: ${what} (${why}), and its ${placeholder} is a placeholder: source still to be added.`;
  if (advice) return `Possible unsourced assertion: ${what} (${why}), and ${advice}.`;
  // (A row of Pandoc's simple, multiline or grid table has its columns aligned by blanks: the caption is the place.)
  if (pandocRow) return `Possible unsourced assertion: ${what} (${why}). Cite a source in a caption or source line right above or below the table ([@key], a footnote or a link).`;
  if (rowNote !== undefined)
    return `Possible unsourced assertion: ${what} (${why}). Cite a source in the row, or in a caption or source line right above or below the table ([@key], a footnote or a link).${rowNote}`;
  return `Possible unsourced assertion: ${what} (${why}). Cite a source ([@key], a footnote or a link), or tag it as a claim.`;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

interface Judged {
  /** A question, a normative sentence, a caption or source line, or no letter or digit: not an assertion whatever its score (then 0). */
  exempt: boolean;
  score: number;
  /** Its subject and reporting verb when it is an attributed statement ("Judges say"; `assertions/attribution.ts`). */
  attribution?: string;
  /** The words that make it a statement of what a law or an agreement provides ("Under the Act"; `assertions/legal.ts`). */
  provision?: string;
  /** An exempt duty ("Providers must register…", `dutyOf`) or a provision with the rule as a pronoun ("They contain no limits…", `pronounProvision`): what a rule provides when a sentence just before it states that rule. */
  duty?: string;
  /** It names a legal instrument, a programme or a levy (`namesInstrument`). */
  instrument?: boolean;
  /** The clause judged instead of the whole, a fact before the author's call (`factBeforeObligation`): the sentence's opening. */
  clause?: string;
  /** Built for a sentence the first time it is reported. */
  explained?: { verdict: Verdict; cues: AssertionCue[]; why: string };
  /** How many words it has, counted the first time it is asked (assertions/context.ts). */
  words?: number;
}

/**
 * What the classifier said about each sentence seen lately: an edit changes a sentence or
 * two, and the rule asks again about all of a brief's (thousands on a long one).
 */
const judgedSentences = new RecentCache<Judged>(50_000);

/** A block's sentences, heading lines written as plain text left out (model/sentences.ts), a caption's label joined to its title; a bullet line, and in a list item a lazy line at the margin (a paragraph of its own in plain text), starts one. */
function blockSentences(text: string, block: TextBlock): Sentence[] {
  const { sentences, bullets: candidates } = sentencesOf.get(block.masked, sentencesOfBlock);
  // Before a line a bullet symbol or an emoji opens (in the text itself: `bulletAt`), and in a list item before a lazy line.
  const bullets = candidates.length === 0 ? candidates : candidates.filter((nl) => bulletAt(text, block.span.start + nl + 1));
  const lazy = block.inListItem && block.masked.includes('\n') ? lazyLineBreaks(text.slice(block.span.start, block.span.end), block.masked) : [];
  const breaks = lazy.length === 0 ? bullets : bullets.length === 0 ? lazy : [...new Set([...bullets, ...lazy])].sort((a, b) => a - b);
  return breaks.length ? cutAtBreaks(sentences, breaks, block.masked) : sentences;
}

const sentencesOfBlock = (masked: string): BlockSentences => ({ sentences: withCaptionTitles(masked, sentencesWithoutHeadingLines(masked)), bullets: bulletCandidates(masked) });
interface BlockSentences {
  sentences: Sentence[];
  /** Where a bullet line may start (`bulletCandidates`). */
  bullets: number[];
}

/**
 * A run-in heading, the emphasised words that open a paragraph or list item ("**Prescription
 * only.** End…", "*Data first.* Require…", or alone, as a heading): at most six words (four until 7 December,
 * later: "**Work through the coastal states.** Support for…"), no figure, and no verb of an
 * event or state, so that a finding in bold ("**Sales fell by half.** The cut…") is still judged.
 */
function runInHeading(sentence: string): boolean {
  const m = RUN_IN_HEADING.exec(sentence);
  if (!m) return false;
  const words = m[2].match(/[\p{L}’'-]+/gu) ?? [];
  // (A verb's past in -ed, not "red" or "bed": "**Option B: extend the red list.**")
  return words.length <= 6 && !/\d/.test(m[2]) && !words.some((w) => /\p{L}{2}ed$/u.test(w) || EVENT_OR_STATE.has(w.toLowerCase()));
}
const RUN_IN_HEADING = /^\s*(\*\*|__|\*|_)([^*_\n]{1,60})\1[.:]?\s*$/u;
const EVENT_OR_STATE = new Set(['led', 'fed', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'fell', 'rose', 'grew', 'remains', 'remain', 'stands', 'stood', 'fall', 'falls', 'rise', 'rises', 'grows']);

/** A caption's label alone: "Figure 1.", "**Table 2:**", "Box 3." (at most three words). */
const isCaptionLabel = (sentence: string) => CAPTION.test(unescapeMarkdown(sentence).text) && (sentence.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= 3;

/**
 * Sentences with a caption's label read with the title after it, as one caption: "**Figure
 * 1.** Defence spending as a share of GDP, 2014–2024." splits after the label, and the title
 * alone read as a statement.
 */
function withCaptionTitles(masked: string, sentences: Sentence[]): Sentence[] {
  if (sentences.length < 2 || !CAPTION_WORD.test(masked)) return sentences;
  const out: Sentence[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    const next = sentences[i + 1];
    if (next && isCaptionLabel(masked.slice(s.start, s.end))) {
      out.push({ start: s.start, end: next.end });
      i++;
    } else out.push(s);
  }
  return out;
}
/** A paragraph opened by a note number in superscript, then a blank: a note's text, as a brief extracted from a PDF keeps its notes. */
const NOTE_TEXT = /^[\s>*_]*[¹²³⁰⁴⁵⁶⁷⁸⁹]{1,3}[ \t\u00a0]/u;

/**
 * A paragraph of notes whose numbers lost their superscript (text copied from a PDF: "1
 * European Labour Authority (2024), Report …", then "2 Eurostat (2024), …"): at least two
 * lines, each opened by a number, a blank and a capital, the numbers one after another.
 */
function plainNotes(masked: string): boolean {
  if (masked.length > 20_000 || !/^\s*\d/.test(masked) || !masked.includes('\n')) return false;
  let expected = -1;
  let lines = 0;
  for (const line of masked.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^\s*(\d{1,3})[ \t\u00a0]+\p{Lu}/u.exec(line);
    if (!m || (expected >= 0 && Number(m[1]) !== expected)) return false;
    expected = Number(m[1]) + 1;
    lines++;
  }
  return lines >= 2;
}
const CAPTION_WORD = /\b(?:table|figure|fig|chart|graph|map|box|exhibit|annex|appendix)\b/i;

/** The sentences of each text block seen lately (offsets within the block): an edit changes a block or two. */
const sentencesOf = new RecentCache<BlockSentences>(20_000);

const judgeSentence = (text: string): Judged => {
  const exempt = exemptSentence(text) || !/[\p{L}\p{N}]/u.test(text);
  if (exempt) {
    // A fact with a figure in a clause of its own before the author's call is judged by that clause.
    const clause = factBeforeObligation(text);
    if (clause) return { exempt: false, score: assertionModel().score(clause), clause };
    // (A duty is rare: the other exemptions are asked again only for one.)
    const duty = dutyOf(text);
    return { exempt, score: 0, duty: duty && !exemptButForObligation(text) ? duty : undefined };
  }
  const attribution = attributedStatement(text);
  const provision = attribution ? undefined : legalProvision(text);
  return { exempt, score: assertionModel().score(text), attribution, provision, duty: attribution || provision ? undefined : pronounProvision(text), instrument: namesInstrument(text) };
};

/** The verdict, the cues (offsets within the sentence) and the message's reasons. */
function explain(text: string): NonNullable<Judged['explained']> {
  const verdict = assertionModel().judge(text);
  const cues = findAssertionCues(text);
  return { verdict, cues, why: explainVerdict(verdict, cues, text) };
}

let loaded: AssertionModel | undefined;

/** The shipped classifier, loaded once (its weights are bundled: no file is read). */
export function assertionModel(): AssertionModel {
  return (loaded ??= AssertionModel.load(MODEL_FILE as unknown as AssertionModelFile));
}

/**
 * Whether the sentence writes `word` (an *-ed* word) where it reads as an adjective: a
 * compound with a hyphen ("weight-related"), or right after a determiner ("a layered defence", "the affected families"), a preposition ("by
 * qualified majority", "for unauthorised holidays") or a superlative ("the largest recorded
 * cause"). (Not after *as* or *than*: "as reported", "than expected" are participles of a report.)
 */
function readsAsAdjective(word: string, sentence: string): boolean {
  if (!/ed$/i.test(word)) return false;
  // A compound ("weight-related", "state-owned", "EU-funded"), not a verb with a prefix ("re-elected", "co-signed").
  const hyphen = word.lastIndexOf('-');
  if (hyphen > 0 && !VERB_PREFIXES.has(word.slice(0, hyphen).toLowerCase())) return true;
  const at = wholeWordAt(sentence, word.toLowerCase());
  if (at < 0) return false;
  let end = at;
  while (end > 0 && /\s/.test(sentence[end - 1])) end--;
  let start = end;
  while (start > 0 && /\p{L}/u.test(sentence[start - 1])) start--;
  const before = sentence.slice(start, end).toLowerCase();
  return end < at && (EXPLAIN_DETERMINERS.has(before) || EXPLAIN_PREPOSITIONS.has(before) || (before.length > 4 && before.endsWith('est')) || before === 'most');
}
const VERB_PREFIXES = new Set(['re', 'co', 'pre', 'de', 'un', 'non', 'over', 'under', 'mis', 'out', 'cross', 'double', 'fast']);
const EXPLAIN_DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'their', 'our', 'his', 'her', 'your', 'my', 'every', 'each', 'no', 'some', 'any']);
const EXPLAIN_PREPOSITIONS = new Set(['of', 'in', 'on', 'for', 'with', 'without', 'by', 'from', 'into', 'under', 'over', 'among', 'between', 'against', 'about', 'across', 'through', 'within']);

/** A word the model weighed (lower-cased) as the sentence writes it: "Germany", not "germany". */
function asWritten(word: string, sentence: string): string {
  const at = word ? wholeWordAt(sentence, word) : -1;
  return at < 0 ? word : sentence.slice(at, at + word.length);
}

/** Where `sentence` first writes `word` (lower-cased) as a whole word, in any case; -1 when nowhere (or when lower-casing changes the sentence's length). */
function wholeWordAt(sentence: string, word: string): number {
  const lower = sentence.toLowerCase();
  if (lower.length !== sentence.length) return -1;
  const letter = (i: number) => /[\p{L}\p{M}\p{N}]/u.test(sentence[i] ?? '');
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) if (!letter(at - 1) && !letter(at + word.length)) return at;
  return -1;
}

/**
 * What makes the sentence read as a fact, in words: the cues found in it (a figure, money,
 * a percentage, a quotation, a reporting verb) and the classifier's strongest reasons (an
 * attribution, an event and a date, a quantity in words, names, a word that weighed).
 */
export function explainVerdict(verdict: Verdict, cues: AssertionCue[], sentence = ''): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (key: string, phrase: string) => {
    if (seen.has(key) || parts.length >= 3) return;
    seen.add(key);
    parts.push(phrase);
  };
  const e = verdict.features.evidence;
  const clip = (t: string) => (t.length > 50 ? t.slice(0, 49) + '…' : t);
  for (const c of cues) if (c.kind !== 'reporting') add(c.kind, `${CUE_NAMES[c.kind]}: ${clip(c.text)}`);
  if (e.accordingTo) add('attribution', 'an attribution: according to …');
  // (Not a reporting word that reads as an adjective: "the largest recorded cause", "the reported figure".)
  const reporting = cues.find((c) => c.kind === 'reporting' && !readsAsAdjective(c.text, sentence));
  if (reporting && !e.accordingTo) add('attribution', `an attribution: "${clip(reporting.text)}"`);
  // The attribution's word, named once: "demanded" is an attribution, not also an event and a word.
  const attribution = (reporting?.text ?? verdict.reasons.find((r) => r.name === 'reporting')?.text)?.toLowerCase();
  // The event's word (not an -ed word that opens the sentence: more often an adjective, "Prolonged conflict …").
  // (Nor one that reads as an adjective: "A layered defence", "their increased budget", "by qualified majority".)
  const pastTense = verdict.reasons.some((r) => r.name === 'pastTense') && e.pastTense && !/^\p{Lu}\p{L}*ed$/u.test(e.pastTense) && !readsAsAdjective(e.pastTense, sentence) ? e.pastTense : undefined;
  const event = pastTense?.toLowerCase() === attribution ? undefined : pastTense;
  // The event's date, unless a cue names it already ("a date: 1 November 2024").
  const dateWithEvent = e.date && !cues.some((c) => c.kind === 'date' || c.kind === 'year');
  // Quantities in words, named together: a number word that weighed as a word is one of
  // them ("a quantity in words: five", not also "the word "five""); "one" only when alone
  // (more often "one of the …" than a count).
  const isQuantity = (r: (typeof verdict.reasons)[number]) => r.name === 'numberWord' || r.name === 'vagueQuantity' || (r.kind === 'word' && isQuantityWord(r.name));
  const quantityWords = [...new Set(verdict.reasons.filter(isQuantity).map((r) => (r.kind === 'word' ? r.name : r.text.toLowerCase())))];
  const quantities = quantityWords.length > 1 ? quantityWords.filter((w) => w !== 'one') : quantityWords;
  for (const r of verdict.reasons) {
    if (isQuantity(r)) add('quantity', `a quantity in words: ${quantities.join(', ')}`);
    else if (r.kind === 'word') {
      // (Not the event's or the attribution's word again, nor a month or weekday the event's date names.)
      if (r.name !== event?.toLowerCase() && r.name !== attribution && !(event && e.date && isDateWord(r.name))) add(`word:${r.name}`, `the word "${asWritten(r.name, sentence)}"`);
    } else if (r.name === 'pastTense' && event && /^(?:was|were|had|did)$/i.test(event)) add('event', dateWithEvent ? 'how things were, and a date' : 'a statement of how things were');
    else if (r.name === 'pastTense' && event) add('event', dateWithEvent ? `an event and a date: ${event}` : `an event: ${event}`);
    else if (r.name === 'names') add('names', 'names of people or places');
    else if (r.name === 'accordingTo' || (r.name === 'reporting' && !readsAsAdjective(r.text, sentence))) add('attribution', `an attribution: "${r.text}"`);
    else if (r.name === 'copulaPresent') add('state', 'a statement of how things are');
  }
  if (parts.length === 0) add('score', 'its wording, as a whole');
  return `${parts.join('; ')}; score ${verdict.score.toFixed(2)}`;
}

/**
 * The cues of one sentence, in order: quotations, then money and percentages claim their
 * digits, then figures, then reporting verbs. Linear: the characters a cue takes are marked
 * once, and a later cue is kept only if none of its characters is taken (the overlap test
 * against every earlier cue it replaces was quadratic: 40,000 figures in one sentence took
 * 8 s for 1 MB).
 */
export function findAssertionCues(text: string, base = 0): AssertionCue[] {
  const cues: AssertionCue[] = [];
  const taken = new Uint8Array(text.length);
  // A paragraph's number ("2.1 Vacancy rates…", "**3. The deficit…**") is no figure of the statement: taken, not named.
  const number = numberOf(text);
  if (number) taken.fill(1, 0, number[0].length);
  const add = (kind: AssertionCue['kind'], m: RegExpMatchArray, s = m.index!, t = m[0]) => {
    for (let i = s; i < s + t.length; i++) if (taken[i]) return;
    taken.fill(1, s, s + t.length);
    cues.push({ kind, text: t.trim(), span: { start: base + s, end: base + s + t.length } });
  };
  for (const m of text.matchAll(QUOTATION)) {
    const words = quotedText(m).trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length >= 3) add('quotation', m);
  }
  for (const m of text.matchAll(MONEY)) add('money', m);
  for (const m of text.matchAll(PERCENT)) add('percentage', m);
  for (const m of text.matchAll(DATE)) add('date', m);
  for (const m of text.matchAll(YEAR_SPAN)) add('year', m);
  for (const m of text.matchAll(FIGURE)) add(isYear(m[0]) ? 'year' : 'figure', m);
  for (const m of text.matchAll(REPORTING)) {
    // "the United States", "member states": a noun, not the verb.
    if (/^states$/i.test(m[0]) && stateIsNoun(m[0], wordBefore(text, m.index!), wordAfter(text, m.index! + m[0].length))) continue;
    add('reporting', m);
  }
  return cues.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Spans of sections whose heading is exempt (with their subsections): those the conventions
 * name, and always the back matter (`BACK_MATTER`).
 */
export function exemptSections(sections: Section[], names: string[]): Span[] {
  const exempt = exemptHeading(names);
  return sections.filter((s) => exempt(s.heading.text)).map((s) => s.span);
}

/** Every source reference of the brief, resolving or not (an unknown one is `unknown-source`'s business), but placeholder footnotes and cross-references; `links`: the links that are no placeholders. */
function sourceReferenceSpans(ctx: ScopeContext, links: Span[]): Span[] {
  const { model, document } = ctx;
  const pending = document.pendingFootnotes;
  // A cross-reference (`@fig-map` naming `{#fig-map}`, model/labels.ts) is no source either.
  const crossReference = (key: string) => document.labels.has(key) && !isKnownSource(ctx, key);
  const citations = model.citations.filter((c) => c.items.length === 0 || !c.items.every((i) => crossReference(i.key)));
  return [...citations.map((c) => c.span), ...model.footnoteReferences.filter((f) => !pending.has(f.id)).map((f) => f.span), ...links];
}

function pendingFootnoteSpans(model: ScopeModel, pending: ScopeFacts['pendingFootnotes']): Span[] {
  return model.footnoteReferences.filter((f) => pending.has(f.id)).map((f) => f.span);
}

/** The rows of the scope's tables, each with its text as one statement: a pipe table's, then a Pandoc table's (which has no cells). */
function* statementRows(text: string, blocks: readonly TextBlock[], pandocRows: readonly Span[]): Generator<{ row: TableRow; text: string }> {
  for (const row of tableRows(text, blocks)) yield { row, text: rowText(row) };
  const starts = pandocRows.length ? blocks.map((b) => b.span.start) : [];
  for (const span of pandocRows) yield { row: { cells: [], header: false, span, pandoc: true }, text: pandocRowText(text, span, blocks, starts) };
}

/**
 * A row of a Pandoc table as one statement, at its offsets: the model's masked text where
 * a text block holds it (CommonMark reads the row's lines as a paragraph: directive syntax,
 * HTML and link destinations blanked, so `{id="renamed"}` is not a word of the row), a
 * grid's `|` made a semicolon between cells (blanked at the line's ends), and the line
 * breaks blanks. `starts`: the blocks' starts, in order.
 */
function pandocRowText(text: string, row: Span, blocks: readonly TextBlock[], starts: readonly number[]): string {
  const chars = text.slice(row.start, row.end).split('');
  for (let i = Math.max(0, lastAtMost(starts, row.start)); i < blocks.length && blocks[i].span.start < row.end; i++) {
    const b = blocks[i];
    for (let o = Math.max(b.span.start, row.start); o < Math.min(b.span.end, row.end); o++) chars[o - row.start] = b.masked[o - b.span.start];
  }
  const isPipe = (k: number) => chars[k] === '|' && chars[k - 1] !== '\\';
  let lineStart = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && chars[i] !== '\n' && chars[i] !== '\r') continue;
    // A line's first and last pipes are the grid's borders (blanks), those between cells semicolons.
    let first = -1;
    let last = -1;
    for (let k = lineStart; k < i; k++)
      if (isPipe(k)) {
        if (first < 0) first = k;
        last = k;
      }
    for (let k = first; k >= 0 && k <= last; k++) if (isPipe(k)) chars[k] = k === first || k === last ? ' ' : ';';
    if (i < chars.length) chars[i] = ' ';
    lineStart = i + 1;
  }
  return chars.join('');
}

/**
 * A table row's text as one statement, at the row's offsets: its cells' masked text, with
 * the pipes between cells made semicolons and the rest of the markup blanked.
 */
function rowText(row: TableRow): string {
  const { start, end } = row.span;
  const chars = new Array<string>(end - start).fill(' ');
  row.cells.forEach((cell: TextBlock, i) => {
    for (let k = 0; k < cell.masked.length; k++) {
      const at = cell.span.start - start + k;
      if (at < 0 || at >= chars.length) continue;
      const c = cell.masked[k];
      // A cell's first character is the pipe before it (none before the first cell of a row without a leading pipe).
      chars[at] = c === '|' && cell.masked[k - 1] !== '\\' ? (k === 0 && i > 0 ? ';' : ' ') : c;
    }
  });
  return chars.join('');
}

/** A part's tables and its captions and source lines that hold a source reference (offsets relative to the part). */
export interface PartTables {
  tables: Span[];
  /** `source`: a source or note line ("Source: …"), which sources the table above it only; `caption` ("Table 2: …"): above or below. */
  captions: Array<{ span: Span; footnotes: string[]; other: boolean; kind: 'source' | 'caption' }>;
}

/**
 * `PartTables` of a part (undefined when it has neither), once per part's items: the same
 * object while the block is unchanged (its text relative to the part is the same too).
 */
export function tablesOfPart(text: string, at: number, items: ModelPart['items']): PartTables | undefined {
  let found = PART_TABLES.get(items);
  if (found === undefined) {
    const captions: PartTables['captions'] = [];
    for (const b of items.textBlocks) {
      if (b.kind !== 'paragraph' || b.inListItem || !CAPTION.test(unescapeMarkdown(b.masked).text)) continue;
      const inside = (s: Span) => s.start >= b.span.start && s.end <= b.span.end;
      const footnoteIds = items.footnoteReferences.filter((f) => inside(f.span)).map((f) => f.id);
      const other = items.citations.some((c) => inside(c.span)) || items.links.some((l) => inside(l.span) && !isPlaceholderUrl(l.url));
      if (footnoteIds.length || other) captions.push({ span: b.span, footnotes: footnoteIds, other, kind: SOURCE_LINE.test(b.masked) ? 'source' : 'caption' });
    }
    const hasCells = items.textBlocks.some((b) => b.kind === 'tableCell');
    // Offsets of the part's items are relative to it; the rows are read in the document's text, then made relative again.
    const tables = hasCells
      ? tableSpans(text, tableRows(text, items.textBlocks.map((b) => ({ ...b, span: { start: b.span.start + at, end: b.span.end + at } })))).map((t) => ({ start: t.start - at, end: t.end - at }))
      : [];
    found = tables.length || captions.length ? { tables, captions } : null;
    PART_TABLES.set(items, found);
  }
  return found ?? undefined;
}
const PART_TABLES = new WeakMap<object, PartTables | null>();
const SOURCE_LINE = /^[\s*_]*(?:sources?|notes?)\s*:/iu;

/**
 * The tables sourced as a whole: a caption ("Table 2: …") right above or below the table,
 * or a source line ("Source: …") right below it, with only blank lines between, that holds
 * a source reference (a placeholder footnote or one with no definition is none). Absolute offsets.
 */
/** Joins, in place, the table extents of consecutive parts that are one table (`rowsOfOneTable`, as `tableSpans` joins rows). */
function joinRows(text: string, tables: Span[]): void {
  let w = 0;
  for (const t of tables) {
    const open = w > 0 ? tables[w - 1] : undefined;
    if (open && rowsOfOneTable(text, open.end, t.start)) open.end = t.end;
    else tables[w++] = { ...t };
  }
  tables.length = w;
}

export function sourcedTables(text: string, parts: ReadonlyArray<{ at: number; tables: PartTables }>, sourceNote: (id: string) => boolean): Span[] {
  const tables: Span[] = [];
  const captions: Array<Span & { kind: 'source' | 'caption' }> = [];
  for (const { at, tables: t } of parts) {
    for (const s of t.tables) tables.push({ start: s.start + at, end: s.end + at });
    for (const c of t.captions) if (c.other || c.footnotes.some(sourceNote)) captions.push({ start: c.span.start + at, end: c.span.end + at, kind: c.kind });
  }
  if (tables.length === 0 || captions.length === 0) return [];
  // A long table's rows are parts of their own (model/buildModel.ts `containerParts`): joined again.
  joinRows(text, tables);
  // Only blank lines (block-quote markers, suppression comments) between: a short gap.
  const adjacent = (from: number, to: number) => blankGap(text, from, to);
  const out: Span[] = [];
  let c = 0;
  for (const t of tables) {
    while (c < captions.length && captions[c].end <= t.start) c++;
    const before = captions[c - 1];
    const after = captions[c];
    // A source line sources the table above it, not the next one below.
    if ((before && before.kind === 'caption' && adjacent(before.end, t.start)) || (after && adjacent(t.end, after.start))) out.push(t);
  }
  return out;
}
