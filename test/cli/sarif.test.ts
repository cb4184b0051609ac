import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CODES, DEFAULT_SEVERITY } from '../../server/src/core/rules/types';
import { cleanTemps, fixtureCopy, ROOT, runCli, tempDir } from './helpers';

const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

describe('briefmark check --format sarif', () => {
  after(cleanTemps);

  it('validates against the SARIF 2.1.0 schema: with results, with none, with unreadable paths', () => {
    const basic = fixtureCopy('basic');
    assertValid(JSON.parse(runCli(['check', '--format', 'sarif'], basic).stdout));
    assertValid(JSON.parse(runCli(['check', '--format', 'sarif'], tempDir()).stdout));
    assertValid(JSON.parse(runCli(['check', '--format', 'sarif', 'missing file.md', '.'], basic).stdout));
  });

  it('the schema check can fail: a log without a version, or with a bad level, is refused', () => {
    const log = JSON.parse(runCli(['check', '--format', 'sarif'], fixtureCopy('basic')).stdout);
    assert.equal(validate({ ...log, version: undefined }), false);
    log.runs[0].results[0].level = 'fatal';
    assert.equal(validate(log), false);
  });

  it('describes every code of the contract as a rule: id, description, default level, help link into docs/diagnostics.md', () => {
    const log = JSON.parse(runCli(['check', '--format', 'sarif'], fixtureCopy('basic')).stdout);
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r: any) => r.id), [...CODES]);
    const docs = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
    for (const r of rules) {
      assert.ok(r.shortDescription.text.length > 10, r.id);
      assert.equal(r.helpUri, `https://github.com/briefmark/briefmark/blob/main/docs/diagnostics.md#${r.id}`);
      assert.match(docs, new RegExp(`^## ${r.id}$`, 'm'), `docs/diagnostics.md has a section for ${r.id}`);
      assert.equal(r.defaultConfiguration.level, level[DEFAULT_SEVERITY[r.id as keyof typeof DEFAULT_SEVERITY]]);
    }
    // Results point at their rule, at 1-based UTF-16 columns, relative to %SRCROOT%.
    for (const res of log.runs[0].results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
    const dup = log.runs[0].results.find((r: any) => r.ruleId === 'duplicate-id');
    assert.deepEqual(dup.locations[0].physicalLocation.artifactLocation, { uri: 'notes/tagged.md', uriBaseId: '%SRCROOT%', index: 2 });
    assert.deepEqual(dup.locations[0].physicalLocation.region, { startLine: 4, startColumn: 32, endLine: 4, endColumn: 34 });
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
  });

  it('percent-encodes paths in artifact URIs', () => {
    const log = JSON.parse(runCli(['check', '--format', 'sarif', 'missing file.md'], tempDir()).stdout);
    assert.equal(log.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'missing%20file.md');
  });
});
