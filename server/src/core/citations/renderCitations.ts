import type { Analysis } from '../analysis';
import type { Citation } from '../model/types';
import { isPendingFootnote } from '../semantics/sourcing';
import type { CslItem } from '../sources/bibtexCsl';
import type { Span } from '../text/span';

/**
 * Citations rendered by a CSL engine, for the Markdown preview and the citation hover.
 * The engine is injected (`CitationEngine`; the node layer's is citeproc-js, loaded on
 * first use), so the core stays free of the library and of I/O.
 *
 * Every top-level citation of the brief becomes one cluster, in document order (so
 * "ibid."-like and disambiguating styles see the order Pandoc gives them). A citation
 * whose keys all name bibliography entries is rendered; one with a key that names
 * nothing is **broken** and one with a key that names only a source document (no entry
 * to format) is **unformatted**: both keep their source text, and the preview marks them
 * instead of rendering them as if sourced. Footnotes whose text is a placeholder are
 * listed as pending, for the preview to mark their calls.
 */

/** The style used when a brief names none (docs/editor.md). */
export const DEFAULT_CITATION_STYLE = 'chicago-author-date';

export type CitationMode = 'normal' | 'suppress-author' | 'author-in-text';

export interface ClusterItem {
  id: string;
  locator?: string;
  /** CSL locator label (page, chapter, section, …). */
  label?: string;
  prefix?: string;
  suffix?: string;
  mode: CitationMode;
}

export interface CitationFormatRequest {
  /** A bundled style's name, or a style's XML with where it came from (for messages). */
  style: { name: string; xml?: string; origin?: string };
  locale?: string;
  items: CslItem[];
  clusters: Array<{ items: ClusterItem[]; noteIndex?: number }>;
  /** false: no reference list wanted (a hover). */
  bibliography?: boolean;
}

export interface FormattedCitations {
  style: { name: string; title: string };
  /** Set when the requested style could not be used and the default was. */
  warning?: string;
  /** HTML per cluster, in the request's order. */
  clusters: string[];
  /** The reference list: HTML per entry, in the style's order. */
  bibliography: Array<{ id: string; html: string }>;
}

export interface CitationEngine {
  format(request: CitationFormatRequest): FormattedCitations;
}

/** The style a brief asks for: front matter `csl:` wins over the conventions' `citationStyle`. */
export interface CitationStyleChoice {
  name: string;
  xml?: string;
  /** Where the style was named (a file path or "front matter"), for messages. */
  origin?: string;
  /** Set when a named style file could not be read: the default is used. */
  problem?: string;
}

export type RenderedStatus = 'rendered' | 'broken' | 'unformatted';

export interface RenderedCitation {
  span: Span;
  /** The citation as written. */
  text: string;
  status: RenderedStatus;
  /** HTML: the formatted citation, or the escaped source text for the other statuses. */
  html: string;
  /** The keys that name nothing (broken). */
  unknownKeys: string[];
}

export interface RenderedCitations {
  style: { name: string; title: string };
  warning?: string;
  citations: RenderedCitation[];
  bibliography: Array<{ id: string; html: string }>;
  /** Footnote labels whose definition is a placeholder (`Source to be added.`, `TODO`). */
  pendingFootnotes: string[];
}

// Pandoc's locator terms (CSL labels).
const LABELS: Array<[RegExp, string]> = [
  [/^(?:pages|page|pp|pg|p)\.?\s*/i, 'page'],
  [/^(?:chapters|chapter|chap|ch)\.?\s*/i, 'chapter'],
  [/^(?:sections|section|sec|§§|§)\.?\s*/i, 'section'],
  [/^(?:paragraphs|paragraph|para)\.?\s*/i, 'paragraph'],
  [/^(?:figures|figure|fig)\.?\s*/i, 'figure'],
  [/^(?:volumes|volume|vol)\.?\s*/i, 'volume'],
  [/^(?:notes|note|n)\.?\s*/i, 'note'],
];

/** `p. 4` → page 4; `ii, 3` → page `ii, 3` (Pandoc's default label). */
export function locatorOf(locator: string): { label: string; locator: string } {
  for (const [re, label] of LABELS) {
    const m = re.exec(locator);
    if (m && m[0].length < locator.length) return { label, locator: locator.slice(m[0].length).trim() };
  }
  return { label: 'page', locator: locator.trim() };
}

