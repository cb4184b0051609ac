import type { SeveritySetting } from '../core/conventions/types';
import { isCode } from '../core/rules';
import { maxDocumentSize } from '../core/sizeLimit';
import type { ConventionsSettings } from './conventionsLoader';

/**
 * The `briefmark.*` settings (package.json `contributes.configuration`), the one reader of
 * them: from `workspace/configuration` (section `briefmark`, globally and per folder), a
 * `workspace/didChangeConfiguration` push (`settings.briefmark`) and `initializationOptions`
 * (clients without configuration support; `trusted` only comes from there or from the
 * client's trust notification). Unknown or ill-typed values are ignored.
 */
export interface BriefmarkSettings extends ConventionsSettings {
  diagnosticsEnabled: boolean;
  /** `briefmark.diagnostics.scope`: every brief of the workspace in Problems, or open files only. */
  diagnosticsScope: 'workspace' | 'openFiles';
  hoverEnabled: boolean;
  /** `briefmark.maxDocumentSize`: documents above it are not analysed (absent: the default). */
  maxDocumentSize?: number;
  /** `briefmark.sources.maxFileSize` (MB) and `briefmark.sources.extractionTimeout` (s): limits of PDF, HTML and Word extraction. */
  sources?: { maxFileSizeMb?: number; timeoutSeconds?: number };
  /** Workspace Trust: in an untrusted workspace no file outside the workspace folders is read. */
  trusted?: boolean;
}

export const DEFAULT_SETTINGS: BriefmarkSettings = { diagnosticsEnabled: true, diagnosticsScope: 'workspace', hoverEnabled: true };

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/** Reads the `briefmark` section as a client returns it, nested or dotted (any shape: wrong values are ignored). */
export function readSettings(section: unknown): BriefmarkSettings {
  const s = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const get = (dotted: string): unknown => dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), s) ?? s[dotted];
  const out: BriefmarkSettings = { ...DEFAULT_SETTINGS };
  const path = get('conventions.path');
  if (typeof path === 'string' && path.trim()) out.conventionsPath = path.trim();
  const rules = get('rules');
  if (rules && typeof rules === 'object') {
    const r: Record<string, SeveritySetting> = {};
    for (const [code, sev] of Object.entries(rules as Record<string, unknown>)) if (isCode(code) && typeof sev === 'string' && SEVERITIES.includes(sev)) r[code] = sev as SeveritySetting;
    if (Object.keys(r).length) out.rules = r;
  }
  if (typeof get('diagnostics.enabled') === 'boolean') out.diagnosticsEnabled = get('diagnostics.enabled') as boolean;
  const scope = get('diagnostics.scope');
  if (scope === 'workspace' || scope === 'openFiles') out.diagnosticsScope = scope;
  if (typeof get('hover.enabled') === 'boolean') out.hoverEnabled = get('hover.enabled') as boolean;
  const size = get('maxDocumentSize');
  if (size !== undefined && size !== null) out.maxDocumentSize = maxDocumentSize(size);
  const positive = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined);
  const maxFileSizeMb = positive(get('sources.maxFileSize'));
  const timeoutSeconds = positive(get('sources.extractionTimeout'));
  if (maxFileSizeMb || timeoutSeconds) out.sources = { maxFileSizeMb, timeoutSeconds };
  if (typeof get('trusted') === 'boolean') out.trusted = get('trusted') as boolean;
  return out;
}
