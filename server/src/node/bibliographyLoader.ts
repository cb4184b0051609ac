import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Conventions } from '../core/conventions/types';
import type { BuiltModel } from '../core/model/buildModel';
import { emptyBibliography, mergeBibliographies, type Bibliography } from '../core/sources/bibliography';
import { bibliographyFormat, parseBibliographyText } from '../core/sources/bibliographyFile';
import { FileCache, type ReadPolicy } from './fileCache';

/** One bibliography file as read from disk, with its text (for positions of its problems). */
export interface LoadedBibliography {
  uri: string;
  path: string;
  text: string;
  bibliography: Bibliography;
}

/**
 * Reads the bibliography files a brief uses: its front matter `bibliography:` (one path
 * or a list, relative to the brief) and the conventions' `bibliography` list (relative to
 * the conventions file, or to the brief when there is none). A file that is missing or
 * unreadable becomes a problem of the brief; a file with syntax errors keeps the entries
 * that could be read and carries its problems, with positions in that file.
 */
export class BibliographyLoader {
  private readonly cache: FileCache<Bibliography>;

  /** `canRead`: the Workspace Trust policy (`NodeWorkspace.isReadable`). */
  constructor(canRead?: ReadPolicy) {
    this.cache = new FileCache<Bibliography>((text, path, note) => {
      const format = bibliographyFormat(path)!;
      const uri = pathToFileURL(path).href;
      const b = parseBibliographyText(text, uri, format);
      return note ? { ...b, problems: [{ uri, message: note, span: { start: 0, end: Math.min(1, text.length) }, severity: 'warning' as const }, ...b.problems] } : b;
    }, canRead);
  }

  /** The files named for this brief, as absolute paths with where each was named. */
  filesFor(briefPath: string, model: BuiltModel, conventions: Conventions): Array<{ path: string; from: 'front-matter' | 'conventions'; written: string }> {
    const out: Array<{ path: string; from: 'front-matter' | 'conventions'; written: string }> = [];
    const briefDir = dirname(briefPath);
    const fm = model.frontMatter?.data?.bibliography;
    const listed = typeof fm === 'string' ? [fm] : Array.isArray(fm) ? fm.filter((x): x is string => typeof x === 'string') : [];
    for (const p of listed) out.push({ path: resolve(briefDir, p), from: 'front-matter', written: p });
    const convPath = conventions.uri?.startsWith('file:') ? new URL(conventions.uri).pathname : undefined;
    const convDir = convPath ? dirname(decodeURIComponent(convPath)) : briefDir;
    for (const p of conventions.bibliography) out.push({ path: isAbsolute(p) ? p : resolve(convDir, p), from: 'conventions', written: p });
    return out;
  }

  /** Every path asked for, including missing ones (creating one of them matters too). */
  private readonly requested = new Set<string>();

  load(briefPath: string, model: BuiltModel, conventions: Conventions): Bibliography {
    const parts: Bibliography[] = [];
    const briefUri = pathToFileURL(briefPath).href;
    for (const f of this.filesFor(briefPath, model, conventions)) {
      this.requested.add(f.path);
      const format = bibliographyFormat(f.path);
      const shown = relative(dirname(briefPath), f.path) || f.written;
      if (!format) {
        parts.push({ entries: new Map(), problems: [{ uri: briefUri, message: `Bibliography "${f.written}" has an unknown format: use .bib (BibTeX), .json (CSL-JSON) or .yaml/.yml (CSL YAML).` }] });
        continue;
      }
      const read = this.cache.get(f.path);
      if (!read.ok) {
        // Named in the front matter: reported on the brief. Named in the conventions: reported
        // on the conventions file when it exists, and in any unknown-source message.
        const where = f.from === 'front-matter' ? briefUri : (conventions.uri ?? briefUri);
        parts.push({ entries: new Map(), problems: [{ uri: where, message: `Bibliography "${shown}" (named in ${f.from === 'front-matter' ? 'the front matter' : 'the conventions'}) cannot be used: ${read.error}.` }] });
        continue;
      }
      parts.push(read.value);
    }
    return parts.length ? mergeBibliographies(...parts) : emptyBibliography();
  }

  /** Every bibliography file read so far, with its problems (for diagnostics on those files). */
  loaded(): LoadedBibliography[] {
    const out: LoadedBibliography[] = [];
    for (const path of this.cache.paths()) {
      const read = this.cache.get(path);
      if (read.ok) out.push({ uri: pathToFileURL(path).href, path, text: read.text, bibliography: read.value });
    }
    return out;
  }

  /** A watched file changed: whether it is one of ours. */
  changed(path: string): boolean {
    return this.cache.forget(path) || this.requested.has(path);
  }
}
