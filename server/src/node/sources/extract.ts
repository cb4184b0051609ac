/**
 * Text out of the files analysts have their sources in (docs/sources.md, "Source
 * documents"), each through the field's library: PDF text per page (`unpdf`, Mozilla's
 * pdf.js), the main text of a saved web page (`@mozilla/readability` over `linkedom`; its
 * scripts are never run), Word (`mammoth`). Plain `.md` and `.txt` are read as text.
 *
 * Runs in its own process (extractorMain.ts): a library that crashes, hangs or runs out of
 * memory on a hostile file takes down only that process. Every failure becomes a reason a
 * person can read ("it is encrypted", "it is not a PDF: it looks like a web page").
 */
import { decodeText } from '../../core/text/decode';
import type { SourceFormat } from '../../core/rules/types';

export interface Extracted {
  format: SourceFormat;
  text: string;
  /** Offsets where each page starts (PDF). */
  pageStarts?: number[];
  /** 1-based pages with no text layer. */
  textlessPages?: number[];
}

export type ExtractResult = { ok: true; doc: Extracted } | { ok: false; reason: string };

/** Starts the extractor process's result line on stdout. */
export const RESULT_MARKER = 'BRIEFMARK-EXTRACTED ';

/** The format a file name asks for. */
export function formatOfName(name: string): SourceFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase();
  switch (ext) {
    case 'md':
    case 'markdown':
      return 'md';
    case 'txt':
      return 'txt';
    case 'pdf':
      return 'pdf';
    case 'html':
    case 'htm':
    case 'xhtml':
      return 'html';
    case 'docx':
      return 'docx';
    default:
      return undefined;
  }
}

/** What the bytes are, whatever the name says. */
export function sniff(bytes: Uint8Array): SourceFormat | 'zip' | 'binary' | 'text' {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return 'zip';
  const start = head.replace(/^(?:\s|\ufeff|ï»¿)+/, '');
  if (/^<(?:!doctype html|html|head|body)/i.test(start) || (/^<\?xml/i.test(start) && /<html/i.test(start))) return 'html';
  if (bytes.subarray(0, 4096).includes(0)) return 'binary';
  return 'text';
}

const DESCRIBE: Record<string, string> = { pdf: 'a PDF', zip: 'a ZIP archive', html: 'a web page', binary: 'a binary file', text: 'plain text', docx: 'a Word file', md: 'plain text', txt: 'plain text' };

/** Extracts the text of `bytes`, read as `format` (from the file name). */
export async function extract(bytes: Uint8Array, format: SourceFormat, limits: { maxUncompressed?: number } = {}): Promise<ExtractResult> {
  const kind = sniff(bytes);
  try {
    switch (format) {
      case 'pdf':
        if (kind !== 'pdf') return { ok: false, reason: `it is not a PDF: it looks like ${DESCRIBE[kind]}` };
        return await extractPdf(bytes);
      case 'docx':
        if (kind !== 'zip') return { ok: false, reason: `it is not a Word (.docx) file: it looks like ${DESCRIBE[kind]}` };
        return await extractDocx(bytes, limits.maxUncompressed ?? 200 * 1024 * 1024);
      case 'html':
        if (kind === 'pdf' || kind === 'zip' || kind === 'binary') return { ok: false, reason: `it is not a web page: it looks like ${DESCRIBE[kind]}` };
        return extractHtml(decodeText(bytes).text);
      default:
        if (kind === 'pdf' || kind === 'zip' || kind === 'binary') return { ok: false, reason: `it is not text: it looks like ${DESCRIBE[kind]}` };
        return { ok: true, doc: { format, text: decodeText(bytes).text } };
    }
  } catch (e) {
    return { ok: false, reason: describeFailure(e) };
  }
}

