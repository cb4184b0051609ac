import type { Span } from '../text/span';
import type { Conventions } from '../conventions/types';
import { resolveActor } from '../conventions/actors';
import type {
  ActorTag,
  Attribute,
  Citation,
  Claim,
  Directive,
  FootnoteDefinition,
  FootnoteReference,
  Heading,
  LinkReference,
  Problem,
  RecCandidate,
  SourceRef,
  Recommendation,
  SrcKey,
  Suppression,
  TextBlock,
} from './types';

/**
 * What one block of a brief says on its own: its items, at offsets relative to the block's
 * start, without what depends on the rest of the document (a suppression's line, an actor
 * tag's registry entry, a claim's nearby sources, which need the document's lines,
 * conventions and link definitions; a recommendation's track, the framework's). `buildModel`
 * collects them once per parsed block and places them (`placeItems`) in the document, where
 * those are computed.
 */
export interface BlockItems {
  headings: Heading[];
  directives: Directive[];
  textBlocks: TextBlock[];
  footnoteReferences: FootnoteReference[];
  footnoteDefinitions: FootnoteDefinition[];
  links: LinkReference[];
  /** Reference links (`[text][label]`), links once the document's definitions are known. */
  pendingLinkRefs: PendingLinkRef[];
  suppressions: Array<Omit<Suppression, 'line'>>;
  problems: Problem[];
  claims: Array<Omit<Claim, 'nearbySources'>>;
  actors: Array<Omit<ActorTag, 'actorId'>>;
  recommendations: Array<Omit<Recommendation, 'track' | 'group'>>;
  customTags: Directive[];
  recCandidates: RecCandidate[];
  citations: Citation[];
}

/**
 * A block's items placed in the document (`placeItems`): the model's types, every field set.
 * `links` holds the inline links, autolinks and the reference links whose definitions
 * resolve, by start; `recommendations` the tagged ones (their track and group are the
 * framework's, model/framework.ts).
 */
export type PlacedItems = Omit<BlockItems, 'pendingLinkRefs' | 'suppressions' | 'claims' | 'actors' | 'recommendations'> & {
  suppressions: Suppression[];
  claims: Claim[];
  actors: ActorTag[];
  recommendations: Recommendation[];
};

/** What placing a block reads of the document besides the block's offset. */
export interface PlaceContext {
  /** The 0-based line of an offset of the document. */
  lineAt(offset: number): number;
  conventions: Pick<Conventions, 'actors'>;
  /**
   * The document's link reference definitions, by normalised label, and the labels of its
   * example list items (`EXAMPLE_LABEL` + label, mapped to the offset where the first item
   * so labelled starts, in the document).
   */
  definitions: ReadonlyMap<string, string>;
  /** What to add to a placed offset to have the document's (a block placed on its own at 0: its start). */
  base?: number;
}

/**
 * Example list items' labels are kept among the document's definitions under this prefix
 * (a normalised link label never holds U+0000: the parser replaces it). Like a link
 * definition, another block's reading depends on it: an author-in-text `@good` where an
 * example item is labelled `good` is Pandoc's reference to that example (it prints the
 * example's number), not a citation — always after the item, and before it when nothing
 * follows the key (Pandoc reads `@good [p. 4]` or `@good [see @b]` before the item as a
 * citation, and decides the rest once the whole document is read).
 */
export const EXAMPLE_LABEL = '\u0000';

/** The citation without its items that refer to an example list item; undefined when none is left. */
function withoutExampleReferences(c: Citation, context: PlaceContext): Citation | undefined {
  if (c.kind !== 'in-text') return c;
  const item = c.items[0];
  const at = context.definitions.get(EXAMPLE_LABEL + item.key);
  if (at === undefined) return c;
  const alone = c.items.length === 1 && !item.locator && !item.suffix && !item.prefix;
  if (Number(at) < c.span.start + (context.base ?? 0)) return c.rest ? { kind: 'bracketed', span: c.rest, items: c.items.slice(1) } : undefined;
  return alone ? undefined : c;
}

