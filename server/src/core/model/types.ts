import type { Span } from '../text/span';
import type { BibEntry } from '../sources/bibliography';

/** Where an analysed text comes from. */
export interface DocumentInput {
  uri: string;
  text: string;
  version?: number;
  /** Path relative to its workspace folder, with `/` separators, for the `briefs` globs. */
  relativePath?: string;
}

export type BriefReason = 'front-matter' | 'path' | 'directive';

export interface Attribute {
  name: string;
  value: string;
  /** The whole `name=value` text. */
  span: Span;
  /** The value's text, without quotes. */
  valueSpan: Span;
}

export type DirectiveKind = 'text' | 'leaf' | 'container';

/** Any generic directive in the text, registered tag or not. */
export interface Directive {
  name: string;
  kind: DirectiveKind;
  span: Span;
  /** `name` right after the colons. */
  nameSpan: Span;
  label: string;
  /** Inside the brackets; empty span right after the name when there is no label. */
  labelSpan: Span;
  attributes: Attribute[];
  /** The `{…}` part, when present. */
  attributesSpan?: Span;
  /** For a container: whether its closing fence was found. */
  closed: boolean;
}

export interface CitationItem {
  key: string;
  /** The key itself, without `@` or braces. */
  keySpan: Span;
  /** The whole item: prefix, key, locator and suffix. */
  span: Span;
  prefix?: string;
  locator?: string;
  suffix?: string;
  suppressAuthor: boolean;
  /** `@key` in running text (Pandoc's AuthorInText), as opposed to an item inside `[…]`. */
  authorInText: boolean;
}

/**
 * A Pandoc citation: `[see @a, p. 4; @b]` (bracketed) or `@a [p. 4]` (in-text, whose
 * first item is author-in-text). A citation inside another one's prefix or suffix
 * (`[@a, and @b]`) is a citation of its own, inside the outer item's span.
 */
export interface Citation {
  kind: 'bracketed' | 'in-text';
  span: Span;
  items: CitationItem[];
  /**
   * An in-text citation's bracketed part, when it has one (`@a [see @b]`: `[see @b]`):
   * what Pandoc reads as a citation of its own where `@a` refers to an example list item.
   */
  rest?: Span;
}

export interface FootnoteReference {
  id: string;
  span: Span;
  /** Whether the Markdown parser recognised it (it has a definition). */
  parsed: boolean;
}

export interface FootnoteDefinition {
  id: string;
  span: Span;
  labelSpan: Span;
  text: string;
  empty: boolean;
  /**
   * The destinations of the links in the definition, as written (`''` for a reference
   * link, whose destination the document's definitions give): its text drops them, and
   * "[Source](https://…)" is a source where "Source" alone is a placeholder.
   */
  links: string[];
}

export interface LinkReference {
  url: string;
  span: Span;
  kind: 'inline' | 'reference' | 'autolink';
}

/** Every place that counts as a source reference (spec §4), flattened. */
export type SourceRef =
  | { kind: 'citation'; key: string; span: Span }
  | { kind: 'footnote'; id: string; span: Span }
  | { kind: 'link'; url: string; span: Span }
  | { kind: 'src'; key: string; span: Span };

export interface Heading {
  level: number;
  text: string;
  span: Span;
  /** The heading's text, without the `#` marks. */
  textSpan: Span;
}

export interface Section {
  heading: Heading;
  /** From the heading to the next heading of the same or a higher level. */
  span: Span;
}

export type ClaimStatus = 'asserted' | 'contested' | 'verified' | 'retracted';

export interface SrcKey {
  key: string;
  span: Span;
}

export interface Claim {
  directive: Directive;
  label: string;
  id?: string;
  status: string;
  by?: string;
  srcKeys: SrcKey[];
  /** Source references in the label or later in the same sentence. */
  nearbySources: SourceRef[];
  /** Where the claim's sentence ends (exclusive), for "same sentence" sourcing. */
  sentenceEnd: number;
  /** The enclosing paragraph, list item or heading. */
  blockSpan: Span;
}

