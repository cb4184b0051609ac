import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readRegularFile } from './regularFile';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Conventions } from '../core/conventions/types';
import type { SourceDocument, SourceFormat } from '../core/rules/types';
import type { Bibliography } from '../core/sources/bibliography';
import { FileCache, UNTRUSTED, type ReadPolicy } from './fileCache';
import { formatOfName } from './sources/extract';
import { SourceExtractor, type ExtractorOptions } from './sources/extractor';
import { uriToPath } from './uris';

/**
 * Source documents (spec §4, docs/sources.md "Source documents"):
 *
 * - `<key>.<ext>` in the conventions' `sourceDocuments` folder (default `sources/`,
 *   relative to the conventions file, or to the brief's folder when there is none), for
 *   `.md`, `.markdown`, `.txt`, `.pdf`, `.html`, `.htm`, `.docx`;
 * - else the attachment a bibliography entry names in its `file` field (Zotero and Better
 *   BibTeX, JabRef, Mendeley, BibLaTeX, CSL), resolved relative to its bibliography file.
 *
 * Text files are read at once; PDF, HTML and Word files are extracted by `SourceExtractor`
 * (its own process, cached by content), pending until then. Everything goes through the
 * Workspace Trust policy: in an untrusted workspace a file outside it is unreadable.
 */
export class SourceDocumentLoader {
  private readonly files: FileCache<string>;
  private readonly listings = new Map<string, { mtimeMs: number; names: string[] }>();
  /** Every folder asked for, existing or not. */
  private readonly folders = new Set<string>();
  /** Every attachment path asked for. */
  private readonly attachments = new Set<string>();
  /** The last document object per key and path. */
  private readonly documents = new Map<string, SourceDocument>();
  readonly extractor: SourceExtractor;

  /**
   * `canRead`: the Workspace Trust policy (`NodeWorkspace.isReadable`). `wait`: extract
   * before answering (the CLI) rather than answer "pending" and extract in the background
   * (the server).
   */
  constructor(
    private readonly canRead: ReadPolicy = () => true,
    extractor: ExtractorOptions = {},
    private readonly wait = false,
  ) {
    this.files = new FileCache<string>((text) => text, canRead);
    this.extractor = new SourceExtractor(extractor);
  }

  folderFor(briefPath: string, conventions: Conventions): string {
    const convPath = conventions.uri?.startsWith('file:') ? decodeURIComponent(new URL(conventions.uri).pathname) : undefined;
    const base = convPath ? dirname(convPath) : dirname(briefPath);
    const folder = conventions.sourceDocuments || 'sources/';
    return isAbsolute(folder) ? folder : resolve(base, folder);
  }

  load(briefPath: string, conventions: Conventions, bibliography?: Bibliography): Map<string, SourceDocument> {
    const out = new Map<string, SourceDocument>();
    const folder = this.folderFor(briefPath, conventions);
    this.folders.add(folder);
    for (const name of this.list(folder)) {
      const format = formatOfName(name)!;
      const key = name.slice(0, name.lastIndexOf('.'));
      if (out.has(key)) continue;
      out.set(key, this.document(key, join(folder, name), format, 'folder'));
    }
    for (const entry of bibliography?.entries.values() ?? []) {
      if (!entry.file || out.has(entry.key)) continue;
      const base = dirname(uriToPath(entry.origin.uri) ?? briefPath);
      const path = attachmentPaths(entry.file)
        .map((p) => resolveAttachment(p, base))
        .find((p) => formatOfName(p));
      if (path) out.set(entry.key, this.document(entry.key, path, formatOfName(path)!, 'attachment'));
    }
    return out;
  }

  /** The sources folder's documents, each with the SHA-256 of its file as its text: what a cache key needs, with nothing extracted. */
  listing(briefPath: string, conventions: Conventions): Map<string, SourceDocument> {
    const out = new Map<string, SourceDocument>();
    const folder = this.folderFor(briefPath, conventions);
    for (const name of this.list(folder)) {
      const key = name.slice(0, name.lastIndexOf('.'));
      if (out.has(key)) continue;
      const path = join(folder, name);
      let text = '';
      try {
        text = createHash('sha256').update(readRegularFile(path)).digest('hex');
      } catch (e) {
        text = `unreadable: ${(e as NodeJS.ErrnoException).code}`;
      }
      out.set(key, { key, uri: pathToFileURL(path).href, text, format: formatOfName(name) });
    }
    return out;
  }

  /** The files the documents of `load` come from (the CLI cache checks their content). */
  filesOf(docs: Map<string, SourceDocument>): string[] {
    return [...docs.values()].map((d) => uriToPath(d.uri)).filter((p): p is string => !!p);
  }

  /**
   * The document of `key` at `path`: the same object as last time when nothing about it
   * changed, so that what was computed from it (its normalised text, its checks) is reused.
   */
  private document(key: string, path: string, format: SourceFormat, origin: SourceDocument['origin']): SourceDocument {
    const doc = this.read(key, path, format, origin);
    const id = `${key}\0${path}`;
    const last = this.documents.get(id);
    if (last && sameDocument(last, doc)) return last;
    this.documents.set(id, doc);
    return doc;
  }

