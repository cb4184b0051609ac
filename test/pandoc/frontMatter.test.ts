import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { codeActions } from '../../server/src/core/features/codeActions';
import { applyEdits } from '../../server/src/core/features/textEdits';
import { parseBibliographyText } from '../../server/src/core/sources/bibliographyFile';
import { pandocVersion, runPandoc } from './pandoc';

/**
 * A front matter value that needs quotes — a `: ` in it (a title with a subtitle), emphasis,
 * a handle or code at its start, a quotation never closed — is the most common broken
 * front matter. YAML refuses it and so does Pandoc, the whole block; Briefmark says so at
 * the value, with the quoted line to write (and a quick fix), and still reads the rest of
 * the block (so `brief: true` still makes the file a brief).
 */
type Inline = { t: string; c?: unknown };
/** The text of Pandoc inlines: strings, spaces, and the text inside emphasis, code and citations (`@justice_team` reads as one). */
function plainText(inlines: Inline[]): string {
  return inlines.map((i) => (i.t === 'Str' ? (i.c as string) : i.t === 'Space' ? ' ' : i.t === 'Code' ? (i.c as [unknown, string])[1] : i.t === 'Cite' ? plainText((i.c as [unknown, Inline[]])[1]) : Array.isArray(i.c) ? plainText(i.c as Inline[]) : '')).join('');
}

