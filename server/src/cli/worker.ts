/**
 * Worker-thread entry of `briefmark check` (bundled as `dist/cliWorker.js`): checks the
 * files the pool sends it, one at a time, each with the same checker as a serial run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFileChecker } from './checkFile';

const data = workerData as { folders: string[]; sourcesCache?: string };
const checker = createFileChecker(data.folders, undefined, data.sourcesCache);
parentPort?.on('message', (m: { index: number; task: string }) => {
  parentPort?.postMessage({ index: m.index, result: checker.check(m.task) });
});
