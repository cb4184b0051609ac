import type { BuiltModel } from '../model/buildModel';
import type { Attribute, Directive } from '../model/types';

/**
 * A brief as Pandoc Markdown (`briefmark export`, docs/cli.md): each directive the model
 * recognised becomes Pandoc's own syntax, written at the model's exact offsets — nothing
 * else of the text is touched (citations, footnotes, front matter, code, tables stay as
 * they are):
 *
 * - text `:claim[label]{src=k #id .c}` → a bracketed span `[label]{.claim #id .c src="k"}`;
 * - container `:::rec[label]{…}` … `:::` → a fenced div `::: {.rec …}` whose first
 *   paragraph is the label, `[label]{.rec-label}` (the closing fence stays; an unclosed
 *   container is closed at its end, as the Markdown parser read it);
 * - leaf `::name[label]{…}` → a fenced div holding the label.
 *
 * Attribute values are quoted, with `"` and `\` escaped; `id` becomes `#id` (the element's
 * identifier), except on an actor tag, where it names the registry's actor and repeats
 * (`actor="fr-president"`); `class` values become classes. Nested directives (an actor
 * inside a claim) nest as spans.
 */
export function toPandocMarkdown(model: BuiltModel): string {
  const text = model.text;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const d of model.directives) {
    const hasLabel = d.labelSpan.end > d.labelSpan.start || text[d.labelSpan.start - 1] === '[';
    const openEnd = hasLabel ? d.labelSpan.start : d.nameSpan.end;
    const labelEnd = hasLabel ? d.labelSpan.end : d.nameSpan.end;
    const headerEnd = d.attributesSpan?.end ?? (hasLabel ? labelEnd + 1 : d.nameSpan.end);
    const attrs = pandocAttributes(d);
    const label = text.slice(d.labelSpan.start, d.labelSpan.end);
    if (d.kind === 'text') {
      edits.push({ start: d.span.start, end: openEnd, text: '[' });
      edits.push({ start: labelEnd, end: headerEnd, text: `]${attrs}` });
    } else {
      const colons = text.slice(d.span.start, d.nameSpan.start);
      const labelLine = label.trim() ? `\n\n[${label}]{.${d.name}-label}` : '';
      if (d.kind === 'container') {
        edits.push({ start: d.span.start, end: headerEnd, text: `${colons} ${attrs}${labelLine}${labelLine ? '\n' : ''}` });
        if (!d.closed) edits.push({ start: d.span.end, end: d.span.end, text: `${text[d.span.end - 1] === '\n' ? '' : '\n'}${colons}\n` });
      } else edits.push({ start: d.span.start, end: headerEnd, text: `${colons.length >= 3 ? colons : ':::'} ${attrs}${labelLine}\n${colons.length >= 3 ? colons : ':::'}` });
    }
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue; // never overlaps for a well-formed model; a safety net
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ')}"`;

/** `{.name #id .class key="value"}`: Pandoc's attribute syntax for a directive's attributes. */
function pandocAttributes(d: Directive): string {
  const parts = [`.${d.name}`];
  const id = d.attributes.find((a: Attribute) => a.name === 'id');
  if (id?.value && d.name === 'actor') parts.push(`actor=${quote(id.value)}`);
  else if (id?.value) parts.push(`#${id.value.replace(/\s+/g, '-')}`);
  for (const a of d.attributes) {
    if (a.name === 'id') continue;
    if (a.name === 'class') {
      for (const c of a.value.split(/\s+/).filter(Boolean)) parts.push(`.${c}`);
      continue;
    }
    parts.push(`${a.name}=${quote(a.value)}`);
  }
  return `{${parts.join(' ')}}`;
}
