/** The language server's features, read back through the real `vscode` API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, briefmarkDiagnostics, codeOf, hoverText, open, positionOf, restoreFromDisk, waitFor } from './helpers';

const BRIEF = 'ceasefire-impasse.brief.md';

describe('Briefmark in VS Code: language features', () => {
  before(async () => {
    await activateExtension();
  });

  it('runs the packaged extension (bundled, no node_modules)', async () => {
    const ext = await activateExtension();
    assert.equal(ext.isActive, true);
    const files = await vscode.workspace.fs.readDirectory(ext.extensionUri);
    const names = files.map(([n]) => n);
    assert.ok(!names.includes('node_modules'), `the installed extension ships node_modules: ${names.join(', ')}`);
    assert.ok(!names.includes('server') && !names.includes('client'), `the installed extension ships sources: ${names.join(', ')}`);
    const dist = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(ext.extensionUri, 'dist'))).map(([n]) => n);
    assert.ok(['client.js', 'server.js', 'sourceExtractor.js', 'parseWorker.js', 'citeproc.js'].every((f) => dist.includes(f)), `dist holds ${dist.join(', ')}`);
  });

  it('reports an unsourced claim on the example brief, on the claim itself', async () => {
    const editor = await open(BRIEF);
    const doc = editor.document;
    const diagnostics = await waitFor('Briefmark diagnostics on the example brief', () => {
      const ds = briefmarkDiagnostics(doc.uri);
      return ds.some((d) => codeOf(d) === 'unsourced-claim') && ds;
    });
    const unsourced = diagnostics.filter((d) => codeOf(d) === 'unsourced-claim');
    assert.equal(unsourced.length, 1, `expected one unsourced claim, got: ${unsourced.map((d) => doc.getText(d.range)).join(' | ')}`);
    const [d] = unsourced;
    assert.equal(doc.getText(d.range), ':claim[$400 billion]');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /\$400 billion/);
    // Claims with a src attribute, a citation or a footnote in their sentence are sourced.
    for (const sourced of ['Russia is clearly not ready', 'around 30 predominantly', 'Marco Rubio', 'no restrictions']) {
      assert.ok(!diagnostics.some((x) => doc.getText(x.range).includes(sourced)), `"${sourced}" was reported`);
    }
  });

  it('shows a hover for a claim with its sources, and for an unsourced claim a warning', async () => {
    const doc = (await open(BRIEF)).document;
    const sourced = await waitFor('a Briefmark hover on a sourced claim', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'around 30 predominantly'));
      const text = hoverText(hovers ?? []);
      return text.includes('**Claim**') && text;
    });
    assert.match(sourced, /@coalition-call/);
    assert.match(sourced, /Macron sees no Russian readiness/);
    const unsourced = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '$400 billion'))) ?? []);
    assert.match(unsourced, /No source/);
    const citation = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '@geneva-talks', 2))) ?? []);
    // The reference as the brief's style (Chicago author-date) formats it.
    assert.match(citation, /Example, Analyst\. 2025\. “Notes on the Geneva Talks over the 28-Point Plan\.”/);
  });

  it('checks a claim against the PDF its bibliography entry attaches: the hover shows the passage and its page', async () => {
    const doc = (await open('attachment.brief.md')).document;
    // The PDF is read in the background (its own process); the hover says "unchecked" until then.
    const hover = await waitFor('the claim hover with the PDF passage', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'Global growth'));
      const text = hoverText(hovers ?? []);
      return /found in `@outlook` on p\. 2/.test(text) && text;
    });
    assert.match(hover, /`@outlook` \(PDF, 2 pages\)/);
    assert.match(hover, /> Global growth will slow to 2\.7% next year, the Fund said\./);
    assert.deepEqual(
      briefmarkDiagnostics(doc.uri).filter((d) => /-in-source|page-mismatch/.test(codeOf(d) ?? '')),
      [],
    );
  });

  it('outlines the whole brief: headings, Framework → Track → Group → Recommendation, claims where they are', async () => {
    const doc = (await open(BRIEF)).document;
    const flat = (s: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => s.flatMap((x) => [x, ...flat(x.children)]);
    const symbols = await waitFor('document symbols with the framework', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return s && flat(s).some((x) => x.detail?.includes('tracks')) && s;
    });
    const framework = flat(symbols).find((s) => s.name === 'Proposed Solutions Framework' && s.detail?.includes('tracks'));
    assert.ok(framework, `no framework symbol among ${flat(symbols).map((s) => s.name).join(', ')}`);
    // Briefmark's tree is the whole brief: the title heading holds the framework and the claims.
    const tree = symbols.find((s) => flat([s]).includes(framework));
    assert.ok(tree && tree !== framework, 'the framework sits under the brief\'s heading');
    assert.ok(flat([tree]).some((s) => s.name === 'Executive Summary'), 'headings outside the framework too');
    assert.ok(flat([tree]).some((s) => s.detail?.startsWith('claim')), 'claims where they are');
    const tracks = framework.children.map((c) => c.name);
    assert.deepEqual(tracks.slice(0, 2), ['Track 1: Diplomatic Pathway', 'Track 2: Economic Leverage']);
    const track1 = framework.children[0];
    const group = track1.children.find((c) => c.name === 'Immediate Actions');
    assert.ok(group, `Track 1 children: ${track1.children.map((c) => c.name).join(', ')}`);
    assert.deepEqual(group.children.map((c) => c.name).slice(0, 2), ['Clarify red lines', 'Incremental Agreements']);
    assert.equal(doc.getText(group.children[0].selectionRange), 'Clarify red lines');
    // Document order.
    const starts = framework.children.map((c) => c.range.start.line);
    assert.deepEqual([...starts].sort((a, b) => a - b), starts);
  });

  it('leaves a README alone: no Briefmark diagnostics, hovers or outline on a Markdown file that is not a brief', async () => {
    const readme = (await open('README.md')).document;
    // A brief opened after the README (and nowhere else) gets its diagnostics: by then the
    // server has seen both documents.
    const probe = (await open('notes/probe.brief.md')).document;
    await waitFor('diagnostics on the probe brief', () => briefmarkDiagnostics(probe.uri).length > 0);
    assert.deepEqual(briefmarkDiagnostics(readme.uri).map((d) => `${codeOf(d)}: ${d.message}`), []);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', readme.uri, positionOf(readme, '10:30', 1));
    assert.ok(!hoverText(hovers ?? []).match(/\*\*(Claim|Actor|Recommendation|Source)\*\*/), hoverText(hovers ?? []));
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', readme.uri)) ?? [];
    const flat = (s: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => s.flatMap((x) => [x, ...flat(x.children)]);
    assert.ok(!flat(symbols).some((s) => /claim|tracks/.test(s.detail ?? '')), flat(symbols).map((s) => `${s.name} (${s.detail})`).join(', '));
  });
});

