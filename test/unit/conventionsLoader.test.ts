import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConventionsLoader } from '../../server/src/node/conventionsLoader';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';
import { FIXTURES } from './helpers/fixtures';

const D = join(FIXTURES, 'discovery');
const uri = (p: string) => pathToFileURL(p).href;

describe('conventions discovery (file system)', () => {
  it('the nearest .briefmark.yaml walking up to the workspace folder wins; each folder of a multi-root workspace on its own', () => {
    const ws = new NodeWorkspace();
    ws.setFolders([uri(join(D, 'ws1')), uri(join(D, 'ws2'))]);
    const team = ws.conventionsFor(uri(join(D, 'ws1/team/deep/x.brief.md')));
    assert.equal(team.uri, uri(join(D, 'ws1/team/.briefmark.yaml')));
    assert.deepEqual(team.actors.map((a) => a.id), ['shared-actor', 'team-actor'], 'extends is merged, the root ws1 file is not');
    assert.equal(team.rules['unknown-tag'], 'off');
    const other = ws.conventionsFor(uri(join(D, 'ws1/other/y.brief.md')));
    assert.deepEqual(other.actors.map((a) => a.id), ['root-actor']);
    const second = ws.conventionsFor(uri(join(D, 'ws2/z.brief.md')));
    assert.equal(second.uri, undefined, 'ws2 has no conventions: defaults');
    assert.deepEqual(second.actors, []);
  });

  it('stops at the workspace folder: a file above it does not govern', () => {
    const ws = new NodeWorkspace();
    ws.setFolders([uri(join(D, 'ws1/other'))]);
    assert.deepEqual(ws.conventionsFor(uri(join(D, 'ws1/other/y.brief.md'))).actors, []);
  });

  it('analyses through the workspace: unknown-actor only where the conventions define actors', async () => {
    const { createBriefService } = await import('../../server/src/core/service');
    const { readFileSync } = await import('node:fs');
    const ws = new NodeWorkspace();
    ws.setFolders([uri(join(D, 'ws1')), uri(join(D, 'ws2'))]);
    const service = createBriefService(ws);
    const check = (p: string) => service.analyze({ uri: uri(join(D, p)), version: 1, getText: () => readFileSync(join(D, p), 'utf8') }).diagnostics.map((d) => d.code);
    assert.deepEqual(check('ws1/team/deep/x.brief.md'), []);
    assert.deepEqual(check('ws1/other/y.brief.md'), []);
    assert.deepEqual(check('ws2/z.brief.md'), [], 'no actors defined: no unknown-actor');
  });

  describe('cache and invalidation', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'briefmark-conv-'));
      mkdirSync(join(dir, 'sub'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads each file once until it changes; creating, changing and deleting files are picked up after invalidate', () => {
      const reads: string[] = [];
      const fs = require('node:fs') as typeof import('node:fs');
      const loader = new ConventionsLoader((p) => {
        reads.push(p);
        try {
          return fs.readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      });
      const brief = join(dir, 'sub', 'a.brief.md');
      assert.equal(loader.conventionsFor(brief, dir).uri, undefined);
      // Created in a parent folder.
      writeFileSync(join(dir, '.briefmark.yaml'), 'extends: base.yaml\nactors: [{ id: a, name: A }]\n');
      assert.equal(loader.invalidate(join(dir, '.briefmark.yaml')), true);
      assert.deepEqual(loader.conventionsFor(brief, dir).actors.map((a) => a.id), ['a']);
      const count = reads.length;
      loader.conventionsFor(brief, dir);
      assert.equal(reads.length, count, 'cached');
      assert.ok(loader.watchedPaths().includes(join(dir, 'base.yaml')), 'a missing extended file is watched');
      // The extended file appears.
      writeFileSync(join(dir, 'base.yaml'), 'actors: [{ id: b, name: B }]\n');
      assert.equal(loader.invalidate(join(dir, 'base.yaml')), true);
      assert.deepEqual(loader.conventionsFor(brief, dir).actors.map((a) => a.id), ['b', 'a']);
      assert.equal(loader.invalidate(join(dir, 'unrelated.yaml')), false);
      // A nearer file appears.
      writeFileSync(join(dir, 'sub', '.briefmark.yaml'), 'actors: [{ id: near, name: Near }]\n');
      loader.invalidate(join(dir, 'sub', '.briefmark.yaml'));
      assert.deepEqual(loader.conventionsFor(brief, dir).actors.map((a) => a.id), ['near']);
      // Broken: defaults apply, the problem is reported on the file.
      writeFileSync(join(dir, 'sub', '.briefmark.yaml'), 'actors: [\n');
      loader.invalidate(join(dir, 'sub', '.briefmark.yaml'));
      assert.deepEqual(loader.conventionsFor(brief, dir).actors, []);
      const problems = loader.problemsFor(join(dir, 'sub', '.briefmark.yaml'), dir).get(uri(join(dir, 'sub', '.briefmark.yaml')))!;
      assert.equal(problems.length > 0, true);
      assert.match(problems[0].message, /YAML syntax error/);
    });

    it('an open editor text wins over the disk', () => {
      const loader = new ConventionsLoader();
      writeFileSync(join(dir, '.briefmark.yaml'), 'actors: [{ id: disk, name: Disk }]\n');
      const brief = join(dir, 'a.brief.md');
      assert.deepEqual(loader.conventionsFor(brief, dir).actors.map((a) => a.id), ['disk']);
      loader.setOverlay(join(dir, '.briefmark.yaml'), 'actors: [{ id: editor, name: Editor }]\n');
      assert.deepEqual(loader.conventionsFor(brief, dir).actors.map((a) => a.id), ['editor']);
      loader.setOverlay(join(dir, '.briefmark.yaml'), undefined);
      assert.deepEqual(loader.conventionsFor(brief, dir).actors.map((a) => a.id), ['disk']);
    });

    it('user settings sit beneath the workspace conventions: the team file wins', () => {
      const loader = new ConventionsLoader();
      writeFileSync(join(dir, 'mine.yaml'), 'actors: [{ id: mine, name: Mine }]\nrules: { unused-source: error, unknown-tag: error }\n');
      loader.setSettings(dir, { conventionsPath: 'mine.yaml', rules: { 'unknown-tag': 'hint', 'duplicate-id': 'warning' } });
      const brief = join(dir, 'a.brief.md');
      let c = loader.conventionsFor(brief, dir);
      assert.deepEqual(c.actors.map((a) => a.id), ['mine'], 'no workspace file: the user file applies');
      assert.deepEqual(c.rules, { 'unknown-tag': 'error', 'duplicate-id': 'warning', 'unused-source': 'error' });
      writeFileSync(join(dir, '.briefmark.yaml'), 'actors: [{ id: team, name: Team }]\nrules: { unused-source: off }\n');
      loader.invalidate(join(dir, '.briefmark.yaml'));
      c = loader.conventionsFor(brief, dir);
      assert.deepEqual(c.actors.map((a) => a.id), ['mine', 'team']);
      assert.equal(c.rules['unused-source'], 'off', 'the team rule wins over the user file');
      assert.equal(c.rules['duplicate-id'], 'warning');
      assert.equal(c.uri, uri(join(dir, '.briefmark.yaml')));
    });
  });
});
