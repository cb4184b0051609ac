import type { BuiltModel } from '../model/buildModel';
import { splitSentences } from '../model/sentences';
import type { Section } from '../model/types';
import type { Span } from '../text/span';
import { SpanIndex } from '../text/spanIndex';
import { trailingRunStart, trimEndMatching } from '../text/trailing';
import { isPendingFootnote } from '../semantics/sourcing';
import type { Finding, Rule } from './types';

/** A reason why a sentence reads as an assertion of fact. */
export interface AssertionCue {
  kind: 'money' | 'percentage' | 'figure' | 'quotation' | 'reporting';
  text: string;
  span: Span;
}

const CUE_NAMES: Record<AssertionCue['kind'], string> = {
  money: 'an amount of money',
  percentage: 'a percentage',
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
const FIGURE = /(?<![\p{L}\d])\d(?:[\d,.]*\d)?(?::\d+)*\+?/gu;
const QUOTE = /["“„«]([^"“”„«»\n]{1,400})["”»]/gu;
const REPORTING =
  /\b(?:according to|said|says|say|stated|states|told|tells|announced|announces|reported|reports|claimed|claims|declared|declares|warned|warns|wrote|writes|confirmed|confirms|emphasi[sz]ed|pointed out|described|indicated|insisted|noted|estimated?|estimates|projects|projected|revealed|acknowledged|admitted|called for|calls for|pledged|vowed|denied|accused|testified)\b/giu;
/** Recommendations and obligations are not statements of fact. */
const NORMATIVE = /\b(?:should|must|ought to|needs? to|has to|have to|we recommend|recommends?|it is (?:essential|necessary|vital|crucial) (?:to|that)|shall)\b/iu;

/**
 * `possible-unsourced-assertion` (spec §8): an untagged sentence outside the exempt
 * sections that reads as an assertion of fact — it holds an amount of money, a
 * percentage, a figure, a quotation of three words or more, or a reporting verb — and has
 * no source reference. Headings, questions, normative recommendations ("should",
 * "must"…), sentences with a claim tag and sentences with a source reference are skipped.
 * Precision and recall on a labelled set: docs/assertions.md.
 */
export const possibleUnsourcedAssertion: Rule = {
  code: 'possible-unsourced-assertion',
  description: 'An untagged sentence reads as an assertion of fact (a figure, percentage, amount of money, quotation or reporting verb) and has no source.',
  check(ctx) {
    const { model } = ctx;
    const out: Finding[] = [];
    // Every test below is against a span index: a long brief has thousands of sentences and sources.
    const exempt = new SpanIndex(exemptSections(model.sections, ctx.conventions.assertions.exemptSections));
    const footnotes = new SpanIndex(model.footnoteDefinitions.map((d) => d.span));
    const refs = new SpanIndex(sourceReferenceSpans(model));
    // A placeholder footnote (semantics/sourcing.ts) is no source: the sentence is still reported, and told so.
    const pending = new SpanIndex(pendingFootnoteSpans(model));
    const claims = new SpanIndex(model.claims.map((c) => c.directive.span));
    // Directive syntax that is not a tag (`:recs[…]{track=1}`) is not prose.
    const syntax = new SpanIndex(model.directives.flatMap((d) => [d.nameSpan, ...(d.attributesSpan ? [d.attributesSpan] : [])]));
    for (const block of model.textBlocks) {
      if (block.kind === 'heading') continue;
      if (exempt.holds(block.span.start)) continue;
      if (footnotes.holds(block.span.start)) continue;
      for (const sentence of splitSentences(block.masked)) {
        const start = block.span.start + sentence.start;
        let end = block.span.start + sentence.end;
        // A footnote or citation right after the full stop still belongs to the sentence.
        const trailing = /^\[[\^@][^\]\n]{0,300}\]/.exec(model.text.slice(end, Math.min(block.span.end, end + 310)));
        const withTrailing = trailing ? end + trailing[0].length : end;
        const text = block.masked.slice(sentence.start, sentence.end);
        while (end > start && /\s/.test(model.text[end - 1])) end--;
        if (refs.overlaps(start, withTrailing)) continue;
        if (claims.overlaps(start, end)) continue;
        if (endsAsQuestion(text)) continue;
        if (NORMATIVE.test(text)) continue;
        const cues = findAssertionCues(text, start).filter((c) => !syntax.overlaps(c.span.start, c.span.end));
        if (cues.length === 0) continue;
        const placeholder = pending.overlaps(start, withTrailing);
        out.push({
          code: 'possible-unsourced-assertion',
          message: placeholder
            ? `Possible unsourced assertion: this sentence contains ${describeCues(cues)}, and its footnote is a placeholder: source still to be added.`
            : `Possible unsourced assertion: this sentence contains ${describeCues(cues)}. Cite a source ([@key], a footnote or a link), or tag it as a claim.`,
          span: { start, end },
          data: { cues: cues.map((c) => ({ kind: c.kind, text: c.text })) },
        });
      }
    }
    return out;
  },
};

