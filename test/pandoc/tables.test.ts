import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pandocTables, tableRuleLines } from '../../server/src/core/model/pandocTables';
import { analyze } from '../../server/src/core/analysis';
import { codeActions } from '../../server/src/core/features/codeActions';
import { hoverAt } from '../../server/src/core/features/hover';
import { runPandoc } from './pandoc';
import { rng } from '../../bench/corpus';

/**
 * Pandoc's simple, multiline and grid tables (model/pandocTables.ts) against Pandoc itself:
 * the tables Briefmark finds in a text, their body rows and whether they have a header,
 * must be those `pandoc -f markdown -t json` reads. The fixtures of
 * test/fixtures/pandoc-tables, and generated tables written in each form by Pandoc's own
 * Markdown writer (as converting a Word document writes them).
 */

type Json = { t: string; c: any };
interface Shape {
  rows: number;
  header: boolean;
}

function pandocShapes(markdown: string): Shape[] {
  const { stdout, status, stderr } = runPandoc(markdown, ['-f', 'markdown', '-t', 'json']);
  assert.equal(status, 0, stderr);
  const blocks = (JSON.parse(stdout) as { blocks: Json[] }).blocks;
  return blocks
    .filter((b) => b.t === 'Table')
    .map((t) => ({
      rows: (t.c[4] as any[]).reduce((n: number, body: any[]) => n + (body[3] as unknown[]).length, 0),
      // A header row with a cell that holds anything.
      header: (t.c[3][1] as any[]).some((row: any[]) => (row[1] as any[]).some((cell: any[]) => (cell[4] as unknown[]).length > 0)),
    }));
}

function ourShapes(markdown: string): Shape[] {
  return pandocTables(markdown, tableRuleLines(markdown, 0, markdown.length)).map((t) => {
    // A header is what the table holds before its first body row, rules aside.
    const head = markdown.slice(t.span.start, t.rows[0]?.start ?? t.span.end);
    return { rows: t.rows.length, header: head.split(/\r?\n/).some((l) => /[\p{L}\p{N}]/u.test(l)) };
  });
}

const WORDS = ['Germany', 'France', 'share', 'of', 'pupils', 'eligible', 'for', 'free', 'school', 'meals', 'Council', 'decision', 'the', 'with', 'an', 'education,', 'health', 'and', 'care', 'plan'];

/** Pipe tables with cells of one to twelve words or figures, some headerless, each between two paragraphs. */
function pipeTables(seed: number, count: number): string {
  const rnd = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const cell = () => (rnd() < 0.3 ? `${(rnd() * 100).toFixed(1)}%` : Array.from({ length: 1 + Math.floor(rnd() * (rnd() < 0.3 ? 12 : 3)) }, () => pick(WORDS)).join(' '));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const cols = 1 + Math.floor(rnd() * 4);
    const rows = 1 + Math.floor(rnd() * 4);
    const headed = rnd() < 0.8;
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    out.push(`Paragraph ${i} before.`);
    const lines = [line(Array.from({ length: cols }, () => (headed ? cell() : ''))), line(Array.from({ length: cols }, () => pick(['---', ':--', '--:', ':-:'])))];
    for (let r = 0; r < rows; r++) lines.push(line(Array.from({ length: cols }, cell)));
    out.push(lines.join('\n'));
  }
  out.push('The end.');
  return out.join('\n\n') + '\n';
}

describe('Pandoc tables other than pipe tables, read as Pandoc reads them', () => {
  const dir = join(__dirname, '..', 'fixtures', 'pandoc-tables');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    it(`fixture ${name}: the same tables, rows and headers`, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.deepEqual(ourShapes(text), pandocShapes(text));
    });
  }

  // Pandoc's Markdown writer chooses the form: simple tables for short cells, multiline for
  // long ones, grid tables when the others are turned off.
  const forms: Array<[string, string]> = [
    ['simple and multiline', 'markdown-pipe_tables'],
    ['grid', 'markdown-pipe_tables-simple_tables-multiline_tables'],
  ];
  for (const [form, writer] of forms)
    for (const seed of [1, 2, 3])
      it(`generated tables written as Pandoc writes them (${form}, seed ${seed}): the same tables, rows and headers`, () => {
        const written = runPandoc(pipeTables(seed, 25), ['-f', 'markdown', '-t', writer, '--columns=60']);
        assert.equal(written.status, 0, written.stderr);
        const expected = pandocShapes(written.stdout);
        assert.equal(expected.length, 25, 'Pandoc wrote every table');
        assert.deepEqual(ourShapes(written.stdout), expected);
      });

  it('a one-column table (a box in Word): its header is no heading, as a setext heading at the margin still is', () => {
    const text = '---\nbrief: true\n---\n\n# Brief\n\n  Box 1: Who qualifies?\n  ----------------------\n  Adults over 35.\n\nA real heading\n--------------\n\nText.\n';
    assert.deepEqual(ourShapes(text.slice(text.indexOf('# Brief'))), pandocShapes(text.slice(text.indexOf('# Brief'))));
    const a = analyze({ uri: 'file:///w/box.brief.md', text });
    assert.deepEqual(
      a.model.headings.map((h) => h.text),
      ['Brief', 'A real heading'],
    );
  });

  it('a converted brief: its tables are no headings and no sentences, its rows are statements', () => {
    const text = `---\nbrief: true\n---\n\n# Absence\n\n${readFileSync(join(dir, 'multiline.md'), 'utf8')}`;
    const a = analyze({ uri: 'file:///w/converted.brief.md', text });
    assert.deepEqual(
      a.model.headings.map((h) => h.text),
      ['Absence', 'Why children miss school'],
    );
    const found = a.diagnostics.filter((d) => d.code === 'possible-unsourced-assertion').map((d) => text.slice(d.span.start, d.span.end).split('\n')[0]);
    assert.deepEqual(found, ['Eligible for free       24.7%             37.2%', 'Not eligible            8.7%              16.6%', 'With an education,      24.0%             36.5%']);
    // Its columns are aligned by blanks: the message and the hover point to the caption, and no fix inserts a source into the row.
    const row = a.diagnostics.find((d) => d.code === 'possible-unsourced-assertion')!;
    assert.match(row.message, /this table row reads as a fact \(.*\)\. Cite a source in a caption or source line right above or below the table/);
    assert.match(hoverAt(a, row.span.start)!.contents, /in a caption or source line right above or below the table \(its columns are aligned by blanks\)/);
    assert.deepEqual(
      codeActions(a, row.span).filter((x) => x.diagnostic === row && /source|cite/i.test(x.title) && !/^Suppress/.test(x.title)),
      [],
    );
  });
});
