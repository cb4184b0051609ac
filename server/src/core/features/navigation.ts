import type { Analysis } from '../analysis';
import type { ActorEntry, Conventions } from '../conventions/types';
import { normalizeLabel } from '../parse/blocks';
import { briefLabels } from '../model/labels';
import { keyOpensExampleItem } from '../model/buildModel';
import type { Span } from '../text/span';
import { lastAtMost } from '../text/textEdit';
import { changesOnlyText, nodesIn, PROBE_LIMIT } from './syntaxAt';
import { pushAll } from '../text/pushAll';
import { actorRefs, type BriefSummary } from './briefSummary';
import { lineStartAt } from '../text/lineIndex';

/** A place in any document; no span means the start of the file. */
export interface DocLocation {
  uri: string;
  span?: Span;
}

export type NavTarget =
  | { kind: 'citation'; key: string; span: Span }
  | { kind: 'footnote'; id: string; span: Span }
  | { kind: 'actor'; id: string; span: Span }
  | { kind: 'track'; value: string; span: Span };

const at = (s: Span, offset: number) => offset >= s.start && offset <= s.end;

/** What Briefmark can navigate from at `offset`: a citation or `src` key, a footnote id, an actor, a `track=` value. */
export function targetAt(analysis: Analysis, offset: number): NavTarget | undefined {
  const { model } = analysis;
  if (!model.isBrief) return undefined;
  for (const c of model.citations) for (const i of c.items) if (at(i.keySpan, offset)) return { kind: 'citation', key: i.key, span: i.keySpan };
  for (const claim of model.claims) for (const k of claim.srcKeys) if (at(k.span, offset)) return { kind: 'citation', key: k.key, span: k.span };
  for (const e of model.frontMatter?.references ?? []) if (e.origin.span && at(e.origin.span, offset)) return { kind: 'citation', key: e.key, span: keySpanIn(model.text, e.origin.span, e.key) ?? e.origin.span };
  for (const f of model.footnoteReferences) if (f.span.start < offset && offset < f.span.end) return { kind: 'footnote', id: f.id, span: { start: f.span.start + 2, end: f.span.end - 1 } };
  for (const d of model.footnoteDefinitions) if (at(d.labelSpan, offset)) return { kind: 'footnote', id: d.id, span: d.labelSpan };
  for (const r of model.recommendations) if (r.trackAttr && at(r.trackAttr.valueSpan, offset)) return { kind: 'track', value: r.trackAttr.value, span: r.trackAttr.valueSpan };
  const ref = actorRefs(model, analysis.conventions).find((r) => at(r.span, offset));
  if (ref) return { kind: 'actor', id: ref.actorId, span: ref.span };
  return undefined;
}

/** Go to definition: the bibliography entry, the footnote definition, the conventions entry, the track heading. */
export function definitionAt(analysis: Analysis, offset: number, textOf: (uri: string) => string | undefined = () => undefined): DocLocation[] {
  const target = targetAt(analysis, offset);
  if (!target) return [];
  const { model, conventions, bibliography } = analysis;
  switch (target.kind) {
    case 'citation': {
      const entry = bibliography.entries.get(target.key);
      if (entry) return [{ uri: entry.origin.uri, span: entry.origin.span }];
      const doc = analysis.sourceDocuments.get(target.key);
      if (doc) return [{ uri: doc.uri }];
      const fn = model.footnoteDefinitions.find((d) => d.id === target.key.toLowerCase());
      if (fn) return [{ uri: model.uri, span: fn.labelSpan }];
      // A cross-reference (`@fig-map`): the label it names (`{#fig-map}`, model/labels.ts).
      const label = briefLabels(model).get(target.key);
      return label ? [{ uri: model.uri, span: label }] : [];
    }
    case 'footnote': {
      const def = model.footnoteDefinitions.find((d) => d.id === target.id);
      return def ? [{ uri: model.uri, span: def.labelSpan }] : [];
    }
    case 'actor': {
      const loc = actorEntryLocation(analysis, target.id, textOf);
      return loc ? [loc] : [];
    }
    case 'track': {
      const rec = model.recommendations.find((r) => r.trackAttr && r.trackAttr.valueSpan.start === target.span.start);
      if (rec?.track) return [{ uri: model.uri, span: rec.track.heading.span }];
      const t = conventions.framework.tracks.find((x) => x.id === target.value.trim());
      return t && conventions.uri ? [{ uri: conventions.uri }] : [];
    }
  }
}

