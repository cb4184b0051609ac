import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analysis';
import { hoverAt } from '../../server/src/core/features/hover';
import { claimEvidence } from '../../server/src/core/semantics/claimEvidence';
import { parseBibtex } from '../../server/src/core/sources/bibtex';
import { mergeBibliographies } from '../../server/src/core/sources/bibliography';
import { createBriefService } from '../../server/src/core/service';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';
import { attachmentPaths, resolveAttachment, SourceDocumentLoader } from '../../server/src/node/sourceDocumentLoader';
import { extract, zipUncompressedSize } from '../../server/src/node/sources/extract';
import { SourceExtractor } from '../../server/src/node/sources/extractor';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { encryptPdf, makeDocx, makeHtml, makePdf, makeZip, textToPdf, write } from './helpers/sourceFixtures';

const ARTICLE = readFileSync(join(__dirname, '..', '..', 'examples', 'sources', 'coalition-call.txt'), 'utf8');

describe('source documents: extraction (PDF, HTML, Word)', function () {
  this.timeout(60_000);

  it('reads a PDF page by page: ligatures, words hyphenated at line ends, two columns, a page with no text', async () => {
    const pdf = await makePdf([
      { lines: ['The \ufb01nancial sector and the \ufb02ow of funds grew by 30 per cent in the eco-', 'nomic year, officials said.'] },
      {},
      { columns: [['Left column one talks', 'about the budget deficit.'], ['Right column one covers', 'defence procurement.']] },
    ]);
    const r = await extract(pdf, 'pdf');
    assert.ok(r.ok, JSON.stringify(r));
    const d = r.doc;
    assert.equal(d.pageStarts!.length, 3);
    assert.deepEqual(d.textlessPages, [2]);
    const third = d.text.slice(d.pageStarts![2]);
    assert.ok(third.indexOf('about the budget deficit') < third.indexOf('Right column one'), `left column first: ${JSON.stringify(third)}`);
    const doc = { key: 'r', uri: 'file:///r.pdf', text: d.text, format: 'pdf' as const, pageStarts: d.pageStarts, textlessPages: d.textlessPages };
    const brief = '---\nbrief: true\n---\n# A\n\n:claim[Officials said "the financial sector and the flow of funds grew by 30 per cent in the economic year"][@r, p. 1].\n\n:claim[Officials said "Left column one talks about the budget deficit"][@r, p. 3].\n';
    const a = analyze({ uri: 'file:///w/a.brief.md', text: brief }, { sourceDocuments: new Map([['r', doc]]) });
    assert.deepEqual(
      a.diagnostics.filter((x) => x.code.endsWith('-in-source') || x.code === 'page-mismatch'),
      [],
    );
    const e = a.model.claims.map((c) => claimEvidence(a, c).quotes[0].check);
    assert.deepEqual(
      e.map((c) => [c.outcome, c.at?.page]),
      [
        ['found', 1],
        ['found', 3],
      ],
    );
  });

  it('reads the main text of a web page, not its navigation, adverts, footer or scripts (never run)', async () => {
    const html = makeHtml('Coalition call', ['Macron saw no willingness in Moscow for talks.', 'The coalition includes around 30 countries.']);
    const r = await extract(Buffer.from(html), 'html');
    assert.ok(r.ok);
    assert.match(r.doc.text, /Macron saw no willingness in Moscow for talks\.\n\nThe coalition includes around 30 countries\./);
    assert.doesNotMatch(r.doc.text, /Sport results|Subscribe now|All rights reserved|SCRIPT RAN/);
    assert.equal((globalThis as { ran?: boolean }).ran, undefined);
  });

  it('reads a web page\'s table rows as lines with their cells apart, and its list items as lines', async () => {
    const html = '<!doctype html><html><head><title>Debt</title></head><body><article><h1>Debt</h1><p>Arrears by region, as the table shows, rose again in the second quarter of the year in every nation.</p>' +
      '<table><tr><th>Region</th><th>Households in arrears</th></tr><tr><td>Scotland</td><td>12.5%</td></tr><tr><td>Wales</td><td>11.9%</td></tr></table>' +
      '<ul><li>Prepayment meters: 4.2 million</li><li>Direct debit: 15 million</li></ul></article></body></html>';
    const r = await extract(Buffer.from(html), 'html');
    assert.ok(r.ok);
    // A table's rows one after another, its cells apart; a blank line around the table.
    assert.match(r.doc.text, /\n\nRegion \| Households in arrears\nScotland \| 12\.5%\nWales \| 11\.9%\n\n/);
    assert.match(r.doc.text, /^Prepayment meters: 4\.2 million$/m);
  });

  it('reads a PDF\'s headings, paragraphs and table rows apart, so that a claim\'s closest passage is the row it is about', async () => {
    const pdf = await makePdf([
      {
        blocks: [
          { heading: 'Household energy debt: quarterly review' },
          { paragraph: ['Debt owed to energy suppliers reached £3.7 billion in the second', 'quarter of 2025, the highest level on record. The number of', 'households in arrears without a repayment plan rose to 1.1 million.'] },
          { paragraph: ['Table 2: Arrears by nation'] },
          { row: ['Nation', 'Households in arrears'] },
          { row: ['Scotland', '12.5%'] },
          { row: ['Wales', '11.9%'] },
          { row: ['England', '10.2%'] },
        ],
      },
    ]);
    const r = await extract(pdf, 'pdf');
    assert.ok(r.ok);
    assert.equal(
      r.doc.text,
      'Household energy debt: quarterly review\n\nDebt owed to energy suppliers reached £3.7 billion in the second\nquarter of 2025, the highest level on record. The number of\nhouseholds in arrears without a repayment plan rose to 1.1 million.\n\nTable 2: Arrears by nation\n\nNation | Households in arrears\nScotland | 12.5%\nWales | 11.9%\nEngland | 10.2%\n\f\n',
    );
    const doc = { key: 'r', uri: 'file:///r.pdf', text: r.doc.text, format: 'pdf' as const, pageStarts: r.doc.pageStarts };
    const brief = '---\nbrief: true\n---\n# A\n\n:claim[In Wales, 12.9% of households are in arrears][@r, p. 1].\n\n:claim[Debt owed to suppliers reached £3.9 billion in 2025][@r, p. 1].\n';
    const a = analyze({ uri: 'file:///w/a.brief.md', text: brief }, { sourceDocuments: new Map([['r', doc]]) });
    const found = a.diagnostics.filter((x) => x.code === 'figure-not-in-source');
    assert.deepEqual(
      found.map((d) => [d.data?.replacement, (d.data?.closest as { passage: string }).passage]),
      [
        ['11.9%', 'Wales | 11.9%'],
        ['£3.7 billion', 'Debt owed to energy suppliers reached £3.7 billion in the second quarter of 2025, the highest level on record.'],
      ],
    );
    // The row is shown with its table's head, in the message and the claim's hover.
    assert.match(found[0].message, /"Wales \| 11\.9%" \(a row of the table headed "Nation \| Households in arrears"\)$/);
    assert.match(hoverAt(a, brief.indexOf('In Wales'))!.contents, /matching passage of `@r` \(p\. 1\), a row of the table headed "Nation \| Households in arrears":\n {2}> Wales \| 11\.9%/);
  });

  it('reads a web page with a long table in time linear in its rows', async () => {
    // Each row once: reading a node's children again per child (linkedom builds `childNodes`
    // on each read) made a table of 20,000 rows take 30 s.
    const page = (rows: number) => Buffer.from(`<!doctype html><html><body><main><article><h1>T</h1><p>The table below gives the share by region, as the survey found it.</p><table>${'<tr><td>a</td><td>12.5%</td></tr>'.repeat(rows)}</table></article></main></body></html>`);
    const time = async (rows: number) => {
      const t0 = performance.now();
      const r = await extract(page(rows), 'html');
      assert.ok(r.ok && r.doc.text.split('\n').filter((l) => l === 'a | 12.5%').length === rows);
      return performance.now() - t0;
    };
    await time(500);
    const [small, large] = [await time(1_000), await time(16_000)];
    assert.ok(large < 1500 || large / Math.max(small, 1) < 48, `${small.toFixed(0)} ms for 1,000 rows, ${large.toFixed(0)} ms for 16,000`);
  });

  it('reads a page nested thousands of elements deep, without Readability (whose time grows faster than the depth) and without recursion', async () => {
    const nested = (depth: number) => Buffer.from(`<!doctype html><html><body>${'<div>'.repeat(depth)}Deep text with a figure of 12.5% here.${'</div>'.repeat(depth)}<p>After the nest, 3.2 million households.</p></body></html>`);
    for (const depth of [1_000, 20_000]) {
      const t0 = performance.now();
      const r = await extract(nested(depth), 'html');
      const ms = performance.now() - t0;
      assert.ok(r.ok, `${depth}: ${JSON.stringify(r)}`);
      assert.equal(r.doc.text, 'Deep text with a figure of 12.5% here.\n\nAfter the nest, 3.2 million households.\n');
      assert.ok(ms < 5_000, `${depth} deep: ${ms.toFixed(0)} ms (Readability took 5 s at 1,000 and overflowed the stack at 20,000)`);
    }
  });

  it('reads a Word file, its tables by rows with their cells apart', async () => {
    const r = await extract(await makeDocx(['First paragraph about sanctions.', 'Second: exports fell by 12%.']), 'docx');
    assert.ok(r.ok);
    assert.match(r.doc.text, /First paragraph about sanctions\.\s+Second: exports fell by 12%\./);
    const t = await extract(await makeDocx(['Table 1: Arrears', [['Nation', 'Households in arrears'], ['Wales', '11.9%']], 'After the table.']), 'docx');
    assert.ok(t.ok);
    assert.equal(t.doc.text, 'Table 1: Arrears\n\nNation | Households in arrears\nWales | 11.9%\n\nAfter the table.\n');
  });

  it('turns bad files into reasons, never a crash', async () => {
    const pdf = await makePdf([{ lines: ['Some text on a page.'] }]);
    const dir = mkdtempSync(join(tmpdir(), 'briefmark-bad-'));
    try {
      const plain = write(join(dir, 'plain.pdf'), pdf);
      encryptPdf(plain, join(dir, 'locked.pdf'));
      const cases: Array<[string, Uint8Array, 'pdf' | 'docx' | 'html', RegExp]> = [
        ['encrypted', readFileSync(join(dir, 'locked.pdf')), 'pdf', /encrypted/],
        ['truncated', pdf.subarray(0, Math.floor(pdf.length / 3)), 'pdf', /not a valid PDF|could not be read/],
        ['garbage after the header', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x41)]), 'pdf', /not a valid PDF|could not be read/],
        ['a .pdf that is a web page', Buffer.from('<!DOCTYPE html><html><body><p>Not a PDF</p></body></html>'), 'pdf', /it is not a PDF: it looks like a web page/],
        ['a .docx that is a PDF', pdf, 'docx', /not a Word \(\.docx\) file: it looks like a PDF/],
        ['a corrupt .docx', Buffer.from('PK\u0003\u0004 broken'), 'docx', /not a valid Word file/],
        ['a ZIP bomb', makeZip([{ name: 'word/document.xml', data: Buffer.alloc(20_000_000) }]), 'docx', /would unpack to 20 MB, more than the 10 MB allowed/],
        ['a binary .html', Buffer.from([0, 1, 2, 3, 0, 0, 7]), 'html', /not a web page: it looks like a binary file/],
      ];
      for (const [what, bytes, format, reason] of cases) {
        const r = await extract(bytes, format, { maxUncompressed: 10_000_000 });
        assert.ok(!r.ok, `${what}: read`);
        assert.match(r.reason, reason, what);
      }
      assert.equal(zipUncompressedSize(makeZip([{ name: 'a', data: Buffer.alloc(1234) }])), 1234);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('source documents: the extractor process and the loader', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-sources-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('extracts in its own process, within limits, and caches by content (in memory and on disk)', async () => {
    const pdfPath = write(join(dir, 'a.pdf'), await makePdf([{ lines: ['Exports fell by 12% in 2024.'] }]));
    const cache = join(dir, 'cache');
    const ex = new SourceExtractor({ diskCache: cache });
    const first = ex.getSync(pdfPath, 'pdf');
    assert.equal(first.status, 'ready');
    assert.match(first.status === 'ready' ? first.doc.text : '', /Exports fell by 12% in 2024\./);
    // A second extractor (another CLI run) reads the disk cache: no process, at once.
    const t = Date.now();
    assert.equal(new SourceExtractor({ diskCache: cache }).getSync(pdfPath, 'pdf').status, 'ready');
    assert.ok(Date.now() - t < 500, 'served from the disk cache');
    // Too large: not read at all.
    const big = join(dir, 'big.pdf');
    writeFileSync(big, '%PDF-1.7\n');
    truncateSync(big, 200 * 1024 * 1024);
    const tooBig = ex.getSync(big, 'pdf');
    assert.deepEqual(tooBig, { status: 'unreadable', reason: 'it is 200 MB, more than the 50 MB limit (briefmark.sources.maxFileSize)' });
    // Too slow: stopped.
    const slow = new SourceExtractor({ limits: { timeoutMs: 1 } }).getSync(write(join(dir, 'b.pdf'), await makePdf([{ lines: ['x'] }])), 'pdf');
    assert.equal(slow.status, 'unreadable');
    assert.match(slow.status === 'unreadable' ? slow.reason : '', /took longer than 0 s|extractor failed/);
  });

  it('answers "pending" at once in the background, then tells when the text is there', async () => {
    const path = write(join(dir, 'bg.pdf'), await makePdf([{ lines: ['Background text.'] }]));
    let settle: (p: string) => void = () => {};
    const settled = new Promise<string>((resolve) => (settle = resolve));
    const ex = new SourceExtractor({ onSettled: (p) => settle(p) });
    assert.equal(ex.get(path, 'pdf').status, 'pending');
    assert.equal(ex.get(path, 'pdf').status, 'pending', 'asked again meanwhile: still pending, no second process');
    assert.equal(await settled, path);
    assert.equal(ex.get(path, 'pdf').status, 'ready');
  });

  it('finds attachments in the file fields of Zotero/Better BibTeX, JabRef and Mendeley', () => {
    assert.deepEqual(attachmentPaths('/home/a/Zotero/storage/X/Paper.pdf;/home/a/Zotero/storage/Y/page.html'), ['/home/a/Zotero/storage/X/Paper.pdf', '/home/a/Zotero/storage/Y/page.html']);
    assert.deepEqual(attachmentPaths('Draft:papers/a_draft.pdf:PDF;:papers/a.pdf:PDF'), ['papers/a_draft.pdf', 'papers/a.pdf']);
    assert.deepEqual(attachmentPaths('R1:C\\:\\\\Users\\\\me\\\\paper.pdf:PDF'), ['C:\\Users\\me\\paper.pdf']);
    assert.deepEqual(attachmentPaths(':Hornborg2012.pdf:PDF'), ['Hornborg2012.pdf']);
    assert.deepEqual(attachmentPaths('~/BBTTEST/storage/Adams.pdf'), ['~/BBTTEST/storage/Adams.pdf']);
    assert.equal(resolveAttachment('papers/a.pdf', '/w/bib'), '/w/bib/papers/a.pdf');
    assert.equal(resolveAttachment('JabRef\\a.pdf', '/w/bib'), '/w/bib/JabRef/a.pdf');
  });

  it('checks claims against bibliography attachments; missing, outside-the-workspace and looping ones are unchecked, with reasons', async () => {
    const ws = join(dir, 'ws');
    mkdirSync(join(ws, 'papers'), { recursive: true });
    write(join(ws, 'papers', 'report.pdf'), await makePdf([{ lines: ['Summary page.'] }, { lines: ['Households spend over 10% of income on energy.'] }]));
    const outside = write(join(dir, 'outside.pdf'), await makePdf([{ lines: ['Secret text outside.'] }]));
    symlinkSync(join(ws, 'papers', 'loop-b.pdf'), join(ws, 'papers', 'loop-a.pdf'));
    symlinkSync(join(ws, 'papers', 'loop-a.pdf'), join(ws, 'papers', 'loop-b.pdf'));
    const bib = [
      '@report{rep, title = {Energy}, file = {Full text:papers/report.pdf:PDF}}',
      '@report{gone, title = {Gone}, file = {papers/missing.pdf}}',
      `@report{far, title = {Far}, file = {${outside}}}`,
      '@report{loop, title = {Loop}, file = {papers/loop-a.pdf}}',
    ].join('\n');
    write(join(ws, 'refs.bib'), bib);
    const brief = [
      '---',
      'brief: true',
      'bibliography: refs.bib',
      '---',
      '# A',
      '',
      ':claim[Households spend over 10% of income on energy][@rep, p. 2].',
      ':claim[Households spend over 20% of income on energy][@rep].',
      ':claim[It said "something that is not there"][@gone].',
      ':claim[It said "secret text outside"][@far].',
      ':claim[It said "round and round we go"][@loop].',
      '',
    ].join('\n');
    const briefPath = write(join(ws, 'a.brief.md'), brief);
    const workspace = new NodeWorkspace({ waitForSources: true });
    workspace.setFolders([pathToFileURL(ws).href]);
    workspace.setTrusted(false);
    const service = createBriefService(workspace, undefined, { oneShot: true });
    const a = service.analyze({ uri: pathToFileURL(briefPath).href, version: 1, getText: () => brief });
    const docs = Object.fromEntries([...a.sourceDocuments.values()].map((d) => [d.key, [d.origin, d.status ?? 'ready', d.reason ?? '']]));
    assert.deepEqual(docs, {
      rep: ['attachment', 'ready', ''],
      gone: ['attachment', 'unreadable', 'the file does not exist'],
      far: ['attachment', 'unreadable', 'it is outside the workspace, and files outside an untrusted workspace are not read'],
      loop: ['attachment', 'unreadable', 'a loop of symbolic links'],
    });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.code.endsWith('-in-source')).map((d) => `${d.code} ${brief.slice(d.span.start, d.span.end)}`),
      ['figure-not-in-source 20%'],
    );
    const hover = hoverAt(a, brief.indexOf('something that'))!.contents;
    assert.match(hover, /`@gone` \(PDF\) — unchecked: the file does not exist/);
    assert.match(hover, /\? "something that is not there" — unchecked: @gone: the file does not exist/);
    assert.match(hoverAt(a, brief.indexOf('over 10%'))!.contents, /✓ figure over 10% — found in `@rep` on p\. 2/);
  });

  it('folder documents win over attachments, and text files over PDFs of the same key', async () => {
    const ws = join(dir, 'prio');
    mkdirSync(join(ws, 'sources'), { recursive: true });
    write(join(ws, 'sources', 'k.txt'), 'Text version.');
    write(join(ws, 'sources', 'k.pdf'), await makePdf([{ lines: ['PDF version.'] }]));
    write(join(ws, 'sources', 'only.pdf'), await makePdf([{ lines: ['Only as a PDF.'] }]));
    const loader = new SourceDocumentLoader(() => true, {}, true);
    const bib = parseBibtex('@misc{k, file = {/nowhere/k.pdf}}', 'file:///x.bib');
    const docs = loader.load(join(ws, 'a.brief.md'), defaultConventions(), mergeBibliographies(bib));
    assert.deepEqual(
      [...docs.values()].map((d) => [d.key, d.format, d.origin, d.text.trim()]),
      [
        ['k', 'txt', 'folder', 'Text version.'],
        ['only', 'pdf', 'folder', 'Only as a PDF.'],
      ],
    );
  });

  it('gives the same document object while its file is unchanged, and a new one when it changes', async () => {
    const ws = join(dir, 'stable');
    mkdirSync(join(ws, 'sources'), { recursive: true });
    write(join(ws, 'sources', 't.txt'), 'First version.');
    write(join(ws, 'sources', 'p.pdf'), await makePdf([{ lines: ['A PDF.'] }]));
    const loader = new SourceDocumentLoader(() => true, {}, true);
    const load = () => loader.load(join(ws, 'a.brief.md'), defaultConventions());
    const a = load();
    const b = load();
    // What is computed from a document (its normalised text, its checks) is kept by object: the same object, no work again.
    assert.equal(b.get('t'), a.get('t'));
    assert.equal(b.get('p'), a.get('p'));
    write(join(ws, 'sources', 't.txt'), 'Second version, longer.');
    loader.changed(join(ws, 'sources', 't.txt'));
    const c = load();
    assert.notEqual(c.get('t'), a.get('t'));
    assert.equal(c.get('t')!.text, 'Second version, longer.');
    assert.equal(c.get('p'), a.get('p'));
  });
});

