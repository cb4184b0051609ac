/**
 * What reports say about each code (SARIF `tool.driver.rules`): its description (the
 * rule module's own, else the contract's wording for codes that are not a rule module),
 * its default severity and where it is documented.
 */
import type { Severity } from '../core/conventions/types';
import { RULES } from '../core/rules';
import { docsUrl } from '../core/rules/docsUrl';
import { CODES, DEFAULT_SEVERITY, type Code } from '../core/rules/types';

export interface RuleMetadata {
  code: Code;
  description: string;
  defaultSeverity: Severity;
  helpUri: string;
}

/** Spec §8's "when" column, for codes that have no rule module of their own. */
const CONTRACT_WORDING: Record<Code, string> = {
  'unsourced-claim': 'A claim has no source.',
  'unknown-source': 'A citation key, src key or footnote id does not resolve.',
  'possible-unsourced-assertion': 'An untagged sentence reads as an assertion of fact (a figure, a quotation, a reporting verb) and has no source.',
  'unknown-actor': 'An actor tag, or a by/actor attribute, resolves to no actor of the conventions.',
  'missing-attribute': 'A tag lacks an attribute the conventions require.',
  'invalid-attribute': 'An attribute value is outside its allowed values.',
  'unknown-track': 'A rec names a track that does not exist.',
  'unknown-tag': 'A directive name is a near miss of a tag name.',
  'duplicate-id': 'Two tags of one brief share an id.',
  'quote-not-in-source': 'A quotation in a claim is not in its source document.',
  'figure-not-in-source': 'A number in a claim is not in its source document.',
  'page-mismatch': 'A quotation or figure of a claim is in its source document, but not on the page the citation gives.',
  'unused-source': 'A footnote or front-matter reference is cited nowhere.',
  'invalid-conventions': 'A problem in .briefmark.yaml, or in a brief’s own front matter.',
};

export function ruleMetadata(): RuleMetadata[] {
  const own = new Map(RULES.map((r) => [r.code, r.description]));
  return CODES.map((code) => ({ code, description: own.get(code) ?? CONTRACT_WORDING[code], defaultSeverity: DEFAULT_SEVERITY[code], helpUri: docsUrl(code) }));
}
