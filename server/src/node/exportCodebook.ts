import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportCodebook } from '../core/interchange/refiCodebook';
import { CONVENTIONS_FILE } from './conventionsLoader';
import type { NodeWorkspace } from './nodeWorkspace';
import { uriToPath } from './uris';

export interface CodebookExport {
  /** The `.qdc` XML. */
  xml: string;
  /** The conventions file it was built from, when any (else the defaults). */
  conventionsUri?: string;
  /** A file name to offer when saving. */
  suggestedName: string;
}

/**
 * The REFI-QDA codebook of the conventions that govern `uri` (a brief, a conventions
 * file or a folder), or of the first workspace folder's conventions.
 */
export function exportCodebookFor(workspace: NodeWorkspace, uri?: string): CodebookExport {
  let target = uri;
  if (!target) {
    const folder = workspace.folderPaths[workspace.folderPaths.length - 1];
    target = folder ? pathToFileURL(join(folder, CONVENTIONS_FILE)).href : undefined;
  }
  let path = target ? uriToPath(target) : undefined;
  // For a folder: the conventions that would govern a brief placed in it.
  if (path && isDirectory(path)) path = join(path, '.briefmark-probe.md');
  const conventions = path ? workspace.conventions.conventionsFor(path, workspace.folderOf(path)) : workspace.conventions.conventionsWithoutFile(undefined);
  return { xml: exportCodebook(conventions, 'Briefmark 0.1.0'), conventionsUri: conventions.uri, suggestedName: 'briefmark-codebook.qdc' };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