/** A reference link (`[text][label]`), resolved once every definition of the document is known. */
export interface PendingLinkRef {
  label: string;
  span: Span;
}

/** The kinds of items, in the order a block's items are appended to the model. */
export const ITEM_KINDS = [
  'headings',
  'directives',
  'textBlocks',
  'footnoteReferences',
  'footnoteDefinitions',
  'links',
  'pendingLinkRefs',
  'suppressions',
  'problems',
  'claims',
  'actors',
  'recommendations',
  'customTags',
  'recCandidates',
  'citations',
] as const satisfies ReadonlyArray<keyof BlockItems>;

// Every kind of item is listed: a kind added to BlockItems and not here fails to compile.
type UnlistedKind = Exclude<keyof BlockItems, (typeof ITEM_KINDS)[number]>;
const EVERY_KIND_LISTED: [UnlistedKind] extends [never] ? true : never = true;
void EVERY_KIND_LISTED;

/** One block's (or the model's) items, all empty: the one place the collections are listed. */
export function emptyItems(): BlockItems {
  return Object.fromEntries(ITEM_KINDS.map((k) => [k, []])) as unknown as BlockItems;
}

/** The kinds of placed items: a block's, but its reference links, which placing resolves into links. */
type PlacedKind = Exclude<(typeof ITEM_KINDS)[number], 'pendingLinkRefs'>;
// The placed items are exactly those kinds.
const PLACED_KINDS_MATCH: [Exclude<keyof PlacedItems, PlacedKind> | Exclude<PlacedKind, keyof PlacedItems>] extends [never] ? true : never = true;
void PLACED_KINDS_MATCH;

/** The model's items, all empty, to append each block's placed items to. */
export function emptyPlaced(): PlacedItems {
  return Object.fromEntries(ITEM_KINDS.filter((k) => k !== 'pendingLinkRefs').map((k) => [k, []])) as unknown as PlacedItems;
}

const at = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });
const srcKeyAt = (k: SrcKey, d: number): SrcKey => ({ key: k.key, span: at(k.span, d) });
const attributeAt = (a: Attribute, d: number): Attribute => ({ name: a.name, value: a.value, span: at(a.span, d), valueSpan: at(a.valueSpan, d) });

/** One placement: the distance, and the copies of objects items share (see `placeItems`). */
interface Placement {
  d: number;
  context: PlaceContext;
  directives: Map<Directive, Directive>;
  textBlocks: Map<TextBlock, TextBlock>;
}

function directiveAt(p: Placement, x: Directive): Directive {
  let y = p.directives.get(x);
  if (y) return y;
  const d = p.d;
  y = {
    name: x.name,
    kind: x.kind,
    span: at(x.span, d),
    nameSpan: at(x.nameSpan, d),
    label: x.label,
    labelSpan: at(x.labelSpan, d),
    attributes: x.attributes.map((a) => attributeAt(a, d)),
    closed: x.closed,
  };
  if (x.attributesSpan) y.attributesSpan = at(x.attributesSpan, d);
  p.directives.set(x, y);
  return y;
}

function textBlockAt(p: Placement, x: TextBlock): TextBlock {
  let y = p.textBlocks.get(x);
  if (!y) p.textBlocks.set(x, (y = { kind: x.kind, span: at(x.span, p.d), masked: x.masked, inListItem: x.inListItem }));
  return y;
}

function recommendationAt(p: Placement, x: BlockItems['recommendations'][number]): Recommendation {
  const d = p.d;
  const own = x.directive && directiveAt(p, x.directive);
  const track = x.trackAttr && x.directive ? x.directive.attributes.indexOf(x.trackAttr) : -1;
  return {
    directive: own,
    label: x.label,
    labelSpan: at(x.labelSpan, d),
    span: at(x.span, d),
    id: x.id,
    trackAttr: own && track >= 0 ? own.attributes[track] : x.trackAttr && attributeAt(x.trackAttr, d),
    actors: x.actors.map((k) => srcKeyAt(k, d)),
    priority: x.priority,
    horizon: x.horizon,
  };
}

