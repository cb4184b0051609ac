import type { Analysis } from '../analysis';
import type { Citation, CitationItem, Claim, Recommendation, SourceRef } from '../model/types';
import type { Conventions } from '../conventions/types';
import { movedBy } from '../assertions/context';
import { resolveTrack } from '../model/framework';
import { briefLabels } from '../model/labels';
import { claimSourcing, isPendingFootnote } from '../semantics/sourcing';
import { isReady, type Diagnostic, type RuleContext, type SourceDocument } from '../rules/types';
import { htmlToMarkdown } from '../citations/renderCitations';
import { formatEntry } from '../sources/bibliography';
import { claimEvidence } from '../semantics/claimEvidence';
import { diffMarkdown, locatorPages, type Check } from '../sources/evidence';
import { writtenFigure } from '../sources/sourceText';
import type { Span } from '../text/span';
import { pushAll } from '../text/pushAll';

export interface HoverResult {
  /** Markdown for the hover. */
  contents: string;
  span: Span;
}

const inside = (s: Span, offset: number) => offset >= s.start && offset < s.end;

/**
 * What Briefmark recognised at `offset`, innermost first: a citation key, a `src` key, a
 * footnote call, an actor, a claim, a recommendation.
 */
/**
 * `formatted`: an entry formatted in the brief's CSL style (HTML, from the citation engine),
 * shown in a citation's hover instead of the one-line summary when given.
 */
export function hoverAt(analysis: Analysis, offset: number, formatted?: (key: string) => string | undefined): HoverResult | undefined {
  const { model } = analysis;
  if (!model.isBrief) return undefined;
  const ctx: RuleContext = analysis;

  const item = citationItemAt(model.citations, offset);
  if (item) return { contents: citationHover(analysis, item.key, item, formatted), span: item.keySpan };
  for (const claim of model.claims) {
    for (const k of claim.srcKeys) if (inside(k.span, offset)) return { contents: citationHover(analysis, k.key, undefined, formatted), span: k.span };
  }
  const call = model.footnoteReferences.find((r) => inside(r.span, offset));
  if (call) return { contents: footnoteHover(analysis, call.id), span: call.span };
  const actor = model.actors.filter((a) => inside(a.directive.span, offset)).pop();
  if (actor) return { contents: actorHover(analysis, actor.actorId, actor.id, actor.label), span: actor.directive.span };
  const mention = model.actorMentions.find((m) => inside(m.span, offset));
  if (mention) return { contents: actorHover(analysis, mention.actorId, mention.actorId, model.text.slice(mention.span.start, mention.span.end)), span: mention.span };
  const claim = model.claims.filter((c) => inside(c.directive.span, offset)).pop();
  if (claim) return { contents: claimHover(ctx, claim), span: claim.directive.span };
  const rec = model.recommendations.filter((r) => inside(r.span, offset) && (r.directive || inside(r.labelSpan, offset))).pop();
  if (rec) return { contents: recHover(analysis, rec), span: rec.directive ? rec.directive.span : rec.labelSpan };
  const assertion = analysis.diagnostics.find((d) => d.code === 'possible-unsourced-assertion' && inside(d.span, offset));
  if (assertion) return { contents: assertionHover(assertion), span: assertion.span };
  return undefined;
}

/** A footnote call: its note, or that the note is a placeholder or missing. */
function footnoteHover(analysis: Analysis, id: string): string {
  const def = analysis.model.footnoteDefinitions.find((d) => d.id === id);
  if (!def) return `**Footnote** \`[^${id}]\`: no definition in this brief, so Markdown reads the call as text and it sources nothing.`;
  const links = def.links.filter((u) => u !== '');
  const note = (def.empty ? '' : `\n\n${def.text}`) + (links.length ? `\n\n${links.map((u) => `<${u}>`).join(', ')}` : '');
  if (isPendingFootnote(def)) return `**Footnote** \`[^${id}]\` · a placeholder: the source is still to be added, and what it notes counts as unsourced until then.${note}`;
  return `**Footnote** \`[^${id}]\`${note}`;
}

