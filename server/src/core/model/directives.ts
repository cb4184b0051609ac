import type { Attribute, Directive, DirectiveKind } from './types';
import type { Span } from '../text/span';

/**
 * Locates the parts of a directive in its source text: the name, the label brackets and
 * each attribute with its value. remark-directive gives the values but not where they are;
 * diagnostics and quick fixes need exact ranges.
 */
export function readDirective(
  text: string,
  kind: DirectiveKind,
  name: string,
  start: number,
  end: number,
  values: Record<string, string | null | undefined>,
): Directive {
  let pos = start;
  while (pos < end && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  while (pos < end && text[pos] === ':') pos++;
  const nameSpan = { start: pos, end: Math.min(end, pos + name.length) };
  pos = nameSpan.end;
  // The first line holds the label and attributes for leaf and container directives.
  let lineEnd = end;
  if (kind !== 'text') {
    const nl = text.slice(pos, end).search(/[\r\n]/);
    if (nl >= 0) lineEnd = pos + nl;
  }
  let labelSpan = { start: pos, end: pos };
  // Only inside the directive's own text: `:rec[abc` is a directive `:rec` followed by text.
  if (pos < end && text[pos] === '[') {
    const close = matchBracket(text, pos, kind === 'container' ? lineEnd : end);
    labelSpan = { start: pos + 1, end: close < 0 ? lineEnd : close };
    pos = close < 0 ? lineEnd : close + 1;
  }
  let attributes: Attribute[] = [];
  let attributesSpan: Directive['attributesSpan'];
  if (pos < end && text[pos] === '{') {
    const close = closingBrace(text, pos, kind === 'text' ? end : lineEnd);
    const stop = close < 0 || close >= (kind === 'text' ? end : lineEnd) ? -1 : close;
    if (stop >= 0) {
      attributesSpan = { start: pos, end: stop + 1 };
      attributes = readAttributes(text, pos + 1, stop, values);
    }
  }
  let closed = true;
  if (kind === 'container') {
    const lastLine = text.slice(start, end).split(/\r?\n|\r/).pop() ?? '';
    closed = end > lineEnd && /^\s*:{3,}\s*$/.test(lastLine);
  }
  return {
    name,
    kind,
    span: { start, end },
    nameSpan,
    label: text.slice(labelSpan.start, labelSpan.end),
    labelSpan,
    attributes,
    attributesSpan,
    closed,
  };
}

/** The `}` that closes the attribute list opened at `open`, skipping quoted values (`{src="x}"}`); -1 if none before `limit`. */
function closingBrace(text: string, open: number, limit: number): number {
  let quote = '';
  let afterEquals = false;
  for (let i = open + 1; i < limit; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && afterEquals) quote = c;
    else if (c === '}') return i;
    if (c === '=') afterEquals = true;
    else if (c !== ' ' && c !== '\t') afterEquals = false;
  }
  return -1;
}

