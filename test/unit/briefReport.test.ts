import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analysis';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { briefReport, type BriefReport } from '../../server/src/core/features/briefReport';

const BRIEF = `---
brief: true
references:
  - id: wire
    title: Wire report
---
# Title

:claim[Before any section]{src=wire}

## Executive Summary

:actor[Macron]{id=fr-president} said :claim[Russia is not ready]{src=wire}. :claim[$400 billion].
:claim[A broken key]{src=nowhere}. The President of France agreed. :actor[Rubio] too.

## Context

:claim[Thirty countries] [@wire]. :actor[President Macron] again.
:claim[Half the budget][^todo]. :claim[Most exports]{src=wire}[^todo].

[^todo]: Source to be added.

## Proposed Solutions Framework

### Track 1: Diplomatic Pathway

#### Immediate Actions

:::rec[Clarify red lines]{actor=coalition}
Body.
:::

### Track 2: Economic Leverage

Frozen Assets: decide how frozen assets are used.

## Annex

:rec[Stray]{track=9}
`;

function report(text = BRIEF): BriefReport {
  const conventions = defaultConventions();
  conventions.actors = [{ id: 'fr-president', name: 'Emmanuel Macron', type: 'person', aliases: ['Macron', 'President Macron', 'President of France'] }];
  return briefReport(analyze({ uri: 'file:///b.brief.md', text, relativePath: 'b.brief.md' }, { conventions }));
}

/** The text a span covers. */
const at = (s: { start: number; end: number }) => BRIEF.slice(s.start, s.end);

describe('briefReport', () => {
  it('counts claims by status: sourced when a source resolves; a placeholder is pending, a broken key broken', () => {
    assert.deepEqual(report().claims, { total: 7, sourced: 4, pending: 1, missing: 1, broken: 1 });
  });

  it('groups claims by their innermost section, in document order, with their places', () => {
    const r = report();
    assert.deepEqual(
      r.sections.map((s) => [s.title, s.level, s.sourced, s.unsourced, s.pending, s.missing, s.broken]),
      [
        ['Title', 1, 1, 0, 0, 0, 0],
        ['Executive Summary', 2, 1, 2, 0, 1, 1],
        ['Context', 2, 2, 1, 1, 0, 0],
      ],
    );
    const summary = r.sections[1];
    assert.deepEqual(
      summary.claims.map((c) => [c.label, c.status]),
      [
        ['Russia is not ready', 'sourced'],
        ['$400 billion', 'missing'],
        ['A broken key', 'broken'],
      ],
    );
    assert.equal(at(summary.claims[1].span), ':claim[$400 billion]');
    assert.equal(at(summary.span!), '## Executive Summary');
  });

  it('lists recommendations per track, tagged and untagged, then those of no track', () => {
    const r = report();
    assert.deepEqual(
      r.tracks.map((t) => [t.title, t.recommendations.map((x) => x.label)]),
      [
        ['Track 1: Diplomatic Pathway', ['Clarify red lines']],
        ['Track 2: Economic Leverage', ['Frozen Assets']],
        ['No track', ['Stray']],
      ],
    );
    assert.equal(r.tracks[0].recommendations[0].group, 'Immediate Actions');
    assert.equal(at(r.tracks[1].recommendations[0].span), 'Frozen Assets');
  });

  it('ranks actors by mentions, tagged and untagged, resolving aliases to one actor', () => {
    const r = report();
    assert.deepEqual(
      r.actors.map((a) => [a.name, a.id, a.mentions, a.tagged]),
      [
        ['Emmanuel Macron', 'fr-president', 3, 2],
        ['Rubio', undefined, 1, 1],
      ],
    );
    assert.deepEqual(r.actors[0].spans.map(at), [':actor[Macron]{id=fr-president}', 'President of France', ':actor[President Macron]']);
  });

  it('reports nothing for a Markdown file that is not a brief', () => {
    const r = briefReport(analyze({ uri: 'file:///README.md', text: '# Readme\n\nAt 10:30, @someone said 12%.\n', relativePath: 'README.md' }));
    assert.deepEqual(r, { isBrief: false, claims: { total: 0, sourced: 0, pending: 0, missing: 0, broken: 0 }, sections: [], tracks: [], actors: [], coverage: [] });
  });
});
