import type { Analysis } from '../analysis';
import type { Citation, CitationItem, Claim, Recommendation, SourceRef } from '../model/types';
import { claimSourcing } from '../semantics/sourcing';
import type { Diagnostic, RuleContext } from '../rules/types';
import { formatEntry } from '../sources/bibliography';
import { claimLabel, claimSourceDocuments } from '../rules/claimEvidence';
import { bestPassage, findInSource, passageAround, quotations } from '../sources/sourceText';
import type { Span } from '../text/span';

export interface HoverResult {
  /** Markdown for the hover. */
  contents: string;
  span: Span;
}

const inside = (s: Span, offset: number) => offset >= s.start && offset < s.end;

/**
 * What Briefmark recognised at `offset`, innermost first: a citation key, a `src` key,
 * an actor, a claim, a recommendation.
 */
export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const { model } = analysis;
  if (!model.isBrief) return undefined;
  const ctx: RuleContext = analysis;

  const item = citationItemAt(model.citations, offset);
  if (item) return { contents: citationHover(analysis, item.key, item), span: item.keySpan };
  for (const claim of model.claims) {
    for (const k of claim.srcKeys) if (inside(k.span, offset)) return { contents: citationHover(analysis, k.key), span: k.span };
  }
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

/** Why a sentence reads as an unsourced assertion: the classifier's score against the team's threshold, and what weighed. */
function assertionHover(d: Diagnostic): string {
  const data = (d.data ?? {}) as { score?: number; threshold?: number; sensitivity?: string; why?: string };
  const lines = [`**Possible unsourced assertion** · reads as a fact: score ${data.score?.toFixed(2)} ≥ ${data.threshold?.toFixed(2)} (sensitivity *${data.sensitivity}*)`, ''];
  if (data.why) lines.push(`Why: ${data.why.replace(/; score [\d.]+$/, '')}.`, '');
  lines.push('Cite a source (`[@key]`, a footnote or a link) or tag the sentence as a claim; a team that wants fewer or more of these sets `assertions.sensitivity` (`low`, `balanced`, `high`) in `.briefmark.yaml`.');
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

function citationHover(analysis: Analysis, key: string, item?: CitationItem): string {
  const entry = analysis.bibliography.entries.get(key);
  if (entry) return `**Source** \`@${key}\`${citedAs(item)}\n\n${formatEntry(entry)}`;
  const doc = analysis.sourceDocuments.get(key);
  if (doc) {
    const opening = doc.text.replace(/\s+/g, ' ').trim();
    return `**Source document** \`${key}\` (${doc.uri.split('/').pop()})\n\n> ${opening.length > 300 ? opening.slice(0, 299) + '…' : opening}`;
  }
  const fn = analysis.model.footnoteDefinitions.find((d) => d.id === key.toLowerCase());
  if (fn) return `**Footnote** \`[^${fn.id}]\`\n\n${fn.text}`;
  return `**Unknown source** \`@${key}\`: not in the bibliography.`;
}

function claimHover(ctx: RuleContext, claim: Claim): string {
  const sourcing = claimSourcing(ctx, claim);
  const { sources } = sourcing;
  const lines = [`**Claim**${claim.id ? ` \`${claim.id}\`` : ''} · status: *${claim.status}*${claim.by ? ` · by ${actorName(ctx, claim.by)}` : ''}`, ''];
  const name = (r: SourceRef) => (r.kind === 'footnote' ? `[^${r.id}]` : r.kind === 'link' ? `<${r.url}>` : `\`@${r.key}\``);
  if (sourcing.status === 'missing') lines.push('⚠ No source.');
  else if (sourcing.status === 'pending') lines.push(`⏳ **Source pending**: ${sourcing.pending.map((r) => `${name(r)}${placeholder(ctx, r)}`).join(', ')} — a placeholder; the source is still to be added.`);
  else if (sourcing.status === 'broken') lines.push(`✗ **Source broken**: ${sourcing.broken.map(name).join(', ')} — names no bibliography entry, footnote or source document.`);
  if (sources.length) {
    lines.push(`Sources (${sources.length}):`, '');
    for (const s of sources) {
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
  lines.push(...evidence(ctx, claim));
  return lines.join('\n');
}

/** The text of a placeholder footnote, quoted, for the hover. */
function placeholder(ctx: RuleContext, r: SourceRef): string {
  const id = r.kind === 'footnote' ? r.id : r.kind === 'citation' || r.kind === 'src' ? r.key.toLowerCase() : undefined;
  const def = id === undefined ? undefined : ctx.model.footnoteDefinitions.find((d) => d.id === id);
  return def ? (def.text ? ` (“${def.text}”)` : ' (empty)') : '';
}

/** The passage of each cited source document that matches the claim, so a reviewer sees the evidence in place. */
function evidence(ctx: RuleContext, claim: Claim): string[] {
  const docs = claimSourceDocuments(ctx, claim);
  if (docs.length === 0) return [];
  const label = claimLabel(ctx.model.text, claim).text;
  const out: string[] = [];
  for (const d of docs) {
    out.push('', `**In the source document** \`${d.doc.key}\`:`, '');
    const passages: string[] = [];
    for (const q of quotations(label)) {
      const at = findInSource(d.normalized, q.quote);
      passages.push(at ? passageAround(d.doc.text, at) : `✗ "${q.quote}" — not found in the source.`);
    }
    if (passages.length === 0) {
      const best = bestPassage(d.doc.text, label.replace(/:[a-z]+\[|\]\{[^}]*\}|\]/g, ' '));
      passages.push(best ? best.passage : 'No passage of the source document matched this claim.');
    }
    for (const p of passages) out.push(p.startsWith('✗') || p.startsWith('No passage') ? p : `> ${p}`);
  }
  return out;
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

function recHover(analysis: Analysis, rec: Recommendation): string {
  const lines = [`**Recommendation** ${rec.label}${rec.id ? ` (\`${rec.id}\`)` : ''}`, ''];
  lines.push(`- Track: ${rec.track ? `${rec.track.number}: ${rec.track.title}` : rec.trackAttr ? `\`${rec.trackAttr.value}\` (no such track)` : 'none'}`);
  if (rec.group) lines.push(`- Group: ${rec.group.heading.text}`);
  if (rec.actors.length) lines.push(`- Who should act: ${rec.actors.map((a) => actorName(analysis, a.key)).join(', ')}`);
  if (rec.priority) lines.push(`- Priority: ${rec.priority}`);
  if (rec.horizon) lines.push(`- Horizon: ${rec.horizon}`);
  if (rec.directive && !rec.directive.closed) lines.push('', '⚠ This `:::rec` container is never closed: add a line `:::` where it ends.');
  if (!rec.directive) lines.push('', '*Untagged: recognised by its label.*');
  return lines.join('\n');
}
