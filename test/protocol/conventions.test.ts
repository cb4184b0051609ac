import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

/**
 * Live reload of team conventions over the protocol: files change on disk, the client
 * sends `workspace/didChangeWatchedFiles`, and the open briefs' diagnostics follow
 * (pushed again, or a `workspace/diagnostic/refresh` for pull clients).
 */
const BRIEF = '---\nbrief: true\n---\n# Brief\n\n:actor[Macron] should meet :actor[Olaf Scholz].\n';
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();

for (const pull of [false, true]) {
  describe(`conventions over the protocol (${pull ? 'pull' : 'push'} diagnostics)`, () => {
    let dir: string;
    let client: TestClient;
    let briefUri: string;
    let confUri: string;
    let sharedUri: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'briefmark-live-'));
      mkdirSync(join(dir, 'ws'));
      mkdirSync(join(dir, 'shared'));
      writeFileSync(join(dir, 'ws', '.briefmark.yaml'), 'actors:\n  - { id: fr-president, name: Emmanuel Macron, aliases: [Macron] }\n');
      writeFileSync(join(dir, 'ws', 'a.brief.md'), BRIEF);
      briefUri = pathToFileURL(join(dir, 'ws', 'a.brief.md')).href;
      confUri = pathToFileURL(join(dir, 'ws', '.briefmark.yaml')).href;
      sharedUri = pathToFileURL(join(dir, 'shared', 'base.yaml')).href;
      client = await TestClient.start({ transport: 'stdio', pull, rootUri: pathToFileURL(join(dir, 'ws')).href });
    });
    after(async () => {
      if (client) assert.equal(await client.stop(), 0);
      rmSync(dir, { recursive: true, force: true });
    });

    /** The brief's diagnostics once `condition` holds (push: the latest publication; pull: after a refresh). */
    async function briefDiagnostics(what: string, condition: (d: Diagnostic[]) => boolean, refreshesBefore: number): Promise<Diagnostic[]> {
      if (!pull) return client.latest(briefUri, what, condition);
      await client.waitFor(`a diagnostic refresh (${what})`, () => (client.refreshes > refreshesBefore ? true : undefined));
      const d = await client.pull(briefUri);
      assert.ok(condition(d), `${what}: got ${JSON.stringify(codes(d))}`);
      return d;
    }

    it('registers a watcher for **/.briefmark.yaml', async () => {
      await client.waitFor('a watched-files registration', () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
      const reg = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
      assert.deepEqual((reg.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern), ['**/.briefmark.yaml']);
    });

    it('checks the brief against the workspace conventions', async () => {
      await client.open(briefUri, BRIEF, 1);
      const d = pull ? await client.pull(briefUri) : await client.pushed(briefUri, 1);
      assert.deepEqual(codes(d), ['unknown-actor@5:34']);
      assert.match(String(d[0].message), /"Olaf Scholz" is not the name or alias of an actor/);
    });

    it('re-checks the open brief when the file changes on disk, without a restart', async () => {
      const before = client.refreshes;
      writeFileSync(join(dir, 'ws', '.briefmark.yaml'), 'extends: ../shared/base.yaml\nactors:\n  - { id: fr-president, name: Emmanuel Macron, aliases: [Macron] }\n  - { id: de-chancellor, name: Olaf Scholz }\n');
      await client.filesChanged([{ uri: confUri, type: 2 }]);
      await briefDiagnostics('unknown-actor gone', (d) => d.length === 0, before);
    });

    it('watches the file it extends (outside the workspace) and reloads when it changes', async () => {
      await client.waitFor('a watcher for the extended file', () => client.registrations.find((r) => JSON.stringify(r.registerOptions).includes('base.yaml')));
      const before = client.refreshes;
      writeFileSync(join(dir, 'shared', 'base.yaml'), 'rules: { unknown-actor: error }\ntags: { actor: { required: [id] } }\n');
      await client.filesChanged([{ uri: sharedUri, type: 1 }]);
      const d = await briefDiagnostics('missing-attribute from the extended file', (ds) => ds.some((x) => x.code === 'missing-attribute'), before);
      assert.deepEqual(codes(d), ['missing-attribute@5:0', 'missing-attribute@5:27']);
    });

    it('a broken file: defaults apply to the brief, and the error is reported on the file at its position', async () => {
      const before = client.refreshes;
      const broken = 'actors:\n  - { id: fr-president, name: Emmanuel Macron, type: persn }\nrules: { unknown-actor: loud }\n';
      writeFileSync(join(dir, 'ws', '.briefmark.yaml'), broken);
      await client.filesChanged([{ uri: confUri, type: 2 }]);
      const d = await briefDiagnostics('Olaf Scholz unknown again', (ds) => ds.some((x) => x.code === 'unknown-actor'), before);
      assert.equal(d.find((x) => x.code === 'unknown-actor')!.severity, 2, 'the broken rules entry is ignored: default severity');
      await client.open(confUri, broken, 1, 'yaml');
      const own = pull ? await client.pull(confUri) : await client.pushed(confUri, 1);
      assert.deepEqual(
        own.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]),
        [
          ['invalid-conventions', 1, 53, 58],
          ['invalid-conventions', 2, 24, 28],
        ],
      );
      assert.equal(own[0].source, 'briefmark');
      assert.equal(own[0].severity, 1);
      assert.match(String(own[0].message), /"persn" is not allowed for actors\[0\]\.type/);
    });

    it('edits to the open conventions document apply before they are saved', async () => {
      const before = client.refreshes;
      await client.change(confUri, 2, [{ text: 'actors:\n  - { id: a, name: Olaf Scholz }\n  - { id: b, name: Emmanuel Macron, aliases: [Macron] }\n' }]);
      await briefDiagnostics('the editor text wins', (ds) => ds.length === 0, before);
      const own = pull ? await client.pull(confUri) : await client.pushed(confUri, 2);
      assert.deepEqual(own, []);
    });

    it('exports the codebook of the conventions on request', async () => {
      const r = await client.connection.sendRequest<{ xml: string; conventionsUri: string }>('briefmark/exportCodebook', { uri: briefUri });
      assert.equal(r.conventionsUri, confUri);
      assert.match(r.xml, /<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
      assert.match(r.xml, /name="Olaf Scholz"/);
      const forFolder = await client.connection.sendRequest<{ conventionsUri: string }>('briefmark/exportCodebook', { uri: pathToFileURL(join(dir, 'ws')).href });
      assert.equal(forFolder.conventionsUri, confUri, 'a folder: the conventions a brief in it would get');
      const noUri = await client.connection.sendRequest<{ conventionsUri: string }>('briefmark/exportCodebook', {});
      assert.equal(noUri.conventionsUri, confUri, 'no uri: the workspace folder');
    });
  });
}

describe('settings over the protocol', () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-settings-'));
    writeFileSync(join(dir, '.briefmark.yaml'), 'actors: [{ id: a, name: A }]\nrules: { duplicate-id: warning }\n');
    client = await TestClient.start({ transport: 'stdio', pull: true, rootUri: pathToFileURL(dir).href, settings: { rules: { 'unknown-actor': 'hint', 'duplicate-id': 'off' } } });
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('user severities apply beneath the workspace conventions (the team file wins)', async () => {
    const uri = pathToFileURL(join(dir, 'b.brief.md')).href;
    await client.open(uri, '---\nbrief: true\nreferences: [{ id: k, title: K }]\n---\n:actor[B] :claim[x]{id=c} [@k] :claim[y]{id=c} [@k]\n', 1);
    await client.waitFor('the settings to be read (a refresh follows)', () => (client.refreshes > 0 ? true : undefined));
    const d = await client.pull(uri);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity]),
      [
        ['unknown-actor', 4],
        ['duplicate-id', 2],
      ],
    );
  });
});
