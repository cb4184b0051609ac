/**
 * YAML front matter, as Pandoc reads a metadata block at the top of a document: a first
 * line `---` (after a byte order mark), closed by the first later line of `---` or `...`.
 * micromark's front matter extension closes with one fence only, so the parse is given
 * the fence found here (parse/markdown.ts); the block split, the guards and the size
 * limit's quick look read the same lines.
 */
export interface FrontMatterFences {
  /** Where the YAML starts (after the opening line). */
  yamlStart: number;
  /** Where the closing line starts (at its line ending's first character, before the fence), or -1 when none closes it. */
  closeAt: number;
  /** Where the lines after the closing line start (0 when none closes it). */
  end: number;
  /** Closed by `...` rather than `---`. */
  dots: boolean;
}

const OPEN = /^\uFEFF?---[ \t]*(?:\r\n?|\n)/;
const CLOSE = /(?:\r\n?|\n)(---|\.\.\.)[ \t]*(?:\r\n?|\n|$)/g;

/** The document's front matter fences, or undefined when its first line opens none. */
export function frontMatterFences(text: string): FrontMatterFences | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const yamlStart = open[0].length;
  // The opening line's own line ending may be the closing line's first character.
  CLOSE.lastIndex = yamlStart - (open[0].endsWith('\r\n') ? 2 : 1);
  const close = CLOSE.exec(text);
  if (!close) return { yamlStart, closeAt: -1, end: 0, dots: false };
  return { yamlStart, closeAt: close.index, end: close.index + close[0].length, dots: close[1] === '...' };
}