/**
 * Find references across the workspace. `summaries` are every indexed brief, the current
 * document's own summary among them (open documents win over disk).
 */
export function referencesAt(
  analysis: Analysis,
  offset: number,
  summaries: Iterable<BriefSummary>,
  includeDeclaration: boolean,
  textOf: (uri: string) => string | undefined = () => undefined,
): DocLocation[] {
  const target = targetAt(analysis, offset);
  if (!target) return [];
  const { model, bibliography } = analysis;
  const out: DocLocation[] = [];
  switch (target.kind) {
    case 'actor': {
      const loc = includeDeclaration ? actorEntryLocation(analysis, target.id, textOf) : undefined;
      if (loc) out.push(loc);
      for (const s of summaries) for (const r of s.actorRefs) if (r.actorId === target.id) out.push({ uri: s.uri, span: r.span });
      break;
    }
    case 'citation': {
      const entry = bibliography.entries.get(target.key);
      if (includeDeclaration && entry) out.push({ uri: entry.origin.uri, span: entry.origin.span });
      for (const s of summaries) for (const c of s.citations) if (c.key === target.key && c.entryUri === entry?.origin.uri) out.push({ uri: s.uri, span: c.span });
      break;
    }
    case 'footnote': {
      // Every definition of the id (a duplicate too): rename changes them all.
      if (includeDeclaration) for (const d of model.footnoteDefinitions) if (d.id === target.id) out.push({ uri: model.uri, span: d.labelSpan });
      for (const f of model.footnoteReferences) if (f.id === target.id) out.push({ uri: model.uri, span: { start: f.span.start + 2, end: f.span.end - 1 } });
      break;
    }
    case 'track':
      return [];
  }
  return out;
}

export interface RenameEdit {
  uri: string;
  span: Span;
  newText: string;
}

export type RenameResult = { edits: RenameEdit[] } | { error: string };

export type PrepareResult = { span: Span; placeholder: string } | { error: string };

const NOT_RENAMEABLE = 'Briefmark renames actor ids, citation keys and footnote ids; there is none here.';

export function prepareRenameAt(analysis: Analysis, offset: number): PrepareResult {
  const target = targetAt(analysis, offset);
  if (!target || target.kind === 'track') return { error: NOT_RENAMEABLE };
  if (target.kind === 'actor') {
    if (!analysis.conventions.actors.some((a) => a.id === target.id)) return { error: `The actor \`${target.id}\` is not in the conventions' actors, so it cannot be renamed.` };
    return { span: target.span, placeholder: target.id };
  }
  if (target.kind === 'citation') {
    // `@{}` is a citation for Pandoc, of no key: no entry to rename, and a name would make it cite one.
    if (target.key === '') return { error: 'An empty citation key (`@{}`) names no source: there is nothing to rename.' };
    // A URL in `src` is a link, not a key: nothing declares it, and a new name would lose the source.
    if (URL_KEY.test(target.key)) return { error: `\`${target.key}\` is a URL, not a citation key: there is nothing to rename.` };
    // A key that names a source document (`sources/<key>.md`), or a footnote and no bibliography entry: renaming the key alone would break that.
    const doc = analysis.sourceDocuments.get(target.key);
    if (doc) return { error: `\`${target.key}\` names the source document ${doc.uri}: rename that file and the key together.` };
    if (!analysis.bibliography.entries.has(target.key) && analysis.model.footnoteDefinitions.some((d) => d.id === target.key.toLowerCase()))
      return { error: `\`${target.key}\` names the footnote [^${target.key}]: rename the footnote instead.` };
    // A cross-reference (`@fig-map` to `{#fig-map}`, model/labels.ts): the label and its references go together.
    if (!analysis.bibliography.entries.has(target.key) && briefLabels(analysis.model).has(target.key))
      return { error: `\`@${target.key}\` is a cross-reference to the label {#${target.key}} of this brief, not a citation key: Briefmark does not rename labels. Change the label and its cross-references together.` };
    return { span: target.span, placeholder: target.key };
  }
  return { span: target.span, placeholder: analysis.model.text.slice(target.span.start, target.span.end) };
}

