/**
 * Splits a Markdown document into top-level blocks that can be parsed independently:
 * the split points are blank lines outside fenced code, container directives, HTML
 * comments and raw HTML blocks, where the next non-blank line starts at column 0.
 * Anything that could carry meaning across such a boundary keeps its block whole, so
 * parsing the blocks one by one gives the same tree as parsing the whole text.
 *
 * Link reference and footnote definitions are the one construct CommonMark resolves
 * across blocks; they are collected here so the parser can add the ones a block uses.
 *
 * One linear pass, no backtracking: it runs on every keystroke.
 */
export interface Block {
  start: number;
  end: number;
}

export interface Definition {
  /** Normalised label: `^id` for footnotes, case-folded text for links. */
  label: string;
  footnote: boolean;
  /** The definition's source line, as written. */
  line: string;
}

export interface BlockSplit {
  blocks: Block[];
  definitions: Map<string, Definition>;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CONTAINER_OPEN = /^ {0,3}(:{3,})[ \t]*[A-Za-z]/;
const CONTAINER_CLOSE = /^ {0,3}(:{3,})[ \t]*$/;
const DEFINITION = /^ {0,3}\[(\^?)([^\]\n]{1,999})\]:/;
const RAW_HTML_OPEN = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function splitBlocks(text: string): BlockSplit {
  const blocks: Block[] = [];
  const definitions = new Map<string, Definition>();
  let blockStart = 0;
  let fence: { char: string; length: number } | undefined;
  const containers: number[] = [];
  let inComment = false;
  let rawHtml: string | undefined;
  let pendingSplit = -1; // offset where a split may happen (start of the blank run)
  let pos = 0;

  // Front matter is its own block.
  const fm = /^---[ \t]*\r?\n/.exec(text);
  if (fm) {
    const close = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/g;
    close.lastIndex = fm[0].length - 1;
    const m = close.exec(text);
    if (m) {
      pos = m.index + m[0].length;
      blocks.push({ start: 0, end: pos });
      blockStart = pos;
    }
  }

  while (pos < text.length) {
    let eol = pos;
    while (eol < text.length && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    let next = eol;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    const line = text.slice(pos, eol);
    const blank = /^[ \t]*$/.test(line);

    if (blank) {
      if (pendingSplit < 0 && !fence && containers.length === 0 && !inComment && !rawHtml) pendingSplit = pos;
      pos = next;
      continue;
    }

    if (pendingSplit >= 0) {
      const indented = line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9;
      // A block must not start with `---`: parsed alone it would be front matter, which only
      // the document's very first line can open (found by the incremental property test).
      const dashes = line.charCodeAt(0) === 45 && /^---[ \t]*$/.test(line);
      if (!indented && !dashes && pos > blockStart) {
        blocks.push({ start: blockStart, end: pos });
        blockStart = pos;
      }
      pendingSplit = -1;
    }

    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && /^[ \t]*$/.test(line.slice(m[0].length))) {
        fence = undefined;
      }
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else if (rawHtml) {
      if (line.toLowerCase().includes(`</${rawHtml}>`)) rawHtml = undefined;
    } else {
      const f = FENCE.exec(line);
      if (f && !(f[1][0] === '`' && line.slice(f[0].length).includes('`'))) {
        fence = { char: f[1][0], length: f[1].length };
      } else if (CONTAINER_OPEN.test(line)) {
        containers.push(CONTAINER_OPEN.exec(line)![1].length);
      } else if (containers.length > 0 && CONTAINER_CLOSE.test(line)) {
        const n = CONTAINER_CLOSE.exec(line)![1].length;
        if (n >= containers[containers.length - 1]) containers.pop();
      } else {
        const open = line.lastIndexOf('<!--');
        if (open >= 0 && line.indexOf('-->', open + 4) < 0) inComment = true;
        const raw = RAW_HTML_OPEN.exec(line);
        if (raw && !line.toLowerCase().includes(`</${raw[1].toLowerCase()}>`)) rawHtml = raw[1].toLowerCase();
        const d = DEFINITION.exec(line);
        if (d) {
          const label = (d[1] ? '^' : '') + normalizeLabel(d[2]);
          if (!definitions.has(label)) definitions.set(label, { label, footnote: d[1] === '^', line: line.trim() });
        }
      }
    }
    pos = next;
  }
  if (blockStart < text.length || blocks.length === 0) blocks.push({ start: blockStart, end: text.length });
  return { blocks, definitions };
}

const FOOTNOTE_CALL = /\[\^([^\]\s]{1,200})\]/g;

/**
 * The labels a block could refer to (`^id` for footnote calls), sorted. Depends only on
 * the block's text, so the parser keeps it with the block and reuses it while the block
 * is unchanged.
 */
export function referencedLabels(block: string): string[] {
  if (!block.includes('[')) return [];
  const wanted = new Set<string>();
  for (const m of block.matchAll(FOOTNOTE_CALL)) wanted.add('^' + normalizeLabel(m[1]));
  for (const m of block.matchAll(BRACKETED)) if (m[1][0] !== '^') wanted.add(normalizeLabel(m[1]));
  return [...wanted].sort();
}
const BRACKETED = /\[([^\[\]\n]{1,999})\]/g;

/**
 * The definitions that `block` refers to but does not contain, as Markdown source to be
 * appended after the block, so that references resolve as they do in the whole document.
 */
export function definitionsFor(block: string, definitions: Map<string, Definition>, labels?: string[]): string {
  if (definitions.size === 0) return '';
  // A block that holds a definition itself comes first; CommonMark keeps the first one.
  let out = '';
  for (const label of labels ?? referencedLabels(block)) {
    const def = definitions.get(label);
    if (!def) continue;
    if (def.footnote) out += `\n\n[^${label.slice(1)}]: stub`;
    else out += /\]:\s*\S/.test(def.line) ? `\n\n${def.line}` : `\n\n${def.line} <>`;
  }
  return out;
}

