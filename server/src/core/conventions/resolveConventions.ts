import type { Span } from '../text/span';
import { mergeConventions } from './mergeConventions';
import { parseConventions, type ConventionsLayer, type ConventionsProblem, type ParsedConventions } from './parseConventions';
import { defaultConventions, type Conventions } from './types';

/** Reads a file by URI; `undefined` when it does not exist or cannot be read. */
export type ReadFile = (uri: string) => string | undefined;

export interface ResolvedConventions {
  conventions: Conventions;
  /** Every file read (the root and what it extends, transitively), with its problems. */
  files: Map<string, ParsedConventions>;
  /** URIs whose change affects the result (including extended files that do not exist yet). */
  dependencies: string[];
}

/**
 * Reads the conventions file at `rootUri` and, depth-first and in order, the files it
 * `extends`; merges them over `base`. Pure apart from the injected `read`. A cycle or a
 * missing file is reported on the `extends` entry that names it and never followed twice.
 * Paths that extended files set (`bibliography`, `sourceDocuments`) are rebased so that
 * they stay relative to the root file.
 */
export function resolveConventions(rootUri: string, read: ReadFile, base: Conventions = defaultConventions()): ResolvedConventions {
  const files = new Map<string, ParsedConventions>();
  const dependencies: string[] = [];
  const layers: ConventionsLayer[] = [];

  function visit(uri: string, stack: string[], via?: { file: ParsedConventions; span: Span }): void {
    if (!dependencies.includes(uri)) dependencies.push(uri);
    if (stack.includes(uri)) {
      const chain = [...stack.slice(stack.indexOf(uri)), uri].map(baseName).join(' → ');
      if (via) via.file.problems.push({ message: `"extends" forms a cycle (${chain}); this entry is ignored.`, span: via.span });
      return;
    }
    let parsed = files.get(uri);
    if (!parsed) {
      const text = read(uri);
      if (text === undefined) {
        if (via) via.file.problems.push({ message: `Cannot read "${baseName(uri)}" (${uri}): the file does not exist or is not readable; this entry is ignored.`, span: via.span });
        return;
      }
      parsed = parseConventions(uri, text);
      files.set(uri, parsed);
    }
    const file = parsed;
    for (const e of file.extends) {
      const target = resolveUri(e.path, uri);
      if (!target) {
        file.problems.push({ message: `"${e.path}" is not a valid path.`, span: e.span });
        continue;
      }
      visit(target, [...stack, uri], { file, span: e.span });
      const ext = files.get(target);
      if (ext && ext !== file && ext.problems.length > 0)
        file.problems.push({ message: `"${e.path}" has ${ext.problems.length} problem${ext.problems.length === 1 ? '' : 's'} (first: ${ext.problems[0].message}); its valid parts still apply.`, span: e.span });
    }
    layers.push(rebase(file.layer, uri, rootUri));
  }

  visit(rootUri, []);
  for (const f of files.values()) f.problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { conventions: mergeConventions(layers, { ...base, uri: rootUri }), files, dependencies };
}

export function resolveUri(path: string, from: string): string | undefined {
  try {
    return new URL(path.replace(/\\/g, '/'), from).href;
  } catch {
    return undefined;
  }
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** `path` (relative to `fromUri`) made relative to `toUri`'s folder. */
export function rebasePath(path: string, fromUri: string, toUri: string): string {
  if (fromUri === toUri) return path;
  const abs = resolveUri(path, fromUri);
  if (!abs) return path;
  const a = new URL(abs);
  const b = new URL(toUri);
  if (a.protocol !== b.protocol || a.host !== b.host) return abs;
  const target = a.pathname.split('/');
  const dir = b.pathname.split('/').slice(0, -1);
  let i = 0;
  while (i < dir.length && i < target.length - 1 && dir[i] === target[i]) i++;
  const rel = [...Array(dir.length - i).fill('..'), ...target.slice(i)].join('/');
  const trailing = path.endsWith('/') && !rel.endsWith('/') ? '/' : '';
  return decodeURIComponent(rel) + trailing;
}

function rebase(layer: ConventionsLayer, fromUri: string, toUri: string): ConventionsLayer {
  if (fromUri === toUri) return layer;
  const out = { ...layer };
  if (layer.bibliography) out.bibliography = layer.bibliography.map((p) => rebasePath(p, fromUri, toUri));
  if (layer.sourceDocuments !== undefined) out.sourceDocuments = rebasePath(layer.sourceDocuments, fromUri, toUri);
  if (layer.citationStyle !== undefined) out.citationStyle = /\.csl$/i.test(layer.citationStyle) ? rebasePath(layer.citationStyle, fromUri, toUri) : layer.citationStyle;
  delete out.uri;
  return out;
}

export type { ConventionsProblem };
