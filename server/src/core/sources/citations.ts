import type { Citation, CitationItem } from '../model/types';

/**
 * Pandoc citations (Pandoc's manual, "Citation syntax"): bracketed `[see @a, p. 4; -@b]`
 * and author-in-text `@a` or `@a [p. 4]`; keys may be written `@{odd key}`.
 *
 * Runs over masked text (code, HTML, link destinations and directive attributes blanked
 * with spaces), so offsets are the document's. Linear: every regex here is anchored or
 * made of disjoint character classes.
 */

// A key starts with a letter, digit or _, and may contain internal punctuation.
const KEY_BODY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const KEY = new RegExp(String.raw`(-?)@(?:\{([^{}\n]{1,500})\}|(${KEY_BODY}))`, 'gu');
const BRACKET = /\[([^\[\]\n]{0,2000})\]/g;
const WORDCHAR = /[\p{L}\p{N}_]/u;
// Pandoc's locator terms, longest first, then a number or range, possibly a list of them.
const LOCATOR = /^(?:pages|page|pp|pg|p|chapters|chapter|chap|ch|sections|section|sec|paragraphs|paragraph|para|figures|figure|fig|volumes|volume|vol|notes|note|n|§§|§)\.?\s*[\p{N}ivxlcdm][\p{N}\p{L}\-–]*(?:\s*,\s*\p{N}[\p{N}\-–]*)*/iu;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * A locator at the start of `body` (`p. 4`, `chap. ii, 3-5`) and the rest: what
 * `/^(LOCATOR)(.*)$/iu` matches. That regex backtracked through the locator (quadratic)
 * when a line break followed it; but only one way of reading a locator can reach past its
 * number (no shorter term is followed by a letter of the class that comes next, and the
 * runs after it are greedy and disjoint), so the rest is simply what follows the longest
 * locator, and there is no match if it holds a line break.
 */
export function splitLocator(body: string): { locator: string; rest: string } | undefined {
  const m = LOCATOR.exec(body);
  if (!m) return undefined;
  const rest = body.slice(m[0].length);
  return LINE_BREAK.test(rest) ? undefined : { locator: m[0], rest };
}

export function findCitations(masked: string, base = 0): Citation[] {
  const out: Citation[] = [];
  const taken: Array<[number, number]> = [];

  for (const m of masked.matchAll(BRACKET)) {
    const open = m.index!;
    const inner = m[1];
    if (inner.startsWith('^')) continue; // footnote
    if (!inner.includes('@')) continue;
    const items = parseBracketItems(inner, open + 1);
    if (!items) continue;
    const close = open + m[0].length;
    out.push({ kind: 'bracketed', span: { start: base + open, end: base + close }, items: items.map((i) => shift(i, base)) });
    taken.push([open, close]);
  }

  KEY.lastIndex = 0;
  for (const m of masked.matchAll(KEY)) {
    const at = m.index!;
    if (m[1]) continue; // -@key only inside brackets
    if (taken.some(([s, e]) => at >= s && at < e)) continue;
    const before = at > 0 ? masked[at - 1] : '';
    if (before && (WORDCHAR.test(before) || before === '@' || before === '\\')) continue; // e-mail, escaped
    const key = m[2] ?? m[3];
    const keyStart = at + (m[2] !== undefined ? 2 : 1);
    let end = at + m[0].length;
    let locator: string | undefined;
    // Optional locator in brackets right after: `@key [p. 4]`.
    const rest = /^ ?\[([^\[\]\n@]{0,200})\]/.exec(masked.slice(end, end + 210));
    if (rest && !masked.slice(end).startsWith(' [^')) {
      locator = rest[1].trim();
      end += rest[0].length;
    }
    const item: CitationItem = {
      key,
      keySpan: { start: base + keyStart, end: base + keyStart + key.length },
      span: { start: base + at, end: base + end },
      locator,
      suppressAuthor: false,
    };
    out.push({ kind: 'in-text', span: item.span, items: [item] });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function parseBracketItems(inner: string, offset: number): CitationItem[] | undefined {
  const items: CitationItem[] = [];
  let partStart = 0;
  const parts = inner.split(';');
  for (const part of parts) {
    KEY.lastIndex = 0;
    let found: RegExpExecArray | null = null;
    for (const m of part.matchAll(KEY)) {
      const before = m.index! > 0 ? part[m.index! - 1] : '';
      if (before && WORDCHAR.test(before)) continue;
      found = m as RegExpExecArray;
      break;
    }
    if (!found) return undefined;
    const key = found[2] ?? found[3];
    const at = found.index;
    const keyStart = at + found[1].length + (found[2] !== undefined ? 2 : 1);
    const prefix = part.slice(0, at).trim();
    const after = part.slice(at + found[0].length);
    let locator: string | undefined;
    let suffix: string | undefined;
    const trimmed = after.trim();
    const braced = /^,?\s*\{([^{}]*)\}(.*)$/s.exec(trimmed);
    if (braced) {
      // An explicit locator in braces (`@smith{ii, A, D-Z}` or `@smith, {pp. iv, vi-xi}`).
      locator = braced[1].trim() || undefined;
      suffix = braced[2].replace(/^,\s*/, '').trim() || undefined;
    } else if (trimmed) {
      const body = trimmed.replace(/^,\s*/, '');
      const loc = splitLocator(body);
      if (loc) {
        locator = loc.locator.trim();
        suffix = loc.rest.replace(/^,\s*/, '').trim() || undefined;
      } else suffix = body || undefined;
    }
    const leading = part.length - part.trimStart().length;
    const trailing = part.length - part.trimEnd().length;
    items.push({
      key,
      keySpan: { start: offset + partStart + keyStart, end: offset + partStart + keyStart + key.length },
      span: { start: offset + partStart + leading, end: offset + partStart + part.length - trailing },
      prefix: prefix || undefined,
      locator,
      suffix,
      suppressAuthor: found[1] === '-',
    });
    partStart += part.length + 1;
  }
  return items;
}

function shift(item: CitationItem, base: number): CitationItem {
  return {
    ...item,
    keySpan: { start: item.keySpan.start + base, end: item.keySpan.end + base },
    span: { start: item.span.start + base, end: item.span.end + base },
  };
}
