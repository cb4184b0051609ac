import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { codeActions } from '../../server/src/core/features/codeActions';
import { applyEdits } from '../../server/src/core/features/textEdits';
import { pandocVersion, runPandoc } from './pandoc';

/**
 * A front matter value with an unquoted `: ` (a title with a subtitle) is the most common
 * broken front matter. YAML reads a nested mapping there and Pandoc refuses the whole
 * block; Briefmark says so at the value, with the quoted line to write, and still reads the
 * rest of the block (so `brief: true` still makes the file a brief).
 */
describe(`front matter with an unquoted colon in a value, as the real Pandoc reads it (${pandocVersion()})`, () => {
  const values = ['Out of Room: Prison Capacity in England and Wales', 'Briefing: Part 2: The Options', 'Sanctions: what works?'];
  for (const title of values)
    it(`title: ${title}`, () => {
      const body = '# Evidence\n\nPrison numbers rose by 4% in 2024.\n';
      const broken = `---\ntitle: ${title}\nbrief: true\nauthor: Justice team\n---\n\n${body}`;
      const refused = runPandoc(broken, ['-f', 'markdown', '-t', 'json']);
      assert.notEqual(refused.status, 0, 'Pandoc refuses the block');
      assert.match(refused.stderr, /YAML/);

      const a = analyze({ uri: 'file:///w/notes.md', text: broken });
      assert.equal(a.model.isBrief, true, 'brief: true is still read');
      assert.equal(a.model.frontMatter?.data?.title, title);
      assert.equal(a.model.frontMatter?.data?.author, 'Justice team');
      const problems = a.diagnostics.filter((d) => d.code === 'invalid-conventions');
      assert.equal(problems.length, 1, problems.map((d) => d.message).join(' | '));
      assert.equal(broken.slice(problems[0].span.start, problems[0].span.end), title);
      assert.ok(a.diagnostics.some((d) => d.code === 'possible-unsourced-assertion'), 'the body is analysed');

      // The line the message says to write, and the quick fix writes, is one Pandoc reads, with the same title.
      const quoted = problems[0].message.match(/Quote it: (title: .*)$/)![1];
      const fix = codeActions(a, problems[0].span).find((x) => x.diagnostic === problems[0]);
      assert.equal(fix?.title, `Quote the value: ${quoted.slice('title: '.length)}`);
      const fixed = applyEdits(broken, fix.edits);
      assert.equal(fixed, broken.replace(`title: ${title}`, quoted));
      const read = runPandoc(fixed, ['-f', 'markdown', '-t', 'json']);
      assert.equal(read.status, 0, read.stderr);
      const inlines = (JSON.parse(read.stdout) as { meta: { title: { c: { t: string; c?: string }[] } } }).meta.title.c;
      assert.equal(inlines.map((i) => (i.t === 'Str' ? i.c : i.t === 'Space' ? ' ' : '?')).join(''), title);
      assert.deepEqual(analyze({ uri: 'file:///w/notes.md', text: fixed }).diagnostics.filter((d) => d.code === 'invalid-conventions'), []);
    });

  it('a value YAML reads, colon and all, is left alone (a time, a URL, a quoted title)', () => {
    for (const line of ['time: 10:30', 'url: https://example.org/a', 'title: "Out of Room: Prison Capacity"', "title: 'A: B'"]) {
      const text = `---\n${line}\nbrief: true\n---\n\nText.\n`;
      assert.equal(runPandoc(text, ['-f', 'markdown', '-t', 'json']).status, 0, line);
      assert.deepEqual(analyze({ uri: 'file:///w/notes.md', text }).diagnostics.filter((d) => d.code === 'invalid-conventions'), [], line);
    }
  });
});
