import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHtml, makePdf } from '../unit/helpers/sourceFixtures';
import { cleanTemps, runCli, tempDir } from './helpers';

/**
 * `briefmark sources` and `briefmark check` with source documents in PDF and HTML, run as
 * shipped (dist/cli.js, with dist/sourceExtractor.js beside it).
 */
describe('briefmark sources, and check against PDF and HTML source documents (the built CLI)', function () {
  this.timeout(120_000);
  let ws: string;
  before(async () => {
    ws = tempDir();
    mkdirSync(join(ws, 'sources'));
    mkdirSync(join(ws, 'papers'));
    writeFileSync(join(ws, 'sources', 'imf.pdf'), await makePdf([{ lines: ['Outlook.'] }, { lines: ['Growth will slow to 2.1% next year, the Fund said.'] }]));
    writeFileSync(join(ws, 'sources', 'wire.html'), makeHtml('Wire', ['Ministers said "the talks will resume in January" after the meeting.']));
    writeFileSync(join(ws, 'papers', 'broken.pdf'), '<!DOCTYPE html><html><body>a login page</body></html>');
    writeFileSync(join(ws, 'refs.bib'), '@report{att, title = {Attached}, file = {papers/broken.pdf}}\n@report{nofile, title = {No file}}\n');
    writeFileSync(
      join(ws, 'a.brief.md'),
      [
        '---',
        'brief: true',
        'bibliography: refs.bib',
        'references:',
        '  - { id: imf, title: Outlook }',
        '  - { id: wire, title: Wire }',
        '---',
        '# Evidence',
        '',
        ':claim[Growth will slow to 2.1%][@imf, p. 2].',
        ':claim[Growth will slow to 2.5%][@imf].',
        ':claim[Ministers said "the talks will resume in February"][@wire].',
        ':claim[It said "anything at all here"][@att].',
        ':claim[A claim citing an entry with no file][@nofile].',
        ':claim[Growth will slow to nearly 2.2%][@imf, p. 2].',
        '',
      ].join('\n'),
    );
  });
  after(cleanTemps);

  it('lists every cited key, its document and what each quotation and figure came to', () => {
    const r = runCli(['sources'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '@att: PDF, papers/broken.pdf (attachment) — cannot be read: it is not a PDF: it looks like a web page; 1 claim',
        '  a.brief.md:13:17 quotation "anything at all here": unchecked (@att: it is not a PDF: it looks like a web page)',
        '@imf: PDF, 2 pages, sources/imf.pdf; 3 claims',
        '  a.brief.md:10:28 figure "2.1%": found on p. 2',
        '  a.brief.md:11:28 figure "2.5%": not found',
        '  a.brief.md:15:35 figure "nearly 2.2%": found on p. 2 (as 2.1%)',
        '@nofile: no source document',
        '@wire: HTML, sources/wire.html; 1 claim',
        '  a.brief.md:12:24 quotation "the talks will resume in February": not found (a name differs)',
        '',
        '4 keys cited, 3 with a source document (1 unreadable); quotations and figures: 2 found, 0 with differences, 2 not found, 1 unchecked',
        '',
      ].join('\n'),
    );
  });

  it('--format json, and --strict fails when a cited document cannot be read', () => {
    const r = runCli(['sources', '--format', 'json', '--strict'], ws);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /1 cited source document could not be read/);
    const keys = JSON.parse(r.stdout).keys;
    assert.deepEqual(
      keys.map((k: { key: string; document?: { status: string } }) => [k.key, k.document?.status]),
      [
        ['att', 'unreadable'],
        ['imf', 'read'],
        ['nofile', undefined],
        ['wire', 'read'],
      ],
    );
    assert.equal(runCli(['sources', '--format', 'xml'], ws).status, 2);
  });

  it('check reports against PDF and HTML sources as against text, and --cache keeps extracted texts by content', () => {
    const r = runCli(['check', '--cache'], ws);
    const lines = r.stdout.split('\n').filter((l) => /-in-source|page-mismatch/.test(l));
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['a.brief.md:11:28 warning figure-not-in-source', 'a.brief.md:12:24 warning quote-not-in-source'],
    );
    const cached = readdirSync(ws).find((n) => n.endsWith('.sources'));
    assert.ok(cached, 'a folder of extracted texts beside the cache file');
    assert.ok(readdirSync(join(ws, cached)).length >= 2);
    assert.equal(runCli(['check', '--cache'], ws).stdout, r.stdout);
  });

  it('names the source document a quotation was looked for in (a SARIF related location)', () => {
    // (The JSON format is exactly the contract's object, without related places.)
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif'], ws).stdout) as { runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: Array<{ message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }> }> }> };
    const result = sarif.runs[0].results.find((x) => x.ruleId === 'quote-not-in-source');
    assert.equal(result?.relatedLocations?.length, 1);
    const place = result!.relatedLocations![0];
    assert.equal(place.message.text, 'source document wire');
    assert.match(place.physicalLocation.artifactLocation.uri, /sources\/wire\.html$/);
    assert.equal(place.physicalLocation.region, undefined, 'the whole document, no region');
  });
});
