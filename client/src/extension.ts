/**
 * The VS Code client: a launcher only. It starts the bundled server over IPC for Markdown
 * documents and stops it on deactivation; everything else happens in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_ARGS } from '../../server/src/node/serverNodeArgs';
import { registerEditorFeatures, type BriefmarkApi } from './editorFeatures';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<BriefmarkApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // Team conventions: the server reports `invalid-conventions` on the file itself.
      { scheme: 'file', pattern: '**/.briefmark.yaml' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.briefmark.yaml,*.bib,*.json,*.yaml,*.yml,*.md,*.txt}'),
      configurationSection: 'briefmark',
    },
    // Workspace Trust: in an untrusted workspace the server reads no file outside the workspace folders.
    initializationOptions: { trusted: vscode.workspace.isTrusted, maxDocumentSize: vscode.workspace.getConfiguration('briefmark').get('maxDocumentSize'), sources: vscode.workspace.getConfiguration('briefmark').get('sources') },
  };
  client = new LanguageClient('briefmark', 'Briefmark', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('briefmark.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('briefmark.showOutput', () => client?.outputChannel.show()),
    vscode.commands.registerCommand('briefmark.exportCodebook', (target?: vscode.Uri) => exportCodebook(target instanceof vscode.Uri ? target : undefined)),
  );
  const api = registerEditorFeatures(context, () => client);
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('briefmark/didChangeTrust', { trusted: true })));
  await client.start();
  return api;
}

/**
 * Asks the server for the REFI-QDA codebook of the active file's conventions (else the first
 * folder's), and saves it where the user chooses — or at `target` when a caller (a task, a
 * keybinding, a test) passes one. Resolves to the file written.
 */
async function exportCodebook(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!client) return undefined;
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const result = await client.sendRequest<{ xml: string; conventionsUri?: string; suggestedName: string } | null>('briefmark/exportCodebook', { uri: uri?.toString() });
  if (!result) {
    void vscode.window.showErrorMessage('Briefmark: the codebook could not be exported (see the Briefmark output).');
    return undefined;
  }
  const folder = result.conventionsUri ? vscode.Uri.joinPath(vscode.Uri.parse(result.conventionsUri), '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const file =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, result.suggestedName) : undefined,
      filters: { 'REFI-QDA codebook': ['qdc'] },
      saveLabel: 'Export Codebook',
    }));
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(result.xml));
  if (!target) void vscode.window.showInformationMessage(`Briefmark: codebook exported to ${vscode.workspace.asRelativePath(file)}.`);
  return file;
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