const URL_KEY = /^[a-z][a-z0-9+.-]*:\/\//i;
/** An actor id as the conventions schema allows it (schemas/briefmark.schema.json, `definitions.id`). */
const ACTOR_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
/**
 * A citation key that reads back as the same key wherever Briefmark writes it: `[@key]`,
 * `@key`, `src=key`, front matter YAML, BibTeX and CSL. Pandoc also allows `: < > ~ % & $ #`
 * inside keys, but in Markdown `:x` starts a directive, `<b>` is HTML and `~x~`
 * strikethrough, `%` starts a BibTeX comment and `&…` an entity; a new name may not use them.
 */
const CITATION_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[.\-+?/](?=[\p{L}\p{N}_]))*$/u;
/**
 * A new footnote id: letters, digits, combining marks, and `_ - . +`. Markdown allows more
 * in a label, but a reference without a definition yet is plain text, where `<` starts
 * HTML, a backtick code, `:x` a directive, `@` a citation, and `\` escapes the closing
 * bracket.
 */
const FOOTNOTE_ID = /^[\p{L}\p{N}\p{M}_.+\-]+$/u;

/**
 * Rename an actor id (its conventions entry and every `id=`, `by=` and `actor=` in every
 * brief), a citation key (its bibliography entry and every citation of that entry in every
 * brief), or a footnote id (its definition and references). `textOf` reads another file
 * (a conventions or bibliography file) so the entry's id can be found in it.
 */
export function renameAt(analysis: Analysis, offset: number, newName: string, summaries: Iterable<BriefSummary>, textOf: (uri: string) => string | undefined): RenameResult {
  const prepared = prepareRenameAt(analysis, offset);
  if ('error' in prepared) return prepared;
  const target = targetAt(analysis, offset)!;
  switch (target.kind) {
    case 'actor':
      return renameActor(analysis, target, newName.trim(), summaries, textOf);
    case 'citation':
      return renameCitation(analysis, target, newName.trim(), summaries, textOf);
    case 'footnote':
      return renameFootnote(analysis, target, newName.trim());
    case 'track':
      return { error: NOT_RENAMEABLE };
  }
}

type TargetOf<K extends NavTarget['kind']> = Extract<NavTarget, { kind: K }>;

/** An actor id: its conventions entry and every `id=`, `by=` and `actor=` that resolves to it. */
function renameActor(analysis: Analysis, target: TargetOf<'actor'>, newName: string, summaries: Iterable<BriefSummary>, textOf: (uri: string) => string | undefined): RenameResult {
  const { model, conventions } = analysis;
  const edits: RenameEdit[] = [];
  if (!ACTOR_ID.test(newName)) return { error: `\`${newName}\` is not a valid actor id: start with a letter or digit, then letters, digits, \`_\`, \`-\`, \`.\` and \`:\` (ASCII), without spaces.` };
  if (newName === target.id) return { edits: [] };
  const clash = conventions.actors.find((a) => a.id === newName);
  if (clash) return { error: `Cannot rename \`${target.id}\` to \`${newName}\`: the conventions already have an actor \`${newName}\` (${clash.name}).` };
  // A brief that already names `newName` (an actor the conventions do not know) would then
  // name this one: its unknown-actor finding would vanish and its meaning change.
  for (const s of summaries)
    if (s.actorRefs.some((r) => r.actorId === newName))
      return { error: `Cannot rename \`${target.id}\` to \`${newName}\`: ${s.uri} already names an actor \`${newName}\`, which the conventions do not know; after the rename it would name this one. Correct it there first, or choose another name.` };
  // `{#id}` is remark-directive's shorthand: a `.` in it starts a class (`#a.b` is id `a`, class `b`).
  if (newName.includes('.'))
    for (const s of summaries) {
      const text = s.uri === model.uri ? model.text : textOf(s.uri);
      const short = s.actorRefs.find((r) => r.actorId === target.id && r.idSpan && text?.[r.idSpan.start - 1] === '#');
      if (short) return { error: `Cannot rename \`${target.id}\` to \`${newName}\`: ${s.uri} writes it as \`#${target.id}\`, where a \`.\` would start a class. Write \`id=${target.id}\` there first, or choose a name without \`.\`.` };
    }
  const entry = conventions.actors.find((a) => a.id === target.id)!;
  const file = entry.origin?.uri ?? conventions.uri;
  if (file) {
    const text = textOf(file);
    const span = text === undefined ? undefined : yamlIdSpan(text, entry.origin?.span, target.id);
    if (!span) return { error: `Cannot find the id \`${target.id}\` in ${file}; rename it there first.` };
    edits.push({ uri: file, span, newText: newName });
  }
  // Only the refs that resolve to this entry: a brief governed by another conventions file
  // with its own `target.id` keeps it (its entry is not renamed, so neither are its refs).
  for (const s of summaries) for (const r of s.actorRefs) if (r.actorId === target.id && r.idSpan && r.entryUri === file) edits.push({ uri: s.uri, span: r.idSpan, newText: newName });
  return { edits };
}