export interface ActorTag {
  directive: Directive;
  label: string;
  id?: string;
  /** The registry entry it resolves to: by `id`, else by name or alias (spec §5). */
  actorId?: string;
}

export interface Recommendation {
  /** The `rec` tag; absent for an untagged recommendation found by its label. */
  directive?: Directive;
  label: string;
  /** The label's text: the tag label, or the text before the colon. */
  labelSpan: Span;
  span: Span;
  id?: string;
  trackAttr?: Attribute;
  actors: SrcKey[];
  priority?: string;
  horizon?: string;
  /** The track it belongs to, by position in the framework or by its `track` attribute. */
  track?: Track;
  group?: Group;
}

export interface Group {
  heading: Heading;
  span: Span;
  recommendations: Recommendation[];
}

export interface Track {
  /** `1`, `2`, `A`… as written. */
  number: string;
  title: string;
  heading: Heading;
  span: Span;
  groups: Group[];
  /** All recommendations of the track, in document order (including those in groups). */
  recommendations: Recommendation[];
}

export interface Framework {
  heading: Heading;
  span: Span;
  tracks: Track[];
}

export interface FrontMatter {
  span: Span;
  /** The YAML text's start offset. */
  contentStart: number;
  data: Record<string, unknown> | undefined;
  /** CSL items of `references:`, with the position of each `id`. */
  references: BibEntry[];
  problems: Problem[];
}

export interface Problem {
  message: string;
  span: Span;
  /** What to write at `span` instead (the quick fix). */
  replacement?: string;
}

export interface Suppression {
  kind: 'next-line' | 'disable' | 'enable';
  codes: string[];
  /** Each code's span, parallel to `codes`. */
  codeSpans: Span[];
  span: Span;
  /** For `next-line`: the line it silences; otherwise the line of the comment. */
  line: number;
}

/** A mention of a registered actor in plain text (not a tag). */
export interface ActorMention {
  actorId: string;
  span: Span;
}

export interface BriefModel {
  uri: string;
  text: string;
  version?: number;
  isBrief: boolean;
  briefReason?: BriefReason;
  frontMatter?: FrontMatter;
  headings: Heading[];
  /** The sections Markdown's headings open. */
  sections: Section[];
  /**
   * In a brief written as plain text (no Markdown heading but its title), the sections its
   * heading lines open, with the levels a heading would have (model/plainTextOutline.ts):
   * the outline's and the framework's, not Markdown's.
   */
  lineSections?: Section[];
  directives: Directive[];
  claims: Claim[];
  actors: ActorTag[];
  recommendations: Recommendation[];
  /** Directives whose names are registered tags beyond claim/actor/rec (from conventions). */
  customTags: Directive[];
  citations: Citation[];
  footnoteReferences: FootnoteReference[];
  footnoteDefinitions: FootnoteDefinition[];
  links: LinkReference[];
  framework?: Framework;
  suppressions: Suppression[];
  /** Paragraphs, list items, table cells and headings, as spans of inline text. */
  textBlocks: TextBlock[];
  actorMentions: ActorMention[];
  problems: Problem[];
}

/**
 * The part of the brief a block rule reads (rules/types.ts): one parsed block's items and
 * text, at offsets relative to the block (so that its findings can be kept while the block
 * is unchanged, wherever it moves), or the whole model (offsets from the document's start).
 */
export type ScopeModel = Pick<
  BriefModel,
  'text' | 'claims' | 'actors' | 'recommendations' | 'customTags' | 'directives' | 'citations' | 'footnoteReferences' | 'footnoteDefinitions' | 'links' | 'textBlocks' | 'suppressions'
>;

export interface TextBlock {
  kind: 'paragraph' | 'heading' | 'tableCell';
  span: Span;
  /** The block's text with code, HTML, link destinations and directive attributes blanked out (same offsets). */
  masked: string;
  /** Whether it sits inside a list item. */
  inListItem: boolean;
}

/** Candidates for untagged recommendations: paragraphs and list items, checked once the framework is known. */
export interface RecCandidate {
  span: Span;
  block: TextBlock;
}
