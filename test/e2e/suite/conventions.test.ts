/** Team conventions in a real VS Code: the `.briefmark.yaml` document gets its own diagnostics, and briefs follow its edits. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, briefmarkDiagnostics, codeOf, hoverText, open, positionOf, restoreFromDisk, waitFor } from './helpers';

const BRIEF = 'ceasefire-impasse.brief.md';

describe('Briefmark in VS Code: team conventions', () => {
  after(async () => {
    // Leave the workspace as it was for the other suites.
    const editor = await open('.briefmark.yaml');
    if (editor.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('resolves tagged actors against the example conventions: the hover shows the registry entry', async () => {
    await activateExtension();
    const brief = (await open(BRIEF)).document;
    const text = await waitFor('an actor hover from the registry', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', brief.uri, positionOf(brief, ':actor[Macron]{id=fr-president}', 8));
      const t = hoverText(hovers ?? []);
      return t.includes('Emmanuel Macron') && t;
    });
    assert.match(text, /President of France/);
    assert.match(text, /Mentioned \d+ times? in this brief/);
    assert.deepEqual(briefmarkDiagnostics(brief.uri).filter((d) => codeOf(d) === 'unknown-actor'), []);
  });

  it('reports invalid-conventions on the .briefmark.yaml document itself, and briefs follow unsaved edits', async () => {
    const brief = (await open(BRIEF)).document;
    const editor = await open('.briefmark.yaml');
    const doc = editor.document;
    assert.deepEqual(briefmarkDiagnostics(doc.uri), []);
    // Break one actor's type and rename the coalition's id, without saving.
    await editor.edit((b) => {
      b.replace(new vscode.Range(positionOf(doc, 'type: coalition'), positionOf(doc, 'type: coalition', 'type: coalition'.length)), 'type: alliance');
      b.replace(new vscode.Range(positionOf(doc, 'id: coalition'), positionOf(doc, 'id: coalition', 'id: coalition'.length)), 'id: the-coalition');
    });
    const own = await waitFor('invalid-conventions on the conventions file', () => {
      const d = briefmarkDiagnostics(doc.uri).find((x) => codeOf(x) === 'invalid-conventions');
      return d;
    });
    assert.equal(doc.getText(own.range), 'alliance');
    assert.equal(own.severity, vscode.DiagnosticSeverity.Error);
    const unknown = await waitFor('unknown-actor in the brief for actor=coalition', () => {
      const list = briefmarkDiagnostics(brief.uri).filter((d) => codeOf(d) === 'unknown-actor');
      return list.length > 0 && list;
    });
    assert.ok(unknown.every((d) => brief.getText(d.range) === 'coalition'), unknown.map((d) => brief.getText(d.range)).join(', '));
    await restoreFromDisk(doc);
    await waitFor('the brief back to no unknown-actor', () => briefmarkDiagnostics(brief.uri).every((d) => codeOf(d) !== 'unknown-actor'));
    await waitFor('the conventions file back to no problems', () => briefmarkDiagnostics(doc.uri).length === 0);
  });
});

describe('Briefmark in VS Code: codebook export', () => {
  it('exports the REFI-QDA codebook of the conventions to a file (command with a target)', async () => {
    await activateExtension();
    await open(BRIEF);
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'exported.qdc');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('briefmark.exportCodebook', target);
    assert.equal(written?.toString(), target.toString());
    const xml = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1\.0"/);
    assert.match(xml, /<Code guid="[0-9A-F-]{36}" name="Emmanuel Macron" isCodable="true">/);
    assert.match(xml, /name="Track: Diplomatic Pathway"/);
    await vscode.workspace.fs.delete(target);
  });
});
