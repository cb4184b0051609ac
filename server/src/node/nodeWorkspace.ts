import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConventions, type Conventions } from '../core/conventions/types';
import type { IWorkspace } from '../core/service';
import { emptyBibliography } from '../core/sources/bibliography';

/** Converts a `file:` URI to a path; other schemes have no path. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The workspace over the file system: workspace folders, and (as the conventions and
 * sourcing features grow) the files a brief depends on.
 */
export class NodeWorkspace implements IWorkspace {
  generation = 0;
  private folders: string[] = [];

  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map(uriToPath).filter((p): p is string => !!p).sort((a, b) => b.length - a.length);
    this.generation++;
  }

  folderOf(path: string): string | undefined {
    return this.folders.find((f) => path === f || path.startsWith(f.endsWith('/') ? f : f + '/'));
  }

  conventionsFor(_uri: string): Conventions {
    return defaultConventions();
  }

  relativePath(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (!path) return undefined;
    const folder = this.folderOf(path);
    return folder ? relative(folder, path).split('\\').join('/') : undefined;
  }

  bibliographyFor() {
    return emptyBibliography();
  }

  sourceDocumentsFor() {
    return new Map();
  }
}
