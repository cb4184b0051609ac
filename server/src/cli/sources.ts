/**
 * `briefmark sources [--format text|json] [--strict] [PATH ...]`: every key the given briefs
 * cite, its source document if any (format, pages, whether it could be read) and what each
 * claim's quotations and figures came to against it (found, found with differences, not
 * found, unchecked). Exit 2 on a bad path; with `--strict`, exit 1 when a cited document
 * cannot be read.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Analysis } from '../core/analysis';
import { claimEvidence } from '../core/semantics/claimEvidence';
import { createBriefService } from '../core/service';
import type { SourceDocument } from '../core/rules/types';
import type { Check, Outcome } from '../core/sources/evidence';
import { writtenFigure } from '../core/sources/sourceText';
import { LineIndex } from '../core/text/lineIndex';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { uriToPath } from '../node/uris';
import type { CheckIO } from './check';
import { collectFiles, compare, displayPath, workspaceFolders } from './files';

export const SOURCES_USAGE = `Usage: briefmark sources [--format text|json] [--strict] [PATH ...]

Lists every key the briefs under PATH (default: the current folder) cite, its source
document (sources/<key>.pdf|html|docx|md|txt, or the bibliography entry's attachment),
whether it could be read, and each claim's quotations and figures against it.

  --format text|json   output format (default text)
  --strict             exit 1 when a cited source document cannot be read`;

export interface SourceUse {
  path: string;
  line: number;
  column: number;
  kind: 'quotation' | 'figure';
  text: string;
  outcome: Outcome;
  page?: number;
  detail?: string;
}

export interface KeyReport {
  key: string;
  document?: { path: string; format: string; pages?: number; status: 'read' | 'pending' | 'unreadable'; reason?: string; origin?: string };
  claims: number;
  uses: SourceUse[];
}

export async function sourcesCommand(argv: string[], io: CheckIO): Promise<number> {
  let format: 'text' | 'json' = 'text';
  let strict = false;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      io.stdout(`${SOURCES_USAGE}\n`);
      return 0;
    } else if (a === '--strict') strict = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') return usage(io, `--format takes text or json, not ${v ?? 'nothing'}.`);
      format = v;
    } else if (a.startsWith('-')) return usage(io, `Unknown option "${a}".`);
    else paths.push(a);
  }
  const { files, problems } = collectFiles(paths, io.cwd);
  for (const p of problems) io.stderr(`briefmark: ${p.path}: ${p.message}\n`);
  if (problems.length) return 2;
  const keys = sourcesReport(
    files.map((f) => f.path),
    workspaceFolders(io.cwd, paths),
    io.cwd,
  );
  io.stdout(format === 'json' ? JSON.stringify({ keys }, null, 2) + '\n' : formatText(keys));
  const unreadable = keys.filter((k) => k.document && k.document.status !== 'read');
  if (strict && unreadable.length) {
    io.stderr(`briefmark: ${unreadable.length} cited source document${unreadable.length > 1 ? 's' : ''} could not be read\n`);
    return 1;
  }
  return 0;
}

function usage(io: CheckIO, message: string): number {
  io.stderr(`briefmark sources: ${message}\n\n${SOURCES_USAGE}\n`);
  return 2;
}

/** The report for the given files (briefs only; other Markdown files are skipped). */
export function sourcesReport(paths: string[], folders: string[], cwd: string): KeyReport[] {
  const workspace = new NodeWorkspace({ waitForSources: true });
  workspace.setFolders(folders.map((f) => pathToFileURL(f).href));
  const service = createBriefService(workspace, undefined, { oneShot: true });
  const byKey = new Map<string, KeyReport>();
  for (const path of [...paths].sort(compare)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const uri = pathToFileURL(path).href;
    const analysis = service.analyze({ uri, version: 0, getText: () => text });
    if (analysis.model.isBrief) collect(analysis, displayPath(cwd, path), byKey, cwd);
    service.forget(uri);
  }
  return [...byKey.values()].sort((a, b) => compare(a.key, b.key));
}