describe('source documents: the seed article as PDF, web page and Word file gives what the text file gives', function () {
  this.timeout(120_000);
  const paragraphs = ARTICLE.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const briefs = [
    { name: 'example brief', text: readFileSync(join(__dirname, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8') },
    { name: 'coalition-quotes fixture', text: readFileSync(join(__dirname, '..', 'fixtures', 'sources', 'coalition-quotes.md'), 'utf8') },
  ];
  const outcomes = (text: string, doc: { text: string; format?: 'pdf' | 'html' | 'docx' | 'txt'; pageStarts?: number[] }) => {
    const sourceDocuments = new Map([['coalition-call', { key: 'coalition-call', uri: 'file:///sources/coalition-call', ...doc }]]);
    const a = analyze({ uri: 'file:///w/b.brief.md', text }, { sourceDocuments });
    return {
      diagnostics: a.diagnostics.filter((d) => d.code.endsWith('-in-source')).map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`),
      checks: a.model.claims.flatMap((c) => {
        const e = claimEvidence(a, c);
        return [...e.quotes.map((q) => `${q.quote}: ${q.check.outcome}`), ...e.figures.map((f) => `${f.figure.text}: ${f.check.outcome}`)];
      }),
    };
  };

  for (const format of ['pdf', 'html', 'docx'] as const) {
    it(format, async () => {
      const bytes = format === 'pdf' ? await textToPdf(ARTICLE) : format === 'docx' ? await makeDocx(paragraphs) : Buffer.from(makeHtml('Coalition call', paragraphs));
      const r = await extract(bytes, format);
      assert.ok(r.ok, JSON.stringify(r));
      if (format === 'pdf') assert.ok(r.doc.pageStarts!.length >= 2, 'several pages');
      for (const b of briefs) {
        const expected = outcomes(b.text, { text: ARTICLE, format: 'txt' });
        assert.ok(expected.checks.length > 0, `${b.name} checks something`);
        assert.deepEqual(outcomes(b.text, { text: r.doc.text, format, pageStarts: r.doc.pageStarts }), expected, b.name);
      }
    });
  }
});