describe('Briefmark in VS Code: quick fixes', () => {
  it('offers to cite a bibliography entry for an unsourced claim, and applying it clears the warning', async () => {
    const editor = await open('notes/quickfix.brief.md');
    const doc = editor.document;
    const unsourced = () => briefmarkDiagnostics(doc.uri).filter((d) => codeOf(d) === 'unsourced-claim');
    const [d] = await waitFor('unsourced-claim on the probe', () => unsourced().length === 1 && unsourced());
    try {
      const actions = await waitFor('quick fixes for the unsourced claim', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        return all?.some((a) => a.title.startsWith('Cite @trade-report')) && all;
      });
      const cite = actions.find((a) => a.title.startsWith('Cite @trade-report'))!;
      assert.equal(cite.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.ok(cite.edit, 'the quick fix is a WorkspaceEdit from the server, not a client command');
      assert.equal(await vscode.workspace.applyEdit(cite.edit), true);
      assert.match(doc.getText(), /:claim\[trade shrank by a third in one year\] \[@trade-report\]\./);
      await waitFor('the warning to clear after the fix', () => unsourced().length === 0);
    } finally {
      await restoreFromDisk(doc);
    }
  });

  it("makes a converted brief's note numbers footnotes in one edit, and every finding about them clears", async () => {
    const editor = await open('notes/converted.brief.md');
    const doc = editor.document;
    const named = () => briefmarkDiagnostics(doc.uri).filter((d) => / is a note number/.test(d.message));
    const found = await waitFor('the findings that name note numbers', () => named().length === 3 && named());
    try {
      const actions = await waitFor('the quick fixes of a finding', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, found[0].range, vscode.CodeActionKind.QuickFix.value);
        return all?.some((a) => a.title.startsWith("Make the brief's")) && all;
      });
      const convert = actions.find((a) => a.title.startsWith("Make the brief's"))!;
      assert.equal(convert.title, "Make the brief's 3 note numbers footnotes, and its 3 notes their definitions");
      assert.equal(await vscode.workspace.applyEdit(convert.edit!), true);
      assert.match(doc.getText(), /February 2026\.\[\^1\] Tariffs rose by 4% in 2024\.\[\^2\]/);
      assert.match(doc.getText(), /\n\[\^1\]: Junta de Andalucía, \*Boletín hidrológico\*, 24 February 2026\.\n\[\^2\]: AEAS/);
      await waitFor('every finding to clear after the fix', () => briefmarkDiagnostics(doc.uri).length === 0);
    } finally {
      await restoreFromDisk(doc);
    }
  });
});
