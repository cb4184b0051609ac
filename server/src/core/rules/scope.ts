import { blockScope, modelBlocks, modelPandocTables, modelParts, type BlockFacts } from '../model/buildModel';
import { briefLabels } from '../model/labels';
import { plainTextHeadings, plainTextSections } from '../model/headingLines';
import type { BriefModel, Recommendation } from '../model/types';
import type { Conventions, Severity } from '../conventions/types';
import { isPendingFootnote } from '../semantics/sourcing';
import { Interner } from '../text/interner';
import { pushAll } from '../text/pushAll';
import { runToEnd } from '../steps';
import type { Span } from '../text/span';
import { exemptSections, sourcedTables, tablesOfPart, type PartTables } from './possibleUnsourcedAssertion';
import { exemptHeading, factualHeading } from '../model/sectionNames';
import { listsOfPart, sourcedLists, type PartLists } from './sourcedLists';
import type { Code, Diagnostic, Finding, RelatedPlace, Rule, RuleContext, ScopeContext, ScopeFacts, ScopeFootnote } from './types';

type BlockRule = Extract<Rule, { scope: 'block' }>;

/** What block rules found in one block (offsets relative to it), and what they were run with. */
interface BlockFindings {
  key: string;
  exempt: string;
  /** The rules that ran, by identity. */
  rules: string;
  /** Per rule, in the order of the rules that ran. */
  findings: Finding[][];
  /** The rules that threw, by their index. */
  failed: Array<{ rule: number; error: unknown }>;
}

/**
 * Findings of block rules per block, on the block's facts: the same object while the
 * block's text (and what its parse depends on) is unchanged, wherever the block moves. An
 * entry is reused when the document decides the same for the block (`documentKey`, its
 * exempt parts) and the same rules ran.
 */
const FOUND = new WeakMap<BlockFacts, BlockFindings>();

/** A number per object, for keys made of identities (source documents, rules). */
const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

/** Conventions as text, once per conventions object (a caller may make equal ones for each analysis). */
const conventionsKeys = new WeakMap<Conventions, string>();
function conventionsKey(c: Conventions): string {
  let key = conventionsKeys.get(c);
  if (key === undefined) conventionsKeys.set(c, (key = JSON.stringify(c)));
  return key;
}

/** What the whole document decides for every scope of it (`ScopeFacts`), exempt sections absolute. */
export function documentFacts(ctx: RuleContext): ScopeFacts {
  const { model, conventions } = ctx;
  const footnotes = new Map<string, ScopeFootnote>();
  const tables: Array<{ at: number; tables: PartTables }> = [];
  const lists: Array<{ at: number; lists: PartLists }> = [];
  for (const { at, items } of modelParts(model)) {
    for (const d of items.footnoteDefinitions) footnotes.set(d.id, d);
    const t = tablesOfPart(model.text, at, items);
    if (t) tables.push({ at, tables: t });
    const l = listsOfPart(model.text, at, items);
    if (l) lists.push({ at, lists: l });
  }
  // Pandoc's tables that are not pipe tables span blocks (a multiline table's rows are paragraphs between blank lines): read in the document's text.
  const pandoc = modelPandocTables(model).tables;
  if (pandoc.length) tables.push({ at: 0, tables: { tables: pandoc.map((t) => t.span), captions: [] } });
  const pendingFootnotes = new Set<string>();
  for (const [id, d] of footnotes) if (isPendingFootnote(d)) pendingFootnotes.add(id);
  // A footnote call sources a caption or lead-in when its definition exists and is no placeholder.
  const sourceNote = (id: string) => footnotes.has(id) && !pendingFootnotes.has(id);
  return {
    footnotes,
    pendingFootnotes,
    hasBibliography: Boolean(model.frontMatter?.data?.bibliography || model.frontMatter?.data?.references || conventions.bibliography.length),
    exempt: exemptSpans(model, conventions.assertions.exemptSections, conventions.framework.headings),
    factual: model.sections.filter((x) => factualHeading(x.heading.text)).map((x) => x.span),
    sourcedBlocks: sourcedBlocks(tables.length ? sourcedTables(model.text, tables, sourceNote) : NONE, lists.length ? sourcedLists(model.text, lists, sourceNote) : NONE),
    recommendations: recommendationWords(model.text, model.recommendations),
    labels: briefLabels(model),
    pandocTables: pandoc.length ? pandoc.map((t) => t.span) : NONE,
    pandocRows: pandoc.length ? pandoc.flatMap((t) => t.rows) : NONE,
  };
}

