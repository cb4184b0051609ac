import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isCollection, parseDocument, visit } from 'yaml';
import { analyze } from '../../server/src/core/analysis';
import { parseConventions } from '../../server/src/core/conventions/parseConventions';
import { MAX_YAML_DEPTH, MAX_YAML_ERRORS, readYaml, yamlDepthPassed } from '../../server/src/core/parse/yaml';
import { parseBibliographyText } from '../../server/src/core/sources/bibliographyFile';
import { budget, FAST } from './helpers/budget';

const brief = (text: string) => analyze({ uri: 'file:///a.brief.md', relativePath: 'a.brief.md', text });

/** How deep a parsed document's collections nest. */
function depthOf(text: string): number {
  const doc = parseDocument(text, { prettyErrors: false });
  let max = 0;
  visit(doc, {
    Collection(_k, _node, path) {
      max = Math.max(max, path.filter((p) => isCollection(p)).length + 1);
    },
  });
  return max;
}

describe('YAML (front matter, conventions, CSL YAML)', function () {
  this.timeout(60_000);

  // Nested 1,000 levels deep, `yaml` exhausts the stack, and a regular expression V8 then
  // compiles there kills the process (no exception): a few kilobytes of `{` took the server down.
  const bombs = ['{', '[', '- ', '? ', '[{', 'a: {', '- [', '{a: '];

  it('a text nested past the limit is not parsed: the brief says where, and the rest of it is analysed (each kind, parsed again and again)', () => {
    for (const kind of bombs)
      for (const n of FAST ? [MAX_YAML_DEPTH + 10, 5000] : [MAX_YAML_DEPTH + 10, 5000, 20_000]) {
        const yaml = kind.repeat(n) + 'x';
        const text = `---\n${yaml}\n---\n\nThe economy grew by 3% in 2023.\n\n---\n${yaml}\n---\n\n:claim[Exports fell]{#c1} last year.\n`;
        // Twice at least: the process died on the second parse (once V8 had compiled the expressions it uses).
        for (let i = 0; i < budget(3, 2); i++) {
          const a = brief(text);
          const deep = a.diagnostics.filter((d) => /nests lists or maps more than 200 levels deep here: not read/.test(d.message));
          assert.equal(deep.length, 1, `${JSON.stringify(kind)} × ${n}: ${a.diagnostics.map((d) => d.message).join(' | ').slice(0, 300)}`);
          assert.ok(deep[0].span.start >= 4 && deep[0].span.start <= 4 + yaml.length, 'at the place the limit is passed');
          assert.ok(a.diagnostics.some((d) => d.code === 'possible-unsourced-assertion'), 'the text after it is analysed');
          assert.ok(a.model.claims.some((c) => c.id === 'c1'), 'the claim after the second block is read');
        }
        const bib = parseBibliographyText(yaml, 'file:///refs.yaml', 'csl-yaml');
        assert.equal(bib.entries.size, 0);
        assert.match(bib.problems[0].message, /^CSL YAML: the file nests lists or maps more than 200 levels deep here: not read; none of its entries is used\.$/);
        const conventions = parseConventions('file:///c/.briefmark.yaml', yaml);
        assert.equal(conventions.problems.length, 1);
        assert.match(conventions.problems[0].message, /^The conventions file nests lists or maps more than 200 levels deep here: not read; the defaults apply\.$/);
      }
  });

  it('a text nested within the limit is read as before (150 levels of maps, lists and both)', () => {
    const maps = '{a: '.repeat(150) + '1' + '}'.repeat(150);
    const lists = '['.repeat(150) + '1' + ']'.repeat(150);
    const blocks = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1';
    for (const value of [maps, lists]) {
      const a = brief(`---\ntitle: T\nnested: ${value}\n---\n\nText.\n`);
      assert.deepEqual(a.diagnostics.filter((d) => /YAML|Front matter/.test(d.message)), []);
      let v = (a.model.frontMatter?.data as Record<string, unknown>).nested;
      for (let i = 0; i < 150; i++) v = Array.isArray(v) ? v[0] : (v as Record<string, unknown>).a;
      assert.equal(v, 1);
    }
    const doc = readYaml(blocks).doc;
    assert.ok(doc && doc.errors.length === 0);
    assert.equal(depthOf(blocks), 150);
  });

  it('a key that is a map or a list reads as its source text, in linear time (190 nested keys)', () => {
    const { doc } = readYaml('? [a, b]\n: c\n{x: 1}: d\n');
    assert.deepEqual(doc!.toJS(), { '[a, b]': 'c', '{x: 1}': 'd' });
    const t0 = performance.now();
    const a = brief(`---\n${'{'.repeat(190)}x\n---\n\nText.\n`);
    assert.ok(performance.now() - t0 < 5000, 'printed once, not once per level (300 levels took 11 s)');
    assert.ok(a.diagnostics.some((d) => d.message.startsWith('Front matter is not valid YAML')));
  });

  it(`keeps the first ${MAX_YAML_ERRORS} errors, the last of them saying how many follow`, () => {
    const yaml = 'a: b: c\n'.repeat(1500);
    const { doc } = readYaml(yaml);
    assert.equal(doc!.errors.length, MAX_YAML_ERRORS);
    assert.match(doc!.errors[MAX_YAML_ERRORS - 1].message, /\(and \d+ more errors after this one, not listed\)$/);
    const bib = parseBibliographyText(yaml, 'file:///refs.yaml', 'csl-yaml');
    assert.equal(bib.problems.length, MAX_YAML_ERRORS);
    assert.match(bib.problems[0].message, /^CSL YAML syntax error: .+ \(line 1, column \d+\)\. The entries that could be read are used\.$/);
    assert.equal(brief(`---\n${yaml}\n---\n\nText.\n`).diagnostics.filter((d) => d.message.startsWith('Front matter is not valid YAML')).length, MAX_YAML_ERRORS);
  });

  it('the depth estimate is never short of the depth yaml parses by more than two levels (random texts)', () => {
    const piece = fc.constantFrom('- ', '? ', ': ', 'a: ', '{', '}', '[', ']', ', ', '\n', '\n  ', '\n    ', ' ', 'x', '"[{"', "'{'", ' # [{', '\\"', '"', '|\n   [', '&a ', '*a');
    let deep = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const text = pieces.join('');
        const depth = depthOf(text);
        if (depth > 4) deep++;
        for (const limit of [2, 4, 8]) if (depth > limit + 2) assert.ok(yamlDepthPassed(text, limit) >= 0, `${JSON.stringify(text)}: depth ${depth}, limit ${limit} not passed`);
      }),
      { seed: 20261205, numRuns: budget(4000, 1000) },
    );
    assert.ok(deep > budget(20, 5), `${deep} texts nested more than 4 levels`);
  });

  it('the depth estimate leaves real files alone: quotes, comments and block scalars do not count', () => {
    const text = 'title: "[[[[[[[[[[[[[[[[[[[["\nnote: \'{{{{{{{{{{{{{{{{\' # [[[[[[[[[[[[[[[\nabstract: |\n  [[[[[[[[[[[[[[[[[[[[[\nx: [a, {b: c}]\n';
    assert.equal(yamlDepthPassed(text, 5), -1);
    assert.deepEqual(Object.keys(readYaml(text).doc!.toJS()), ['title', 'note', 'abstract', 'x']);
    // The same brackets outside them do count.
    assert.ok(yamlDepthPassed('title: [[[[[[[[[[[[[[[[[[[[\n', 5) >= 0);
  });
});
