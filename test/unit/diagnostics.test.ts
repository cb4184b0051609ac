import { analyzeFixture, covered, expectFixture, fixtureNames, where } from './helpers/fixtures';

/**
 * Data-driven: every `test/fixtures/diagnostics/NAME.md` is analysed and its diagnostics
 * (range, severity, code, message, covered text) compared with `NAME.diagnostics.txt`.
 */
describe('diagnostics fixtures', () => {
  for (const name of fixtureNames('diagnostics')) {
    it(name, () => {
      const a = analyzeFixture('diagnostics', name);
      const lines = [`brief: ${a.model.isBrief ? a.model.briefReason : 'no'}`];
      for (const d of a.diagnostics) lines.push(`${where(a, d.span)} ${d.severity} ${d.code} ${covered(a, d.span)}\n    ${d.message}`);
      expectFixture('diagnostics', `${name}.diagnostics.txt`, lines.join('\n') + '\n');
    });
  }
});
