/**
 * Worker-process entry of `briefmark check` (bundled as `dist/cliWorker.js`): checks the
 * files the pool sends it, one at a time, each with the same checker as a serial run.
 */
import { createFileChecker } from './checkFile';
import { serveTasks } from './pool';

serveTasks<string, unknown>((workerData) => {
  const data = workerData as { folders: string[]; sourcesCache?: string };
  const checker = createFileChecker(data.folders, undefined, data.sourcesCache);
  return (path) => checker.check(path);
});
