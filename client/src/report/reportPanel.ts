/**
 * The sourcing report view: one webview panel per brief, kept up to date while the brief
 * changes, with rows that reveal their place in the brief. The data comes from the server
 * (`briefmark/briefReport`); this file only renders it (reportHtml.ts).
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestBriefReport } from '../briefReportClient';
import { reportHtml } from './reportHtml';

export const REPORT_VIEW_TYPE = 'briefmark.sourcingReport';

export class SourcingReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 400)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) {
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (doc) this.schedule(doc, 0);
        }
      }),
    );
  }

  /** Opens (or reveals) the report of `doc` beside it. */
  async show(doc: vscode.TextDocument): Promise<vscode.WebviewPanel | undefined> {
    const key = doc.uri.toString();
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, `Sourcing: ${path.basename(doc.uri.path)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      this.panels.set(key, panel);
      panel.onDidDispose(() => {
        this.panels.delete(key);
        clearTimeout(this.timers.get(key));
      });
      panel.webview.onDidReceiveMessage((m: { type?: string; line?: number; character?: number }) => {
        if (m?.type === 'reveal' && typeof m.line === 'number') void this.reveal(doc.uri, m.line, m.character ?? 0);
      });
    }
    const ok = await this.render(doc, panel);
    return ok ? panel : undefined;
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    const key = doc.uri.toString();
    if (!this.panels.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        const panel = this.panels.get(key);
        if (panel) void this.render(doc, panel);
      }, delayMs),
    );
  }

  private async render(doc: vscode.TextDocument, panel: vscode.WebviewPanel): Promise<boolean> {
    let report;
    try {
      report = await requestBriefReport(this.client(), doc);
    } catch (e) {
      report = null;
    }
    if (!report || !report.isBrief) {
      panel.webview.html = `<!DOCTYPE html><html><body><p>${path.basename(doc.uri.path)} is not a brief (or the Briefmark server is not running).</p></body></html>`;
      return false;
    }
    panel.webview.html = reportHtml(report, { title: path.basename(doc.uri.path), nonce: randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource });
    return true;
  }

  private async reveal(uri: vscode.Uri, line: number, character: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column });
    const at = new vscode.Position(line, character);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The open report panels, by brief URI (read by the e2e suite). */
  get open(): ReadonlyMap<string, vscode.WebviewPanel> {
    return this.panels;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const p of this.panels.values()) p.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
