import { firstInside } from '../../../server/src/core/text/sortedSpans';
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../../../server/src/core/analysis';
import { mergeConventions } from '../../../server/src/core/conventions/mergeConventions';
import { parseConventions } from '../../../server/src/core/conventions/parseConventions';
import type { Conventions } from '../../../server/src/core/conventions/types';
import { summarize, type BriefSummary } from '../../../server/src/core/features/briefSummary';
import { applyEdits, codeActions, type CodeActionResult, type TextEdit } from '../../../server/src/core/features/codeActions';
import { prepareRenameAt, referencesAt, renameAt, targetAt, type RenameEdit } from '../../../server/src/core/features/navigation';
import type { Code, Diagnostic, SourceDocument } from '../../../server/src/core/rules/types';
import { claimSourcing } from '../../../server/src/core/semantics/sourcing';
import { documentFacts } from '../../../server/src/core/rules/scope';
import { labelReadsAsCitation } from '../../../server/src/core/sources/citations';
import { bibliographyFormat, parseBibliographyText } from '../../../server/src/core/sources/bibliographyFile';
import { mergeBibliographies, type Bibliography } from '../../../server/src/core/sources/bibliography';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import { guardText } from '../../../server/src/core/parse/guards';
import type { Span } from '../../../server/src/core/text/span';
import { NodeWorkspace } from '../../../server/src/node/nodeWorkspace';
import * as proto from '../../../server/src/protocol/toProto';

/**
 * "Edits never corrupt" (docs/reliability.md): every quick fix and every rename, applied
 * to a brief the way an LSP client applies a WorkspaceEdit, gives a document that still
 * analyses, differs only where the edit said, and passes the checker with the targeted
 * finding gone and nothing new except what that kind of fix may introduce (each exception
 * is written next to its rule below).
 */

/** Everything around a brief: its conventions, bibliography files, source documents, other files. */
export interface World {
  uri: string;
  relativePath?: string;
  conventions: Conventions;
  /** Entries of bibliography files (not the brief's own front matter, which is read from its text). */
  bibliography: Bibliography;
  sourceDocuments: Map<string, SourceDocument>;
  /** Texts of the other files a rename may edit (conventions, bibliography files, other briefs). */
  files: Map<string, string>;
  /** Other briefs of the workspace (uri → text), for renames across documents. */
  others: string[];
}

/**
 * The analysis of a text in the world, parsed in one piece (`oneShot`): what the Markdown
 * means, whichever way it is parsed. That the block-wise parse of the editor agrees with it
 * is the blocks property's business (test/unit/blocks.test.ts, incremental.property.test.ts).
 */
export const analyzeIn = (world: World, uri: string, text: string): Analysis =>
  analyze({ uri, text, relativePath: uri === world.uri ? world.relativePath : undefined }, { conventions: world.conventions, bibliography: world.bibliography, sourceDocuments: world.sourceDocuments, oneShot: true });

// ---------------------------------------------------------------------------------------
// The fuzz world: conventions with actors (a YAML file a rename edits), a BibTeX file, a
// source document, and a second brief that cites and names the same things.

const FUZZ_CONVENTIONS_URI = 'file:///fuzz/.briefmark.yaml';
const FUZZ_BIB_URI = 'file:///fuzz/refs.bib';
const FUZZ_OTHER_URI = 'file:///fuzz/other.brief.md';
export const FUZZ_CONVENTIONS = `actors:
  - id: fr-president
    name: Emmanuel Macron
    type: person
    aliases: [Macron, President Macron]
  - { id: imf, name: IMF, type: organisation }
  - id: "eu"
    name: European Union
    type: coalition
tags:
  risk: { required: [level] }
framework:
  tracks:
    - { id: diplomatic, title: Diplomatic Pathway }
`;
export const FUZZ_BIB = `@report{wire,
  title = {Officials said the ceasefire talks stalled},
  author = {Wire, Agency},
  year = {2025}
}
@article{nowhere2,
  title = {Frozen assets worth billions},
  year = {2024}
}
@misc{b, title = {Talks}}
@book{clé-2025, title = {Macron and the IMF}}
`;
/** The text of source `b` (sources/b.md): claims citing `b` are checked against it (quotations, figures). */
const FUZZ_SOURCE = 'Officials said "the talks stalled badly" after Geneva; 40% of the $400 billion is frozen. Spending reached €4,213 million.';
const FUZZ_OTHER = `---
brief: true
---
Macron said so [@wire]. :claim[It stalled]{src=wire by=fr-president} :rec[Act]{track=1 actor="imf fr-president"} and :actor[Macron] [^n].

[^n]: A note.
`;

function conventionsFrom(uri: string, text: string): Conventions {
  const parsed = parseConventions(uri, text);
  assert.deepEqual(parsed.problems, [], `${uri} has problems`);
  return mergeConventions([parsed.layer]);
}

export function fuzzWorld(): World {
  return {
    uri: 'file:///fuzz/case.brief.md',
    relativePath: 'case.brief.md',
    conventions: conventionsFrom(FUZZ_CONVENTIONS_URI, FUZZ_CONVENTIONS),
    bibliography: parseBibliographyText(FUZZ_BIB, FUZZ_BIB_URI, 'bibtex'),
    sourceDocuments: new Map([['b', { key: 'b', uri: 'file:///fuzz/sources/b.md', text: FUZZ_SOURCE }]]),
    files: new Map([
      [FUZZ_CONVENTIONS_URI, FUZZ_CONVENTIONS],
      [FUZZ_BIB_URI, FUZZ_BIB],
      [FUZZ_OTHER_URI, FUZZ_OTHER],
    ]),
    others: [FUZZ_OTHER_URI],
  };
}

/**
 * A fixture brief on disk, with what the server would give it: the nearest
 * `NAME.briefmark.yaml` or `.briefmark.yaml` (walking up inside the fixture folders),
 * its bibliography files and source documents (read by NodeWorkspace).
 */
export function fixtureWorld(path: string, root: string): World {
  const uri = pathToFileURL(path).href;
  let conventions: Conventions | undefined;
  let conventionsUri: string | undefined;
  const beside = path.replace(/\.md$/, '.briefmark.yaml');
  const files = new Map<string, string>();
  const candidates = [beside];
  for (let dir = dirname(path); dir.startsWith(root); dir = dirname(dir)) candidates.push(join(dir, '.briefmark.yaml'));
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    conventionsUri = pathToFileURL(c).href;
    const text = readFileSync(c, 'utf8');
    const parsed = parseConventions(conventionsUri, text);
    conventions = mergeConventions([parsed.layer]);
    files.set(conventionsUri, text);
    break;
  }
  conventions ??= mergeConventions([]);
  const ws = new NodeWorkspace();
  const text = readFileSync(path, 'utf8');
  const first = analyze({ uri, text }, { conventions });
  const bibliography = ws.bibliographyFor(uri, first.model, conventions);
  for (const e of bibliography.entries.values()) {
    if (files.has(e.origin.uri) || e.origin.uri === uri) continue;
    const p = new URL(e.origin.uri).pathname;
    if (existsSync(p)) files.set(e.origin.uri, readFileSync(p, 'utf8'));
  }
  return { uri, relativePath: path.slice(root.length + 1), conventions, bibliography, sourceDocuments: ws.sourceDocumentsFor(uri, conventions), files, others: [] };
}

/** The world after a rename edited some of its files: conventions and bibliography files parsed again. */
function worldAfter(world: World, changed: Map<string, string>): World {
  let { conventions, bibliography } = world;
  const files = new Map(world.files);
  for (const [uri, text] of changed) {
    if (uri === world.uri) continue;
    files.set(uri, text);
    if (uri === conventions.uri) {
      const parsed = parseConventions(uri, text);
      assert.deepEqual(parsed.problems.map((p) => p.message), [], `the renamed conventions file still validates: ${show(text)}`);
      conventions = mergeConventions([parsed.layer]);
      continue;
    }
    const format = bibliographyFormat(uri);
    if (format && [...bibliography.entries.values()].some((e) => e.origin.uri === uri)) {
      const reparsed = parseBibliographyText(text, uri, format);
      const problemsBefore = bibliography.problems.filter((p) => p.uri === uri).length;
      assert.ok(reparsed.problems.length <= problemsBefore, `the renamed bibliography file parses as well as before: ${show(text)}\n${reparsed.problems.map((p) => p.message).join('\n')}`);
      const rest: Bibliography = { entries: new Map([...bibliography.entries].filter(([, e]) => e.origin.uri !== uri)), problems: bibliography.problems.filter((p) => p.uri !== uri) };
      bibliography = mergeBibliographies(reparsed, rest);
    }
  }
  return { ...world, conventions, bibliography, files };
}

