/** The Markdown preview plugin, run on markdown-it directly (VS Code's preview uses markdown-it too). */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { ClaimStatuses } from '../../client/src/preview/claimStatuses';
import { briefmarkPlugin, parseAttributes } from '../../client/src/preview/markdownItBriefmark';
import { ADVERSARIAL } from './fuzz/generators';
import { FAST } from './helpers/budget';
import { leastMs } from './helpers/timing';

const md = () => new MarkdownIt({ html: true, linkify: true }).use(briefmarkPlugin);
const render = (src: string) => md().render(src);
const inline = (src: string) => md().renderInline(src);

describe('preview plugin (markdown-it)', () => {
  it('renders a sourced claim as its label, marked as a claim, without the syntax', () => {
    const html = inline(':claim[around 30 countries]{src=coalition-call}');
    assert.equal(html, '<span class="briefmark-claim" title="Claim · sources: coalition-call" data-src="coalition-call">around 30 countries</span>');
  });

  it('marks a claim with no source visibly', () => {
    const html = inline('Needs may exceed :claim[$400 billion].');
    assert.match(html, /<span class="briefmark-claim briefmark-unsourced" title="Claim — no source">\$400 billion<\/span><sup class="briefmark-badge[^"]*"[^>]*>unsourced<\/sup>\./);
    assert.doesNotMatch(html, /:claim|\[|\]/);
  });

  const sourcedBySentence: [string, string][] = [
    ['a citation after it', ':claim[Rubio took part] [@coalition-call].'],
    ['a citation right after it', ':claim[Rubio took part][@coalition-call].'],
    ['an in-text citation', ':claim[Rubio took part], says @wire.'],
    ['a footnote after the full stop', ':claim[Macron said so].[^geneva]'],
    ['a link', ':claim[It grew] ([report](https://example.org/r)).'],
    ['a citation in the label', ':claim[It grew [@wire]].'],
  ];
  for (const [what, src] of sourcedBySentence) {
    it(`counts ${what} as a source`, () => assert.doesNotMatch(inline(src), /briefmark-unsourced/, src));
  }

  it('does not borrow a source from the next sentence', () => {
    assert.match(inline(':claim[It grew]. Later [@wire] said more.'), /briefmark-unsourced/);
  });

  it('renders actors and recommendations, and nested tags inside a claim', () => {
    const html = inline(':claim[:actor[Macron]{id=fr-president} said **no**]{src=lci} and :rec[Clarify]{track=1 priority=high}');
    assert.equal(
      html,
      '<span class="briefmark-claim" title="Claim · sources: lci" data-src="lci"><span class="briefmark-actor" title="Actor · fr-president" data-id="fr-president">Macron</span> said <strong>no</strong></span>' +
        ' and <span class="briefmark-rec" title="Recommendation · track: 1 · priority: high" data-track="1" data-priority="high">Clarify</span>',
    );
  });

  it('renders a :::rec container as a box with its label and attributes, and its body as Markdown', () => {
    const html = render(':::rec[Clarify red lines]{id=red-lines actor=coalition priority=high horizon="3 months"}\nEvery party states its *positions*.\n:::\n\nAfter.\n');
    assert.match(html, /^<div class="briefmark-rec-box" data-line="0" data-id="red-lines" data-actor="coalition" data-priority="high" data-horizon="3 months">/);
    assert.match(html, /<div class="briefmark-rec-title"><span class="briefmark-rec-kind">Recommendation<\/span> Clarify red lines<span class="briefmark-rec-attrs">/);
    assert.match(html, /<span class="briefmark-rec-attr-name">horizon<\/span> 3 months/);
    assert.match(html, /<p>Every party states its <em>positions<\/em>.<\/p>\n<\/div>\n<p>After.<\/p>/);
    assert.doesNotMatch(html, /:::/);
  });

  it('renders the example brief without any raw tag syntax left', () => {
    const src = readFileSync(join(import.meta.dirname, '../../examples/ceasefire-impasse.brief.md'), 'utf8');
    const html = render(src.replace(/^---[\s\S]*?\n---\n/, ''));
    assert.doesNotMatch(html, /:(claim|actor|rec)\[/);
    assert.doesNotMatch(html, /^:::/m);
    assert.equal((html.match(/class="briefmark-claim briefmark-unsourced"/g) ?? []).length, 1, 'one unsourced claim, as the language server reports');
    assert.match(html, /briefmark-unsourced[^>]*>\$400 billion/);
  });

  const untouched = [
    'The call starts at 10:30 and the vote went 3:1 :smile:',
    'A :cliam[near miss]{src=x} stays text.',
    'An :claim[unclosed label stays text',
    'Not a tag: a:claim[x] or \\:claim[x]',
    'In code: `:claim[x]{src=y}`',
  ];
  for (const src of untouched) {
    it(`leaves ${JSON.stringify(src)} as ordinary text`, () => {
      assert.equal(inline(src), new MarkdownIt({ html: true, linkify: true }).renderInline(src));
    });
  }

  const malformed = [
    ':claim[x]{src="unterminated}',
    ':::rec[never closed]{id=x}\nbody',
    ':::rec[a]\n:::rec[b]\ninner\n:::\n',
    ':claim[[[[[]{',
    '::: rec\n:::',
    ':claim[a :claim[b :claim[c]]]',
    '> :::rec[quoted]\n> body\n\nout',
    '- :::rec[in a list]\n  body\n  :::',
    ':rec{track=1}',
  ];
  for (const src of malformed) {
    it(`never throws, and renders something, on ${JSON.stringify(src)}`, () => {
      const html = render(src);
      assert.ok(html.length > 0);
    });
  }

  it('marks an unclosed :::rec box and runs it to the end', () => {
    const html = render(':::rec[never closed]{id=x}\nbody\n');
    assert.match(html, /briefmark-rec-box briefmark-unclosed/);
    assert.match(html, /not closed/);
    assert.match(html, /<p>body<\/p>/);
  });

  it('closes nested containers at the right fence', () => {
    const html = render(':::rec[outer]\n:::rec[inner]\ninner body\n:::\nouter body\n:::\nafter\n');
    assert.equal((html.match(/class="briefmark-rec-box"/g) ?? []).length, 2);
    assert.match(html, /inner body<\/p>\n<\/div>\n<p>outer body<\/p>\n<\/div>\n<p>after<\/p>/);
  });

  it('escapes attribute values', () => {
    assert.match(inline(':claim[x]{src="<script>"}'), /data-src="&lt;script&gt;"/);
  });

  it('renders hostile briefs in time proportional to their length (the fuzz suite\'s adversarial patterns)', function () {
    this.timeout(120_000);
    // A paragraph of `:claim[` that never close took 0.5 s for 40 KB and grew with its
    // square (each scanned to the paragraph's end), so did claims in a paragraph with no
    // sentence end; the preview runs in the editor's extension host.
    const QUADRATIC_BEFORE = ['unclosed text directives', 'unclosed attribute lists', 'CR line endings'];
    const m = md();
    const time = (text: string) => leastMs(() => m.render(text), 2);
    for (const [name, make] of Object.entries(ADVERSARIAL).filter(([n]) => !FAST || QUADRATIC_BEFORE.includes(n))) {
      time(make(1000));
      const a = time(make(4000));
      // 32 times the text: linear is ×32, quadratic ×1,024 (at 64 KB a paragraph of 16,000
      // claim lines, counted from the block's start for each claim, passed now and then).
      const b = time(make(128_000));
      const ratio = b / Math.max(a, 1);
      assert.ok(b < 600 || ratio < 96, `${name}: ${a.toFixed(0)} ms for 4 KB, ${b.toFixed(0)} ms for 128 KB (×${ratio.toFixed(1)})`);
    }
  });

  it('parses attributes in all their forms', () => {
    assert.deepEqual(parseAttributes('#a .b key=v q="x y" s=\'z\' flag'), [
      { name: 'id', value: 'a' },
      { name: 'class', value: 'b' },
      { name: 'key', value: 'v' },
      { name: 'q', value: 'x y' },
      { name: 's', value: 'z' },
      { name: 'flag', value: '' },
    ]);
  });
});

describe('preview plugin: the server\'s sourcing statuses', () => {
  const uri = 'file:///w/b.brief.md';
  const statuses = new ClaimStatuses();
  const claim = (line: number, character: number, status: 'sourced' | 'pending' | 'missing' | 'broken') => ({ label: 'x', status, range: { start: { line, character }, end: { line, character: character + 1 } } });
  statuses.update({
    uri,
    version: 1,
    isBrief: true,
    claims: { total: 4, sourced: 1, pending: 1, missing: 1, broken: 1 },
    sections: [{ title: 'T', level: 1, sourced: 1, unsourced: 3, pending: 1, missing: 1, broken: 1, claims: [claim(2, 0, 'sourced'), claim(2, 30, 'pending'), claim(4, 2, 'broken'), claim(5, 0, 'missing')] }],
    tracks: [],
    actors: [],
    coverage: [],
  });
  const html = new MarkdownIt()
    .use(briefmarkPlugin, { claimStatus: statuses.lookup })
    .render('# T\n\n:claim[A sourced one][^ok] and :claim[a pending one][^todo].\n\n> :claim[A broken one] [@nowhere],\n:claim[a missing one].\n', { currentDocument: { toString: () => uri } });

  it('marks each claim with the status the server gave it, found by line and order', () => {
    assert.match(html, /<span class="briefmark-claim" title="Claim">A sourced one<\/span>(?!<sup)/);
    assert.match(html, /<span class="briefmark-claim briefmark-pending" title="Claim — source pending \(a placeholder\)">a pending one<\/span><sup class="briefmark-badge briefmark-pending" aria-label="source pending">source pending<\/sup>/);
    assert.match(html, /<span class="briefmark-claim briefmark-broken"[^>]*>A broken one<\/span><sup class="briefmark-badge briefmark-broken" aria-label="source not found">source not found<\/sup>/);
    assert.match(html, /<span class="briefmark-claim briefmark-unsourced"[^>]*>a missing one<\/span><sup class="briefmark-badge briefmark-unsourced" aria-label="no source">no source<\/sup>/);
  });

  it('keeps the local test for a document the server has not reported', () => {
    const other = new MarkdownIt().use(briefmarkPlugin, { claimStatus: statuses.lookup }).render(':claim[It grew].\n', { currentDocument: { toString: () => 'file:///other.md' } });
    assert.match(other, /briefmark-unsourced[\s\S]*>unsourced</);
  });
});
