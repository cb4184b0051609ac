/**
 * The custom request `briefmark/briefReport`: the sourcing report of one brief
 * (core/features/briefReport.ts), with LSP ranges instead of offsets. The VS Code client's
 * status bar and report view render it; any LSP client may send it.
 *
 * This module is imported by the client too (types and the method name only): keep it free
 * of run-time dependencies.
 */
import type { BriefReport } from '../core/features/briefReport';
import type { LineIndex } from '../core/text/lineIndex';
import type { Span } from '../core/text/span';

export const BRIEF_REPORT_METHOD = 'briefmark/briefReport';

export interface BriefReportParams {
  textDocument: { uri: string };
}

export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

type Ranged<T> = T extends Span ? WireRange : T extends (infer U)[] ? Ranged<U>[] : T extends object ? { [K in keyof T]: K extends 'span' ? WireRange : K extends 'spans' ? WireRange[] : Ranged<T[K]> } : T;

/** `BriefReport` with every `span` as a `range`, and the document's version. */
export type WireBriefReport = Rename<Ranged<BriefReport>> & { uri: string; version: number };
type Rename<T> = T extends (infer U)[] ? Rename<U>[] : T extends object ? { [K in keyof T as K extends 'span' ? 'range' : K extends 'spans' ? 'ranges' : K]: Rename<T[K]> } : T;

/** Converts a core report: `span` → `range`, `spans` → `ranges`, recursively. */
export function toWireBriefReport(lines: LineIndex, report: BriefReport, uri: string, version: number): WireBriefReport {
  const range = (s: Span): WireRange => ({ start: lines.positionAt(s.start), end: lines.positionAt(s.end) });
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'span') out.range = range(x as Span);
        else if (k === 'spans') out.ranges = (x as Span[]).map(range);
        else out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return { ...(walk(report) as Rename<Ranged<BriefReport>>), uri, version };
}
