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

export interface SourceDocument {
  key: string;
  uri: string;
  text: string;
}

export interface Rule {
  code: Code;
  /** One line for docs, SARIF and hovers. */
  description: string;
  check(ctx: RuleContext): Finding[];
}
