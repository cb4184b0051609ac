import type { Conventions, Severity } from '../conventions/types';
import type { BuiltModel } from '../model/buildModel';
import type { Span } from '../text/span';
import type { FootnoteDefinition, ScopeModel } from '../model/types';
import type { Bibliography } from '../sources/bibliography';

/**
 * The diagnostic codes of the contract (spec §8), exactly as written there, each with its
 * default severity and what it means — the one list that SARIF's rules, the `briefmark.rules`
 * enum of `package.json`, the schema's enum and the sections of docs/diagnostics.md must
 * agree with (`test/unit/codes.test.ts` fails on any difference). A code may be reported
 * by more than one rule module (`invalid-conventions`): the description is the code's.
 */
export const CODE_INFO = {
  'unsourced-claim': { defaultSeverity: 'warning', description: 'A claim has no source: no known src key, and no citation, footnote or link in its sentence (or only a placeholder).' },
  'unknown-source': { defaultSeverity: 'error', description: 'A citation key, src key or footnote id resolves to no bibliography entry, source document or footnote definition.' },
  'possible-unsourced-assertion': { defaultSeverity: 'info', description: 'An untagged sentence reads as an assertion of fact (an event, a figure, an attribution, a state of affairs) and has no source.' },
  'unknown-actor': { defaultSeverity: 'warning', description: 'An actor tag, or a by/actor attribute, resolves to no actor of the conventions.' },
  'missing-attribute': { defaultSeverity: 'warning', description: 'A tag lacks an attribute the conventions require.' },
  'invalid-attribute': { defaultSeverity: 'warning', description: 'An attribute value is outside its allowed values.' },
  'unknown-track': { defaultSeverity: 'warning', description: 'A rec names a track that does not exist, or an expected track is missing from the framework.' },
  'unknown-tag': { defaultSeverity: 'warning', description: 'A directive name is a near miss of a tag name (:cliam[…] for :claim[…]).' },
  'duplicate-id': { defaultSeverity: 'error', description: 'Two tags of one brief share an id.' },
  'quote-not-in-source': { defaultSeverity: 'warning', description: 'A quotation in a claim is not in the source documents it cites.' },
  'figure-not-in-source': { defaultSeverity: 'warning', description: 'A number in a claim, with its unit, is in none of the source documents it cites.' },
  'page-mismatch': { defaultSeverity: 'info', description: 'A quotation or figure of a claim is in its source document, but not on the page the citation gives.' },
  'unused-source': { defaultSeverity: 'hint', description: 'A footnote definition or front-matter reference that nothing in the brief cites.' },
  'invalid-conventions': {
    defaultSeverity: 'error',
    description: 'A problem in .briefmark.yaml, a bibliography file or a brief’s front matter, or a suppression comment naming a code that does not exist.',
  },
} as const satisfies Record<string, { defaultSeverity: Severity; description: string }>;

export type Code = keyof typeof CODE_INFO;

export const CODES = Object.keys(CODE_INFO) as Code[];

export const DEFAULT_SEVERITY = Object.fromEntries(CODES.map((c) => [c, CODE_INFO[c].defaultSeverity])) as Record<Code, Severity>;

export interface RelatedPlace {
  message: string;
  span: Span;
  /** Another document; the finding's own document when absent. */
  uri?: string;
}

/** What a rule reports: its code, a message a person can act on, and the exact text. */
export interface Finding {
  code: Code;
  message: string;
  span: Span;
  related?: RelatedPlace[];
  /** Extra facts for quick fixes (e.g. the suggested tag name). */
  data?: Record<string, unknown>;
  /** Marks text that is no longer needed (rendered faded). */
  unnecessary?: boolean;
}

export interface Diagnostic extends Finding {
  severity: Severity;
}

/** Everything a rule may read. Rules never do I/O. */
export interface RuleContext {
  model: BuiltModel;
  conventions: Conventions;
  bibliography: Bibliography;
  /** Keys that have a source document (`sources/<key>.md`), with their text. */
  sourceDocuments: Map<string, SourceDocument>;
}

/** The formats a source document is read from (docs/sources.md, "Source documents"). */
export type SourceFormat = 'md' | 'txt' | 'pdf' | 'html' | 'docx';

/**
 * A source document: the text of the file a key's claims are checked against. Extracting
 * a PDF, web page or Word file takes time and happens off the editor's path: until it is
 * done the document is `pending`, and it is `unreadable` when it cannot be read (encrypted,
 * corrupt, too large, outside an untrusted workspace…); either way its claims are
 * *unchecked*, never reported as wrong.
 */