// ---------------------------------------------------------------------------------------
// Edits: well formed, and applied as an LSP client applies them.

interface Edit {
  span: Span;
  newText: string;
}

/** Property 1: spans inside the text, ordered sensibly, never inside a surrogate pair or a CRLF. */
export function assertWellFormed(text: string, edits: Edit[], what: string): void {
  for (const e of edits) {
    const { start, end } = e.span;
    assert.ok(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, `${what}: span [${start}, ${end}) outside [0, ${text.length}]`);
    for (const o of [start, end]) {
      const a = text.charCodeAt(o - 1);
      const b = text.charCodeAt(o);
      assert.ok(!(a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff), `${what}: offset ${o} splits a surrogate pair`);
      assert.ok(!(a === 13 && b === 10), `${what}: offset ${o} splits a CRLF`);
    }
  }
  const sorted = [...edits].sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end);
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i - 1].span;
    const q = sorted[i].span;
    assert.ok(q.start >= p.end, `${what}: edits [${p.start}, ${p.end}) and [${q.start}, ${q.end}) overlap`);
    // Two edits at one point are fine for inserts only (LSP: their order in the array is their order in the text).
    if (q.start === p.end && q.start === q.end && p.start === p.end) continue;
  }
}

/** The text with edits applied by offsets, in LSP order: by start, inserts at one place in array order. */
export function splice(text: string, edits: Edit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** As a client does: offsets → LSP ranges (`toProto`), then `TextDocument.applyEdits` (vscode-languageserver-textdocument). */
export function applyLikeClient(text: string, lspEdits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), lspEdits);
}

/** Applies edits every way and checks they agree: the client's result, the offset splice, the core's `applyEdits`. */
function applyAll(text: string, edits: Edit[], lsp: Parameters<typeof applyLikeClient>[1], what: string): string {
  const expected = splice(text, edits);
  assert.equal(applyLikeClient(text, lsp), expected, `${what}: an LSP client applies the edits differently from their offsets`);
  assert.equal(applyEdits(text, edits as TextEdit[]), expected, `${what}: the core's applyEdits differs from an LSP client`);
  return expected;
}

/** Where an offset of the old text is in the new one. Inserts at `o` count before it when `before`. */
/**
 * Edits in document order, with the shift each one's predecessors make, sorted once per
 * list (a rename of thousands of citations maps every finding and reference through them).
 */
const SORTED = new WeakMap<Edit[], { edits: Edit[]; shift: number[] }>();
function sorted(edits: Edit[]): { edits: Edit[]; shift: number[] } {
  let s = SORTED.get(edits);
  if (!s) {
    const list = [...edits].sort((a, b) => a.span.start - b.span.start);
    const shift = [0];
    for (const e of list) shift.push(shift[shift.length - 1] + e.newText.length - (e.span.end - e.span.start));
    SORTED.set(edits, (s = { edits: list, shift }));
  }
  return s;
}

function mapOffset(edits: Edit[], o: number, before: boolean): number {
  const { edits: list, shift } = sorted(edits);
  // The edits that end before `o` (a prefix: the edits do not overlap), found by binary search; then those at `o`.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.end < o) lo = mid + 1;
    else hi = mid;
  }
  let delta = shift[lo];
  for (let i = lo; i < list.length; i++) {
    const { start, end } = list[i].span;
    const insert = start === end;
    if (end === o && (!insert || before)) delta += list[i].newText.length - (end - start);
    else if (start < o && o < end) return start + delta + (before ? 0 : list[i].newText.length);
    else if (start >= o) break;
  }
  return o + delta;
}

export function mapSpan(edits: Edit[], s: Span): Span {
  const start = mapOffset(edits, s.start, true);
  return { start, end: Math.max(start, mapOffset(edits, s.end, false)) };
}

/** Inserted text breaks lines only the ways the document does (LF in a document without line breaks). */
function assertLineBreaks(text: string, edits: Edit[], what: string): void {
  const styles = new Set(text.match(/\r\n|\r|\n/g) ?? ['\n']);
  for (const e of edits) for (const m of e.newText.matchAll(/\r\n|\r|\n/g)) assert.ok(styles.has(m[0]), `${what}: inserts ${JSON.stringify(m[0])} into a document whose lines end with ${JSON.stringify([...styles])}`);
}

/** A text for a failure message: quoted (line breaks visible), cut when long. */
const show = (t: string) => (t.length > 4000 ? JSON.stringify(t.slice(0, 4000)) + ` … (${t.length} characters)` : JSON.stringify(t));

function assertAnalyses(a: Analysis, what: string): void {
  assert.deepEqual(a.failures.map((f) => `${f.code}: ${String(f.error instanceof Error ? f.error.stack : f.error)}`), [], `${what}: no rule throws`);
  const n = a.model.text.length;
  for (const d of a.diagnostics) assert.ok(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= n, `${what}: diagnostic ${d.code} outside the document`);
}

/**
 * Where the parser's guards act (parse/guards.ts), an edit may change more than its text:
 * containers nested past the depth guards (directives past 12, markers past 32) are
 * neutralised by a line scan that needs no exact nesting, so an edit before them (a `:::`
 * line that stops closing anything) can shift them by a level; and a paragraph heavy with
 * brackets or delimiter runs makes even a `oneShot` analysis parse block by block, which
 * is the blocks property's to check (a seed where it disagrees with the whole parse is in
 * docs/reliability.md). There only properties 1-2 and the fixed finding are checked. (The
 * attribute and label guards are exact: the `{` or a label's `[` they neutralise is text
 * for micromark either way.)
 */
function guarded(text: string, a: Analysis): boolean {
  const exact = (at: number) => text[at] === '{' || (text[at] === '[' && text[at + 1] !== '^');
  return [...guardText(text).marks].some(([at]) => !exact(at)) || a.parsed.blocks.length > 1;
}

// ---------------------------------------------------------------------------------------
// Quick fixes.

type Kind = 'suppress' | 'cite' | 'placeholder' | 'note-footnote' | 'note-list' | 'headings' | 'tag-claim' | 'tag-name' | 'attribute-list' | 'suppression-code' | 'source-key' | 'footnote-definition' | 'source-text' | 'front-matter-value';

function kindOf(a: CodeActionResult): Kind {
  if (a.title.startsWith('Suppress ')) return 'suppress';
  if (a.title.startsWith('Cite @')) return 'cite';
  if (a.title.startsWith('Add a footnote placeholder')) return 'placeholder';
  if (a.title.startsWith('Make the inline note ')) return 'note-footnote';
  if (a.title.startsWith("Make the brief's ") && / heading lines Markdown headings\b/.test(a.title)) return 'headings';
  if (a.title.startsWith("Make the brief's ")) return 'note-list';
  if (a.title === 'Tag this sentence as a claim') return 'tag-claim';
  if (a.title.startsWith('Create the footnote definition')) return 'footnote-definition';
  if (a.title === 'Separate the attributes with spaces' || a.title === 'Remove the space before the attribute list') return 'attribute-list';
  if ((a.title.startsWith('Change to') && a.diagnostic.code === 'figure-not-in-source') || a.title.startsWith("Use the source's wording") || a.title.startsWith('Write "about ')) return 'source-text';
  if (a.title.startsWith('Quote the value: ') && a.diagnostic.code === 'invalid-conventions') return 'front-matter-value';
  if (a.title.startsWith('Change to')) return a.diagnostic.code === 'unknown-tag' ? 'tag-name' : a.diagnostic.code === 'invalid-conventions' ? 'suppression-code' : 'source-key';
  throw new Error(`a quick fix this property does not know: "${a.title}" (add its rules to test/unit/fuzz/edits.ts)`);
}

interface Seen {
  code: Code;
  span: Span;
  data?: Record<string, unknown>;
}
const key = (d: Seen) => `${d.code}@${d.span.start}-${d.span.end}`;
const within = (s: Span, outer: Span) => s.start >= outer.start && s.end <= outer.end;
const overlapsOrTouches = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

/** Figures for docs/reliability.md. */
export const editStats = { documents: 0, actions: 0, renames: 0, refused: 0, byKind: {} as Record<string, number> };

/**
 * Every quick fix of every diagnostic of `text`, applied and checked. `limit` bounds the
 * number of actions checked (spread over the diagnostics) for large fuzzed documents.
 */
