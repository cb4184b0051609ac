import type { Span } from '../text/span';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export type ActorType = 'person' | 'state' | 'organisation' | 'coalition' | 'group';

export interface ActorEntry {
  id: string;
  name: string;
  type?: ActorType;
  role?: string;
  description?: string;
  aliases?: string[];
  /** Where the entry is defined, for go-to-definition and hovers. */
  origin?: { uri: string; span: Span };
}

export interface TagRule {
  required?: string[];
  /** Allowed values per attribute. */
  attributes?: Record<string, string[]>;
  description?: string;
}

export interface TrackEntry {
  id: string;
  title: string;
}

/** The team's conventions after `extends` is merged and defaults are applied. */
export interface Conventions {
  /** The conventions file these came from, when any. */
  uri?: string;
  briefs: string[];
  bibliography: string[];
  sourceDocuments: string;
  actors: ActorEntry[];
  tags: Record<string, TagRule>;
  framework: { headings: string[]; tracks: TrackEntry[] };
  rules: Record<string, SeveritySetting>;
  /** `possible-unsourced-assertion`: where it does not look, and how readily it reports (docs/assertions.md). */
  assertions: { exemptSections: string[]; sensitivity: 'low' | 'balanced' | 'high' };
}

export const BUILTIN_TAGS = ['claim', 'actor', 'rec'] as const;

export function defaultConventions(): Conventions {
  return {
    briefs: ['**/*.brief.md', 'briefs/**/*.md'],
    bibliography: [],
    sourceDocuments: 'sources/',
    actors: [],
    tags: {
      claim: { attributes: { status: ['asserted', 'contested', 'verified', 'retracted'] } },
      actor: {},
      rec: { attributes: { priority: ['high', 'medium', 'low'] } },
    },
    framework: { headings: ['Proposed Solutions Framework', 'Solutions Framework', 'Recommendations'], tracks: [] },
    rules: {},
    assertions: { exemptSections: ['Proposed Solutions Framework', 'Implementation Recommendations', 'Conclusion'], sensitivity: 'balanced' },
  };
}

/** All tag names: the three built-in ones and those the team adds. */
export function tagNames(conventions: Conventions): string[] {
  return [...new Set<string>([...BUILTIN_TAGS, ...Object.keys(conventions.tags)])];
}