export interface SourceDocument {
  key: string;
  uri: string;
  /** The extracted text ('' unless `status` is ready). */
  text: string;
  /** Default `md`/`txt` by the file name. */
  format?: SourceFormat;
  /** Default `ready`. */
  status?: 'ready' | 'pending' | 'unreadable';
  /** Why it is pending or unreadable, for hovers, the report and `briefmark sources`. */
  reason?: string;
  /** Offsets in `text` where each page starts (PDF only; the first is 0). */
  pageStarts?: number[];
  /** 1-based pages with no text layer (scanned images): nothing on them can be checked. */
  textlessPages?: number[];
  /** Where the document was found: the sources folder, or a bibliography entry's attachment field. */
  origin?: 'folder' | 'attachment';
}

/** Whether the document's text can be checked. */
export const isReady = (d: SourceDocument): boolean => (d.status ?? 'ready') === 'ready';

export type { ScopeModel };

/** A footnote definition as scopes read it: what it says, not where (its offsets belong to its own block). */
export type ScopeFootnote = Pick<FootnoteDefinition, 'id' | 'text' | 'empty' | 'links'>;

/** What the rest of the document decides for a scope (`rules/index.ts` keys a block's findings by it). */
export interface ScopeFacts {
  /** Every footnote definition of the document, by id (whether a reference resolves, and to a placeholder or a source). */
  footnotes: ReadonlyMap<string, ScopeFootnote>;
  /** The ids of those whose definition is a placeholder (semantics/sourcing.ts). */
  pendingFootnotes: ReadonlySet<string>;
  /** Whether the brief names a bibliography (front matter or conventions). */
  hasBibliography: boolean;
  /** The parts of the scope inside sections `possible-unsourced-assertion` does not check, relative to the scope. */
  exempt: Span[];
  /** The parts inside sections whose heading says they state facts ("Background", "Key facts"; model/sectionNames.ts), relative to the scope. */
  factual: Span[];
  /**
   * Tables sourced as a whole by a caption or source line right above or below them
   * (model/tables.ts), and list items sourced by their lead-in (rules/sourcedLists.ts),
   * relative to the scope.
   */
  sourcedBlocks: Span[];
  /**
   * What `rec` tags mark as a recommendation's own words, relative to the scope: a text or
   * leaf tag's label, and the first character of a container's body when it has no label
   * (the sentence that opens there states the recommendation).
   */
  recommendations: Span[];
  /** The labels the brief declares and where (`{#fig-map}`, model/labels.ts `briefLabels`): a citation of one that names no source is a cross-reference. */
  labels: ReadonlyMap<string, Span>;
  /** Pandoc's simple, multiline and grid tables (model/pandocTables.ts), relative to the scope: their lines are no sentences. */
  pandocTables: Span[];
  /** Their body rows, relative to the scope: each is read as one statement, as a pipe table's row is. */
  pandocRows: Span[];
}

/** Everything a block rule may read: its scope, what the document decides for it, and the workspace's sources. */
export interface ScopeContext {
  model: ScopeModel;
  document: ScopeFacts;
  conventions: Conventions;
  bibliography: Bibliography;
  sourceDocuments: Map<string, SourceDocument>;
}

/**
 * A rule. A `block` rule finds what one block says on its own (given `ScopeFacts`): it is
 * run per parsed block and its findings are reused while the block and those facts are
 * unchanged. A `document` rule reads the whole model (ids across the brief, the framework,
 * what nothing cites).
 */
export type Rule =
  | { code: Code; info: (typeof CODE_INFO)[Code]; scope: 'block'; check(ctx: ScopeContext): Finding[] }
  | { code: Code; info: (typeof CODE_INFO)[Code]; scope: 'document'; check(ctx: RuleContext): Finding[] };

/**
 * A document rule: its code and what it finds. Everything else about the code (default
 * severity, description, documentation link) is `CODE_INFO`'s and `docsUrl`'s, shared with
 * SARIF, `package.json`, the schema and docs/diagnostics.md; a code may have more than one
 * rule module (`invalid-conventions`).
 */
export function defineRule(code: Code, check: (ctx: RuleContext) => Finding[]): Rule {
  return { code, info: CODE_INFO[code], scope: 'document', check };
}

/** A block rule (see `Rule`): what it finds in one block, at offsets relative to the block. */
export function defineBlockRule(code: Code, check: (ctx: ScopeContext) => Finding[]): Rule {
  return { code, info: CODE_INFO[code], scope: 'block', check };
}
