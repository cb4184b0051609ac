/**
 * Source documents in PDF, HTML and Word, extracted off the editor's path
 * (docs/sources.md, "Source documents"): each file in its own process (extractorMain.ts)
 * with a size limit, a time limit and a heap limit; results cached by content hash, in
 * memory and, for `briefmark check --cache`, on disk. The server asks without waiting
 * (`get`: pending until the text arrives, then `onSettled` so briefs are checked again);
 * the CLI waits (`getSync`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { refusal } from '../regularFile';
import { join } from 'node:path';
import type { SourceFormat } from '../../core/rules/types';
import { RESULT_MARKER, type Extracted, type ExtractResult } from './extract';

/**
 * What the extractor writes for a document: a change to it (5 December: table rows as
 * `Wales | 11.9%`, a blank line around a PDF's headings, paragraphs and tables) makes
 * results cached on disk by an older version stale.
 */
const EXTRACTION_VERSION = '2';

export interface ExtractionLimits {
  /** Larger files are not read (bytes). */
  maxFileSize: number;
  /** An extraction that takes longer is stopped (ms). */
  timeoutMs: number;
  /** A Word file that would unpack to more is refused (bytes). */
  maxUncompressed: number;
  /** The extractor process's heap (MB). */
  heapMb: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = { maxFileSize: 50 * 1024 * 1024, timeoutMs: 30_000, maxUncompressed: 200 * 1024 * 1024, heapMb: 1024 };

export type ExtractionState = { status: 'ready'; doc: Extracted } | { status: 'pending' } | { status: 'unreadable'; reason: string };

export interface ExtractorOptions {
  limits?: Partial<ExtractionLimits>;
  /** A folder for results by content hash (the CLI's `--cache`). */
  diskCache?: string;
  /** An extraction started (the server shows progress when it takes long). */
  onStart?(path: string): void;
  /** An extraction ended, whatever its outcome: briefs citing it are checked again. */
  onSettled?(path: string): void;
  /** The extractor's script (default: `sourceExtractor.js` beside this bundle, else the TypeScript entry). */
  script?: string;
}

const MB = 1024 * 1024;
/** Extractor processes at once (the server indexes a whole workspace: its briefs may cite hundreds of PDFs). */
const CONCURRENCY = 2;

export class SourceExtractor {
  private readonly byPath = new Map<string, { mtimeMs: number; size: number; state: ExtractionState }>();
  private readonly byHash = new Map<string, ExtractResult>();
  private limits: ExtractionLimits;

  constructor(private readonly options: ExtractorOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  setLimits(limits: Partial<ExtractionLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  /** The state of a file now; starts extracting it when it is new or changed. */
  get(path: string, format: SourceFormat): ExtractionState {
    return this.lookup(path, format, false);
  }

  /** The state of a file once extracted (waits for the extractor). */
  getSync(path: string, format: SourceFormat): ExtractionState {
    return this.lookup(path, format, true);
  }

  /** Forgets a file (a watcher saw it change). Whether it was known. */
  forget(path: string): boolean {
    return this.byPath.delete(path);
  }

  private lookup(path: string, format: SourceFormat, wait: boolean): ExtractionState {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      this.byPath.delete(path);
      return { status: 'unreadable', reason: statReason(e) };
    }
    const refused = refusal(st, Infinity);
    if (refused) return { status: 'unreadable', reason: refused.message };
    const hit = this.byPath.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && (hit.state.status !== 'pending' || !wait)) return hit.state;
    if (st.size > this.limits.maxFileSize) {
      return this.settle(path, st, { status: 'unreadable', reason: `it is ${Math.round(st.size / MB)} MB, more than the ${Math.round(this.limits.maxFileSize / MB)} MB limit (briefmark.sources.maxFileSize)` });
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      return this.settle(path, st, { status: 'unreadable', reason: statReason(e) });
    }
    const hash = createHash('sha256').update(EXTRACTION_VERSION).update('\0').update(format).update('\0').update(bytes).digest('hex');
    const known = this.byHash.get(hash) ?? this.fromDisk(hash);
    if (known) return this.settle(path, st, stateOf(known));
    if (wait) return this.settle(path, st, stateOf(this.store(hash, this.runSync(path, format))));
    this.byPath.set(path, { mtimeMs: st.mtimeMs, size: st.size, state: { status: 'pending' } });
    this.options.onStart?.(path);
    void this.run(path, format).then((result) => {
      const now = this.byPath.get(path);
      // A newer version of the file may have been asked for meanwhile: that one wins.
      if (now && now.mtimeMs === st.mtimeMs && now.size === st.size) now.state = stateOf(this.store(hash, result));
      this.options.onSettled?.(path);
    });
    return { status: 'pending' };
  }

