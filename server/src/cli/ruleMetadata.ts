/**
 * What reports say about each code (SARIF `tool.driver.rules`): its description and default
 * severity from the one table of codes (`CODE_INFO`), and where it is documented.
 */
import type { Severity } from '../core/conventions/types';
import { docsUrl } from '../core/rules/docsUrl';
import { CODE_INFO, CODES, DEFAULT_SEVERITY, type Code } from '../core/rules/types';

export interface RuleMetadata {
  code: Code;
  description: string;
  defaultSeverity: Severity;
  helpUri: string;
}

export function ruleMetadata(): RuleMetadata[] {
  return CODES.map((code) => ({ code, description: CODE_INFO[code].description, defaultSeverity: DEFAULT_SEVERITY[code], helpUri: docsUrl(code) }));
}