/** A citation key: its bibliography entry and every citation of that entry in every brief. */
function renameCitation(analysis: Analysis, target: TargetOf<'citation'>, newName: string, summaries: Iterable<BriefSummary>, textOf: (uri: string) => string | undefined): RenameResult {
  const { model, bibliography } = analysis;
  const edits: RenameEdit[] = [];
  const key = newName.startsWith('@') ? newName.slice(1) : newName;
  if (!CITATION_KEY.test(key)) return { error: `\`${newName}\` is not a valid citation key: start with a letter, digit or \`_\`, then letters, digits, \`_\`, and \`. - + ? /\` between them; no spaces.` };
  if (key === target.key) return { edits: [] };
  const entry = bibliography.entries.get(target.key);
  const all = [...summaries];
  const affected = all.filter((s) => s.citations.some((c) => c.key === target.key && c.entryUri === entry?.origin.uri));
  if (bibliography.entries.has(key) || affected.some((s) => s.ownKeys.includes(key))) return { error: `Cannot rename \`@${target.key}\` to \`@${key}\`: the bibliography already has an entry \`${key}\`.` };
  // A brief that already cites `key` (no entry has it) would then cite this entry.
  const cites = all.find((s) => s.citations.some((c) => c.key === key));
  if (cites) return { error: `Cannot rename \`@${target.key}\` to \`@${key}\`: ${cites.uri} already cites \`@${key}\`, which no entry has; after the rename it would cite this one. Correct it there first, or choose another key.` };
  // A key with no entry that names a footnote cites that footnote (`@n` for `[^n]`): the renamed citations would.
  const note = model.footnoteDefinitions.find((d) => d.id === key.toLowerCase());
  if (note) return { error: `Cannot rename \`@${target.key}\` to \`@${key}\`: this brief has a footnote \`[^${note.id}]\`, which \`@${key}\` would cite instead.` };
  if (entry) {
    const text = entry.origin.uri === model.uri ? model.text : textOf(entry.origin.uri);
    const span = text === undefined ? undefined : keySpanIn(text, entry.origin.span, target.key);
    if (!span) return { error: `Cannot find the entry \`${target.key}\` in ${entry.origin.uri}; rename it there first.` };
    edits.push({ uri: entry.origin.uri, span, newText: key });
  }
  // The edits of the citations, by brief (the entry's own edit aside).
  const uses = new Map<string, RenameEdit[]>();
  for (const s of affected) {
    const text = s.uri === model.uri ? model.text : textOf(s.uri);
    const own: RenameEdit[] = [];
    uses.set(s.uri, own);
    for (const c of s.citations) {
      if (c.key !== target.key || c.entryUri !== entry?.origin.uri) continue;
      // Every place must hold the key as written: a key read from a value the parser
      // unescaped or re-split (`src={odd key}`) has no exact span to replace.
      const written = text?.slice(c.span.start, c.span.end);
      if (written !== undefined && written !== target.key && written !== `{${target.key}}`)
        return { error: `Cannot rename \`@${target.key}\`: in ${s.uri} at line ${s.uri === model.uri ? model.lines.positionAt(c.span.start).line + 1 : '?'} it is not written as \`${target.key}\`. Rename it there by hand first.` };
      own.push({ uri: s.uri, span: c.span, newText: key });
    }
    pushAll(edits, own);
  }
  // A key that runs into a directive (`@a:claim[x]`: the key `a:claim` for Pandoc, a tag for micromark): renaming it would remove the tag.
  const starts = model.directives.map((d) => d.span.start).sort((a, b) => a - b);
  const runsInto = edits.find((e) => e.uri === model.uri && firstAtLeast(starts, e.span.start) < e.span.end);
  if (runsInto) {
    const line = model.lines.positionAt(runsInto.span.start).line + 1;
    return { error: `Cannot rename \`@${target.key}\`: at line ${line} the key runs into a directive (\`${model.text.slice(firstAtLeast(starts, runsInto.span.start), runsInto.span.end)}\`), which would go with it. Put a space or \`;\` between them first.` };
  }
  // `@key.` at a line's start opens an example list item for Pandoc (`@good.`): no citation then.
  const opensExample = (e: RenameEdit) => {
    const text = e.uri === model.uri ? model.text : textOf(e.uri);
    return text !== undefined && keyOpensExampleItem(text, lineStartAt(text, e.span.start), e.span, key);
  };
  const example = edits.find(opensExample);
  if (example)
    return { error: `Cannot rename \`@${target.key}\` to \`@${key}\`: in ${example.uri} \`@${key}\` would open a line as an example list item's label (Pandoc's \`@good.\`), no citation. Put the citation elsewhere in its line first, or choose another key.` };
  // `[@key]` with a definition `[@key]: url` is a citation and a link at once: renaming the key would break the link.
  const link = model.links.find((l) => l.kind === 'reference' && edits.some((e) => e.uri === model.uri && e.span.start >= l.span.start && e.span.end <= l.span.end));
  if (link)
    return { error: `Cannot rename \`@${target.key}\`: at line ${model.lines.positionAt(link.span.start).line + 1} \`${model.text.slice(link.span.start, link.span.end)}\` is also a link to a definition of that label, which would break. Change the link or its definition first.` };
  // The Markdown around each citation must stay as it was: a key with a `*` or `_` can be a
  // delimiter micromark pairs with another further on (`a*b … @*9c` renamed to `@n`).
  for (const [uri, list] of uses) {
    const text = uri === model.uri ? model.text : textOf(uri);
    if (text === undefined) continue;
    const kept = changesOnlyText(text, list, uri === model.uri ? analysis.parsed : undefined);
    if (kept === undefined) return { error: `Cannot rename \`@${target.key}\`: in ${uri} it is cited in a block too large to check (over ${PROBE_LIMIT.toLocaleString('en')} characters). Rename it there by hand.` };
    if (!kept) return { error: `Cannot rename \`@${target.key}\` to \`@${key}\`: in ${uri} the change would alter the Markdown around a citation (a \`*\`, \`_\` or \`$\` of the key pairs with another further on, for emphasis or math, or what reads as a citation changes). Rename it there by hand, or choose another key.` };
  }
  // GFM reads `x@a.b` as an e-mail address: a key with a `.` after `-@` or `x@` would stop being a citation.
  if (/\.[\p{L}\p{N}_]/u.test(key))
    for (const e of edits) {
      const text = e.uri === model.uri ? model.text : textOf(e.uri);
      if (text?.[e.span.start - 1] === '@' && /[A-Za-z0-9._+-]/.test(text[e.span.start - 2] ?? ''))
        return { error: `Cannot rename \`@${target.key}\` to \`@${key}\`: in ${e.uri} it follows \`${text[e.span.start - 2]}\`, where \`${text[e.span.start - 2]}@${key}\` would read as an e-mail address. Choose a key without \`.\`, or put a space before the \`@\` there.` };
    }
  return { edits };
}

