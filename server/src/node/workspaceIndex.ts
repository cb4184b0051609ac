import { readRegularFile } from './regularFile';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BriefSummary } from '../core/features/briefSummary';
import type { BriefService, ILogger, ITextDocument, IWorkspace, ParseRunner } from '../core/service';
import { LineStarts, type PositionMapper } from '../core/text/lineStarts';
import { uriToPath } from './nodeWorkspace';
import { isMarkdownPath, isSkippedFolder } from './markdownFiles';

/** How the index reports its first pass (LSP work-done progress in the server). */
export interface IndexProgress {
  begin(title: string, message?: string): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export interface FileEvent {
  uri: string;
  /** 1 created, 2 changed, 3 deleted (LSP `FileChangeType`). */
  type: number;
}

/** A bound on what one workspace may make the index read. */
const MAX_FILES = 20000;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * The longest the index parses without letting requests through. A 30 KB brief takes
 * 50–100 ms to parse whole here, which a hover arriving meanwhile would wait for; in
 * slices of a few blocks it waits about this long, or for the model of one brief (a
 * few milliseconds), whichever is longer (docs/performance.md).
 */
const SLICE_MS = 4;

/**
 * Every brief of every workspace folder, as a small `BriefSummary` (no text, no parse tree).
 * Built in the background, one file at a time, yielding between files so requests on open
 * documents stay fast; kept current through file events. Open documents win over disk:
 * `summaries()` takes an open document's summary from the editor's text.
 */
export class WorkspaceIndex {
  private readonly disk = new Map<string, BriefSummary>();
  private readonly pending = new Set<string>();
  private running: Promise<void> | undefined;
  /** Whether a first pass began, and whether the workspace changed since the last pass began (entries and actors may resolve differently). */
  private built = false;
  private stale = false;
  private folders: string[] = [];

  constructor(
    workspace: IWorkspace,
    /** A service of its own: it forgets each file once summarised, so no parse is kept. */
    private readonly indexService: BriefService,
    private readonly open: { all(): Iterable<ITextDocument>; get(uri: string): ITextDocument | undefined; summary(doc: ITextDocument): BriefSummary | undefined; lines(doc: ITextDocument): PositionMapper },
    private readonly logger?: ILogger,
    /** Who runs a file's parses (the server's parse thread for long blocks); default: here, in slices. */
    private readonly jobs?: (uri: string) => ParseRunner,
  ) {
    workspace.onDidChange?.(() => (this.stale = true));
  }

  /** Indexes every Markdown file under the folders (file: URIs), reporting progress. */
  async indexFolders(folderUris: string[], progress?: IndexProgress): Promise<void> {
    this.folders = folderUris;
    this.built = true;
    this.stale = false;
    progress?.begin('Indexing briefs', 'finding Markdown files');
    const files: string[] = [];
    for (const f of folderUris) {
      const path = uriToPath(f);
      if (path) await this.collect(path, files);
    }
    const found = new Set(files);
    for (const uri of [...this.disk.keys()]) if (!found.has(uri)) this.disk.delete(uri);
    let n = 0;
    for (const uri of files) {
      await this.indexFile(uri);
      n++;
      if (n % 10 === 0 || n === files.length) progress?.report(Math.round((n / files.length) * 100), `${n}/${files.length} files`);
      await yieldToRequests();
    }
    progress?.done();
  }

  /** Starts (or restarts) the first pass in the background; `idle()` waits for it. */
  start(folderUris: string[], progress?: IndexProgress): void {
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(() => this.indexFolders(folderUris, progress)).catch((e) => this.logger?.error('indexing the workspace failed', e));
    this.running = run;
    void run.then(() => {
      if (this.running === run) this.running = undefined;
    });
  }

  /** Applies `workspace/didChangeWatchedFiles` events. */
  onFileEvents(events: FileEvent[]): void {
    for (const e of events) {
      if (e.type === 3) {
        this.disk.delete(e.uri);
        this.pending.delete(e.uri);
        // A deleted folder takes its briefs with it.
        const prefix = e.uri.endsWith('/') ? e.uri : e.uri + '/';
        for (const uri of [...this.disk.keys()]) if (uri.startsWith(prefix)) this.disk.delete(uri);
      } else this.pending.add(e.uri);
    }
    this.drain();
  }

