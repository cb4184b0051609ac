/**
 * The one place where core results become LSP types. The core speaks offsets; LSP speaks
 * zero-based lines and UTF-16 characters, which `LineIndex` computes.
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  SymbolKind,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Hover,
  type Range,
} from 'vscode-languageserver';
import type { Severity } from '../core/conventions/types';
import type { BriefSymbol } from '../core/features/documentSymbols';
import type { HoverResult } from '../core/features/hover';
import type { Diagnostic } from '../core/rules/types';
import type { LineIndex } from '../core/text/lineIndex';
import type { Span } from '../core/text/span';

export const DOCS_URL = 'https://github.com/briefmark/briefmark/blob/main/docs/diagnostics.md';

export function range(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostic(lines: LineIndex, uri: string, d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: range(lines, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: `${DOCS_URL}#${d.code}` },
    source: 'briefmark',
    message: d.message,
  };
  if (d.related?.length) {
    // Related places in other documents carry their own URI; their ranges are already LSP ranges upstream.
    out.relatedInformation = d.related.filter((r) => !r.uri || r.uri === uri).map((r) => ({ location: { uri, range: range(lines, r.span) }, message: r.message }));
  }
  if (d.unnecessary) out.tags = [DiagnosticTag.Unnecessary];
  if (d.data) out.data = d.data;
  return out;
}

export function hover(lines: LineIndex, h: HoverResult): Hover {
  return { contents: { kind: 'markdown', value: h.contents }, range: range(lines, h.span) };
}

const KIND: Record<BriefSymbol['kind'], SymbolKind> = {
  framework: SymbolKind.Namespace,
  track: SymbolKind.Module,
  group: SymbolKind.Package,
  recommendation: SymbolKind.Event,
  claim: SymbolKind.String,
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
