/**
 * The parse thread's entry (bundled as `dist/parseWorker.js`): runs the micromark parses
 * the server sends it (`ParseJob`, see core/parse/markdown.ts) and answers each with its
 * tree and definitions, or the error it threw.
 */
import { parentPort } from 'node:worker_threads';
import { runParseJob, type ParseJob } from '../../core/parse/markdown';

parentPort?.on('message', (m: { id: number; job: ParseJob }) => {
  try {
    parentPort?.postMessage({ id: m.id, result: runParseJob(m.job) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
