/** Citations and footnotes in the Markdown preview: the server's rendering (citeproc-js) placed by the plugin. */
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { RenderedCitationsCache } from '../../client/src/preview/renderedCitations';
import { briefmarkPlugin } from '../../client/src/preview/markdownItBriefmark';
import { analyze } from '../../server/src/core/analysis';
import { renderCitations } from '../../server/src/core/citations/renderCitations';
import { parseBibtex } from '../../server/src/core/sources/bibtex';
import { citeprocEngine } from '../../server/src/node/citeproc/load';
import { toWireRenderedCitations } from '../../server/src/protocol/renderedCitations';

const URI = 'file:///w/cited.brief.md';
const bibliography = parseBibtex(
  `@book{doe2019, author = {Doe, Jane}, title = {Big Book}, publisher = {Pub}, address = {London}, year = 2019}
   @article{smith2020, author = {Smith, John}, title = {On Things}, journal = {Journal of X}, year = 2020}`,
  'file:///w/refs.bib',
);

function preview(text: string, style = 'chicago-author-date') {
  const a = analyze({ uri: URI, text, version: 1, relativePath: 'cited.brief.md' }, { bibliography });
  const cache = new RenderedCitationsCache();
  assert.equal(cache.update(toWireRenderedCitations(a.model.lines, renderCitations(a, citeprocEngine, { name: style }), URI, 1)), true);
  const md = new MarkdownIt({ html: true }).use(briefmarkPlugin, { renderedCitations: cache.lookup });
  return md.render(text, { currentDocument: { toString: () => URI } });
}

const BRIEF = `---
title: T
---

# Evidence

:claim[Prices rose] [@smith2020, p. 4]. As @doe2019 shows, *storage* was full [see @doe2019; @smith2020].

Exports fell [@nowhere2021].[^1] Imports rose.[^2]

[^1]: Source to be added.
[^2]: Ministry figures [@doe2019, chap. 3].
`;

describe('preview: citations rendered in the brief\'s CSL style, footnotes, references', function () {
  this.timeout(20_000);

  it('replaces each citation by its rendering, and adds the reference list', () => {
    const html = preview(BRIEF);
    assert.match(html, /<span class="briefmark-citation" title="\[@smith2020, p\. 4\]">\(Smith 2020, 4\)<\/span>/);
    assert.match(html, /As <span class="briefmark-citation"[^>]*>Doe \(2019\)<\/span> shows/);
    assert.match(html, /<span class="briefmark-citation"[^>]*>\(see Doe 2019; Smith 2020\)<\/span>/);
    assert.match(html, /<section class="briefmark-references" title="Rendered by Briefmark in Chicago Manual of Style 17th edition \(author-date\)">\s*<h2>References<\/h2>/);
    assert.match(html, /Doe, Jane\. 2019\. <i>Big Book<\/i>\. London: Pub\./);
    assert.doesNotMatch(html.replace(/ title="[^"]*"/g, ""), /\[@smith2020|\[see @doe2019/);
  });

  it('never renders an unknown key as if sourced', () => {
    const html = preview(BRIEF);
    assert.match(html, /<span class="briefmark-citation briefmark-broken" title="Not in the bibliography: @nowhere2021">\[@nowhere2021\]<\/span><sup class="briefmark-badge briefmark-broken"[^>]*>source not found<\/sup>/);
  });

  it('renders footnotes as notes after the references, marks a placeholder footnote\'s call, and renders citations inside notes', () => {
    const html = preview(BRIEF);
    assert.match(html, /<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup><sup class="briefmark-badge briefmark-pending"[^>]*>source pending<\/sup>/);
    assert.match(html, /<sup class="footnote-ref"><a href="#fn2" id="fnref2">\[2\]<\/a><\/sup>(?!<sup class="briefmark-badge)/);
    assert.ok(html.indexOf('briefmark-references') < html.indexOf('class="footnotes"'), 'references before the notes');
    assert.match(html, /Ministry figures <span class="briefmark-citation"[^>]*>\(Doe 2019, chap\. 3\)<\/span>/);
    assert.doesNotMatch(html, /\[\^1\]|\[\^2\]/);
  });

  it('follows the style the brief asks for', () => {
    assert.match(preview(BRIEF, 'apa'), /<span class="briefmark-citation"[^>]*>\(Smith, 2020, p\. 4\)<\/span>/);
  });

  it('places citations in tokens parsed before the server answered (hosts cache tokens per version), without changing them', () => {
    const a = analyze({ uri: URI, text: BRIEF, version: 1, relativePath: 'cited.brief.md' }, { bibliography });
    const cache = new RenderedCitationsCache();
    const md = new MarkdownIt().use(briefmarkPlugin, { renderedCitations: cache.lookup });
    const env = { currentDocument: { toString: () => URI } };
    const tokens = md.parse(BRIEF, env);
    assert.doesNotMatch(md.renderer.render(tokens, md.options, env), /briefmark-citation/);
    cache.update(toWireRenderedCitations(a.model.lines, renderCitations(a, citeprocEngine, { name: 'chicago-author-date' }), URI, 1));
    const html = md.renderer.render(tokens, md.options, env);
    assert.match(html, /\(Smith 2020, 4\)/);
    assert.match(html, /briefmark-references/);
    assert.equal(md.renderer.render(tokens, md.options, env), html, 'the cached tokens are unchanged: the same output again');
  });

  it('leaves citations as written for a document the server has not rendered', () => {
    const md = new MarkdownIt().use(briefmarkPlugin, { renderedCitations: new RenderedCitationsCache().lookup });
    const html = md.render('Prices rose [@smith2020].', { currentDocument: { toString: () => 'file:///other.md' } });
    assert.match(html, /Prices rose \[@smith2020\]\./);
    assert.doesNotMatch(html, /briefmark-references/);
  });
});