  private read(key: string, path: string, format: SourceFormat, origin: SourceDocument['origin']): SourceDocument {
    const uri = pathToFileURL(path).href;
    if (origin === 'attachment') this.attachments.add(path);
    if (!this.canRead(path)) return { key, uri, text: '', format, origin, status: 'unreadable', reason: UNTRUSTED };
    if (format === 'md' || format === 'txt') {
      const read = this.files.get(path);
      return read.ok ? { key, uri, text: read.value, format, origin } : { key, uri, text: '', format, origin, status: 'unreadable', reason: read.error };
    }
    const state = this.wait ? this.extractor.getSync(path, format) : this.extractor.get(path, format);
    if (state.status === 'ready') return { key, uri, text: state.doc.text, format, origin, pageStarts: state.doc.pageStarts, textlessPages: state.doc.textlessPages };
    if (state.status === 'pending') return { key, uri, text: '', format, origin, status: 'pending' };
    return { key, uri, text: '', format, origin, status: 'unreadable', reason: state.reason };
  }

  private list(folder: string): string[] {
    if (!this.canRead(folder)) return [];
    let st;
    try {
      st = statSync(folder);
    } catch {
      this.listings.delete(folder);
      return [];
    }
    if (!st.isDirectory()) return [];
    const hit = this.listings.get(folder);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.names;
    let names: string[] = [];
    try {
      // Text files first, so that `k.md` wins over `k.pdf` when both are there.
      const rank = (n: string) => ['md', 'txt', 'pdf', 'html', 'docx'].indexOf(formatOfName(n)!);
      names = readdirSync(folder)
        .filter((n) => formatOfName(n) && !n.startsWith('.'))
        .sort((a, b) => (a.slice(0, a.lastIndexOf('.')) < b.slice(0, b.lastIndexOf('.')) ? -1 : a.slice(0, a.lastIndexOf('.')) > b.slice(0, b.lastIndexOf('.')) ? 1 : rank(a) - rank(b)));
    } catch {
      names = [];
    }
    this.listings.set(folder, { mtimeMs: st.mtimeMs, names });
    return names;
  }

  /** A watched file changed: whether it is (or may be) a source document. */
  changed(path: string): boolean {
    const hadFile = this.files.forget(path);
    const hadExtract = this.extractor.forget(path);
    for (const id of this.documents.keys()) if (id.endsWith(`\0${path}`)) this.documents.delete(id);
    const dir = dirname(path);
    this.listings.delete(dir);
    return hadFile || hadExtract || this.attachments.has(path) || this.folders.has(dir) || this.folders.has(path);
  }
}

function sameDocument(a: SourceDocument, b: SourceDocument): boolean {
  return a.uri === b.uri && a.text === b.text && a.format === b.format && a.origin === b.origin && a.status === b.status && a.reason === b.reason && a.pageStarts === b.pageStarts && a.textlessPages === b.textlessPages;
}

/**
 * The paths of a bibliography entry's attachment field, as the reference managers write it:
 *
 * - Zotero / Better BibTeX: `{/abs/path/a.pdf;/abs/path/b.html}`;
 * - JabRef and Mendeley: `{Description:path/a.pdf:PDF;:b.pdf:PDF}`, with `\:` and `\\`
 *   escaping a Windows path's colon and backslashes (`C\:\\Users\\…`);
 * - BibLaTeX and CSL: a plain path.
 */
export function attachmentPaths(field: string): string[] {
  const out: string[] = [];
  for (const part of splitUnescaped(field, ';')) {
    const fields = splitUnescaped(part, ':');
    let path: string;
    if (fields.length >= 3 && /^[A-Za-z][\w. -]{0,20}$/.test(fields[fields.length - 1].trim())) path = fields.slice(1, -1).join(':');
    else if (fields.length === 2 && /^[A-Za-z]$/.test(fields[0])) path = fields.join(':'); // C:\… written without escapes
    else if (fields.length === 2 && fields[0] === '') path = fields[1];
    else path = fields.join(':');
    path = unescape(path).trim();
    if (path) out.push(path);
  }
  return out;
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

const unescape = (s: string) => s.replace(/\\([\\:;{}])/g, '$1');

/** An attachment path on this machine: `~` is the home folder, a relative path is relative to the bibliography file. */
export function resolveAttachment(path: string, base: string): string {
  // A Windows reference manager's relative path (`JabRef\\paper.pdf`), read on another system.
  if (sep === '/' && path.includes('\\') && !path.includes('/') && !/^[A-Za-z]:/.test(path)) path = path.replace(/\\/g, '/');
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  if (/^file:\/\//i.test(path)) return uriToPath(path) ?? path;
  return isAbsolute(path) ? path : resolve(base, path);
}