function describeFailure(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const message = (e as Error)?.message ?? String(e);
  if (name === 'PasswordException' || /password/i.test(message)) return 'it is encrypted (password-protected)';
  if (name === 'InvalidPDFException' || /Invalid PDF|bad XRef|Invalid XRef/i.test(message)) return 'it is not a valid PDF (corrupt or truncated)';
  if (/end of central directory|zip/i.test(message)) return 'it is not a valid Word file (a corrupt archive)';
  return `it could not be read (${message.split('\n')[0].slice(0, 200)})`;
}

// ---- PDF -------------------------------------------------------------------------------

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  eol: boolean;
}

async function extractPdf(bytes: Uint8Array): Promise<ExtractResult> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js takes ownership of the buffer it is given: give it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 } as Parameters<typeof getDocumentProxy>[1]);
  let text = '';
  const pageStarts: number[] = [];
  const textlessPages: number[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    pageStarts.push(text.length);
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const raw of content.items as Array<{ str?: string; transform?: number[]; width?: number; height?: number; hasEOL?: boolean }>) {
      if (typeof raw.str !== 'string' || !raw.transform) continue;
      items.push({ str: raw.str, x: raw.transform[4], y: raw.transform[5], width: raw.width ?? 0, height: raw.height || Math.abs(raw.transform[3]) || 10, eol: !!raw.hasEOL });
    }
    const pageText = layoutPage(items);
    if (!/[\p{L}\p{N}]/u.test(pageText)) textlessPages.push(n);
    text += pageText + '\n\f\n';
    page.cleanup();
  }
  await (pdf as unknown as { destroy?: () => Promise<void> }).destroy?.();
  return { ok: true, doc: { format: 'pdf', text, pageStarts, textlessPages } };
}

/**
 * A page's text in reading order: items grouped into lines by their baseline; when most
 * lines are split by a gap at the same place (two columns), the left column is read
 * before the right one.
 */
export function layoutPage(items: Item[]): string {
  const visible = items.filter((i) => i.str.length > 0);
  if (visible.length === 0) return '';
  const gutter = findGutter(visible);
  const columns = gutter === undefined ? [visible] : [visible.filter((i) => i.x < gutter), visible.filter((i) => i.x >= gutter)];
  return columns.map(linesOf).join('\n\n');
}

function linesOf(items: Item[]): string {
  const lines: Item[][] = [];
  // Top to bottom, then left to right; items within half a line height share a line.
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - item.y) <= Math.max(2, 0.5 * Math.min(line[0].height, item.height))) line.push(item);
    else lines.push([item]);
  }
  const read = lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let out = '';
    let end = -Infinity;
    let cells = false;
    let height = 0;
    let textEnd = -Infinity;
    for (const i of line) {
      const gap = i.x - end;
      if (out && gap > 0.15 * i.height && !/\s$/.test(out) && !/^\s/.test(i.str)) out += ' ';
      // A gap of more than one and a half times the text's height inside a line: table cells,
      // written apart as `Wales | 11.9%` (core/sources/sourceText.ts reads each row as a passage).
      // (pdf.js fills such a gap with a blank item as wide as the gap: it is measured from the last text.)
      if (out.trim() && i.str.trim() && i.x - textEnd > 1.5 * i.height) {
        cells = true;
        out = `${out.trimEnd()} | `;
      }
      out += i.str;
      end = i.x + i.width;
      if (i.str.trim()) [height, textEnd] = [Math.max(height, i.height), end];
    }
    return { text: out.trimEnd(), y: line[0].y, height, cells };
  });
  // The usual distance between lines; a paragraph break where it is clearly wider, where the
  // text's size changes (a heading), and around a table: a blank line, so that a passage
  // (core/sources/sourceText.ts) ends there as it does in a text file.
  const pitches = read.slice(1).map((l, k) => read[k].y - l.y).filter((d) => d > 0).sort((a, b) => a - b);
  const pitch = pitches.length ? pitches[pitches.length >> 1] : 0;
  let out = '';
  read.forEach((l, k) => {
    if (k > 0) {
      const prev = read[k - 1];
      const sized = prev.height > 0 && l.height > 0 && Math.abs(prev.height - l.height) > 0.15 * Math.max(prev.height, l.height);
      const spaced = pitch > 0 && prev.y - l.y > 1.4 * pitch;
      // (A table's rows follow one another: the first is its head.)
      out += sized || spaced || prev.cells !== l.cells ? '\n\n' : '\n';
    }
    out += l.text;
  });
  return out;
}

