/**
 * Checks one file: read it, analyse it with the same core service as the language
 * server, and return plain, cloneable data (it crosses from worker threads). Never
 * throws: a file that cannot be read, or whose analysis crashes, says so in its result.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../core/conventions/types';
import type { Analysis } from '../core/analysis';
import { sourcingSummary } from '../core/features/sourcingSummary';
import type { Code } from '../core/rules/types';
import { createBriefService, type BriefService } from '../core/service';
import { bibliographyFileDiagnostics } from '../core/sources/bibliography';
import type { SourcingCounts } from '../core/semantics/sourcing';
import { LineIndex, type Position } from '../core/text/lineIndex';
import { CONVENTIONS_FILE } from '../node/conventionsLoader';
import { conventionsDiagnostics } from '../node/conventionsDiagnostics';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { uriToPath } from '../node/uris';
import { describeError } from './files';
import * as proto from '../protocol/toProto';

/** A diagnostic as the JSON format prints it (spec §9): 0-based lines, UTF-16 characters. */
export interface FileDiagnostic {
  code: Code;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
  /**
   * Related places ("first defined here"; the source document a quotation was looked for
   * in, with its `path`), as the language server sends them (SARIF `relatedLocations`).
   */
  related?: Array<{ message: string; range: { start: Position; end: Position }; path?: string }>;
  /** Set by `check` when a baseline or the GitLab format needs it (fingerprint.ts). */
  fingerprint?: string;
}

export interface FileResult {
  /** Absolute path. */
  path: string;
  isBrief: boolean;
  diagnostics: FileDiagnostic[];
  /** Its claims by sourcing status (semantics/sourcing.ts). */
  sourcing: SourcingCounts;
  /** Why the file could not be read. */
  readError?: string;
  /** The analysis crashed: no diagnostics are known for this file. */
  crash?: string;
  /** Rules that threw: their findings are missing, the others are reported. */
  ruleFailures?: Array<{ code: Code; error: string }>;
  /**
   * Files this one depends on (bibliography files) that have problems of their own,
   * reported on those files as the language server does; each once per checker.
   */
  related?: RelatedFile[];
  /** Files the result depends on besides the file itself (bibliography and conventions files), for the cache. */
  deps?: string[];
}

export interface RelatedFile {
  /** Absolute path. */
  path: string;
  diagnostics: FileDiagnostic[];
}

export interface FileChecker {
  check(path: string): FileResult;
}

export function createFileChecker(folders: string[], service?: BriefService, sourcesCache?: string): FileChecker {
  // A CLI run waits for source documents to be extracted (each once, in its own process).
  const workspace = new NodeWorkspace({ waitForSources: true, sourcesCache });
  workspace.setFolders(folders.map((f) => pathToFileURL(f).href));
  // Each file is analysed once and never edited: the service parses it in one piece.
  const briefs = service ?? createBriefService(workspace, undefined, { oneShot: true });
  const seen = new Set<string>();
  return {
    check(path) {
      // Never throws: whatever goes wrong is this file's result, and the run goes on.
      try {
        // A conventions file named on the command line is validated, not read as Markdown.
        const result = basename(path) === CONVENTIONS_FILE ? checkConventionsFile(workspace, path) : checkFile(briefs, path, workspace);
        if (basename(path) === CONVENTIONS_FILE) seen.add(path);
        const related = relatedProblems(workspace, path, seen);
        if (related.length) result.related = related;
        result.deps = [...new Set([...(result.deps ?? []), ...conventionsFiles(workspace, path), ...related.map((r) => r.path)])].filter((d) => d !== path);
        return result;
      } catch (e) {
        return crashResult(path, errorText(e));
      }
    },
  };
}

function checkConventionsFile(workspace: NodeWorkspace, path: string): FileResult {
  const result: FileResult = { path, isBrief: false, diagnostics: [], sourcing: noClaims() };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ...result, readError: describeError(e) };
  }
  try {
    const { lines, diagnostics } = conventionsDiagnostics(workspace, pathToFileURL(path).href, text);
    return { ...result, diagnostics: diagnostics.map((d) => toFileDiagnostic(lines, pathToFileURL(path).href, d)) };
  } catch (e) {
    return { ...result, crash: errorText(e) };
  }
}

/** The conventions files that govern `path`: the nearest `.briefmark.yaml` and what it extends. */
function conventionsFiles(workspace: NodeWorkspace, path: string): string[] {
  try {
    const folder = workspace.folderOf(path);
    const root = workspace.conventions.findFor(path, folder);
    if (!root) return [];
    return [root, ...[...workspace.conventions.problemsFor(root, folder).keys()].map((u) => uriToPath(u)).filter((p): p is string => !!p)];
  } catch {
    return [];
  }
}