export function checkQuickFixes(world: World, text: string, limit = Infinity): void {
  const before = analyzeIn(world, world.uri, text);
  assertAnalyses(before, 'before');
  if (!before.model.isBrief) return;
  // The actions of each diagnostic, asked for over its own range as a client does (diagnostics spread over the
  // document when there are more actions than `limit`).
  const ds = before.diagnostics;
  const order = ds.map((_, i) => i);
  if (ds.length > 4 && Number.isFinite(limit)) order.sort((a, b) => spread(a, ds.length) - spread(b, ds.length));
  let checked = 0;
  for (const i of order) {
    const d = ds[i];
    const actions = codeActions(before, d.span);
    // Every action belongs to a diagnostic that touches the range asked about.
    for (const a of actions) assert.ok(before.diagnostics.includes(a.diagnostic) && a.diagnostic.span.start <= d.span.end && d.span.start <= a.diagnostic.span.end, `"${a.title}": for a diagnostic outside the range`);
    for (const a of actions) {
      if (a.diagnostic !== d) continue;
      if (checked++ >= limit) return;
      checkQuickFix(world, text, before, a);
    }
  }
}

/** A permutation that visits 0..n-1 spread out (bit-reversed order): the first few are far apart. */
function spread(i: number, n: number): number {
  const bits = Math.max(1, Math.ceil(Math.log2(n)));
  let r = 0;
  for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
  return r;
}

