import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { hoverAt } from '../../server/src/core/features/hover';
import { definitionAt, prepareRenameAt } from '../../server/src/core/features/navigation';
import { briefLabels } from '../../server/src/core/model/labels';
import { briefSourcing } from '../../server/src/core/semantics/sourcing';

/**
 * Quarto's and pandoc-crossref's cross-references (`@fig-map` naming `{#fig-map}`): Pandoc
 * parses them as citations, and so does Briefmark (the differential against Pandoc); a key
 * that names no source but a label of the brief is a cross-reference — no source, no
 * `unknown-source`, a hover that says so, Go to Definition to the label.
 */
const BRIEF = `---
brief: true
references:
  - { id: ema2023, title: Sales of veterinary antimicrobial agents }
---
# Antibiotics on farms

:claim[Sales fell by half between 2011 and 2022] (@fig-trend).

:claim[Sales fell by half between 2011 and 2022] [@ema2023; @fig-trend].

Sales doubled in Asia after 2015 (see @sec-evidence).

![Sales per kilogram](trend.png){#fig-trend}

## The evidence {.unnumbered #sec-evidence}

::: {#fig-panel layout-ncol=2}
Two panels.
:::

$$ x = 1 $$ {#eq-one}

[a span]{#span-id .mark}, and {no id}.
`;
const URI = 'file:///w/amr.brief.md';

describe('cross-references to labels of the brief', () => {
  const a = analyze({ uri: URI, text: BRIEF });

  it('reads the labels of headings, images, divs, display maths and spans, where they are written', () => {
    const labels = briefLabels(a.model);
    assert.deepEqual([...labels.keys()].sort(), ['eq-one', 'fig-panel', 'fig-trend', 'sec-evidence', 'span-id']);
    const at = labels.get('fig-trend')!;
    assert.equal(BRIEF.slice(at.start, at.end), '#fig-trend');
  });

  it('reads no label from a citation whose key is written in braces (`@{#x}`: long fuzz run 3737373)', () => {
    const text = '---\nbrief: true\n---\n\nOfficials said 40% of talks failed [-@x].\n\nSee @{#x} here, and {#y} there.\n';
    const b = analyze({ uri: 'file:///w/braced.brief.md', text });
    assert.deepEqual([...briefLabels(b.model).keys()], ['y']);
    // So the key x names nothing: an unknown source, as it is with any other braced key there.
    assert.deepEqual(b.diagnostics.filter((d) => d.code === 'unknown-source').map((d) => text.slice(d.span.start, d.span.end)), ['x', '#x']);
  });

  it('is no source of a claim, and no unknown source', () => {
    const codes = a.diagnostics.map((d) => `${d.code} ${BRIEF.slice(d.span.start, d.span.end)}`);
    assert.ok(!codes.some((c) => c.startsWith('unknown-source')), codes.join('\n'));
    const [first, second] = a.model.claims.map((c) => briefSourcing(a).of.get(c)!.status);
    assert.equal(first, 'missing');
    assert.equal(second, 'sourced');
    const unsourced = a.diagnostics.filter((d) => d.code === 'unsourced-claim');
    assert.equal(unsourced.length, 1);
    assert.match(unsourced[0].message, /@fig-trend is a cross-reference to a label of this brief, not a source/);
    // The sentence with only a cross-reference is still judged.
    assert.ok(a.diagnostics.some((d) => d.code === 'possible-unsourced-assertion' && BRIEF.slice(d.span.start, d.span.end).startsWith('Sales doubled in Asia')));
  });

  it('hovers as a cross-reference and goes to its label', () => {
    const at = BRIEF.indexOf('@sec-evidence') + 3;
    const hover = hoverAt(a, at);
    assert.match(JSON.stringify(hover), /Cross-reference.*@sec-evidence/);
    const [loc] = definitionAt(a, at);
    assert.equal(BRIEF.slice(loc.span!.start, loc.span!.end), '#sec-evidence');
    // Renaming the key alone would break the cross-reference.
    assert.match(JSON.stringify(prepareRenameAt(a, at)), /is a cross-reference to the label \{#sec-evidence\}/);
    assert.deepEqual(prepareRenameAt(a, BRIEF.indexOf('@ema2023') + 2), { span: { start: BRIEF.indexOf('@ema2023') + 1, end: BRIEF.indexOf('@ema2023') + 8 }, placeholder: 'ema2023' });
  });

  it('an unknown key with a cross-reference prefix is reported, and the message names the missing label', () => {
    const b = analyze({ uri: URI, text: BRIEF.replace('{#fig-trend}', '') });
    const unknown = b.diagnostics.filter((d) => d.code === 'unknown-source');
    assert.equal(unknown.length, 2);
    assert.match(unknown[0].message, /nor a label of this brief for a cross-reference \(add \{#fig-trend\}/);
  });
});
