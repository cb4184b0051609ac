import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, CompletionItem, FoldingRange, Location, Position, Range, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { positionOf, TestClient } from './lspClient';

const FIXTURE = join(__dirname, '..', 'fixtures', 'workspace');

/** The range of `needle` (its `nth` occurrence), from `delta` characters in, `length` long. */
function rangeOf(text: string, needle: string, delta = 0, length = needle.length - delta, nth = 0): Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  const pos = (o: number): Position => {
    const lines = text.slice(0, o).split(/\r\n|\r|\n/);
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  return { start: pos(offset + delta), end: pos(offset + delta + length) };
}

function offsetOf(text: string, p: Position): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
  return o + p.character;
}

/** Applies the edits of one document, last first. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetOf(text, e.range.start)) + e.newText + text.slice(offsetOf(text, e.range.end));
  return text;
}

const fmt = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('navigation over the protocol, in a workspace of several briefs', () => {
  let dir: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;
  const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
  const symbols = (query: string) => client.request<SymbolInformation[]>('workspace/symbol', { query });
  const at = (rel: string, needle: string, delta = 1) => ({ textDocument: { uri: uri(rel) }, position: positionOf(read(rel), needle, delta) });
  const show = (locs: Location[]) => locs.map((l) => `${l.uri.slice(uri('').length + 1)} ${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-nav-'));
    cpSync(FIXTURE, dir, { recursive: true });
    client = await TestClient.start({ transport: 'stdio', pull: true, rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes every brief at start, reporting work-done progress', async () => {
    await client.waitFor('the end of indexing', () => (client.progress.some((p) => p.value.kind === 'end') ? true : undefined));
    const kinds = client.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(client.progress[0].value.title, 'Indexing briefs');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.equal(client.progress.filter((p) => p.value.kind === 'report').pop()?.value.percentage, 100);
  });

  it('lists claims and recommendations of closed briefs as workspace symbols, with exact locations', async () => {
    const found = await symbols('');
    const brief = (s: SymbolInformation) => s.location.uri.slice(uri('').length + 1);
    assert.deepEqual(
      found.filter((s) => s.kind !== 5).map((s) => `${s.kind} ${s.name} | ${s.containerName} | ${brief(s)}`),
      [
        '24 Open a channel | Track 1: Diplomatic Pathway · ceasefire.md | briefs/ceasefire.md',
        '24 Targeted Sanctions | Track 2: Economic Leverage · ceasefire.md | briefs/ceasefire.md',
        '15 Aid deliveries fell by 40% | ceasefire.md | briefs/ceasefire.md',
        '15 Talks stalled twice | ceasefire.md | briefs/ceasefire.md',
        '24 Coordinate listings | sanctions.md | briefs/sanctions.md',
        '15 Support reached 100 billion | sanctions.md | briefs/sanctions.md',
        '15 Gas imports halved | energy.brief.md | energy.brief.md',
      ],
    );
    const talks = await symbols('talks stalled');
    assert.deepEqual(talks.map((s) => s.location), [{ uri: uri('briefs/ceasefire.md'), range: rangeOf(read('briefs/ceasefire.md'), 'Talks stalled twice') }]);
  });

  it('completes tag names and footnote ids over the protocol, with UTF-16 ranges', async () => {
    const u = uri('briefs/draft.md');
    const text = '---\nbrief: true\n---\nÉté 🌍 :cl\n\nSee[^\n\n[^ocha]: A note.\n';
    await client.open(u, text, 1);
    const tags = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: positionOf(text, ':cl', 3) });
    assert.deepEqual(tags.map((t) => t.label), ['claim', 'actor', 'rec']);
    assert.deepEqual(tags[0].textEdit, { range: rangeOf(text, 'cl'), newText: 'claim[$1]{src=$2}$0' });
    assert.equal(tags[0].insertTextFormat, 2);
    const notes = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: positionOf(text, 'See[^', 5) });
    assert.deepEqual(notes.map((n) => [n.label, n.documentation]), [['ocha', { kind: 'markdown', value: 'A note.' }]]);
    await client.close(u);
  });

  it('goes from a footnote reference to its definition and from track= to its heading', async () => {
    const rel = 'briefs/ceasefire.md';
    const text = read(rel);
    await client.open(uri(rel), text, 1);
    const fn = await client.request<Location[]>('textDocument/definition', at(rel, '.[^ocha]', 4));
    assert.deepEqual(fn, [{ uri: uri(rel), range: rangeOf(text, '[^ocha]: ', 2, 4, 0) }]);
    const none = await client.request<Location[]>('textDocument/definition', at(rel, '# Ceasefire', 3));
    assert.deepEqual(none, []);
  });

  it('puts a code lens on each track heading and folds container directives', async () => {
    const rel = 'briefs/ceasefire.md';
    const text = read(rel);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri(rel) } });
    assert.deepEqual(
      lenses.map((l) => [l.range, l.command?.title]),
      [
        [rangeOf(text, '### Track 1: Diplomatic Pathway'), '1 recommendation (1 high priority) · by European Union, Emmanuel Macron · 1 claim, 1 unsourced'],
        [rangeOf(text, '### Track 2: Economic Leverage'), '1 recommendation'],
      ],
    );
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uri(rel) } });
    assert.deepEqual(folds, [{ startLine: rangeOf(text, ':::rec').start.line, endLine: rangeOf(text, ':::rec').start.line + 2 }]);
  });

  it('refuses to rename what is not an actor, a citation key or a footnote id', async () => {
    const rel = 'briefs/ceasefire.md';
    await assert.rejects(client.request('textDocument/prepareRename', at(rel, '# Ceasefire', 3)), /renames actor ids, citation keys and footnote ids/);
    const prepared = await client.request('textDocument/prepareRename', at(rel, '.[^ocha]', 4));
    assert.deepEqual(prepared, { range: rangeOf(read(rel), '.[^ocha]', 3, 4), placeholder: 'ocha' });
  });

  it('renames a footnote id in its definition and every reference', async () => {
    const rel = 'briefs/ceasefire.md';
    const text = read(rel);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(rel, '.[^ocha]', 4), newName: 'ocha-may' });
    assert.deepEqual(Object.keys(edit.changes ?? {}), [uri(rel)]);
    assert.equal(applyEdits(text, edit.changes![uri(rel)]), text.split('[^ocha]').join('[^ocha-may]'));
  });

  it('goes from a citation key to its entry in the shared bibliography file', async () => {
    const rel = 'briefs/ceasefire.md';
    const bib = read('sources/references.bib');
    const def = await client.request<Location[]>('textDocument/definition', at(rel, '@lci2025', 2));
    assert.deepEqual(def, [{ uri: uri('sources/references.bib'), range: rangeOf(bib, 'lci2025') }]);
    const fromSrc = await client.request<Location[]>('textDocument/definition', at(rel, 'src=unocha2024', 5));
    assert.deepEqual(fromSrc, [{ uri: uri('sources/references.bib'), range: rangeOf(bib, 'unocha2024') }]);
  });

  it('completes citation keys with author and year from the bibliography', async () => {
    const u = uri('briefs/draft2.md');
    const text = '---\nbibliography: ../sources/references.bib\n---\n# D\n\n:claim[x] [@\n';
    await client.open(u, text, 1);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: positionOf(text, '[@', 2) });
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.documentation]), [
      ['lci2025', 'Anne Dupont 2025', { kind: 'markdown', value: '*Interview on LCI*' }],
      ['unocha2024', 'UN OCHA 2024', { kind: 'markdown', value: '*Humanitarian Overview*' }],
    ]);
    await client.close(u);
  });

  it('finds every citation of a key across the workspace, closed briefs included', async () => {
    const refs = await client.request<Location[]>('textDocument/references', { ...at('briefs/ceasefire.md', '@lci2025', 2), context: { includeDeclaration: true } });
    const c = read('briefs/ceasefire.md');
    const s = read('briefs/sanctions.md');
    assert.deepEqual(show(refs), [
      `sources/references.bib 0:9-0:16`,
      `briefs/ceasefire.md ${fmt(rangeOf(c, '@lci2025', 1))}`,
      `briefs/sanctions.md ${fmt(rangeOf(s, '@lci2025', 1))}`,
    ]);
    const unocha = await client.request<Location[]>('textDocument/references', { ...at('briefs/ceasefire.md', 'src=unocha2024', 5), context: { includeDeclaration: false } });
    assert.deepEqual(show(unocha).map((l) => l.split(' ')[0]), ['briefs/ceasefire.md', 'briefs/ceasefire.md', 'energy.brief.md']);
  });

  it('refuses a citation-key rename onto an existing key', async () => {
    await assert.rejects(
      client.request('textDocument/rename', { ...at('briefs/ceasefire.md', '@lci2025', 2), newName: 'unocha2024' }),
      /Cannot rename `@lci2025` to `@unocha2024`: the bibliography already has an entry `unocha2024`/,
    );
    await assert.rejects(client.request('textDocument/rename', { ...at('briefs/ceasefire.md', '@lci2025', 2), newName: 'two words' }), /not a valid citation key/);
  });

  it('renames a citation key in the bibliography file and every brief; applied, everything still resolves', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at('briefs/ceasefire.md', '@lci2025', 2), newName: 'dupont2025' });
    const changed = Object.keys(edit.changes ?? {}).map((u) => u.slice(uri('').length + 1)).sort();
    assert.deepEqual(changed, ['briefs/ceasefire.md', 'briefs/sanctions.md', 'sources/references.bib']);
    const events: Array<{ uri: string; type: number }> = [];
    for (const [u, edits] of Object.entries(edit.changes!)) {
      const rel = u.slice(uri('').length + 1);
      const next = applyEdits(read(rel), edits);
      assert.equal(next, read(rel).split('lci2025').join('dupont2025'), `${rel}: exactly the key is renamed`);
      writeFileSync(join(dir, rel), next);
      events.push({ uri: u, type: 2 });
    }
    // The open brief gets the edit as a change of its buffer, as an editor applies it.
    await client.change(uri('briefs/ceasefire.md'), 2, [{ text: read('briefs/ceasefire.md') }]);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: events });
    const diags = await client.pull(uri('briefs/ceasefire.md'));
    assert.deepEqual(diags.filter((d) => d.code === 'unknown-source'), []);
    const refs = await client.request<Location[]>('textDocument/references', { ...at('briefs/ceasefire.md', '@dupont2025', 2), context: { includeDeclaration: true } });
    assert.deepEqual(show(refs).map((l) => l.split(' ')[0]), ['sources/references.bib', 'briefs/ceasefire.md', 'briefs/sanctions.md']);
    await client.open(uri('briefs/sanctions.md'), read('briefs/sanctions.md'), 1);
    assert.deepEqual((await client.pull(uri('briefs/sanctions.md'))).filter((d) => d.code === 'unknown-source'), []);
    await client.close(uri('briefs/sanctions.md'));
  });

  it('keeps the index current through file events: create, change, delete', async () => {
    const rel = 'briefs/new.md';
    writeFileSync(join(dir, rel), '# New\n\n:claim[Brand new claim]{src=lci2025}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 1 }] });
    assert.deepEqual((await symbols('brand new')).map((s) => s.name), ['Brand new claim']);
    writeFileSync(join(dir, rel), '# New\n\n:claim[Changed claim]{src=lci2025}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 2 }] });
    assert.deepEqual((await symbols('brand new')).map((s) => s.name), []);
    assert.deepEqual((await symbols('changed claim')).map((s) => s.location), [{ uri: uri(rel), range: rangeOf(read(rel), 'Changed claim') }]);
    unlinkSync(join(dir, rel));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 3 }] });
    assert.deepEqual((await symbols('changed claim')).map((s) => s.name), []);
  });

  it('follows a renamed file (a delete and a create)', async () => {
    const from = 'energy.brief.md';
    const to = 'briefs/energy.md';
    const text = read(from).replace('bibliography: sources/', 'bibliography: ../sources/');
    writeFileSync(join(dir, to), text);
    unlinkSync(join(dir, from));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(from), type: 3 }, { uri: uri(to), type: 1 }] });
    assert.deepEqual((await symbols('gas imports')).map((s) => s.location), [{ uri: uri(to), range: rangeOf(text, 'Gas imports halved') }]);
    writeFileSync(join(dir, from), read(to).replace('bibliography: ../sources/', 'bibliography: sources/'));
    unlinkSync(join(dir, to));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(to), type: 3 }, { uri: uri(from), type: 1 }] });
    assert.deepEqual((await symbols('gas imports')).map((s) => s.location.uri), [uri(from)]);
  });

  it('lets an open document win over its file on disk, until it is closed', async () => {
    const rel = 'energy.brief.md';
    await client.open(uri(rel), '# Energy\n\n:claim[Gas imports rose]{src=unocha2024}\n', 1);
    assert.deepEqual((await symbols('gas imports')).map((s) => s.name), ['Gas imports rose']);
    await client.close(uri(rel));
    assert.deepEqual((await symbols('gas imports')).map((s) => s.name), ['Gas imports halved']);
  });
});
