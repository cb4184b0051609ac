/**
 * Server wiring for what lives outside a brief's text: the conventions files and watched
 * files. Registers file watchers (dynamically, when the client supports it), reads the
 * `briefmark` settings, keeps open conventions documents as overlays, and asks the server
 * to re-check open briefs when any of it changes.
 */
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileSystemWatcher, type TextDocuments, WatchKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { dirname, basename } from 'node:path';
import { CONVENTIONS_FILE } from './node/conventionsLoader';
import type { NodeWorkspace } from './node/nodeWorkspace';
import { DEFAULT_SETTINGS, readSettings, type BriefmarkSettings } from './node/settings';
import { uriToPath } from './node/uris';

export interface ConventionsClientCapabilities {
  dynamicWatchers: boolean;
  relativePatterns: boolean;
  configuration: boolean;
  dynamicConfiguration: boolean;
}

export function conventionsCapabilities(caps: { workspace?: { didChangeWatchedFiles?: { dynamicRegistration?: boolean; relativePatternSupport?: boolean }; configuration?: boolean; didChangeConfiguration?: { dynamicRegistration?: boolean } } }): ConventionsClientCapabilities {
  return {
    dynamicWatchers: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    relativePatterns: !!caps.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    configuration: !!caps.workspace?.configuration,
    dynamicConfiguration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
  };
}

export class ConventionsWiring {
  settings: BriefmarkSettings = { ...DEFAULT_SETTINGS };
  private extraWatch?: Promise<Disposable>;
  private watchedKey = '';

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: NodeWorkspace,
    private readonly caps: ConventionsClientCapabilities,
    /** Re-checks every open document (push: re-publish; pull: diagnostic refresh). */
    private readonly refreshAll: () => void,
  ) {
    documents.onDidOpen((e) => this.overlay(e.document));
    documents.onDidChangeContent((e) => this.overlay(e.document));
    documents.onDidClose((e) => {
      if (!this.isConventionsDocument(e.document.uri)) return;
      const path = uriToPath(e.document.uri);
      if (path && this.workspace.setConventionsOverlay(path, undefined)) this.afterChange();
    });
  }

  /** Whether the document is a conventions file (YAML), not a Markdown brief. */
  isConventionsDocument(uri: string): boolean {
    const path = uriToPath(uri);
    if (path) return this.workspace.conventions.isConventionsFile(path);
    return uri.endsWith(`/${CONVENTIONS_FILE}`);
  }

  /** Told of the global settings whenever they are read (the server applies the size limit, trust and extraction limits). */
  onSettings?: (settings: BriefmarkSettings) => void;

  async initialized(): Promise<void> {
    this.workspace.conventions.onLoad = () => void this.watchDependencies().catch((e) => this.connection.console.error(`briefmark: cannot watch files: ${String(e)}`));
    if (this.caps.dynamicWatchers) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONVENTIONS_FILE}` }] });
    }
    if (this.caps.dynamicConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'briefmark' });
    // Documents opened before the settings arrived are checked again, if the settings matter.
    if (await this.loadSettings()) this.afterChange();
    this.connection.onDidChangeConfiguration(async (params) => {
      if (await this.loadSettings((params.settings as { briefmark?: unknown } | null)?.briefmark)) this.afterChange();
    });
  }

  /** `workspace/didChangeWatchedFiles` (the server dispatches file events to its listeners). */
  onFileEvents(changes: Array<{ uri: string }>): void {
    let relevant = false;
    for (const change of changes) if (this.workspace.didChangeFile(change.uri)) relevant = true;
    if (relevant) this.afterChange();
  }

  /** An open conventions document's text wins over the disk, so briefs follow edits before a save. */
  private overlay(doc: TextDocument): void {
    if (!this.isConventionsDocument(doc.uri)) return;
    const path = uriToPath(doc.uri);
    if (!path) return;
    this.workspace.setConventionsOverlay(path, doc.getText());
    this.afterChange();
  }

  private afterChange(): void {
    this.refreshAll();
    void this.watchDependencies();
  }

  /** Files that conventions extend may live anywhere: watch each one read (or looked for). */
  async watchDependencies(): Promise<void> {
    if (!this.caps.dynamicWatchers) return;
    const paths = this.workspace.conventions.watchedPaths().filter((p) => basename(p) !== CONVENTIONS_FILE || !this.workspace.folderOf(p)).sort();
    const key = paths.join('\n');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    const previous = this.extraWatch;
    this.extraWatch = undefined;
    if (previous) (await previous).dispose();
    if (paths.length === 0) return;
    const watchers: FileSystemWatcher[] = paths.map((p) =>
      this.caps.relativePatterns
        ? { globPattern: { baseUri: pathToFileURL(dirname(p)).href, pattern: basename(p) }, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }
        : { globPattern: p.split('\\').join('/') },
    );
    this.extraWatch = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }

  private loadedSettings = JSON.stringify([]);

  /**
   * Reads the `briefmark` settings, the one place that does: a pushed section
   * (`didChangeConfiguration` with `settings.briefmark`) is taken as it is, for every
   * folder; otherwise they are pulled (`workspace/configuration`, globally and per folder)
   * when the client can answer. Returns whether they differ from what applied before.
   */
  private async loadSettings(pushed?: unknown): Promise<boolean> {
    const hasPush = !!pushed && typeof pushed === 'object';
    if (!hasPush && !this.caps.configuration) return false;
    try {
      const folders = this.workspace.folderPaths;
      const scopes = [undefined, ...folders];
      const sections = hasPush ? [pushed] : await this.connection.workspace.getConfiguration(scopes.map((f) => ({ scopeUri: f ? pathToFileURL(f).href : undefined, section: 'briefmark' })));
      const global = readSettings(sections[0]);
      const perFolder = folders.map((f, i) => [f, readSettings(sections[i + 1] ?? sections[0])] as const);
      this.onSettings?.(global);
      const key = JSON.stringify([global, perFolder]);
      const defaults = JSON.stringify([DEFAULT_SETTINGS, folders.map((f) => [f, DEFAULT_SETTINGS])]);
      const changed = key !== this.loadedSettings && !(this.loadedSettings === JSON.stringify([]) && key === defaults);
      this.loadedSettings = key;
      if (!changed) return false;
      this.settings = global;
      this.workspace.setConventionsSettings(global, perFolder);
      return true;
    } catch (e) {
      this.connection.console.error(`briefmark: cannot read settings: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }
}
