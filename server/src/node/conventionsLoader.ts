import { existsSync, statSync } from 'node:fs';
import { readRegularFile } from './regularFile';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConventionsProblem } from '../core/conventions/parseConventions';
import { mergeConventions } from '../core/conventions/mergeConventions';
import { resolveConventions, type ResolvedConventions } from '../core/conventions/resolveConventions';
import { defaultConventions, type Conventions, type SeveritySetting } from '../core/conventions/types';
import { uriToPath } from './uris';

export const CONVENTIONS_FILE = '.briefmark.yaml';

/** User settings that shape conventions (VS Code `briefmark.*`); workspace conventions win over them. */
export interface ConventionsSettings {
  /** A conventions file (absolute, or relative to the workspace folder) applied beneath the workspace's own. */
  conventionsPath?: string;
  /** Severities per code, applied beneath the conventions' `rules`. */
  rules?: Record<string, SeveritySetting>;
}

interface Entry {
  resolved: ResolvedConventions;
  /** The file paths read; a change to any of them drops this entry. */
  dependencies: Set<string>;
}

/**
 * Finds and reads the conventions that govern a brief: the nearest `.briefmark.yaml`
 * walking up from the brief's folder to its workspace folder (each folder of a multi-root
 * workspace on its own), with what it `extends`. Results are cached per conventions file
 * and dropped when any file they read (or looked for) changes.
 */
export class ConventionsLoader {
  private cache = new Map<string, Entry>();
  /** Brief folder → nearest conventions file path (or null). Cleared when a conventions file appears or disappears. */
  private nearest = new Map<string, string | null>();
  private settings = new Map<string, ConventionsSettings>();
  /** Called after conventions were read from disk (the set of files to watch may have changed). */
  onLoad?: () => void;

  /** Texts of files open in the editor, which win over the disk (edits apply before saving). */
  private overlay = new Map<string, string>();

  constructor(private readonly readDisk: (path: string) => string | undefined = readText) {}

  private read(path: string): string | undefined {
    return this.overlay.get(path) ?? this.readDisk(path);
  }

  /** Sets (or, with `undefined`, clears) the editor's text of a file; returns whether anything cached read it. */
  setOverlay(path: string, text: string | undefined): boolean {
    if (text === undefined) this.overlay.delete(path);
    else this.overlay.set(path, text);
    return this.invalidate(path);
  }

  /** Whether `path` is a conventions file: named `.briefmark.yaml`, extended by one, or the user's settings file. */
  isConventionsFile(path: string): boolean {
    if (path.endsWith(`/${CONVENTIONS_FILE}`) || path.endsWith(`\\${CONVENTIONS_FILE}`) || path === CONVENTIONS_FILE) return true;
    return [...this.cache.values()].some((e) => e.resolved.files.has(pathToFileURL(path).href));
  }

  /** Conventions for a document with no path (untitled): the defaults and the user's settings. */
  conventionsWithoutFile(folder: string | undefined): Conventions {
    return this.load(undefined, folder).resolved.conventions;
  }

  /** Settings per workspace folder path (`''` for settings without a folder). */
  setSettings(folder: string, settings: ConventionsSettings): void {
    this.settings.set(folder, settings);
    this.cache.clear();
  }

