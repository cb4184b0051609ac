import type { Severity } from '../conventions/types';
import { duplicateId } from './duplicateId';
import { invalidAttribute } from './invalidAttribute';
import { missingAttribute } from './missingAttribute';
import { unknownActor } from './unknownActor';
import { unknownTrack } from './unknownTrack';
import { figureNotInSource } from './figureNotInSource';
import { possibleUnsourcedAssertion } from './possibleUnsourcedAssertion';
import { pageMismatch } from './pageMismatch';
import { quoteNotInSource } from './quoteNotInSource';
import { suppressionCodes } from './suppressionCodes';
import { unusedSource } from './unusedSource';
import { unknownSource } from './unknownSource';
import { unknownTag } from './unknownTag';
import { unsourcedClaim } from './unsourcedClaim';
import { CODES, DEFAULT_SEVERITY, type Code, type Diagnostic, type Finding, type Rule, type RuleContext } from './types';
import { pushAll } from '../text/pushAll';

/** Every rule, one module per diagnostic code. */
export const RULES: Rule[] = [unsourcedClaim, unknownSource, duplicateId, unknownTag, unknownActor, missingAttribute, invalidAttribute, unknownTrack, possibleUnsourcedAssertion, quoteNotInSource, figureNotInSource, pageMismatch, unusedSource, suppressionCodes];

export interface RuleFailure {
  code: Code;
  error: unknown;
}

export interface RunResult {
  diagnostics: Diagnostic[];
  /** Rules that threw: their findings are dropped for this document, the others still report. */
  failures: RuleFailure[];
}

/**
 * Runs the rules, then applies what rules do not own: severity from the conventions
 * (`off` drops the code) and suppression comments. A rule that throws loses only its own
 * findings.
 */
export function runRules(ctx: RuleContext, extraFindings: Finding[] = [], rules: Rule[] = RULES): RunResult {
  const failures: RuleFailure[] = [];
  const findings: Finding[] = [...extraFindings];
  for (const rule of rules) {
    if (severityOf(ctx, rule.code) === undefined) continue;
    try {
      pushAll(findings, rule.check(ctx));
    } catch (error) {
      failures.push({ code: rule.code, error });
    }
  }
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const severity = severityOf(ctx, f.code);
    if (!severity || isSuppressed(ctx, f)) continue;
    diagnostics.push({ ...f, severity });
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return { diagnostics, failures };
}

export function severityOf(ctx: Pick<RuleContext, 'conventions'>, code: Code): Severity | undefined {
  const setting = ctx.conventions.rules[code];
  if (setting === 'off') return undefined;
  return setting ?? DEFAULT_SEVERITY[code];
}

function isSuppressed(ctx: RuleContext, f: Finding): boolean {
  const { suppressions, lines } = ctx.model;
  if (suppressions.length === 0 || f.code === 'invalid-conventions') return false;
  const line = lines.positionAt(f.span.start).line;
  const applies = (codes: string[]) => codes.length === 0 || codes.includes(f.code);
  let disabled = false;
  for (const s of suppressions) {
    if (s.kind === 'next-line') {
      if (s.line === line && applies(s.codes)) return true;
      continue;
    }
    if (s.span.start > f.span.start) break;
    if (!applies(s.codes)) continue;
    disabled = s.kind === 'disable';
  }
  return disabled;
}

export function isCode(s: string): s is Code {
  return (CODES as readonly string[]).includes(s);
}
