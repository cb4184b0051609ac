import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { createBriefService, inMemoryWorkspace } from '../../server/src/core/service';
import { DEFAULT_MAX_DOCUMENT_SIZE, maxDocumentSize } from '../../server/src/core/sizeLimit';
import { defaultConventions } from '../../server/src/core/conventions/types';

const LINE = 'Plain text that goes on without any figure or quotation.\n\n';
const filler = (n: number) => LINE.repeat(Math.ceil(n / LINE.length)).slice(0, n);

describe('document size limit', () => {
  const limit = 10_000;

  it('gives an oversized brief one clear diagnostic on its first line, and no analysis', () => {
    const text = '# Big brief\n\n:claim[Unsourced]\n\n' + filler(limit);
    const a = analyze({ uri: 'file:///big.md', text }, { maxDocumentSize: limit });
    assert.equal(a.model.isBrief, true);
    assert.equal(a.parsed.blocks.length, 0, 'nothing is parsed');
    assert.deepEqual(a.oversized, { size: text.length, limit });
    assert.equal(a.diagnostics.length, 1);
    const [d] = a.diagnostics;
    assert.equal(d.code, 'invalid-conventions');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.span, { start: 0, end: '# Big brief'.length });
    assert.match(d.message, /not analysed.*above the limit.*briefmark\.maxDocumentSize/);
    assert.equal(a.model.claims.length, 0);
  });

  it('analyses the same brief normally below the limit', () => {
    const text = '# Brief\n\n:claim[Unsourced]\n';
    const a = analyze({ uri: 'file:///small.md', text }, { maxDocumentSize: limit });
    assert.equal(a.oversized, undefined);
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['unsourced-claim']);
  });

  it('says nothing about an oversized Markdown file that is not a brief', () => {
    const a = analyze({ uri: 'file:///README.md', text: '# Notes\n\nMeet at 10:30 :smile:\n' + filler(limit), relativePath: 'README.md' }, { maxDocumentSize: limit });
    assert.equal(a.model.isBrief, false);
    assert.deepEqual(a.diagnostics, []);
  });

  it('recognises an oversized brief by path, front matter or tag without parsing it', () => {
    const big = filler(limit + 1);
    const reason = (text: string, relativePath?: string) => analyze({ uri: 'file:///x.md', text, relativePath }, { maxDocumentSize: limit }).model.briefReason;
    assert.equal(reason(big, 'briefs/a.md'), 'path');
    assert.equal(reason(big, 'x.brief.md'), 'path');
    assert.equal(reason('---\ntitle: x\nbrief: true\n---\n' + big), 'front-matter');
    assert.equal(reason('---\r\nbrief: true # yes\r\n---\r\n' + big), 'front-matter');
    assert.equal(reason('---\ntitle: x\n---\nbrief: true\n' + big), undefined, 'outside the front matter');
    assert.equal(reason(big + '\n:::rec[Do it]\ntext\n:::\n'), 'directive');
    assert.equal(reason(big + ' an :actor[Macron] said'), 'directive');
    assert.equal(reason(big + ' meet at 10:30 :smile: :claims[x]'), undefined);
  });

  it('honours severity settings and `off`', () => {
    const conventions = defaultConventions();
    conventions.rules['invalid-conventions'] = 'off';
    const a = analyze({ uri: 'file:///big.brief.md', text: filler(limit + 1), relativePath: 'big.brief.md' }, { maxDocumentSize: limit, conventions });
    assert.deepEqual(a.diagnostics, []);
  });

  it('applies the default limit in the service, and a configured one', () => {
    assert.equal(DEFAULT_MAX_DOCUMENT_SIZE, 2_000_000);
    assert.equal(maxDocumentSize(undefined), DEFAULT_MAX_DOCUMENT_SIZE);
    assert.equal(maxDocumentSize(-1), DEFAULT_MAX_DOCUMENT_SIZE);
    assert.equal(maxDocumentSize('5'), DEFAULT_MAX_DOCUMENT_SIZE);
    assert.equal(maxDocumentSize(5000), 5000);
    const service = createBriefService(inMemoryWorkspace(), undefined);
    const text = ':claim[x]\n' + filler(limit);
    const doc = { uri: 'file:///s.md', version: 1, getText: () => text };
    assert.deepEqual(service.analyze(doc).diagnostics.map((d) => d.code), ['unsourced-claim']);
    service.configure({ maxDocumentSize: limit });
    assert.deepEqual(service.analyze(doc).diagnostics.map((d) => d.code), ['invalid-conventions']);
    const huge = ':claim[x]\n' + 'y'.repeat(DEFAULT_MAX_DOCUMENT_SIZE);
    service.configure({ maxDocumentSize: undefined });
    assert.ok(service.analyze({ uri: 'file:///h.md', version: 1, getText: () => huge }).oversized, 'the default limit applies');
  });
});
