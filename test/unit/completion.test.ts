import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { defaultConventions, type Conventions } from '../../server/src/core/conventions/types';
import { completionAt } from '../../server/src/core/features/completion';

const conventions = (): Conventions => {
  const c = defaultConventions();
  c.actors = [
    { id: 'fr-president', name: 'Emmanuel Macron', type: 'person', role: 'President of France', aliases: ['Macron'] },
    { id: 'eu', name: 'European Union', type: 'organisation' },
  ];
  c.framework.tracks = [{ id: 'diplomatic', title: 'Diplomatic Pathway' }];
  c.tags.note = { attributes: { tone: ['dry', 'warm'] }, required: ['tone'] };
  return c;
};

const FRONT = `---
brief: true
references:
  - id: lci-2025
    title: Interview on LCI
    author: [{ family: Dupont, given: Anne }]
    issued: { date-parts: [[2025]] }
  - id: un-report
    title: Humanitarian Overview
---
`;
const BODY = `
# Proposed Solutions Framework

## Track 1: Diplomatic Pathway

Text.[^note]

## Track B - Economic Leverage

[^note]: A footnote text.
[^Other]: Second one.
`;

/** Completes at the `¦` in `line` (inserted after the front matter); returns `label(detail)` and the replaced text. */
function complete(line: string, c = conventions()) {
  const cursor = line.indexOf('¦');
  assert.ok(cursor >= 0, 'the line has a ¦');
  const text = FRONT + line.replace('¦', '') + '\n' + BODY;
  const offset = FRONT.length + cursor;
  const analysis = analyze({ uri: 'file:///w/a.brief.md', text, relativePath: 'a.brief.md' }, { conventions: c });
  const items = completionAt(analysis, offset);
  return {
    labels: items.map((i) => i.label),
    details: items.map((i) => `${i.label}(${i.detail ?? ''})`),
    replaced: [...new Set(items.map((i) => text.slice(i.span.start, i.span.end)))],
    items,
  };
}

describe('completion', () => {
  it('offers tag names after a colon at a word boundary, as snippets', () => {
    const r = complete('Some text :¦');
    assert.deepEqual(r.labels, ['claim', 'actor', 'rec', 'note']);
    assert.equal(r.items[0].insertText, 'claim[$1]{src=$2}$0');
    assert.ok(r.items.every((i) => i.snippet));
    assert.deepEqual(complete('Start :cl¦aim').replaced, ['claim']);
  });

  it('offers containers after three colons and nothing after 10:30', () => {
    const r = complete(':::¦');
    assert.deepEqual(r.labels, ['rec', 'note']);
    assert.equal(r.items[0].insertText, 'rec[$1]{track=$2}\n$0\n:::');
    assert.deepEqual(complete('Meet at 10:¦').labels, []);
  });

  it('offers the attributes a tag does not have yet', () => {
    assert.deepEqual(complete(':claim[x]{¦').labels, ['src', 'id', 'status', 'by']);
    assert.deepEqual(complete(':claim[x]{src=a st¦').labels, ['id', 'status', 'by']);
    assert.deepEqual(complete(':rec[Do]{track=1 ¦').labels, ['id', 'actor', 'priority', 'horizon']);
    assert.deepEqual(complete(':note[x]{¦').labels, ['tone']);
    assert.equal(complete(':note[x]{¦').items[0].detail, 'required');
    assert.deepEqual(complete(':claim[:actor[Macron] said]{¦').labels, ['src', 'id', 'status', 'by']);
  });

  it('offers status, priority and convention values', () => {
    assert.deepEqual(complete(':claim[x]{status=¦').labels, ['asserted', 'contested', 'verified', 'retracted']);
    assert.deepEqual(complete(':claim[x]{status="con¦').replaced, ['con']);
    assert.deepEqual(complete(':rec[x]{priority=¦').labels, ['high', 'medium', 'low']);
    assert.deepEqual(complete(':note[x]{tone=¦').labels, ['dry', 'warm']);
  });

  it('offers actor ids with their names for id, by and actor', () => {
    assert.deepEqual(complete(':actor[Macron]{id=¦').details, ['fr-president(Emmanuel Macron)', 'eu(European Union)']);
    assert.deepEqual(complete(':claim[x]{by=fr¦').replaced, ['fr']);
    assert.deepEqual(complete(':claim[x]{src=a by=¦').labels, ['fr-president', 'eu'], 'the value of the last attribute');
    assert.deepEqual(complete(':claim[x]{src="a b" by=e¦}').replaced, ['e']);
    const list = complete(':rec[x]{actor="eu fr-pr¦');
    assert.deepEqual(list.labels, ['fr-president', 'eu']);
    assert.deepEqual(list.replaced, ['fr-pr'], 'only the current item of the list is replaced');
    assert.match(complete(':actor[M]{id=¦').items[0].documentation ?? '', /President of France/);
  });

  it('offers track numbers, titles and convention ids', () => {
    assert.deepEqual(complete(':rec[x]{track=¦').details, ['1(Track 1: Diplomatic Pathway)', 'B(Track B: Economic Leverage)', 'diplomatic(Diplomatic Pathway)']);
  });

  it('offers citation keys with author and year after @ and [@, and in src', () => {
    assert.deepEqual(complete('As shown [@¦').details, ['lci-2025(Anne Dupont 2025)', 'un-report()']);
    assert.deepEqual(complete('As @lc¦ said').replaced, ['lc']);
    assert.deepEqual(complete('See [see @a; @¦').labels, ['lci-2025', 'un-report']);
    assert.match(complete('[@¦').items[0].documentation ?? '', /Interview on LCI/);
    assert.deepEqual(complete('mail me at x@¦').labels, [], 'not inside an e-mail address');
    // The brief's labels, for Quarto's cross-references, after the entries (not an entry's key).
    const labelled = complete('As @fi¦ shows. ![Map](map.png){#fig-map} and [a span]{#un-report}');
    assert.deepEqual(labelled.details.slice(-1), ['fig-map(cross-reference to a label of this brief)']);
    assert.deepEqual(labelled.labels, ['lci-2025', 'un-report', 'fig-map']);
    assert.deepEqual(complete(':claim[x]{src="lci-2025, @u¦').replaced, ['u']);
    assert.deepEqual(complete(':claim[x]{src=¦').labels, ['lci-2025', 'un-report', 'note', 'other']);
  });

  it('offers footnote ids after [^', () => {
    const r = complete('Text[^¦');
    assert.deepEqual(r.labels, ['note', 'Other']);
    assert.equal(r.items[0].documentation, 'A footnote text.');
    assert.deepEqual(complete('Text[^no¦]').replaced, ['no']);
  });

  it('offers nothing in plain text or in a file that is not a brief', () => {
    assert.deepEqual(complete('Just words¦').labels, []);
    const text = '# Notes\n\nSee :';
    const analysis = analyze({ uri: 'file:///w/README.md', text, relativePath: 'README.md' }, { conventions: conventions() });
    assert.deepEqual(completionAt(analysis, text.length), []);
  });
});