/** Why a sentence reads as an unsourced assertion: the classifier's score against the team's threshold, and what weighed. */
function assertionHover(d: Diagnostic): string {
  const data = (d.data ?? {}) as { score?: number; context?: number; section?: number; threshold?: number; sensitivity?: string; why?: string; tableRow?: boolean; pandocTable?: boolean; advice?: string; attribution?: string; provision?: string };
  // The sentences around it, or its section, decided (assertions/context.ts): its score with them.
  const moved = (data.context ?? 0) + (data.section ?? 0);
  const score = moved !== 0 && data.score !== undefined ? `${data.score.toFixed(2)} alone, ${(data.score + moved).toFixed(2)} ${movedBy(data.context, data.section)}` : data.score?.toFixed(2);
  const verdict = data.attribution
    ? `someone's statement ("${data.attribution}"), a fact to source whatever its score: ${score}, threshold ${data.threshold?.toFixed(2)} (sensitivity *${data.sensitivity}*)`
    : data.provision
    ? `what a law or an agreement provides ("${data.provision}"), a fact to source whatever its score: ${score}, threshold ${data.threshold?.toFixed(2)} (sensitivity *${data.sensitivity}*)`
    : `reads as a fact: score ${score} ≥ ${data.threshold?.toFixed(2)} (sensitivity *${data.sensitivity}*)`;
  const lines = [`**Possible unsourced assertion** · ${verdict}`, ''];
  if (data.why) lines.push(`Why: ${data.why.replace(/; score [\d.]+(?: alone, [\d.]+ [a-z ,]+)?$/, '')}.`, '');
  if (data.context !== undefined && data.context > 0)
    lines.push('Alone it scores under the threshold; the sentences around it in its paragraph read as facts, and facts come in paragraphs of facts.', '');
  if (data.section !== undefined)
    lines.push("Its section's heading (such as *Background*, *Context* or *Key facts*) says the section states facts, and that counts towards reading it as one.", '');
  // An inline note, a numbered reference or a citation typed by hand: what to write instead.
  if (data.advice) lines.push(`${data.advice.charAt(0).toUpperCase()}${data.advice.slice(1)}.`, '');
  const fix = data.pandocTable
    ? 'Cite a source (`[@key]`, a footnote or a link) in a caption or source line right above or below the table (its columns are aligned by blanks)'
    : data.tableRow
    ? 'Cite a source (`[@key]`, a footnote or a link) in the row, or in a caption or source line right above or below the table'
    : 'Cite a source (`[@key]`, a footnote or a link) or tag the sentence as a claim';
  lines.push(`${fix}; a team that wants fewer or more of these sets \`assertions.sensitivity\` (\`low\`, \`balanced\`, \`high\`) in \`.briefmark.yaml\`.`);
  return lines.join('\n');
}

/**
 * The citation item at `offset`: the one whose key is there, else the innermost item that
 * holds it (a citation in another's suffix, `[@a, see @b]`, lies inside the outer item).
 */
export function citationItemAt(citations: readonly Citation[], offset: number): CitationItem | undefined {
  let best: CitationItem | undefined;
  for (const c of citations) {
    if (offset < c.span.start || offset >= c.span.end) continue;
    for (const item of c.items) {
      if (inside(item.keySpan, offset)) return item;
      if (inside(item.span, offset) && (!best || item.span.end - item.span.start < best.span.end - best.span.start)) best = item;
    }
  }
  return best;
}

/** How the item cites: its locator (`p. 12`), prefix and suffix, as one line. */
function citedAs(item: CitationItem | undefined): string {
  if (!item) return '';
  const parts = [item.locator && `at **${item.locator}**`, item.prefix && `after “${item.prefix}”`, item.suffix && `with “${item.suffix}”`, item.suppressAuthor && 'without the author'].filter(Boolean);
  return parts.length ? `\n\nCited ${parts.join(', ')}.` : '';
}