function collect(analysis: Analysis, shown: string, byKey: Map<string, KeyReport>, cwd: string): void {
  const lines = new LineIndex(analysis.model.text);
  const report = (key: string): KeyReport => {
    let r = byKey.get(key);
    if (!r) {
      const doc = analysis.sourceDocuments.get(key);
      byKey.set(key, (r = { key, document: doc ? describe(doc, cwd) : undefined, claims: 0, uses: [] }));
    }
    return r;
  };
  for (const c of analysis.model.citations) for (const i of c.items) report(i.key);
  for (const claim of analysis.model.claims) {
    for (const k of claim.srcKeys) report(k.key);
    const e = claimEvidence(analysis, claim);
    for (const d of e.docs) report(d.key).claims++;
    const use = (kind: SourceUse['kind'], text: string, at: number, c: Check) => {
      const key = c.at?.key ?? e.docs[0]?.key;
      if (!key) return;
      const p = lines.positionAt(at);
      report(key).uses.push({
        path: shown,
        line: p.line + 1,
        column: p.character + 1,
        kind,
        text,
        outcome: c.outcome,
        page: c.at?.page,
        detail: c.reason ?? (c.critical?.length ? `${c.critical.join(', ')} differs` : c.citedPages ? `cited as p. ${c.citedPages.join(', ')}` : c.at?.as ? `as ${c.at.as}` : undefined),
      });
    };
    for (const q of e.quotes) use('quotation', q.quote, q.span.start, q.check);
    for (const f of e.figures) use('figure', writtenFigure(f.figure), f.span.start, f.check);
  }
}

function describe(doc: SourceDocument, cwd: string): KeyReport['document'] {
  const path = uriToPath(doc.uri);
  return {
    path: path ? displayPath(cwd, path) : doc.uri,
    format: doc.format ?? (/\.md$/i.test(doc.uri) ? 'md' : 'txt'),
    pages: doc.pageStarts?.length,
    status: doc.status === 'pending' ? 'pending' : doc.status === 'unreadable' ? 'unreadable' : 'read',
    reason: doc.reason,
    origin: doc.origin,
  };
}

const OUTCOME: Record<Outcome, string> = { found: 'found', differs: 'found with differences', 'not-found': 'not found', unchecked: 'unchecked' };

function formatText(keys: KeyReport[]): string {
  if (keys.length === 0) return 'No citations in these briefs.\n';
  const out: string[] = [];
  for (const k of keys) {
    const d = k.document;
    const doc = !d
      ? 'no source document'
      : `${d.format.toUpperCase()}${d.pages ? `, ${d.pages} page${d.pages > 1 ? 's' : ''}` : ''}, ${d.path}${d.origin === 'attachment' ? ' (attachment)' : ''}${d.status === 'read' ? '' : ` — ${d.status === 'pending' ? 'not read yet' : `cannot be read: ${d.reason}`}`}`;
    out.push(`@${k.key}: ${doc}${d ? `; ${k.claims} claim${k.claims === 1 ? '' : 's'}` : ''}`);
    for (const u of k.uses)
      out.push(`  ${u.path}:${u.line}:${u.column} ${u.kind} ${JSON.stringify(u.text)}: ${OUTCOME[u.outcome]}${u.page ? ` on p. ${u.page}` : ''}${u.detail ? ` (${u.detail})` : ''}`);
  }
  const counts = { found: 0, differs: 0, 'not-found': 0, unchecked: 0 };
  for (const k of keys) for (const u of k.uses) counts[u.outcome]++;
  const unreadable = keys.filter((k) => k.document && k.document.status !== 'read').length;
  out.push('', `${keys.length} key${keys.length === 1 ? '' : 's'} cited, ${keys.filter((k) => k.document).length} with a source document (${unreadable} unreadable); quotations and figures: ${counts.found} found, ${counts.differs} with differences, ${counts['not-found']} not found, ${counts.unchecked} unchecked`);
  return out.join('\n') + '\n';
}