/**
 * The exempt sections: under the headings that name them, and, in a brief written as plain
 * text (no Markdown heading but its title), under the heading lines that do
 * (model/headingLines.ts); and there every heading line itself, a heading as Markdown's
 * are ("Short-Term Forecast (3-6 Months)", "Case Study: The Impasse of November 2025").
 */
function exemptSpans(model: BriefModel, names: string[], frameworkHeadings: readonly string[]): Span[] {
  const sections = exemptSections(model.sections, names);
  const plain = plainTextHeadings(model, frameworkHeadings, exemptHeading(names));
  if (!plain) return sections;
  const lines = plain.headings.map((l) => ({ start: l.start, end: l.end }));
  return [...sections, ...plainTextSections(model.text, plain), ...lines].sort((a, b) => a.start - b.start);
}

/** Sourced tables and lists, in document order (neither holds the other). */
function sourcedBlocks(tables: Span[], lists: Span[]): Span[] {
  if (lists.length === 0) return tables;
  if (tables.length === 0) return lists;
  return [...tables, ...lists].sort((a, b) => a.start - b.start);
}

/**
 * `ScopeFacts.recommendations`: each `rec` tag's label, or the first character of a
 * container's body when it has none, and the run-in label of each untagged recommendation
 * of the framework's tracks ("Fund Installers: Fund training…": the sentence it opens).
 */
function recommendationWords(text: string, recs: readonly Recommendation[]): Span[] {
  const out: Span[] = [];
  for (const { directive: d, labelSpan } of recs) {
    if (!d) {
      if (labelSpan.end > labelSpan.start) out.push(labelSpan);
      continue;
    }
    if (d.kind !== 'container' || d.labelSpan.end > d.labelSpan.start) {
      if (d.labelSpan.end > d.labelSpan.start) out.push(d.labelSpan);
      continue;
    }
    // The body starts on the line after the fence (its attributes included), after blanks
    // and comments (a suppression comment before the recommendation's sentence).
    let at = text.indexOf('\n', d.attributesSpan?.end ?? d.labelSpan.end);
    if (at < 0 || at >= d.span.end) continue;
    for (;;) {
      while (at < d.span.end && /\s/.test(text[at])) at++;
      if (!text.startsWith('<!--', at)) break;
      const close = text.indexOf('-->', at + 4);
      if (close < 0 || close + 3 > d.span.end) break;
      at = close + 3;
    }
    if (at < d.span.end) out.push({ start: at, end: at + 1 });
  }
  // In document order (a tag's body starts before a tag nested in it).
  return out.length ? out.sort((a, b) => a.start - b.start) : NONE;
}

/**
 * Everything besides the block itself that block rules' findings depend on, as one string:
 * the conventions (as JSON), the bibliography's keys and problems, the source documents (by
 * identity: the workspace keeps a document's object while its file and state are
 * unchanged), every footnote's id and whether it is a placeholder, the link definitions,
 * the labels the brief declares, and whether the brief names a bibliography.
 */
function documentKey(ctx: RuleContext, facts: ScopeFacts, definitions: ReadonlyMap<string, string>): string {
  // The same object as last time when equal: each block's entry is then compared by reference, not character by character.
  return DOCUMENT_KEYS.intern(documentKeyText(ctx, facts, definitions));
}

const DOCUMENT_KEYS = new Interner(8);

function documentKeyText(ctx: RuleContext, facts: ScopeFacts, definitions: ReadonlyMap<string, string>): string {
  const bib = ctx.bibliography;
  const parts: string[] = [conventionsKey(ctx.conventions), facts.hasBibliography ? 'B' : 'b', String(bib.problems.length), bib.problems[0]?.message ?? ''];
  for (const k of bib.entries.keys()) parts.push(k);
  parts.push('\u0001');
  for (const [k, d] of ctx.sourceDocuments) parts.push(`${k}=${idOf(d)}`);
  parts.push('\u0001');
  for (const id of facts.footnotes.keys()) parts.push(`${id}${facts.pendingFootnotes.has(id) ? '?' : ''}`);
  parts.push('\u0001');
  for (const [label, url] of definitions) parts.push(`${label}=${url}`);
  parts.push('\u0001');
  for (const id of facts.labels.keys()) parts.push(id);
  return parts.join('\u0000');
}