function citationHover(analysis: Analysis, key: string, item?: CitationItem, formatted?: (key: string) => string | undefined): string {
  const entry = analysis.bibliography.entries.get(key);
  const doc = analysis.sourceDocuments.get(key);
  if (entry) {
    const html = formatted?.(key);
    const reference = html ? htmlToMarkdown(html) : formatEntry(entry);
    return `**Source** \`@${key}\`${citedAs(item)}\n\n${reference}${doc ? `\n\n${documentExcerpt(doc, item)}` : ''}`;
  }
  if (doc) return `**Source document** \`${key}\` (${doc.uri.split('/').pop()})${citedAs(item)}\n\n${documentExcerpt(doc, item)}`;
  const fn = analysis.model.footnoteDefinitions.find((d) => d.id === key.toLowerCase());
  if (fn) return `**Footnote** \`[^${fn.id}]\`\n\n${fn.text}`;
  if (briefLabels(analysis.model).has(key)) return `**Cross-reference** \`@${key}\` to the label \`{#${key}}\` of this brief (Quarto, pandoc-crossref): not a source.`;
  return `**Unknown source** \`@${key}\`: not in the bibliography.`;
}

/** The source document behind a key: its format and pages, and the cited page's opening (else the document's). */
function documentExcerpt(doc: SourceDocument, item?: CitationItem): string {
  const head = `Source document: ${describeDocument(doc)}`;
  if (!isReady(doc)) return head;
  const page = locatorPages(item?.locator)?.[0];
  const starts = doc.pageStarts;
  const from = page && starts && page <= starts.length ? starts[page - 1] : 0;
  const to = page && starts && page < starts.length ? starts[page] : doc.text.length;
  const opening = doc.text.slice(from, Math.min(to, from + 2000)).replace(/\s+/g, ' ').trim();
  const label = page && starts && page <= starts.length ? `page ${page}` : 'opening';
  return `${head} — ${label}:\n\n> ${opening.length > 300 ? opening.slice(0, 299) + '…' : opening || '(no text)'}`;
}

function claimHover(ctx: RuleContext, claim: Claim): string {
  const sourcing = claimSourcing(ctx, claim);
  const { sources } = sourcing;
  const lines = [`**Claim**${claim.id ? ` \`${claim.id}\`` : ''} · status: *${claim.status}*${notAllowed(ctx.conventions, 'claim', 'status', claim.status)}${claim.by ? ` · by ${actorName(ctx, claim.by)}` : ''}`, ''];
  const name = (r: SourceRef) => (r.kind === 'footnote' ? `[^${r.id}]` : r.kind === 'link' ? `<${r.url}>` : `\`@${r.key}\``);
  if (sourcing.status === 'missing') lines.push('⚠ No source.');
  else if (sourcing.status === 'pending') lines.push(`⏳ **Source pending**: ${sourcing.pending.map((r) => `${name(r)}${placeholder(ctx, r)}`).join(', ')} — a placeholder; the source is still to be added.`);
  else if (sourcing.status === 'broken') lines.push(`✗ **Source broken**: ${sourcing.broken.map(name).join(', ')} — names no bibliography entry, footnote or source document.`);
  // A key given twice (a `src` and a citation in the claim's sentence) is one source.
  const refKey = (r: SourceRef) => (r.kind === 'footnote' ? `^${r.id}` : r.kind === 'link' ? `<${r.url}` : `@${r.key}`);
  const unique = [...new Map(sources.map((s) => [refKey(s), s])).values()];
  if (unique.length) {
    lines.push(`Sources (${unique.length}):`, '');
    for (const s of unique) {
      if (s.kind === 'link') lines.push(`- <${s.url}>`);
      else if (s.kind === 'footnote') {
        const def = ctx.model.footnoteDefinitions.find((d) => d.id === s.id);
        lines.push(`- footnote [^${s.id}]: ${def?.text ?? ''}`);
      } else {
        const entry = ctx.bibliography.entries.get(s.key);
        lines.push(`- \`@${s.key}\` — ${entry ? formatEntry(entry) : ctx.sourceDocuments.has(s.key) ? 'source document' : 'footnote'}`);
      }
    }
    if (sourcing.pending.length) lines.push('', `Also a placeholder: ${sourcing.pending.map(name).join(', ')}.`);
    if (sourcing.broken.length) lines.push('', `Also cited, but not found: ${sourcing.broken.map(name).join(', ')}.`);
  }
  pushAll(lines, evidence(ctx, claim));
  return lines.join('\n');
}

