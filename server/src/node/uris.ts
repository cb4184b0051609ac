import { fileURLToPath } from 'node:url';

/** Converts a `file:` URI to a path; other schemes have no path. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
