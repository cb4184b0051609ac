import type { Analysis } from '../analysis';
import { modelPandocTables } from '../model/buildModel';
import { blankedBefore, pandocTables, tableRuleLines, type PandocTable } from '../model/pandocTables';
import type { TextEdit } from './textEdits';
import { lastAtMost } from '../text/textEdit';

/**
 * A test for quick fixes: whether their edits leave Pandoc's simple, multiline and grid
 * tables (model/pandocTables.ts) as they were — the same tables with the same rows at the
 * same places, shifted by the edits. The Markdown tree does not show them (CommonMark has
 * none of them), so the fixes' read-back on the tree would not see a comment at the end of a
 * grid's rule, or a line between a multiline table's rows, end the table. Free for a brief
 * with no line that may be a table's rule (most briefs); else the edited text is read again.
 */
export function keepsPandocTables(analysis: Analysis): (edits: readonly TextEdit[]) => boolean {
  const { text } = analysis.model;
  const from = analysis.model.frontMatter?.span.end ?? 0;
  const { tables, ruleLines } = modelPandocTables(analysis.model);
  // (A quick fix writes no rule of dashes: with none in the brief, no table can appear.)
  if (ruleLines.length === 0) return () => true;
  return (edits) => {
    const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
    let after = '';
    let at = 0;
    const starts: number[] = [];
    const shifts: number[] = [];
    let shift = 0;
    for (const e of sorted) {
      after += text.slice(at, e.span.start) + e.newText;
      at = e.span.end;
      starts.push(e.span.start);
      shifts.push((shift += e.newText.length - (e.span.end - e.span.start)));
    }
    after += text.slice(at);
    // An offset after the edits (one inside an edited span: none).
    const moved = (o: number) => {
      const k = lastAtMost(starts, o - 1);
      if (k < 0) return o;
      return o < sorted[k].span.end ? NaN : o + shifts[k];
    };
    const movedFrom = moved(from);
    const now = tablesIn(after, Number.isNaN(movedFrom) ? from : movedFrom) ?? [];
    if (now.length !== tables.length) return false;
    const same = (a: { start: number; end: number }, b: { start: number; end: number }) => moved(a.start) === b.start && moved(a.end) === b.end;
    return tables.every((t, i) => same(t.span, now[i].span) && t.rows.length === now[i].rows.length && t.rows.every((r, k) => same(r, now[i].rows[k])));
  };
}

/** The tables of a text after its front matter; undefined when no line of it may be a table's rule. */
function tablesIn(text: string, from: number): PandocTable[] | undefined {
  const rules = tableRuleLines(text, from, text.length);
  if (rules.length === 0) return undefined;
  return pandocTables(from > 0 ? blankedBefore(text, from) : text, rules);
}
