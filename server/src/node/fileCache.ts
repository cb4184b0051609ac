import { statSync } from 'node:fs';
import { readRegularFile, RefusedFile } from './regularFile';
import { decodeText } from '../core/text/decode';

export type Read<T> = { ok: true; value: T; text: string } | { ok: false; error: string };

/** Whether a file may be read at all (Workspace Trust: `NodeWorkspace.isReadable`). */
export type ReadPolicy = (path: string) => boolean;

export const UNTRUSTED = 'it is outside the workspace, and files outside an untrusted workspace are not read';

/**
 * Files read and parsed once, and again only when their modification time or size
 * changes (or `forget` is called by a file watcher). Keyed by absolute path.
 */
export class FileCache<T> {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; read: Read<T> }>();

  constructor(
    /** `note`: set when the file was not plain UTF-8 (see `decodeText`). */
    private readonly parse: (text: string, path: string, note?: string) => T,
    private readonly canRead: ReadPolicy = () => true,
  ) {}

  get(path: string): Read<T> {
    if (!this.canRead(path)) return { ok: false, error: UNTRUSTED };
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      this.entries.delete(path);
      const code = (e as NodeJS.ErrnoException).code;
      return { ok: false, error: code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code ?? (e as Error).message})` };
    }
    const hit = this.entries.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.read;
    let read: Read<T>;
    try {
      const { text, note } = decodeText(readRegularFile(path));
      read = { ok: true, value: this.parse(text, path, note), text };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      read = { ok: false, error: e instanceof RefusedFile ? e.message : `it cannot be read (${code ?? (e as Error).message})` };
    }
    this.entries.set(path, { mtimeMs: st.mtimeMs, size: st.size, read });
    return read;
  }

  /** Whether the path is cached (so a change to it matters). */
  has(path: string): boolean {
    return this.entries.has(path);
  }

  forget(path: string): boolean {
    return this.entries.delete(path);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }
}
