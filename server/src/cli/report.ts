/** What one `briefmark check` run found, in the order it is printed (sorted by path). */
import type { SourcingCounts } from '../core/semantics/sourcing';
import type { FileDiagnostic } from './checkFile';

export interface ReportFile {
  /** Relative to the current folder, with `/` separators. */
  path: string;
  diagnostics: FileDiagnostic[];
}

/** A path that could not be read, or a file that could not be checked. */
export interface RunProblem {
  path: string;
  message: string;
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Claims by sourcing status: only `sourced` ones count as sourced (a placeholder is `pending`, an unknown key `broken`). */
  claims: number;
  sourced: number;
  pending: number;
  missing: number;
  broken: number;
  /** Paths and files that could not be read or checked. */
  problems: number;
  /** With `--baseline`: findings hidden because the baseline records them, and recorded ones not found any more. */
  baseline?: { hidden: number; fixed: number };
  /** Files named on the command line that are no brief (spec §2): listed, with nothing checked in them. */
  notBriefs?: number;
}

export interface Report {
  /** The current folder (absolute): reported paths are relative to it. */
  cwd: string;
  files: ReportFile[];
  problems: RunProblem[];
  summary: Summary;
  exitCode: 0 | 1 | 2;
}

export function summarize(files: ReportFile[], sourcing: SourcingCounts, problems: number): Summary {
  const s: Summary = { files: files.length, errors: 0, warnings: 0, infos: 0, hints: 0, ...sourcing, problems };
  for (const f of files)
    for (const d of f.diagnostics) {
      if (d.severity === 'error') s.errors++;
      else if (d.severity === 'warning') s.warnings++;
      else if (d.severity === 'info') s.infos++;
      else s.hints++;
    }
  return s;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary line for people (text and github formats). */
export function summaryLine(s: Summary): string {
  const counts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), `${s.infos} info`, plural(s.hints, 'hint')].join(', ');
  const share = s.claims ? ` (${Math.floor((100 * s.sourced) / s.claims)}%)` : '';
  const others = [s.pending && `${s.pending} pending`, s.missing && `${s.missing} missing`, s.broken && `${s.broken} broken`].filter(Boolean);
  const problems = s.problems ? `; ${plural(s.problems, 'path')} could not be checked` : '';
  const baseline = s.baseline ? `; baseline: ${s.baseline.hidden} hidden, ${s.baseline.fixed} fixed since` : '';
  // A brief written as plain text with no front matter is no brief until it says so: the user who named it is told why nothing was found.
  const notBriefs = s.notBriefs ? `; ${s.notBriefs === 1 ? '1 named file is' : `${s.notBriefs} named files are`} not a brief (no \`brief: true\`, no match of the \`briefs\` globs such as *.brief.md, no tag): nothing is checked in ${s.notBriefs === 1 ? 'it' : 'them'}` : '';
  return `${plural(s.files, 'file')} checked: ${counts}; claims sourced: ${s.sourced}/${s.claims}${share}${others.length ? `, ${others.join(', ')}` : ''}${problems}${baseline}${notBriefs}`;
}

/** A finding as one line, `path:line:col severity code message`, 1-based as editors show them (text format, and github beyond its annotations). */
export function findingLine(path: string, d: FileDiagnostic): string {
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${oneLine(d.message)}`;
}

/** Messages are one line in line-oriented formats. */
export function oneLine(message: string): string {
  // Each run of white space that holds a line break becomes one space: what
  // `/\s*[\r\n]+\s*/g` replaced, without rescanning a long run from each of its characters.
  return message.replace(/\s+/g, (space) => (/[\r\n]/.test(space) ? ' ' : space));
}