  private settle(path: string, st: { mtimeMs: number; size: number }, state: ExtractionState): ExtractionState {
    this.byPath.set(path, { mtimeMs: st.mtimeMs, size: st.size, state });
    return state;
  }

  private store(hash: string, result: ExtractResult): ExtractResult {
    if (this.byHash.size >= 200) this.byHash.delete(this.byHash.keys().next().value!);
    this.byHash.set(hash, result);
    if (this.options.diskCache) {
      try {
        mkdirSync(this.options.diskCache, { recursive: true });
        writeFileSync(join(this.options.diskCache, `${hash}.json`), JSON.stringify(result));
      } catch {
        // A cache that cannot be written costs time, nothing else.
      }
    }
    return result;
  }

  private fromDisk(hash: string): ExtractResult | undefined {
    if (!this.options.diskCache) return undefined;
    const file = join(this.options.diskCache, `${hash}.json`);
    if (!existsSync(file)) return undefined;
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as ExtractResult;
      if (typeof r?.ok !== 'boolean') return undefined;
      this.byHash.set(hash, r);
      return r;
    } catch {
      return undefined;
    }
  }

  private command(path: string, format: SourceFormat): { file: string; args: string[] } {
    const { script, loader } = this.options.script ? { script: this.options.script, loader: [] } : extractorScript();
    return { file: process.execPath, args: [`--max-old-space-size=${this.limits.heapMb}`, ...loader, script, path, format, String(this.limits.maxUncompressed)] };
  }

  private runSync(path: string, format: SourceFormat): ExtractResult {
    const { file, args } = this.command(path, format);
    const r = spawnSync(file, args, { encoding: 'utf8', timeout: this.limits.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 512 * MB, env: childEnv() });
    return parseOutcome(r.stdout ?? '', r.stderr ?? '', r.status, r.signal, r.error, this.limits);
  }

  /** Extractions running now, and those waiting for one to end: at most `CONCURRENCY` processes at once. */
  private running = 0;
  private readonly queue: Array<() => void> = [];

  private async run(path: string, format: SourceFormat): Promise<ExtractResult> {
    if (this.running >= CONCURRENCY) await new Promise<void>((go) => this.queue.push(go));
    this.running++;
    try {
      return await this.spawnExtractor(path, format);
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private spawnExtractor(path: string, format: SourceFormat): Promise<ExtractResult> {
    const { file, args } = this.command(path, format);
    return new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() });
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, this.limits.timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve({ ok: false, reason: `the extractor could not start (${e.message})` });
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve(parseOutcome(stdout, stderr, code, timedOut ? 'SIGKILL' : signal, timedOut ? Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }) : undefined, this.limits));
      });
    });
  }
}

function stateOf(r: ExtractResult): ExtractionState {
  return r.ok ? { status: 'ready', doc: r.doc } : { status: 'unreadable', reason: r.reason };
}

function statReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'EACCES' || code === 'EPERM') return 'it may not be read (permissions)';
  return `it cannot be read (${code ?? (e as Error).message})`;
}

function parseOutcome(stdout: string, stderr: string, status: number | null, signal: NodeJS.Signals | null, error: Error | undefined, limits: ExtractionLimits): ExtractResult {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  if (line) {
    try {
      return JSON.parse(line.slice(RESULT_MARKER.length)) as ExtractResult;
    } catch {
      // fall through: a truncated result is a failed extraction
    }
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') return { ok: false, reason: `extracting it took longer than ${Math.round(limits.timeoutMs / 1000)} s (briefmark.sources.extractionTimeout)` };
  if (/heap out of memory|Allocation failed/i.test(stderr)) return { ok: false, reason: `extracting it needed more than ${limits.heapMb} MB of memory` };
  const why = stderr.trim().split('\n').pop() ?? '';
  return { ok: false, reason: `the extractor failed (${signal ?? `exit ${status}`}${why ? `: ${why.slice(0, 200)}` : ''})` };
}

/** The extractor's script: the bundle beside this one, or (running from sources, in tests) the TypeScript entry through tsx. */
function extractorScript(): { script: string; loader: string[] } {
  const bundled = join(__dirname, 'sourceExtractor.js');
  if (existsSync(bundled)) return { script: bundled, loader: [] };
  return { script: join(__dirname, 'extractorMain.ts'), loader: ['--import', 'tsx'] };
}

/** The server may run on VS Code's Electron: the child must run as plain Node. */
function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
}
