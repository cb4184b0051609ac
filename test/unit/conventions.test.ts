import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeConventions } from '../../server/src/core/conventions/mergeConventions';
import { parseConventions } from '../../server/src/core/conventions/parseConventions';
import { rebasePath, resolveConventions } from '../../server/src/core/conventions/resolveConventions';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { expectFixture, FIXTURES } from './helpers/fixtures';

/**
 * Data-driven: every `test/fixtures/conventions/NAME.yaml` is parsed and validated; its
 * problems (1-based range, covered text, message) and the layer that still applies are
 * compared with `NAME.problems.txt`.
 */
describe('conventions validation fixtures', () => {
  const dir = join(FIXTURES, 'conventions');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const name = file.slice(0, -5);
    it(name, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const parsed = parseConventions(`file:///c/${file}`, text);
      const lines = new LineIndex(text);
      const out: string[] = [];
      for (const p of parsed.problems) {
        const a = lines.positionAt(p.span.start);
        const b = lines.positionAt(p.span.end);
        out.push(`${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1} ${JSON.stringify(text.slice(p.span.start, p.span.end))}\n    ${p.message}`);
      }
      const { uri: _uri, ...layer } = parsed.layer;
      out.push(`applies: ${JSON.stringify(layer)}`);
      expectFixture('conventions', `${name}.problems.txt`, out.join('\n') + '\n');
    });
  }

  it('a valid file has no problems, and an invalid one reports each at a non-empty range', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const { problems } = parseConventions(`file:///c/${file}`, text);
      if (file === 'valid.yaml' || file === 'empty.yaml') assert.deepEqual(problems, [], file);
      else assert.ok(problems.length > 0, `${file} reports its problems`);
      for (const p of problems) assert.ok(p.span.end > p.span.start || p.span.start === text.length, `${file}: ${p.message}`);
    }
  });

  it('the complete example in docs/conventions.md and examples/.briefmark.yaml are valid', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'conventions.md'), 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const parsed = parseConventions('file:///docs/.briefmark.yaml', block);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.extends.map((e) => e.path), ['../shared/house-conventions.yaml']);
    assert.deepEqual(Object.keys(parsed.layer).sort(), ['actors', 'assertions', 'bibliography', 'briefs', 'citationStyle', 'framework', 'rules', 'sourceDocuments', 'tags', 'uri']);
    const example = parseConventions('file:///examples/.briefmark.yaml', readFileSync(join(__dirname, '..', '..', 'examples', '.briefmark.yaml'), 'utf8'));
    assert.deepEqual(example.problems, []);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '\u0000', '[', '{a: [}', '*x', '&a [*a]', 'a: !!binary zz', '---\n---\n', ':'.repeat(1000), 'a:\n'.repeat(200), '\uD800']) {
      const parsed = parseConventions('file:///c/x.yaml', text);
      assert.ok(Array.isArray(parsed.problems));
      mergeConventions([parsed.layer]);
    }
  });
});

describe('merging conventions', () => {
  it('later layers win; actors merge by id; tags per attribute; rules per code; lists replace', () => {
    const merged = mergeConventions([
      {
        actors: [{ id: 'a', name: 'A', role: 'first' }, { id: 'b', name: 'B' }],
        tags: { rec: { required: ['actor'] } },
        rules: { 'unused-source': 'off', 'unknown-tag': 'error' },
        briefs: ['x/**/*.md'],
      },
      { actors: [{ id: 'a', name: 'A2' }, { id: 'c', name: 'C' }], tags: { rec: { attributes: { horizon: ['short'] } } }, rules: { 'unknown-tag': 'info' }, briefs: ['y/**/*.md'] },
    ]);
    assert.deepEqual(merged.actors, [{ id: 'a', name: 'A2', role: 'first' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }]);
    assert.deepEqual(merged.tags.rec, { required: ['actor'], attributes: { priority: ['high', 'medium', 'low'], horizon: ['short'] } });
    assert.deepEqual(merged.rules, { 'unused-source': 'off', 'unknown-tag': 'info' });
    assert.deepEqual(merged.briefs, ['y/**/*.md']);
    assert.deepEqual(merged.framework, defaultConventions().framework);
  });

  it('framework.heading in the file becomes Conventions.framework.headings', () => {
    const one = parseConventions('file:///c/a.yaml', 'framework: { heading: Options }');
    assert.deepEqual(mergeConventions([one.layer]).framework.headings, ['Options']);
  });
});

