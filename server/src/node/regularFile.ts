/**
 * Reading a file the workspace names (a bibliography, the conventions, a CSL style, a
 * source document, a closed brief) without letting it hold up or end the server: a pipe
 * blocks a synchronous read until something writes to it, a device such as `/dev/zero`
 * never ends, and a file of gigabytes takes the memory with it. Such files are refused
 * with a reason a user can act on, before anything is read.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';

/** Larger files are not read (the largest real bibliographies are tens of megabytes). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export class RefusedFile extends Error {
  constructor(
    message: string,
    readonly code: 'EISDIR' | 'ENOTREG' | 'EFBIG',
  ) {
    super(message);
  }
}

/** Why `st` is not a file to read, or undefined when it is one. */
export function refusal(st: Stats, maxBytes = MAX_FILE_BYTES): RefusedFile | undefined {
  if (st.isDirectory()) return new RefusedFile('it is a folder, not a file', 'EISDIR');
  if (!st.isFile()) return new RefusedFile('it is not a regular file (a pipe, a socket or a device)', 'ENOTREG');
  if (st.size > maxBytes) return new RefusedFile(`it is ${(st.size / 2 ** 20).toFixed(1)} MB, more than the ${Math.round(maxBytes / 2 ** 20)} MB a file may have here`, 'EFBIG');
  return undefined;
}

/** The bytes of the regular file at `path`; throws a `RefusedFile` for anything else, or the read's own error. */
export function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES): Buffer {
  const refused = refusal(statSync(path), maxBytes);
  if (refused) throw refused;
  return readFileSync(path);
}
