import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { WorkspaceDiagnosticRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

interface Report {
  kind: 'full' | 'unchanged';
  uri: string;
  resultId?: string;
  items?: Diagnostic[];
}

const brief = (i: number) => `---\nbrief: true\n---\n# Brief ${i}\n\n:claim[Exports fell by ${i}%] in the spring.\n`;

describe('workspace diagnostics: every brief in Problems (workspace/diagnostic)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  const N = 60;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  let page = 0;

  /** A workspace/diagnostic request with a partial-result token; its pages and its response. */
  async function pull(previous: Array<{ uri: string; value: string }>, token?: CancellationTokenSource): Promise<{ pages: Report[][]; response: Report[] }> {
    const partialResultToken = `ws-${page++}`;
    const from = client.progress.length;
    const result = (await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { identifier: 'briefmark', previousResultIds: previous, partialResultToken }, token?.token)) as unknown as { items: Report[] };
    const pages = client.progress.slice(from).filter((p) => p.token === partialResultToken).map((p) => (p.value as unknown as { items: Report[] }).items);
    return { pages, response: result.items };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-wsdiag-'));
    mkdirSync(join(dir, 'briefs'));
    for (let i = 0; i < N; i++) writeFileSync(join(dir, 'briefs', `b${i}.md`), brief(i));
    writeFileSync(join(dir, 'README.md'), '# Not a brief\n\nPrices doubled in 2022, the report says.\n');
    client = await TestClient.start({ transport: 'stdio', pull: true, rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  let ids: Array<{ uri: string; value: string }> = [];

  it('announces workspace diagnostics and reports every closed brief, in pages, with result ids', async () => {
    assert.equal((client.initializeResult.capabilities.diagnosticProvider as { workspaceDiagnostics?: boolean }).workspaceDiagnostics, true);
    await client.open(uri('briefs/b0.md'), brief(0));
    const { pages, response } = await pull([]);
    assert.deepEqual(response, [], 'with partial results, the final response is empty');
    assert.ok(pages.length >= 2, `several pages (${pages.length})`);
    const reports = pages.flat();
    // The open brief is the document pull's; the README is no brief.
    assert.deepEqual(reports.map((r) => r.uri).sort(), Array.from({ length: N - 1 }, (_, i) => uri(`briefs/b${i + 1}.md`)).sort());
    for (const r of reports) {
      assert.equal(r.kind, 'full');
      assert.ok(r.resultId);
      assert.deepEqual(r.items!.map((d) => d.code), ['unsourced-claim']);
    }
    ids = reports.map((r) => ({ uri: r.uri, value: r.resultId! }));
  });

  it('holds the request while nothing changes, then reports only the brief that changed on disk', async () => {
    const pending = pull(ids);
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(settled, false, 'nothing changed: the request waits');
    writeFileSync(join(dir, 'briefs', 'b7.md'), brief(7).replace(' in the spring', ' [@nowhere] in the spring'));
    await client.filesChanged([{ uri: uri('briefs/b7.md'), type: 2 }]);
    const { pages, response } = await pending;
    const reports = [...pages.flat(), ...response];
    assert.deepEqual(reports.map((r) => r.uri), [uri('briefs/b7.md')]);
    assert.deepEqual(reports[0].items!.map((d) => d.code), ['unknown-source']);
    ids = ids.map((i) => (i.uri === reports[0].uri ? { uri: i.uri, value: reports[0].resultId! } : i));
  });

  it('answers a hover on an open brief while it works through the workspace', async () => {
    const many = 150;
    for (let i = N; i < N + many; i++) writeFileSync(join(dir, 'briefs', `b${i}.md`), brief(i));
    await client.filesChanged(Array.from({ length: many }, (_, k) => ({ uri: uri(`briefs/b${N + k}.md`), type: 1 as const })));
    // A request without previous ids: everything again.
    let done = false;
    const all = pull([]).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 30));
    const hover = await client.hover(uri('briefs/b0.md'), { line: 5, character: 3 });
    assert.ok(hover, 'a hover');
    const hoveredWhileBusy = !done;
    const { pages } = await all;
    assert.ok(pages.flat().length >= N - 1);
    ids = pages.flat().map((r) => ({ uri: r.uri, value: r.resultId! }));
    assert.ok(hoveredWhileBusy, 'the hover was answered before the workspace pass ended');
  });

  it('a cancelled request is answered as cancelled, and the server goes on', async () => {
    const source = new CancellationTokenSource();
    // Nothing changed since: the request is held until the client gives up.
    const everything = pull(ids, source);
    setTimeout(() => source.cancel(), 200);
    await assert.rejects(everything, (e: { code?: number }) => e.code === -32802 || e.code === -32800);
    assert.ok(await client.hover(uri('briefs/b0.md'), { line: 5, character: 3 }));
  });

  it('with briefmark.diagnostics.scope: openFiles, empties what it reported and reports no closed brief', async () => {
    const first = await pull([]);
    const reported = first.pages.flat().filter((r) => r.items!.length > 0).map((r) => r.uri);
    assert.ok(reported.length > N, `${reported.length} reported`);
    client.settings = { diagnostics: { scope: 'openFiles' } };
    const refreshes = client.refreshes;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // The server reads the settings, then asks the client to pull again.
    await client.waitFor('a diagnostics refresh', () => (client.refreshes > refreshes ? true : undefined));
    const after = await pull(first.pages.flat().map((r) => ({ uri: r.uri, value: r.resultId! })));
    const reports = [...after.pages.flat(), ...after.response];
    assert.deepEqual(reports.map((r) => r.uri).sort(), [...reported].sort());
    assert.ok(reports.every((r) => r.kind === 'full' && r.items!.length === 0));
  });
});

