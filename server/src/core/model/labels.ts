import { modelParts, type ModelPart } from './buildModel';
import type { BriefModel } from './types';
import type { Span } from '../text/span';

/**
 * The labels a brief declares with Pandoc's attribute lists — `## Evidence {#sec-evidence}`,
 * `![…](map.png){#fig-map}`, `::: {#fig-trend}`, a table caption's `{#tbl-sales}`, a span's
 * `[…]{#id}`, display maths' `$$ … $$ {#eq-cost}` — which Quarto and pandoc-crossref cite
 * as cross-references (`@fig-map`, `@sec-evidence`, `[@tbl-sales]`). Pandoc's own reader
 * parses those as citations; Briefmark keeps that parse (the differential against Pandoc)
 * and reads a citation key that names no source but names a label as a cross-reference:
 * no source of its sentence or claim, and no `unknown-source` (docs/sources.md).
 *
 * Read from the raw text of each text block (headings, paragraphs, table cells), once per
 * block's items: the same list while the block is unchanged. Spans are the `#id`'s,
 * relative to the part.
 */
function labelsOfPart(text: string, at: number, items: ModelPart['items']): readonly Label[] {
  let found = PART_LABELS.get(items);
  if (found === undefined) {
    let labels: Label[] | undefined;
    for (const b of items.textBlocks) {
      const raw = text.slice(at + b.span.start, at + b.span.end);
      if (!raw.includes('{')) continue;
      for (const list of raw.matchAll(ATTRIBUTE_LIST)) {
        // `@{#x}` is a citation whose key is written in braces, not an attribute list (long fuzz run 3737373).
        if (raw[list.index! - 1] === '@') continue;
        for (const id of list[0].matchAll(ID)) {
          const start = b.span.start + list.index! + id.index!;
          (labels ??= []).push({ id: id[1], span: { start, end: start + id[0].length } });
        }
      }
    }
    PART_LABELS.set(items, (found = labels ?? NO_LABELS));
  }
  return found;
}
const PART_LABELS = new WeakMap<object, readonly Label[]>();
const NO_LABELS: readonly Label[] = [];

export interface Label {
  id: string;
  /** Where `#id` is written. */
  span: Span;
}

/** An attribute list on one line, `{…}` with no brace inside (linear: each `{` scans to the next brace or line end). */
const ATTRIBUTE_LIST = /\{[^{}\n\r]*\}/g;
/** An identifier in it (`#id`, at its start or after a blank), as Pandoc reads one: a letter or digit, then letters, digits, `-_:.`. */
const ID = /(?<=^\{|\s)#([\p{L}\p{N}_][\p{L}\p{N}_:.-]*)/gu;

/** Every label the brief declares and where (the first, for an id declared twice), once per model; absolute offsets. */
export function briefLabels(model: BriefModel): ReadonlyMap<string, Span> {
  let labels = LABELS.get(model);
  if (!labels) {
    const map = new Map<string, Span>();
    for (const { at, items } of modelParts(model)) {
      for (const l of labelsOfPart(model.text, at, items)) if (!map.has(l.id)) map.set(l.id, { start: l.span.start + at, end: l.span.end + at });
    }
    LABELS.set(model, (labels = map));
  }
  return labels;
}
const LABELS = new WeakMap<BriefModel, ReadonlyMap<string, Span>>();

/**
 * Quarto's cross-reference prefixes (`fig-`, `tbl-`, `sec-`, `eq-`, …) and pandoc-crossref's
 * (`fig:`, `tbl:`, `sec:`, `eq:`, `lst:`): a key written so that names no source is most
 * likely a cross-reference to a label the brief lacks, and the message says so.
 */
export const CROSS_REFERENCE_KEY = /^(?:(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|apx)-|(?:fig|tbl|sec|eq|lst):)[\p{L}\p{N}]/u;