describe('extends', () => {
  const files: Record<string, string> = {
    'file:///team/.briefmark.yaml': 'extends: [../shared/base.yaml, ../shared/extra.yaml]\nactors:\n  - { id: a, name: Team A }\nrules: { unknown-tag: info }\n',
    'file:///shared/base.yaml': 'bibliography: [refs/base.bib]\nsourceDocuments: texts/\nactors:\n  - { id: a, name: Base A, role: from base }\n  - { id: b, name: Base B }\nrules: { unknown-tag: error, unused-source: off }\n',
    'file:///shared/extra.yaml': 'actors:\n  - { id: b, name: Extra B }\ntags: { finding: { required: [id] } }\n',
    'file:///cycle/a.yaml': 'extends: b.yaml\nactors: [{ id: a, name: A }]\n',
    'file:///cycle/b.yaml': 'extends: ./a.yaml\nactors: [{ id: b, name: B }]\n',
    'file:///self/.briefmark.yaml': 'extends: .briefmark.yaml\n',
    'file:///broken/.briefmark.yaml': 'extends: [missing.yaml, bad.yaml]\nactors: [{ id: ok, name: OK }]\n',
    'file:///broken/bad.yaml': 'actors: [{ id: bad }]\nrules: { unused-source: off }\n',
  };
  const read = (uri: string) => files[uri];

  it('merges in order (later wins, actors by id) and rebases paths to the root file', () => {
    const r = resolveConventions('file:///team/.briefmark.yaml', read);
    assert.deepEqual(
      r.conventions.actors.map((a) => [a.id, a.name, a.role]),
      [
        ['a', 'Team A', 'from base'],
        ['b', 'Extra B', undefined],
      ],
    );
    assert.deepEqual(r.conventions.rules, { 'unknown-tag': 'info', 'unused-source': 'off' });
    assert.deepEqual(r.conventions.tags.finding, { required: ['id'] });
    assert.deepEqual(r.conventions.bibliography, ['../shared/refs/base.bib']);
    assert.equal(r.conventions.sourceDocuments, '../shared/texts/');
    assert.equal(r.conventions.uri, 'file:///team/.briefmark.yaml');
    assert.deepEqual(r.dependencies, ['file:///team/.briefmark.yaml', 'file:///shared/base.yaml', 'file:///shared/extra.yaml']);
    for (const f of r.files.values()) assert.deepEqual(f.problems, []);
  });

  it('reports a cycle on the extends entry that closes it, and stops', () => {
    const r = resolveConventions('file:///cycle/a.yaml', read);
    assert.deepEqual(r.conventions.actors.map((a) => a.id), ['b', 'a']);
    const b = r.files.get('file:///cycle/b.yaml')!;
    assert.equal(b.problems.length, 1);
    assert.match(b.problems[0].message, /cycle \(a\.yaml → b\.yaml → a\.yaml\)/);
    assert.equal(b.text.slice(b.problems[0].span.start, b.problems[0].span.end), './a.yaml');
    const a = r.files.get('file:///cycle/a.yaml')!;
    assert.equal(a.problems.length, 1, 'the root points at the extended file that has a problem');
    assert.equal(a.text.slice(a.problems[0].span.start, a.problems[0].span.end), 'b.yaml');
    const self = resolveConventions('file:///self/.briefmark.yaml', read);
    assert.match(self.files.get('file:///self/.briefmark.yaml')!.problems[0].message, /cycle/);
  });

  it('reports a missing or broken extended file on its entry; what is valid still applies', () => {
    const r = resolveConventions('file:///broken/.briefmark.yaml', read);
    const root = r.files.get('file:///broken/.briefmark.yaml')!;
    const at = (p: { span: { start: number; end: number } }) => root.text.slice(p.span.start, p.span.end);
    assert.deepEqual(root.problems.map(at), ['missing.yaml', 'bad.yaml']);
    assert.match(root.problems[0].message, /Cannot read "missing\.yaml"/);
    assert.match(root.problems[1].message, /"bad\.yaml" has 1 problem .*lacks the required key "name"/);
    assert.deepEqual(r.conventions.actors.map((a) => a.id), ['ok']);
    assert.equal(r.conventions.rules['unused-source'], 'off');
    assert.ok(r.dependencies.includes('file:///broken/missing.yaml'), 'a missing file is still watched');
  });

  it('rebases relative paths between folders', () => {
    assert.equal(rebasePath('refs/a.bib', 'file:///x/shared/base.yaml', 'file:///x/team/.briefmark.yaml'), '../shared/refs/a.bib');
    assert.equal(rebasePath('refs/', 'file:///x/team/sub/b.yaml', 'file:///x/team/.briefmark.yaml'), 'sub/refs/');
    assert.equal(rebasePath('a.bib', 'file:///x/.briefmark.yaml', 'file:///x/.briefmark.yaml'), 'a.bib');
  });
});
