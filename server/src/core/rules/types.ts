import type { Conventions, Severity } from '../conventions/types';
import type { BuiltModel } from '../model/buildModel';
import type { Span } from '../text/span';
import type { Bibliography } from '../sources/bibliography';

/** The diagnostic codes of the contract (spec §8), exactly as written there. */
export const CODES = [
  'unsourced-claim',
  'unknown-source',
  'possible-unsourced-assertion',
  'unknown-actor',
  'missing-attribute',
  'invalid-attribute',
  'unknown-track',
  'unknown-tag',
  'duplicate-id',
  'quote-not-in-source',
  'figure-not-in-source',
  'page-mismatch',
  'unused-source',
  'invalid-conventions',
] as const;
export type Code = (typeof CODES)[number];

export const DEFAULT_SEVERITY: Record<Code, Severity> = {
  'unsourced-claim': 'warning',
  'unknown-source': 'error',
  'possible-unsourced-assertion': 'info',
  'unknown-actor': 'warning',
  'missing-attribute': 'warning',
  'invalid-attribute': 'warning',
  'unknown-track': 'warning',
  'unknown-tag': 'warning',
  'duplicate-id': 'error',
  'quote-not-in-source': 'warning',
  'figure-not-in-source': 'warning',
  'page-mismatch': 'info',
  'unused-source': 'hint',
  'invalid-conventions': 'error',
};

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

export interface Rule {
  code: Code;
  /** One line for docs, SARIF and hovers. */
  description: string;
  check(ctx: RuleContext): Finding[];
}
