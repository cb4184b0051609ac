/**
 * The one way YAML is read (front matter, conventions files, CSL YAML bibliographies):
 * the `yaml` library behind two guards against text that no real file holds.
 *
 * - **Nesting.** `yaml` parses nested collections by recursion; about 1,000 levels (`{`
 *   or `- ` repeated, a few kilobytes) exhaust the stack, and when V8 then compiles a
 *   regular expression there the process dies ("RegExpCompiler Allocation failed"), which
 *   no `catch` sees. A text whose collections may nest deeper than `MAX_YAML_DEPTH` is not
 *   parsed at all: the caller reports where.
 * - **Errors.** One error per line of a broken text can make tens of thousands: the
 *   first `MAX_YAML_ERRORS` are kept, the last of them saying how many follow. They are
 *   never "pretty" (`yaml` would copy the text's context into each: quadratic).
 * - **Collection keys.** `toJS` turns a key that is a map or a list into a string by
 *   printing it, and printing each level prints the levels inside it again: 300 nested
 *   `{` took 11 s. Such keys are replaced by their source text before anything is read.
 */
import { isCollection, isPair, parseDocument, Scalar, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/** Deeper than this, a YAML text is not parsed (a real file nests a handful of levels). */
export const MAX_YAML_DEPTH = 200;

/** The errors of a text kept at most. */
export const MAX_YAML_ERRORS = 100;

export type YamlResult = { doc: Document.Parsed; tooDeepAt?: undefined } | { doc?: undefined; tooDeepAt: number };

/** Parses `text`, or says where its nesting passes `MAX_YAML_DEPTH`; collection keys are replaced by their source text. */
export function readYaml(text: string, options?: ParseOptions & DocumentOptions & SchemaOptions): YamlResult {
  const tooDeepAt = yamlDepthPassed(text, MAX_YAML_DEPTH);
  if (tooDeepAt >= 0) return { tooDeepAt };
  const doc = parseDocument(text, { ...options, prettyErrors: false });
  if (doc.errors.length > MAX_YAML_ERRORS) {
    const more = doc.errors.length - MAX_YAML_ERRORS;
    doc.errors.length = MAX_YAML_ERRORS;
    const last = doc.errors[MAX_YAML_ERRORS - 1];
    last.message = `${last.message.split('\n')[0]} (and ${more} more errors after this one, not listed)`;
  }
  visit(doc, {
    Pair(_key, pair) {
      if (isPair(pair) && isCollection(pair.key)) {
        const range = pair.key.range;
        const key = new Scalar(range ? text.slice(range[0], range[1]).trim() : '');
        key.range = range;
        pair.key = key;
      }
    },
  });
  return { doc };
}

/** The message for a text `readYaml` refused. */
export function tooDeepMessage(what: string): string {
  return `${what} nests lists or maps more than ${MAX_YAML_DEPTH} levels deep here: not read`;
}

/**
 * Where the nesting of `text` may pass `limit`, or -1: an estimate in one pass, never
 * short of the true depth by more than a few levels. A level of block nesting takes a
 * column of indentation or a compact indicator (`- `, `? `, `: `) before the line's content
 * (a list at its key's indentation has its `- `) or after content (`a: - b`), a level of
 * flow nesting a `[` or `{` outside quotes, comments and block scalars (`|`, `>`); their
 * sum is counted.
 */
export function yamlDepthPassed(text: string, limit: number): number {
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineStart = i;
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const indent = i - lineStart;
    let block = indent;
    for (let c = text.charCodeAt(i); (c === 45 || c === 63 || c === 58) && isBlankOrEnd(text, i + 1); c = text.charCodeAt(i)) {
      block++;
      i++;
      while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    }
    if (block + flow > limit) return i;
    const content = scanLine(text, i, limit - block, flow);
    if (content.passedAt >= 0) return content.passedAt;
    flow = content.flow;
    i = nextLine(text, content.end);
    // A block scalar's lines (more indented than the line that opens it) are text.
    if (content.blockScalar && flow === 0)
      while (i < n) {
        let j = i;
        while (j < n && text.charCodeAt(j) === 32) j++;
        if (j - i <= indent && j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) break;
        i = nextLine(text, j);
      }
  }
  return -1;
}

function isBlankOrEnd(text: string, i: number): boolean {
  const c = i < text.length ? text.charCodeAt(i) : 10;
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** After the line ending at or after `i`. */
function nextLine(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  if (i < text.length && text.charCodeAt(i) === 13) i++;
  if (i < text.length && text.charCodeAt(i) === 10) i++;
  return i;
}

/** A line's content from `i`: its flow depth at the end, where it passes `room`, and whether it opens a block scalar. */
function scanLine(text: string, i: number, room: number, flow: number): { flow: number; end: number; passedAt: number; blockScalar: boolean } {
  const n = text.length;
  let previous = 32;
  // The last character outside quotes and comments.
  let last = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 35 /* # */ && (previous === 32 || previous === 9)) break;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // A quoted scalar, to its closing quote on this line (or the line's end).
      for (i++; i < n; i++) {
        const q = text.charCodeAt(i);
        if (q === 10 || q === 13) break;
        if (q === 92 /* \ */ && c === 34) i++;
        else if (q === c) break;
      }
      if (i >= n || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) break;
    } else if (c === 91 || c === 123) {
      if (++flow > room) return { flow, end: i, passedAt: i, blockScalar: false };
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
    else if (flow === 0 && (c === 58 || ((c === 45 || c === 63) && (previous === 32 || previous === 9))) && isBlankOrEnd(text, i + 1)) {
      // `a: - b: ? c`: a block level after the line's first content.
      if (flow > --room) return { flow, end: i, passedAt: i, blockScalar: false };
    }
    if (c !== 32 && c !== 9) last = i;
    previous = c;
  }
  // `key: |`, `- >-`, `|2+`: the indicator, its optional modifiers, after a space.
  let blockScalar = false;
  if (last >= 0) {
    let k = last;
    while (k > 0 && /[0-9+-]/.test(text[k]) && k > last - 2) k--;
    const c = text.charCodeAt(k);
    blockScalar = (c === 124 || c === 62) && (k === 0 || isBlankOrEnd(text, k - 1));
  }
  return { flow, end: i, passedAt: -1, blockScalar };
}