  /** A closed document falls back to its text on disk. */
  reread(uri: string): void {
    this.pending.add(uri);
    this.drain();
  }

  /** Resolves when the first pass and every queued file event are done. */
  async idle(): Promise<void> {
    if (this.built && this.stale) {
      // Conventions or bibliographies changed: actor and entry resolution may differ now.
      this.stale = false;
      this.start(this.folders);
    }
    while (this.running) await this.running;
  }

  /** Every brief: open documents from the editor, the others from disk. */
  summaries(): BriefSummary[] {
    const out: BriefSummary[] = [];
    const openUris = new Set<string>();
    for (const doc of this.open.all()) {
      // Conventions and bibliography files may be open too; only Markdown can be a brief.
      if (!isMarkdownPath(doc.uri)) continue;
      openUris.add(doc.uri);
      const s = this.open.summary(doc);
      if (s) out.push(s);
    }
    for (const [uri, s] of this.disk) if (!openUris.has(uri)) out.push(s);
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /** Told after each file is indexed (workspace diagnostics report briefs as they come). */
  onFileIndexed?: (uri: string) => void;

  /** Whether a pass or queued file events are being worked through. */
  get busy(): boolean {
    return this.running !== undefined || this.pending.size > 0;
  }

  /** The briefs on disk (open or not), as indexed. */
  diskBriefs(): string[] {
    return [...this.disk.keys()].sort();
  }

  /** Whether this file is indexed as a brief. */
  has(uri: string): boolean {
    return this.disk.has(uri);
  }

  /** How many briefs on disk are indexed (for tests and logs). */
  get size(): number {
    return this.disk.size;
  }

  /** The text of any file: the editor's when open, else the disk's. */
  textOf(uri: string): string | undefined {
    const doc = this.open.get(uri);
    if (doc) return doc.getText();
    const path = uriToPath(uri);
    if (!path) return undefined;
    try {
      return readRegularFile(path).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** Converts offsets of any document to positions: open, indexed, or read from disk. */
  lines(uri: string): PositionMapper | undefined {
    const doc = this.open.get(uri);
    if (doc) return this.open.lines(doc);
    const s = this.disk.get(uri);
    if (s) return s.lines;
    const text = this.textOf(uri);
    return text === undefined ? undefined : LineStarts.of(text);
  }

  private drain(): void {
    if (this.pending.size === 0) return;
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(async () => {
      while (this.pending.size) {
        const [uri] = this.pending;
        this.pending.delete(uri);
        const path = uriToPath(uri);
        const info = path ? await stat(path).catch(() => undefined) : undefined;
        if (info?.isDirectory()) {
          const files: string[] = [];
          await this.collect(path!, files);
          for (const f of files) this.pending.add(f);
        } else if (isMarkdownPath(uri)) await this.indexFile(uri);
        await yieldToRequests();
      }
    });
    const guarded = run.catch((e) => this.logger?.error('updating the workspace index failed', e));
    this.running = guarded;
    void guarded.then(() => {
      if (this.running === guarded) this.running = undefined;
    });
  }

  private async collect(dir: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      if (e.isDirectory()) {
        if (!isSkippedFolder(e.name)) await this.collect(join(dir, e.name), out);
      } else if (e.isFile() && isMarkdownPath(e.name)) out.push(pathToFileURL(join(dir, e.name)).href);
    }
  }

  private async indexFile(uri: string): Promise<void> {
    const path = uriToPath(uri);
    let text: string;
    try {
      text = await readFile(path!, 'utf8');
    } catch {
      this.disk.delete(uri);
      return;
    }
    try {
      let sliceStart = performance.now();
      // Building the model and running the rules is one piece of a few milliseconds: let
      // requests through before it whatever the parse took.
      const pause = (beforeBuild?: boolean) => {
        if (!beforeBuild && performance.now() - sliceStart < SLICE_MS) return;
        return yieldToRequests().then(() => void (sliceStart = performance.now()));
      };
      const summary = await this.indexService.summaryInSlices({ uri, version: 0, getText: () => text }, pause, this.jobs?.(uri));
      this.indexService.forget(uri);
      if (summary) this.disk.set(uri, summary);
      else this.disk.delete(uri);
      this.onFileIndexed?.(uri);
    } catch (e) {
      this.logger?.error(`indexing ${uri} failed`, e);
    }
  }
}
