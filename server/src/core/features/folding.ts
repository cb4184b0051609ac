import type { BriefModel } from '../model/types';

export interface BriefFold {
  /** Offsets of the first and last character of the folded region's first and last line. */
  start: number;
  end: number;
}

/**
 * Container directives (`:::rec` … `:::`) fold from their opening to their closing fence;
 * in a brief written as plain text, each heading line's section from the line to its last
 * (Markdown's headings fold by the editor's own Markdown support, which sees no heading there).
 */
export function foldingRanges(model: BriefModel): BriefFold[] {
  if (!model.isBrief) return [];
  const out: BriefFold[] = [];
  for (const d of model.directives) {
    if (d.kind !== 'container') continue;
    let end = d.span.end;
    // The span may end after the closing fence's line break.
    while (end > d.span.start && (model.text[end - 1] === '\n' || model.text[end - 1] === '\r')) end--;
    out.push({ start: d.span.start, end });
  }
  for (const s of model.lineSections ?? []) {
    let end = s.span.end;
    while (end > s.heading.span.end && /\s/.test(model.text[end - 1])) end--;
    if (end > s.heading.span.end) out.push({ start: s.span.start, end });
  }
  if (model.lineSections?.length) out.sort((a, b) => a.start - b.start);
  return out;
}
