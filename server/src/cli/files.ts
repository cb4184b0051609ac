/**
 * Which files `briefmark check` reads (spec §2, §9). Folders are walked recursively
 * (the folders `node/markdownFiles.ts` skips, as the editor's index does; symbolic links
 * followed once); every Markdown file
 * found is read, and whether it is reported is decided after analysis: a file found in a
 * folder is reported when it is a brief (its front matter, the conventions' `briefs`
 * globs, or a directive), while a file named on the command line is always reported.
 * Paths that cannot be read are returned as problems, never thrown.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMarkdownPath, isSkippedFolder } from '../node/markdownFiles';

export { isMarkdownPath, MARKDOWN_EXTENSIONS, SKIPPED_FOLDERS } from '../node/markdownFiles';

export interface Candidate {
  /** Absolute path. */
  path: string;
  /** Named on the command line (always reported), rather than found in a folder. */
  explicit: boolean;
}

export interface PathProblem {
  /** As the user sees it: relative to the current folder. */
  path: string;
  message: string;
}

export interface Collected {
  files: Candidate[];
  problems: PathProblem[];
}


/** A path for people and for output: relative to `cwd`, with `/` separators. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function collectFiles(args: string[], cwd: string): Collected {
  const found = new Map<string, Candidate>();
  const problems: PathProblem[] = [];
  const visitedFolders = new Set<string>();

  const problem = (path: string, message: string) => {
    const shown = displayPath(cwd, path);
    if (!problems.some((p) => p.path === shown)) problems.push({ path: shown, message });
  };
  const add = (path: string, explicit: boolean) => {
    const known = found.get(path);
    if (!known) found.set(path, { path, explicit });
    else if (explicit) known.explicit = true;
  };

  function walk(folder: string): void {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (e) {
      problem(folder, describeError(e));
      return;
    }
    if (visitedFolders.has(real)) return; // a link back to a folder already walked
    visitedFolders.add(real);
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      problem(folder, describeError(e));
      return;
    }
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      if (entry.isDirectory() && isSkippedFolder(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        if (isMarkdownPath(path)) add(path, false);
      } else if (entry.isSymbolicLink()) {
        let target: Stats;
        try {
          target = statSync(path);
        } catch (e) {
          // A broken link named like a Markdown file is a file we were meant to read.
          if (isMarkdownPath(path)) problem(path, describeError(e, true));
          continue;
        }
        if (target.isDirectory()) {
          if (!isSkippedFolder(entry.name)) walk(path);
        }
        else if (target.isFile() && isMarkdownPath(path)) add(path, false);
      }
      // FIFOs, sockets and devices are never read: reading a FIFO could block forever.
    }
  }

  for (const arg of args.length ? args : ['.']) {
    const path = resolve(cwd, arg);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (e) {
      problem(path, describeError(e, isLink(path)));
      continue;
    }
    if (stats.isDirectory()) walk(path);
    else if (stats.isFile()) add(path, true);
    else problem(path, 'not a regular file or a folder');
  }
  const files = [...found.values()].sort((a, b) => compare(displayPath(cwd, a.path), displayPath(cwd, b.path)));
  return { files, problems: problems.sort((a, b) => compare(a.path, b.path)) };
}

/**
 * The workspace folders the CLI analyses in, as an editor would open them: the repository
 * that holds `cwd` (the nearest folder with `.git`), else `cwd`; `--root` overrides it.
 * A path in another repository (`briefmark check ../other-repo`, or a repository nested
 * below) gets that repository as a further folder, and a path outside every folder its own
 * folder, so the `briefs` globs and the conventions search have a root for every file.
 */
export function workspaceFolders(cwd: string, args: string[], root?: string): string[] {
  const main = root ? resolve(cwd, root) : (repositoryRoot(cwd) ?? cwd);
  const folders = [main];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue; // reported when files are collected
    }
    const dir = isDir ? path : dirname(path);
    // Another repository (outside, or nested inside, the main folder) is a folder of its own.
    const repo = root ? undefined : repositoryRoot(dir);
    const folder = repo && repo !== main && !isInside(main, repo) ? repo : folders.some((f) => isInside(path, f)) ? undefined : dir;
    if (folder && !folders.includes(folder)) folders.push(folder);
  }
  return folders;
}

export function repositoryRoot(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A clear reason for a file-system error. */
export function describeError(e: unknown, link = false): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return link ? 'broken symbolic link (its target does not exist)' : 'no such file or folder';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return code ? `cannot be read (${code})` : `cannot be read (${(e as Error).message})`;
  }
}
