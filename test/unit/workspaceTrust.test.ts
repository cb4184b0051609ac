import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBriefService } from '../../server/src/core/service';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/node/settings';

describe('Workspace Trust: NodeWorkspace.isReadable', () => {
  let root: string;
  let ws: string;
  let outside: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'briefmark-trust-'));
    ws = join(root, 'ws');
    outside = join(root, 'outside');
    mkdirSync(join(ws, 'briefs'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(ws, 'refs.bib'), '');
    writeFileSync(join(outside, 'secret.bib'), '');
    symlinkSync(outside, join(ws, 'linked'));
    symlinkSync(join(outside, 'secret.bib'), join(ws, 'alias.bib'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const workspace = (trusted: boolean) => {
    const w = new NodeWorkspace();
    w.setFolders([pathToFileURL(ws).href]);
    w.setTrusted(trusted);
    return w;
  };

  it('reads anything in a trusted workspace', () => {
    const w = workspace(true);
    assert.equal(w.isTrusted, true);
    assert.equal(w.isReadable(join(outside, 'secret.bib')), true);
    assert.equal(w.isReadable(join(ws, 'refs.bib')), true);
  });

  it('in an untrusted workspace reads only files inside its folders', () => {
    const w = workspace(false);
    assert.equal(w.isReadable(join(ws, 'refs.bib')), true);
    assert.equal(w.isReadable(join(ws, 'briefs', 'missing.bib')), true, 'a missing file inside is allowed (its read fails normally)');
    assert.equal(w.isReadable(join(outside, 'secret.bib')), false);
    assert.equal(w.isReadable('/etc/passwd'), false);
    assert.equal(w.isReadable(join(ws, 'briefs', '..', '..', 'outside', 'secret.bib')), false, '.. is resolved');
    assert.equal(w.isReadable(ws + '-sibling/x.bib'), false, 'a sibling folder sharing the prefix');
  });

  it('resolves symbolic links that point out of the workspace', () => {
    const w = workspace(false);
    assert.equal(w.isReadable(join(ws, 'alias.bib')), false);
    assert.equal(w.isReadable(join(ws, 'linked', 'secret.bib')), false);
    assert.equal(w.isReadable(join(ws, 'linked', 'not-there.bib')), false, 'even for a file that does not exist');
  });

  it('reads nothing when there is no workspace folder and trust is withheld', () => {
    const w = new NodeWorkspace();
    w.setTrusted(false);
    assert.equal(w.isReadable(join(ws, 'refs.bib')), false);
  });

  it('tells its change listeners when trust changes, so analyses are redone', () => {
    const w = workspace(false);
    let changes = 0;
    const unsubscribe = w.onDidChange(() => changes++);
    w.setTrusted(true);
    assert.equal(changes, 1);
    w.setTrusted(true);
    assert.equal(changes, 1, 'not when it stays the same');
    unsubscribe();
    w.setTrusted(false);
    assert.equal(changes, 1, 'not after unsubscribing');
  });

  it('the bibliography and source-document loaders ask the policy before reading', () => {
    writeFileSync(join(outside, 'refs.bib'), '@article{outsider, title={Outside}, author={Far, Away}, year={2024}}\n');
    writeFileSync(join(ws, 'inside.bib'), '@article{insider, title={Inside}, author={Near, By}, year={2024}}\n');
    mkdirSync(join(outside, 'sources'), { recursive: true });
    writeFileSync(join(outside, 'sources', 'outsider.md'), 'Text of the outside source.');
    symlinkSync(join(outside, 'sources'), join(ws, 'briefs', 'sources'));
    const brief = join(ws, 'briefs', 'b.brief.md');
    const text = '---\nbibliography: [../../outside/refs.bib, ../inside.bib]\n---\n\n:claim[A]{src=outsider} :claim[B]{src=insider}\n';
    writeFileSync(brief, text);
    const doc = { uri: pathToFileURL(brief).href, version: 1, getText: () => text };

    const untrusted = workspace(false);
    const a = createBriefService(untrusted).analyze(doc);
    assert.deepEqual([...a.bibliography.entries.keys()].sort(), ['insider']);
    assert.equal(a.sourceDocuments.size, 0, 'the symlinked sources folder points outside');
    const problem = a.diagnostics.find((d) => d.code === 'invalid-conventions');
    assert.match(problem?.message ?? '', /refs\.bib.*outside an untrusted workspace are not read/);
    assert.ok(a.diagnostics.some((d) => d.code === 'unknown-source' && text.slice(d.span.start, d.span.end).includes('outsider')));

    const trusted = workspace(true);
    const b = createBriefService(trusted).analyze(doc);
    assert.deepEqual([...b.bibliography.entries.keys()].sort(), ['insider', 'outsider']);
    assert.deepEqual([...b.sourceDocuments.keys()], ['outsider']);
    assert.equal(b.diagnostics.filter((d) => d.code === 'unknown-source' || d.code === 'invalid-conventions').length, 0);
  });

  it('reads trust and the size limit from settings, ignoring ill-typed values', () => {
    assert.deepEqual(readSettings({ trusted: false, maxDocumentSize: 1000 }), { ...DEFAULT_SETTINGS, trusted: false, maxDocumentSize: 1000 });
    assert.deepEqual(readSettings({ trusted: 'no', maxDocumentSize: -3 }), { ...DEFAULT_SETTINGS, maxDocumentSize: 2_000_000 });
    assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
    // One reader for every setting, nested or dotted, as clients send them.
    assert.deepEqual(readSettings({ 'sources.maxFileSize': 5, sources: { extractionTimeout: 7 }, hover: { enabled: false }, rules: { 'unsourced-claim': 'error', nope: 'error' } }), {
      ...DEFAULT_SETTINGS,
      hoverEnabled: false,
      rules: { 'unsourced-claim': 'error' },
      sources: { maxFileSizeMb: 5, timeoutSeconds: 7 },
    });
  });

  it('the manifest declares limited support for untrusted workspaces', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /outside the workspace/);
    assert.equal(pkg.contributes.configuration.properties['briefmark.maxDocumentSize'].default, 2_000_000);
  });
});
