import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { mergeConventions } from '../../server/src/core/conventions/mergeConventions';
import { parseConventions } from '../../server/src/core/conventions/parseConventions';
import { documentSymbols } from '../../server/src/core/features/documentSymbols';
import { covered, expectFixture, where } from './helpers/fixtures';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

describe('the example brief', () => {
  const text = readFileSync(join(EXAMPLES, 'ceasefire-impasse.brief.md'), 'utf8');
  // The example's own team conventions, as the server and the CLI find them beside it.
  const conventionsText = readFileSync(join(EXAMPLES, '.briefmark.yaml'), 'utf8');
  const parsed = parseConventions('file:///examples/.briefmark.yaml', conventionsText);
  const a = analyze({ uri: 'file:///examples/ceasefire-impasse.brief.md', text, relativePath: 'ceasefire-impasse.brief.md' }, { conventions: mergeConventions([parsed.layer]) });

  it('has valid conventions, and every actor tag resolves to the registry', () => {
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(a.model.actors.map((x) => x.actorId), ['fr-president', 'fr-president', 'eu-commission']);
    assert.ok(a.model.actorMentions.some((m) => m.actorId === 'coalition'), 'untagged mentions of the coalition are recognised');
  });

  it('is a brief, with its expected diagnostics', () => {
    assert.equal(a.model.isBrief, true);
    const lines = a.diagnostics.map((d) => `${where(a, d.span)} ${d.severity} ${d.code} ${covered(a, d.span)}`);
    expectFixture('examples', 'ceasefire-impasse.diagnostics.txt', lines.join('\n') + '\n');
  });

  it('has a four-level framework outline in document order, inside the outline of the whole brief', () => {
    const [title] = documentSymbols(a.model);
    assert.equal(title.name, 'Ceasefire Diplomacy After the Coalition Call');
    const fw = title.children.find((c) => c.kind === 'framework')!;
    assert.equal(fw.name, 'Proposed Solutions Framework');
    assert.deepEqual(
      fw.children.map((t) => t.name),
      ['Track 1: Diplomatic Pathway', 'Track 2: Economic Leverage', 'Track 3: Military and Security'],
    );
    const immediate = fw.children[0].children.find((c) => c.kind === 'group')!;
    assert.deepEqual(immediate.children.map((r) => r.name), ['Clarify red lines', 'Incremental Agreements']);
  });
});
