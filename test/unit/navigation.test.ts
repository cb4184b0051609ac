import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { defaultConventions, type Conventions } from '../../server/src/core/conventions/types';
import { summarize, type BriefSummary } from '../../server/src/core/features/briefSummary';
import { definitionAt, keySpanIn, prepareRenameAt, referencesAt, renameAt, yamlIdSpan, type RenameEdit } from '../../server/src/core/features/navigation';
import { trackCodeLenses } from '../../server/src/core/features/codeLens';
import { foldingRanges } from '../../server/src/core/features/folding';
import { workspaceSymbols } from '../../server/src/core/features/workspaceSymbols';

const CONVENTIONS_URI = 'file:///w/.briefmark.yaml';
const CONVENTIONS_TEXT = `actors:
  - id: fr-president
    name: Emmanuel Macron
    aliases: [Macron]
  - { id: eu, name: European Union }
`;

function conventions(): Conventions {
  const c = defaultConventions();
  c.uri = CONVENTIONS_URI;
  c.actors = [
    { id: 'fr-president', name: 'Emmanuel Macron', aliases: ['Macron'], origin: { uri: CONVENTIONS_URI, span: { start: 10, end: 85 } } },
    { id: 'eu', name: 'European Union', origin: { uri: CONVENTIONS_URI, span: { start: 88, end: 121 } } },
  ];
  return c;
}

const A = `---
brief: true
references:
  - id: lci
    title: Interview
---
# Context

:actor[Macron] spoke; later :actor[the President]{id=fr-president} again.
:claim[A ceasefire is off the table]{src=lci by=fr-president} and Macron agreed [@lci, p. 2].[^n1]

# Proposed Solutions Framework

## Track 1: Diplomatic Pathway

:::rec[Talk]{track=1 actor="eu fr-president"}
Talk to :actor[EU]{id=eu}. :claim[Unsourced figure of 40%]
:::

[^n1]: A note.
`;
const B = `---
brief: true
---
Macron said so [@lci]. :rec[Act]{track=1 actor=fr-president}
`;

const analyse = (uri: string, text: string): Analysis => analyze({ uri, text }, { conventions: conventions() });
const a = analyse('file:///w/a.brief.md', A);
const b = analyse('file:///w/b.brief.md', B);
const all: BriefSummary[] = [summarize(a)!, summarize(b)!];
const texts: Record<string, string> = { 'file:///w/a.brief.md': A, 'file:///w/b.brief.md': B, [CONVENTIONS_URI]: CONVENTIONS_TEXT };
const at = (text: string, needle: string, delta = 1) => text.indexOf(needle) + delta;
const show = (edits: RenameEdit[]) => edits.map((e) => `${e.uri.slice(10)} ${JSON.stringify(texts[e.uri].slice(e.span.start, e.span.end))}→${e.newText}`);