export function checkQuickFix(world: World, text: string, before: Analysis, action: CodeActionResult): void {
  const d = action.diagnostic;
  const kind = kindOf(action);
  const what = `"${action.title}" on ${d.code} at ${d.span.start}-${d.span.end} ${JSON.stringify(text.slice(d.span.start, d.span.end).slice(0, 60))}`;
  editStats.actions++;
  editStats.byKind[kind] = (editStats.byKind[kind] ?? 0) + 1;
  const edits = action.edits;
  assert.ok(edits.length > 0, `${what}: no edits`);
  assertWellFormed(text, edits, what);
  assertLineBreaks(text, edits, what);
  const lsp = proto.codeAction(before.model.lines, world.uri, action);
  assert.deepEqual(Object.keys(lsp.edit!.changes!), [world.uri], `${what}: edits this document only`);
  const fixed = applyAll(text, edits, lsp.edit!.changes![world.uri], what);
  const after = analyzeIn(world, world.uri, fixed);
  const ctx = `${what}\n--- before: ${show(text)}\n--- after: ${show(fixed)}`;
  assertAnalyses(after, ctx);
  assert.ok(after.model.isBrief, `${ctx}\nstill a brief`);

  const m = (s: Span) => mapSpan(edits, s);
  const target = m(d.span);
  const lines = after.model.lines;

  // What each kind of fix writes, and what it must have achieved.
  const insertedOnly = edits.every((e) => e.span.start === e.span.end);
  switch (kind) {
    case 'suppress': {
      if (action.title.endsWith(' in this paragraph')) {
        // A disable comment on a line of its own before the paragraph, an enable comment after it.
        assert.equal(edits.length, 2, ctx);
        const [open, close] = edits;
        assert.ok(insertedOnly, ctx);
        assert.match(open.newText, new RegExp(`^<!-- briefmark-disable ${d.code} -->(?:\\r\\n|\\n|\\r)$`), ctx);
        assert.match(close.newText, new RegExp(`^(?:\\r\\n|\\n|\\r)<!-- briefmark-enable ${d.code} -->$`), ctx);
        assert.equal(before.model.lines.positionAt(open.span.start).character, 0, `${ctx}\nthe disable comment starts a line`);
        const regions = (a: Analysis) => a.model.suppressions.filter((x) => x.kind !== 'next-line' && x.codes.join(' ') === d.code);
        assert.equal(regions(after).length, regions(before).length + 2, `${ctx}\nread as a region`);
        const targetLineNow = lines.positionAt(target.start).line;
        const opened = regions(after).filter((x) => x.kind === 'disable' && x.line < targetLineNow).pop();
        const closed = regions(after).find((x) => x.kind === 'enable' && x.line > targetLineNow);
        assert.ok(opened && closed, `${ctx}\nthe region holds the diagnostic's line`);
        break;
      }
      // A comment line before the diagnostic's line (indented, with its `>` markers), or inline at the end of the line before.
      assert.equal(edits.length, 1, ctx);
      const [e] = edits;
      const at = before.model.lines.positionAt(e.span.start);
      const line = before.model.lines.positionAt(d.span.start).line;
      const comment = `<!-- briefmark-disable-next-line ${d.code} -->`;
      const ownLine = at.line === line && at.character === 0 && new RegExp(`^[ \\t>]*${comment}(?:\\r\\n|\\n|\\r)$`).test(e.newText);
      const inline = at.line === line - 1 && e.newText === ` ${comment}` && /^\\?[ \t]*(?:\r\n|\r|\n|$)/.test(text.slice(e.span.start));
      // Or the code added to the comment that the line has already.
      const added = e.newText === ` ${d.code}` && before.model.suppressions.some((x) => x.kind === 'next-line' && x.line === line && x.codeSpans.some((c) => c.end === e.span.start));
      assert.ok(insertedOnly && (ownLine || inline || added), `${ctx}\ninserts a comment line, or a comment at the end of the line before, or the code into the line's comment`);
      const s = added
        ? after.model.suppressions.find((x) => x.codeSpans.some((c) => c.start === mapOffset(edits, e.span.start, false) + 1))
        : after.model.suppressions.find((x) => x.span.start >= e.span.start && x.span.end <= e.span.start + e.newText.length);
      assert.ok(s && s.kind === 'next-line' && (added ? s.codes.includes(d.code) : s.codes.join(' ') === d.code), `${ctx}\nthe comment is read as a suppression`);
      assert.equal(s.line, lines.positionAt(target.start).line, `${ctx}\nit silences the diagnostic's line`);
      break;
    }
    case 'cite':
    case 'placeholder': {
      const claimAfter = d.code === 'unsourced-claim' ? after.model.claims.find((c) => c.directive.span.start === target.start) : undefined;
      if (d.code === 'unsourced-claim') {
        assert.ok(claimAfter, `${ctx}\nthe claim is still there`);
        // A citation sources the claim; a placeholder leaves it pending (never counted as sourced), still reported.
        const status = claimSourcing(after, claimAfter).status;
        if (kind === 'cite') assert.equal(status, 'sourced', `${ctx}\nthe claim is sourced`);
        else {
          assert.equal(status, 'pending', `${ctx}\nthe claim's source is pending`);
          assert.ok(after.diagnostics.some((x) => x.code === 'unsourced-claim' && x.span.start === target.start && /source still to be added/.test(x.message)), `${ctx}\nthe claim is still reported: source still to be added`);
        }
      }
      // A text claim or a sentence gets a reference after it; a leaf or container claim a `src` attribute.
      const viaSrc = /src=/.test(edits[0].newText) || (!!claimAfter && claimAfter.directive.kind !== 'text');
      const srcKeys = (claimAfter?.srcKeys ?? []).map((k) => k.key);
      if (kind === 'cite') {
        assert.equal(edits.length, 1, ctx);
        // A citation typed by hand is replaced with its page kept as the locator: `[@key, p. 4]`.
        const k = viaSrc ? srcKeys.find((x) => before.bibliography.entries.has(x)) : /^ ?\[@([^\],]+)(?:, (?:pp?\. ?)?\d+(?:[–-]\d+)?)?\]$/.exec(edits[0].newText)?.[1];
        assert.ok(k && before.bibliography.entries.has(k), `${ctx}\ncites a known entry`);
        if (!viaSrc) {
          const keyAt = mapOffset(edits, edits[0].span.start, false) + edits[0].newText.indexOf('@') + 1;
          assert.ok(after.model.citations.some((c) => c.items.some((i) => i.key === k && i.keySpan.start === keyAt)), `${ctx}\nthe citation is read as a citation of ${k}`);
        }
      } else {
        assert.equal(edits.length, 2, ctx);
        const id = viaSrc ? /source-\d+/.exec(edits[0].newText)?.[0] : /^ ?\[\^([^\]]+)\]$/.exec(edits[0].newText)?.[1];
        assert.ok(id, `${ctx}\ninserts a footnote reference`);
        if (viaSrc) assert.ok(srcKeys.includes(id), `${ctx}\nthe claim's src names ${id}`);
        const def = after.model.footnoteDefinitions.find((f) => f.id === id);
        assert.ok(def && !def.empty, `${ctx}\nthe placeholder definition is read and not empty`);
        if (!viaSrc) assert.ok(after.model.footnoteReferences.some((f) => f.id === id && f.parsed), `${ctx}\nthe reference resolves`);
      }
      break;
    }
    case 'note-footnote': {
      // The note `^[…]` replaced by `[^id]`, its text the definition's; the reference resolves, the finding is gone.
      assert.equal(edits.length, 2, ctx);
      const [reference, definition] = edits;
      const note = text.slice(reference.span.start, reference.span.end);
      assert.ok(note.startsWith('^[') && note.endsWith(']'), `${ctx}\nreplaces an inline note`);
      const id = /^\[\^(\d+)\]$/.exec(reference.newText)?.[1];
      assert.ok(id && definition.span.start === definition.span.end, `${ctx}\na footnote reference in its place, a definition inserted`);
      assert.ok(definition.newText.includes(`[^${id}]: ${note.slice(2, -1).trim()}`), `${ctx}\nthe definition holds the note's text`);
      const def = after.model.footnoteDefinitions.find((f) => f.id === id);
      assert.ok(def && !def.empty, `${ctx}\nthe definition is read and not empty`);
      assert.ok(after.model.footnoteReferences.some((f) => f.id === id && f.parsed && f.span.start === mapOffset(edits, reference.span.start, false)), `${ctx}\nthe reference resolves`);
      break;
    }
    case 'note-list': {
      // Each note number written as calls `[^n]`, each item's marker `n. ` as `[^n]: `; every call resolves, every note is defined.
      assert.ok(edits.length >= 2, ctx);
      for (const e of edits) {
        const old = text.slice(e.span.start, e.span.end);
        // An item's marker `n. `, or a note's number in superscript opening its line (`¹ `, a brief extracted from a PDF).
        // Or its number in brackets (`[1] `, a reference list in the IEEE or Vancouver style).
        const superscript = /^[ \t]*([¹²³⁰⁴⁵⁶⁷⁸⁹]{1,3})[ \t\u00a0]+$/u.exec(old);
        const bracketed = /^[ \t]*\[(\d{1,3})\][ \t\u00a0]+$/.exec(old);
        const item = /^(\d+)[.)][ \t]+$/.exec(old) ?? (superscript && [old, [...superscript[1]].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join('')]) ?? (bracketed && [old, bracketed[1]]);
        if (item) {
          assert.match(e.newText, superscript || bracketed ? new RegExp(`^(?:\\r\\n|\\n|\\r)?\\[\\^${item[1]}\\]: $`) : /^\[\^\d+\]: $/, `${ctx}\nan item's marker becomes its definition's label`);
          assert.ok(e.newText.endsWith(`[^${item[1]}]: `), `${ctx}\nan item's marker becomes its definition's label`);
          const def = after.model.footnoteDefinitions.find((f) => f.id === item[1]);
          // (After the line end put before it, for a note on a paragraph's later line.)
          const before = e.newText.length - `[^${item[1]}]: `.length;
          assert.ok(def && !def.empty && def.span.start === mapOffset(edits, e.span.start, false) + before, `${ctx}\nthe definition [^${item[1]}] is read where the item was`);
          continue;
        }
        assert.match(e.newText, /^(?:\[\^\d+\])+$/, `${ctx}\na note number becomes footnote calls: ${JSON.stringify(old)}`);
        let at = mapOffset(edits, e.span.start, false);
        for (const m of e.newText.matchAll(/\[\^(\d+)\]/g)) {
          assert.ok(after.model.footnoteReferences.some((f) => f.id === m[1] && f.parsed && f.span.start === at), `${ctx}\nthe call [^${m[1]}] resolves`);
          at += m[0].length;
        }
      }
      break;
    }
    case 'headings': {
      // Line ends and heading marks, inserted: each `#` mark opens a heading of the brief after it, and nothing else
      // does; the tags, claims and sources stay. (The blocks and the sentences change by design, and the fix is the
      // brief's, not the finding's: the rest of the round trip does not apply.)
      assert.ok(insertedOnly, ctx);
      const marks: number[] = [];
      for (const e of edits) {
        const m = /^(\r\n|\n|\r)?(#{2,4} )?$/.exec(e.newText);
        assert.ok(m && e.newText !== '', `${ctx}\ninserts line ends and heading marks: ${JSON.stringify(e.newText)}`);
        if (m[2]) marks.push(mapOffset(edits, e.span.start, false) + (m[1]?.length ?? 0));
      }
      // (And the title, if the brief had one: its only heading, of level 1.)
      assert.ok(before.model.headings.length === 0 || (before.model.headings.length === 1 && before.model.headings[0].level === 1), `${ctx}\nthe brief had no heading but its title`);
      const kept = before.model.headings.map((h) => mapOffset(edits, h.span.start, true));
      assert.deepEqual(after.model.headings.map((h) => h.span.start), [...kept, ...marks].sort((a, b) => a - b), `${ctx}\nthe headings are the title and the lines marked`);
      const tags = (a: Analysis, shift: (o: number) => number) => a.model.directives.map((x) => `${x.kind}:${x.name}@${shift(x.span.start)}`).join();
      assert.equal(tags(after, (o) => o), tags(before, (o) => mapOffset(edits, o, true)), `${ctx}\nthe tags stay`);
      assert.equal(after.model.citations.length + after.model.footnoteReferences.length + after.model.links.length, before.model.citations.length + before.model.footnoteReferences.length + before.model.links.length, `${ctx}\nthe sources stay`);
      // The framework the heading lines gave (model/plainTextOutline.ts) is the one the headings give: tracks, groups, recommendations.
      const framework = (a: Analysis, shift: (o: number) => number) => ({
        tracks: (a.model.framework?.tracks ?? []).map((t) => `${t.number}:${t.title}[${t.groups.map((g) => g.heading.text.trim()).join('|')}]`),
        recs: a.model.recommendations.map((r) => `${r.label}@${shift(r.labelSpan.start)}:${r.track?.number ?? '-'}/${r.group?.heading.text.trim() ?? '-'}`),
      });
      assert.deepEqual(framework(after, (o) => o), framework(before, (o) => mapOffset(edits, o, true)), `${ctx}\nthe framework is the same`);
      return;
    }
    case 'tag-claim': {
      assert.ok(insertedOnly && edits.length === 2 && edits[0].newText === ':claim[' && edits[1].newText === ']', ctx);
      const body = text.slice(edits[0].span.start, edits[1].span.start);
      // The tag wraps the sentence: outside it, within the diagnostic's range, only space and the syntax around the text (a cell's `|`, a label's brackets).
      assert.ok(d.span.start <= edits[0].span.start && edits[1].span.start <= d.span.end, `${ctx}\nthe tag is inside the sentence`);
      assert.match(text.slice(d.span.start, edits[0].span.start), /^[\s|[]*$/, `${ctx}\nthe tag opens where the sentence starts`);
      // (The final punctuation is a run: "?." ends the sentence "0%?." as "." alone would; a lead-in's colon stays after the tag.)
      // (A `\` that ends the line is a hard line break, left after the tag.)
      assert.match(text.slice(edits[1].span.start, d.span.end), /^[\s|\].!?:"'”’)*_]*\\?$/, `${ctx}\nthe tag closes where the sentence ends`);
      const claim = after.model.claims.find((c) => c.directive.span.start === mapOffset(edits, edits[0].span.start, false));
      assert.ok(claim, `${ctx}\na claim where the sentence was`);
      assert.equal(claim.label, body, `${ctx}\nthe claim's label is the sentence`);
      assert.equal(claim.directive.span.end, mapOffset(edits, edits[1].span.start, true), `${ctx}\nthe claim ends where the sentence ends`);
      break;
    }
    case 'tag-name': {
      assert.equal(edits.length, 1, ctx);
      const dir = before.model.directives.find((x) => x.nameSpan.start === d.span.start)!;
      assert.deepEqual(edits[0].span, dir.nameSpan, `${ctx}\nreplaces the directive's name`);
      const now = after.model.directives.find((x) => x.span.start === m(dir.span).start);
      assert.ok(now, `${ctx}\nthe directive is still there`);
      assert.deepEqual([now.name, now.kind, now.label, now.attributes.map((x) => [x.name, x.value])], [edits[0].newText, dir.kind, dir.label, dir.attributes.map((x) => [x.name, x.value])], `${ctx}\nonly the name changed`);
      break;
    }
    // Spaces inserted between the attributes, or the space before the list removed: the list is the tag's now, nothing else changed.
    case 'attribute-list': {
      const dir = before.model.directives.find((x) => x.span.start === d.span.start)!;
      const spacesOnly = edits.every((e) => (e.newText === ' ' && e.span.start === e.span.end) || (e.newText === '' && /^[ \t]+$/.test(text.slice(e.span.start, e.span.end))));
      assert.ok(spacesOnly && edits.every((e) => e.span.start >= dir.span.end), `${ctx}\nonly spaces, after the tag`);
      const now = after.model.directives.find((x) => x.span.start === m(dir.span).start);
      assert.ok(now && now.attributesSpan && now.name === dir.name && now.label === dir.label && now.attributes.length > 0, `${ctx}\nthe tag has the list as its attributes`);
      break;
    }
    case 'suppression-code': {
      const s = after.model.suppressions.find((x) => x.codeSpans.some((c) => c.start === target.start));
      assert.ok(s && s.codes.includes(edits[0].newText), `${ctx}\nthe suppression names the code`);
      break;
    }
    // A front matter value that needed quotes, quoted: the key reads the same value, as YAML reads it now.
    case 'front-matter-value': {
      const key = /the value of "([^"]+)"/.exec(d.message)![1];
      assert.ok(edits.length === 1 && edits[0].span.start === d.span.start && edits[0].span.end === d.span.end && edits[0].newText === d.data?.replacement, `${ctx}\nreplaces the value with its quoted form`);
      // (A top-level key's; a reference's field is read into the references.)
      const lineStart = Math.max(text.lastIndexOf('\n', d.span.start - 1), text.lastIndexOf('\r', d.span.start - 1)) + 1;
      if (text.startsWith(`${key}:`, lineStart)) assert.equal(after.model.frontMatter?.data?.[key], JSON.parse(edits[0].newText), `${ctx}\nthe key reads the value`);
      break;
    }
    case 'source-key': {
      const newKey = edits[0].newText;
      const refs = [...after.model.citations.flatMap((c) => c.items.map((i) => ({ key: i.key, span: i.keySpan }))), ...after.model.claims.flatMap((c) => c.srcKeys)];
      // An empty key (`@{}`) has an empty span: the new key is written at it, not after it.
      const keyStart = d.span.start === d.span.end ? mapOffset(edits, d.span.start, false) : target.start;
      assert.ok(refs.some((r) => r.key === newKey && r.span.start === keyStart), `${ctx}\nthe key is read as ${newKey}`);
      break;
    }
    case 'source-text': {
      // The claim's figure or quotation, and nothing else, becomes what the source's closest passage gives
      // (or the figure is said to be approximate: "about £3.7 billion" for the source's £3,712 million).
      assert.ok(edits.length === 1 && edits[0].span.start === d.span.start && edits[0].span.end === d.span.end && (edits[0].newText === d.data?.replacement || edits[0].newText === d.data?.rounded), `${ctx}\nreplaces the figure or quotation with the source's`);
      assert.equal(after.model.claims.length, before.model.claims.length, `${ctx}\nthe claims are still there`);
      break;
    }
    case 'footnote-definition': {
      const id = d.data?.footnote as string;
      const def = after.model.footnoteDefinitions.find((f) => f.id === id);
      assert.ok(def && !def.empty, `${ctx}\nthe definition is read and not empty`);
      assert.ok(after.model.footnoteReferences.some((f) => f.id === id && f.span.start === target.start && f.parsed), `${ctx}\nthe reference resolves`);
      break;
    }
  }

  if (guarded(text, before) || guarded(fixed, after)) {
    // (A placeholder is no source: its finding stays, as below.)
    if (kind !== 'placeholder') assert.ok(!after.diagnostics.some((x) => x.code === d.code && x.span.start === target.start && x.span.end === target.end), `${ctx}\nthe ${d.code} is gone`);
    return;
  }

  // Property 4, round trip: the finding is gone; the others keep their code and (shifted) range.
  // A finding that ends where text is inserted may end before or after it (an inline comment at the end of a
  // sentence's line is masked text, and a sentence's range ends at its last character that is not white space).
  const expected = new Map<string, Seen>();
  const alias = new Map<string, string>();
  for (const x of before.diagnostics) {
    if (x === d) continue;
    const seen = { code: x.code, span: m(x.span), data: x.data };
    expected.set(key(seen), seen);
    for (const e of edits) {
      if (e.span.start !== e.span.end || e.span.start < x.span.end || x.span.start >= x.span.end || !/^\s*$/.test(text.slice(x.span.end, e.span.start))) continue;
      alias.set(key({ code: x.code, span: { start: seen.span.start, end: mapOffset(edits, e.span.start, false) + e.newText.length } }), key(seen));
    }
  }
  const got = new Map<string, Diagnostic>(after.diagnostics.map((x) => [alias.get(key(x)) ?? key(x), x]));
  const stillThere = after.diagnostics.filter((x) => x.code === d.code && overlapsOrTouches(x.span, target) && !expected.has(key(x)));
  // A placeholder is no source: what it was added for is still reported (with a message that says so).
  const stillReported = kind === 'placeholder';
  // The claim may still be unsourced (its list names no source, or a placeholder), but no longer for its list.
  if (kind === 'attribute-list') assert.ok(!after.diagnostics.some((x) => x.code === d.code && x.span.start === target.start && /attribute list/.test(x.message)), `${ctx}\nthe list is read`);
  const fixedOne = stillReported || kind === 'attribute-list' ? [] : kind === 'tag-name' || kind === 'suppression-code' || kind === 'source-key' || kind === 'source-text' || kind === 'front-matter-value' ? after.diagnostics.filter((x) => x.code === d.code && x.span.start === target.start) : stillThere;
  assert.deepEqual(fixedOne.map(key), [], `${ctx}\nthe ${d.code} is gone`);
  const vanished = [...expected.values()].filter((x) => !got.has(key(x)));
  const appeared = after.diagnostics.filter((x) => !expected.has(alias.get(key(x)) ?? key(x)));
  const newClaim = kind === 'tag-claim' ? after.model.claims.find((c) => c.directive.span.start === mapOffset(edits, edits[0].span.start, false)) : undefined;
  // (For an attribute list: the tag and its list, before the fix, from where the tag ends after it.)
  const shift = edits.reduce((n, e) => n + e.newText.length - (e.span.end - e.span.start), 0);
  const listedTag = kind === 'attribute-list' ? after.model.directives.find((x) => x.span.start === m(d.span).start)?.span : undefined;
  const renamedBefore =
    kind === 'tag-name' ? before.model.directives.find((x) => x.nameSpan.start === d.span.start)!.span : listedTag ? { start: d.span.start, end: listedTag.end - shift } : undefined;
  const renamedDirective = renamedBefore && m(renamedBefore);
  const targetLine = lines.positionAt(target.start).line;
  /** In the text block (paragraph, cell, heading) that holds `s` after the fix, or `s` in its range. */
  const inBlockOf = (x: Span, s: Span) => after.model.textBlocks.some((b) => b.span.start <= s.start && s.start <= b.span.end && b.span.start <= x.start && x.end <= b.span.end);
  const cited = kind === 'cite' ? /^Cite @(\S+)/.exec(action.title)![1] : undefined;
  /** In the text block that holds a reference to the footnote the fix defined, or holding one itself (a table row's finding spans its cells). */
  const inBlockWithResolved = (x: Span): boolean =>
    after.model.textBlocks.some((b) => within(x, b.span) && after.model.footnoteReferences.some((f) => f.id === d.data?.footnote && within(f.span, b.span))) ||
    after.model.footnoteReferences.some((f) => f.id === d.data?.footnote && within(f.span, x));
  /** In a table or list that a caption, source line or lead-in sources as a whole after the fix (rules/scope.ts `documentFacts`). */
  const sourcedAsAWholeAfter = (x: Span): boolean =>
    documentFacts({ model: after.model, conventions: after.conventions, bibliography: after.bibliography, sourceDocuments: after.sourceDocuments }).sourcedBlocks.some((b) => b.start <= x.start && x.end <= b.end);
  const mayVanish = (x: Seen): boolean => {
    switch (kind) {
      // The comment silences its code on the whole line: other findings of that code there go too.
      case 'suppress':
        if (action.title.endsWith(' in this paragraph')) return x.code === d.code && inBlockOf(x.span, target);
        return x.code === d.code && lines.positionAt(x.span.start).line === targetLine;
      // A source in a sentence sources every claim of that sentence, and a front-matter entry cited is no longer unused.
      case 'cite':
      case 'placeholder':
      case 'note-footnote':
      case 'note-list':
        return x.code === 'unsourced-claim' || x.code === 'possible-unsourced-assertion' || (x.code === 'unused-source' && !!cited);
      // A sentence tagged as a claim is no longer an untagged assertion.
      case 'tag-claim':
        return false;
      // A near-miss name that becomes `claim` makes its sentence tagged; the text block around it is read again.
      // Its `src` attribute now cites: an entry it names is used now (`:cliam{src="quoted"}`; seed 191919).
      // And a claim around it that cited what the directive's text held (its attributes, read as text, cite `@a`
      // as Pandoc reads them) no longer has that source document: its figures and quotations go unchecked (seed 444444).
      case 'tag-name':
      case 'attribute-list':
        return (
          x.code === 'possible-unsourced-assertion' ||
          inBlockOf(x.span, renamedDirective!) ||
          (x.code === 'unused-source' && after.model.claims.some((c) => within(c.directive.span, renamedDirective!) && c.srcKeys.some((k) => k.key === x.data?.key || k.key.toLowerCase() === x.data?.footnote))) ||
          ((x.code === 'figure-not-in-source' || x.code === 'quote-not-in-source' || x.code === 'page-mismatch') && before.model.citations.some((c) => within(c.span, renamedBefore!)))
        );
      // A corrected suppression code silences what it names.
      case 'suppression-code':
        return x.code === edits[0].newText;
      // The corrected key cites its entry: an unused entry is used now; a claim sourced.
      case 'source-key':
        return x.code === 'unused-source' || x.code === 'unsourced-claim';
      // The figure's or quotation's other finding (found on another page than cited) was about what was replaced.
      case 'source-text':
        return x.code === 'page-mismatch' && x.span.start === target.start;
      // Quoting a value changes nothing but its YAML.
      case 'front-matter-value':
        return false;
      // Every reference to that footnote resolves now, not only the one fixed; and a citation key or src key that
      // names the footnote (sourceKeys.isKnownSource accepts footnote ids as keys).
      // Once masked, the reference may also end its text block: the block's last sentence then ends in references
      // only, which source it (`30%. [^n1] [^new]`; seed 393939), as a plain-text reference after it did not.
      // A line that now opens with the resolved reference may be a table's or a list's source line, sourcing it as a
      // whole (`[^new] [^n1]: …` under a table: the reference was text, the line no source line; seed 3232323).
      case 'footnote-definition':
        if (x.code === 'unknown-source' && typeof x.data?.key === 'string' && x.data.key.toLowerCase() === d.data?.footnote) return true;
        if (x.code === 'possible-unsourced-assertion' && inBlockWithResolved(x.span)) return true;
        if (x.code === 'possible-unsourced-assertion' && sourcedAsAWholeAfter(x.span)) return true;
        return x.code === 'unknown-source' && after.model.footnoteReferences.some((f) => f.span.start === x.span.start && f.id === d.data?.footnote);
    }
  };
  const mayAppear = (x: Diagnostic): boolean => {
    switch (kind) {
      case 'suppress':
        return false;
      // The finding it was added for, now saying that the source is still to be added.
      case 'placeholder':
        return x.code === d.code && overlapsOrTouches(x.span, target) && /source still to be added/.test(x.message);
      // A reference without a definition is plain text, and counts as a source of the sentence it sits in; once it
      // resolves it is a footnote mark, masked, and sources only the sentence it directly follows (not one that ends in
      // `.*` before it: possibleUnsourcedAssertion's trailing-reference rule). A sentence of its paragraph may now be reported.
      // The new definition is a placeholder to fill in: a claim citing it is pending now, and says so.
      case 'footnote-definition':
        if (x.code === 'unsourced-claim' && /source still to be added/.test(x.message)) return true;
        // (A table row's finding spans its cells: the reference may sit in any of them.)
        return x.code === 'possible-unsourced-assertion' && inBlockWithResolved(x.span);
      // The notes not called are unused sources now (a note on a paragraph's later line has a line end before it); a block whose note numbers became calls is read anew.
      case 'note-list':
        return (
          (x.code === 'unused-source' && edits.some((e) => e.newText.endsWith(`[^${String(x.data?.footnote)}]: `))) ||
          (x.code === 'possible-unsourced-assertion' && edits.some((e) => !e.newText.endsWith(': ') && inBlockOf(x.span, { start: mapOffset(edits, e.span.start, false), end: mapOffset(edits, e.span.start, false) + e.newText.length })))
        );
      // The note's text (its full stops) no longer splits the sentences of its block: one there may be read anew.
      case 'note-footnote':
        return x.code === 'possible-unsourced-assertion' && inBlockOf(x.span, { start: mapOffset(edits, edits[0].span.start, false), end: mapOffset(edits, edits[0].span.start, false) + edits[0].newText.length });
      // A claim that now cites an entry with a source document is checked against it.
      case 'cite':
      case 'source-key':
        return x.code === 'quote-not-in-source' || x.code === 'figure-not-in-source';
      // The new claim has no source yet (that is unsourced-claim's job), and must have the attributes the conventions require.
      case 'tag-claim':
        return !!newClaim && (x.code === 'unsourced-claim' || x.code === 'missing-attribute') && within(x.span, newClaim.directive.span);
      // A directive that becomes a tag is checked as one: inside its own text, and its id may clash with another tag's.
      // A tag's label and attributes are not prose: the text block around it is read again (its sentences, its citations),
      // and a claim around it may lose a source that was text of the unknown directive (`:Claim{by=@wire}` read as text
      // cites @wire, as Pandoc reads it; as a tag, `by=@wire` is an attribute; seed 24680).
      // An attribute list made the tag's is the same: its `src`, `id`, `by` are read now, its text no longer.
      case 'tag-name':
      case 'attribute-list':
        return (
          within(x.span, renamedDirective!) ||
          x.code === 'duplicate-id' ||
          inBlockOf(x.span, renamedDirective!) ||
          (x.code === 'unsourced-claim' && within(renamedDirective!, x.span))
        );
      // An `enable` that now names a real code ends a `disable` range: findings of that code come back.
      case 'suppression-code':
        return x.code === edits[0].newText;
      // The source's figure or wording may be on another page than the one cited.
      case 'source-text':
        return x.code === 'page-mismatch' && x.span.start === target.start;
      case 'front-matter-value':
        return false;
    }
  };
  assert.deepEqual(vanished.filter((x) => !mayVanish(x)).map(key), [], `${ctx}\nno other finding disappears`);
  assert.deepEqual(appeared.filter((x) => !mayAppear(x)).map((x) => `${key(x)} ${x.message}`), [], `${ctx}\nno new finding appears`);
  if (kind === 'tag-claim') {
    // The sentence had no source, so the claim has none: reported, unless the conventions turn unsourced-claim off or a comment silences it there.
    assert.notEqual(claimSourcing(after, newClaim!).status, 'sourced', `${ctx}\nthe new claim has no source`);
    const silenced =
      world.conventions.rules['unsourced-claim'] === 'off' ||
      after.model.suppressions.some((s) => s.kind !== 'enable' && s.span.start < newClaim!.directive.span.start && (s.codes.length === 0 || s.codes.includes('unsourced-claim')));
    assert.ok(silenced || appeared.some((x) => x.code === 'unsourced-claim'), `${ctx}\nthe new claim is reported as unsourced`);
  }

  // Changes only what it should: the outline of the brief is the same.
  const touched = (s: Span) => edits.some((e) => e.span.start <= s.end && s.start <= e.span.end);
  // A heading's text leaves out footnote marks once they resolve: compare without them
  // (the mark itself, `[^1]`, not a bracket before it: `[^1[^1]` keeps `[^1`, long run 2424242).
  const plain = (t: string) => t.replace(/\[\^[^\][]*\]/g, '').replace(/\s+/g, ' ').trim();
  const headings = before.model.headings.map((h) => [h.level, m(h.span).start, touched(h.span) ? '(edited)' : plain(h.text)]);
  assert.deepEqual(
    after.model.headings.map((h, i) => [h.level, h.span.start, headings[i]?.[2] === '(edited)' ? '(edited)' : plain(h.text)]),
    headings,
    `${ctx}\nthe headings are unchanged (their text too, where the edit is not in them)`,
  );
  assert.deepEqual(after.model.frontMatter?.data, before.model.frontMatter?.data, `${ctx}\nthe front matter is unchanged`);
  // And its syntax tree: every node but text is still there, where it was (a tag may not cut through emphasis, a line
  // may not split a list); the fix adds only its own: a comment, a claim tag, a footnote mark and its definition.
  const added = (x: string) => {
    const type = x.slice(0, x.indexOf('@'));
    switch (kind) {
      case 'suppress':
        return type === 'html';
      case 'tag-claim':
        return type === 'textDirective';
      case 'placeholder':
      case 'footnote-definition':
      case 'note-list':
        return type === 'footnoteDefinition' || type === 'paragraph' || type === 'footnoteReference';
      // And the note's own inline nodes (emphasis, code), moved into the definition.
      case 'note-footnote': {
        const at = Number(x.slice(x.indexOf('@') + 1));
        const def = edits[1];
        const defStart = mapOffset(edits, def.span.start, false);
        return type === 'footnoteDefinition' || type === 'paragraph' || type === 'footnoteReference' || (defStart <= at && at < defStart + def.newText.length);
      }
      default:
        return false;
    }
  };
  // A block that starts where text is inserted may start before it (a tag opening a paragraph) or after it (a line before it).
  const replaced = edits.filter((e) => e.span.start < e.span.end);
  const oldText = replaced.map((e) => e.span);
  const newText = replaced.map((e) => ({ start: mapOffset(edits, e.span.start, false), end: mapOffset(edits, e.span.start, false) + e.newText.length }));
  const outlineAfter = blockOutline(after, (o) => o, newText);
  const afterInsert = blockOutline(before, (o) => mapOffset(edits, o, false), oldText);
  const afterSet = new Set(outlineAfter);
  const outlineBefore = blockOutline(before, (o) => mapOffset(edits, o, true), oldText).map((x, i) => (afterSet.has(x) ? x : afterInsert[i]));
  // A reference `[…]` that reads as a citation is one for Pandoc, whatever definition micromark
  // matched it with (one whose label reads as a citation is a paragraph): renaming the key in
  // such a "definition" may unlink it in micromark's tree, and nothing changes for Briefmark.
  const citationReference = (x: string) => {
    if (!x.startsWith('linkReference@')) return false;
    const at = Number(x.slice(x.indexOf('@') + 1));
    const text = after.model.text;
    const close = text.indexOf(']', at);
    return close > at && labelReadsAsCitation(text, { start: at, end: close + 1 });
  };
  // An attribute list made the tag's holds values, not inlines: what its text held goes (`3:1`, `<!--` read as nodes).
  // (The list's own span, not the tag's: directives in the label stay, `:claim[3:1 …]` keeps its `:1`; long fuzz seed 707070.)
  const listSpan = kind === 'attribute-list' ? after.model.directives.find((x) => x.span.start === m(d.span).start)?.attributesSpan : undefined;
  const inList = (x: string) => {
    const at = Number(x.slice(x.indexOf('@') + 1));
    return kind === 'attribute-list' && !!listSpan && listSpan.start < at && at < listSpan.end;
  };
  // The notes list's list and items become definitions; a note number's own node (`<sup>`, a note link) becomes a call.
  const noteListGone = (x: string) => {
    if (kind !== 'note-list') return false;
    const type = x.slice(0, x.indexOf('@'));
    const at = Number(x.slice(x.indexOf('@') + 1));
    return type === 'list' || type === 'listItem' || edits.some((e) => mapOffset(edits, e.span.start, false) === at);
  };
  const gone = without(outlineBefore, outlineAfter).filter((x) => !citationReference(x) && !inList(x) && !noteListGone(x));
  assert.deepEqual(without(outlineAfter, outlineBefore).filter((x) => !added(x)), [], `${ctx}\nno other node appears (${gone.join(', ') || 'none gone'})`);
  assert.deepEqual(gone, [], `${ctx}\nno node disappears or moves`);
  const directives = (a: Analysis, shift: (s: Span) => number) => a.model.directives.map((x) => `${x.kind}:${x.name}@${shift(x.span)}`);
  const wanted = directives(before, (s) => m(s).start).filter((x) => !inList(x));
  if (kind === 'tag-name') wanted[before.model.directives.findIndex((x) => x.nameSpan.start === d.span.start)] = `${before.model.directives.find((x) => x.nameSpan.start === d.span.start)!.kind}:${edits[0].newText}@${renamedDirective!.start}`;
  const have = directives(after, (s) => s.start);
  if (kind === 'tag-claim') assert.deepEqual(have.filter((x) => x !== `text:claim@${newClaim?.directive.span.start}`).sort(), [...wanted].sort(), `${ctx}\none directive more, the others unchanged`);
  else assert.deepEqual([...have].sort(), [...wanted].sort(), `${ctx}\nthe directives are unchanged`);
}