/**
 * Problems inside the shared files a checked file depends on — the conventions files that
 * govern it (with what they extend) and the bibliography files read so far — that this
 * checker has not reported yet. They are reported on those files, as the language server does.
 */
function relatedProblems(workspace: NodeWorkspace, path: string, seen: Set<string>): RelatedFile[] {
  const out: RelatedFile[] = [];
  const add = (file: string, lines: LineIndex, found: Array<Parameters<typeof toFileDiagnostic>[2]>) => {
    if (found.length) out.push({ path: file, diagnostics: found.map((d) => toFileDiagnostic(lines, pathToFileURL(file).href, d)) });
  };
  try {
    const folder = workspace.folderOf(path);
    const root = workspace.conventions.findFor(path, folder);
    if (root)
      for (const uri of workspace.conventions.problemsFor(root, folder).keys()) {
        const file = uriToPath(uri);
        if (!file || seen.has(file)) continue;
        seen.add(file);
        const text = workspace.conventions.textOf(file, folder);
        if (text === undefined) continue;
        const { lines, diagnostics } = conventionsDiagnostics(workspace, uri, text);
        add(file, lines, diagnostics);
      }
  } catch {
    // The brief's own result already says whether its analysis worked; conventions problems are extra.
  }
  for (const file of workspace.loadedBibliographies()) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    add(file.path, new LineIndex(file.text), bibliographyFileDiagnostics(file.bibliography.problems, file.uri));
  }
  return out;
}

function toFileDiagnostic(lines: LineIndex, uri: string, d: { code: Code; severity: Severity; message: string; span: { start: number; end: number }; related?: Array<{ message: string; span: { start: number; end: number }; uri?: string }> }): FileDiagnostic {
  const out: FileDiagnostic = { code: d.code, severity: d.severity, message: d.message, range: proto.range(lines, d.span) };
  // The editor's conversion (protocol/toProto.ts): related places in this file at their
  // ranges, those in another file (a source document) with its path.
  if (d.related?.length) out.related = proto.relatedPlaces(lines, uri, d.related).map(({ uri: other, ...r }) => (other ? { ...r, path: uriToPath(other) ?? other } : r));
  return out;
}

export function noClaims(): SourcingCounts {
  return { claims: 0, sourced: 0, pending: 0, missing: 0, broken: 0 };
}

/** The result of a file whose check failed inside Briefmark: reported for that file, exit code 2. */
export function crashResult(path: string, error: string): FileResult {
  return { path, isBrief: false, diagnostics: [], sourcing: noClaims(), crash: error };
}

export function checkFile(service: BriefService, path: string, workspace?: NodeWorkspace): FileResult {
  const empty: FileResult = { path, isBrief: false, diagnostics: [], sourcing: noClaims() };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ...empty, readError: describeError(e) };
  }
  const uri = pathToFileURL(path).href;
  try {
    // Editors drop a byte-order mark before they count columns; so does the CLI.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const analysis = service.analyze({ uri, version: 0, getText: () => text });
    const diagnostics = analysis.diagnostics.map((d) => toFileDiagnostic(analysis.model.lines, uri, d));
    const result: FileResult = { path, isBrief: analysis.model.isBrief, diagnostics, sourcing: sourcingSummary(analysis) };
    if (workspace) result.deps = bibliographyDeps(workspace, uri, analysis);
    if (analysis.failures.length) result.ruleFailures = analysis.failures.map((f) => ({ code: f.code, error: errorText(f.error) }));
    return result;
  } catch (e) {
    return { ...empty, crash: errorText(e) };
  } finally {
    service.forget(uri); // a CLI run reads each file once: keep memory flat on large repositories
  }
}

/** The bibliography files a result read: those named (existing or not) and every entry's or problem's file. */
function bibliographyDeps(workspace: NodeWorkspace, uri: string, analysis: Analysis): string[] {
  const out = new Set<string>(workspace.bibliographyFilesFor(uri, analysis.model, analysis.conventions));
  const add = (u: string) => {
    const p = u !== uri ? uriToPath(u) : undefined;
    if (p) out.add(p);
  };
  for (const e of analysis.bibliography.entries.values()) add(e.origin.uri);
  for (const p of analysis.bibliography.problems) add(p.uri);
  // Attachments (PDF, web pages, Word files) a claim was checked against: their content counts too.
  for (const d of analysis.sourceDocuments.values()) if (d.origin === 'attachment') add(d.uri);
  return [...out];
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack?.split('\n').find((l) => l.trim().startsWith('at '));
    return `${e.name}: ${e.message}${frame ? ` (${frame.trim()})` : ''}`;
  }
  return String(e);
}