  /** The path of the conventions file that governs `briefPath`, if any. */
  findFor(briefPath: string, folder: string | undefined): string | undefined {
    const dir = dirname(briefPath);
    const hit = this.nearest.get(dir);
    if (hit !== undefined) return hit ?? undefined;
    let found: string | null = null;
    let d = dir;
    for (;;) {
      const candidate = join(d, CONVENTIONS_FILE);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      // Stop at the workspace folder; outside any folder (the CLI), walk up to the file system root.
      if (folder && (d === folder || !d.startsWith(folder))) break;
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
    this.nearest.set(dir, found);
    return found ?? undefined;
  }

  /** Conventions for a brief at `briefPath` in workspace folder `folder` (merged, with settings beneath). */
  conventionsFor(briefPath: string, folder: string | undefined): Conventions {
    const file = this.findFor(briefPath, folder);
    return this.load(file, folder).resolved.conventions;
  }

  /** Problems per conventions file URI for the file at `path` and what it extends. */
  problemsFor(path: string, folder: string | undefined): Map<string, ConventionsProblem[]> {
    const out = new Map<string, ConventionsProblem[]>();
    for (const [uri, f] of this.load(path, folder).resolved.files) out.set(uri, f.problems);
    return out;
  }

  /** The parsed text of a conventions file (for line positions). */
  textOf(path: string, folder: string | undefined): string | undefined {
    const uri = pathToFileURL(path).href;
    return this.load(path, folder).resolved.files.get(uri)?.text;
  }

  /** Every conventions file path whose result depends on `path` (itself, or files extending it). */
  dependents(path: string): string[] {
    return [...this.cache.entries()].filter(([, e]) => e.dependencies.has(path)).map(([k]) => k);
  }

  /** All paths that some cached conventions read or looked for (to watch). */
  watchedPaths(): string[] {
    return [...new Set([...this.cache.values()].flatMap((e) => [...e.dependencies]))];
  }

  /**
   * A file changed, appeared or disappeared. Returns whether anything cached depended on it
   * (callers then re-check the briefs it governs).
   */
  invalidate(path: string): boolean {
    let hit = false;
    for (const [k, e] of this.cache) {
      if (e.dependencies.has(path)) {
        this.cache.delete(k);
        hit = true;
      }
    }
    if (path.endsWith(CONVENTIONS_FILE)) {
      // Creation or deletion changes which file is nearest for the folders below it.
      const dir = dirname(path);
      for (const k of [...this.nearest.keys()]) if (k === dir || k.startsWith(dir.endsWith('/') ? dir : dir + '/') || k.startsWith(dir + '\\')) this.nearest.delete(k);
      hit = true;
    }
    return hit;
  }

  clear(): void {
    this.cache.clear();
    this.nearest.clear();
  }

  private load(file: string | undefined, folder: string | undefined): Entry {
    const settings = this.settings.get(folder ?? '') ?? this.settings.get('') ?? {};
    const userFile = settings.conventionsPath ? resolve(folder ?? process.cwd(), settings.conventionsPath) : undefined;
    const key = `${file ?? ''}\u0000${userFile ?? ''}\u0000${JSON.stringify(settings.rules ?? {})}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const dependencies = new Set<string>();
    const readUri = (uri: string) => {
      const p = uriToPath(uri);
      if (!p) return undefined;
      dependencies.add(p);
      return this.read(p);
    };
    // Beneath: the defaults, then the user's severities, then the user's conventions file.
    let base = defaultConventions();
    if (settings.rules) base = mergeConventions([{ rules: settings.rules }], base);
    const files = new Map<string, ResolvedConventions['files'] extends Map<string, infer V> ? V : never>();
    if (userFile && userFile !== file) {
      const user = resolveConventions(pathToFileURL(userFile).href, readUri, base);
      base = { ...user.conventions, uri: undefined };
      for (const [u, f] of user.files) files.set(u, f);
    }
    let resolved: ResolvedConventions;
    if (file) {
      resolved = resolveConventions(pathToFileURL(file).href, readUri, base);
      for (const [u, f] of files) if (!resolved.files.has(u)) resolved.files.set(u, f);
    } else {
      resolved = { conventions: base, files, dependencies: [] };
    }
    const entry = { resolved, dependencies };
    this.cache.set(key, entry);
    this.onLoad?.();
    return entry;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function readText(path: string): string | undefined {
  try {
    if (!existsSync(path)) return undefined;
    return readRegularFile(path).toString('utf8');
  } catch {
    return undefined;
  }
}
