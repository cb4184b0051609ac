/**
 * What the VS Code client adds around the language server: the status bar item, the
 * sourcing report, the tag-selection commands and the Markdown preview plugin. The
 * language features themselves all come from the server.
 */
import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestRenderedCitations } from './briefReportClient';
import { tagSelection, type TagKind } from './commands/tagSelection';
import { ClaimStatuses } from './preview/claimStatuses';
import { briefmarkPlugin } from './preview/markdownItBriefmark';
import { RenderedCitationsCache } from './preview/renderedCitations';
import { SourcingReportPanels } from './report/reportPanel';
import { BriefStatusBar } from './statusBar';

/** What `activate` returns: VS Code's Markdown preview calls `extendMarkdownIt`; the e2e suite reads the rest. */
export interface BriefmarkApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** The status bar text for the active editor, or undefined while hidden. */
  readonly statusText: string | undefined;
  /** URIs of the briefs whose sourcing report is open. */
  readonly openReports: string[];
}

export function registerEditorFeatures(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): BriefmarkApi {
  // The preview marks each claim with the status the server gave it (sourced, pending, missing, broken).
  const claimStatuses = new ClaimStatuses();
  // And shows citations as the server rendered them in the brief's CSL style, asked for with each report.
  const citations = new RenderedCitationsCache();
  const status = new BriefStatusBar(client, (report) => {
    let changed = claimStatuses.update(report);
    void requestRenderedCitations(client(), report.uri)
      .then((rendered) => {
        if (rendered && citations.update(rendered)) changed = true;
      })
      .catch(() => undefined)
      .finally(() => {
        if (changed) void vscode.commands.executeCommand('markdown.preview.refresh');
      });
  });
  const reports = new SourcingReportPanels(client);
  const tag = (kind: TagKind) => () => tagSelection(kind);
  context.subscriptions.push(
    status,
    reports,
    vscode.commands.registerCommand('briefmark.tagClaim', tag('claim')),
    vscode.commands.registerCommand('briefmark.tagActor', tag('actor')),
    vscode.commands.registerCommand('briefmark.tagRecommendation', tag('rec')),
    vscode.commands.registerCommand('briefmark.showSourcingReport', async (uri?: vscode.Uri) => {
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'markdown') {
        void vscode.window.showInformationMessage('Briefmark: open a brief (a Markdown file) to see its sourcing report.');
        return false;
      }
      const panel = await reports.show(doc);
      if (!panel) void vscode.window.showInformationMessage(`Briefmark: ${vscode.workspace.asRelativePath(doc.uri)} is not a brief.`);
      return !!panel;
    }),
  );
  return {
    extendMarkdownIt: (md) => md.use(briefmarkPlugin, { claimStatus: claimStatuses.lookup, renderedCitations: citations.lookup }),
    get statusText() {
      return status.text;
    },
    get openReports() {
      return [...reports.open.keys()];
    },
  };
}

