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
import { Interner } from '../text/interner';
import { pushAll } from '../text/pushAll';
import { runToEnd, type Steps } from '../steps';
import { byPlace, runBlockRules } from './scope';

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
  return runToEnd(runRuleSteps(ctx, extraFindings, rules));
}

/**
 * `runRules`, pausing after each document rule and after each block the block rules ran on
 * (on a hostile brief one rule can take a second). Block rules run per block of the model
 * and keep a block's findings while it is unchanged (rules/scope.ts).
 */
export function* runRuleSteps(ctx: RuleContext, extraFindings: Finding[] = [], rules: Rule[] = RULES): Steps<RunResult> {
  const failures: RuleFailure[] = [];
  const enabled = rules.filter((r) => severityOf(ctx, r.code) !== undefined);
  const blockRules = enabled.filter((r): r is Extract<Rule, { scope: 'block' }> => r.scope === 'block');
  let blocks: Diagnostic[][] = [];
  if (blockRules.length > 0) {
    const found = yield* runBlockRules(ctx, blockRules, { key: severitiesKey(ctx.conventions.rules), of: (code) => severityOf(ctx, code) });
    pushAll(failures, found.failed);
    blocks = found.blocks;
  }
  const documentFindings: Finding[] = [];
  for (const rule of enabled) {
    if (rule.scope !== 'document') continue;
    try {
      pushAll(documentFindings, rule.check(ctx));
    } catch (error) {
      failures.push({ code: rule.code, error });
    }
    yield;
  }
  // In document order, as one stable sort of the extra, block and document findings would
  // put them: each block's list is sorted already (and kept while the block is unchanged),
  // so only the others are sorted and merged in.
  const blockDiagnostics: Diagnostic[] = [];
  for (const list of blocks) pushAll(blockDiagnostics, list);
  const sorted = (list: Finding[]) => withSeverity(ctx, list).sort(byPlace);
  const merged = isSorted(blockDiagnostics) ? mergeSorted([sorted(extraFindings), blockDiagnostics, sorted(documentFindings)]) : [...sorted(extraFindings), ...blockDiagnostics, ...withSeverity(ctx, documentFindings)].sort(byPlace);
  const diagnostics = ctx.model.suppressions.length === 0 ? merged : merged.filter((d) => !isSuppressed(ctx, d));
  return { diagnostics, failures };
}

/** Findings as diagnostics with the severity the conventions give their code (dropped when `off`). */
function withSeverity(ctx: RuleContext, findings: Finding[]): Diagnostic[] {
  const list: Diagnostic[] = [];
  for (const f of findings) {
    const severity = severityOf(ctx, f.code);
    if (severity) list.push({ ...f, severity });
  }
  return list;
}

/** The conventions' severity settings as a string, the same object while they are equal (compared by reference then). */
const SEVERITY_KEYS = new Interner(8);
function severitiesKey(rules: RuleContext['conventions']['rules']): string {
  return SEVERITY_KEYS.intern(JSON.stringify(rules));
}

function isSorted(list: Diagnostic[]): boolean {
  for (let i = 1; i < list.length; i++) if (byPlace(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** Sorted lists merged into one; on a tie the earlier list's first (as a stable sort of their concatenation). */
function mergeSorted(lists: Diagnostic[][]): Diagnostic[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ? [...nonEmpty[0]] : [];
  const out: Diagnostic[] = [];
  const at = nonEmpty.map(() => 0);
  for (;;) {
    let best = -1;
    for (let k = 0; k < nonEmpty.length; k++) if (at[k] < nonEmpty[k].length && (best < 0 || byPlace(nonEmpty[k][at[k]], nonEmpty[best][at[best]]) < 0)) best = k;
    if (best < 0) return out;
    out.push(nonEmpty[best][at[best]++]);
  }
}

export function severityOf(ctx: Pick<RuleContext, 'conventions'>, code: Code): Severity | undefined {
  const setting = ctx.conventions.rules[code];
  if (setting === 'off') return undefined;
  return setting ?? DEFAULT_SEVERITY[code];
}

function isSuppressed(ctx: RuleContext, f: Finding): boolean {
  const { suppressions, lines } = ctx.model;
  if (suppressions.length === 0 || f.code === 'invalid-conventions') return false;
  const index = suppressionIndex(ctx.model);
  const line = lines.positionAt(f.span.start).line;
  if (index.nextLine.get(line)?.some((codes) => applies(codes, f.code))) return true;
  // The last `disable` or `enable` before the finding that names its code (or every code) decides.
  const toggles = index.togglesFor(f.code);
  let lo = 0;
  let hi = toggles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toggles[mid].start <= f.span.start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && toggles[lo - 1].disabled;
}

const applies = (codes: string[], code: string) => codes.length === 0 || codes.includes(code);

interface SuppressionIndex {
  /** `next-line` comments by the line they silence: their code lists. */
  nextLine: Map<number, string[][]>;
  /** `disable`/`enable` comments that apply to a code, in document order. */
  togglesFor(code: string): Array<{ start: number; disabled: boolean }>;
}

/**
 * The model's suppressions, indexed once per model: each finding is then looked up in
 * O(log n) (scanning every comment for every finding was quadratic in a brief with
 * thousands of both).
 */
const suppressionIndexes = new WeakMap<RuleContext['model'], SuppressionIndex>();
function suppressionIndex(model: RuleContext['model']): SuppressionIndex {
  let index = suppressionIndexes.get(model);
  if (index) return index;
  const nextLine = new Map<number, string[][]>();
  const toggles: Array<{ start: number; disabled: boolean; codes: string[] }> = [];
  for (const s of model.suppressions) {
    if (s.kind === 'next-line') {
      const at = nextLine.get(s.line);
      if (at) at.push(s.codes);
      else nextLine.set(s.line, [s.codes]);
    } else toggles.push({ start: s.span.start, disabled: s.kind === 'disable', codes: s.codes });
  }
  const byCode = new Map<string, Array<{ start: number; disabled: boolean }>>();
  index = {
    nextLine,
    togglesFor(code) {
      let list = byCode.get(code);
      if (!list) byCode.set(code, (list = toggles.filter((t) => applies(t.codes, code)).map(({ start, disabled }) => ({ start, disabled }))));
      return list;
    },
  };
  suppressionIndexes.set(model, index);
  return index;
}

export function isCode(s: string): s is Code {
  return (CODES as readonly string[]).includes(s);
}