describe('navigation', () => {
  it('goes to footnote definitions, front-matter entries, conventions entries and track headings', () => {
    assert.deepEqual(definitionAt(a, at(A, '[^n1]', 2)), [{ uri: a.model.uri, span: { start: A.indexOf('[^n1]:') + 2, end: A.indexOf('[^n1]:') + 4 } }]);
    const [entry] = definitionAt(a, at(A, '@lci, p'));
    assert.equal(A.slice(entry.span!.start, entry.span!.end), 'lci');
    assert.deepEqual(definitionAt(a, at(A, 'by=fr-president', 4)), [{ uri: CONVENTIONS_URI, span: { start: 10, end: 85 } }]);
    assert.deepEqual(definitionAt(a, at(A, 'Macron agreed')), [{ uri: CONVENTIONS_URI, span: { start: 10, end: 85 } }]);
    const [track] = definitionAt(a, at(A, 'track=1', 6));
    assert.equal(A.slice(track.span!.start, track.span!.end), '## Track 1: Diplomatic Pathway');
    assert.deepEqual(definitionAt(b, at(B, 'track=1', 6)), [], 'b has no framework: its track=1 names no track');
  });

  it('finds an actor’s tagged and untagged mentions and attributes in every brief', () => {
    const refs = referencesAt(a, at(A, ':actor[Macron]', 8), all, false);
    assert.deepEqual(
      refs.map((r) => `${r.uri.slice(10)} ${texts[r.uri].slice(r.span!.start, r.span!.end)}`),
      ['a.brief.md Macron', 'a.brief.md fr-president', 'a.brief.md fr-president', 'a.brief.md Macron', 'a.brief.md fr-president', 'b.brief.md Macron', 'b.brief.md fr-president'],
    );
    assert.equal(referencesAt(a, at(A, ':actor[Macron]', 8), all, true)[0].uri, CONVENTIONS_URI);
  });

  it('finds every citation of an entry', () => {
    const refs = referencesAt(a, at(A, '@lci, p'), all, true);
    // b's `lci` is not in b's bibliography: another source with the same key.
    assert.deepEqual(refs.map((r) => `${r.uri.slice(10)} ${r.span!.start}`), [`a.brief.md ${A.indexOf('lci')}`, `a.brief.md ${A.indexOf('src=lci') + 4}`, `a.brief.md ${A.indexOf('@lci, p') + 1}`]);
  });

  it('renames an actor id in the conventions and every brief', () => {
    const r = renameAt(a, at(A, 'Macron agreed'), 'macron', all, (uri) => texts[uri]);
    assert.ok('edits' in r, JSON.stringify(r));
    assert.deepEqual(show(r.edits), [
      '.briefmark.yaml "fr-president"→macron',
      'a.brief.md "fr-president"→macron',
      'a.brief.md "fr-president"→macron',
      'a.brief.md "fr-president"→macron',
      'b.brief.md "fr-president"→macron',
    ]);
    assert.deepEqual(prepareRenameAt(a, at(A, 'Macron agreed')), { span: { start: A.indexOf('Macron agreed'), end: A.indexOf('Macron agreed') + 6 }, placeholder: 'fr-president' });
  });

  it('renames only the briefs whose id resolves to the renamed entry: another .briefmark.yaml with the same id keeps its briefs', () => {
    const OTHER = 'file:///w/other/.briefmark.yaml';
    const other = defaultConventions();
    other.uri = OTHER;
    other.actors = [{ id: 'fr-president', name: 'Président de la République', origin: { uri: OTHER, span: { start: 10, end: 60 } } }];
    const c = analyze({ uri: 'file:///w/other/c.brief.md', text: B }, { conventions: other });
    const r = renameAt(a, at(A, 'Macron agreed'), 'macron', [...all, summarize(c)!], (uri) => texts[uri]);
    assert.ok('edits' in r, JSON.stringify(r));
    // The brief governed by other/.briefmark.yaml is not touched: its id still names its own entry.
    assert.ok(!r.edits.some((e) => e.uri === 'file:///w/other/c.brief.md'), show(r.edits).join('\n'));
    assert.equal(r.edits.filter((e) => e.uri.endsWith('.briefmark.yaml')).length, 1);
  });

  it('finds an actor in the conventions file by its id when its entry has no recorded origin', () => {
    const bare = conventions();
    for (const x of bare.actors) delete x.origin;
    const ab = analyze({ uri: 'file:///w/a.brief.md', text: A }, { conventions: bare });
    const idAt = CONVENTIONS_TEXT.indexOf('fr-president');
    assert.deepEqual(definitionAt(ab, at(A, 'Macron agreed'), (u) => texts[u]), [{ uri: CONVENTIONS_URI, span: { start: idAt, end: idAt + 12 } }]);
    assert.deepEqual(definitionAt(ab, at(A, 'Macron agreed')), [{ uri: CONVENTIONS_URI, span: undefined }], 'the file itself when it cannot be read');
    const r = renameAt(ab, at(A, 'Macron agreed'), 'macron', [summarize(ab)!], (u) => texts[u]);
    assert.ok('edits' in r);
    assert.deepEqual(show(r.edits)[0], '.briefmark.yaml "fr-president"→macron');
    const missing = renameAt(ab, at(A, 'Macron agreed'), 'macron', [], () => 'actors: []');
    assert.match((missing as { error: string }).error, /Cannot find the id `fr-president` in file:\/\/\/w\/.briefmark.yaml/);
  });

  it('refuses renames that collide or are invalid, with a clear message', () => {
    assert.match((renameAt(a, at(A, 'Macron agreed'), 'eu', all, (u) => texts[u]) as { error: string }).error, /already have an actor `eu` \(European Union\)/);
    assert.match((renameAt(a, at(A, 'Macron agreed'), 'two words', all, (u) => texts[u]) as { error: string }).error, /not a valid actor id/);
    // A brief that already names an unknown actor `wire` would name this one after the rename (found by the long fuzz run).
    const c = analyse('file:///w/c.brief.md', '# T\n\n:claim[Prices rose]{by=wire} [@lci].\n');
    assert.ok(c.diagnostics.some((d) => d.code === 'unknown-actor'));
    assert.match((renameAt(a, at(A, 'Macron agreed'), 'wire', [...all, summarize(c)!], (u) => texts[u]) as { error: string }).error, /file:\/\/\/w\/c\.brief\.md already names an actor `wire`, which the conventions do not know/);
    assert.match((renameAt(a, at(A, '[^n1]', 2), 'n1 x', all, (u) => texts[u]) as { error: string }).error, /not a valid footnote id/);
    assert.match((prepareRenameAt(a, at(A, 'Context')) as { error: string }).error, /renames actor ids, citation keys and footnote ids/);
    // `@{}` is a citation of no key, as Pandoc reads it: naming it would make it cite an entry (found by the long fuzz run).
    const E = '# T\n\n:claim[Prices rose]{by=fr-president} [@lci] and @{} too.\n';
    const e = analyse('file:///w/e.brief.md', E);
    assert.ok(e.model.citations.some((c) => c.items.some((i) => i.key === '')));
    assert.match((prepareRenameAt(e, at(E, '@{}', 2)) as { error: string }).error, /empty citation key .* nothing to rename/);
    assert.match((renameAt(e, at(E, '@{}', 2), 'lci', all, (u) => texts[u]) as { error: string }).error, /empty citation key/);
    // Nor to the id of one of the brief's footnotes, which the key would then cite.
    assert.match((renameAt(a, at(A, '@lci, p'), 'N1', all, (u) => texts[u]) as { error: string }).error, /footnote `\[\^n1\]`, which `@N1` would cite instead/);
    // Nor a key a brief already cites without an entry: the two would merge (found by the long fuzz run).
    const u = analyse('file:///w/u.brief.md', '# T\n\n:claim[Prices rose] [@ghost].\n');
    assert.match((renameAt(a, at(A, '@lci, p'), 'ghost', [...all, summarize(u)!], (x) => texts[x]) as { error: string }).error, /file:\/\/\/w\/u\.brief\.md already cites `@ghost`, which no entry has/);
    assert.ok('edits' in renameAt(a, at(A, '@lci, p'), 'ghost', all, (x) => texts[x]));
    // Nor a key that runs into a directive: `@x:Claim[y]` is the key `x:Claim` for Pandoc and a directive for micromark (found by the long fuzz run).
    const R = '# T\n\n:claim[Prices rose] [@x:Claim[y]{src=b}].\n';
    const r = analyse('file:///w/r.brief.md', R);
    assert.ok(r.model.citations.some((c) => c.items.some((i) => i.key === 'x:Claim')));
    assert.match((renameAt(r, at(R, '@x', 1), 'z', [summarize(r)!], () => undefined) as { error: string }).error, /at line 3 the key runs into a directive \(`:Claim`\)/);
    // Nor to a key that opens its line as an example list item's label would: `@wire.` at a line's start is Pandoc's example item (long fuzz run, seed 979797).
    const X = '# T\n\n:claim[Prices rose]\n\n@wire+4. said so.\n';
    const x = analyse('file:///w/x.brief.md', X);
    assert.ok(x.model.citations.some((c) => c.items.some((i) => i.key === 'wire+4')));
    assert.match((renameAt(x, at(X, '@wire+4', 1), 'wire', [summarize(x)!], () => undefined) as { error: string }).error, /`@wire` would open a line as an example list item's label/);
    assert.ok('edits' in renameAt(x, at(X, '@wire+4', 1), 'wire+5', [summarize(x)!], () => undefined));
    // Nor where the key's `*` is an emphasis delimiter: `@*9c` renamed to `@n` would move the emphasis (long fuzz run, seed 90909).
    const M = '---\nbrief: true\n---\n\nOfficials said a *b @*9c c* d.\n\nAnd @*9c again.\n';
    const m = analyse('file:///w/m.brief.md', M);
    assert.ok(m.model.citations.some((c) => c.items.some((i) => i.key === '*9c')));
    const texts2 = (x: string) => (x === m.model.uri ? M : texts[x]);
    assert.match((renameAt(m, at(M, '@*9c c*'), 'n', [summarize(m)!], texts2) as { error: string }).error, /in file:\/\/\/w\/m\.brief\.md the change would alter the Markdown around a citation/);
    // Nor where the key's `$` closes Pandoc's math: `$3 … k$` holds `@imf`, which renaming `k$` would make a citation (long run 2323232).
    const D = '---\nbrief: true\n---\n\nPrices rose by $3 as @imf reported :claim[x]{src=k$}.\n';
    const d = analyse('file:///w/d.brief.md', D);
    assert.equal(d.model.citations.length, 0);
    assert.match((renameAt(d, at(D, 'k$}'), 'k2', [summarize(d)!], () => undefined) as { error: string }).error, /the change would alter the Markdown around a citation \(a `\*`, `_` or `\$` of the key pairs with another further on, for emphasis or math, or what reads as a citation changes\)/);
    const D2 = D.replace('$3', '3');
    const d2 = analyse('file:///w/e.brief.md', D2);
    assert.ok('edits' in renameAt(d2, at(D2, 'k$}'), 'k2', [summarize(d2)!], () => undefined));
    // In another brief too (no parse there: the paragraph around the citation is read again).
    const o = analyse('file:///w/o.brief.md', '---\nbrief: true\n---\n\nIt said so @*9c here.\n');
    assert.match((renameAt(o, at(o.model.text, '@*9c'), 'n', [summarize(o)!, summarize(m)!], texts2) as { error: string }).error, /in file:\/\/\/w\/m\.brief\.md the change/);
    // A key whose `*` pairs with nothing is renamed.
    const ok = renameAt(o, at(o.model.text, '@*9c'), 'n', [summarize(o)!], texts2);
    assert.ok('edits' in ok && ok.edits.length === 1, JSON.stringify(ok));
  });

  it('renames a front-matter citation key and its citations in that brief only', () => {
    const r = renameAt(a, at(A, '@lci, p'), 'lci-2025', all, (u) => texts[u]);
    assert.ok('edits' in r, JSON.stringify(r));
    assert.deepEqual(show(r.edits), ['a.brief.md "lci"→lci-2025', 'a.brief.md "lci"→lci-2025', 'a.brief.md "lci"→lci-2025']);
  });

  it('renames a footnote id and refuses one that exists', () => {
    const r = renameAt(a, at(A, '[^n1]', 2), 'ref', all, (u) => texts[u]);
    assert.ok('edits' in r);
    assert.deepEqual(show(r.edits), ['a.brief.md "n1"→ref', 'a.brief.md "n1"→ref']);
    const two = analyse('file:///w/a.brief.md', A + '[^n2]: Other.\n');
    assert.match((renameAt(two, at(A, '[^n1]', 2), 'N2', [], () => undefined) as { error: string }).error, /already exists/);
    // Nor to a name that something already names without a definition: it would capture it.
    const dangling = analyse('file:///w/a.brief.md', A + 'See [^late].\n');
    assert.match((renameAt(dangling, at(A, '[^n1]', 2), 'LATE', [], () => undefined) as { error: string }).error, /`\[\^LATE\]` at line \d+ has no definition and would then name it/);
    const bySrc = analyse('file:///w/a.brief.md', A + ':claim[Talks stalled]{src=wire}.\n');
    assert.match((renameAt(bySrc, at(A, '[^n1]', 2), 'WIRE', [], () => undefined) as { error: string }).error, /the key `wire` at line \d+ would then name it/);
    // Brackets that would hold a tag micromark reads (`[^n:Claim[y]{src=b}1]`) are no footnote
    // call: a label has no `[` (micromark, Pandoc), so there is nothing to rename there.
    const tagged = '---\nbrief: true\n---\n\n [^n:Claim[y]{src=b}1]: A note.\nIt said 40%.\n';
    const runsIn = analyse('file:///w/a.brief.md', tagged);
    assert.match((renameAt(runsIn, tagged.indexOf('[^') + 3, 'n', [], () => undefined) as { error: string }).error, /there is none here/);
    assert.equal(runsIn.model.footnoteReferences.length, 0);
    // A call in a YAML metadata block after the start: Pandoc reads YAML there, micromark a
    // heading with a footnote call, which a rename of the definition alone would break
    // (long fuzz run, seed 787878).
    const yaml = '---\nbrief: true\n---\n\nText with a note.[^1]\n\n---\ntitle: A [^1] in metadata\n---\n\n[^1]: The note.\n';
    const inYaml = analyse('file:///w/a.brief.md', yaml);
    assert.match((renameAt(inYaml, yaml.indexOf('[^1]:') + 2, 'WIRE', [], () => undefined) as { error: string }).error, /at line 8 `\[\^1\]` is read as a footnote call in Markdown but not by Pandoc/);
  });

  it('finds ids in YAML and keys in BibTeX and CSL', () => {
    assert.equal(yamlIdSpan(CONVENTIONS_TEXT, undefined, 'eu')?.start, CONVENTIONS_TEXT.indexOf('eu,'));
    const bib = '@article{smith2020,\n  title = {smith2020 again}\n}\n@book{ un ,\n}';
    assert.equal(keySpanIn(bib, undefined, 'smith2020')?.start, 9);
    assert.equal(keySpanIn(bib, undefined, 'un')?.start, bib.indexOf('un ,'));
    assert.equal(keySpanIn('[{"id": "k1"}]', undefined, 'k1')?.start, 9);
  });

  it('lenses each track, folds containers, lists workspace symbols', () => {
    assert.deepEqual(trackCodeLenses(a).map((l) => l.title), ['1 recommendation · by European Union, Emmanuel Macron · 1 claim, 1 unsourced']);
    const [fold] = foldingRanges(a.model);
    assert.equal(A.slice(fold.start, fold.end), A.slice(A.indexOf(':::rec'), A.indexOf(':::\n\n[^n1]') + 3));
    const syms = workspaceSymbols('', all, () => conventions().actors).map((s) => `${s.kind} ${s.name} ${s.containerName}`);
    assert.deepEqual(syms, [
      'recommendation Talk Track 1: Diplomatic Pathway · a.brief.md',
      'claim A ceasefire is off the table a.brief.md',
      'claim Unsourced figure of 40% a.brief.md',
      'actor Emmanuel Macron fr-president',
      'actor European Union eu',
      'recommendation Act b.brief.md',
    ]);
    assert.deepEqual(workspaceSymbols('ceasef', all, () => []).map((s) => s.name), ['A ceasefire is off the table']);
  });
});