/** The x of a gap that splits most lines of the page (two columns), if any. */
function findGutter(items: Item[]): number | undefined {
  const byLine = new Map<number, Item[]>();
  for (const i of items) {
    if (!i.str.trim()) continue;
    const key = Math.round(i.y / 2);
    const line = byLine.get(key);
    if (line) line.push(i);
    else byLine.set(key, [i]);
  }
  if (byLine.size < 2) return undefined;
  const gaps: number[] = [];
  for (const line of byLine.values()) {
    line.sort((a, b) => a.x - b.x);
    for (let k = 1; k < line.length; k++) {
      const prevEnd = line[k - 1].x + line[k - 1].width;
      const gap = line[k].x - prevEnd;
      if (gap > 3 * line[k].height) gaps.push((prevEnd + line[k].x) / 2);
    }
  }
  if (gaps.length < Math.max(2, 0.5 * byLine.size)) return undefined;
  gaps.sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1];
  const near = gaps.filter((g) => Math.abs(g - median) < 30).length;
  return near >= Math.max(2, 0.5 * byLine.size) ? median : undefined;
}

// ---- HTML ------------------------------------------------------------------------------

const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'CAPTION', 'BR', 'HR', 'FIGURE', 'FIGCAPTION', 'DD', 'DT', 'HEADER', 'FOOTER', 'MAIN', 'ASIDE', 'NAV', 'ADDRESS', 'DETAILS', 'SUMMARY']);
/** A table's cells: a row's cells read as one line, ` | ` between them (`Scotland | 12.5%`, not `Scotland12.5%`). */
const CELL = new Set(['TD', 'TH']);
/** A table row: a line of its own, its cells apart (`Wales | 11.9%`), the rows of a table one after another. */
const ROW = 'TR';
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'CANVAS']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** How deep elements nest under `root` (without recursion: a hostile page nests thousands deep). */
function depthOf(root: DomNode | null | undefined): number {
  if (!root) return 0;
  let deepest = 0;
  const stack: Array<[DomNode, number]> = [[root, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    const children = n.childNodes;
    for (let i = 0; i < children.length; i++) if (children[i].nodeType === 1) stack.push([children[i], depth + 1]);
  }
  return deepest;
}

/**
 * How deep a page's elements nest before Readability is not asked: its time grows faster than
 * the depth (1,000 nested elements took 5 s, 2,000 took 24 s, 20,000 overflowed the stack),
 * while real articles nest a few dozen deep. Past it, the page's whole text is read.
 */
const READABILITY_MAX_DEPTH = 400;

function extractHtml(html: string): ExtractResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseHTML } = require('linkedom') as typeof import('linkedom');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Readability } = require('@mozilla/readability') as typeof import('@mozilla/readability');
  const parse = (h: string) => (parseHTML(h) as unknown as { document: { body: DomNode } }).document;
  // Readability changes the document it reads: the fallback reads a fresh parse.
  const page = parse(html);
  const article = depthOf(page.body) <= READABILITY_MAX_DEPTH ? new Readability(page as unknown as ConstructorParameters<typeof Readability>[0]).parse() : null;
  let text = '';
  if (article?.content) text = blockText(parse(`<!doctype html><html><body>${article.content}</body></html>`).body);
  if (!/[\p{L}\p{N}]/u.test(text)) text = blockText(parse(html).body);
  const title = article?.title?.trim();
  if (title && !text.trimStart().startsWith(title)) text = `${title}\n\n${text}`;
  return { ok: true, doc: { format: 'html', text: text.replace(/\n{3,}/g, '\n\n').trim() + '\n' } };
}

/** What comes between two pieces of text: nothing, a space, ` | ` between a row's cells, a line break, a blank line. */
const SEPARATORS = ['', ' ', ' | ', '\n', '\n\n'];

