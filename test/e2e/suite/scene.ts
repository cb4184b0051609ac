/**
 * Leaves the workbench showing what an analyst sees, for the launcher's screenshot: the
 * example brief with its diagnostics, the Outline, and the hover on the unsourced claim.
 * Not a test: it runs after the suite, only under the VS Code server route.
 */
import * as vscode from 'vscode';
import { briefmarkDiagnostics, open, positionOf, waitFor } from './helpers';

export async function prepareScreenshotScene(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
  const editor = await open('ceasefire-impasse.brief.md');
  await waitFor('diagnostics on the brief', () => briefmarkDiagnostics(editor.document.uri).length > 0);
  const at = positionOf(editor.document, '$400 billion', 3);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at.translate(-14), at), vscode.TextEditorRevealType.AtTop);
  await vscode.commands.executeCommand('outline.focus').then(undefined, () => undefined);
  await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('editor.action.showHover');
}