/** The brief's top-level citations (those not inside another's prefix or suffix), in order. */
function topLevel(citations: readonly Citation[]): Citation[] {
  const sorted = [...citations].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: Citation[] = [];
  let end = -1;
  for (const c of sorted) {
    if (c.span.start < end) continue;
    out.push(c);
    end = c.span.end;
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * `memo` keeps the engine's last answer by what it was asked (style, items, clusters): an
 * edit that changes no citation (most edits) costs no CSL processing. citeproc-js takes
 * about 1.3 s for 1,000 citations (docs/performance.md).
 */
/** Citations rendered at most per brief: citeproc-js takes about 0.9 ms a citation, and the server is single-threaded. */
export const MAX_RENDERED_CITATIONS = 1000;

export function renderCitations(analysis: Analysis, engine: CitationEngine, style: CitationStyleChoice, memo?: { key: string; value: FormattedCitations }): RenderedCitations {
  const { model, bibliography, sourceDocuments } = analysis;
  const citations = topLevel(model.citations);
  const rendered: RenderedCitation[] = [];
  const clusters: CitationFormatRequest['clusters'] = [];
  const clusterOf: number[] = [];
  const cited = new Map<string, CslItem>();
  let capped = false;
  for (const c of citations) {
    const text = model.text.slice(c.span.start, c.span.end);
    const unknownKeys = c.items.filter((i) => !bibliography.entries.has(i.key) && !sourceDocuments.has(i.key)).map((i) => i.key);
    const unformatted = c.items.some((i) => !bibliography.entries.has(i.key));
    const status: RenderedStatus = unknownKeys.length ? 'broken' : unformatted ? 'unformatted' : 'rendered';
    rendered.push({ span: c.span, text, status, html: escapeHtml(text), unknownKeys });
    if (status !== 'rendered') continue;
    if (clusters.length >= MAX_RENDERED_CITATIONS) {
      rendered[rendered.length - 1].status = 'unformatted';
      capped = true;
      continue;
    }
    for (const i of c.items) cited.set(i.key, bibliography.entries.get(i.key)!.csl);
    clusterOf.push(rendered.length - 1);
    clusters.push({
      items: c.items.map((i, n) => ({
        id: i.key,
        ...(i.locator ? locatorOf(i.locator) : {}),
        prefix: i.prefix,
        suffix: i.suffix,
        mode: n === 0 && i.authorInText ? 'author-in-text' : i.suppressAuthor ? 'suppress-author' : 'normal',
      })),
    });
  }
  const lang = typeof model.frontMatter?.data?.lang === 'string' ? model.frontMatter.data.lang : undefined;
  const request: CitationFormatRequest = { style: { name: style.name, xml: style.xml, origin: style.origin }, locale: lang, items: [...cited.values()], clusters };
  const key = memo ? JSON.stringify(request) : '';
  // No citation to format: the engine is not loaded for it (a brief without citations costs nothing).
  const formatted = memo && memo.key === key ? memo.value : clusters.length ? engine.format(request) : { style: { name: style.name, title: style.name }, clusters: [], bibliography: [] };
  if (memo) Object.assign(memo, { key, value: formatted });
  formatted.clusters.forEach((html, n) => {
    if (html) rendered[clusterOf[n]].html = html;
  });
  return {
    style: formatted.style,
    warning:
      [style.problem, formatted.warning, capped ? `Only the first ${MAX_RENDERED_CITATIONS} citations are rendered; the others are shown as written.` : undefined]
        .filter(Boolean)
        .join(' ') || undefined,
    citations: rendered,
    bibliography: formatted.bibliography,
    pendingFootnotes: model.footnoteDefinitions.filter(isPendingFootnote).map((d) => d.id),
  };
}

/** One entry formatted as the style's reference-list entry (the citation hover), or undefined. */
export function formatReference(analysis: Analysis, engine: CitationEngine, style: CitationStyleChoice, key: string): string | undefined {
  const entry = analysis.bibliography.entries.get(key);
  if (!entry) return undefined;
  const f = engine.format({ style: { name: style.name, xml: style.xml, origin: style.origin }, items: [entry.csl], clusters: [{ items: [{ id: key, mode: 'normal' }] }] });
  return f.bibliography[0]?.html;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#38': '&', '#39': "'", nbsp: '\u00a0' };

/** citeproc-js's HTML for one entry as Markdown (italics, bold, links; other tags dropped; Markdown's characters escaped). */
export function htmlToMarkdown(html: string): string {
  const text = (s: string) => s.replace(/&(#?\w+);/g, (m, e: string) => ENTITIES[e] ?? (e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : m)).replace(/([\\`*_[\]<>])/g, '\\$1');
  let out = '';
  for (const part of html.split(/(<[^<>]*>)/)) {
    if (!part.startsWith('<')) out += text(part);
    else if (/^<\/?(i|em)\b/i.test(part)) out += '*';
    else if (/^<\/?(b|strong)\b/i.test(part)) out += '**';
  }
  return out.replace(/\s+/g, ' ').trim();
}
