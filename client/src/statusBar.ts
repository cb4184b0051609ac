/**
 * The status bar item for the active brief: "14/17 claims sourced". Hidden for Markdown
 * files that are not briefs and for other text editors; when no text editor has focus (the
 * Markdown preview, the sourcing report, a panel), it keeps the last brief's status while
 * that brief is open. A click opens the sourcing report.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestBriefReport, type WireBriefReport } from './briefReportClient';

export class BriefStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('briefmark.claims', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private visible = false;
  /** The brief the item shows, kept while focus is on a preview, a webview or a panel. */
  private lastBrief: vscode.TextDocument | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    /** Told of every report received (the preview's claim statuses). */
    private readonly onReport: (report: WireBriefReport) => void = () => {},
  ) {
    this.item.name = 'Briefmark: sourced claims';
    this.item.command = 'briefmark.showSourcingReport';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === this.target() && this.schedule(300)),
      vscode.workspace.onDidCloseTextDocument((d) => d === this.lastBrief && this.schedule(0)),
      // Diagnostics arrive after the server has analysed a change (also after a conventions edit).
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = this.target();
        if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delayMs);
  }

  /**
   * The document whose status to show: the active text editor's, unless it is an output
   * channel or the like; with no text editor in focus (a preview, a webview, a panel),
   * the last brief while it is open.
   */
  private target(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && !['output', 'debug', 'vscode-terminal', 'comment'].includes(active.uri.scheme)) return active;
    return this.lastBrief && !this.lastBrief.isClosed ? this.lastBrief : undefined;
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const doc = this.target();
    let report = null;
    try {
      report = doc ? await requestBriefReport(this.client(), doc) : null;
    } catch {
      report = null; // the server restarting, or the document closed meanwhile
    }
    if (generation !== this.generation) return;
    if (report?.isBrief) this.onReport(report);
    if (!report || !report.isBrief) {
      if (doc === this.lastBrief || !doc) this.lastBrief = undefined;
      this.item.hide();
      this.visible = false;
      return;
    }
    this.lastBrief = doc;
    const { total, sourced, pending, missing, broken } = report.claims;
    const unsourced = total - sourced;
    this.item.text = `${unsourced > 0 ? '$(warning)' : '$(pass)'} ${sourced}/${total} claims sourced`;
    const rest = [pending && `${pending} pending (a placeholder to fill in)`, missing && `${missing} without a source`, broken && `${broken} citing what does not resolve`].filter(Boolean);
    this.item.tooltip = new vscode.MarkdownString(`**Briefmark** — ${sourced} of ${total} claim${total === 1 ? '' : 's'} sourced` + (rest.length ? `; ${rest.join(', ')}` : '') + '\n\nClick to open the sourcing report.');
    this.item.backgroundColor = unsourced > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `${sourced} of ${total} claims sourced` };
    this.item.show();
    this.visible = true;
  }

  /** The text shown, or undefined while hidden (read by the e2e suite through the extension's API). */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
