import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/core/rules';
import { CODE_INFO, CODES, DEFAULT_SEVERITY } from '../../server/src/core/rules/types';
import { ruleMetadata } from '../../server/src/cli/ruleMetadata';

const ROOT = join(__dirname, '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

// Every list of codes must agree with the one table, CODE_INFO in core/rules/types.ts.
describe('diagnostic codes: one table, every list agrees with it', () => {
  it("the table holds the contract's codes (spec §8), and only page-mismatch beside them", () => {
    const spec = readFileSync(join(ROOT, 'docs', 'spec.md'), 'utf8');
    const named = CODES.filter((code) => spec.includes(`\`${code}\``));
    assert.deepEqual(
      CODES.filter((c) => !named.includes(c)),
      ['page-mismatch'],
    );
  });

  it('package.json: the briefmark.rules setting accepts exactly the codes', () => {
    const rules = json('package.json').contributes.configuration.properties['briefmark.rules'];
    assert.deepEqual(rules.propertyNames.enum, CODES);
  });

  it('the conventions schema: rules accepts exactly the codes', () => {
    assert.deepEqual(json('schemas/briefmark.schema.json').properties.rules.propertyNames.enum, CODES);
  });

  it('docs/diagnostics.md: one section per code, in order, opening with its default severity', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    const sections = [...docs.matchAll(/^## ([a-z-]+)\n\*([a-z]+)\*/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      sections,
      CODES.map((c) => [c, DEFAULT_SEVERITY[c]]),
    );
  });

  it('SARIF rules describe each code by the table, not by whichever rule module reports it', () => {
    const meta = ruleMetadata();
    assert.deepEqual(
      meta.map((m) => [m.code, m.description, m.defaultSeverity]),
      CODES.map((c) => [c, CODE_INFO[c].description, CODE_INFO[c].defaultSeverity]),
    );
    // invalid-conventions is reported by the conventions, the front matter and the suppression-code rule: its description covers all three.
    assert.match(CODE_INFO['invalid-conventions'].description, /\.briefmark\.yaml.*front matter.*suppression comment/);
  });

  it('every rule module reports a code of the table', () => {
    for (const r of RULES) assert.ok((CODES as string[]).includes(r.code), r.code);
  });
});
