import { briefLabels } from '../model/labels';
import type { Analysis } from '../analysis';
import { BUILTIN_TAG_INFO, BUILTIN_TAGS, tagNames, type Conventions } from '../conventions/types';
import type { BibEntry } from '../sources/bibliography';
import type { Span } from '../text/span';
import { trailingRunStart } from '../text/trailing';

export type CompletionKind = 'tag' | 'attribute' | 'value' | 'actor' | 'track' | 'citation' | 'footnote';

export interface CompletionResult {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `span`; a snippet (`$1`, `$0`) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  span: Span;
  filterText?: string;
  sortText?: string;
}

/** Attributes, allowed values and descriptions of the built-in tags (spec §3): `BUILTIN_TAG_INFO`. */
const ATTRIBUTES: Record<string, ReadonlyArray<readonly [string, string]>> = Object.fromEntries(BUILTIN_TAGS.map((t) => [t, BUILTIN_TAG_INFO[t].attributes]));

const DEFAULT_VALUES: Record<string, Record<string, readonly string[]>> = Object.fromEntries(BUILTIN_TAGS.map((t) => [t, BUILTIN_TAG_INFO[t].values]));

const TAG_DOCS: Record<string, string> = Object.fromEntries(BUILTIN_TAGS.map((t) => [t, BUILTIN_TAG_INFO[t].description]));

const TAG_SNIPPETS: Record<string, string> = {
  claim: 'claim[$1]{src=$2}$0',
  actor: 'actor[$1]{id=$2}$0',
  rec: 'rec[$1]{track=$2}$0',
};

const KEY_CHARS = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;

/**
 * Completion at `offset`, from the text before it on the same line: tag names after `:`,
 * attribute names and values inside `{…}`, citation keys after `@` and `[@`, footnote ids
 * after `[^`. Nothing for a Markdown file that is not a brief.
 */
