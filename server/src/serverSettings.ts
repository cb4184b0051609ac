/**
 * The server's own notifications and requests beside LSP. The settings themselves are read
 * in one place, `node/settings.ts`.
 */

/** Sent by the client when the user grants Workspace Trust: `{ trusted: boolean }`. */
export const TRUST_NOTIFICATION = 'briefmark/didChangeTrust';
/** Answers `{ memory: process.memoryUsage(), documents, trusted }`: for tests and diagnosis. */
export const STATS_REQUEST = 'briefmark/stats';