function matchBracket(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const ATTRIBUTE = /([#.])([^\s#.="'{}]+)|([A-Za-z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`{}]+)))?/g;

function readAttributes(text: string, from: number, to: number, values: Record<string, string | null | undefined>): Attribute[] {
  const inner = text.slice(from, to);
  const out: Attribute[] = [];
  for (const m of inner.matchAll(ATTRIBUTE)) {
    const at = from + m.index!;
    if (m[1]) {
      const nameOf = m[1] === '#' ? 'id' : 'class';
      out.push({ name: nameOf, value: m[2], span: { start: at, end: at + m[0].length }, valueSpan: { start: at + 1, end: at + m[0].length } });
      continue;
    }
    const name = m[3];
    const raw = m[4] ?? m[5] ?? m[6];
    let valueSpan = { start: at + m[0].length, end: at + m[0].length };
    if (raw !== undefined) {
      const quoted = m[4] !== undefined || m[5] !== undefined;
      const valueEnd = at + m[0].length - (quoted ? 1 : 0);
      valueSpan = { start: valueEnd - raw.length, end: valueEnd };
    }
    const parsed = values[name];
    out.push({ name, value: typeof parsed === 'string' ? parsed : raw ?? '', span: { start: at, end: at + m[0].length }, valueSpan });
  }
  // An attribute written twice (`{src=a src=b}`): the parser keeps the last value, so only
  // the last occurrence is the attribute; an earlier one paired with that value would point
  // quick fixes and renames at the wrong text.
  const last = new Map(out.map((a, i) => [a.name, i]));
  return out.filter((a, i) => a.name === 'class' || last.get(a.name) === i);
}

/** Splits a list attribute (`src`, `actor`) into its items with their spans. */
export function splitList(attr: Attribute, stripAt: boolean): Array<{ key: string; span: { start: number; end: number } }> {
  const out: Array<{ key: string; span: { start: number; end: number } }> = [];
  const raw = attr.value;
  for (const m of raw.matchAll(/[^\s,;]+/g)) {
    let key = m[0];
    let offset = m.index!;
    if (stripAt && key.startsWith('@')) {
      key = key.slice(1);
      offset++;
    }
    if (!key) continue;
    // The value comes from the parser and may differ from the source text (escapes, or a
    // brace inside a quoted value): never let a key's span leave the value's span.
    const start = Math.min(attr.valueSpan.start + offset, attr.valueSpan.end);
    out.push({ key, span: { start, end: Math.min(attr.valueSpan.end, start + key.length) } });
  }
  return out;
}

/** An attribute list after a text tag that the directive parser did not read (`unreadAttributeList`). */
export interface UnreadAttributeList {
  /** From its `{` to its `}` (or the end of its line). */
  span: Span;
  /** What is wrong with it, as a user would fix it. */
  problem: string;
  /** The edit that makes it the tag's, where one is certain (a quick fix checks that it reads back so). */
  fix?: { title: string; edits: Array<{ span: Span; newText: string }> };
}

/**
 * An attribute list written after a text tag that the parser did not take as the tag's
 * (`:claim[…]{src="a"id="b"}`: the list is then text, and the claim has no `src`), with
 * what is wrong with it as a user would fix it; undefined when the tag has its list or none
 * is written. The list is read up to its `}` on the same line (at most 500 characters).
 */
export function unreadAttributeList(text: string, d: Directive): UnreadAttributeList | undefined {
  if (d.kind !== 'text' || d.attributesSpan) return undefined;
  let open = d.span.end;
  while (open < text.length && (text.charCodeAt(open) === 32 || text.charCodeAt(open) === 9)) open++;
  if (text.charCodeAt(open) !== 123 /* { */) return undefined;
  const limit = Math.min(text.length, open + 500);
  let end = open + 1;
  let quote = 0;
  let problem: string | undefined;
  // Where a closing quote runs into the next attribute: a space goes there.
  const glued: number[] = [];
  for (; end < limit; end++) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    if (quote) {
      if (c !== quote) continue;
      quote = 0;
      // A closing quote must be followed by a space or the closing brace.
      const next = end + 1 < text.length ? text.charCodeAt(end + 1) : 125;
      if (next !== 32 && next !== 9 && next !== 125) {
        problem ??= 'separate its attributes with spaces';
        glued.push(end + 1);
      }
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 125 /* } */) {
      end++;
      break;
    } else if (c === 61 /* = */ && /^[\s}]/.test(text.charAt(end + 1) || '}')) problem ??= 'an attribute has no value: write id="" or leave it out';
  }
  const closed = text.charCodeAt(end - 1) === 125;
  const span = { start: open, end };
  if (open > d.span.end) return { span, problem: 'write it right after the closing bracket, with no space between', fix: { title: 'Remove the space before the attribute list', edits: [{ span: { start: d.span.end, end: open }, newText: '' }] } };
  if (quote) return { span, problem: 'a quotation mark in it is not closed' };
  if (!closed) return { span, problem: 'it has no closing brace on its line' };
  if (problem && glued.length) return { span, problem, fix: { title: 'Separate the attributes with spaces', edits: glued.map((at) => ({ span: { start: at, end: at }, newText: ' ' })) } };
  return { span, problem: problem ?? 'write it as {key=value key="two words"}' };
}
