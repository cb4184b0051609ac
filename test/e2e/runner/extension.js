// @ts-check
/**
 * The e2e test runner extension (see docs/testing-e2e.md). VS Code's server build does not
 * honour extensionTestsPath, so this extension, installed next to the extension under
 * test, starts the suite once the workbench has started. The suite itself
 * (test/e2e/suite/index.ts) is launcher-independent; this file only passes it the result
 * path and makes sure a result file is written whatever happens.
 */
const fs = require('node:fs');
const path = require('node:path');

/** @param {string} file @param {unknown} report */
function writeAtomically(file, report) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

async function activate() {
  const suite = process.env.BRIEFMARK_E2E_SUITE;
  const result = process.env.BRIEFMARK_E2E_RESULT;
  if (!suite || !result) return; // installed, but not in an e2e run
  // One run per extension host, even if the window reloads.
  const claim = `${result}.started`;
  try {
    fs.writeFileSync(claim, String(process.pid), { flag: 'wx' });
  } catch {
    return;
  }
  try {
    const report = await require(suite).runSuite();
    writeAtomically(result, report);
  } catch (e) {
    writeAtomically(result, { passed: 0, failed: 1, tests: [], error: `the suite did not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
  }
}

module.exports = { activate, deactivate() {} };