/** The items of `a` that `b` does not have, counted (a multiset difference), in `a`'s order. */
function without(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

/** Every node type but text: blocks, and the inline constructs (emphasis, links, code, HTML, directives, footnote marks). */
const OUTLINED = (type: string) => type !== 'root' && type !== 'text';

/**
 * `type@start` of every node of the parse but text, with starts mapped by `shift`; nodes that
 * start strictly inside `edited` text are left out (a key `x:y` is read with a directive `:y`
 * in it: it goes and comes with the text that is replaced).
 */
function blockOutline(a: Analysis, shift: (o: number) => number, edited: Span[] = []): string[] {
  const out: string[] = [];
  for (const block of a.parsed.blocks) {
    const visit = (n: { type: string; position?: { start: { offset?: number } }; children?: unknown[] }) => {
      const start = n.position?.start.offset;
      const at = start === undefined ? -1 : block.start + start;
      if (start !== undefined && OUTLINED(n.type) && start < block.end - block.start && !edited.some((e) => e.start < at && at < e.end)) out.push(`${n.type}@${shift(at)}`);
      for (const c of (n.children ?? []) as Array<typeof n>) visit(c);
    };
    visit(block.tree);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Rename.

/** New names to try: valid ones, and ones the server must refuse or write so they still parse. */
export const NEW_NAMES = [
  'renamed',
  'Renamed_2',
  'président-é',
  '東京',
  '😀',
  'a.b',
  'v1.0',
  'x:y',
  'a/b',
  'a<b>c',
  'a$b&c',
  'a~b',
  'a%b',
  'a`b',
  'x\\',
  "o'k",
  'a"b',
  'a]b',
  'a}b',
  'with space',
  ' padded ',
  '',
  '@wire2',
  'a,b',
  '^x',
  'x\ny',
  'x=y',
  '#x',
  'WIRE',
  'wire',
  'imf',
  'n',
];

/** Offsets where a rename may start: the edges and middles of everything nameable, and a sample of the rest. */
function renameProbes(a: Analysis): number[] {
  const out = new Set<number>();
  const add = (s: Span) => {
    out.add(s.start);
    out.add((s.start + s.end) >> 1);
    out.add(s.end);
  };
  const { model } = a;
  for (const c of model.citations) for (const i of c.items) add(i.keySpan);
  for (const c of model.claims) for (const k of c.srcKeys) add(k.span);
  for (const f of model.footnoteReferences) add({ start: f.span.start + 2, end: Math.max(f.span.start + 2, f.span.end - 1) });
  for (const f of model.footnoteDefinitions) add(f.labelSpan);
  for (const e of model.frontMatter?.references ?? []) if (e.origin.span) add(e.origin.span);
  for (const d of model.directives) for (const x of d.attributes) add(x.valueSpan);
  for (const m of model.actorMentions) add(m.span);
  for (let i = 0; i < model.text.length; i += 97) out.add(i);
  return [...out].filter((o) => o >= 0 && o <= model.text.length);
}

function summaries(world: World, a: Analysis): { list: BriefSummary[]; analyses: Map<string, Analysis> } {
  const analyses = new Map<string, Analysis>([[world.uri, a]]);
  for (const uri of world.others) analyses.set(uri, analyzeIn(world, uri, world.files.get(uri)!));
  return { list: [...analyses.values()].map((x) => summarize(x)).filter((s): s is BriefSummary => !!s), analyses };
}

const textOfIn = (world: World, text: string) => (uri: string) => (uri === world.uri ? text : world.files.get(uri));

export interface RenameBudget {
  /** At most this many targets (default: all). */
  maxTargets?: number;
  /** One target per name (kind and key), not one per occurrence. */
  perName?: boolean;
  /** Names per target, taken in turn from the list (default: all of them for every target). */
  namesPerTarget?: number;
}

/**
 * Every rename where prepare-rename accepts (distinct targets), with the given new names:
 * refused with a message, or applied and checked.
 */
export function checkRenames(world: World, text: string, names: string[] = NEW_NAMES, budget: RenameBudget = {}): void {
  const before = analyzeIn(world, world.uri, text);
  if (!before.model.isBrief) return;
  const maxTargets = budget.maxTargets ?? Infinity;
  const targets = new Map<string, number>();
  for (const o of renameProbes(before)) {
    const p = prepareRenameAt(before, o);
    if ('error' in p) {
      assert.ok(p.error.length > 0);
      continue;
    }
    assertWellFormed(text, [{ span: p.span, newText: '' }], `prepareRename@${o}`);
    // The range is the name at the position, or next to it (on the `[^` of a footnote reference, the id after it).
    assert.ok(p.span.start - 2 <= o && o <= p.span.end + 1, `prepareRename@${o}: the range [${p.span.start}, ${p.span.end}) is at the position`);
    const t = targetAt(before, o)!;
    if (t.kind === 'citation') assert.equal(p.placeholder, t.key);
    const id = `${t.kind}:${'key' in t ? t.key : 'id' in t ? t.id : ''}${budget.perName ? '' : `@${p.span.start}`}`;
    if (!targets.has(id) && targets.size < maxTargets) targets.set(id, o);
  }
  const workspace = summaries(world, before);
  const per = Math.min(budget.namesPerTarget ?? names.length, names.length);
  [...targets.values()].forEach((offset, i) => {
    for (let j = 0; j < per; j++) checkRename(world, text, before, offset, names[(i * per + j) % names.length], workspace);
  });
}

export function checkRename(world: World, text: string, before: Analysis, offset: number, newName: string, workspace = summaries(world, before)): void {
  const target = targetAt(before, offset)!;
  const what = `rename ${target.kind} ${JSON.stringify('key' in target ? target.key : 'id' in target ? target.id : '')} at ${offset} to ${JSON.stringify(newName)}`;
  const { list, analyses } = workspace;
  const textOf = textOfIn(world, text);
  const r = renameAt(before, offset, newName, list, textOf);
  if ('error' in r) {
    editStats.refused++;
    assert.ok(r.error.length > 0, `${what}: refused without a message`);
    return;
  }
  editStats.renames++;
  const ctx = `${what}\n--- text: ${show(text)}`;
  const refsBefore = referencesAt(before, offset, list, true, textOf);
  // Group by file; each file's edits are well formed and applied like a client.
  const byUri = new Map<string, RenameEdit[]>();
  for (const e of r.edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  const changed = new Map<string, string>();
  for (const [uri, edits] of byUri) {
    const original = textOf(uri);
    assert.ok(original !== undefined, `${ctx}\nedits a file it cannot read: ${uri}`);
    assertWellFormed(original, edits, `${what} in ${uri}`);
    for (const e of edits) assert.equal(e.newText, edits[0].newText, `${ctx}\nevery occurrence gets the same name`);
    const lines = analyses.get(uri)?.model.lines ?? new LineIndex(original);
    const lsp = proto.workspaceEdit(edits, () => lines).changes![uri];
    changed.set(uri, applyAll(original, edits, lsp, `${what} in ${uri}`));
  }
  if (r.edits.length === 0) return;
  const newText = r.edits[0].newText;

  // Rename changes exactly the occurrences references finds (for an actor: those that write its id, not its name).
  const refKeys = new Set(refsBefore.filter((x) => x.span).map((x) => `${x.uri}#${x.span!.start}-${x.span!.end}`));
  // A declaration's reference may be the whole entry (`id: "key"`, with its quotes): the edit is the key inside it.
  const inReference = (e: RenameEdit) => refKeys.has(`${e.uri}#${e.span.start}-${e.span.end}`) || refsBefore.some((x) => x.uri === e.uri && x.span && x.span.start <= e.span.start && e.span.end <= x.span.end);
  // Each reference's edit, by binary search over the edits of its file (thousands of citations renamed at once).
  const editsOf = new Map<string, Span[]>();
  for (const e of r.edits) {
    const list = editsOf.get(e.uri) ?? [];
    list.push(e.span);
    editsOf.set(e.uri, list);
  }
  for (const xs of editsOf.values()) xs.sort((a, b) => a.start - b.start);
  const renamedIn = (uri: string, s: Span) => firstInside(editsOf.get(uri) ?? [], s.start, s.end) !== undefined;
  for (const e of r.edits) assert.ok(inReference(e) || (e.uri !== world.uri && !analyses.has(e.uri)) || target.kind === 'actor', `${ctx}\nedit ${e.uri}#${e.span.start}-${e.span.end} is not a reference`);
  if (target.kind !== 'actor') {
    const inBriefs = refsBefore.filter((x) => analyses.has(x.uri) && x.span);
    for (const x of inBriefs) assert.ok(renamedIn(x.uri, x.span!), `${ctx}\nreference ${x.uri}#${x.span!.start} is not renamed`);
  } else {
    for (const [uri, a] of analyses)
      for (const ref of summarize(a)?.actorRefs ?? [])
        if (ref.actorId === target.id && ref.idSpan) assert.ok(r.edits.some((e) => e.uri === uri && e.span.start === ref.idSpan!.start), `${ctx}\nthe id at ${uri}#${ref.idSpan.start} is not renamed`);
  }

  // The world after the rename: every brief analyses, no new diagnostics, references follow.
  const next = worldAfter(world, changed);
  const newTexts = new Map<string, string>();
  for (const uri of analyses.keys()) newTexts.set(uri, changed.get(uri) ?? textOf(uri)!);
  const afterAnalyses = new Map<string, Analysis>();
  for (const [uri, t] of newTexts) {
    const a = analyzeIn(next, uri, t);
    assertAnalyses(a, `${ctx}\nafter, ${uri}: ${show(t)}`);
    afterAnalyses.set(uri, a);
    if (guarded(t, a) || guarded(textOf(uri)!, analyses.get(uri)!)) return;
    const editsHere = byUri.get(uri) ?? [];
    const old = analyses.get(uri)!;
    const expected = old.diagnostics.map((x) => `${x.code}@${mapSpan(editsHere, x.span).start}`).sort();
    const got = a.diagnostics.map((x) => `${x.code}@${x.span.start}`).sort();
    // A rename never adds a finding. It may remove one: an unknown key renamed to a footnote id or a source document that exists.
    const missing = without(expected, got).filter((x) => !x.startsWith('unknown-source@'));
    const extra = without(got, expected);
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${ctx}\nafter, ${uri}: ${show(t)}\nthe same findings (shifted)`);
  }
  // The brief's syntax tree is the same, but for text (a name is text).
  const after0 = afterAnalyses.get(world.uri)!;
  const here0 = byUri.get(world.uri) ?? [];
  const renamedNow = here0.map((e) => ({ start: mapSpan(here0, e.span).start, end: mapSpan(here0, e.span).start + e.newText.length }));
  assert.deepEqual(
    blockOutline(after0, (o) => o, renamedNow),
    blockOutline(before, (o) => mapSpan(here0, { start: o, end: o }).start, here0.map((e) => e.span)),
    `${ctx}\nthe syntax tree is unchanged`,
  );
  const newList = [...afterAnalyses.values()].map((x) => summarize(x)).filter((s): s is BriefSummary => !!s);
  const here = byUri.get(world.uri) ?? [];
  const newOffset = mapSpan(here, { start: offset, end: offset }).start;
  const after = afterAnalyses.get(world.uri)!;
  const refsAfter = referencesAt(after, newOffset, newList, true, textOfIn(next, newTexts.get(world.uri)!));
  const shown = (refs: typeof refsBefore, map: (uri: string, s: Span) => Span) => refs.map((x) => (x.span ? `${x.uri}#${map(x.uri, x.span).start}-${map(x.uri, x.span).end}` : x.uri)).sort();
  assert.deepEqual(
    shown(refsAfter, (_, s) => s),
    shown(refsBefore, (uri, s) => mapSpan(byUri.get(uri) ?? [], s)),
    `${ctx}\nafter: ${show(newTexts.get(world.uri)!)}\nreferences of the new name are the old ones, renamed`,
  );
  const t2 = targetAt(after, newOffset);
  assert.ok(t2 && t2.kind === target.kind, `${ctx}\nthe renamed thing is still there`);
  if (t2.kind !== 'track' && target.kind !== 'track') {
    const now = 'key' in t2 ? t2.key : t2.id;
    const expectedName = target.kind === 'citation' ? newText : target.kind === 'footnote' ? newText.trim().replace(/\s+/g, ' ').toLowerCase() : newText;
    assert.equal(now, expectedName, `${ctx}\nit has the new name`);
  }
}
