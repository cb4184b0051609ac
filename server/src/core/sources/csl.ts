import { isMap, isSeq, type Document } from 'yaml';
import { readYaml, tooDeepMessage, withValuesQuoted } from '../parse/yaml';
import { lineStartsOf, positionIn } from '../text/lineIndex';
import type { Span } from '../text/span';
import type { BibEntry, Bibliography } from './bibliography';

/** Reads CSL items (as found in CSL-JSON, CSL YAML and front matter `references:`). */
export function cslItemToEntry(item: unknown, uri: string, span?: Span): BibEntry | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const key = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : undefined;
  if (!key) return undefined;
  const names = (v: unknown): string[] =>
    Array.isArray(v)
      ? v
          .map((n) => {
            if (typeof n === 'string') return n;
            if (n && typeof n === 'object') {
              const p = n as Record<string, unknown>;
              if (typeof p.literal === 'string') return p.literal;
              return [p.given, p.family].filter((x) => typeof x === 'string').join(' ');
            }
            return '';
          })
          .filter(Boolean)
      : [];
  const issued = o.issued as Record<string, unknown> | undefined;
  let year: string | undefined;
  if (issued && typeof issued === 'object') {
    const dp = issued['date-parts'];
    if (Array.isArray(dp) && Array.isArray(dp[0]) && dp[0][0] !== undefined) year = String(dp[0][0]);
    else if (typeof issued.literal === 'string') year = issued.literal;
    else if (typeof issued.raw === 'string') year = issued.raw;
  } else if (typeof o.issued === 'string' || typeof o.issued === 'number') year = String(o.issued).slice(0, 4);
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return {
    key,
    title: str(o.title),
    authors: names(o.author).length ? names(o.author) : names(o.editor),
    year,
    type: str(o.type),
    url: str(o.URL) ?? str(o.url),
    containerTitle: str(o['container-title']),
    publisher: str(o.publisher),
    abstract: str(o.abstract),
    keywords: Array.isArray(o.keyword) ? o.keyword.map((k) => String(k)) : str(o.keyword)?.split(/[,;]/).map((k) => k.trim()).filter(Boolean),
    file: str(o.file),
    csl: { ...o, id: key, type: str(o.type) ?? '' },
    origin: { uri, span },
  };
}

/** Entries from a parsed YAML sequence node of CSL items, keeping each item's position. */
export function cslEntriesFromYamlNode(node: unknown, doc: Document, uri: string, offset: number): BibEntry[] {
  const out: BibEntry[] = [];
  if (!isSeq(node)) return out;
  for (const item of node.items) {
    const js = isMap(item) ? item.toJSON(doc as never) : undefined;
    const range = (item as { range?: [number, number, number] }).range;
    const idNode = isMap(item) ? item.get('id', true) : undefined;
    const idRange = (idNode as { range?: [number, number, number] } | undefined)?.range;
    const span = idRange ? { start: offset + idRange[0], end: offset + idRange[1] } : range ? { start: offset + range[0], end: offset + range[1] } : undefined;
    const e = cslItemToEntry(js, uri, span);
    if (e) out.push(e);
  }
  return out;
}

/** A CSL YAML file: either a list of items or `references:` holding one. Its syntax errors say where they are; the entries that could be read are used. */
export function parseCslYaml(text: string, uri: string): Bibliography {
  const out: Bibliography = { entries: new Map(), problems: [] };
  const read = readYaml(text);
  if (!read.doc) {
    out.problems.push({ uri, message: `CSL YAML: ${tooDeepMessage('the file')}; none of its entries is used.`, span: { start: read.tooDeepAt, end: Math.min(text.length, read.tooDeepAt + 1) } });
    return out;
  }
  // A value that needs quotes (a title with a colon): said so, and the file read as if quoted.
  const { doc, values } = read.doc.errors.length ? withValuesQuoted(text, read.doc) : { doc: read.doc, values: [] };
  for (const v of values) out.problems.push({ uri, message: `CSL YAML: ${v.advice}. The file is read as if it were quoted.`, span: { start: v.start, end: v.end } });
  const starts = doc.errors.length ? lineStartsOf(text) : [];
  for (const e of doc.errors) {
    const at = positionIn(starts, text.length, e.pos[0]);
    out.problems.push({ uri, message: `CSL YAML syntax error: ${e.message.split('\n')[0]} (line ${at.line + 1}, column ${at.character + 1}). The entries that could be read are used.`, span: { start: e.pos[0], end: e.pos[1] } });
  }
  const root = doc.contents;
  const seq = isMap(root) ? root.get('references', true) : root;
  for (const e of cslEntriesFromYamlNode(seq, doc, uri, 0)) if (!out.entries.has(e.key)) out.entries.set(e.key, e);
  return out;
}
