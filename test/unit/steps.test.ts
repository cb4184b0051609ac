import { strict as assert } from 'node:assert';
import { analysisSteps, analyze } from '../../server/src/core/analysis';
import { RULES, severityOf } from '../../server/src/core/rules';
import { defaultConventions } from '../../server/src/core/conventions/types';

/** Where the analysis can pause (docs/performance.md): every 16 blocks of the model, after the model, after each rule. */
describe('the analysis in steps', function () {
  this.timeout(30_000);
  it('pauses within a long model, after it, and after each rule, and gives the same result as analyze', () => {
    const text = '---\nbrief: true\n---\n' + Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} says :claim[a thing]{src=k${i % 7}}.\n`).join('\n');
    const input = { uri: 'file:///w/long.brief.md', text };
    const blocks = analyze(input).parsed.blocks.length;
    assert.ok(blocks > 100, `${blocks} blocks (short paragraphs are parsed in chunks of about 1 KB)`);
    const steps = analysisSteps(input);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    // A step every 16 blocks of the model, one after it, one after each rule that runs.
    const running = RULES.filter((r) => severityOf({ conventions: defaultConventions() }, r.code) !== undefined);
    assert.ok(running.length >= 10);
    assert.equal(pauses, Math.ceil(blocks / 16) - 1 + 1 + running.length);
    assert.deepEqual(step.value.diagnostics, analyze(input).diagnostics);
  });
});
