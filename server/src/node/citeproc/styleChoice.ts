import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { DEFAULT_CITATION_STYLE, type CitationStyleChoice } from '../../core/citations/renderCitations';
import type { Conventions } from '../../core/conventions/types';
import type { BriefModel } from '../../core/model/types';
import { FileCache, type ReadPolicy } from '../fileCache';

/**
 * The CSL style a brief asks for: its front matter's `csl:` (relative to the brief), else
 * the conventions' `citationStyle` (relative to the conventions file), else Chicago
 * author-date. A value ending in `.csl` (or holding a path separator) is a file, read
 * through the workspace's read policy (Workspace Trust) and cached by modification time;
 * any other value names a bundled style. A file that cannot be read gives the default
 * and a `problem` the preview shows; a file that is not a usable style is caught by the
 * engine, with the same fallback.
 */
export class CitationStyles {
  private readonly files: FileCache<string>;

  constructor(canRead: ReadPolicy) {
    this.files = new FileCache<string>((text) => text, canRead);
  }

  choose(briefPath: string, model: BriefModel, conventions: Conventions): CitationStyleChoice {
    const fm = model.frontMatter?.data?.csl;
    const fromFrontMatter = typeof fm === 'string' && fm.trim() ? fm.trim() : undefined;
    const value = fromFrontMatter ?? conventions.citationStyle;
    if (!value) return { name: DEFAULT_CITATION_STYLE };
    const where = fromFrontMatter ? 'the front matter' : 'the conventions';
    if (!/\.csl$/i.test(value) && !/[\\/]/.test(value)) return { name: value, origin: `"${value}" (named in ${where})` };
    const convPath = conventions.uri?.startsWith('file:') ? decodeURIComponent(new URL(conventions.uri).pathname) : undefined;
    const base = fromFrontMatter || !convPath ? dirname(briefPath) : dirname(convPath);
    const path = isAbsolute(value) ? value : resolve(base, value);
    const read = this.files.get(path);
    if (!read.ok) return { name: DEFAULT_CITATION_STYLE, problem: `The citation style "${value}" (named in ${where}) cannot be used: ${read.error}; using Chicago author-date.` };
    return { name: basename(path), xml: read.value, origin: `"${value}" (named in ${where})` };
  }
}
