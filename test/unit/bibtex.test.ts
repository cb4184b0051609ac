import { strict as assert } from 'node:assert';
import { parseBibtex } from '../../server/src/core/sources/bibtex';
import { latexToText } from '../../server/src/core/sources/latex';
import { decodeText } from '../../server/src/core/text/decode';
import { leastMs } from './helpers/timing';

/** BibTeX read as Pandoc reads it (docs/sources.md): the cases the real-world corpus and the issue named. */
describe('BibTeX as Pandoc reads it', () => {
  const read = (text: string) => parseBibtex(text, 'file:///t.bib');
  const keys = (text: string) => [...read(text).entries.keys()];

  it('keys with parentheses and brackets (Better BibTeX writes them)', () => {
    assert.deepEqual(keys('@online{Agilent(2022)Modifications,\n title = {Modifications}}\n@article{smith[2020]a, title={B}}'), ['Agilent(2022)Modifications', 'smith[2020]a']);
  });

  it('% starts a line comment: a commented-out entry is no entry, and the entry before it is whole', () => {
    const text = '@article{real1, title = {One}}\n%@ARTICLE{commented,\n%  title = {Gone},\n%}\n@book{real2, title = {Two}}\n% } { braces in a comment\n@misc{real3, title={Three}}';
    assert.deepEqual(keys(text), ['real1', 'real2', 'real3']);
    assert.deepEqual(read(text).problems, []);
  });

  it('@string (later wins, months predefined), @comment and @preamble', () => {
    const b = read('@string{ieee = "IEEE"}\n@comment{ @article{incomment, title={no}} }\n@preamble{"\\newcommand{\\x}{y}"}\n@article{a, journal = ieee # " Trans.", month = jan}\n@string{ieee = "I3E"}');
    assert.deepEqual([...b.entries.keys()], ['a']);
    assert.equal(b.entries.get('a')!.containerTitle, 'IEEE Trans.');
  });

  it('crossref and xdata inherit the parent\'s fields; @xdata entries are not citable', () => {
    const b = read('@inproceedings{child, crossref={parent}, title={Child}}\n@proceedings{parent, title={Parent}, subtitle={Sub}, year=2000, publisher={P}}\n@xdata{common, publisher={X}}\n@book{b, xdata={common}, title={B}}');
    const child = b.entries.get('child')!;
    assert.equal(child.title, 'Child');
    assert.equal(child.containerTitle, 'Parent: Sub', 'the parent\'s title and subtitle, as Pandoc gives them');
    assert.equal(child.year, '2000');
    assert.equal(child.publisher, 'P');
    assert.equal(b.entries.get('b')!.publisher, 'X');
    assert.ok(!b.entries.has('common'));
  });

  it('odd entry types, keys with a space before the comma, entries without fields, parentheses', () => {
    assert.deepEqual(keys('@web_page{w, title={W}}\n@Article{HoSp-87 ,\n title={H}}\n@misc{bare}\n@techreport(McDermott:72, title = "T")'), ['w', 'HoSp-87', 'bare', 'McDermott:72']);
  });

  it('LaTeX accents and commands become text', () => {
    const e = read('@article{a, author={M{\\"u}ller, J{\\"o}rg and Fran{\\c{c}}ois, L{\\\'e}a and {Barnes and Noble, Inc.}}, title={{\\"U}ber \\emph{die} Stra{\\ss}e -- 50\\% of {UN} data}}').entries.get('a')!;
    assert.deepEqual(e.authors, ['Jörg Müller', 'Léa François', 'Barnes and Noble, Inc.']);
    assert.equal(e.title, 'Über die Straße – 50% of UN data');
    assert.equal(latexToText('\\v{s}\\l{}\\o \\ae\\ and \\textit{x}~y'), 'šłøæ and x\u00a0y');
  });

  // Each expectation below is what `pandoc -f biblatex -t csljson` (2.17) gives for the same entry.
  it('names: particles as Pandoc splits them (braced family names, apostrophes, trailing lower-case given names, useprefix)', () => {
    const authors = (field: string, extra = '') =>
      read(`@article{a, author={${field}}, title={T}, year=2000${extra}}`).entries.get('a')!.csl.author;
    assert.deepEqual(authors('J {van de Pol}'), [{ family: 'Pol', given: 'J', 'non-dropping-particle': 'van de' }]);
    assert.deepEqual(authors('J {van de} Pol'), [{ family: 'Pol', given: 'J', 'dropping-particle': 'van de' }]);
    assert.deepEqual(authors('J {la Fontaine} Smith'), [{ family: 'Smith', given: 'J la Fontaine' }]);
    assert.deepEqual(authors('J {van de pol}'), [{ family: 'van de pol', given: 'J' }]);
    assert.deepEqual(authors("J d'Artagnan"), [{ family: 'Artagnan', given: 'J', 'non-dropping-particle': 'd’' }]);
    assert.deepEqual(authors("J {van 't Hoff}"), [{ family: 'Hoff', given: 'J', 'non-dropping-particle': 'van ’t' }]);
    assert.deepEqual(authors("J O'Brien"), [{ family: 'O’Brien', given: 'J' }]);
    assert.deepEqual(authors('J van {de Pol}'), [{ family: 'Pol', given: 'J', 'dropping-particle': 'van', 'non-dropping-particle': 'de' }]);
    assert.deepEqual(authors("J {\\'e}cole {de} Paris"), [{ family: 'Paris', given: 'J', 'dropping-particle': 'école', 'non-dropping-particle': 'de' }]);
    assert.deepEqual(authors('Pol, J van de'), [{ family: 'Pol', given: 'J', 'dropping-particle': 'van de' }]);
    assert.deepEqual(authors('de Souza e Silva, J'), [{ family: 'Souza e Silva', given: 'J', 'dropping-particle': 'de' }]);
    assert.deepEqual(authors('{\\v{S}}pan {van}'), [{ family: 'van', 'dropping-particle': 'Špan' }]);
    assert.deepEqual(authors('de Oliveira, Leonardo', ', options={useprefix=true}'), [{ family: 'Oliveira', given: 'Leonardo', 'non-dropping-particle': 'de' }]);
    assert.deepEqual(authors('{World Bank}'), [{ literal: 'World Bank' }]);
  });

  it('quotes and apostrophes as Pandoc makes them; URLs and DOIs as written; two-argument commands', () => {
    const e = read("@online{a, title={Don't `stop' ``them'' \\foreignlanguage{german}{Dasein} \\texorpdfstring{$x$}{x}}, journal={A's}, url={http://x.org/~u/a%20b}, doi={10.1/a~b}}").entries.get('a')!;
    assert.equal(e.csl.title, 'Don’t “stop” “them” Dasein x');
    assert.equal(e.csl['container-title'], 'A’s');
    assert.equal(e.csl.URL, 'http://x.org/~u/a%20b');
    assert.equal(e.url, 'http://x.org/~u/a%20b');
    assert.equal(e.csl.DOI, '10.1/a~b');
  });

  it('titles, containers, publishers and numbers by kind of entry, as Pandoc assigns them', () => {
    const csl = (entry: string) => read(entry).entries.get('a')!.csl;
    assert.equal(csl('@misc{a, title={T}, booktitle={BT}}')['container-title'], undefined, 'a @misc has no container');
    assert.equal(csl('@inproceedings{a, title={T}, booktitle={BT}, journal={J}}')['container-title'], 'BT', 'a chapter\'s book before any journal');
    const mv = csl('@book{a, title={Vol T}, maintitle={Main T}, volume={2}, part={1}}');
    assert.deepEqual([mv.title, mv['volume-title'], mv.volume], ['Main T', 'Vol T', '2.1']);
    const ch = csl('@incollection{a, title={Ch}, booktitle={BT}, maintitle={MT}, number={7}}');
    assert.deepEqual([ch.title, ch['volume-title'], ch['container-title'], ch['collection-number']], ['Ch', 'BT', 'MT', '7']);
    assert.equal(csl('@inproceedings{a, title={T}, organization={Video}, publisher={ACM Press and Friends}}').publisher, 'Video; ACM Press; Friends');
    const report = csl('@techreport{a, title={T}, institution={Inst A and Inst B}, address={Paris and Berlin}}');
    assert.deepEqual([report.publisher, report['publisher-place'], report.genre], ['Inst A; Inst B', 'Paris; Berlin', undefined]);
    assert.equal(csl('@article{a, title={T}, journal={J}, number={2}, issue={Spring}}').issue, '2, Spring');
    assert.equal(csl('@article{a, title={T}, journal={J}, issue={3}}').issue, undefined, '`issue` alone is not read');
    assert.equal(csl('@article{a, title={T}, eprint={2101.00001}, archiveprefix={arXiv}}').URL, 'https://arxiv.org/abs/2101.00001');
    assert.equal(csl('@book{a, title={T}, subtitle={Sub}, titleaddon={Addon}, note={N}, addendum={Add}}').title, 'T: Sub. Addon');
    assert.equal(csl('@book{a, title={T}, note={N}, addendum={Add}}').note, 'N. Add');
    assert.equal(csl('@periodical{a, title={Per}, issuetitle={Issue T}}').title, 'Issue T');
    const more = csl('@inbook{a, title={T}, chapter={9}, pagetotal={300}, venue={Paris}, pmid={123}, library={QA76}}');
    assert.deepEqual([more['chapter-number'], more['number-of-pages'], more['event-place'], more.PMID, more['call-number']], ['9', '300', 'Paris', '123', 'QA76']);
  });

  it('duplicate keys are reported as warnings; the first entry is used', () => {
    const b = read('@article{k, title={First}}\n@article{k, title={Second}}');
    assert.equal(b.entries.get('k')!.title, 'First');
    assert.equal(b.problems.length, 1);
    assert.equal(b.problems[0].severity, 'warning');
    assert.match(b.problems[0].message, /Duplicate BibTeX key "k": the first entry \(line 1\)/);
  });

  it('a broken entry is reported at the exact place; every other entry is read', () => {
    const text = '@misc{a, title={A}}\n@article{b, title = {B} year = 2020}\n@misc{c, title={C}}\n@misc{d, title = "unclosed}\n@misc{e, title={E}}';
    const b = read(text);
    assert.deepEqual([...b.entries.keys()], ['a', 'c', 'e']);
    const [first, second] = b.problems;
    assert.equal(text.slice(first.span!.start, first.span!.start + 4), 'year');
    assert.match(first.message, /@article\{b.*a `,` between fields/);
    assert.match(second.message, /@misc\{d/);
  });

  it('hostile text: linear time, never a throw, the readable entries kept', () => {
    const cases = [
      (n: number) => '{'.repeat(n) + '\n@misc{ok, title={OK}}',
      (n: number) => '@misc{a, title={' + '{'.repeat(n) + '}}\n@misc{ok, title={OK}}',
      (n: number) => '@misc{x,\n'.repeat(n / 9) + '\n@misc{ok, title={OK}}',
      (n: number) => '@'.repeat(n) + '\n@misc{ok, title={OK}}',
      (n: number) => '@misc{k' + 'k'.repeat(n) + ', title={T}}\n@misc{ok, title={OK}}',
      (n: number) => '\u0000\u00ff\ud800'.repeat(n / 3) + '\n@misc{ok, title={OK}}',
      (n: number) => '@misc{a, title="' + '{'.repeat(n / 2) + '\n@misc{ok, title={OK}}',
    ];
    for (const make of cases) {
      const time = (n: number) => {
        const t = make(n);
        return leastMs(() => assert.ok(read(t).entries.has('ok'), `the entry after the hostile part is read: ${JSON.stringify(t.slice(0, 40))}`));
      };
      time(1000);
      const small = time(10_000);
      const large = time(160_000);
      assert.ok(large < 500 || large / Math.max(small, 1) < 48, `${JSON.stringify(make(20))}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms for 16× the text`);
    }
  });

  it('names the line of the first entry for each of 20,000 duplicate keys in linear time', () => {
    const file = (n: number) => {
      let s = '';
      for (let round = 0; round < 2; round++) for (let i = 0; i < n; i++) s += `@article{k${i},\n  title = {T ${round} ${i}},\n  year = 2020\n}\n`;
      return s;
    };
    const time = (n: number) => {
      const text = file(n);
      return leastMs(() => {
        const b = read(text);
        assert.equal(b.problems.length, n);
        assert.match(b.problems[n - 1].message, new RegExp(`Duplicate BibTeX key "k${n - 1}": the first entry \\(line ${4 * (n - 1) + 1}\\) is used`));
      });
    };
    time(200);
    const small = time(1250);
    const large = time(20_000);
    // 16× the file: linear ×16, quadratic ×256 (counting lines afresh for each: ×57, 5.7 s for 20,000).
    assert.ok(large / Math.max(small, 1) < 32, `${small.toFixed(0)} ms → ${large.toFixed(0)} ms for 16× the duplicates`);
  });

  it('decodes files as Pandoc and editors do: BOMs, UTF-16, Windows-1252 (with a note)', () => {
    assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), { text: 'A' });
    assert.equal(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00])).text, 'A');
    const latin = decodeText(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]));
    assert.equal(latin.text, 'Müller');
    assert.match(latin.note!, /not UTF-8; it was read as Windows-1252/);
  });
});