/** The text of a placeholder footnote, quoted, for the hover. */
function placeholder(ctx: RuleContext, r: SourceRef): string {
  const id = r.kind === 'footnote' ? r.id : r.kind === 'citation' || r.kind === 'src' ? r.key.toLowerCase() : undefined;
  const def = id === undefined ? undefined : ctx.model.footnoteDefinitions.find((d) => d.id === id);
  return def ? (def.text ? ` (“${def.text}”)` : ' (empty)') : '';
}

/**
 * What the claim's source documents say, so a reviewer sees the evidence in place: each
 * quotation and figure marked found (with its page and passage), found with differences,
 * not found (with the closest passage, word by word) or unchecked (and why).
 */
function evidence(ctx: RuleContext, claim: Claim): string[] {
  const e = claimEvidence(ctx, claim);
  if (e.docs.length === 0) return [];
  const out = ['', `**Against the source${e.docs.length > 1 ? 's' : ''}**: ${e.docs.map(describeDocument).join('; ')}`, ''];
  for (const q of e.quotes) pushAll(out, checkLines(`"${q.quote}"`, q.check));
  for (const f of e.figures) pushAll(out, checkLines(`figure ${writtenFigure(f.figure)}`, f.check));
  if (e.quotes.length === 0) {
    for (const p of e.passages) out.push(`- matching passage of \`@${p.key}\`${p.page ? ` (p. ${p.page})` : ''}${p.head ? `, a row of the table headed "${p.head}"` : ''}:`, `  > ${p.passage}`);
    if (e.passages.length === 0 && e.checked) out.push('No passage of the source document matched this claim.');
  }
  return out;
}

function describeDocument(d: SourceDocument): string {
  const format = (d.format ?? (/\.md$/i.test(d.uri) ? 'md' : 'txt')).toUpperCase();
  const pages = d.pageStarts?.length ? `, ${d.pageStarts.length} page${d.pageStarts.length > 1 ? 's' : ''}` : '';
  if (d.status === 'pending') return `\`@${d.key}\` (${format}) — unchecked: still being read`;
  if (d.status === 'unreadable') return `\`@${d.key}\` (${format}) — unchecked: ${d.reason ?? 'it cannot be read'}`;
  return `\`@${d.key}\` (${format}${pages})`;
}

function checkLines(what: string, c: Check): string[] {
  const page = c.at?.page ? ` on p. ${c.at.page}` : '';
  switch (c.outcome) {
    case 'found':
      return [
        `- ✓ ${what} — found${c.at?.as ? ` as ${c.at.as}` : ''} in \`@${c.at?.key}\`${page}${c.citedPages ? ` (cited as p. ${c.citedPages.join(', ')})` : ''}`,
        ...(c.at ? [`  > ${c.at.passage}`] : []),
      ];
    case 'differs':
      return [`- ≈ ${what} — found with differences in \`@${c.at?.key}\`${page}: ${diffMarkdown(c.diff ?? [])}`];
    case 'not-found':
      return [
        `- ✗ ${what} — not found${c.critical?.length ? ` (${c.critical.join(', ')} differs)` : ''}`,
        ...(c.at ? [`  closest, in \`@${c.at.key}\`${page}: ${diffMarkdown(c.diff ?? [])}`] : []),
      ];
    case 'unchecked':
      return [`- ? ${what} — unchecked: ${c.reason}`];
  }
}

