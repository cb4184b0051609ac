import { shorten } from '../text/shorten';
import { classify } from '../semantics/sourcing';
import { defineBlockRule, type Finding } from './types';
import { unreadAttributeList } from '../model/directives';

/**
 * `unsourced-claim`: a claim with no source, or only a placeholder (a *pending* source:
 * semantics/sourcing.ts). A claim whose references name nothing is left to
 * `unknown-source`, which points at the broken key instead.
 */
export const unsourcedClaim = defineBlockRule('unsourced-claim', (ctx) => {
  const out: Finding[] = [];
  for (const claim of ctx.model.claims) {
    const s = classify(ctx, ctx.document.footnotes, claim);
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
      message = !label
        ? 'This claim tag has no text and no source: write the claim inside brackets, :claim[…], and cite its source.'
        : unread
          ? `Claim "${shorten(claim.label)}" has no source: its attribute list ${attrs} is not read as the tag's (${unread.problem}).`
          : `Claim "${shorten(claim.label)}" has no source: add a citation such as [@key], a footnote, a link, or a src attribute.`;
    }
    out.push({ code: 'unsourced-claim', message, span: d.span, data: { sourcing: s.status } });
  }
  return out;
});

