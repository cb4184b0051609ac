/**
 * The one place where core results become LSP types. The core speaks offsets; LSP speaks
 * zero-based lines and UTF-16 characters, which `LineIndex` computes.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  DiagnosticTag,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { BriefCodeLens } from '../core/features/codeLens';
import type { CompletionResult } from '../core/features/completion';
import type { BriefFold } from '../core/features/folding';
import type { DocLocation, RenameEdit } from '../core/features/navigation';
import type { WorkspaceSymbolResult } from '../core/features/workspaceSymbols';
import type { PositionMapper } from '../core/text/lineStarts';
import type { Severity } from '../core/conventions/types';
import type { CodeActionResult } from '../core/features/codeActions';
import type { BriefSymbol } from '../core/features/documentSymbols';
import type { HoverResult } from '../core/features/hover';
import { docsUrl } from '../core/rules/docsUrl';
import type { Diagnostic } from '../core/rules/types';
import { placedFrom } from '../core/rules/scope';
import type { LineIndex } from '../core/text/lineIndex';
import type { Span } from '../core/text/span';

export { DOCS_URL } from '../core/rules/docsUrl';

export function range(lines: LineIndex | PositionMapper, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostic(lines: LineIndex, uri: string, d: Diagnostic, at = range(lines, d.span)): LspDiagnostic {
  const out: LspDiagnostic = {
    range: at,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: docsUrl(d.code) },
    source: 'briefmark',
    message: d.message,
  };
  if (d.related?.length) out.relatedInformation = relatedPlaces(lines, uri, d.related).map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  if (d.unnecessary) out.tags = [DiagnosticTag.Unnecessary];
  if (d.data) out.data = d.data;
  return out;
}

/** The LSP diagnostic last made for a block rule's finding, and where it was. */
interface Converted {
  uri: string;
  severity: Severity;
  range: Range;
  lsp: LspDiagnostic;
}
const CONVERTED = new WeakMap<object, Converted>();
const samePosition = (a: Range['start'], b: Range['start']) => a.line === b.line && a.character === b.character;

/**
 * The diagnostics sent for one document at most, the notice included. VS Code keeps 1,000
 * per file (errors first, then warnings, information and hints, each in the order sent)
 * and drops the rest with a notice of its own; a hostile brief has hundreds of thousands
 * (a megabyte of undefined footnote calls: 200,000, some 70 MB of JSON to encode, send and
 * parse for nothing). `briefmark check` reports every finding.
 */
export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The findings an editor is sent: all of them, or the most severe first, in their order, and how many are left out. */
export function publishable(list: readonly Diagnostic[]): { kept: readonly Diagnostic[]; left: number } {
  if (list.length <= MAX_PUBLISHED_DIAGNOSTICS) return { kept: list, left: 0 };
  const room = MAX_PUBLISHED_DIAGNOSTICS - 1;
  const kept = list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.i - b.i)
    .slice(0, room)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.d);
  return { kept, left: list.length - room };
}

/** A document's diagnostics for the editor: at most MAX_PUBLISHED_DIAGNOSTICS, the last then saying how many are left out. */
export function diagnostics(lines: LineIndex, uri: string, list: readonly Diagnostic[]): LspDiagnostic[] {
  const { kept, left } = publishable(list);
  const out = convertAll(lines, uri, kept);
  if (left > 0)
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'briefmark',
      message: `Briefmark shows ${kept.length.toLocaleString('en')} of this document's ${list.length.toLocaleString('en')} findings (the most severe first; an editor keeps at most ${MAX_PUBLISHED_DIAGNOSTICS.toLocaleString('en')} per file). \`briefmark check\` lists them all.`,
    });
  return out;
}

/**
 * Diagnostics as LSP has them. The diagnostic of a block rule's finding that keeps its
 * place in lines and characters (typing moves most of them by offset only) is the very
 * object made for it before, so the stdio encoder writes it from its JSON
 * (lsp/jsonEncoder.ts); diagnostics with related places in the document are made afresh.
 */
function convertAll(lines: LineIndex, uri: string, list: readonly Diagnostic[]): LspDiagnostic[] {
  return list.map((d) => {
    const origin = placedFrom(d);
    if (!origin || d.related?.some((r) => !r.uri || r.uri === uri)) return diagnostic(lines, uri, d);
    const r = range(lines, d.span);
    const known = CONVERTED.get(origin);
    if (known && known.uri === uri && known.severity === d.severity && samePosition(known.range.start, r.start) && samePosition(known.range.end, r.end)) return known.lsp;
    const lsp = diagnostic(lines, uri, d, r);
    CONVERTED.set(origin, { uri, severity: d.severity, range: r, lsp });
    return lsp;
  });
}