function actorName(ctx: Pick<RuleContext, 'conventions'>, id: string): string {
  const a = ctx.conventions.actors.find((x) => x.id === id);
  return a ? `${a.name} (\`${id}\`)` : `\`${id}\``;
}

/** An actor's registry entry and how often this brief mentions it (tagged and untagged). */
function actorHover(analysis: Analysis, actorId: string | undefined, id: string | undefined, label: string): string {
  const { conventions, model } = analysis;
  const entry = actorId ? conventions.actors.find((a) => a.id === actorId) : undefined;
  if (!entry) {
    const why = conventions.actors.length === 0 ? 'The team conventions define no actors (`.briefmark.yaml`, `actors:`).' : "Not in the team's actor registry.";
    return `**Actor** ${label.trim()}${id ? ` (\`${id}\`)` : ''}\n\n${why}`;
  }
  const tagged = model.actors.filter((a) => a.actorId === entry.id).length;
  const untagged = model.actorMentions.filter((m) => m.actorId === entry.id).length;
  const lines = [`**Actor** ${entry.name} (\`${entry.id}\`)${entry.type ? ` · ${entry.type}` : ''}`];
  if (entry.role) lines.push('', entry.role);
  if (entry.description) lines.push('', entry.description);
  if (entry.aliases?.length) lines.push('', `Also: ${entry.aliases.join(', ')}`);
  const total = tagged + untagged;
  lines.push('', `Mentioned ${total} time${total === 1 ? '' : 's'} in this brief (${tagged} tagged, ${untagged} untagged).`);
  return lines.join('\n');
}

/** After an attribute value in a hover: a mark when the conventions do not allow it, else nothing. */
function notAllowed(conventions: Conventions, tag: string, name: string, value: string): string {
  const allowed = conventions.tags[tag]?.attributes?.[name];
  return !allowed || allowed.includes(value) ? '' : ` ⚠ *not an allowed value* (${allowed.join(', ')})`;
}

function trackLine(analysis: Analysis, rec: Recommendation): string {
  const { track, trackAttr } = rec;
  if (!track) return trackAttr ? `Track: \`${trackAttr.value}\` ⚠ *names no track*` : 'Track: none';
  const named = trackAttr && analysis.model.framework ? resolveTrack(analysis.model.framework, trackAttr.value, analysis.conventions) : undefined;
  const placed = `Track ${track.number} — ${track.title}`;
  if (trackAttr && !named) return `${placed} ⚠ *its \`track=${trackAttr.value}\` names no track*`;
  if (named && named !== track) return `${placed} ⚠ *its \`track=${trackAttr!.value}\` names Track ${named.number}; the place decides*`;
  return placed;
}

function recHover(analysis: Analysis, rec: Recommendation): string {
  const lines = [`**Recommendation** ${rec.label}${rec.id ? ` (\`${rec.id}\`)` : ''}`, ''];
  lines.push(`- ${trackLine(analysis, rec)}`);
  if (rec.group) lines.push(`- Group: ${rec.group.heading.text}`);
  if (rec.actors.length) lines.push(`- Who should act: ${rec.actors.map((a) => actorName(analysis, a.key)).join(', ')}`);
  if (rec.priority) lines.push(`- Priority: ${rec.priority}${notAllowed(analysis.conventions, 'rec', 'priority', rec.priority)}`);
  if (rec.horizon) lines.push(`- Horizon: ${rec.horizon}${notAllowed(analysis.conventions, 'rec', 'horizon', rec.horizon)}`);
  if (rec.directive && !rec.directive.closed) lines.push('', '⚠ This `:::rec` container is never closed: add a line `:::` where it ends.');
  if (!rec.directive) lines.push('', '*Untagged: recognised by its label.*');
  return lines.join('\n');
}