/**
 * The text of an element, with a paragraph break around each block, a table's rows on
 * lines of their own with their cells apart (`Wales | 11.9%`), and nothing of scripts or
 * styles. Pieces are collected with the separator each one is owed (the widest asked for
 * since the last text), never trimmed off a growing string: a table of 80,000 rows took
 * minutes when each cell re-read the text before it.
 */
function blockText(root: DomNode | null | undefined): string {
  if (!root) return '';
  const parts: string[] = [];
  let owed = 0;
  const owe = (k: number) => {
    if (k > owed) owed = k;
  };
  const write = (t: string) => {
    if (parts.length > 0 && owed > 0) parts.push(SEPARATORS[owed]);
    parts.push(t);
    owed = 0;
  };
  // Inside a table cell, a block (a cell's paragraphs, as Word writes them) is a space: the row stays one line.
  let inCell = 0;
  // Whether a cell of the current row has written text: the next one is set apart by ` | `.
  let rowHasText = false;
  // Depth first with a stack of its own (a page may nest thousands deep): an element is
  // entered, its children read, then left.
  type Frame = { n: DomNode; leave?: { around: number; cell: boolean; before: number } };
  const stack: Frame[] = [{ n: root }];
  while (stack.length) {
    const { n, leave } = stack.pop()!;
    if (leave) {
      if (leave.cell) {
        inCell--;
        if (parts.length > leave.before) rowHasText = true;
        owe(1);
      }
      owe(leave.around);
      continue;
    }
    if (n.nodeType === 3) {
      const t = (n.textContent ?? '').replace(/\s+/g, ' ');
      if (t.startsWith(' ')) owe(1);
      const inner = t.trim();
      if (inner) write(inner);
      if (t.endsWith(' ')) owe(1);
      continue;
    }
    if (n.nodeType !== 1 || SKIP.has(n.nodeName)) continue;
    const name = n.nodeName;
    const cell = CELL.has(name);
    const around = BLOCK.has(name) ? (inCell === 0 || name === 'TABLE' ? 4 : 1) : name === ROW ? 3 : 0;
    owe(around);
    if (name === ROW) rowHasText = false;
    if (cell) {
      owe(rowHasText ? 2 : 1);
      inCell++;
    }
    stack.push({ n, leave: { around, cell, before: parts.length } });
    // (linkedom builds the list on each read of `childNodes`: read once, a table of thousands of rows is not read again per row.)
    const children = n.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ n: children[i] });
  }
  return parts.join('');
}

// ---- DOCX ------------------------------------------------------------------------------

async function extractDocx(bytes: Uint8Array, maxUncompressed: number): Promise<ExtractResult> {
  const total = zipUncompressedSize(bytes);
  if (total === undefined) return { ok: false, reason: 'it is not a valid Word file (a corrupt archive)' };
  if (total > maxUncompressed) return { ok: false, reason: `it would unpack to ${Math.round(total / 1e6)} MB, more than the ${Math.round(maxUncompressed / 1e6)} MB allowed (a ZIP bomb?)` };
  const mammoth = await import('mammoth');
  // As HTML, read as a web page's article is (tables by rows, cells apart); images left out.
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseHTML } = require('linkedom') as typeof import('linkedom');
  const body = (parseHTML(`<!doctype html><html><body>${result.value}</body></html>`) as unknown as { document: { body: DomNode } }).document.body;
  return { ok: true, doc: { format: 'docx', text: blockText(body).replace(/\n{3,}/g, '\n\n').trim() + '\n' } };
}

/**
 * The total uncompressed size the ZIP's central directory declares, before anything is
 * inflated; undefined when there is no valid directory. A ZIP64 entry (sizes that do not
 * fit 32 bits) counts as infinitely large: a Word file has no business being one.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: within the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return undefined;
    const size = view.getUint32(p + 24, true);
    if (size === 0xffffffff) return Infinity;
    total += size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}
