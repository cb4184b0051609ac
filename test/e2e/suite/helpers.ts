/** Helpers for the e2e tests: wait for conditions (never for a fixed time), open fixtures. */
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'briefmark.briefmark';

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails after
 * `timeoutMs`; `state` describes what was seen instead, for the failure message.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 45_000, state?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}${state ? `; seen: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the e2e suite needs a workspace folder (test/e2e/workspace, prepared by the launcher)');
  return f.uri.fsPath;
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function briefmarkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'briefmark');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

/** The position of the first occurrence of `needle` in the document (plus `delta` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(i + delta);
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

/** The document's diagnostics, one line each, for failure messages. */
export function describeDiagnostics(uri: vscode.Uri): string {
  const ds = vscode.languages.getDiagnostics(uri);
  return ds.length ? ds.map((d) => `[${d.source}/${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line + 1}:${d.range.start.character + 1}] ${d.message}`).join(' | ') : 'no diagnostics';
}

/**
 * Puts an edited document back to its content on disk and saves it, so that it is clean.
 * Deterministic where `workbench.action.files.revert` is not: that command acts on
 * whatever editor the workbench holds active at that moment.
 */
export async function restoreFromDisk(doc: vscode.TextDocument): Promise<void> {
  const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
  if (doc.getText() !== saved) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), saved);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not restore ${doc.uri.toString()}`);
  }
  if (doc.isDirty && !(await doc.save())) throw new Error(`could not save ${doc.uri.toString()}`);
}
