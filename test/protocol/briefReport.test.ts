import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BRIEF_REPORT_METHOD, type WireBriefReport } from '../../server/src/protocol/briefReport';
import { TestClient } from './lspClient';
import { RENDERED_CITATIONS_METHOD, type WireRenderedCitations } from '../../server/src/protocol/renderedCitations';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const BRIEF = join(EXAMPLES, 'ceasefire-impasse.brief.md');

describe('custom request briefmark/briefReport', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ transport: 'stdio', pull: true, rootUri: pathToFileURL(EXAMPLES).href });
  });
  after(async () => {
    if (client) await client.stop();
  });

  it('answers with the sourcing report of an open brief, with LSP ranges', async () => {
    const uri = pathToFileURL(BRIEF).href;
    const text = readFileSync(BRIEF, 'utf8');
    await client.open(uri, text, 3);
    const r = await client.connection.sendRequest<WireBriefReport | null>(BRIEF_REPORT_METHOD, { textDocument: { uri } });
    assert.ok(r && r.isBrief);
    assert.equal(r.uri, uri);
    assert.equal(r.version, 3);
    assert.equal(r.claims.sourced, r.claims.total - 1, 'one unsourced claim in the example');
    const unsourced = r.sections.flatMap((s) => s.claims).filter((c) => c.status !== 'sourced');
    assert.equal(unsourced.length, 1);
    const { start, end } = unsourced[0].range;
    const line = text.split('\n')[start.line];
    assert.equal(line.slice(start.character, end.character), ':claim[$400 billion]');
    assert.ok(r.tracks.length >= 2 && r.tracks[0].title.startsWith('Track 1'));
    assert.ok(r.actors.length > 0 && Array.isArray(r.actors[0].ranges));
  });

  it('answers null for a document it does not have', async () => {
    assert.equal(await client.connection.sendRequest(BRIEF_REPORT_METHOD, { textDocument: { uri: 'file:///nowhere.md' } }), null);
    assert.equal(await client.connection.sendRequest(RENDERED_CITATIONS_METHOD, { textDocument: { uri: 'file:///nowhere.md' } }), null);
  });

  it('briefmark/renderedCitations: the citations in Chicago author-date (citeproc-js, loaded on demand) with LSP ranges, and the references', async () => {
    const uri = pathToFileURL(BRIEF).href;
    const text = readFileSync(BRIEF, 'utf8');
    await client.open(uri, text, 4);
    const r = await client.connection.sendRequest<WireRenderedCitations | null>(RENDERED_CITATIONS_METHOD, { textDocument: { uri } });
    assert.ok(r);
    assert.equal(r.style.name, 'chicago-author-date');
    assert.equal(r.warning, undefined);
    const geneva = r.citations.find((c) => c.text === '[@geneva-talks, p. 2]');
    assert.ok(geneva, JSON.stringify(r.citations.map((c) => c.text)));
    assert.equal(geneva.status, 'rendered');
    const line = text.split('\n')[geneva.range.start.line];
    assert.equal(line.slice(geneva.range.start.character, geneva.range.end.character), '[@geneva-talks, p. 2]');
    assert.match(geneva.html, /^\(.+ 2025, 2\)$/);
    assert.deepEqual(r.bibliography.map((e) => e.id).sort(), ['coalition-call', 'geneva-talks']);
    // The citation hover shows the reference as the style formats it.
    const hover = await client.hover(uri, { line: geneva.range.start.line, character: geneva.range.start.character + 3 });
    assert.match(JSON.stringify(hover?.contents), /Notes on the Geneva talks|Geneva/);
  });
});