/** The first of the sorted integers `values` at or after `at` (Infinity when none). */
function firstAtLeast(values: readonly number[], at: number): number {
  const i = lastAtMost(values, at - 1) + 1;
  return i < values.length ? values[i] : Infinity;
}

/** A footnote id: its definition and references, unless a key names it or the new name would capture one. */
function renameFootnote(analysis: Analysis, target: TargetOf<'footnote'>, newName: string): RenameResult {
  const { model, bibliography } = analysis;
  const edits: RenameEdit[] = [];
  if (!FOOTNOTE_ID.test(newName)) return { error: `\`${newName}\` is not a valid footnote id: use letters, digits, \`_\`, \`-\`, \`.\` and \`+\`.` };
  const id = normalizeLabel(newName);
  if (id !== target.id && model.footnoteDefinitions.some((d) => d.id === id)) return { error: `Cannot rename \`[^${target.id}]\` to \`[^${newName}]\`: that footnote already exists.` };
  // A citation or src key can name a footnote (`@1` for `[^1]`): it would stop resolving.
  const srcKeys = model.claims.flatMap((c) => c.srcKeys);
  const keys = [...model.citations.flatMap((c) => c.items.map((i) => ({ key: i.key, span: i.keySpan }))), ...srcKeys];
  const line = (at: number) => model.lines.positionAt(at).line + 1;
  const byKey = keys.find((k) => k.key.toLowerCase() === target.id && !bibliography.entries.has(k.key));
  if (byKey) return { error: `Cannot rename \`[^${target.id}]\`: the key \`${byKey.key}\` at line ${line(byKey.span.start)} names it too. Cite it as \`[^${target.id}]\` there first.` };
  if (id !== target.id) {
    // Nor may the new name capture what names nothing yet: a key or a `[^id]` without a
    // definition would start resolving to this footnote. (A `src` key counts as citing
    // a footnote of its name even where the bibliography has the key too: see unused-source.)
    const captured = keys.find((k) => k.key.toLowerCase() === id && (!bibliography.entries.has(k.key) || srcKeys.includes(k)));
    if (captured) return { error: `Cannot rename \`[^${target.id}]\` to \`[^${newName}]\`: the key \`${captured.key}\` at line ${line(captured.span.start)} would then name it.` };
    const dangling = model.footnoteReferences.find((f) => f.id === id);
    if (dangling) return { error: `Cannot rename \`[^${target.id}]\` to \`[^${newName}]\`: \`[^${newName}]\` at line ${line(dangling.span.start)} has no definition and would then name it.` };
  }
  for (const d of model.footnoteDefinitions) if (d.id === target.id) edits.push({ uri: model.uri, span: d.labelSpan, newText: newName });
  for (const f of model.footnoteReferences) if (f.id === target.id) edits.push({ uri: model.uri, span: { start: f.span.start + 2, end: f.span.end - 1 }, newText: newName });
  // A call the editor's Markdown reads where Pandoc reads none (in a YAML metadata block after the start) would stop resolving.
  const hidden = hiddenFootnoteCall(analysis, target.id, new Set(edits.map((e) => e.span.start - 2)));
  if (hidden !== undefined) return { error: `Cannot rename \`[^${target.id}]\`: at line ${line(hidden)} \`[^${target.id}]\` is read as a footnote call in Markdown but not by Pandoc (it is inside a metadata block), and would stop resolving. Rename it by hand.` };
  // A footnote call Pandoc reads where micromark reads other syntax (`[^n:claim[y]{…}`: a
  // tag inside the id) must keep that syntax: renaming the id would remove the tag.
  const kept = changesOnlyText(model.text, edits, analysis.parsed);
  if (kept === undefined) return { error: `Cannot rename \`[^${target.id}]\`: it is used in a block too large to check (over ${PROBE_LIMIT.toLocaleString('en')} characters). Rename it there by hand.` };
  if (!kept) return { error: `Cannot rename \`[^${target.id}]\` to \`[^${newName}]\`: the change would alter the Markdown around it (its id runs into other syntax, such as a tag). Rename it by hand.` };
  return { edits };
}

