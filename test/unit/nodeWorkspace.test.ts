import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { readText } from '../../server/src/node/conventionsLoader';
import { MAX_FILE_BYTES } from '../../server/src/node/regularFile';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { createBriefService } from '../../server/src/core/service';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';

/** The file-system workspace: bibliography files and source documents a brief uses. */
describe('NodeWorkspace: bibliographies and source documents on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-ws-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const brief = (fm: string, body: string) => `---\nbrief: true\n${fm}---\n\n# Brief\n\n${body}\n`;

  function check(ws: NodeWorkspace, path: string, text: string, version = 1) {
    const service = createBriefService(ws);
    return service.analyze({ uri: pathToFileURL(path).href, version, getText: () => text });
  }

  it('reads front matter bibliographies (one path or a list) relative to the brief', () => {
    mkdirSync(join(dir, 'refs'));
    writeFileSync(join(dir, 'refs', 'a.bib'), '@misc{alpha, title = {Alpha}}\n');
    writeFileSync(join(dir, 'refs', 'b.json'), '[{"id": "beta", "title": "Beta"}]');
    const ws = new NodeWorkspace();
    const path = join(dir, 'x.brief.md');
    const a = check(ws, path, brief('bibliography: [refs/a.bib, refs/b.json]\n', 'As [@alpha] and [@beta] and [@gamma] show.'));
    assert.deepEqual([...a.bibliography.entries.keys()].sort(), ['alpha', 'beta']);
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${a.model.text.slice(d.span.start, d.span.end)}`), ['unknown-source gamma']);
    const one = check(ws, path, brief('bibliography: refs/a.bib\n', 'As [@alpha] shows.'));
    assert.deepEqual([...one.bibliography.entries.keys()], ['alpha']);
  });

  it('reports a missing bibliography on the brief, at its name, and keeps the others', () => {
    writeFileSync(join(dir, 'a.bib'), '@misc{alpha, title = {Alpha}}\n');
    const ws = new NodeWorkspace();
    const a = check(ws, join(dir, 'x.brief.md'), brief('bibliography:\n  - a.bib\n  - nowhere.bib\n', 'As [@alpha] shows.'));
    assert.deepEqual(a.diagnostics.map((d) => [d.code, a.model.text.slice(d.span.start, d.span.end)]), [['invalid-conventions', 'nowhere.bib']]);
    assert.match(a.diagnostics[0].message, /"nowhere.bib".*does not exist/);
  });

  it('refuses, with a reason, a bibliography or source that is a pipe or too large, without reading it (a pipe blocked the server for good)', () => {
    assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.bib')]).status, 0, 'mkfifo makes a pipe');
    mkdirSync(join(dir, 'sources'));
    spawnSync('mkfifo', [join(dir, 'sources', 'piped.txt')]);
    writeFileSync(join(dir, 'sources', 'fine.txt'), 'The text of a source.');
    writeFileSync(join(dir, 'huge.bib'), '');
    truncateSync(join(dir, 'huge.bib'), MAX_FILE_BYTES + 2 ** 20); // sparse: nothing is written
    writeFileSync(join(dir, 'a.bib'), '@misc{alpha, title = {Alpha}}\n');
    const ws = new NodeWorkspace();
    const a = check(ws, join(dir, 'x.brief.md'), brief('bibliography: [pipe.bib, huge.bib, a.bib]\n', 'As [@alpha] shows.'));
    assert.deepEqual([...a.bibliography.entries.keys()], ['alpha']);
    const messages = a.diagnostics.map((d) => d.message).join('\n');
    assert.match(messages, /"pipe.bib".*it is not a regular file \(a pipe, a socket or a device\)/);
    assert.match(messages, /"huge.bib".*it is 257.0 MB, more than the 256 MB a file may have here/);
    assert.equal(a.sourceDocuments.get('fine')?.text, 'The text of a source.');
    assert.notEqual(a.sourceDocuments.get('piped')?.text, 'The text of a source.');
    assert.equal(readText(join(dir, 'pipe.bib')), undefined, 'a conventions file that is a pipe is not read');
  });

  it('reads the conventions list relative to the conventions file', () => {
    mkdirSync(join(dir, 'team', 'sources'), { recursive: true });
    writeFileSync(join(dir, 'team', 'shared.yaml'), '- id: shared-key\n  title: Shared\n');
    writeFileSync(join(dir, 'team', 'sources', 'doc-key.txt'), 'The text of a source.');
    const conventions = { ...defaultConventions(), uri: pathToFileURL(join(dir, 'team', '.briefmark.yaml')).href, bibliography: ['shared.yaml'] };
    const ws = new NodeWorkspace();
    ws.conventionsFor = () => conventions;
    const a = check(ws, join(dir, 'briefs', 'x.md'), brief('', 'As [@shared-key] and [@doc-key] show.'));
    assert.deepEqual(a.diagnostics, []);
    assert.equal(a.sourceDocuments.get('doc-key')?.text, 'The text of a source.');
  });

  it('finds source documents beside the brief when there is no conventions file', () => {
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', 'article.md'), '# Article\n\nSome text.');
    writeFileSync(join(dir, 'sources', 'notes.txt'), 'Notes.');
    writeFileSync(join(dir, 'sources', 'image.png'), 'not text');
    const a = check(new NodeWorkspace(), join(dir, 'x.brief.md'), brief('', 'Text.'));
    assert.deepEqual([...a.sourceDocuments.keys()].sort(), ['article', 'notes']);
  });

  it('sees an edited bibliography after the watcher reports it (and ignores unrelated files)', () => {
    const bib = join(dir, 'a.bib');
    writeFileSync(bib, '@misc{alpha, title = {Alpha}}\n');
    const ws = new NodeWorkspace();
    const service = createBriefService(ws);
    const path = join(dir, 'x.brief.md');
    const text = brief('bibliography: a.bib\n', 'As [@beta] shows.');
    const doc = { uri: pathToFileURL(path).href, version: 1, getText: () => text };
    assert.deepEqual(service.analyze(doc).diagnostics.map((d) => d.code), ['unknown-source']);
    writeFileSync(bib, '@misc{alpha, title = {Alpha}}\n@misc{beta, title = {Beta}}\n');
    assert.equal(ws.sourcesChanged([pathToFileURL(join(dir, 'unrelated.md')).href]), false);
    assert.equal(ws.sourcesChanged([pathToFileURL(bib).href]), true);
    assert.deepEqual(service.analyze(doc).diagnostics, []);
    const loaded = ws.loadedBibliographies();
    assert.deepEqual(loaded.map((l) => l.path), [bib]);
  });

  it('sees a bibliography that is created after it was reported missing', () => {
    const ws = new NodeWorkspace();
    const service = createBriefService(ws);
    const text = brief('bibliography: late.bib\n', 'As [@late] shows.');
    const doc = { uri: pathToFileURL(join(dir, 'x.brief.md')).href, version: 1, getText: () => text };
    assert.deepEqual(service.analyze(doc).diagnostics.map((d) => d.code), ['invalid-conventions', 'unknown-source']);
    writeFileSync(join(dir, 'late.bib'), '@misc{late, title = {Late}}\n');
    assert.equal(ws.sourcesChanged([pathToFileURL(join(dir, 'late.bib')).href]), true);
    assert.deepEqual(service.analyze(doc).diagnostics, []);
  });
});
