/**
 * The server's own settings (as opposed to a team's conventions): they come from the
 * client's `initializationOptions`, from `workspace/configuration` (section `briefmark`),
 * or from a `workspace/didChangeConfiguration` push. Unknown or ill-typed values are ignored.
 */
import { maxDocumentSize } from './core/sizeLimit';

export interface ServerSettings {
  /** `briefmark.maxDocumentSize`: documents above it are not analysed. */
  maxDocumentSize?: number;
  /** Workspace Trust: in an untrusted workspace no file outside the workspace folders is read. */
  trusted?: boolean;
  /** `briefmark.sources.maxFileSize` (MB) and `briefmark.sources.extractionTimeout` (s): limits of PDF, HTML and Word extraction. */
  sources?: { maxFileSizeMb?: number; timeoutSeconds?: number };
}

/** Sent by the client when the user grants Workspace Trust: `{ trusted: boolean }`. */
export const TRUST_NOTIFICATION = 'briefmark/didChangeTrust';
/** Answers `{ memory: process.memoryUsage(), documents, trusted }`: for tests and diagnosis. */
export const STATS_REQUEST = 'briefmark/stats';

export function readSettings(value: unknown): ServerSettings {
  if (!value || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  const out: ServerSettings = {};
  if (v.maxDocumentSize !== undefined && v.maxDocumentSize !== null) out.maxDocumentSize = maxDocumentSize(v.maxDocumentSize);
  if (typeof v.trusted === 'boolean') out.trusted = v.trusted;
  const sources = v.sources && typeof v.sources === 'object' ? (v.sources as Record<string, unknown>) : {};
  const positive = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined);
  const maxFileSizeMb = positive(sources.maxFileSize);
  const timeoutSeconds = positive(sources.extractionTimeout);
  if (maxFileSizeMb || timeoutSeconds) out.sources = { maxFileSizeMb, timeoutSeconds };
  return out;
}
