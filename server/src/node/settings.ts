import type { SeveritySetting } from '../core/conventions/types';
import { isCode } from '../core/rules';
import type { ConventionsSettings } from './conventionsLoader';

/** The `briefmark.*` settings the server reads (package.json `contributes.configuration`). */
export interface BriefmarkSettings extends ConventionsSettings {
  diagnosticsEnabled: boolean;
  /** `briefmark.diagnostics.scope`: every brief of the workspace in Problems, or open files only. */
  diagnosticsScope: 'workspace' | 'openFiles';
  hoverEnabled: boolean;
}

export const DEFAULT_SETTINGS: BriefmarkSettings = { diagnosticsEnabled: true, diagnosticsScope: 'workspace', hoverEnabled: true };

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/** Reads the `briefmark` section as a client returns it (any shape: wrong values are ignored). */
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
  return out;
}
