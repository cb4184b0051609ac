/**
 * Which files are Markdown and which folders are searched for briefs: one policy for the
 * workspace index (the editor) and `briefmark check` (CI), so that both see the same briefs.
 */
import { extname } from 'node:path';

/** The extensions VS Code gives the `markdown` language. */
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkd', '.mkdn', '.mdwn', '.mdtxt', '.mdtext'];

/** Folders never searched: dependencies, version control, build output (besides hidden folders). */
export const SKIPPED_FOLDERS = ['node_modules', '.git', '.hg', '.svn', 'out', 'dist'];

export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** A folder met while searching (not one named explicitly) that is not searched: see SKIPPED_FOLDERS; hidden folders too. */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.includes(name) || name.startsWith('.');
}
