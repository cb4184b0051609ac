import { readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Conventions } from '../core/conventions/types';
import type { SourceDocument } from '../core/rules/types';
import { FileCache, type ReadPolicy } from './fileCache';

const SOURCE_FILE = /^(.+)\.(md|txt)$/i;

/**
 * Source documents (spec §4): `<key>.md` / `<key>.txt` in the conventions'
 * `sourceDocuments` folder (default `sources/`), relative to the conventions file, or to
 * the brief's folder when there is no conventions file. Texts are cached by modification
 * time; the folder is listed again when it changes.
 */
export class SourceDocumentLoader {
  private readonly files: FileCache<string>;
  private readonly listings = new Map<string, { mtimeMs: number; names: string[] }>();
  /** Every folder asked for, existing or not. */
  private readonly folders = new Set<string>();

  /** `canRead`: the Workspace Trust policy (`NodeWorkspace.isReadable`). */
  constructor(private readonly canRead: ReadPolicy = () => true) {
    this.files = new FileCache<string>((text) => text, canRead);
  }

  folderFor(briefPath: string, conventions: Conventions): string {
    const convPath = conventions.uri?.startsWith('file:') ? decodeURIComponent(new URL(conventions.uri).pathname) : undefined;
    const base = convPath ? dirname(convPath) : dirname(briefPath);
    const folder = conventions.sourceDocuments || 'sources/';
    return isAbsolute(folder) ? folder : resolve(base, folder);
  }

  load(briefPath: string, conventions: Conventions): Map<string, SourceDocument> {
    const out = new Map<string, SourceDocument>();
    const folder = this.folderFor(briefPath, conventions);
    this.folders.add(folder);
    for (const name of this.list(folder)) {
      const m = SOURCE_FILE.exec(name);
      if (!m || out.has(m[1])) continue;
      const path = join(folder, name);
      const read = this.files.get(path);
      if (read.ok) out.set(m[1], { key: m[1], uri: pathToFileURL(path).href, text: read.value });
    }
    return out;
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
      names = readdirSync(folder).filter((n) => SOURCE_FILE.test(n)).sort();
    } catch {
      names = [];
    }
    this.listings.set(folder, { mtimeMs: st.mtimeMs, names });
    return names;
  }

  /** A watched file changed: whether it is (or may be) a source document. */
  changed(path: string): boolean {
    const hadFile = this.files.forget(path);
    const dir = dirname(path);
    this.listings.delete(dir);
    return hadFile || this.folders.has(dir) || this.folders.has(path);
  }
}
