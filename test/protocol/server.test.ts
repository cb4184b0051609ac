import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { positionOf, SERVER, TestClient, type StartOptions } from './lspClient';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const BRIEF = join(EXAMPLES, 'ceasefire-impasse.brief.md');
const briefUri = pathToFileURL(BRIEF).href;
const briefText = readFileSync(BRIEF, 'utf8');
const rootUri = pathToFileURL(EXAMPLES).href;

const modes: Array<[string, StartOptions]> = [
  ['stdio, push diagnostics', { transport: 'stdio', pull: false, rootUri }],
  ['stdio, pull diagnostics', { transport: 'stdio', pull: true, rootUri }],
  ['node-ipc, push diagnostics', { transport: 'ipc', pull: false, rootUri }],
];

for (const [name, options] of modes) {
  describe(`language server over ${name}`, () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start(options);
    });
    after(async () => {
      if (client) assert.equal(await client.stop(), 0, 'exits with 0 after shutdown/exit');
    });

    const diagnostics = (uri: string, version: number): Promise<Diagnostic[]> => (options.pull ? client.pull(uri) : client.pushed(uri, version));

    it('declares its capabilities for this client', () => {
      const caps = client.initializeResult.capabilities;
      assert.equal(caps.hoverProvider, true);
      assert.ok(caps.documentSymbolProvider);
      assert.equal(!!caps.diagnosticProvider, options.pull, 'pull diagnostics only for clients that support them');
      assert.equal(client.initializeResult.serverInfo?.name, 'briefmark-language-server');
    });

    it('reports the unsourced claim of the example brief, with an exact UTF-16 range', async () => {
      await client.open(briefUri, briefText, 1);
      const diags = await diagnostics(briefUri, 1);
      const unsourced = diags.filter((d) => d.code === 'unsourced-claim');
      assert.equal(unsourced.length, 1);
      assert.deepEqual(unsourced[0].range, { start: positionOf(briefText, ':claim[$400 billion]'), end: positionOf(briefText, ':claim[$400 billion]', ':claim[$400 billion]'.length) });
      assert.equal(unsourced[0].source, 'briefmark');
      assert.equal(unsourced[0].severity, 2);
    });

    it('re-checks after an incremental edit', async () => {
      const at = positionOf(briefText, ':claim[$400 billion]', ':claim[$400 billion]'.length);
      await client.change(briefUri, 2, [{ range: { start: at, end: at }, text: ' [@coalition-call]' }]);
      const diags = await diagnostics(briefUri, 2);
      assert.deepEqual(diags.filter((d) => d.code === 'unsourced-claim'), []);
    });

    it('answers hovers on claims and citation keys', async () => {
      const onClaim = await client.hover(briefUri, positionOf(briefText, 'around 30 predominantly'));
      assert.match(JSON.stringify(onClaim?.contents), /Claim.*coalition-call/);
      const onKey = await client.hover(briefUri, positionOf(briefText, '@geneva-talks', 2));
      assert.match(JSON.stringify(onKey?.contents), /Example, Analyst\. 2025\. “Notes on the Geneva Talks over the 28-Point Plan\.”/);
      assert.equal(await client.hover(briefUri, { line: 0, character: 0 }), null);
    });

    it('returns the outline of the whole brief, the framework inside it', async () => {
      const symbols = await client.documentSymbols(briefUri);
      assert.equal(symbols.length, 1);
      assert.equal(symbols[0].name, 'Ceasefire Diplomacy After the Coalition Call');
      const framework = symbols[0].children?.find((s) => s.name === 'Proposed Solutions Framework');
      assert.ok(framework, symbols[0].children?.map((s) => s.name).join(', '));
      assert.deepEqual(framework.children?.map((t) => t.name), ['Track 1: Diplomatic Pathway', 'Track 2: Economic Leverage', 'Track 3: Military and Security']);
    });

    it('returns the outline of a brief written as plain text from its heading lines, and folds their sections', async () => {
      const uri = pathToFileURL(join(EXAMPLES, 'pasted.brief.md')).href;
      const text = ['Key Events', 'Freight trains waited 40 minutes at borders in 2023.', 'Proposed Solutions Framework', 'Track 1: Infrastructure', 'Close the Gaps: Fund the missing links.', 'Track 2: Regulation', 'One Licence: Recognise drivers’ licences.', 'Conclusion', 'Rail freight can grow.', ''].join('\r\n');
      await client.open(uri, text, 1);
      await diagnostics(uri, 1);
      const symbols = await client.documentSymbols(uri);
      assert.deepEqual(symbols.map((s) => s.name), ['Key Events', 'Proposed Solutions Framework', 'Conclusion']);
      const framework = symbols[1];
      assert.deepEqual(framework.children?.map((t) => `${t.name}: ${t.children?.map((r) => r.name).join()}`), ['Track 1: Infrastructure: Close the Gaps', 'Track 2: Regulation: One Licence']);
      assert.deepEqual(framework.children?.[1].children?.[0].selectionRange, { start: positionOf(text, 'One Licence'), end: positionOf(text, 'One Licence', 'One Licence'.length) });
      const folds = await client.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
      assert.ok(folds.some((f) => f.startLine === 2 && f.endLine === 6), JSON.stringify(folds));
      await client.close(uri);
    });

    it('gives a Markdown file that is not a brief nothing at all', async () => {
      const uri = pathToFileURL(join(EXAMPLES, 'README.md')).href;
      const text = '# Notes\n\nMeet at 10:30, budget $300 billion, cite [@x] and :smile:.\n';
      await client.open(uri, text, 1);
      assert.deepEqual(await diagnostics(uri, 1), []);
      assert.deepEqual(await client.documentSymbols(uri), []);
      assert.equal(await client.hover(uri, positionOf(text, '[@x]', 2)), null);
    });

    it('survives hostile documents and keeps serving the others', async () => {
      const bad = pathToFileURL(join(EXAMPLES, 'hostile.brief.md')).href;
      const hostile = '\u0000\uD800:::rec[' + '['.repeat(5000) + '\r\n---\n:claim[' + '{'.repeat(3000) + '\n'.repeat(3);
      await client.open(bad, hostile, 1);
      await diagnostics(bad, 1);
      await client.change(briefUri, 3, [{ text: briefText }]);
      const diags = await diagnostics(briefUri, 3);
      assert.equal(diags.filter((d) => d.code === 'unsourced-claim').length, 1);
      await client.close(bad);
    });

    it('answers the outline it prepared after an edit with the outline of the new text', async () => {
      const uri = pathToFileURL(join(EXAMPLES, 'prepared.brief.md')).href;
      await client.open(uri, briefText, 1);
      await diagnostics(uri, 1);
      const at = positionOf(briefText, ':claim[$400 billion]');
      await client.change(uri, 2, [{ range: { start: at, end: at }, text: ':claim[A new claim] ' }]);
      await diagnostics(uri, 2);
      // The server prepares the outline 200 ms after the diagnostics; VS Code asks 350 ms or more after a change.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const prepared = await client.documentSymbols(uri);
      assert.match(JSON.stringify(prepared), /A new claim/);
      const fresh = pathToFileURL(join(EXAMPLES, 'prepared-fresh.brief.md')).href;
      const edited = briefText.replace(':claim[$400 billion]', ':claim[A new claim] :claim[$400 billion]');
      await client.open(fresh, edited, 1);
      assert.deepEqual(prepared, await client.documentSymbols(fresh));
      await client.close(uri);
      await client.close(fresh);
    });

    it('ignores requests for documents it does not have', async () => {
      const missing = pathToFileURL(join(EXAMPLES, 'never-opened.md')).href;
      assert.equal(await client.hover(missing, { line: 0, character: 0 }), null);
      assert.deepEqual(await client.documentSymbols(missing), []);
    });
  });
}

describe('briefmark-language-server command', () => {
  it('prints its version and usage', () => {
    assert.match(execFileSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' }), /briefmark-language-server \d+\.\d+\.\d+/);
    assert.throws(() => execFileSync(process.execPath, [SERVER], { stdio: 'pipe' }), /Usage: briefmark-language-server --stdio/);
  });
  it('is the package bin', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(pkg.bin['briefmark-language-server'], './dist/server.js');
  });
});
