import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectFiles } from '../../server/src/cli/files';
import { createBriefService } from '../../server/src/core/service';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';
import { uriToPath } from '../../server/src/node/uris';
import { WorkspaceIndex } from '../../server/src/node/workspaceIndex';

// The editor's workspace index and `briefmark check` find the same briefs (node/markdownFiles.ts).
describe('one policy for which files are briefs: the workspace index and the CLI agree', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-files-'));
    const brief = '---\nbrief: true\n---\n# B\n\n:claim[x].\n';
    for (const rel of ['a.md', 'notes/b.markdown', 'notes/c.mdown', 'notes/d.mkd', '.hidden/e.md', 'out/f.md', 'dist/g.md', 'node_modules/p/h.md', '.git/i.md', 'deep/er/j.md', 'k.txt']) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), brief);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the same Markdown files, skipping dependencies, version control, build output and hidden folders', async () => {
    const cli = collectFiles([dir], dir).files.map((f) => relative(dir, f.path)).sort();
    const workspace = new NodeWorkspace();
    const service = createBriefService(workspace);
    const index = new WorkspaceIndex(workspace, service, { all: () => [], get: () => undefined, summary: () => undefined, lines: () => ({ positionAt: () => ({ line: 0, character: 0 }) }) as never });
    await index.indexFolders([pathToFileURL(dir).href]);
    const indexed = index.diskBriefs().map((u) => relative(dir, uriToPath(u)!)).sort();
    assert.deepEqual(cli, ['a.md', 'deep/er/j.md', 'notes/b.markdown', 'notes/c.mdown', 'notes/d.mkd']);
    assert.deepEqual(indexed, cli);
  });

  it('a skipped folder named on the command line is searched', () => {
    assert.deepEqual(collectFiles([join(dir, 'out')], dir).files.map((f) => relative(dir, f.path)), ['out/f.md']);
  });
});
