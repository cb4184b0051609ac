/**
 * The VS Code client: a launcher only. It starts the bundled server over IPC for Markdown
 * documents and stops it on deactivation; everything else happens in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerEditorFeatures, type BriefmarkApi } from './editorFeatures';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<BriefmarkApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{.briefmark.yaml,*.bib,*.json,*.yaml,*.yml,*.md,*.txt}') },
  };
  client = new LanguageClient('briefmark', 'Briefmark', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('briefmark.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('briefmark.showOutput', () => client?.outputChannel.show()),
  );
  const api = registerEditorFeatures(context, () => client);
  await client.start();
  return api;
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
