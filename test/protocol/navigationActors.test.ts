import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { positionOf, TestClient } from './lspClient';

const FIXTURE = join(__dirname, '..', 'fixtures', 'workspace');

function rangeOf(text: string, needle: string, delta = 0, length = needle.length - delta): Range {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  const pos = (o: number): Position => {
    const lines = text.slice(0, o).split(/\r\n|\r|\n/);
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  return { start: pos(offset + delta), end: pos(offset + delta + length) };
}
const fmt = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function applyEdits(text: string, edits: TextEdit[]): string {
  const offsetOf = (p: Position) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  for (const e of sorted) text = text.slice(0, offsetOf(e.range.start)) + e.newText + text.slice(offsetOf(e.range.end));
  return text;
}

describe('actors over the protocol, with a shared .briefmark.yaml', () => {
  let dir: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
  const at = (rel: string, needle: string, delta = 1) => ({ textDocument: { uri: uri(rel) }, position: positionOf(read(rel), needle, delta) });
  const show = (locs: Location[]) => locs.map((l) => `${l.uri.slice(uri('').length + 1)} ${fmt(l.range)}`);
  const CEASEFIRE = 'briefs/ceasefire.md';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-actors-'));
    cpSync(FIXTURE, dir, { recursive: true });
    client = await TestClient.start({ transport: 'ipc', pull: true, rootUri: pathToFileURL(dir).href });
    await client.open(uri(CEASEFIRE), read(CEASEFIRE), 1);
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes actor ids with their names', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', at(CEASEFIRE, 'by=fr-president', 3));
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['fr-president', 'Emmanuel Macron'], ['eu', 'European Union']]);
    assert.deepEqual((items[0].textEdit as TextEdit).range, rangeOf(read(CEASEFIRE), 'fr-president'), 'the whole id under the cursor is replaced');
  });

  it('goes from a tag, a mention or an attribute to the actor’s conventions entry', async () => {
    for (const [needle, delta] of [[':actor[Macron]', 8], ['by=fr-president', 5], ['"eu fr-president"', 6]] as const) {
      const def = await client.request<Location[]>('textDocument/definition', at(CEASEFIRE, needle, delta));
      assert.equal(def.length, 1, needle);
      assert.equal(def[0].uri, uri('.briefmark.yaml'));
      assert.equal(def[0].range.start.line, 2, `${needle}: the entry of fr-president`);
    }
  });

  it('finds an actor’s tagged and untagged mentions across all briefs', async () => {
    const c = read(CEASEFIRE);
    const s = read('briefs/sanctions.md');
    const refs = await client.request<Location[]>('textDocument/references', { ...at(CEASEFIRE, ':actor[Macron]', 8), context: { includeDeclaration: false } });
    assert.deepEqual(show(refs), [
      `briefs/ceasefire.md ${fmt(rangeOf(c, 'Macron]'.slice(0, 6)))}`,
      `briefs/ceasefire.md ${fmt(rangeOf(c, 'by=fr-president', 3))}`,
      `briefs/ceasefire.md ${fmt(rangeOf(c, '"eu fr-president"', 4, 12))}`,
      `briefs/sanctions.md ${fmt(rangeOf(s, 'President Macron'))}`,
    ]);
  });

  it('lists actors as workspace symbols, at their conventions entry', async () => {
    const found = await client.request<Array<{ name: string; kind: number; containerName?: string; location: Location }>>('workspace/symbol', { query: 'europ' });
    const actors = found.filter((s) => s.kind === 5);
    assert.deepEqual(actors.map((s) => [s.name, s.containerName, s.location.uri.slice(uri('').length + 1), s.location.range.start.line]), [['European Union', 'eu', '.briefmark.yaml', 7]]);
  });

  it('refuses an actor rename onto an existing id', async () => {
    await assert.rejects(
      client.request('textDocument/rename', { ...at(CEASEFIRE, 'by=fr-president', 5), newName: 'eu' }),
      /Cannot rename `fr-president` to `eu`: the conventions already have an actor `eu` \(European Union\)/,
    );
  });

  it('renames an actor id in the conventions and every brief; applied, everything still resolves', async () => {
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', at(CEASEFIRE, ':actor[Macron]', 8));
    assert.equal(prepared.placeholder, 'fr-president');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(CEASEFIRE, ':actor[Macron]', 8), newName: 'macron' });
    assert.deepEqual(Object.keys(edit.changes ?? {}).map((u) => u.slice(uri('').length + 1)).sort(), ['.briefmark.yaml', 'briefs/ceasefire.md']);
    const events: Array<{ uri: string; type: number }> = [];
    for (const [u, edits] of Object.entries(edit.changes!)) {
      const rel = u.slice(uri('').length + 1);
      const next = applyEdits(read(rel), edits);
      assert.equal(next, read(rel).split('fr-president').join('macron'), `${rel}: exactly the id is renamed`);
      writeFileSync(join(dir, rel), next);
      events.push({ uri: u, type: 2 });
    }
    await client.change(uri(CEASEFIRE), 2, [{ text: read(CEASEFIRE) }]);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: events });
    const after = await client.request<Location[]>('textDocument/references', { ...at(CEASEFIRE, ':actor[Macron]', 8), context: { includeDeclaration: true } });
    assert.deepEqual(show(after).map((l) => l.split(' ')[0]), ['.briefmark.yaml', 'briefs/ceasefire.md', 'briefs/ceasefire.md', 'briefs/ceasefire.md', 'briefs/sanctions.md']);
    const diags = await client.pull(uri(CEASEFIRE));
    assert.deepEqual(diags.filter((d) => d.code === 'unknown-actor'), []);
  });
});
