import { shorten } from '../text/shorten';
import type { Claim } from '../model/types';
import { classify } from '../semantics/sourcing';
import { defineBlockRule, type Finding } from './types';
import { unreadAttributeList } from '../model/directives';
import { afterSuperscriptNote, marksAdviceIn, withoutMarks, type Marks } from '../model/referenceMarks';
import { SpanIndex } from '../text/spanIndex';
import type { Span } from '../text/span';
import { firstInside } from '../text/sortedSpans';

/**
 * `unsourced-claim`: a claim with no source, or only a placeholder (a *pending* source:
 * semantics/sourcing.ts). A claim whose references name nothing is left to
 * `unknown-source`, which points at the broken key instead.
 */
export const unsourcedClaim = defineBlockRule('unsourced-claim', (ctx) => {
  const out: Finding[] = [];
  let references: UndefinedReference[] | undefined;
  let marks: Marks | undefined;
  for (const claim of ctx.model.claims) {
    const s = classify(ctx, ctx.document.footnotes, claim, ctx.document.labels);
    // A claim whose references name nothing is left to unknown-source, which points at the broken key.
    if (s.status === 'sourced' || s.status === 'broken') continue;
    const d = claim.directive;
    const label = claim.label.trim();
    let message: string;
    if (s.status === 'pending') {
      const ref = s.pending[0];
      const name = ref.kind === 'footnote' ? `[^${ref.id}]` : ref.kind === 'link' ? ref.url : ref.kind === 'src' ? `src=${ref.key}` : `@${ref.key}`;
      message = `Claim "${shorten(label || 'this claim')}" has a placeholder where its source belongs (${name}): source still to be added.`;
    } else {
      // `{src="a"id="b"}` read as text: say why it gave no source.
      const unread = unreadAttributeList(ctx.model.text, d);
      const attrs = unread && shorten(ctx.model.text.slice(unread.span.start, unread.span.end));
      // `[ONS][ons-cpi]` with no `[ons-cpi]: url` in the brief is text, not a link: say so.
      const reference = unread ? undefined : firstInside((references ??= undefinedReferences(ctx.model.text, ctx.model.links)), d.span.end, claim.sentenceEnd);
      // `^[ONS, 2024.]`, `[1]` and `(ONS, 2024)` are text here, not sources: say so.
      const mark = unread || reference ? undefined : marksAdviceIn((marks ??= withoutMarks(ctx.model.text)), ctx.model.text, d.span.end, afterSuperscriptNote(ctx.model.text, claim.sentenceEnd));
      message = !label
        ? 'This claim tag has no text and no source: write the claim inside brackets, :claim[…], and cite its source.'
        : unread
          ? `Claim "${shorten(claim.label)}" has no source: its attribute list ${attrs} is not read as the tag's (${unread.problem}).`
          : reference
            ? `Claim "${shorten(claim.label)}" has no source: ${shorten(reference.text)} is no link, as the brief defines no "[${shorten(reference.label)}]: URL".`
            : mark
              ? `Claim "${shorten(claim.label)}" has no source: ${mark}.`
              : `Claim "${shorten(claim.label)}" has no source: add a citation such as [@key], a footnote, a link, or a src attribute.${crossReferenceNote(claim, ctx.document.labels)}`;
    }
    out.push({ code: 'unsourced-claim', message, span: d.span, data: { sourcing: s.status } });
  }
  return out;
});


/** " (@fig-trend is a cross-reference …)" when the claim's only citations name labels of the brief (model/labels.ts). */
function crossReferenceNote(claim: Claim, labels: { has(id: string): boolean }): string {
  const ref = claim.nearbySources.find((r) => r.kind === 'citation' && labels.has(r.key));
  return ref && ref.kind === 'citation' ? ` (@${ref.key} is a cross-reference to a label of this brief, not a source.)` : '';
}

interface UndefinedReference {
  start: number;
  end: number;
  text: string;
  label: string;
}

/**
 * The reference links of the text (`[text][label]`, `[text][]`) that are no links, their
 * label being defined nowhere in the brief (the parser then reads them as text); not
 * footnote calls or citations. One pass, once per block.
 */
function undefinedReferences(text: string, links: ReadonlyArray<{ span: Span }>): UndefinedReference[] {
  const out: UndefinedReference[] = [];
  const linked = new SpanIndex(links.map((l) => l.span));
  let previous = -1;
  for (let i = text.indexOf(']['); i >= 0; i = text.indexOf('][', i + 2)) {
    const close = text.indexOf(']', i + 2);
    if (close < 0) break;
    // (Back to the `[` that opens the text, no further than the pair before.)
    const open = text.lastIndexOf('[', i - 1);
    if (open <= previous) continue;
    previous = i + 1;
    const inner = text.slice(open + 1, i);
    const label = text.slice(i + 2, close);
    if (!inner.trim() || label.includes('[') || label.includes('\n') || label.includes('\r') || label.startsWith('^') || label.startsWith('@') || inner.startsWith('^') || inner.includes('@')) continue;
    if (linked.overlaps(open, close + 1)) continue;
    out.push({ start: open, end: close + 1, text: text.slice(open, close + 1), label: label || inner });
  }
  return out;
}

