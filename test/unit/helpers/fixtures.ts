import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis, type AnalysisOptions } from '../../../server/src/core/analysis';
import { mergeConventions } from '../../../server/src/core/conventions/mergeConventions';
import { parseConventions } from '../../../server/src/core/conventions/parseConventions';
import type { Span } from '../../../server/src/core/text/span';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** Markdown fixtures of one folder, by name. */
export function fixtureNames(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function readFixture(dir: string, name: string): string {
  return readFileSync(join(FIXTURES, dir, `${name}.md`), 'utf8');
}

/**
 * Analyses a fixture; when `NAME.briefmark.yaml` sits beside it, its conventions apply
 * (parsed and merged over the defaults, as the server and the CLI do).
 */
export function analyzeFixture(dir: string, name: string, options: AnalysisOptions = {}): Analysis {
  const text = readFixture(dir, name);
  const conventionsPath = join(FIXTURES, dir, `${name}.briefmark.yaml`);
  if (!options.conventions && existsSync(conventionsPath)) {
    const parsed = parseConventions(`file:///fixtures/${dir}/${name}.briefmark.yaml`, readFileSync(conventionsPath, 'utf8'));
    assert.deepEqual(parsed.problems, [], `${name}.briefmark.yaml has problems`);
    options = { ...options, conventions: mergeConventions([parsed.layer]) };
  }
  return analyze({ uri: `file:///fixtures/${dir}/${name}.md`, text, relativePath: `${dir}/${name}.md` }, options);
}

/**
 * Compares `actual` with the expectation file beside the fixture. With UPDATE_FIXTURES=1
 * the file is (re)written instead: review the diff before committing it.
 */
export function expectFixture(dir: string, file: string, actual: string): void {
  const path = join(FIXTURES, dir, file);
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) assert.fail(`missing expectation file ${path}`);
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${dir}/${file} differs (UPDATE_FIXTURES=1 rewrites it)`);
}

/** `line:col-line:col` (1-based, as editors show) and the text covered. */
export function where(analysis: Analysis, span: Span): string {
  const a = analysis.model.lines.positionAt(span.start);
  const b = analysis.model.lines.positionAt(span.end);
  return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
}

export function covered(analysis: Analysis, span: Span, max = 70): string {
  const t = analysis.model.text.slice(span.start, span.end).replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return JSON.stringify(t.length > max ? t.slice(0, max - 1) + '…' : t);
}
