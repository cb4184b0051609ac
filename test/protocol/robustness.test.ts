import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { SERVER, TestClient, type StartOptions } from './lspClient';

const DIR = join(__dirname, '..', '..', 'examples');
const uri = (name: string) => pathToFileURL(join(DIR, 'robustness', name)).href;

interface Stats {
  memory: NodeJS.MemoryUsage;
  documents: number;
  trusted: boolean;
  parseThread: { jobs: number; stopped: number; failed: number; parsing?: string };
}
const stats = (c: TestClient) => c.connection.sendRequest<Stats>('briefmark/stats');

/** Exits of a child process, or 'timeout'. Waits for an event, never a fixed sleep. */
function exitOf(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<number | null | 'timeout'> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const t = setTimeout(() => resolve('timeout'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

const BRIEF = '# Brief\n\n:claim[Unsourced figure of 40%] was said.\n\n:claim[Cited]{src=nowhere}\n\nEmoji 😀 then :claim[after the emoji].\n';
const key = (d: Diagnostic) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`;

for (const options of [
  { transport: 'stdio', pull: false },
  { transport: 'stdio', pull: true },
] as StartOptions[]) {
  describe(`protocol robustness (${options.pull ? 'pull' : 'push'} diagnostics)`, () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ ...options, initializationOptions: { debounceMs: 5 } });
    });
    after(async () => {
      if (client) assert.equal(await client.stop(), 0);
      assert.doesNotMatch(client.stderr.join(''), /uncaught exception/);
    });
    const diagnostics = (u: string, version: number) => (options.pull ? client.pull(u) : client.pushed(u, version));

    it('answers a hover on another brief while a hostile brief is parsed (on the parse thread)', async function () {
      this.timeout(60_000);
      const other = uri('responsive-other.brief.md');
      const hostile = uri('responsive-hostile.brief.md');
      await client.open(other, BRIEF, 1);
      await diagnostics(other, 1);
      // 270 KB of unclosed directive labels on one line: seconds of parsing for micromark.
      await client.open(hostile, ':claim[x]\n\n' + ':claim[a '.repeat(30_000), 1);
      const order: string[] = [];
      const hostileDiagnostics = diagnostics(hostile, 1).then((d) => (order.push('hostile diagnostics'), d));
      while ((await stats(client)).parseThread.parsing !== hostile) await new Promise((r) => setImmediate(r));
      const hover = await client.hover(other, { line: 2, character: 3 });
      order.push('hover');
      const found = await hostileDiagnostics;
      assert.ok(hover, 'the hover on the other brief was answered');
      assert.deepEqual(order, ['hover', 'hostile diagnostics']);
      assert.ok(found.length > 0, 'the hostile brief was analysed too');
      await client.close(hostile);
      await client.close(other);
    });

    it('answers requests for unknown and closed documents with empty results', async () => {
      const u = uri('closed.brief.md');
      await client.open(u, BRIEF, 1);
      await diagnostics(u, 1);
      await client.close(u);
      assert.equal(await client.hover(u, { line: 2, character: 3 }), null);
      assert.deepEqual(await client.documentSymbols(u), []);
      if (options.pull) assert.deepEqual(await client.pull(u), []);
      // Notifications for a document the server never saw: ignored, not fatal.
      await client.change(uri('never.md'), 2, [{ text: 'x' }]);
      await client.close(uri('never.md'));
      assert.equal((await stats(client)).documents, 0);
    });

    it('answers positions out of range and inside a surrogate pair', async () => {
      const u = uri('positions.brief.md');
      await client.open(u, BRIEF, 1);
      const emoji = BRIEF.split('\n')[6].indexOf('😀');
      for (const position of [
        { line: 6, character: emoji + 1 }, // between the two halves of 😀
        { line: 6, character: 10_000 },
        { line: 10_000, character: 0 },
        { line: 2, character: 2 ** 31 - 1 },
      ])
        await client.hover(u, position); // any answer, as long as it answers
      const h = await client.hover(u, { line: 6, character: emoji + 10 });
      assert.match(JSON.stringify(h?.contents), /Claim/, 'a real hover after the emoji still lands on the claim');
      const r = h!.range as Range;
      assert.equal(BRIEF.split('\n')[6].slice(r.start.character, r.end.character), ':claim[after the emoji]', 'UTF-16 columns');
      await client.close(u);
    });

    it('survives cancelled requests and keeps answering', async () => {
      const u = uri('cancel.brief.md');
      await client.open(u, BRIEF.repeat(50), 1);
      const settled: Array<Promise<unknown>> = [];
      for (let i = 0; i < 20; i++) {
        const source = new CancellationTokenSource();
        const p = client.connection.sendRequest(i % 2 ? 'textDocument/documentSymbol' : 'textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: 3 } }, source.token);
        source.cancel();
        settled.push(p.then(() => 'answered', (e: { code?: number }) => e.code));
      }
      if (options.pull) {
        const source = new CancellationTokenSource();
        const p = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } }, source.token);
        source.cancel();
        settled.push(p.then(() => 'answered', (e: { code?: number }) => e.code));
      }
      for (const outcome of await Promise.all(settled)) assert.ok(outcome === 'answered' || outcome === -32800 || outcome === -32802, `unexpected outcome ${outcome}`);
      assert.ok((await client.documentSymbols(u)) !== undefined);
      assert.match(JSON.stringify(await client.hover(u, { line: 2, character: 3 })), /Claim/);
      await client.close(u);
    });

    it('after a storm of hundreds of edits, reports exactly what a fresh analysis of the final text reports', async () => {
      const u = uri('storm.brief.md');
      let text = BRIEF;
      await client.open(u, text, 1);
      let version = 1;
      const sends: Array<Promise<void>> = [];
      for (let i = 0; i < 600; i++) {
        version++;
        // Insert at a moving place, sometimes delete, sometimes replace everything.
        const lines = text.split('\n');
        const line = i % lines.length;
        const character = Math.min(lines[line].length, (i * 7) % 13);
        const insert = i % 3 === 0 ? ` :claim[n${i}]` : i % 3 === 1 ? ` [@k${i}]` : '\n';
        if (i % 97 === 0 && i < 400) {
          text = `${BRIEF}\n${i}\n`;
          sends.push(client.change(u, version, [{ text }]));
          continue;
        }
        const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
        text = text.slice(0, offset) + insert + text.slice(offset);
        sends.push(client.change(u, version, [{ range: { start: { line, character }, end: { line, character } }, text: insert }]));
      }
      await Promise.all(sends);
      const final = (await diagnostics(u, version)).map(key).sort();
      const fresh = uri('fresh.brief.md');
      await client.open(fresh, text, 1);
      const expected = (await diagnostics(fresh, 1)).map(key).sort();
      assert.ok(expected.length > 50, `the final text has many findings (${expected.length})`);
      assert.deepEqual(final, expected);
      await client.close(u);
      await client.close(fresh);
    });

    it('takes every setting from a pushed section too (one settings reader): hover off, then on again', async () => {
      const u = uri('pushed.brief.md');
      await client.open(u, '# Pushed\n\n:claim[x] [@nowhere].\n', 1);
      await diagnostics(u, 1);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { briefmark: { hover: { enabled: false } } } });
      await waitUntil(async () => (await client.hover(u, { line: 2, character: 2 })) === null);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { briefmark: { hover: { enabled: true } } } });
      await waitUntil(async () => (await client.hover(u, { line: 2, character: 2 })) !== null);
      await client.close(u);
    });

    it('gives a document above the size limit one diagnostic, then analyses it once the limit is raised', async () => {
      const u = uri('big.brief.md');
      const big = '# Big\n\n:claim[x]\n\n' + 'Filler text.\n\n'.repeat(200);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { briefmark: { maxDocumentSize: 1000 } } });
      await client.open(u, big, 1);
      const first = await diagnostics(u, 1);
      assert.deepEqual(first.map((d) => d.code), ['invalid-conventions']);
      assert.match(String(String(first[0].message)), /not analysed/);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { briefmark: { maxDocumentSize: 2_000_000 } } });
      await client.change(u, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      assert.deepEqual((await diagnostics(u, 2)).map((d) => d.code), ['unsourced-claim']);
      await client.close(u);
    });
  });
}

describe('protocol robustness: settings and trust from the client', () => {
  it('takes the size limit and Workspace Trust from initializationOptions, and trust changes from a notification', async () => {
    const client = await TestClient.start({ transport: 'ipc', pull: false, initializationOptions: { maxDocumentSize: 500, trusted: false } });
    try {
      assert.equal((await stats(client)).trusted, false);
      const u = uri('init-limit.brief.md');
      await client.open(u, ':claim[x]\n' + 'y'.repeat(600), 1);
      assert.deepEqual((await client.pushed(u, 1)).map((d) => d.code), ['invalid-conventions']);
      await client.connection.sendNotification('briefmark/didChangeTrust', { trusted: true });
      assert.equal((await stats(client)).trusted, true);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('protocol robustness: a long session', () => {
  it('does not grow its heap over 10,000 edits', async function () {
    this.timeout(180_000);
    const client = await TestClient.start({ transport: 'stdio', pull: false, execArgv: ['--expose-gc'], initializationOptions: { debounceMs: 0 } });
    try {
      const u = uri('long-session.brief.md');
      const base = BRIEF.repeat(20);
      await client.open(u, base, 1);
      const edit = async (from: number, to: number) => {
        const sends: Array<Promise<void>> = [];
        for (let v = from; v < to; v++) {
          // Type a character, then delete it, on alternating versions: the text cycles.
          const at = { line: 2, character: 8 };
          const change = v % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: 2, character: 9 } }, text: '' };
          sends.push(client.change(u, v, [change]));
          if (v % 200 === 0) await Promise.all(sends.splice(0)); // let the server breathe: analyses run between batches
        }
        await Promise.all(sends);
        await client.pushed(u, to - 1);
      };
      await edit(2, 1002); // warm-up: caches, JIT
      const before = (await stats(client)).memory.heapUsed;
      await edit(1002, 11002);
      const after = (await stats(client)).memory.heapUsed;
      const growth = after - before;
      process.stdout.write(`      heap: ${(before / 1e6).toFixed(1)} MB after 1,000 edits, ${(after / 1e6).toFixed(1)} MB after 11,000 (growth ${(growth / 1e6).toFixed(2)} MB)\n`);
      assert.ok(growth < 10e6, `heap grew by ${(growth / 1e6).toFixed(1)} MB over 10,000 edits`);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('protocol robustness: a client that disappears', () => {
  it('exits when its stdin closes', async () => {
    const client = await TestClient.start({ transport: 'stdio', pull: false });
    const exited = exitOf(client.process as ReturnType<typeof spawn>, 10_000);
    client.process.stdin!.end();
    assert.notEqual(await exited, 'timeout');
    client.connection.dispose();
  });

  it('exits when the IPC channel to its parent closes', async () => {
    const client = await TestClient.start({ transport: 'ipc', pull: false });
    const exited = exitOf(client.process as ReturnType<typeof spawn>, 10_000);
    client.process.disconnect();
    assert.notEqual(await exited, 'timeout');
    client.connection.dispose();
  });

  for (const how of ['--clientProcessId', 'initialize processId'] as const) {
    it(`exits when the client process dies (${how})`, async () => {
      // A stand-in for the editor: a process that we kill while the server still has open pipes.
      const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      const pid = editor.pid!;
      const client = await TestClient.start({
        transport: 'stdio',
        pull: false,
        ...(how === '--clientProcessId' ? { args: [`--clientProcessId=${pid}`] } : { processId: pid }),
      });
      const exited = exitOf(client.process as ReturnType<typeof spawn>, 15_000);
      editor.kill('SIGKILL');
      const code = await exited;
      if (code === 'timeout') client.process.kill('SIGKILL');
      client.connection.dispose();
      assert.notEqual(code, 'timeout', 'the server noticed its client died (it checks every 3 s)');
    });
  }
});

void SERVER;

async function waitUntil(test: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out waiting for the settings to apply');
    await new Promise((r) => setTimeout(r, 25));
  }
}
