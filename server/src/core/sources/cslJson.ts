import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js'; // the ESM build: the UMD one requires modules esbuild cannot see
import type { Bibliography } from './bibliography';
import { cslItemToEntry } from './csl';

/**
 * CSL-JSON (`.json`): an array of CSL items (or `{ "items": [...] }` / `{ "references": [...] }`).
 * `jsonc-parser` keeps the range of every value, so each entry points at its `"id"` value,
 * and it recovers from syntax errors, so the items before and after an error are still read.
 */
export function parseCslJson(text: string, uri: string): Bibliography {
  const out: Bibliography = { entries: new Map(), problems: [] };
  // The parser and `plain` recurse: 100,000 nested `[` ran out of stack, and the whole file was lost.
  const deep = jsonDepthPassed(text, MAX_JSON_DEPTH);
  if (deep >= 0) {
    out.problems.push({ uri, message: `CSL-JSON: the file nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep here: not read; none of its entries is used.`, span: { start: deep, end: deep + 1 } });
    return out;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    out.problems.push({ uri, message: `CSL-JSON syntax error: ${describe(printParseErrorCode(e.error))}. The entries that could be read are used.`, span: { start: e.offset, end: e.offset + Math.max(1, e.length) } });
  }
  if (!root) return out;
  let list: Node | undefined = root;
  if (root.type === 'object') list = findNodeAtLocation(root, ['items']) ?? findNodeAtLocation(root, ['references']);
  if (!list || list.type !== 'array') {
    out.problems.push({ uri, message: 'A CSL-JSON bibliography must be an array of items, each with an "id".', span: { start: root.offset, end: root.offset + Math.min(root.length, 1) } });
    return out;
  }
  for (const item of list.children ?? []) {
    if (item.type !== 'object') continue;
    const idNode = findNodeAtLocation(item, ['id']);
    const span = idNode ? { start: idNode.offset, end: idNode.offset + idNode.length } : { start: item.offset, end: item.offset + 1 };
    const entry = cslItemToEntry(plain(item), uri, span);
    if (!entry) {
      out.problems.push({ uri, message: 'This CSL item has no "id": it cannot be cited.', span });
      continue;
    }
    // The span covers the quoted value; point at the key inside the quotes.
    if (idNode?.type === 'string') entry.origin.span = { start: idNode.offset + 1, end: idNode.offset + idNode.length - 1 };
    if (out.entries.has(entry.key)) out.problems.push({ uri, message: `Duplicate CSL id "${entry.key}": only the first item is used.`, span: entry.origin.span });
    else out.entries.set(entry.key, entry);
  }
  return out;
}

/** Deeper than this, a CSL-JSON file is not parsed (CSL items nest three or four levels). */
export const MAX_JSON_DEPTH = 200;

/** Where the nesting of `[` and `{` outside strings and comments passes `limit`, or -1. */
export function jsonDepthPassed(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const q = text.charCodeAt(i);
        if (q === 92 /* \ */) i++;
        else if (q === 34) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

function plain(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) if (p.children?.[0] && p.children[1]) o[String(p.children[0].value)] = plain(p.children[1]);
      return o;
    }
    case 'array':
      return (node.children ?? []).map(plain);
    default:
      return node.value;
  }
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
