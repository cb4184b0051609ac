/**
 * Baselines (`--baseline FILE`, `--update-baseline`): findings recorded in the file are not
 * reported, so a team can adopt a rule on an old corpus and see only new findings. A
 * finding is recorded by its fingerprint (`fingerprint.ts`: code, file, normalised text;
 * no line numbers) with a count, so that unrelated edits do not bring old findings back
 * and a second copy of a recorded finding is still reported.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BaselineEntry {
  code: string;
  path: string;
  /** The finding's message (its first 80 characters), for people reading the file. */
  text: string;
  count: number;
}

export interface BaselineFile {
  version: 1;
  tool: 'briefmark';
  /** By fingerprint, sorted. */
  findings: Record<string, BaselineEntry>;
}

export type Loaded = { ok: true; value: Map<string, BaselineEntry> } | { ok: false; error: string };

export function loadBaseline(path: string, mustExist: boolean): Loaded {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return { ok: true, value: new Map() };
    return { ok: false, error: `cannot read the baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    const data = JSON.parse(raw) as Partial<BaselineFile>;
    if (data?.tool !== 'briefmark' || data.version !== 1 || typeof data.findings !== 'object' || data.findings === null)
      return { ok: false, error: `${path} is not a Briefmark baseline (version 1): write one with --update-baseline` };
    const out = new Map<string, BaselineEntry>();
    for (const [fp, e] of Object.entries(data.findings)) if (e && typeof e.count === 'number' && e.count > 0) out.set(fp, e);
    return { ok: true, value: out };
  } catch (e) {
    return { ok: false, error: `${path} is not valid JSON (${(e as Error).message}): write it again with --update-baseline` };
  }
}

export function writeBaseline(path: string, entries: Map<string, BaselineEntry>): string | undefined {
  const findings: Record<string, BaselineEntry> = {};
  for (const fp of [...entries.keys()].sort()) findings[fp] = entries.get(fp)!;
  const data: BaselineFile = { version: 1, tool: 'briefmark', findings };
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
    renameSync(tmp, path);
    return undefined;
  } catch (e) {
    return `cannot write the baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
}

/**
 * Matches findings against a baseline: which are hidden, and how many recorded ones were
 * not seen (fixed since). Only entries of `checked` files count as fixed: a run over part of
 * the corpus (`--changed-since`, `--shard`) says nothing about the others.
 */
export function applyBaseline(baseline: Map<string, BaselineEntry>, fingerprints: string[], checked: Set<string>): { hidden: boolean[]; fixed: number } {
  const left = new Map([...baseline].filter(([, e]) => checked.has(e.path)).map(([fp, e]) => [fp, e.count]));
  const hidden = fingerprints.map((fp) => {
    const n = left.get(fp) ?? 0;
    if (n > 0) left.set(fp, n - 1);
    return n > 0;
  });
  let fixed = 0;
  for (const n of left.values()) fixed += n;
  return { hidden, fixed };
}

/** The baseline after a run: the findings now, and the recorded ones of files the run did not check. */
export function updatedBaseline(baseline: Map<string, BaselineEntry>, now: Array<{ fingerprint: string; code: string; path: string; text: string }>, checked: Set<string>): Map<string, BaselineEntry> {
  const out = new Map([...baseline].filter(([, e]) => !checked.has(e.path)));
  for (const f of now) {
    const e = out.get(f.fingerprint);
    if (e) e.count++;
    else out.set(f.fingerprint, { code: f.code, path: f.path, text: f.text.slice(0, 80), count: 1 });
  }
  return out;
}
