import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { mergeConventions } from '../../server/src/core/conventions/mergeConventions';
import { parseConventions } from '../../server/src/core/conventions/parseConventions';
import type { SourceDocument } from '../../server/src/core/rules/types';
import { CODES } from '../../server/src/core/rules/types';

/**
 * Rules as data: `test/fixtures/rules/<code>/` holds briefs (`*.md`) and, beside each, the
 * findings of that code it must give (`*.expected.txt`; `UPDATE_FIXTURES=1` rewrites them
 * for review). A folder may hold a `.briefmark.yaml` (its conventions) and `sources/<key>.txt`
 * (source documents; a form feed `\f` starts a page, as in a PDF). Every code has a folder,
 * with `cases.md` that gives findings and `clean.md` that gives none.
 */
const ROOT = join(__dirname, '..', 'fixtures', 'rules');

function check(folder: string, file: string): string {
  const dir = join(ROOT, folder);
  const text = readFileSync(join(dir, file), 'utf8');
  const yaml = join(dir, '.briefmark.yaml');
  const conventions = existsSync(yaml) ? mergeConventions([parseConventions(`file:///rules/${folder}/.briefmark.yaml`, readFileSync(yaml, 'utf8')).layer]) : undefined;
  const sourceDocuments = new Map<string, SourceDocument>();
  const sources = join(dir, 'sources');
  if (existsSync(sources))
    for (const name of readdirSync(sources)) {
      const body = readFileSync(join(sources, name), 'utf8');
      const key = name.replace(/\.[^.]+$/, '');
      const pageStarts = body.includes('\f') ? [0, ...[...body.matchAll(/\f/g)].map((m) => m.index! + 1)] : undefined;
      sourceDocuments.set(key, { key, uri: `file:///rules/${folder}/sources/${name}`, text: body, format: pageStarts ? 'pdf' : 'txt', pageStarts, textlessPages: [] });
    }
  const a = analyze({ uri: `file:///rules/${folder}/${file}`, text }, { conventions, sourceDocuments });
  return a.diagnostics
    .filter((d) => d.code === folder)
    .map((d) => {
      const s = a.model.lines.positionAt(d.span.start);
      const e = a.model.lines.positionAt(d.span.end);
      return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${d.severity} ${JSON.stringify(text.slice(d.span.start, d.span.end))} ${d.message}`;
    })
    .join('\n');
}

describe('rules as data: a fixture folder per diagnostic code (test/fixtures/rules/<code>/)', () => {
  it('every code has a folder with cases.md and clean.md, and no folder names an unknown code', () => {
    const folders = readdirSync(ROOT).sort();
    assert.deepEqual(folders, [...CODES].sort());
    for (const code of CODES) for (const f of ['cases.md', 'clean.md']) assert.ok(existsSync(join(ROOT, code, f)), `${code}/${f}`);
  });

  for (const code of CODES) {
    for (const file of existsSync(join(ROOT, code)) ? readdirSync(join(ROOT, code)).filter((f) => f.endsWith('.md')).sort() : []) {
      it(`${code}/${file}`, () => {
        const got = check(code, file);
        const expectedPath = join(ROOT, code, file.replace(/\.md$/, '.expected.txt'));
        if (process.env.UPDATE_FIXTURES) writeFileSync(expectedPath, got + (got ? '\n' : ''));
        const expected = readFileSync(expectedPath, 'utf8').replace(/\n$/, '');
        assert.equal(got, expected);
        if (file === 'clean.md') assert.equal(got, '', `${code}: clean.md gives no ${code}`);
        if (file === 'cases.md') assert.notEqual(got, '', `${code}: cases.md gives ${code}`);
      });
    }
  }
});