/** A value YAML cannot read unquoted, as written (`title: Out of Room: Prison Capacity`, at the top level or a reference's). */
export interface UnquotedValue {
  key: string;
  /** The value as meant: what the quoted value holds. */
  value: string;
  /** Offsets of the value as written in the text. */
  start: number;
  end: number;
  /** Why YAML refuses it, for the message. */
  why: string;
}

/** A `key: value` line, at the top level or inside a list or a map (`  - title: …`, `    title: …`, as a reference's fields are). */
const KEY_VALUE_LINE = /^[ \t]*(?:-[ \t]+)*([A-Za-z_][\w-]*):[ \t]+([^\r\n]+)$/gm;

/**
 * Why YAML refuses `value` written unquoted after a key, when it is one of the
 * common slips (a colon in a title, emphasis or a handle at its start, a quote never
 * closed), or undefined.
 */
function slip(value: string): { why: string; meant: string } | undefined {
  // A comment (` #`) ends a plain value: leave such lines to YAML's own message.
  if (/[ \t]#/.test(value)) return undefined;
  const q = value[0];
  if ((q === '"' || q === "'") && value.indexOf(q, 1) < 0) return { why: `it opens a quotation with ${q} and never closes it`, meant: value.slice(1) };
  if (q === '*' && /^\*[^\s*]/.test(value) && /\s/.test(value)) return { why: 'it starts with "*", which YAML reads as an alias (emphasis must be quoted)', meant: value };
  if (q === '@' || q === '`') return { why: `it starts with "${q}", which YAML reserves`, meant: value };
  if (q === '%') return { why: 'it starts with "%", which YAML reads as a directive', meant: value };
  if (/^[-"'[\]{}|>&*!%@`#,?:]/.test(value)) return undefined;
  if (/:[ \t]/.test(value)) return { why: 'it holds ": ", which YAML reads as a nested mapping', meant: value };
  return undefined;
}

/**
 * The most common broken front matter: a value YAML cannot read unquoted (a title with a
 * subtitle after a colon, or opening with emphasis or a handle, or a quotation never
 * closed), on a `key: value` line at the top level or inside a list or a map (a
 * reference's `title:`). Returns the text with each such value made harmless in place
 * (same length, so every offset read from it is the text's: the value's characters YAML
 * reads as syntax are replaced) and the values; `undefined` when no line has one.
 */
function unquotedValues(text: string): { text: string; values: UnquotedValue[] } | undefined {
  const values: UnquotedValue[] = [];
  let out = '';
  let from = 0;
  for (const m of text.matchAll(KEY_VALUE_LINE)) {
    const written = m[2].trimEnd();
    const found = slip(written);
    if (!found) continue;
    const start = m.index! + m[0].length - m[2].length;
    values.push({ key: m[1], value: found.meant, start, end: start + written.length, why: found.why });
    // A letter in place of the characters YAML reads as syntax: the value reads as a plain scalar (its text is `value`, kept aside).
    out += text.slice(from, start) + 'x'.repeat(written.length);
    from = start + written.length;
  }
  return values.length ? { text: out + text.slice(from), values } : undefined;
}

/**
 * `doc` (a reading of `text` with errors) read again with its values that need quotes
 * (`unquotedValues`) quoted: when that reading has no errors, it and the values, each with
 * the advice to report (why, that Pandoc refuses it when `pandoc`, and the quoted line; at
 * most `MAX_YAML_ERRORS`, the last saying how many follow); otherwise `doc` as it was and
 * no values. In the new reading each value is the one meant, in its place (a reference's
 * title too).
 */
export function withValuesQuoted(
  text: string,
  doc: Document.Parsed,
  options?: ParseOptions & DocumentOptions & SchemaOptions,
  pandoc = true,
): { doc: Document.Parsed; values: Array<UnquotedValue & { advice: string }> } {
  const unquoted = unquotedValues(text);
  if (!unquoted) return { doc, values: [] };
  const retry = readYaml(unquoted.text, options).doc;
  if (!retry || retry.errors.length) return { doc, values: [] };
  const meant = new Map(unquoted.values.map((v) => [v.start, v.value]));
  visit(retry, {
    Scalar(_key, node) {
      const value = node.range ? meant.get(node.range[0]) : undefined;
      if (value !== undefined) node.value = value;
    },
  });
  const shown = unquoted.values.slice(0, MAX_YAML_ERRORS);
  const more = unquoted.values.length - shown.length;
  const values = shown.map((v, i) => {
    const after = more && i === shown.length - 1 ? ` (and ${more} more values after this one, not listed)` : '';
    return { ...v, advice: `the value of "${v.key}" needs quotes — ${v.why}${pandoc ? ', and Pandoc refuses it' : ''}. Quote it: ${v.key}: ${JSON.stringify(v.value)}${after}` };
  });
  return { doc: retry, values };
}