type Placed<K extends keyof BlockItems> = K extends keyof PlacedItems ? PlacedItems[K][number] : never;

/** How each kind of item is placed: one line per kind, each field by its type. */
const PLACE: { [K in Exclude<keyof BlockItems, 'pendingLinkRefs' | 'claims'>]: (p: Placement, x: BlockItems[K][number]) => Placed<K> } = {
  headings: (p, x) => ({ level: x.level, text: x.text, span: at(x.span, p.d), textSpan: at(x.textSpan, p.d) }),
  directives: directiveAt,
  textBlocks: textBlockAt,
  footnoteReferences: (p, x) => ({ id: x.id, span: at(x.span, p.d), parsed: x.parsed }),
  footnoteDefinitions: (p, x) => ({ id: x.id, span: at(x.span, p.d), labelSpan: at(x.labelSpan, p.d), text: x.text, empty: x.empty, links: x.links }),
  links: (p, x) => ({ url: x.url, span: at(x.span, p.d), kind: x.kind }),
  suppressions: (p, x) => {
    const span = at(x.span, p.d);
    // The line a `next-line` comment silences, else the comment's own.
    return { kind: x.kind, codes: x.codes, codeSpans: x.codeSpans.map((s) => at(s, p.d)), span, line: p.context.lineAt(span.end) + (x.kind === 'next-line' ? 1 : 0) };
  },
  problems: (p, x) => ({ message: x.message, span: at(x.span, p.d) }),
  actors: (p, x) => ({ directive: directiveAt(p, x.directive), label: x.label, id: x.id, actorId: resolveActor(p.context.conventions, x.id, x.label)?.id }),
  recommendations: recommendationAt,
  customTags: directiveAt,
  recCandidates: (p, x) => ({ span: at(x.span, p.d), block: textBlockAt(p, x.block) }),
  citations: (p, x) => ({ kind: x.kind, span: at(x.span, p.d), items: x.items.map((i) => ({ ...i, keySpan: at(i.keySpan, p.d), span: at(i.span, p.d) })), ...(x.rest && { rest: at(x.rest, p.d) }) }),
};

function placeAll<K extends keyof typeof PLACE>(p: Placement, items: BlockItems, k: K): Array<Placed<K>> {
  const list = items[k] as unknown[];
  const place = PLACE[k] as (p: Placement, x: unknown) => Placed<K>;
  const out = new Array<Placed<K>>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = place(p, list[i]);
  return out;
}

/** One kind of a block's items placed `d` characters into the document (as `placeItems` places it). */
export function placeKind<K extends keyof typeof PLACE>(items: BlockItems, d: number, context: PlaceContext, kind: K): Array<Placed<K>> {
  return placeAll({ d, context, directives: new Map(), textBlocks: new Map() }, items, kind);
}

/**
 * A block's items placed `d` characters into the document: every offset of every item moved,
 * by its type (`PLACE`: a kind without its line fails to compile; a field missed shows in
 * `test/unit/blockItems.test.ts`), and what the document decides computed (`PlaceContext`):
 * each suppression's line, each actor tag's registry entry, the reference links that
 * resolve, each claim's sources in its label or the rest of its sentence. New objects
 * throughout; the block's are never changed. Objects that several items share in the block
 * (a claim, an actor or a recommendation and its directive; a recommendation's `track`
 * attribute and that directive's attribute; a candidate and its text block) are shared in
 * the copy too.
 */