const CLOSING = /["'”’)\]*_]/;

/**
 * Whether the sentence ends with a question mark, perhaps followed by closing quotes,
 * brackets or emphasis, and white space around them: what `/\?\s*["'”’)\]*_]*\s*$/` tests,
 * from the end (that search scanned a run of white space again from each of its characters).
 */
export function endsAsQuestion(text: string): boolean {
  const beforeSpace = trailingRunStart(text, /\s/);
  const beforeClosing = trailingRunStart(text.slice(0, beforeSpace), CLOSING);
  const beforeOpeningSpace = trailingRunStart(text.slice(0, beforeClosing), /\s/);
  return text[beforeOpeningSpace - 1] === '?';
}

/** The cues of one sentence, in order: money and percentages first claim their digits, then figures. */
export function findAssertionCues(text: string, base = 0): AssertionCue[] {
  const cues: AssertionCue[] = [];
  const taken: Span[] = [];
  const add = (kind: AssertionCue['kind'], m: RegExpMatchArray, s = m.index!, t = m[0]) => {
    const span = { start: s, end: s + t.length };
    if (taken.some((x) => x.start < span.end && x.end > span.start)) return;
    taken.push(span);
    cues.push({ kind, text: t.trim(), span: { start: base + s, end: base + s + t.length } });
  };
  for (const m of text.matchAll(QUOTE)) {
    const words = m[1].trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length >= 3) add('quotation', m);
  }
  for (const m of text.matchAll(MONEY)) add('money', m);
  for (const m of text.matchAll(PERCENT)) add('percentage', m);
  for (const m of text.matchAll(FIGURE)) add('figure', m);
  for (const m of text.matchAll(REPORTING)) {
    // "the United States", "the Gulf States": a noun, not the verb.
    if (/^states$/i.test(m[0]) && /\b(?:united|gulf|baltic|member|nordic|island|arab|small|these|those|the|of)\s+$/i.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
    add('reporting', m);
  }
  return cues.sort((a, b) => a.span.start - b.span.start);
}

function describeCues(cues: AssertionCue[]): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const c of cues) {
    const key = `${c.kind}:${c.text.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = c.kind === 'quotation' ? c.text : c.kind === 'reporting' ? `"${c.text}"` : c.text;
    parts.push(`${CUE_NAMES[c.kind]}: ${shown.length > 60 ? shown.slice(0, 59) + '…' : shown}`);
    if (parts.length === 4) break;
  }
  return parts.join('; ');
}

/** Spans of sections whose heading is exempt (with their subsections). */
export function exemptSections(sections: Section[], names: string[]): Span[] {
  const wanted = new Set(names.map(normalizeHeading));
  return sections.filter((s) => wanted.has(normalizeHeading(s.heading.text))).map((s) => s.span);
}

function normalizeHeading(s: string): string {
  return trimEndMatching(s.replace(/^\s*(?:\d+|[ivxlc]+|[a-z])[.)]\s+/i, ''), /[:.\s]/)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Every source reference of the brief, resolving or not (an unknown one is `unknown-source`'s business), but placeholder footnotes. */
function sourceReferenceSpans(model: BuiltModel): Span[] {
  const pending = new Set(model.footnoteDefinitions.filter(isPendingFootnote).map((d) => d.id));
  return [...model.citations.map((c) => c.span), ...model.footnoteReferences.filter((f) => !pending.has(f.id)).map((f) => f.span), ...model.links.map((l) => l.span)];
}

function pendingFootnoteSpans(model: BuiltModel): Span[] {
  const pending = new Set(model.footnoteDefinitions.filter(isPendingFootnote).map((d) => d.id));
  return model.footnoteReferences.filter((f) => pending.has(f.id)).map((f) => f.span);
}
