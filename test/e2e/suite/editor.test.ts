/** What the VS Code client adds: preview, status bar, sourcing report, tag commands, and no noise from VS Code's own Markdown validation. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, briefmarkDiagnostics, codeOf, open, positionOf, waitFor } from './helpers';

const BRIEF = 'ceasefire-impasse.brief.md';

interface BriefmarkApi {
  readonly statusText: string | undefined;
  readonly openReports: string[];
}

async function api(): Promise<BriefmarkApi> {
  return (await activateExtension()).exports as BriefmarkApi;
}

describe('Briefmark in VS Code: editor features', () => {
  it("renders tags in VS Code's Markdown preview through the contributed markdown-it plugin", async () => {
    await activateExtension();
    const html = await waitFor('the Markdown preview renderer with the Briefmark plugin', async () => {
      const out = await vscode.commands.executeCommand<string>('markdown.api.render', 'Needs exceed :claim[$400 billion]. :actor[Macron]{id=fr-president} agreed :claim[so]{src=wire}.');
      return typeof out === 'string' && out.includes('briefmark-') && out;
    });
    assert.match(html, /<span class="briefmark-claim briefmark-unsourced"[^>]*>\$400 billion<\/span><sup class="briefmark-badge[^"]*"[^>]*>unsourced<\/sup>/);
    assert.match(html, /<span class="briefmark-actor"[^>]*>Macron<\/span>/);
    assert.match(html, /<span class="briefmark-claim" [^>]*data-src="wire">so<\/span>/);
    assert.doesNotMatch(html, /:claim\[|:actor\[/);
    const box = await vscode.commands.executeCommand<string>('markdown.api.render', ':::rec[Clarify red lines]{priority=high}\nBody.\n:::\n');
    assert.match(box, /<div class="briefmark-rec-box"[^>]*>[\s\S]*Clarify red lines[\s\S]*<p[^>]*>Body.<\/p>/);
  });

  it('marks claims in the preview with the status the server gave them: pending, no source, broken', async () => {
    const a = await api();
    const brief = (await open('pending.brief.md')).document;
    await waitFor('the status bar item for the brief', () => a.statusText?.includes('claims sourced'));
    const html = await waitFor('the preview with the server\'s statuses', async () => {
      const out = await vscode.commands.executeCommand<string>('markdown.api.render', brief);
      return typeof out === 'string' && out.includes('briefmark-pending') && out;
    });
    assert.match(html, /<span class="briefmark-claim briefmark-pending"[^>]*>Prices doubled<\/span><sup[^>]*>source pending<\/sup>/);
    assert.match(html, /<span class="briefmark-claim briefmark-broken"[^>]*>Exports fell<\/span><sup[^>]*>source not found<\/sup>/);
    assert.match(html, /<span class="briefmark-claim briefmark-unsourced"[^>]*>Imports rose<\/span><sup[^>]*>no source<\/sup>/);
    assert.match(html, /<span class="briefmark-claim"[^>]*>Storage was full<\/span>(?!<sup)/);
    assert.match(a.statusText ?? '', /1\/4 claims sourced/);
  });

  it('renders citations in the preview in the brief\'s CSL style (Chicago author-date), with references, marked unknown keys and pending footnotes; the hover shows the formatted reference', async () => {
    const a = await api();
    const editor = await open('cited.brief.md');
    const brief = editor.document;
    await waitFor('the status bar item for the brief', () => a.statusText?.includes('1/1 claims sourced'));
    const html = await waitFor('the preview with rendered citations', async () => {
      const out = await vscode.commands.executeCommand<string>('markdown.api.render', brief);
      return typeof out === 'string' && out.includes('briefmark-references') && out;
    });
    assert.match(html, /Growth slowed<\/span> <span class="briefmark-citation"[^>]*>\(International Monetary Fund 2025, 12\)<\/span>/);
    assert.match(html, /<span class="briefmark-citation briefmark-broken"[^>]*>\[@nowhere2024\]<\/span><sup[^>]*>source not found<\/sup>/);
    assert.match(html, /<section class="briefmark-references"[\s\S]*<h2[^>]*>References<\/h2>[\s\S]*International Monetary Fund\. 2025\. “World Economic Outlook\.”/);
    assert.match(html, /footnote-ref[\s\S]*?<\/sup><sup class="briefmark-badge briefmark-pending"[^>]*>source pending<\/sup>/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', brief.uri, positionOf(brief, '@outlook', 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /International Monetary Fund\. 2025\. “World Economic Outlook\.”/);
  });

  it('shows "N/M claims sourced" in the status bar for the active brief, and hides it for a README', async () => {
    const a = await api();
    const brief = (await open(BRIEF)).document;
    const unsourced = await waitFor('the brief\'s diagnostics', () => {
      const n = briefmarkDiagnostics(brief.uri).filter((d) => codeOf(d) === 'unsourced-claim').length;
      return n > 0 && n;
    });
    // The item follows the active editor: wait for this brief's counts (not the previous brief's).
    const text = await waitFor(`the status bar item for the brief, with ${unsourced} claim(s) not sourced`, () => {
      const m = /(\d+)\/(\d+) claims sourced/.exec(a.statusText ?? '');
      return !!m && Number(m[2]) - Number(m[1]) === unsourced && a.statusText;
    });
    assert.match(text, /claims sourced/);
    // Focus on the Markdown preview (no text editor active): the brief's status stays.
    await vscode.commands.executeCommand('markdown.showPreview', brief.uri);
    await waitFor('the preview to take focus', () => vscode.window.activeTextEditor === undefined);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(a.statusText, text, 'the status of the brief stays while its preview has focus');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await open('README.md');
    await waitFor('the status bar item to hide on a README', () => a.statusText === undefined);
  });

  it('opens the sourcing report for the brief as a webview beside it', async () => {
    const a = await api();
    const brief = (await open(BRIEF)).document;
    const shown = await vscode.commands.executeCommand<boolean>('briefmark.showSourcingReport');
    assert.equal(shown, true);
    assert.ok(a.openReports.includes(brief.uri.toString()), a.openReports.join(', '));
    const tab = await waitFor('the report tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('briefmark.sourcingReport')),
    );
    assert.match(tab.label, /Sourcing: ceasefire-impasse\.brief\.md/);
    await vscode.window.tabGroups.close(tab);
    // On a README the command declines.
    await open('README.md');
    assert.equal(await vscode.commands.executeCommand<boolean>('briefmark.showSourcingReport'), false);
  });

  /** A scratch Markdown document (untitled), closed without saving at the end of each test. */
  let scratches = 0;
  async function scratch(content: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `/scratch-${++scratches}.md` }));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), content));
    assert.equal(doc.getText(), content);
    return editor;
  }
  afterEach(async () => {
    while (vscode.window.activeTextEditor?.document.isUntitled) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('tags the selection as a claim, and the server then reports it as unsourced', async () => {
    const editor = await scratch('# Scratch\n\nTrade fell by 40% last year.\n');
    const doc = editor.document;
    const start = positionOf(doc, '40% last year');
    editor.selection = new vscode.Selection(start, start.translate(0, '40% last year'.length));
    await vscode.commands.executeCommand('briefmark.tagClaim');
    assert.match(doc.getText(), /Trade fell by :claim\[40% last year\]\{src=source-key\}\./);
    // The attribute block is selected (first tab stop): delete it, leaving the bare claim.
    assert.equal(doc.getText(editor.selection), '{src=source-key}');
    await vscode.commands.executeCommand('deleteLeft');
    await vscode.commands.executeCommand('leaveSnippet');
    assert.match(doc.getText(), /Trade fell by :claim\[40% last year\]\./);
    await waitFor('an unsourced-claim diagnostic on the new claim', () =>
      briefmarkDiagnostics(doc.uri).some((d) => codeOf(d) === 'unsourced-claim' && doc.getText(d.range) === ':claim[40% last year]'),
    );
  });

  it('wraps several lines as a :::rec container and an actor name as an actor', async () => {
    const editor = await scratch('# Scratch\n\nPress for talks.\nKeep allies close.\n\nThe Kremlin refused.\n');
    const doc = editor.document;
    const from = positionOf(doc, 'Press for talks.');
    editor.selection = new vscode.Selection(from, from.translate(2, 0));
    await vscode.commands.executeCommand('briefmark.tagRecommendation');
    assert.match(doc.getText(), /:::rec\[Recommendation\]\{track=1\}\nPress for talks\.\nKeep allies close\.\n:::\n/);
    await vscode.commands.executeCommand('leaveSnippet');
    const k = positionOf(doc, 'Kremlin');
    editor.selection = new vscode.Selection(k, k.translate(0, 'Kremlin'.length));
    await vscode.commands.executeCommand('briefmark.tagActor');
    assert.match(doc.getText(), /The :actor\[Kremlin\]\{id=actor-id\} refused\./);
    await vscode.commands.executeCommand('leaveSnippet');
  });

  it("keeps VS Code's Markdown link validation quiet about tags, citations and footnotes", async () => {
    const config = vscode.workspace.getConfiguration('markdown', vscode.Uri.file('/'));
    assert.equal(config.get('validate.enabled'), true, 'the e2e workspace switches markdown.validate.enabled on');
    // The fix: Briefmark's configurationDefaults turn off the reference-link check, which
    // reads every [label], [@key] and [^footnote] as a link reference without definition.
    assert.equal(config.inspect('validate.referenceLinks.enabled')?.defaultValue, 'ignore');
    const doc = (await open('links.brief.md')).document;
    const markdown = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== 'briefmark');
    // The one real broken link proves that validation ran on this document.
    await waitFor("VS Code's Markdown validation to report the really broken link", () => markdown().some((d) => doc.getText(d.range).includes('missing-file.md')), 60_000);
    const noise = markdown().filter((d) => !doc.getText(d.range).includes('missing-file.md'));
    assert.deepEqual(
      noise.map((d) => `${d.source}/${codeOf(d)} at ${d.range.start.line + 1}:${d.range.start.character + 1} "${doc.getText(d.range)}": ${d.message}`),
      [],
    );
  });
});
