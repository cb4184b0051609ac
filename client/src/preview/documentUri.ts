/**
 * How the preview's per-document data (claim statuses, rendered citations) is keyed: by
 * URI, compared however its characters are escaped (`%3A` and `:` in a drive letter).
 * No `vscode` import: the preview plugin's tests use it directly.
 */
export function normaliseUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** The document the preview is rendering (`env.currentDocument`, set by VS Code), as a key; undefined elsewhere. */
export function previewedDocument(env: unknown): string | undefined {
  const doc = (env as { currentDocument?: { toString(): string } } | undefined)?.currentDocument;
  return doc ? normaliseUri(doc.toString()) : undefined;
}