describe('the output channel: what the server logs', function () {
  this.timeout(30_000);
  it('logs start-up, the settings in force, indexing and reloads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefmark-log-'));
    writeFileSync(join(dir, 'a.brief.md'), brief(1));
    const client = await TestClient.start({ transport: 'stdio', pull: true, rootUri: pathToFileURL(dir).href, settings: { diagnostics: { scope: 'workspace' }, maxDocumentSize: 500000 } });
    try {
      await client.waitFor('indexing logged', () => (client.logs.some((l) => /^indexed 1 brief in \d+ ms$/.test(l)) ? true : undefined));
      assert.ok(client.logs.some((l) => /^Briefmark language server [\d.]+ \(Node v\d+/.test(l) && /diagnostics pulled/.test(l)), client.logs.join('\n'));
      assert.ok(client.logs.some((l) => /^settings in force: .*"maxDocumentSize":500000/.test(l)), client.logs.join('\n'));
      assert.ok(client.logs.some((l) => /^indexing 1 workspace folder: file:/.test(l)));
      writeFileSync(join(dir, '.briefmark.yaml'), 'rules:\n  unsourced-claim: error\n');
      await client.filesChanged([{ uri: pathToFileURL(join(dir, '.briefmark.yaml')).href, type: 1 }]);
      await client.waitFor('a reload logged', () => (client.logs.some((l) => /^the conventions changed: checking the briefs again$/.test(l)) ? true : undefined));
    } finally {
      assert.equal(await client.stop(), 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a bare client (no workspace capabilities)', function () {
  this.timeout(30_000);
  it('still gets the workspace indexed and every brief reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefmark-bare-'));
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `b${i}.brief.md`), brief(i));
    const client = await TestClient.start({ transport: 'stdio', pull: true, rootUri: pathToFileURL(dir).href, bare: true });
    try {
      const result = (await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { identifier: 'briefmark', previousResultIds: [] })) as unknown as { items: Report[] };
      assert.equal(result.items.length, 3);
      const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'Exports' })) as unknown[];
      assert.equal(symbols.length, 3, 'the workspace was indexed');
    } finally {
      assert.equal(await client.stop(), 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
