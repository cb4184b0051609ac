import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionOf, TestClient } from './lspClient';

/** Bibliography files over the protocol: problems published on the file, edits re-check the brief. */
describe('language server: bibliography files', () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-proto-'));
    client = await TestClient.start({ transport: 'stdio', pull: false, rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a broken bibliography on that file, keeps what it could read, and re-checks on change', async () => {
    const bib = join(dir, 'refs.bib');
    const bibUri = pathToFileURL(bib).href;
    writeFileSync(bib, '@misc{alpha, title = {Alpha}}\n\n@misc{broken, title = {Never closed\n');
    const uri = pathToFileURL(join(dir, 'x.brief.md')).href;
    const text = '---\nbrief: true\nbibliography: refs.bib\n---\n\n# Brief\n\nAs [@alpha] and [@beta] show.\n';
    await client.open(uri, text, 1);
    const first = await client.pushed(uri, 1);
    assert.deepEqual(first.map((d) => d.code), ['unknown-source']);
    assert.match(JSON.stringify(first[0].message), /@beta.*entries may be missing/);
    const onBib = await client.waitFor('diagnostics on refs.bib', () => client.published.get(bibUri)?.at(-1)?.diagnostics);
    assert.equal(onBib.length, 1);
    assert.equal(onBib[0].code, 'invalid-conventions');
    assert.deepEqual(onBib[0].range.start, { line: 2, character: 0 });

    writeFileSync(bib, '@misc{alpha, title = {Alpha}}\n\n@misc{beta, title = {Beta}}\n');
    const before = client.published.get(uri)!.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bibUri, type: 2 }] });
    const after = await client.waitFor('re-check of the brief', () => {
      const list = client.published.get(uri)!;
      return list.length > before ? list.at(-1)!.diagnostics : undefined;
    });
    assert.deepEqual(after, []);
    const cleared = await client.waitFor('cleared diagnostics on refs.bib', () => (client.published.get(bibUri)?.at(-1)?.diagnostics.length === 0 ? true : undefined));
    assert.equal(cleared, true);
  });

  it('returns quick fixes as WorkspaceEdits (never commands)', async () => {
    const uri = pathToFileURL(join(dir, 'fix.brief.md')).href;
    const text = '---\nbrief: true\nreferences:\n  - id: assets\n    title: Frozen assets report\n---\n\n# B\n\n:claim[Frozen assets are large] [@assets]. An :cliam[near miss] here [@assets].\n';
    await client.open(uri, text, 1);
    const diags = await client.pushed(uri, 1);
    const d = diags.find((x) => x.code === 'unknown-tag')!;
    assert.ok(client.initializeResult.capabilities.codeActionProvider);
    const actions = await client.connection.sendRequest<Array<{ title: string; kind: string; command?: unknown; edit?: { changes: Record<string, Array<{ range: unknown; newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.title === 'Change to "claim"')!;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.command, undefined);
    assert.deepEqual(fix.edit!.changes[uri], [{ range: d.range, newText: 'claim' }]);
    assert.ok(actions.every((a) => a.edit && !a.command));
  });

  it('checks claims against source documents in sources/ and shows the passage in the hover', async () => {
    mkdirSync(join(dir, 'sources'), { recursive: true });
    writeFileSync(join(dir, 'sources', 'wire.txt'), 'Paris, 25 November.\n\nThe coalition includes around 30 countries. “Russia is clearly not ready for a ceasefire,” he said.\n');
    const uri = pathToFileURL(join(dir, 'src.brief.md')).href;
    const text = '---\nbrief: true\n---\n\n# B\n\n:claim[He said "Russia is clearly not ready for a ceasefire"][@wire]. :claim[He said "Russia is ready for peace talks"][@wire]. :claim[The coalition has 45 members][@wire].\n';
    await client.open(uri, text, 1);
    const diags = await client.pushed(uri, 1);
    assert.deepEqual(diags.map((d) => d.code), ['quote-not-in-source', 'figure-not-in-source']);
    const hover = await client.hover(uri, positionOf(text, 'Russia is clearly'));
    assert.match(JSON.stringify(hover?.contents), /Against the source.*wire.*found in `@wire`.*> “Russia is clearly not ready for a ceasefire,” he said\./);
  });
});
