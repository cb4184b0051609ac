import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hoverAt } from '../../server/src/core/features/hover';
import type { SourceDocument } from '../../server/src/core/rules/types';
import { figures, findInSource, normalizeForComparison } from '../../server/src/core/sources/sourceText';
import { analyzeFixture, covered, expectFixture, where } from './helpers/fixtures';

const ARTICLE = readFileSync(join(__dirname, '..', '..', 'examples', 'sources', 'coalition-call.txt'), 'utf8');
const sourceDocuments = new Map<string, SourceDocument>([['coalition-call', { key: 'coalition-call', uri: 'file:///sources/coalition-call.txt', text: ARTICLE }]]);
const bibliography = { entries: new Map([['other-source', { key: 'other-source', authors: [], csl: { id: 'other-source', type: 'book' }, origin: { uri: 'x' } }]]), problems: [] };

describe('claims checked against their source documents (the seed article)', () => {
  const a = analyzeFixture('sources', 'coalition-quotes', { sourceDocuments, bibliography });
  const text = a.model.text;

  it('reports wrong quotations and figures, and only those', () => {
    const lines = a.diagnostics.filter((d) => d.code === 'quote-not-in-source' || d.code === 'figure-not-in-source').map((d) => `${where(a, d.span)} ${d.code} ${covered(a, d.span)}\n    ${d.message}`);
    expectFixture('sources', 'coalition-quotes.diagnostics.txt', lines.join('\n') + '\n');
    const codes = a.diagnostics.filter((d) => d.code.endsWith('-in-source')).map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
    assert.deepEqual(codes, ['quote-not-in-source no limits whatsoever on Ukrainian troops', 'figure-not-in-source $300 billion', 'figure-not-in-source 45']);
  });

  it('links each finding to the source document it was checked against', () => {
    const found = a.diagnostics.filter((d) => d.code.endsWith('-in-source'));
    assert.equal(found.length, 3);
    for (const d of found) assert.deepEqual(d.related?.map((r) => [r.message, r.uri]), [['source document coalition-call', 'file:///sources/coalition-call.txt']], d.code);
  });

  it('shows the matching passage of the source in the claim hover', () => {
    const at = (needle: string) => hoverAt(a, text.indexOf(needle))!.contents;
    assert.match(at('russia is clearly'), /> .*“Russia is clearly not ready for a ceasefire at the moment,” Macron told reporters/);
    assert.match(at('Marco Rubio took'), /> US Secretary of State Marco Rubio also took part in the video conference\./);
    assert.match(at('no limits whatsoever on'), /✗ "no limits whatsoever on Ukrainian troops" — not found/);
    assert.match(at('The coalition has 45'), /No passage of the source document matched this claim\.|> /);
    assert.doesNotMatch(at('drafted in Moscow'), /Against the source/);
  });

  it('shows the opening of a source document on its key', () => {
    const h = hoverAt(a, text.indexOf('[@coalition-call]') + 3)!;
    assert.match(h.contents, /^\*\*Source document\*\* `coalition-call` \(coalition-call\.txt\)\n\nSource document: `@coalition-call` \(TXT\) — opening:\n\n> November 26, 2025/);
    assert.equal(text.slice(h.span.start, h.span.end), 'coalition-call');
  });

  it('compares ignoring case, quote and dash variants and white space runs', () => {
    const src = normalizeForComparison('He said: “A  Strong\n Ukrainian army” — now.');
    assert.ok(findInSource(src, '"a strong ukrainian army" - now'));
    assert.ok(!findInSource(src, 'a weak ukrainian army'));
    const span = findInSource(src, 'strong ukrainian')!;
    assert.equal('He said: “A  Strong\n Ukrainian army” — now.'.slice(span.start, span.end), 'Strong\n Ukrainian');
  });

  it('reads figures with their units', () => {
    assert.deepEqual(figures('$400 billion, €88bn, 9.5%, 12 per cent, 30 countries, 1,200 troops').map((f) => f.canonical), ['$|400|billion|', '€|88|billion|', '|9.5||%', '|12||%', '|30||', '|1200||']);
  });
});