/**
 * The spans (sorted by start) that meet each block, relative to it, for blocks asked in
 * document order: one pass over the spans for all the blocks (a dense brief has thousands
 * of blocks and of recommendations).
 */
class Clipper {
  private first = 0;
  constructor(private readonly spans: readonly Span[]) {}

  clip(from: number, to: number): Span[] {
    const { spans } = this;
    while (this.first < spans.length && spans[this.first].end <= from) this.first++;
    let out: Span[] | undefined;
    for (let k = this.first; k < spans.length && spans[k].start < to; k++) {
      const s = spans[k];
      if (s.end > from) (out ??= []).push({ start: Math.max(s.start, from) - from, end: Math.min(s.end, to) - from });
    }
    return out ?? NONE;
  }
}

const NONE: Span[] = [];

const shifted = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

/**
 * A block's finding placed at the block's offset, with its severity. The block-relative
 * finding it was placed from is a private field: no spread, JSON or deep comparison of
 * fields sees it (a non-enumerable property set with `defineProperty` cost about 2 µs a
 * diagnostic, most of placing the 1,200 diagnostics after a typed letter on a dense 1 MB
 * brief; a WeakMap about as much).
 */
class PlacedDiagnostic implements Diagnostic {
  readonly #origin: Finding;
  code: Finding['code'];
  message: string;
  span: Span;
  severity: Severity;
  declare related?: RelatedPlace[];
  declare data?: Record<string, unknown>;
  declare unnecessary?: boolean;
  constructor(f: Finding, d: number, severity: Severity) {
    this.#origin = f;
    this.code = f.code;
    this.message = f.message;
    this.span = d === 0 ? f.span : shifted(f.span, d);
    this.severity = severity;
    // Optional fields only when the finding has them (a diagnostic's own keys are what JSON and tests see).
    if (f.related) this.related = d === 0 ? f.related : f.related.map((r): RelatedPlace => (r.uri ? r : { ...r, span: shifted(r.span, d) }));
    if (f.data !== undefined) this.data = f.data;
    if (f.unnecessary !== undefined) this.unnecessary = f.unnecessary;
  }

  static originOf(d: Diagnostic): Finding | undefined {
    return #origin in d ? (d as PlacedDiagnostic).#origin : undefined;
  }
}

/**
 * The finding a block rule's diagnostic was placed from: the same object while the block's
 * findings are reused, wherever the block moves (so the server converts a diagnostic to
 * LSP again only when its finding or its place changed). Undefined for document rules'.
 */
export function placedFrom(d: Diagnostic): object | undefined {
  return PlacedDiagnostic.originOf(d);
}

function runOn(ctx: ScopeContext, rules: readonly BlockRule[]): Pick<BlockFindings, 'findings' | 'failed'> {
  return runToEnd(runOnSteps(ctx, rules, false));
}

/** A block at least this long (UTF-16 code units) has its rules run one step each (a 1 MB paragraph takes tens of milliseconds per rule). */
export const LONG_BLOCK = 32_768;

/** The block rules on one scope, pausing after each rule when `pause` (a long block). */
function* runOnSteps(ctx: ScopeContext, rules: readonly BlockRule[], pause: boolean): Generator<void, Pick<BlockFindings, 'findings' | 'failed'>> {
  const findings: Finding[][] = [];
  const failed: BlockFindings['failed'] = [];
  for (const [i, rule] of rules.entries()) {
    try {
      findings.push(rule.check(ctx));
    } catch (error) {
      findings.push([]);
      failed.push({ rule: i, error });
    }
    if (pause) yield;
  }
  return { findings, failed };
}

/** What the block rules found, and the rules that threw (on any block: they lose all their findings). */
export interface BlockRulesResult {
  /** Each block's findings as diagnostics (see `placedList`), in document order (`byPlace`); the blocks in order. */
  blocks: Diagnostic[][];
  failed: Array<{ code: Code; error: unknown }>;
}

/** Document order of findings: by start, then end, then code (the order diagnostics are reported in). */
export function byPlace(a: Pick<Finding, 'span' | 'code'>, b: Pick<Finding, 'span' | 'code'>): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
}

/** The severity the conventions give each code (undefined: `off`), and a key equal while they give the same. */
export interface Severities {
  key: string;
  of(code: Code): Severity | undefined;
}

/**
 * A block's findings as diagnostics: placed at its offset, with their severity (none for a
 * code turned off), sorted. Kept while its findings, offset and severities are the same
 * (an edit moves only the blocks after it).
 */
