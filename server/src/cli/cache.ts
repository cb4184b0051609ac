/**
 * A content-addressed cache of `briefmark check` results, like ESLint's `--cache`.
 *
 * An entry is reused only when everything its result depended on is unchanged:
 * - the file's content (SHA-256 of its bytes, never its modification time);
 * - the tool: the version and a hash of the running bundle, so a rebuilt or upgraded
 *   Briefmark never reuses another build's results (the whole cache is dropped);
 * - the environment: a fingerprint of the conventions that govern the file and of the
 *   source documents it may quote (model-free, so it is computed before analysing);
 * - the dependency files the result read (bibliography files named by the front matter
 *   or the conventions), recorded with their content hashes; a missing one is recorded
 *   as missing, so creating it later invalidates the entry too.
 *
 * The cache file is JSON, written atomically (temporary file + rename). A cache that
 * cannot be read, or was written by another build, is ignored and rewritten: it can make
 * a run faster, never wrong.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DEFAULT_CACHE_FILE = '.briefmarkcache';
const FORMAT = 1;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The running build: its version and the hash of its own code (the bundle, or the sources under tsx). */
export function toolFingerprint(version: string, codeFile: string | undefined = typeof __filename === 'string' ? __filename : undefined): string {
  let code = 'unknown';
  try {
    if (codeFile) code = sha256(readFileSync(codeFile)).slice(0, 24);
  } catch {
    // keep 'unknown': the version still separates releases
  }
  return `${version}+${code}`;
}

/** Where the cache lives: `--cache-location` may name a file or an existing folder. */
export function resolveCacheLocation(cwd: string, location?: string): string {
  if (!location) return join(cwd, DEFAULT_CACHE_FILE);
  const abs = resolve(cwd, location);
  try {
    if (statSync(abs).isDirectory()) return join(abs, DEFAULT_CACHE_FILE);
  } catch {
    // not there yet: a file path (a trailing separator means a folder)
    if (/[\\/]$/.test(location)) return join(abs, DEFAULT_CACHE_FILE);
  }
  return abs;
}

interface Entry<T> {
  content: string;
  environment: string;
  /** Dependency file → SHA-256 of its content, or '' when it did not exist. */
  deps: Record<string, string>;
  result: T;
}

interface CacheFile<T> {
  format: number;
  tool: string;
  entries: Record<string, Entry<T>>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Why the previous cache file was not used, when it was not. */
  discarded?: string;
}

export class CheckCache<T> {
  private entries: Record<string, Entry<T>> = {};
  private readonly depHashes = new Map<string, string>();
  private dirty = false;
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  private constructor(
    readonly file: string,
    readonly tool: string,
  ) {}

  /** Opens the cache at `file` for this build; never throws. */
  static open<T>(file: string, tool: string): CheckCache<T> {
    const cache = new CheckCache<T>(file, tool);
    if (!existsSync(file)) return cache;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile<T>;
      if (!data || typeof data !== 'object' || data.format !== FORMAT || typeof data.entries !== 'object' || data.entries === null) cache.stats.discarded = 'unknown format';
      else if (data.tool !== tool) cache.stats.discarded = `written by another build (${data.tool})`;
      else cache.entries = data.entries;
    } catch (e) {
      cache.stats.discarded = `unreadable (${(e as Error).message.split('\n')[0]})`;
    }
    if (cache.stats.discarded) cache.dirty = true;
    return cache;
  }

  /** The hash of a dependency file's content, read once per run; '' when it does not exist. */
  private depHash(path: string): string {
    let h = this.depHashes.get(path);
    if (h === undefined) {
      try {
        h = sha256(readFileSync(path));
      } catch {
        h = '';
      }
      this.depHashes.set(path, h);
    }
    return h;
  }

  /** The cached result for `path` if its content, environment and dependencies are unchanged. */
  get(path: string, contentHash: string, environment: string): T | undefined {
    const e = this.entries[path];
    const ok = !!e && e.content === contentHash && e.environment === environment && Object.entries(e.deps ?? {}).every(([p, h]) => this.depHash(p) === h);
    if (ok) this.stats.hits++;
    else this.stats.misses++;
    return ok ? e.result : undefined;
  }

  set(path: string, contentHash: string, environment: string, deps: Iterable<string>, result: T): void {
    const d: Record<string, string> = {};
    for (const p of deps) d[p] = this.depHash(p);
    this.entries[path] = { content: contentHash, environment, deps: d, result };
    this.dirty = true;
  }

  /** Drops the entry of a file that could not be checked (unreadable now). */
  delete(path: string): void {
    if (path in this.entries) {
      delete this.entries[path];
      this.dirty = true;
    }
  }

  /** Writes the cache if it changed. Returns an error message instead of throwing. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    const data: CacheFile<T> = { format: FORMAT, tool: this.tool, entries: this.entries };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.file);
      this.dirty = false;
      return undefined;
    } catch (e) {
      return `cannot write the cache ${this.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
  }
}

/**
 * A model-free fingerprint of what a brief's result depends on besides its own text and
 * its bibliography files: the conventions that govern it (which include the bibliography
 * list, the briefs globs and rule severities) and the source documents it may quote.
 * `cacheKeyMemo` avoids re-hashing the same objects for every file of a run.
 */
export function environmentFingerprint(
  conventions: unknown,
  sourceDocuments: Map<string, { key: string; uri: string; text: string }>,
  relativePath: string | undefined,
  memo: WeakMap<object, string> = new WeakMap(),
): string {
  const conv = typeof conventions === 'object' && conventions ? (memo.get(conventions) ?? memoSet(memo, conventions, sha256(JSON.stringify(conventions)))) : sha256(String(conventions));
  const docs = [...sourceDocuments.values()].map((d) => `${d.key}\u0000${d.uri}\u0000${textHash(d.text)}`).sort().join('\u0001');
  return sha256(`${conv}\u0002${docs}\u0002${relativePath ?? ''}`);
}

const TEXT_HASHES = new Map<string, string>();
function textHash(text: string): string {
  let h = TEXT_HASHES.get(text);
  if (!h) {
    h = sha256(text);
    if (TEXT_HASHES.size > 10_000) TEXT_HASHES.clear();
    TEXT_HASHES.set(text, h);
  }
  return h;
}

function memoSet(memo: WeakMap<object, string>, key: object, value: string): string {
  memo.set(key, value);
  return value;
}
