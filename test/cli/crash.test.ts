import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCheck, type CheckIO } from '../../server/src/cli/check';
import { createFileChecker } from '../../server/src/cli/checkFile';
import { createBriefService, type BriefService } from '../../server/src/core/service';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';
import { cleanTemps, tempDir } from './helpers';

/** A service over the real one that crashes on one file, and loses a rule on another. */
function faultyService(folder: string): BriefService {
  const workspace = new NodeWorkspace();
  workspace.setFolders([pathToFileURL(folder).href]);
  const real = createBriefService(workspace);
  return {
    ...real,
    analyze(doc) {
      if (doc.uri.endsWith('/boom.brief.md')) throw new TypeError('simulated crash');
      const analysis = real.analyze(doc);
      if (doc.uri.endsWith('/rule-bug.brief.md')) return { ...analysis, failures: [{ code: 'unsourced-claim', error: new RangeError('simulated rule bug') }] };
      return analysis;
    },
  };
}

describe('briefmark check when checking one file crashes', () => {
  after(cleanTemps);

  it('reports that file on stderr, prints every other result, and exits with 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.brief.md'), ':claim[Unsourced A].\n');
    writeFileSync(join(dir, 'boom.brief.md'), ':claim[Never seen].\n');
    writeFileSync(join(dir, 'rule-bug.brief.md'), ':claim[Seen] as @nobody said.\n');
    writeFileSync(join(dir, 'z.brief.md'), ':claim[Unsourced Z].\n');
    let stdout = '';
    let stderr = '';
    const io: CheckIO = { cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), stderrIsTTY: false };
    const code = await runCheck({ paths: [], format: 'text', help: false, jobs: 1, cache: false, updateBaseline: false }, io, { checker: (folders) => createFileChecker(folders, faultyService(dir)) });
    assert.equal(code, 2);
    assert.match(stderr, /^briefmark: boom\.brief\.md: could not be checked, an internal error \(please report it\): TypeError: simulated crash \(at .*\)\n/);
    assert.match(stderr, /\nbriefmark: rule-bug\.brief\.md: rule unsourced-claim failed, its findings are missing \(please report it\): RangeError: simulated rule bug/);
    assert.equal(
      stdout,
      [
        'a.brief.md:1:1 warning unsourced-claim Claim "Unsourced A" has no source: add a citation such as [@key], a footnote, a link, or a src attribute.',
        'rule-bug.brief.md:1:18 error unknown-source Citation key "@nobody" is not in the brief (it has no bibliography: add `references:` or `bibliography:` to its front matter). (For a literal @, as in a handle, write \\@.)',
        'z.brief.md:1:1 warning unsourced-claim Claim "Unsourced Z" has no source: add a citation such as [@key], a footnote, a link, or a src attribute.',
        '3 files checked: 1 error, 2 warnings, 0 info, 0 hints; claims sourced: 0/3 (0%), 2 missing, 1 broken; 2 paths could not be checked',
        '',
      ].join('\n'),
    );
  });
});
