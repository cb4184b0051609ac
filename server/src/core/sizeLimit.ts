import type { Conventions } from './conventions/types';
import { frontMatterFences } from './parse/frontMatter';
import { tagNames } from './conventions/types';
import type { BriefReason } from './model/types';
import { matchesAnyGlob } from './text/glob';
import type { Span } from './text/span';

/**
 * The largest document (in UTF-16 code units, about bytes for Western text) that is
 * analysed by default. A full parse costs about 2 s and 500 MB of heap per 2 MB on the
 * reference machines (docs/performance.md), so beyond this an editor would freeze.
 * Configurable: the setting `briefmark.maxDocumentSize`, or the server's
 * initializationOptions. The CLI applies the default.
 */
export const DEFAULT_MAX_DOCUMENT_SIZE = 2_000_000;

/** Reads a configured limit: a positive number, else the default. */
export function maxDocumentSize(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : DEFAULT_MAX_DOCUMENT_SIZE;
}

const BRIEF_TRUE = /^brief[ \t]*:[ \t]*true[ \t]*(?:#[^\r\n]*)?$/m;

/**
 * Whether an oversized document is a brief, decided without parsing it (spec §2): its
 * path matches the `briefs` globs, its front matter (within the first 20,000 characters) says `brief: true`,
 * or it contains text that starts a registered tag (`:claim[`, `::rec{`, `:::rec`). This
 * may over-approximate the third test (a tag inside a code block counts); that is safe,
 * because the only consequence is the size-limit diagnostic.
 */
export function looksLikeBrief(text: string, relativePath: string | undefined, conventions: Conventions): BriefReason | undefined {
  if (relativePath && matchesAnyGlob(relativePath, conventions.briefs)) return 'path';
  const fm = frontMatterFences(text.slice(0, 20_000));
  if (fm && fm.closeAt >= 0 && BRIEF_TRUE.test(text.slice(fm.yamlStart, fm.closeAt))) return 'front-matter';
  const names = tagNames(conventions).map((n) => n.replace(/[^A-Za-z0-9_-]/g, '')).filter(Boolean);
  if (names.length === 0) return undefined;
  const tag = new RegExp(String.raw`:(?:${names.join('|')})[\[{]|^ {0,3}:{3,}[ \t]*(?:${names.join('|')})(?![A-Za-z0-9_-])`, 'm');
  return tag.test(text) ? 'directive' : undefined;
}

/** The span of the size-limit diagnostic: the document's first line (or its start). */
export function firstLineSpan(text: string): Span {
  let end = 0;
  while (end < text.length && end < 200 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { start: 0, end };
}

export function sizeLimitMessage(size: number, limit: number): string {
  const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;
  return (
    `This brief is not analysed: it is ${mb(size)} (${size} characters), above the limit of ${mb(limit)} (${limit}) ` +
    'set by `briefmark.maxDocumentSize`. Split it into smaller briefs, or raise the limit.'
  );
}
