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
  /** The CSL style of rendered citations: a bundled style's name or a `.csl` file (relative to the conventions file); front matter `csl:` wins. */
  citationStyle?: string;
  actors: ActorEntry[];
  tags: Record<string, TagRule>;
  framework: { headings: string[]; tracks: TrackEntry[] };
  rules: Record<string, SeveritySetting>;
  /** `possible-unsourced-assertion`: where it does not look, and how readily it reports (docs/assertions.md). */
  assertions: { exemptSections: string[]; sensitivity: 'low' | 'balanced' | 'high' };
}

/**
 * The built-in tags (spec §3), the one list of their names, descriptions, attributes and
 * allowed values: conventions defaults, completion, the codebook export and the preview
 * plugin read it, and a test checks the grammar against it.
 */
export const BUILTIN_TAG_INFO = {
  claim: {
    description: 'An assertion of fact that must be sourced.',
    attributes: [
      ['src', 'Source keys, separated by spaces or commas'],
      ['id', 'An id, unique in the brief'],
      ['status', 'asserted (default), contested, verified or retracted'],
      ['by', 'The actor who made the claim (an actor id)'],
    ],
    values: { status: ['asserted', 'contested', 'verified', 'retracted'] },
  },
  actor: {
    description: 'A person, state, organisation or coalition.',
    attributes: [['id', 'An actor id from the conventions']],
    values: {},
  },
  rec: {
    description: 'A recommendation of the proposed solutions framework.',
    attributes: [
      ['id', 'An id, unique in the brief'],
      ['track', 'A track number, letter, title or id'],
      ['actor', 'Who should act: actor ids, separated by spaces or commas'],
      ['priority', 'high, medium or low'],
      ['horizon', 'When: free text'],
    ],
    values: { priority: ['high', 'medium', 'low'] },
  },
} as const satisfies Record<string, { description: string; attributes: ReadonlyArray<readonly [string, string]>; values: Record<string, readonly string[]> }>;

export const BUILTIN_TAGS = Object.keys(BUILTIN_TAG_INFO) as Array<keyof typeof BUILTIN_TAG_INFO>;

export function defaultConventions(): Conventions {
  return {
    briefs: ['**/*.brief.md', 'briefs/**/*.md'],
    bibliography: [],
    sourceDocuments: 'sources/',
    actors: [],
    tags: Object.fromEntries(
      BUILTIN_TAGS.map((t) => {
        const values = Object.entries(BUILTIN_TAG_INFO[t].values as Record<string, readonly string[]>);
        return [t, values.length ? { attributes: Object.fromEntries(values.map(([k, v]) => [k, [...v]])) } : {}];
      }),
    ),
    framework: { headings: ['Proposed Solutions Framework', 'Solutions Framework', 'Recommendations'], tracks: [] },
    rules: {},
    assertions: { exemptSections: ['Proposed Solutions Framework', 'Implementation Recommendations', 'Conclusion'], sensitivity: 'balanced' },
  };
}

/** All tag names: the three built-in ones and those the team adds. */
export function tagNames(conventions: Conventions): string[] {
  return [...new Set<string>([...BUILTIN_TAGS, ...Object.keys(conventions.tags)])];
}
