import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { formatEntry, type BibEntry, type Bibliography } from '../../server/src/core/sources/bibliography';
import { bibliographyFormat, parseBibliographyText } from '../../server/src/core/sources/bibliographyFile';
import { FIXTURES } from './helpers/fixtures';

function load(name: string): { text: string; bib: Bibliography } {
  const text = readFileSync(join(FIXTURES, 'bibliography', name), 'utf8');
  return { text, bib: parseBibliographyText(text, `file:///bib/${name}`, bibliographyFormat(name)!) };
}

/** Each entry's key, and the text its origin span covers (must be the key itself). */
function keys({ text, bib }: { text: string; bib: Bibliography }): string[] {
  return [...bib.entries.values()].map((e) => {
    assert.ok(e.origin.span, `${e.key} has a position`);
    assert.equal(text.slice(e.origin.span.start, e.origin.span.end), e.key, `span of ${e.key} covers the key`);
    return e.key;
  });
}

describe('bibliography files', () => {
  it('reads BibTeX: @string, # concatenation, parentheses, braces that protect case', () => {
    const f = load('refs.bib');
    assert.deepEqual(keys(f), ['coalition-call', 'geneva-talks']);
    assert.deepEqual(f.bib.problems, []);
    const e = f.bib.entries.get('coalition-call')!;
    assert.deepEqual(e.authors, ['Jane Doe', 'Richard Roe']);
    assert.equal(e.title, 'Macron Sees No Russian Readiness for a Ceasefire');
    assert.equal(e.containerTitle, 'Wire Report (evening edition)');
    assert.equal(e.year, '2025');
    assert.equal(e.url, 'https://example.org/coalition');
    assert.equal(f.bib.entries.get('geneva-talks')!.publisher, 'Example Institute');
  });

  it('keeps the BibTeX entries around a broken one, and reports it where it is', () => {
    const f = load('broken.bib');
    assert.deepEqual(keys(f), ['first', 'last']);
    assert.equal(f.bib.problems.length, 1);
    const p = f.bib.problems[0];
    assert.equal(f.text.slice(p.span!.start, p.span!.end), '@misc{broken');
    assert.match(p.message, /@misc\{broken.*never closed/);
    assert.equal(p.uri, 'file:///bib/broken.bib');
  });

  it('reads CSL-JSON with the position of each id', () => {
    const f = load('refs.json');
    assert.deepEqual(keys(f), ['imf-outlook', 'kyiv-school']);
    assert.deepEqual(f.bib.entries.get('imf-outlook')!.authors, ['IMF']);
    assert.equal(f.bib.entries.get('imf-outlook')!.year, '2025');
  });

  it('keeps the CSL-JSON items around a syntax error, and reports it where it is', () => {
    const f = load('broken.json');
    assert.deepEqual(keys(f).filter((k) => k.startsWith('ok')), ['ok-one', 'ok-two']);
    assert.ok(f.bib.problems.length >= 1);
    const p = f.bib.problems[0];
    assert.equal(f.text.slice(p.span!.start, p.span!.end), '}');
    assert.equal(f.text.slice(0, p.span!.start).split('\n').length, 3, 'on the third line');
  });

  it('reads CSL YAML, and reports its syntax errors with positions', () => {
    const f = load('refs.yaml');
    assert.deepEqual([...f.bib.entries.keys()], ['eu-statement']);
    assert.deepEqual(f.bib.entries.get('eu-statement')!.authors, ['Ursula von der Leyen']);
    const b = load('broken.yaml');
    assert.ok(b.bib.entries.has('fine'));
    assert.ok(b.bib.problems.length >= 1 && b.bib.problems[0].span);
    assert.match(b.bib.problems[0].message, /CSL YAML syntax error/);
  });

  it('a reference id given twice in a brief\'s front matter: the first entry is cited, the second reported where its id is', () => {
    const text = '---\nbrief: true\nreferences:\n  - id: ofgem\n    title: Energy price cap explained\n  - id: ofgem\n    title: Another entry\n---\n# E\n\nBills rose [@ofgem].\n';
    const a = analyze({ uri: 'file:///w/a.brief.md', text });
    assert.deepEqual(
      a.diagnostics.map((d) => [d.code, text.slice(0, d.span.start).split('\n').length, text.slice(d.span.start, d.span.end), d.message]),
      [['invalid-conventions', 6, 'ofgem', 'Duplicate reference id "ofgem" in the front matter: only the first entry with it is used.']],
    );
    assert.equal(a.bibliography.entries.get('ofgem')!.title, 'Energy price cap explained');
  });

  it('recognises formats by extension', () => {
    assert.equal(bibliographyFormat('a/b.BIB'), 'bibtex');
    assert.equal(bibliographyFormat('x.json'), 'csl-json');
    assert.equal(bibliographyFormat('x.yml'), 'csl-yaml');
    assert.equal(bibliographyFormat('x.ris'), undefined);
  });

  it('@string names that double a value at each definition ("billion laughs") are cut short, with a message, in linear time', () => {
    const laughs = (n: number, after = '') => {
      let t = '@string{a0 = "xxxxxxxxxx"}\n';
      for (let i = 1; i <= n; i++) t += `@string{a${i} = a${i - 1} # a${i - 1}}\n`;
      return t + after;
    };
    const t0 = performance.now();
    const twenty = parseBibliographyText(laughs(20, '@misc{k, title = a20}\n@misc{other, title = {Fine}}\n'), 'file:///b.bib', 'bibtex');
    assert.match(twenty.problems[0].message, /@string\{a14: This value grows past 100,000 characters through @string names: it is not read\./);
    assert.ok(twenty.entries.get('k')!.title!.length < 1000, 'the cut value is not used');
    assert.equal(twenty.entries.get('other')!.title, 'Fine');
    // The whole file's budget: four times the longest value allowed.
    const sixty = parseBibliographyText(laughs(60, '@misc{k, title = a60}\n'), 'file:///b.bib', 'bibtex');
    assert.match(sixty.problems.at(-1)!.message, /The values of this file grow past 400,000 characters in all through @string names: the rest of it is not read\./);
    assert.ok(performance.now() - t0 < 2000, `${performance.now() - t0} ms (twenty doublings took 2.2 s and 10 MB; thirty would take 10 GB)`);
  });

  it('CSL-JSON nested past 200 levels is not parsed, with a message at the place (100,000 `[` lost the whole file to a stack overflow)', () => {
    for (const depth of [201, 100_000]) {
      const text = `[{"id": "k", "title": "T", "note": ${'['.repeat(depth)}1${']'.repeat(depth)}}]`;
      const b = parseBibliographyText(text, 'file:///r.json', 'csl-json');
      assert.equal(b.entries.size, 0);
      assert.equal(b.problems.length, 1);
      assert.match(b.problems[0].message, /^CSL-JSON: the file nests arrays or objects more than 200 levels deep here: not read; none of its entries is used\.$/);
      assert.equal(b.problems[0].span!.start, text.indexOf('[', 35) + 198, 'the 201st level: the note\'s 199th bracket');
    }
    // Brackets in strings and comments do not count; 200 levels are read.
    const fine = `// [[[[[[[[[[[[[[[[[[[[[[[[\n[{"id": "k", "title": "[[[[[[[[[[[[[[[\\"[[[", /* {{{{{{{{{{{{{{{{{{{{{ */ "note": ${'['.repeat(190)}1${']'.repeat(190)}}]`;
    const b = parseBibliographyText(fine, 'file:///r.json', 'csl-json');
    assert.deepEqual(b.problems, []);
    assert.equal(b.entries.get('k')!.title, '[[[[[[[[[[[[[[["[[[');
  });

  it('never throws on hostile text', () => {
    for (const t of ['@', '@misc{', '{'.repeat(5000), '@misc{a,' + 'x='.repeat(2000), '\u0000@@@', '[[[[', ': : :']) {
      for (const fmt of ['bibtex', 'csl-json', 'csl-yaml'] as const) parseBibliographyText(t, 'file:///h', fmt);
    }
  });
});

describe('an entry in one line (hovers and completion before the CSL engine answers)', () => {
  const entry = (e: Partial<BibEntry>): BibEntry => ({ key: 'k', authors: [], csl: { id: 'k', type: 'report' }, origin: { uri: 'file:///refs.bib' }, ...e }) as BibEntry;
  it('writes the authors and the year first, or with no author the title and the year', () => {
    assert.equal(formatEntry(entry({ authors: ['International Energy Agency'], year: '2024', title: 'Global Methane Tracker 2024' })), 'International Energy Agency (2024). *Global Methane Tracker 2024*');
    assert.equal(formatEntry(entry({ year: '2024', title: 'Regulation (EU) 2024/1787', containerTitle: 'Official Journal' })), '*Regulation (EU) 2024/1787* (2024). Official Journal');
    assert.equal(formatEntry(entry({ year: '2024' })), '(2024)');
  });
});