export function placeItems(items: BlockItems, d: number, context: PlaceContext): PlacedItems {
  const p: Placement = { d, context, directives: new Map(), textBlocks: new Map() };
  const links = placeAll(p, items, 'links');
  for (const ref of items.pendingLinkRefs) {
    const url = context.definitions.get(ref.label);
    if (url !== undefined && URL_SCHEME.test(url)) links.push({ url, span: at(ref.span, d), kind: 'reference' });
  }
  links.sort((a, b) => a.span.start - b.span.start);
  const out: Omit<PlacedItems, 'claims'> = {
    headings: placeAll(p, items, 'headings'),
    directives: placeAll(p, items, 'directives'),
    textBlocks: placeAll(p, items, 'textBlocks'),
    footnoteReferences: placeAll(p, items, 'footnoteReferences'),
    footnoteDefinitions: placeAll(p, items, 'footnoteDefinitions'),
    links,
    suppressions: placeAll(p, items, 'suppressions'),
    problems: placeAll(p, items, 'problems'),
    actors: placeAll(p, items, 'actors'),
    recommendations: placeAll(p, items, 'recommendations'),
    customTags: placeAll(p, items, 'customTags'),
    recCandidates: placeAll(p, items, 'recCandidates'),
    citations: placeAll(p, items, 'citations'),
  };
  if (out.citations.length > 0 && examplesKey(context.definitions) !== '') out.citations = out.citations.map((c) => withoutExampleReferences(c, context)).filter((c) => c !== undefined);
  const sources = sourcesOf(out.citations, out.footnoteReferences, links);
  const claims = items.claims.map((x): Claim => {
    const claim: Claim = {
      directive: directiveAt(p, x.directive),
      label: x.label,
      id: x.id,
      status: x.status,
      by: x.by,
      srcKeys: x.srcKeys.map((k) => srcKeyAt(k, d)),
      nearbySources: [],
      sentenceEnd: x.sentenceEnd + d,
      blockSpan: at(x.blockSpan, d),
    };
    claim.nearbySources = nearbySources(claim, sources);
    return claim;
  });
  return { ...out, claims };
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

const examplesKeys = new WeakMap<object, string>();
/** The document's example labels as one key: '' when it has none, as nearly every brief (memoised per definitions map). */
export function examplesKey(definitions: ReadonlyMap<string, string>): string {
  let key = examplesKeys.get(definitions);
  if (key === undefined) {
    key = '';
    for (const [label, at] of definitions) if (label.startsWith(EXAMPLE_LABEL)) key += `${label}=${at}`;
    examplesKeys.set(definitions, key);
  }
  return key;
}

/** Every source reference of a block, sorted by where it starts. */
function sourcesOf(citations: Citation[], footnoteReferences: FootnoteReference[], links: LinkReference[]): SourceRef[] {
  const out: SourceRef[] = [];
  for (const c of citations) for (const item of c.items) out.push({ kind: 'citation', key: item.key, span: item.span });
  // Every footnote call, defined or not: whether it sources anything (or is a
  // placeholder, or names nothing) is decided in semantics/sourcing.ts.
  for (const f of footnoteReferences) out.push({ kind: 'footnote', id: f.id, span: f.span });
  for (const l of links) out.push({ kind: 'link', url: l.url, span: l.span });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * A claim's sources in its label or the rest of its sentence (which ends in its block).
 * `sources` is sorted by start: the first candidate is found by binary search, so this
 * stays linear-logarithmic in blocks with thousands of claims and sources.
 */
function nearbySources(claim: Claim, sources: SourceRef[]): SourceRef[] {
  const from = claim.directive.labelSpan.start;
  let lo = 0;
  let hi = sources.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sources[mid].span.start < from) lo = mid + 1;
    else hi = mid;
  }
  const near: SourceRef[] = [];
  for (let i = lo; i < sources.length && sources[i].span.start < claim.sentenceEnd; i++) if (sources[i].kind !== 'src') near.push(sources[i]);
  return near;
}