/**
 * A finding's related places, for the editor and the CLI alike: in the same document (no
 * URI, or the document's own) at their ranges; in another document (a source document)
 * with its URI, at its start — the rules point at other documents only as a whole, and
 * their lines are not at hand here. None is dropped.
 */
export function relatedPlaces(lines: LineIndex | PositionMapper, uri: string, related: NonNullable<Diagnostic['related']>): Array<{ message: string; range: Range; uri?: string }> {
  return related.map((r) =>
    !r.uri || r.uri === uri ? { message: r.message, range: range(lines, r.span) } : { message: r.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, uri: r.uri },
  );
}

export function hover(lines: LineIndex, h: HoverResult): Hover {
  return { contents: { kind: 'markdown', value: h.contents }, range: range(lines, h.span) };
}

const KIND: Record<BriefSymbol['kind'], SymbolKind> = {
  heading: SymbolKind.String,
  framework: SymbolKind.Namespace,
  track: SymbolKind.Module,
  group: SymbolKind.Package,
  recommendation: SymbolKind.Event,
  // Headings are strings, as in VS Code's Markdown outline; a claim, a field of the brief.
  claim: SymbolKind.Field,
};

export function documentSymbol(lines: LineIndex, s: BriefSymbol): DocumentSymbol {
  return {
    name: s.name || ' ',
    detail: s.detail,
    kind: KIND[s.kind],
    range: range(lines, s.span),
    selectionRange: range(lines, s.selectionSpan),
    children: s.children.map((c) => documentSymbol(lines, c)),
  };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A place in any document; `lines` is that document's own position mapper. */
export function location(lines: PositionMapper | undefined, loc: DocLocation): Location {
  return { uri: loc.uri, range: loc.span && lines ? range(lines, loc.span) : ZERO };
}

const COMPLETION_KIND: Record<CompletionResult['kind'], CompletionItemKind> = {
  tag: CompletionItemKind.Keyword,
  attribute: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  actor: CompletionItemKind.Class,
  track: CompletionItemKind.Module,
  citation: CompletionItemKind.Reference,
  footnote: CompletionItemKind.Reference,
};

export function completionItem(lines: PositionMapper, c: CompletionResult): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    textEdit: { range: range(lines, c.span), newText: c.insertText },
  };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (c.filterText) item.filterText = c.filterText;
  if (c.sortText) item.sortText = c.sortText;
  return item;
}

/** Edits grouped per document, each converted with that document's own lines. */
export function workspaceEdit(edits: RenameEdit[], linesOf: (uri: string) => PositionMapper | undefined): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const lines = linesOf(e.uri);
    if (!lines) continue;
    (changes[e.uri] ??= []).push({ range: range(lines, e.span), newText: e.newText });
  }
  return { changes };
}

const WS_KIND: Record<WorkspaceSymbolResult['kind'], SymbolKind> = {
  claim: SymbolKind.String,
  recommendation: SymbolKind.Event,
  actor: SymbolKind.Class,
};

export function workspaceSymbol(lines: PositionMapper | undefined, s: WorkspaceSymbolResult): SymbolInformation {
  return { name: s.name, kind: WS_KIND[s.kind], containerName: s.containerName, location: location(lines, s) };
}

export function codeLens(lines: PositionMapper, l: BriefCodeLens): CodeLens {
  // No command id: the lens is information, not an action.
  return { range: range(lines, l.span), command: { title: l.title, command: '' } };
}

export function foldingRange(lines: PositionMapper, f: BriefFold): FoldingRange {
  return { startLine: lines.positionAt(f.start).line, endLine: lines.positionAt(f.end).line };
}

/** A quick fix as a `WorkspaceEdit` on the document (never a client-only command). */
export function codeAction(lines: LineIndex, uri: string, a: CodeActionResult): CodeAction {
  return {
    title: a.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic(lines, uri, a.diagnostic)],
    isPreferred: a.isPreferred || undefined,
    edit: { changes: { [uri]: a.edits.map((e) => ({ range: range(lines, e.span), newText: e.newText })) } },
  };
}