/** Where a footnote call of `id` that the parser reads and the model does not (`known`: the calls' starts it has) starts, if any. */
function hiddenFootnoteCall(analysis: Analysis, id: string, known: ReadonlySet<number>): number | undefined {
  const text = analysis.model.text;
  for (let at = text.indexOf('[^'); at >= 0; at = text.indexOf('[^', at + 2)) {
    if (known.has(at)) continue;
    const close = text.indexOf(']', at + 2);
    if (close < 0) return undefined;
    if (close - at > 1002 || normalizeLabel(text.slice(at + 2, close)) !== id) continue;
    if (nodesIn(analysis.parsed, at, at + 1).some((n) => n.type === 'footnoteReference' && n.start === at)) return at;
  }
  return undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The `id: VALUE` of a YAML mapping inside `within` (or anywhere), as a span of VALUE without quotes. */
export function yamlIdSpan(text: string, within: Span | undefined, id: string): Span | undefined {
  const from = within?.start ?? 0;
  const slice = text.slice(from, within?.end ?? text.length);
  const re = new RegExp(`(\\bid\\s*:\\s*["']?)${escape(id)}(?=["']?\\s*(?:[,}#]|$))`, 'm');
  const m = re.exec(slice);
  return m ? { start: from + m.index + m[1].length, end: from + m.index + m[1].length + id.length } : undefined;
}

/** Where `key` is written as a whole key inside `within` (a BibTeX `@type{key,`, a CSL `id`). */
export function keySpanIn(text: string, within: Span | undefined, key: string): Span | undefined {
  if (!within) {
    // No position known: only the places a key is declared (BibTeX, CSL-JSON, CSL YAML).
    const k = escape(key);
    for (const re of [new RegExp(`@\\w+\\s*[{(]\\s*()${k}\\s*,`), new RegExp(`"id"\\s*:\\s*"()${k}"`), new RegExp(`\\bid\\s*:\\s*["']?()${k}["']?\\s*$`, 'm')]) {
      const m = re.exec(text);
      if (m) {
        const start = m.index + m[0].lastIndexOf(key);
        return { start, end: start + key.length };
      }
    }
    return undefined;
  }
  const from = within.start;
  const slice = text.slice(from, within?.end ?? text.length);
  const re = new RegExp(`(^|[\\s{"':,])${escape(key)}(?=$|[\\s,"'}\\]])`, 'u');
  const m = re.exec(slice);
  return m ? { start: from + m.index + m[1].length, end: from + m.index + m[1].length + key.length } : undefined;
}

/**
 * Where an actor is defined: its conventions entry (`origin`), else the `id:` of that
 * actor in the conventions file, else the file itself.
 */
function actorEntryLocation(analysis: Analysis, id: string, textOf: (uri: string) => string | undefined): DocLocation | undefined {
  const { conventions } = analysis;
  const entry = conventions.actors.find((a) => a.id === id);
  if (!entry) return undefined;
  if (entry.origin?.span) return { uri: entry.origin.uri, span: entry.origin.span };
  const file = entry.origin?.uri ?? conventions.uri;
  if (!file) return undefined;
  const text = textOf(file);
  const span = text === undefined ? undefined : yamlIdSpan(text, undefined, id);
  return { uri: file, span };
}

/** The conventions' actors, each with where it is defined (found by its `id:` when the entry has no recorded origin). */
export function actorsWithOrigins(conventions: Conventions, textOf: (uri: string) => string | undefined): ActorEntry[] {
  const file = conventions.uri;
  if (!file || conventions.actors.every((a) => a.origin?.span)) return conventions.actors;
  const text = textOf(file);
  return conventions.actors.map((a) => {
    if (a.origin?.span || text === undefined) return a;
    const span = yamlIdSpan(text, undefined, a.id);
    return span ? { ...a, origin: { uri: file, span } } : a;
  });
}