const PLACED = new WeakMap<object, { sorted: Finding[]; at: number; severities: string; list: Diagnostic[] }>();

function placedList(hit: Pick<BlockFindings, 'findings'>, at: number, failed: ReadonlyMap<number, unknown>, severities: Severities): Diagnostic[] {
  const cached = failed.size === 0 ? PLACED.get(hit) : undefined;
  if (cached?.at === at && cached.severities === severities.key) return cached.list;
  // The order does not change when the block moves: sorted once.
  let sorted = cached?.sorted;
  if (!sorted) {
    sorted = [];
    hit.findings.forEach((own, i) => {
      if (!failed.has(i)) pushAll(sorted!, own);
    });
    sorted.sort(byPlace);
  }
  const list: Diagnostic[] = [];
  for (const f of sorted) {
    const severity = severities.of(f.code);
    if (severity) list.push(new PlacedDiagnostic(f, at, severity));
  }
  if (failed.size === 0) PLACED.set(hit, { sorted, at, severities: severities.key, list });
  return list;
}

/** How many diagnostics are placed between two steps of `runBlockRules`. */
export const PLACE_STEP = 1024;

/**
 * Runs the block rules: per block of the model, reusing a block's findings while it and
 * what the document decides for it are unchanged (so an edit reruns them on the blocks it
 * re-parsed), or over the whole model as one scope when it was not built from blocks.
 * Yields after each block it ran the rules on, and every `PLACE_STEP` diagnostics it placed. A rule that throws on any block loses all its findings.
 */
export function* runBlockRules(ctx: RuleContext, rules: readonly BlockRule[], severities: Severities): Generator<void, BlockRulesResult> {
  const facts = documentFacts(ctx);
  const base = { conventions: ctx.conventions, bibliography: ctx.bibliography, sourceDocuments: ctx.sourceDocuments };
  const built = modelBlocks(ctx.model);
  const found: Array<{ at: number; hit: Pick<BlockFindings, 'findings' | 'failed'> }> = [];
  if (!built) found.push({ at: 0, hit: runOn({ ...base, model: ctx.model, document: facts }, rules) });
  else {
    const key = documentKey(ctx, facts, built.definitions);
    const ruleKey = rules.map(idOf).join(',');
    const [exempts, sourcedParts, recParts, tableParts, rowParts, factualParts] = [facts.exempt, facts.sourcedBlocks, facts.recommendations, facts.pandocTables, facts.pandocRows, facts.factual].map((spans) => new Clipper(spans));
    for (const block of built.blocks) {
      const exempt = exempts.clip(block.start, block.end);
      const factual = factualParts.clip(block.start, block.end);
      const sourced = sourcedParts.clip(block.start, block.end);
      const recs = recParts.clip(block.start, block.end);
      const inTables = tableParts.clip(block.start, block.end);
      const rows = rowParts.clip(block.start, block.end);
      const exemptKey =
        exempt.length || sourced.length || recs.length || inTables.length || factual.length ? [exempt, sourced, recs, inTables, rows, factual].map((list) => list.map((s) => `${s.start}-${s.end}`).join(',')).join('|') : '';
      let hit = FOUND.get(block.facts);
      if (!hit || hit.key !== key || hit.exempt !== exemptKey || hit.rules !== ruleKey) {
        const model = blockScope(ctx.model.text, block, built.definitions, ctx.conventions, ctx.model.lines);
        const scope = { ...base, model, document: { ...facts, exempt, factual, sourcedBlocks: sourced, recommendations: recs, pandocTables: inTables, pandocRows: rows } };
        hit = { key, exempt: exemptKey, rules: ruleKey, ...(yield* runOnSteps(scope, rules, block.end - block.start >= LONG_BLOCK)) };
        FOUND.set(block.facts, hit);
        yield;
      }
      found.push({ at: block.start, hit });
    }
  }
  const failed = new Map<number, unknown>();
  for (const { hit } of found) for (const f of hit.failed) if (!failed.has(f.rule)) failed.set(f.rule, f.error);
  const blocks: Diagnostic[][] = [];
  let placed = 0;
  for (const { at, hit } of found) {
    const list = placedList(hit, at, failed, severities);
    blocks.push(list);
    // Placing is cheap per diagnostic, but a hostile brief has tens of thousands of them.
    placed += list.length;
    if (placed >= PLACE_STEP) {
      placed = 0;
      yield;
    }
  }
  return { blocks, failed: [...failed].map(([i, error]) => ({ code: rules[i].code, error })) };
}
