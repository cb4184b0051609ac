import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBrief } from '../../bench/corpus';
import { analyze } from '../../server/src/core/analysis';
import { toPandocMarkdown } from '../../server/src/core/interchange/pandocMarkdown';
import { pandocVersion, runPandoc } from './pandoc';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FILTER = join(ROOT, 'filters', 'briefmark.lua');
const EXAMPLE = join(ROOT, 'examples', 'ceasefire-impasse.brief.md');

type Node = { t: string; c?: unknown };

/** Every node of a Pandoc JSON AST, depth first. */
function walk(value: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    const n = value as Node;
    if (typeof n.t === 'string') visit(n);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

function ast(markdown: string): { spans: Array<{ classes: string[]; attrs: Array<[string, string]> }>; divs: string[][]; cites: string[]; notes: number; strs: string } {
  const r = runPandoc(markdown, ['-f', 'markdown', '-t', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const out = { spans: [] as Array<{ classes: string[]; attrs: Array<[string, string]> }>, divs: [] as string[][], cites: [] as string[], notes: 0, strs: '' };
  walk(JSON.parse(r.stdout).blocks, (n) => {
    if (n.t === 'Span') {
      const [[, classes, attrs]] = n.c as [[string, string[], Array<[string, string]>]];
      out.spans.push({ classes, attrs });
    } else if (n.t === 'Div') out.divs.push((n.c as [[string, string[]]])[0][1]);
    else if (n.t === 'Cite') for (const c of (n.c as [Array<{ citationId: string }>])[0]) out.cites.push(c.citationId);
    else if (n.t === 'Note') out.notes++;
    else if (n.t === 'Str') out.strs += (n.c as string) + ' ';
  });
  return out;
}

const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
/** A claim's words as a reader sees them: nested tags' names and attributes left out. */
const labelWords = (label: string) => words(label.replace(/:[a-z][\w-]*\[/g, ' ').replace(/\]\{[^}]*\}/g, ' '));
const contains = (haystack: string[], needle: string[]) => {
  const h = ` ${haystack.join(' ')} `;
  return h.includes(` ${needle.join(' ')} `);
};

describe(`briefmark export to Pandoc Markdown, read by the real Pandoc (${pandocVersion()})`, function () {
  this.timeout(120_000);

  it('turns every tag into a span or a div with its attributes, and leaves citations and footnotes as they were', () => {
    for (const text of [readFileSync(EXAMPLE, 'utf8'), generateBrief({ seed: 7, bytes: 30_000 }), generateBrief({ seed: 8, bytes: 30_000 })]) {
      const { model } = analyze({ uri: 'file:///w/a.brief.md', text });
      const exported = toPandocMarkdown(model);
      const a = ast(exported);
      const claims = a.spans.filter((s) => s.classes.includes('claim'));
      assert.equal(claims.length, model.claims.length, 'one span per claim');
      const textRecs = model.directives.filter((d) => d.name === 'rec' && d.kind === 'text').length;
      assert.equal(a.spans.filter((s) => s.classes.includes('rec')).length, textRecs);
      assert.equal(a.divs.filter((c) => c.includes('rec')).length, model.directives.filter((d) => d.name === 'rec' && d.kind === 'container').length);
      const withSrc = model.claims.filter((c) => c.directive.attributes.some((x) => x.name === 'src'));
      assert.equal(claims.filter((s) => s.attrs.some(([k]) => k === 'src')).length, withSrc.length);
      // Citations and footnotes: what Pandoc reads in the export is what Briefmark read in the brief.
      assert.deepEqual(a.cites, model.citations.flatMap((c) => c.items.map((i) => i.key)));
      assert.equal(a.notes, model.footnoteReferences.filter((f) => model.footnoteDefinitions.some((d) => d.id === f.id)).length, 'one note per footnote call');
      assert.doesNotMatch(a.strs, /:claim\[|:actor\[|:rec\[|:::rec/);
      // Only directive syntax changed: without tag names and attribute lists, the words of the export are the brief's, in order.
      const blanked = [...text];
      for (const d of model.directives) for (const span of [d.nameSpan, d.attributesSpan]) if (span) for (let i = span.start; i < span.end; i++) blanked[i] = ' ';
      const braces = (s: string) => s.replace(/\{[^{}]*\}/g, ' ');
      assert.deepEqual(words(braces(exported)), words(braces(blanked.join(''))));
    }
  });

  it('a table row\'s cells past the head row\'s are no part of the brief for Pandoc, nor for Briefmark (long rows too)', () => {
    const long = ' :claim[gone] |'.repeat(200);
    const text = `---\nbrief: true\n---\n\n| Actor | Position |\n|---|---|\n| :actor[UN] | :claim[kept]{src=a} | :claim[dropped]{src=b} | [@smith2020] |\n| x | :claim[also kept] |${long}\n`;
    const { model } = analyze({ uri: 'file:///w/a.brief.md', text });
    assert.deepEqual(
      model.claims.map((c) => c.label),
      ['kept', 'also kept'],
    );
    assert.deepEqual(model.citations, []);
    const a = ast(toPandocMarkdown(model));
    assert.equal(a.spans.filter((s) => s.classes.includes('claim')).length, 2);
    assert.deepEqual(a.cites, []);
    assert.doesNotMatch(a.strs, /dropped|gone/);
  });

  it('the README recipe: export | pandoc --citeproc --lua-filter briefmark.lua, to HTML and DOCX — no directive syntax, citations rendered, every claim kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefmark-export-'));
    try {
      const text = readFileSync(EXAMPLE, 'utf8');
      const { model } = analyze({ uri: 'file:///w/a.brief.md', text });
      const exported = cli(['export', EXAMPLE]);
      assert.equal(exported.status, 0, exported.stderr);
      assert.equal(cli(['export', '--print-lua-filter']).stdout.trim(), FILTER);
      const html = runPandoc(exported.stdout, ['--citeproc', '--lua-filter', FILTER, '-s', '--wrap=none', '-t', 'html']);
      assert.equal(html.status, 0, html.stderr);
      const docxPath = join(dir, 'brief.docx');
      const docx = runPandoc(exported.stdout, ['--citeproc', '--lua-filter', FILTER, '-o', docxPath]);
      assert.equal(docx.status, 0, docx.stderr);
      const docxText = runPandoc(readFileSync(docxPath), ['-f', 'docx', '-t', 'plain', '--wrap=none']).stdout;
      const docxStyles = runPandoc(readFileSync(docxPath), ['-f', 'docx+styles', '-t', 'native']).stdout;
      const htmlText = runPandoc(html.stdout, ['-f', 'html', '-t', 'plain', '--wrap=none']).stdout;
      for (const [name, out] of [['html', html.stdout], ['docx', docxText]] as const) {
        assert.doesNotMatch(out, /:claim\[|:actor\[|:rec\[|:::/, `${name}: no directive syntax`);
        assert.doesNotMatch(out, /@coalition-call|@geneva-talks/, `${name}: citations rendered by citeproc`);
      }
      assert.match(html.stdout, /<span class="citation" data-cites="coalition-call">\(<em>Wire Report<\/em> 2025\)<\/span>/);
      assert.match(docxText, /\(Example 2025, 2\)/);
      for (const claim of model.claims) {
        const w = labelWords(claim.label);
        assert.ok(contains(words(htmlText), w), `HTML keeps the claim "${claim.label}"`);
        assert.ok(contains(words(docxText), w), `DOCX keeps the claim "${claim.label}"`);
      }
      // Styled: classes and a style sheet in HTML (sources as data and tooltip), custom styles in DOCX.
      assert.match(html.stdout, /<span id="no-readiness" class="claim"\s+(data-src="coalition-call"\s+title="Sources: coalition-call"|title="Sources: coalition-call"\s+data-src="coalition-call")>/);
      assert.match(html.stdout, /div\.rec \{/);
      assert.match(html.stdout, /<p><strong>Clarify red lines<\/strong><\/p>/);
      for (const style of ['Briefmark Claim', 'Briefmark Actor', 'Briefmark Recommendation', 'Briefmark Recommendation Label']) assert.ok(docxStyles.includes(`"custom-style" , "${style}"`), style);
      // A clean publication: no annotation left.
      const clean = runPandoc(exported.stdout, ['--citeproc', '--lua-filter', FILTER, '-M', 'briefmark-clean=true', '-t', 'html']).stdout;
      assert.doesNotMatch(clean, /class="(claim|actor|rec)"|data-src|data-actor|data-priority/);
      assert.match(clean, /<strong>Clarify red lines<\/strong>/);
      for (const claim of model.claims) assert.ok(contains(words(runPandoc(clean, ['-f', 'html', '-t', 'plain']).stdout), labelWords(claim.label)), claim.label);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('needs no Pandoc itself, and says what is wrong with its arguments', () => {
    const noPandoc = cli(['export', EXAMPLE], { PATH: '/nonexistent' });
    assert.equal(noPandoc.status, 0, noPandoc.stderr);
    assert.match(noPandoc.stdout, /\[Macron\]\{\.actor actor="fr-president"\}/);
    const dir = mkdtempSync(join(tmpdir(), 'briefmark-export-'));
    try {
      assert.equal(cli(['export', EXAMPLE, '-o', join(dir, 'out.md')]).status, 0);
      assert.equal(readFileSync(join(dir, 'out.md'), 'utf8'), noPandoc.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const cases: Array<[string[], RegExp]> = [
      [['export', '--to', 'docx', EXAMPLE], /Unknown target "docx": the only one is pandoc/],
      [['export'], /Give the brief to export/],
      [['export', 'a.md', 'b.md'], /Give one brief/],
      [['export', '--bogus', EXAMPLE], /Unknown option "--bogus"/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    const missing = cli(['export', join(ROOT, 'no-such.brief.md')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
  });
});
