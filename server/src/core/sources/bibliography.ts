import type { Span } from '../text/span';
import type { CslItem } from './bibtexCsl';
import { pushAll } from '../text/pushAll';

/** One bibliography entry, whatever format it came from. */
export interface BibEntry {
  key: string;
  title?: string;
  authors: string[];
  year?: string;
  type?: string;
  url?: string;
  containerTitle?: string;
  publisher?: string;
  abstract?: string;
  keywords?: string[];
  /** The attachment field as written (`file = {…}` of Zotero, JabRef, BibLaTeX; CSL `file`). */
  file?: string;
  /** The entry as a CSL item, for the CSL engine (rendered citations and references). */
  csl: CslItem;
  /** Where the entry is written: a bibliography file, or the brief's front matter. */
  origin: { uri: string; span?: Span };
}

export interface BibliographyProblem {
  uri: string;
  message: string;
  span?: Span;
  /** A problem that lost nothing (a duplicate key, a file read in another encoding) is a warning; the default is an error. */
  severity?: 'warning';
}

export interface Bibliography {
  entries: Map<string, BibEntry>;
  problems: BibliographyProblem[];
}

export function emptyBibliography(): Bibliography {
  return { entries: new Map(), problems: [] };
}

/** Merges bibliographies in order; the first entry of a key wins (the brief's own first). */
export function mergeBibliographies(...parts: Bibliography[]): Bibliography {
  const out = emptyBibliography();
  for (const p of parts) {
    for (const [k, e] of p.entries) if (!out.entries.has(k)) out.entries.set(k, e);
    pushAll(out.problems, p.problems);
  }
  return out;
}

/** "Author, Author (Year). Title. Container." in one line. */
export function formatEntry(e: BibEntry): string {
  const who = e.authors.length > 3 ? `${e.authors[0]} et al.` : e.authors.join(', ');
  // With no author the title leads, as author-date styles write it: "*Regulation (EU) 2024/1787* (2024)".
  const year = e.year ? ` (${e.year})` : '';
  const parts = [who && `${who}${year}`, e.title && `*${e.title}*${who ? '' : year}`, !who && !e.title && e.year ? `(${e.year})` : '', e.containerTitle, e.publisher]
    .filter(Boolean)
    .join('. ');
  return parts + (e.url ? ` <${e.url}>` : '');
}

/**
 * Problems inside one bibliography file, as diagnostics on that file. The contract has no
 * code of its own for a broken bibliography; like a broken `.briefmark.yaml`, it is shared
 * configuration that briefs depend on, so its problems are `invalid-conventions` errors
 * (docs/diagnostics.md).
 */
export function bibliographyFileDiagnostics(problems: BibliographyProblem[], uri: string): Array<{ code: 'invalid-conventions'; severity: 'error' | 'warning'; message: string; span: Span }> {
  return problems.filter((p) => p.uri === uri).map((p) => ({ code: 'invalid-conventions', severity: p.severity ?? 'error', message: p.message, span: p.span ?? { start: 0, end: 0 } }));
}
