/**
 * Lists sourced by their lead-in (`possible-unsourced-assertion`): "According to the ONS
 * [@ons2024], in the three months to July 2024:" followed by a list whose items finish its
 * sentence ("- unemployment rose to 4.1%;"). The lead-in is a paragraph outside a list
 * that ends with a colon and holds a source reference (a placeholder footnote or link is
 * none); the list is every list item right after it, with only blank lines and list
 * markers between. As for tables sourced by a caption (model/tables.ts), the source is the
 * lead-in's: the items are not judged. So are the items after a lead-in that ends with a
 * modal verb ("The Commission could:", "Member states should:"), which they finish as
 * options or recommendations, not statements of fact. Claims keep the contract's rule
 * (spec §4: a source after the claim in its sentence).
 */
import type { ModelPart } from '../model/buildModel';
import { isPlaceholderUrl } from '../semantics/sourcing';
import type { Span } from '../text/span';
import { firstStartingAt } from '../text/sortedSpans';

/** A part's lead-ins and runs of list items, offsets relative to the part. */
export interface PartLists {
  leadIns: Array<{ end: number; footnotes: string[]; other: boolean }>;
  runs: Span[];
}

const PART_LISTS = new WeakMap<object, PartLists | null>();

/**
 * Only white space, block-quote markers, HTML comments (a suppression comment) and, for
 * lists, list markers between `from` and `to` (a short gap): nothing a reader sees between
 * a caption or lead-in and what it sources.
 */
export function blankGap(text: string, from: number, to: number, markers = false): boolean {
  if (to < from || to - from > 600) return false;
  const gap = withoutComments(text.slice(from, to));
  return markers ? /^(?:[\s>]|[-*+](?=\s)|\d{1,9}[.)](?=\s))*$/.test(gap) : /^[\s>]*$/.test(gap);
}

/** `s` with its closed HTML comments as a space each (one pass; an unclosed one stays). */
function withoutComments(s: string): string {
  let out = '';
  let at = 0;
  for (let open = s.indexOf('<!--'); open >= 0; open = s.indexOf('<!--', at)) {
    const close = s.indexOf('-->', open + 4);
    if (close < 0) break;
    out += s.slice(at, open) + ' ';
    at = close + 3;
  }
  return out + s.slice(at);
}

const listGap = (text: string, from: number, to: number) => blankGap(text, from, to, true);

/** A lead-in whose sentence the list's items finish after a modal verb: "The Commission could:", "Governments should:". */
const MODAL_LEAD_IN = /\b(?:could|should|must|might|may|can|will|would|shall|ought\s+to|needs?\s+to)[*_]*:$/iu;

/** A lead-in ends with a colon after a word, a bracket or a quote ("…to July 2024:", "…[@ons]:"), not a fence's `:::`. */
const LEAD_IN_END = /[\p{L}\p{N})\]"'”’*_]:$/u;

/**
 * The part's lead-ins (sourced or not yet known: footnote ids are checked against the
 * document's placeholders later) and maximal runs of list-item blocks, once per part's
 * items (the same object while the block is unchanged). `at`: the part's offset.
 */
export function listsOfPart(text: string, at: number, items: ModelPart['items']): PartLists | undefined {
  let found = PART_LISTS.get(items);
  if (found !== undefined) return found ?? undefined;
  const leadIns: PartLists['leadIns'] = [];
  const runs: Span[] = [];
  // Sorted once: a lead-in's references are found by binary search (a part may be a whole brief).
  let refs: { citations: Span[]; links: Span[]; footnotes: Array<Span & { id: string }> } | undefined;
  for (const b of items.textBlocks) {
    if (b.inListItem) {
      const last = runs[runs.length - 1];
      if (last && listGap(text, last.end + at, b.span.start + at)) last.end = b.span.end;
      else runs.push({ start: b.span.start, end: b.span.end });
      continue;
    }
    // The colon after the text, or after a reference before it ("…in 2024 [^1]:", whose call the masked text blanks).
    if (b.kind !== 'paragraph' || !(LEAD_IN_END.test(b.masked.trimEnd()) || LEAD_IN_END.test(text.slice(b.span.start + at, b.span.end + at).trimEnd()))) continue;
    refs ??= {
      citations: byStart(items.citations.map((c) => c.span)),
      links: byStart(items.links.filter((l) => !isPlaceholderUrl(l.url)).map((l) => l.span)),
      footnotes: byStart(items.footnoteReferences.map((f) => ({ ...f.span, id: f.id }))),
    };
    const footnotes = within(refs.footnotes, b.span).map((f) => f.id);
    // A lead-in that ends with a modal verb ("The Commission could:", "Member states should:"): its items finish options or recommendations, not statements of fact.
    const other = within(refs.citations, b.span).length > 0 || within(refs.links, b.span).length > 0 || MODAL_LEAD_IN.test(b.masked.trimEnd());
    if (footnotes.length || other) leadIns.push({ end: b.span.end, footnotes, other });
  }
  found = leadIns.length || runs.length ? { leadIns, runs } : null;
  PART_LISTS.set(items, found);
  return found ?? undefined;
}

const byStart = <T extends Span>(spans: T[]): T[] => spans.sort((a, b) => a.start - b.start);

/** The spans of `sorted` (by start) that lie inside `outer`. */
function within<T extends Span>(sorted: T[], outer: Span): T[] {
  const out: T[] = [];
  for (let i = firstStartingAt(sorted, outer.start); i < sorted.length && sorted[i].start < outer.end; i++) if (sorted[i].end <= outer.end) out.push(sorted[i]);
  return out;
}

/**
 * The list items sourced by a lead-in right above them, as spans (absolute offsets): the
 * runs of list items after a lead-in with a source (a footnote call's definition exists and
 * is no placeholder: `sourceNote`), joined across
 * parts (a long list is parts of its own).
 */
export function sourcedLists(text: string, parts: ReadonlyArray<{ at: number; lists: PartLists }>, sourceNote: (id: string) => boolean): Span[] {
  // Lead-ins (as their end) and runs, in document order, absolute.
  const marks: Array<{ at: number; end: number; leadIn: boolean }> = [];
  for (const { at, lists } of parts) {
    const here: typeof marks = [];
    for (const l of lists.leadIns) if (l.other || l.footnotes.some(sourceNote)) here.push({ at: l.end + at, end: l.end + at, leadIn: true });
    for (const r of lists.runs) here.push({ at: r.start + at, end: r.end + at, leadIn: false });
    here.sort((a, b) => a.at - b.at);
    for (const m of here) marks.push(m);
  }
  const out: Span[] = [];
  let open = -1; // where the last lead-in or sourced run ended
  for (const m of marks) {
    if (m.leadIn) {
      open = m.end;
      continue;
    }
    if (open >= 0 && listGap(text, open, m.at)) {
      out.push({ start: m.at, end: m.end });
      open = m.end;
    } else open = -1;
  }
  return out;
}