describe(`front matter values that need quotes (a colon, emphasis, a handle, a quotation never closed), as the real Pandoc reads them (${pandocVersion()})`, () => {
  // As written, and the title meant.
  const values: Array<[string, string]> = [
    ['Out of Room: Prison Capacity in England and Wales', 'Out of Room: Prison Capacity in England and Wales'],
    ['Briefing: Part 2: The Options', 'Briefing: Part 2: The Options'],
    ['Sanctions: what works?', 'Sanctions: what works?'],
    ['*Important* brief on tariffs', '*Important* brief on tariffs'],
    ['@justice_team weekly note', '@justice_team weekly note'],
    ['`ETS2` and the price cap', '`ETS2` and the price cap'],
    ['"Out of Room', 'Out of Room'],
  ];
  for (const [written, title] of values)
    it(`title: ${written}`, () => {
      const body = '# Evidence\n\nPrison numbers rose by 4% in 2024.\n';
      const broken = `---\ntitle: ${written}\nbrief: true\nauthor: Justice team\n---\n\n${body}`;
      const refused = runPandoc(broken, ['-f', 'markdown', '-t', 'json']);
      assert.notEqual(refused.status, 0, 'Pandoc refuses the block');
      assert.match(refused.stderr, /YAML/);

      const a = analyze({ uri: 'file:///w/notes.md', text: broken });
      assert.equal(a.model.isBrief, true, 'brief: true is still read');
      assert.equal(a.model.frontMatter?.data?.title, title);
      assert.equal(a.model.frontMatter?.data?.author, 'Justice team');
      const problems = a.diagnostics.filter((d) => d.code === 'invalid-conventions');
      assert.equal(problems.length, 1, problems.map((d) => d.message).join(' | '));
      assert.equal(broken.slice(problems[0].span.start, problems[0].span.end), written);
      assert.ok(a.diagnostics.some((d) => d.code === 'possible-unsourced-assertion'), 'the body is analysed');

      // The line the message says to write, and the quick fix writes, is one Pandoc reads, with the same title.
      const quoted = problems[0].message.match(/Quote it: (title: .*)$/)![1];
      const fix = codeActions(a, problems[0].span).find((x) => x.diagnostic === problems[0]);
      assert.equal(fix?.title, `Quote the value: ${quoted.slice('title: '.length)}`);
      const fixed = applyEdits(broken, fix.edits);
      assert.equal(fixed, broken.replace(`title: ${written}`, quoted));
      const read = runPandoc(fixed, ['-f', 'markdown', '-t', 'json']);
      assert.equal(read.status, 0, read.stderr);
      const inlines = (JSON.parse(read.stdout) as { meta: { title: { c: Inline[] } } }).meta.title.c;
      // (Pandoc reads the title as Markdown: emphasis and code are inlines of their own; their text is the title's.)
      assert.equal(plainText(inlines), title.replace(/[*`]/g, ''));
      assert.deepEqual(analyze({ uri: 'file:///w/notes.md', text: fixed }).diagnostics.filter((d) => d.code === 'invalid-conventions'), []);
    });

  it("a reference's title with a colon: reported on the value, the reference read with its whole title; quoted, Pandoc reads it", () => {
    const text = '---\nbrief: true\nreferences:\n  - id: moj2024\n    title: Prison Population: Weekly Figures\n    issued: 2024\n  - id: ons2024\n    title: Crime in England and Wales\n---\n\nPrison numbers rose by 4% in 2024 [@moj2024; @ons2024].\n';
    assert.notEqual(runPandoc(text, ['-f', 'markdown', '-t', 'json']).status, 0, 'Pandoc refuses the block');
    const a = analyze({ uri: 'file:///w/notes.md', text });
    const problems = a.diagnostics.filter((d) => d.code === 'invalid-conventions');
    assert.equal(problems.length, 1, problems.map((d) => d.message).join(' | '));
    assert.equal(text.slice(problems[0].span.start, problems[0].span.end), 'Prison Population: Weekly Figures');
    assert.deepEqual(a.model.frontMatter?.references.map((r) => [r.key, r.title]), [['moj2024', 'Prison Population: Weekly Figures'], ['ons2024', 'Crime in England and Wales']]);
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'unknown-source' || d.code === 'unused-source'), [], 'both references read and cited');
    const fix = codeActions(a, problems[0].span).find((x) => x.diagnostic === problems[0])!;
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('    title: "Prison Population: Weekly Figures"\n'));
    const read = runPandoc(fixed, ['-f', 'markdown', '-t', 'json']);
    assert.equal(read.status, 0, read.stderr);
    const refs = (JSON.parse(read.stdout) as { meta: { references: { c: Array<{ c: Record<string, { c: Inline[] }> }> } } }).meta.references.c;
    assert.equal(plainText(refs[0].c.title.c), 'Prison Population: Weekly Figures');
  });

  it('a CSL YAML bibliography file with a title with a colon: Pandoc refuses the file; Briefmark says which value and reads every entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-csl-'));
    const yaml = '- id: moj2024\n  title: Prison Population: Weekly Figures\n  issued: 2024\n- id: ons2024\n  title: Crime in England and Wales\n';
    writeFileSync(join(dir, 'refs.yaml'), yaml);
    const refused = runPandoc('---\nbibliography: refs.yaml\n---\n\nText [@moj2024].\n', ['--citeproc', '--resource-path', dir, '-t', 'plain']);
    assert.notEqual(refused.status, 0, 'Pandoc refuses the file');
    assert.match(refused.stderr, /YAML/);
    const bib = parseBibliographyText(yaml, 'file:///refs.yaml', 'csl-yaml');
    assert.deepEqual([...bib.entries.values()].map((e) => [e.key, e.title]), [['moj2024', 'Prison Population: Weekly Figures'], ['ons2024', 'Crime in England and Wales']]);
    assert.equal(bib.problems.length, 1);
    assert.equal(yaml.slice(bib.problems[0].span!.start, bib.problems[0].span!.end), 'Prison Population: Weekly Figures');
    assert.match(bib.problems[0].message, /^CSL YAML: the value of "title" needs quotes — it holds ": ".*Quote it: title: "Prison Population: Weekly Figures"\. The file is read as if it were quoted\.$/);
  });

  it('a brief: true line YAML lost (a broken line above it) still makes the file a brief, and YAML\'s errors are shown', () => {
    const text = '---\ntitle: Report\n  subtitle: wrong\nbrief: true\n---\n\nPrison numbers rose by 4% in 2024.\n';
    assert.notEqual(runPandoc(text, ['-f', 'markdown', '-t', 'json']).status, 0, 'Pandoc refuses the block');
    const a = analyze({ uri: 'file:///w/notes.md', text });
    assert.equal(a.model.isBrief, true);
    assert.ok(a.diagnostics.some((d) => d.code === 'invalid-conventions' && d.message.startsWith('Front matter is not valid YAML')));
    assert.ok(a.diagnostics.some((d) => d.code === 'possible-unsourced-assertion'));
    // Without the line, the file is no brief: nothing is shown (a README must never light up).
    assert.deepEqual(analyze({ uri: 'file:///w/notes.md', text: text.replace('brief: true\n', '') }).diagnostics, []);
  });

  it('a value YAML reads, colon and all, is left alone (a time, a URL, a quoted title)', () => {
    for (const line of ['time: 10:30', 'url: https://example.org/a', 'title: "Out of Room: Prison Capacity"', "title: 'A: B'"]) {
      const text = `---\n${line}\nbrief: true\n---\n\nText.\n`;
      assert.equal(runPandoc(text, ['-f', 'markdown', '-t', 'json']).status, 0, line);
      assert.deepEqual(analyze({ uri: 'file:///w/notes.md', text }).diagnostics.filter((d) => d.code === 'invalid-conventions'), [], line);
    }
  });
});
