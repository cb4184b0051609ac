import type { Directive } from '../model/types';
import type { Span } from '../text/span';
import type { ScopeModel } from '../model/types';

/** Every registered tag of the brief (claims, actors, tagged recommendations, team tags), in document order. */
export function allTags(ctx: { model: ScopeModel }): Directive[] {
  const { claims, actors, recommendations, customTags } = ctx.model;
  return [...claims.map((c) => c.directive), ...actors.map((a) => a.directive), ...recommendations.flatMap((r) => (r.directive ? [r.directive] : [])), ...customTags].sort(
    (a, b) => a.span.start - b.span.start,
  );
}

/** The opening of a tag: `:name[label]{attrs}` (for a container, its first line only). */
export function openingSpan(d: Directive): Span {
  const labelEnd = d.labelSpan.end > d.nameSpan.end ? d.labelSpan.end + 1 : d.nameSpan.end;
  const end = Math.min(d.span.end, Math.max(labelEnd, d.attributesSpan?.end ?? 0));
  return { start: d.span.start, end: Math.max(end, d.nameSpan.end) };
}

/**
 * An attribute list written after a text tag that the parser did not take as the tag's
 * (`:claim[…]{src="a"id="b"}`: the list is then text, and the claim has no `src`), with
 * what is wrong with it as a user would fix it; undefined when the tag has its list or none
 * is written. The list is read up to its `}` on the same line (at most 500 characters).
 */
export function unreadAttributeList(text: string, d: Directive): { span: Span; problem: string } | undefined {
  if (d.kind !== 'text' || d.attributesSpan) return undefined;
  let open = d.span.end;
  while (open < text.length && (text.charCodeAt(open) === 32 || text.charCodeAt(open) === 9)) open++;
  if (text.charCodeAt(open) !== 123 /* { */) return undefined;
  const limit = Math.min(text.length, open + 500);
  let end = open + 1;
  let quote = 0;
  let problem: string | undefined;
  for (; end < limit; end++) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    if (quote) {
      if (c !== quote) continue;
      quote = 0;
      // A closing quote must be followed by a space or the closing brace.
      const next = end + 1 < text.length ? text.charCodeAt(end + 1) : 125;
      if (next !== 32 && next !== 9 && next !== 125) problem ??= 'separate its attributes with spaces';
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 125 /* } */) {
      end++;
      break;
    } else if (c === 61 /* = */ && /^[\s}]/.test(text.charAt(end + 1) || '}')) problem ??= 'an attribute has no value: write id="" or leave it out';
  }
  const closed = text.charCodeAt(end - 1) === 125;
  if (open > d.span.end) problem = 'write it right after the closing bracket, with no space between';
  else if (quote) problem = 'a quotation mark in it is not closed';
  else if (!closed) problem = 'it has no closing brace on its line';
  return { span: { start: open, end }, problem: problem ?? 'write it as {key=value key="two words"}' };
}
