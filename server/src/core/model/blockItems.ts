import type { Span } from '../text/span';
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
  Recommendation,
  SrcKey,
  Suppression,
  TextBlock,
} from './types';

/**
 * What one block of a brief says: its items, at offsets relative to the block's start.
 * `buildModel` collects them once per parsed block and places them (`placeItems`) at the
 * block's offset in the document.
 */
export interface BlockItems {
  headings: Heading[];
  directives: Directive[];
  textBlocks: TextBlock[];
  footnoteReferences: FootnoteReference[];
  footnoteDefinitions: FootnoteDefinition[];
  links: LinkReference[];
  pendingLinkRefs: PendingLinkRef[];
  suppressions: Suppression[];
  problems: Problem[];
  claims: Claim[];
  actors: ActorTag[];
  recommendations: Recommendation[];
  customTags: Directive[];
  recCandidates: RecCandidate[];
  citations: Citation[];
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

const at = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });
const srcKeyAt = (k: SrcKey, d: number): SrcKey => ({ key: k.key, span: at(k.span, d) });
const attributeAt = (a: Attribute, d: number): Attribute => ({ name: a.name, value: a.value, span: at(a.span, d), valueSpan: at(a.valueSpan, d) });

/** One placement: the distance, and the copies of objects items share (see `placeItems`). */
interface Placement {
  d: number;
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

function recommendationAt(p: Placement, x: Recommendation): Recommendation {
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

/** How each kind of item is placed: one line per kind, each field by its type. */
const PLACE: { [K in keyof BlockItems]: (p: Placement, x: BlockItems[K][number]) => BlockItems[K][number] } = {
  headings: (p, x) => ({ level: x.level, text: x.text, span: at(x.span, p.d), textSpan: at(x.textSpan, p.d) }),
  directives: directiveAt,
  textBlocks: textBlockAt,
  footnoteReferences: (p, x) => ({ id: x.id, span: at(x.span, p.d), parsed: x.parsed }),
  footnoteDefinitions: (p, x) => ({ id: x.id, span: at(x.span, p.d), labelSpan: at(x.labelSpan, p.d), text: x.text, empty: x.empty }),
  links: (p, x) => ({ url: x.url, span: at(x.span, p.d), kind: x.kind }),
  pendingLinkRefs: (p, x) => ({ label: x.label, span: at(x.span, p.d) }),
  suppressions: (p, x) => ({ kind: x.kind, codes: x.codes, codeSpans: x.codeSpans.map((s) => at(s, p.d)), span: at(x.span, p.d), line: x.line }),
  problems: (p, x) => ({ message: x.message, span: at(x.span, p.d) }),
  claims: (p, x) => ({
    directive: directiveAt(p, x.directive),
    label: x.label,
    id: x.id,
    status: x.status,
    by: x.by,
    srcKeys: x.srcKeys.map((k) => srcKeyAt(k, p.d)),
    nearbySources: x.nearbySources.map((s) => ({ ...s, span: at(s.span, p.d) })),
    sentenceEnd: x.sentenceEnd + p.d,
    blockSpan: at(x.blockSpan, p.d),
  }),
  actors: (p, x) => ({ directive: directiveAt(p, x.directive), label: x.label, id: x.id, actorId: x.actorId }),
  recommendations: recommendationAt,
  customTags: directiveAt,
  recCandidates: (p, x) => ({ span: at(x.span, p.d), block: textBlockAt(p, x.block) }),
  citations: (p, x) => ({ kind: x.kind, span: at(x.span, p.d), items: x.items.map((i) => ({ ...i, keySpan: at(i.keySpan, p.d), span: at(i.span, p.d) })) }),
};

/**
 * A copy of a block's items `d` characters further on: every offset of every item, by its
 * type (`PLACE`: a kind without its line fails to compile; a field missed shows in
 * `test/unit/blockItems.test.ts`). Objects that several items share in the block (a
 * claim, an actor or a recommendation and its directive; a recommendation's `track`
 * attribute and that directive's attribute; a candidate and its text block) are shared in
 * the copy too.
 */
export function placeItems(items: BlockItems, d: number): BlockItems {
  const p: Placement = { d, directives: new Map(), textBlocks: new Map() };
  const out = {} as Record<keyof BlockItems, unknown[]>;
  for (const k of ITEM_KINDS) {
    const list = items[k] as unknown[];
    const place = PLACE[k] as (p: Placement, x: unknown) => unknown;
    const copy = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) copy[i] = place(p, list[i]);
    out[k] = copy;
  }
  return out as unknown as BlockItems;
}
