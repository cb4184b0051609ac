import { DEFAULT_CITATION_STYLE, type CitationStyleChoice } from '../core/citations/renderCitations';
import { CitationStyles } from './citeproc/styleChoice';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Conventions } from '../core/conventions/types';
import type { IWorkspace } from '../core/service';
import type { BuiltModel } from '../core/model/buildModel';
import type { SourceDocument } from '../core/rules/types';
import { emptyBibliography, type Bibliography } from '../core/sources/bibliography';
import { BibliographyLoader, type LoadedBibliography } from './bibliographyLoader';
import { SourceDocumentLoader } from './sourceDocumentLoader';
import { ConventionsLoader, readText, type ConventionsSettings } from './conventionsLoader';
import { uriToPath } from './uris';

export { uriToPath };

/**
 * The workspace over the file system: workspace folders, and (as the conventions and
 * sourcing features grow) the files a brief depends on.
 */
export interface NodeWorkspaceOptions {
  /** Extract PDF, HTML and Word source documents before answering (the CLI), instead of in the background (the server). */
  waitForSources?: boolean;
  /** A folder for extracted source documents, by content hash (`briefmark check --cache`). */
  sourcesCache?: string;
}

export class NodeWorkspace implements IWorkspace {
  private folders: string[] = [];
  /** The team conventions (`.briefmark.yaml`), discovered per brief and cached. */
  // Conventions and their `extends` are read through the Workspace Trust policy.
  readonly conventions = new ConventionsLoader((path) => (this.isReadable(path) ? readText(path) : undefined));
  private listeners: Array<(uri: string) => void> = [];
  private changeListeners: Array<() => void> = [];
  /** Workspace Trust: `false` in an untrusted VS Code workspace (the client says so). */
  private trusted = true;

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.changed();
  }

  /** IWorkspace: `listener` is called whenever anything this workspace returns may have changed. */
  onDidChange(listener: () => void): () => void {
    this.changeListeners.push(listener);
    return () => {
      this.changeListeners = this.changeListeners.filter((l) => l !== listener);
    };
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  /** The text of an open conventions document, which wins over the disk (undefined: the document closed). Returns whether conventions used that file. */
  setConventionsOverlay(path: string, text: string | undefined): boolean {
    const relevant = this.conventions.setOverlay(path, text);
    if (relevant || text !== undefined) this.changed();
    return relevant;
  }

  /** The `briefmark.*` settings that conventions start from: the global ones, and each folder's. */
  setConventionsSettings(global: ConventionsSettings, perFolder: ReadonlyArray<readonly [string, ConventionsSettings]>): void {
    this.conventions.setSettings('', global);
    for (const [folder, settings] of perFolder) this.conventions.setSettings(folder, settings);
    this.changed();
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /**
   * The one policy for reading a file a brief depends on (conventions and their `extends`,
   * bibliographies, source documents): in a trusted workspace anything; in an untrusted one
   * only files inside a workspace folder, after resolving `..` and symbolic links, so that
   * a hostile repository cannot make the server read `~/.ssh/…` or `/etc/…`. Every loader
   * calls this before reading.
   */
  isReadable(path: string): boolean {
    if (this.trusted) return true;
    const real = realOrResolved(path);
    return this.folders.some((f) => {
      const folder = realOrResolved(f);
      return real === folder || real.startsWith(folder.endsWith(sep) ? folder : folder + sep);
    });
  }

  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map(uriToPath).filter((p): p is string => !!p).sort((a, b) => b.length - a.length);
    this.conventions.clear();
    this.changed();
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  folderOf(path: string): string | undefined {
    return this.folders.find((f) => path === f || path.startsWith(f.endsWith('/') ? f : f + '/'));
  }

  conventionsFor(uri: string): Conventions {
    const path = uriToPath(uri);
    if (!path) return this.conventions.conventionsWithoutFile(undefined);
    return this.conventions.conventionsFor(path, this.folderOf(path));
  }

  /**
   * A file on disk changed, was created or deleted (watched files). Drops what the
   * conventions cached from it, tells `onDidChange` listeners (analyses are redone) when
   * conventions used it, and tells the file listeners (features that cache files of their own). Returns whether conventions used it.
   */
  didChangeFile(uri: string): boolean {
    const path = uriToPath(uri);
    const relevant = path ? this.conventions.invalidate(path) : false;
    if (relevant) this.changed();
    for (const l of this.listeners) l(uri);
    return relevant;
  }

  /** Registers a listener for `didChangeFile`; returns a function that unregisters it. */
  onDidChangeFile(listener: (uri: string) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  relativePath(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (!path) return undefined;
    const folder = this.folderOf(path);
    return folder ? relative(folder, path).split('\\').join('/') : undefined;
  }

  private readonly bibliographies = new BibliographyLoader((path) => this.isReadable(path));
  private readonly citationStyles = new CitationStyles((path) => this.isReadable(path));
  private readonly sourceDocuments: SourceDocumentLoader;
  private extractionListeners: Array<(event: 'start' | 'end', path: string) => void> = [];

  constructor(options: NodeWorkspaceOptions = {}) {
    this.sourceDocuments = new SourceDocumentLoader(
      (path) => this.isReadable(path),
      {
        diskCache: options.sourcesCache,
        onStart: (path) => this.extractionListeners.forEach((l) => l('start', path)),
        // The text arrived (or the file turned out unreadable): briefs citing it are checked again.
        onSettled: (path) => {
          this.changed();
          this.extractionListeners.forEach((l) => l('end', path));
        },
      },
      options.waitForSources,
    );
  }

  /** Listens to source document extraction starting and ending (the server shows progress and refreshes diagnostics). */
  onExtraction(listener: (event: 'start' | 'end', path: string) => void): void {
    this.extractionListeners.push(listener);
  }

  /** Size and time limits of source document extraction (the `briefmark.sources.*` settings). */
  setExtractionLimits(limits: { maxFileSizeMb?: number; timeoutSeconds?: number }): void {
    this.sourceDocuments.extractor.setLimits({
      ...(limits.maxFileSizeMb ? { maxFileSize: limits.maxFileSizeMb * 1024 * 1024 } : {}),
      ...(limits.timeoutSeconds ? { timeoutMs: limits.timeoutSeconds * 1000 } : {}),
    });
  }

  bibliographyFor(uri: string, model: BuiltModel, conventions: Conventions): Bibliography {
    const path = uriToPath(uri);
    return path ? this.bibliographies.load(path, model, conventions) : emptyBibliography();
  }

  citationStyleFor(uri: string, model: BuiltModel, conventions: Conventions): CitationStyleChoice {
    const path = uriToPath(uri);
    return path ? this.citationStyles.choose(path, model, conventions) : { name: conventions.citationStyle ?? DEFAULT_CITATION_STYLE };
  }

  /** The bibliography files this brief uses, existing or not (the CLI cache checks their content). */
  bibliographyFilesFor(uri: string, model: BuiltModel, conventions: Conventions): string[] {
    const path = uriToPath(uri);
    return path ? this.bibliographies.filesFor(path, model, conventions).map((f) => f.path) : [];
  }

  sourceDocumentsFor(uri: string, conventions: Conventions, bibliography?: Bibliography): Map<string, SourceDocument> {
    const path = uriToPath(uri);
    return path ? this.sourceDocuments.load(path, conventions, bibliography) : new Map();
  }

  /** The sources folder's documents with the SHA-256 of their files for text, read but not extracted (the CLI cache's key). */
  sourceDocumentsListing(uri: string, conventions: Conventions): Map<string, SourceDocument> {
    const path = uriToPath(uri);
    return path ? this.sourceDocuments.listing(path, conventions) : new Map();
  }

  /** The files of a brief's source documents (the CLI cache checks their content). */
  sourceFilesOf(docs: Map<string, SourceDocument>): string[] {
    return this.sourceDocuments.filesOf(docs);
  }

  /** Bibliography files read so far, with their problems (the server reports them on those files). */
  loadedBibliographies(): LoadedBibliography[] {
    return this.bibliographies.loaded();
  }

  /**
   * Files changed on disk (from the client's file watcher): when one of them is a
   * bibliography or a source document, `onDidChange` listeners are told, so that briefs
   * are checked again. Returns whether anything relevant changed.
   */
  sourcesChanged(uris: string[]): boolean {
    let relevant = false;
    for (const uri of uris) {
      const path = uriToPath(uri);
      if (!path) continue;
      if (this.bibliographies.changed(path)) relevant = true;
      if (this.sourceDocuments.changed(path)) relevant = true;
    }
    if (relevant) this.changed();
    return relevant;
  }
}

/** The absolute path with symbolic links resolved (those of its nearest existing ancestor, for a file that does not exist). */
function realOrResolved(path: string): string {
  const abs = resolve(path);
  let head = abs;
  let tail = '';
  for (;;) {
    try {
      const real = realpathSync.native(head);
      return tail ? join(real, tail) : real;
    } catch {
      const parent = dirname(head);
      if (parent === head) return abs;
      tail = tail ? join(basename(head), tail) : basename(head);
      head = parent;
    }
  }
}