export function completionAt(analysis: Analysis, offset: number): CompletionResult[] {
  const { model, conventions } = analysis;
  if (!model.isBrief) return [];
  const text = model.text;
  offset = Math.max(0, Math.min(offset, text.length));
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const before = text.slice(lineStart, offset);
  // The rest of the word under the cursor is replaced too.
  let wordEnd = offset;
  while (wordEnd < text.length && KEY_CHARS.test(text[wordEnd]) && text[wordEnd] !== ':') wordEnd++;

  // Footnote ids after `[^`.
  const footnoteId = typedFootnoteId(before);
  if (footnoteId !== undefined) {
    const span = { start: offset - footnoteId.length, end: wordEnd };
    return model.footnoteDefinitions.map((d) => ({
      label: text.slice(d.labelSpan.start, d.labelSpan.end) || d.id,
      kind: 'footnote',
      detail: 'footnote',
      documentation: d.text || '*(empty footnote)*',
      insertText: text.slice(d.labelSpan.start, d.labelSpan.end) || d.id,
      span,
    }));
  }

  // Inside a directive's `{…}`: attribute values, then attribute names.
  let m = /:{1,3}([A-Za-z][\w-]*)(?:\[(?:[^\[\]\r\n]|\[[^\[\]\r\n]*\])*\])?\{([^{}\r\n]*)$/.exec(before);
  if (m) return attributeCompletion(analysis, m[1], m[2], offset, wordEnd);

  // Citation keys after `@` (not inside an e-mail address).
  m = /(?:^|[\s\[;(,])-?@\{?([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u.exec(before);
  if (m) {
    const span = { start: offset - m[1].length, end: wordEnd };
    return [...citationCompletion(analysis.bibliography.entries.values(), span), ...labelCompletion(analysis, span)];
  }

  // Tag names after `:`, `::` or `:::` at a word boundary (not `10:30`).
  m = /(?:^|[\s(\["'*_>])(:{1,3})([A-Za-z][\w-]*)?$/.exec(before);
  if (m) {
    const colons = m[1].length;
    const typed = m[2] ?? '';
    const span = { start: offset - typed.length, end: wordEnd };
    return tagNames(conventions)
      .filter((t) => colons !== 3 || t === 'rec' || !ATTRIBUTES[t])
      .map((name, i) => {
        const custom = !ATTRIBUTES[name];
        const container = colons === 3;
        const snippet = container ? `${name}[$1]{${name === 'rec' ? 'track=$2' : '$2'}}\n$0\n:::` : custom ? `${name}[$1]$0` : TAG_SNIPPETS[name];
        return {
          label: name,
          kind: 'tag' as const,
          detail: custom ? 'Briefmark tag (from the conventions)' : 'Briefmark tag',
          documentation: conventions.tags[name]?.description ?? TAG_DOCS[name],
          insertText: snippet,
          snippet: true,
          span,
          sortText: String(i).padStart(3, '0'),
        };
      });
  }
  return [];
}

/**
 * The footnote id typed at the end of `before`, after `[^` (no `]` or white space since):
 * group 1 of `/\[\^([^\]\s]*)$/`, found from the end. That regex read a long run of `[^`
 * to its end again from each one (quadratic); its match is the first `[^` in the trailing
 * run of characters other than `]` and white space.
 */
export function typedFootnoteId(before: string): string | undefined {
  const at = before.indexOf('[^', trailingRunStart(before, /[^\]\s]/));
  return at < 0 ? undefined : before.slice(at + 2);
}

/**
 * The last attribute of `attrs` when it ends inside its value (`name=val`, `name="v a l`):
 * the match of `/([\w-]+)\s*=\s*(?:"([^"]*)|([^\s"=]*))$/` (`value` is group 2 or 3), found
 * from the end. That regex read every run of name characters to its end again from each
 * of its characters (quadratic). What follows its `=` and white space is either the last
 * quote and everything after it, or the trailing run without white space, quote or `=`;
 * each fixes the `=`, and so the name before it (a whole run: a match starts at the first
 * name character, the others give the same end). The earlier of the two wins.
 */
export function typedAttributeValue(attrs: string): { name: string; value: string } | undefined {
  const quote = attrs.lastIndexOf('"');
  const quoted = quote >= 0 ? nameBefore(attrs, quote) : undefined;
  const bare = trailingRunStart(attrs, /[^\s"=]/);
  const unquoted = nameBefore(attrs, bare);
  if (quoted && (!unquoted || quoted.start < unquoted.start)) return { name: quoted.name, value: attrs.slice(quote + 1) };
  return unquoted ? { name: unquoted.name, value: attrs.slice(bare) } : undefined;
}

/**
 * The names followed by `=` in `attrs`: what `/([\w-]+)\s*=/g` finds, reading each run of
 * name characters once (that regex read a run that no `=` follows again from each of its
 * characters).
 */
export function assignedNames(attrs: string): Set<string> {
  return new Set([...attrs.matchAll(/([\w-]+)(?:\s*(=))?/g)].filter((m) => m[2]).map((m) => m[1]));
}

/** The name of `name = ` (white space optional) that ends at `at`, and where it starts. */
function nameBefore(attrs: string, at: number): { name: string; start: number } | undefined {
  const equals = trailingRunStart(attrs.slice(0, at), /\s/) - 1;
  if (attrs[equals] !== '=') return undefined;
  const end = trailingRunStart(attrs.slice(0, equals), /\s/);
  const start = trailingRunStart(attrs.slice(0, end), /[\w-]/);
  return start < end ? { name: attrs.slice(start, end), start } : undefined;
}

function attributeCompletion(analysis: Analysis, tag: string, attrs: string, offset: number, wordEnd: number): CompletionResult[] {
  const { conventions } = analysis;
  if (!tagNames(conventions).includes(tag)) return [];
  // The last attribute, when the cursor is in its value: `name=val` or `name="v a l`.
  const value = typedAttributeValue(attrs);
  if (value) {
    const name = value.name;
    const typedValue = value.value;
    const multi = name === 'src' || (tag === 'rec' && name === 'actor');
    // In a list, only the current item is replaced.
    const item = multi ? typedValue.slice(trailingRunStart(typedValue, /[^\s,;]/)) : typedValue;
    const start = offset - item.length + (name === 'src' && item.startsWith('@') ? 1 : 0);
    return valueCompletion(analysis, tag, name, { start, end: wordEnd });
  }
  const name = /(?:^|[\s,])([\w-]*)$/.exec(attrs);
  if (!name) return [];
  const present = assignedNames(attrs);
  const span = { start: offset - name[1].length, end: wordEnd };
  const rule = conventions.tags[tag];
  const names = new Map<string, string>(ATTRIBUTES[tag] ?? []);
  for (const a of rule?.required ?? []) if (!names.has(a)) names.set(a, 'Required by the conventions');
  for (const a of Object.keys(rule?.attributes ?? {})) if (!names.has(a)) names.set(a, `One of: ${rule!.attributes![a].join(', ')}`);
  return [...names]
    .filter(([n]) => !present.has(n))
    .map(([n, doc]) => ({
      label: n,
      kind: 'attribute' as const,
      detail: rule?.required?.includes(n) ? 'required' : undefined,
      documentation: doc,
      insertText: `${n}=`,
      span,
    }));
}

function valueCompletion(analysis: Analysis, tag: string, name: string, span: Span): CompletionResult[] {
  const { conventions, model } = analysis;
  if ((tag === 'actor' && name === 'id') || (tag === 'claim' && name === 'by') || (tag === 'rec' && name === 'actor')) return actorCompletion(conventions, span);
  if (tag === 'rec' && name === 'track') {
    const out: CompletionResult[] = [];
    for (const t of model.framework?.tracks ?? []) {
      out.push({ label: t.number, kind: 'track', detail: `Track ${t.number}: ${t.title}`, insertText: t.number, span, filterText: `${t.number} ${t.title}` });
    }
    for (const t of conventions.framework.tracks) {
      out.push({ label: t.id, kind: 'track', detail: t.title, documentation: 'A track of the conventions', insertText: t.id, span });
    }
    return out;
  }
  if (name === 'src') {
    const keys = citationCompletion(analysis.bibliography.entries.values(), span);
    const known = new Set(keys.map((k) => k.label));
    for (const d of model.footnoteDefinitions) if (!known.has(d.id) && !d.empty) keys.push({ label: d.id, kind: 'footnote', detail: 'footnote', documentation: d.text, insertText: d.id, span });
    for (const k of analysis.sourceDocuments.keys()) if (!known.has(k)) keys.push({ label: k, kind: 'citation', detail: 'source document', insertText: k, span });
    return keys;
  }
  const allowed = conventions.tags[tag]?.attributes?.[name] ?? DEFAULT_VALUES[tag]?.[name] ?? [];
  return allowed.map((v, i) => ({ label: v, kind: 'value' as const, insertText: v, span, sortText: String(i).padStart(3, '0') }));
}

function actorCompletion(conventions: Conventions, span: Span): CompletionResult[] {
  return conventions.actors.map((a) => ({
    label: a.id,
    kind: 'actor' as const,
    detail: a.name,
    documentation: [a.type && `*${a.type}*`, a.role, a.description, a.aliases?.length ? `Also: ${a.aliases.join(', ')}` : undefined].filter(Boolean).join('\n\n') || undefined,
    insertText: a.id,
    span,
    filterText: `${a.id} ${a.name}`,
  }));
}

/** The brief's labels (`{#fig-trend}`, model/labels.ts), for Quarto's and pandoc-crossref's cross-references: after the entries, and not an entry's key. */
function labelCompletion(analysis: Analysis, span: Span): CompletionResult[] {
  const out: CompletionResult[] = [];
  for (const id of briefLabels(analysis.model).keys()) {
    if (analysis.bibliography.entries.has(id)) continue;
    out.push({ label: id, kind: 'citation', detail: 'cross-reference to a label of this brief', insertText: id, span, filterText: id, sortText: `~${id}` });
  }
  return out;
}

function citationCompletion(entries: Iterable<BibEntry>, span: Span): CompletionResult[] {
  const out: CompletionResult[] = [];
  for (const e of entries) {
    const who = e.authors.length > 2 ? `${e.authors[0]} et al.` : e.authors.join(', ');
    out.push({
      label: e.key,
      kind: 'citation',
      detail: [who, e.year].filter(Boolean).join(' ') || undefined,
      documentation: e.title ? `*${e.title}*` : undefined,
      insertText: e.key,
      span,
      filterText: e.key,
    });
  }
  return out;
}
