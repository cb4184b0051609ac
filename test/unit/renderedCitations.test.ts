import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analysis';
import { formatReference, htmlToMarkdown, locatorOf, MAX_RENDERED_CITATIONS, renderCitations } from '../../server/src/core/citations/renderCitations';
import { hoverAt } from '../../server/src/core/features/hover';
import { parseBibtex } from '../../server/src/core/sources/bibtex';
import { citeprocEngine } from '../../server/src/node/citeproc/load';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';
import { createBriefService } from '../../server/src/core/service';

const BIB = `
@book{doe2019, author = {Doe, Jane}, title = {Big Book}, publisher = {Pub}, address = {London}, year = 2019}
@article{smith2020, author = {Smith, John and van der Berg, Anna}, title = {On Things}, journal = {Journal of X}, year = 2020, volume = 3, pages = {10--20}}
`;
const bibliography = parseBibtex(BIB, 'file:///refs.bib');

function brief(body: string, frontMatter = '') {
  const text = `---\ntitle: T\n${frontMatter}---\n\n# Evidence\n\n${body}\n`;
  return analyze({ uri: 'file:///b.brief.md', text, version: 1, relativePath: 'b.brief.md' }, { bibliography });
}

const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;|&#38;/g, '&');

describe('rendered citations (citeproc-js, the brief\'s CSL style)', function () {
  this.timeout(20_000);

  it('renders open and uneven date ranges as Pandoc prints them (citeproc-js threw on ends of different precision)', () => {
    const dates = parseBibtex('@book{a, author={Smith, J}, title={A}, date={1034/}}\n@book{b, author={Jones, K}, title={B}, date={/2004-01-01}}\n@book{c, author={Brown, L}, title={C}, date={2019-05/2020}}', 'file:///dates.bib');
    const text = '---\ntitle: T\n---\n\n# Evidence\n\nOne [@a]. Two [@b]. Three [@c].\n';
    const a = analyze({ uri: 'file:///b.brief.md', text, version: 1, relativePath: 'b.brief.md' }, { bibliography: dates });
    const r = renderCitations(a, citeprocEngine, { name: 'chicago-author-date' });
    // What `pandoc --citeproc` (2.17) prints for the same entries.
    assert.deepEqual(r.citations.map((c) => plain(c.html)), ['(Smith 1034–)', '(Jones 2004)', '(Brown 2019–2020)']);
  });

  it('renders each citation in Chicago author-date by default, in document order, with a reference list', () => {
    const a = brief('Prices rose [@smith2020, p. 4]. @doe2019 says so, as did others [see @doe2019; @smith2020] and [-@doe2019].');
    const r = renderCitations(a, citeprocEngine, { name: 'chicago-author-date' });
    assert.equal(r.style.name, 'chicago-author-date');
    assert.match(r.style.title, /Chicago/);
    assert.deepEqual(
      r.citations.map((c) => [c.text, c.status, plain(c.html)]),
      [
        ['[@smith2020, p. 4]', 'rendered', '(Smith and Berg 2020, 4)'],
        ['@doe2019', 'rendered', 'Doe (2019)'],
        ['[see @doe2019; @smith2020]', 'rendered', '(see Doe 2019; Smith and Berg 2020)'],
        ['[-@doe2019]', 'rendered', '(2019)'],
      ],
    );
    assert.deepEqual(
      r.bibliography.map((e) => [e.id, plain(e.html)]),
      [
        ['doe2019', 'Doe, Jane. 2019. Big Book. London: Pub.'],
        ['smith2020', 'Smith, John, and Anna van der Berg. 2020. “On Things.” Journal of X 3: 10–20.'],
      ],
    );
    assert.equal(r.warning, undefined);
  });

  it('never renders an unknown key as if sourced: the citation keeps its text and is marked broken', () => {
    const a = brief('A fact [@nobody2021; @doe2019]. Another [@doe2019].');
    const r = renderCitations(a, citeprocEngine, { name: 'chicago-author-date' });
    assert.equal(r.citations[0].status, 'broken');
    assert.deepEqual(r.citations[0].unknownKeys, ['nobody2021']);
    assert.equal(r.citations[0].html, '[@nobody2021; @doe2019]');
    assert.equal(plain(r.citations[1].html), '(Doe 2019)');
    // Only what is rendered is listed.
    assert.deepEqual(r.bibliography.map((e) => e.id), ['doe2019']);
  });

  it('renders at most MAX_RENDERED_CITATIONS citations and says so (the server stays responsive on a brief of thousands)', () => {
    const a = brief(Array.from({ length: MAX_RENDERED_CITATIONS + 5 }, (_, i) => `Fact ${i} [@doe2019, p. ${i + 1}].`).join(' '));
    const r = renderCitations(a, citeprocEngine, { name: 'chicago-author-date' });
    assert.equal(r.citations.filter((c) => c.status === 'rendered').length, MAX_RENDERED_CITATIONS);
    assert.deepEqual(r.citations.slice(-5).map((c) => c.status), Array(5).fill('unformatted'));
    assert.match(r.warning!, /Only the first 1000 citations are rendered/);
  });

  it('lists placeholder footnotes as pending', () => {
    const a = brief('A fact.[^1] Another.[^2]\n\n[^1]: Source to be added.\n[^2]: Doe, *Big Book*, 2019.');
    assert.deepEqual(renderCitations(a, citeprocEngine, { name: 'chicago-author-date' }).pendingFootnotes, ['1']);
  });

  it('uses another bundled style by name (APA)', () => {
    const a = brief('Prices rose [@smith2020, p. 4].');
    const r = renderCitations(a, citeprocEngine, { name: 'apa' });
    assert.equal(plain(r.citations[0].html), '(Smith & Berg, 2020, p. 4)');
  });

  it('falls back to Chicago author-date, and says so, when a style is unknown or does not parse', () => {
    const a = brief('Prices rose [@smith2020].');
    const unknown = renderCitations(a, citeprocEngine, { name: 'no-such-style' });
    assert.equal(unknown.style.name, 'chicago-author-date');
    assert.match(unknown.warning!, /Unknown citation style "no-such-style".*using Chicago author-date/);
    assert.equal(plain(unknown.citations[0].html), '(Smith and Berg 2020)');
    for (const xml of ['<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><citation><layout>', 'not xml at all', '<?xml version="1.0"?><html/>']) {
      const broken = renderCitations(a, citeprocEngine, { name: 'mine.csl', xml, origin: '"mine.csl" (named in the front matter)' });
      assert.equal(broken.style.name, 'chicago-author-date', xml);
      assert.match(broken.warning!, /The citation style "mine\.csl" \(named in the front matter\) could not be read \(.+\); using Chicago author-date\./);
      assert.equal(plain(broken.citations[0].html), '(Smith and Berg 2020)');
    }
  });

  it('reads pages, chapters and sections as CSL locator labels', () => {
    assert.deepEqual(locatorOf('p. 4'), { label: 'page', locator: '4' });
    assert.deepEqual(locatorOf('pp. 33-35, 38'), { label: 'page', locator: '33-35, 38' });
    assert.deepEqual(locatorOf('chap. 2'), { label: 'chapter', locator: '2' });
    assert.deepEqual(locatorOf('§ 3'), { label: 'section', locator: '3' });
    assert.deepEqual(locatorOf('12'), { label: 'page', locator: '12' });
  });

  it('gives the citation hover the formatted reference, in Markdown', () => {
    const a = brief('Prices rose [@doe2019].');
    const html = formatReference(a, citeprocEngine, { name: 'chicago-author-date' }, 'doe2019')!;
    assert.equal(htmlToMarkdown(html), 'Doe, Jane. 2019. *Big Book*. London: Pub.');
    const offset = a.model.text.indexOf('doe2019');
    const h = hoverAt(a, offset, (k) => formatReference(a, citeprocEngine, { name: 'chicago-author-date' }, k));
    assert.match(h!.contents, /\*\*Source\*\* `@doe2019`\n\nDoe, Jane\. 2019\. \*Big Book\*\. London: Pub\./);
  });

  it('takes the style from front matter `csl:` (a file beside the brief), else the conventions, and falls back when the file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-csl-'));
    writeFileSync(join(dir, 'refs.bib'), BIB);
    writeFileSync(join(dir, 'broken.csl'), '<style xmlns="http://purl.org/net/xbiblio/csl"><oops');
    const ws = new NodeWorkspace();
    ws.setFolders([pathToFileURL(dir).href]);
    const service = createBriefService(ws, undefined, { citationEngine: citeprocEngine });
    const doc = (name: string, fm: string) => {
      const text = `---\nbibliography: refs.bib\n${fm}---\n\n# Evidence\n\nPrices rose [@smith2020, p. 4].\n`;
      writeFileSync(join(dir, name), text);
      return { uri: pathToFileURL(join(dir, name)).href, version: 1, getText: () => text };
    };
    assert.equal(plain(service.renderedCitations(doc('a.brief.md', ''))!.citations[0].html), '(Smith and Berg 2020, 4)');
    assert.equal(plain(service.renderedCitations(doc('b.brief.md', 'csl: apa\n'))!.citations[0].html), '(Smith & Berg, 2020, p. 4)');
    const missing = service.renderedCitations(doc('c.brief.md', 'csl: styles/house.csl\n'))!;
    assert.match(missing.warning!, /The citation style "styles\/house\.csl" \(named in the front matter\) cannot be used: the file does not exist; using Chicago author-date\./);
    const broken = service.renderedCitations(doc('d.brief.md', 'csl: broken.csl\n'))!;
    assert.match(broken.warning!, /"broken\.csl" \(named in the front matter\) could not be read/);
    assert.equal(plain(broken.citations[0].html), '(Smith and Berg 2020, 4)');
    writeFileSync(join(dir, '.briefmark.yaml'), 'citationStyle: vancouver\n');
    const ws2 = new NodeWorkspace();
    ws2.setFolders([pathToFileURL(dir).href]);
    const s2 = createBriefService(ws2, undefined, { citationEngine: citeprocEngine });
    const r = s2.renderedCitations(doc('e.brief.md', ''))!;
    assert.equal(r.style.name, 'vancouver', JSON.stringify(r.warning));
  });
});
