/**
 * A markdown-it plugin for VS Code's Markdown preview (`markdown.markdownItPlugins`): renders
 * Briefmark tags as readable, styled text instead of raw `:claim[…]{…}` syntax.
 *
 * - `:claim[label]{attrs}` → the label, marked as a claim, with its sourcing status from
 *   the language server when the client has it (a sourced claim plain; *pending* — a
 *   placeholder — *no source* and *broken* — a reference that names nothing — each with its
 *   own badge and colour); without it, a quick local test gives "unsourced" or nothing;
 * - `:actor[label]{attrs}`, `:rec[label]{attrs}` → the label, marked as an actor or a
 *   recommendation; labels may hold nested tags and Markdown;
 * - `:::rec[label]{attrs}` … `:::` → a recommendation box with its label and attributes.
 *
 * It never breaks the preview: text that is not a complete tag (an unclosed bracket, a
 * name that is not a tag, `10:30`, `:smile:`) stays ordinary text, and an unexpected error
 * in a rule leaves the text as it was. The sourcing test here is the preview's quick one;
 * the language server's diagnostics are the authority (docs/editor.md).
 *
 * - citations (`[@key, p. 4]`, `@key`) → the text the language server rendered with the
 *   brief's CSL style (citeproc-js), when the client has it; a citation naming a key that
 *   is not in the bibliography keeps its text, marked "source not found"; the reference
 *   list follows the brief (before its footnotes), with a note when the style fell back;
 * - footnotes (`[^1]` and `[^1]: …`) → numbered notes at the end (markdown-it-footnote,
 *   unless another extension already added footnotes); a call to a placeholder footnote
 *   (`Source to be added.`) is marked "source pending".
 *
 * No dependency on `vscode` or on markdown-it at run time: VS Code passes its own instance.
 */
import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import footnotePlugin from 'markdown-it-footnote';
import { BUILTIN_TAGS } from '../../../server/src/core/conventions/types';

export const TAG_NAMES = BUILTIN_TAGS;
type TagName = (typeof TAG_NAMES)[number];

export interface TagAttribute {
  name: string;
  value: string;
}

/** Parses `{#id .class key=value key="v w" key='v' flag}`' inner text. */
export function parseAttributes(text: string): TagAttribute[] {
  const out: TagAttribute[] = [];
  const re = /#([^\s#.{}"'=]+)|\.([^\s#.{}"'=]+)|([A-Za-z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`{}]+)))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) out.push({ name: 'id', value: m[1] });
    else if (m[2] !== undefined) out.push({ name: 'class', value: m[2] });
    else out.push({ name: m[3], value: m[4] ?? m[5] ?? m[6] ?? '' });
  }
  return out;
}

const attr = (attrs: TagAttribute[], name: string) => attrs.find((a) => a.name === name)?.value;

/**
 * Characters `closingBracket` may scan per inline text: 50 per character of it, and 100,000
 * more. Each `:claim[` that never closes scanned to the end of its paragraph (a paragraph
 * of them took 0.5 s for 40 KB, quadratic); past the budget, a label that would need more
 * scanning is read as text. No brief comes near it.
 */
const SCAN_BUDGET_PER_CHAR = 50;
let budgetText = '';
let budgetLeft = 0;

/** The index just after the `]` that closes the `[` at `open`, or -1. Honours escapes and nesting. */
function closingBracket(src: string, open: number, max: number): number {
  if (src !== budgetText) {
    budgetText = src;
    budgetLeft = SCAN_BUDGET_PER_CHAR * src.length + 100_000;
  }
  let depth = 0;
  let i = open;
  for (; i < max && i - open < budgetLeft; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x60 /* ` */) {
      // A code span inside a label: skip to its closing backticks (or treat as text).
      let end = i;
      while (src.charCodeAt(end) === 0x60) end++;
      const close = src.indexOf(src.slice(i, end), end);
      if (close > 0 && close < max) i = close + (end - i) - 1;
    } else if (c === 0x5b /* [ */) depth++;
    else if (c === 0x5d /* ] */ && --depth === 0) {
      budgetLeft -= i - open;
      return i + 1;
    }
  }
  budgetLeft -= i - open;
  return -1;
}

/** The index just after the `}` closing the `{` at `open` (quotes honoured, one line), or -1. */
function closingBrace(src: string, open: number, max: number): number {
  let quote = 0;
  for (let i = open + 1; i < max; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x0a) return -1;
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x7d) return i + 1;
    else if (c === 0x7b) return -1;
  }
  return -1;
}

// A citation, a footnote call (`hasFootnoteCall`), a link or a URL.
const SOURCE_REF = /\[@|(?<![\w.@])-?@[\p{L}\p{N}_]|\]\(|\]\[[^\]]*\]|<https?:\/\/|https?:\/\/\S/u;

/**
 * Whether `s` holds a footnote call `[^label]` (a label of one or more characters, none a
 * `]` or white space): what `/\[\^[^\]\s]+\]/u` tests, in one pass. That regex read a long
 * run of `[^` to its end again from each one (quadratic). The earliest `[^` in a run of
 * label characters has the longest label, so it is the only one worth keeping.
 */
export function hasFootnoteCall(s: string): boolean {
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ']') {
      if (open >= 0 && i > open + 2) return true;
      open = -1;
    } else if (isSpace(c)) open = -1;
    else if (open < 0 && c === '[' && s[i + 1] === '^') open = i;
  }
  return false;
}

/** `/\s/.test(c)` for one character, without the regular expression for ASCII. */
function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(c);
}

function hasSourceRef(s: string): boolean {
  return SOURCE_REF.test(s) || hasFootnoteCall(s);
}

/** The rest of a sentence read after a tag, at most (a paragraph with no sentence end made every claim read to its end). */
const MAX_SENTENCE_REST = 1000;

/** Where the sentence that contains `from` ends: the next `.`, `!` or `?` followed by white space or the end (at most MAX_SENTENCE_REST on). */
function sentenceEnd(src: string, from: number, max: number): number {
  const limit = Math.min(max, from + MAX_SENTENCE_REST);
  for (let k = from; k < limit; k++) {
    const c = src.charCodeAt(k);
    if ((c === 0x2e || c === 0x21 || c === 0x3f) && (k + 1 >= max || /\s/.test(src[k + 1]))) return k + 1;
  }
  return limit;
}

/** Spec §4 in brief: a `src` attribute, or a citation, footnote or link in the label or in the rest of the sentence. */
export function looksSourced(attrs: TagAttribute[], label: string, restOfSentence: string): boolean {
  if ((attr(attrs, 'src') ?? '').trim() !== '') return true;
  return hasSourceRef(label) || hasSourceRef(restOfSentence);
}

/** A claim's sourcing status, as the language server computes it (semantics/sourcing.ts). */
export type ClaimStatus = 'sourced' | 'pending' | 'missing' | 'broken';

/**
 * The statuses of a document's claims, by line (0-based) and by order on that line: what
 * the client last received from the server. `env` is the render environment VS Code
 * passes (it names the document in `currentDocument`).
 */
export type ClaimStatusLookup = (env: unknown, line: number, nth: number) => ClaimStatus | undefined;

export interface BriefmarkPluginOptions {
  claimStatus?: ClaimStatusLookup;
  /** The server's rendered citations for the document being previewed. */
  renderedCitations?: RenderedCitationsLookup;
}

interface TagMeta {
  name: TagName;
  attrs: TagAttribute[];
  label: string;
  sourced?: boolean;
  /** Where the tag starts in its inline content (to find its line). */
  pos?: number;
  /** Its line (0-based) and its order among the claims of that line, set after inline parsing. */
  line?: number;
  nth?: number;
}

function inlineTag(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x3a /* : */) return false;
  const before = pos > 0 ? src[pos - 1] : '';
  if (/[\p{L}\p{N}_:\\]/u.test(before)) return false;
  const m = /^:(claim|actor|rec)(?=[[{])/.exec(src.slice(pos, Math.min(posMax, pos + 8)));
  if (!m) return false;
  const name = m[1] as TagName;
  let i = pos + m[0].length;
  let labelStart = -1;
  let labelEnd = -1;
  if (src[i] === '[') {
    const close = closingBracket(src, i, posMax);
    if (close < 0) return false;
    labelStart = i + 1;
    labelEnd = close - 1;
    i = close;
  }
  let attrs: TagAttribute[] = [];
  if (src[i] === '{') {
    const close = closingBrace(src, i, posMax);
    if (close > 0) {
      attrs = parseAttributes(src.slice(i + 1, close - 1));
      i = close;
    }
  }
  if (labelStart < 0 && attrs.length === 0) return false;
  if (silent) {
    state.pos = i;
    return true;
  }
  const label = labelStart >= 0 ? src.slice(labelStart, labelEnd) : '';
  const meta: TagMeta = { name, attrs, label, pos };
  if (name === 'claim') meta.sourced = looksSourced(attrs, label, src.slice(i, sentenceEnd(src, i, posMax)));
  const open = state.push('briefmark_tag_open', 'span', 1);
  open.meta = meta as unknown as Record<string, unknown>;
  if (labelStart >= 0 && labelEnd > labelStart) {
    const oldMax = state.posMax;
    state.pos = labelStart;
    state.posMax = labelEnd;
    state.md.inline.tokenize(state);
    state.posMax = oldMax;
  }
  const close = state.push('briefmark_tag_close', 'span', -1);
  close.meta = meta as unknown as Record<string, unknown>;
  state.pos = i;
  return true;
}

/** `:::rec[label]{attrs}` … `:::`, nesting-aware; an unclosed box runs to the end of its parent. */
function containerRec(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const line = state.src.slice(start, max);
  const m = /^(:{3,})\s*rec(?![\w-])(.*)$/.exec(line);
  if (!m) return false;
  const fence = m[1];
  let rest = m[2].trim();
  let label = '';
  let attrs: TagAttribute[] = [];
  if (rest.startsWith('[')) {
    const close = closingBracket(rest, 0, rest.length);
    if (close < 0) return false;
    label = rest.slice(1, close - 1);
    rest = rest.slice(close).trim();
  }
  if (rest.startsWith('{')) {
    const close = closingBrace(rest, 0, rest.length);
    if (close < 0) return false;
    attrs = parseAttributes(rest.slice(1, close - 1));
    rest = rest.slice(close).trim();
  }
  if (rest !== '') return false;
  if (silent) return true;

  // Find the closing fence, counting nested containers.
  let next = startLine;
  let depth = 1;
  let closed = false;
  while (++next < endLine) {
    const s = state.bMarks[next] + state.tShift[next];
    const e = state.eMarks[next];
    if (s < e && state.sCount[next] < state.blkIndent) break; // a less indented line ends the parent
    if (state.sCount[next] - state.blkIndent >= 4) continue;
    const text = state.src.slice(s, e).trim();
    if (/^:{3,}\s*[A-Za-z]/.test(text)) depth++;
    else if (/^:{3,}$/.test(text) && text.length >= 3 && --depth === 0) {
      closed = true;
      break;
    }
  }
  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  state.parentType = 'container' as typeof state.parentType;
  state.lineMax = next;
  const meta: TagMeta & { closed: boolean; fence: string } = { name: 'rec', attrs, label, closed, fence };
  const open = state.push('briefmark_rec_open', 'div', 1);
  open.block = true;
  open.meta = meta as unknown as Record<string, unknown>;
  open.map = [startLine, next];
  if (label) {
    const title = state.push('briefmark_rec_label', '', 0);
    title.meta = meta as unknown as Record<string, unknown>;
    const inline = state.push('inline', '', 0);
    inline.content = label;
    inline.map = [startLine, startLine + 1];
    inline.children = [];
    state.push('briefmark_rec_label_close', '', 0).meta = meta as unknown as Record<string, unknown>;
  } else {
    state.push('briefmark_rec_label', '', 0).meta = meta as unknown as Record<string, unknown>;
    state.push('briefmark_rec_label_close', '', 0).meta = meta as unknown as Record<string, unknown>;
  }
  state.md.block.tokenize(state, startLine + 1, next);
  const close = state.push('briefmark_rec_close', 'div', -1);
  close.block = true;
  state.parentType = oldParent;
  state.lineMax = oldLineMax;
  state.line = closed ? next + 1 : next;
  return true;
}

function guarded<A extends unknown[]>(rule: (...args: A) => boolean): (...args: A) => boolean {
  return (...args: A) => {
    try {
      return rule(...args);
    } catch {
      return false; // never break the preview: leave the text to the other rules
    }
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function describe(meta: TagMeta, status: ClaimStatus | 'unsourced' = statusOf(meta)): string {
  const parts: string[] = [];
  const a = (n: string) => attr(meta.attrs, n);
  if (meta.name === 'claim') {
    parts.push(`Claim${STATUS_TEXT[status].title}`);
    if (a('src')) parts.push(`sources: ${a('src')}`);
    if (a('status')) parts.push(`status: ${a('status')}`);
    if (a('by')) parts.push(`by: ${a('by')}`);
  } else if (meta.name === 'actor') {
    parts.push('Actor');
    if (a('id')) parts.push(a('id')!);
  } else {
    parts.push('Recommendation');
    for (const n of ['track', 'actor', 'priority', 'horizon']) if (a(n)) parts.push(`${n}: ${a(n)}`);
  }
  return parts.join(' · ');
}

function dataAttributes(meta: TagMeta): string {
  return meta.attrs
    .filter((a) => /^[a-z][\w-]*$/i.test(a.name) && a.name !== 'class')
    .map((a) => ` data-${a.name.toLowerCase()}="${escapeHtml(a.value)}"`)
    .join('');
}

/** How each status shows: the class, the badge and the tooltip's words. */
const STATUS_TEXT: Record<ClaimStatus | 'unsourced', { cls: string; badge: string; title: string }> = {
  sourced: { cls: '', badge: '', title: '' },
  pending: { cls: 'briefmark-pending', badge: 'source pending', title: ' — source pending (a placeholder)' },
  missing: { cls: 'briefmark-unsourced', badge: 'no source', title: ' — no source' },
  broken: { cls: 'briefmark-broken', badge: 'source not found', title: ' — cites a source that does not resolve' },
  unsourced: { cls: 'briefmark-unsourced', badge: 'unsourced', title: ' — no source' },
};

/** The server's status of a claim (looked up when rendering, so a cached parse shows the latest), else the local test. */
function statusOf(meta: TagMeta, env?: unknown, lookup?: ClaimStatusLookup): ClaimStatus | 'unsourced' {
  const known = lookup && meta.line !== undefined && meta.nth !== undefined ? lookup(env, meta.line, meta.nth) : undefined;
  return known ?? (meta.sourced ? 'sourced' : 'unsourced');
}

/**
 * After inline parsing: each claim's line (the block's first line and the line breaks
 * before the tag) and its order among the claims of that line, which is how the server's
 * statuses are found.
 */
function locateClaims(state: { tokens: Token[] }): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.map || !block.children) continue;
    const seen = new Map<number, number>();
    // The lines before each claim, counted on from the claim before (claims come in order:
    // counting from the block's start each time was quadratic in a paragraph of many lines).
    let line = block.map[0];
    let next = block.content.indexOf('\n');
    let last = -1;
    for (const t of block.children) {
      const meta = t.meta as unknown as TagMeta | null;
      if (t.type !== 'briefmark_tag_open' || meta?.name !== 'claim' || meta.pos === undefined) continue;
      if (meta.pos < last) {
        line = block.map[0];
        next = block.content.indexOf('\n');
      }
      last = meta.pos;
      for (; next >= 0 && next < meta.pos; next = block.content.indexOf('\n', next + 1)) line++;
      const nth = seen.get(line) ?? 0;
      seen.set(line, nth + 1);
      meta.line = line;
      meta.nth = nth;
    }
  }
}

/** What the language server rendered for one document (`briefmark/renderedCitations`), by line. */
export interface RenderedCitationsView {
  citations: Array<{ line: number; text: string; status: 'rendered' | 'broken' | 'unformatted'; html: string; unknownKeys: string[] }>;
  bibliography: Array<{ id: string; html: string }>;
  pendingFootnotes: string[];
  style: { name: string; title: string };
  warning?: string;
}

/** The rendered citations of the document being previewed (`env.currentDocument`), if the client has them. */
export type RenderedCitationsLookup = (env: unknown) => RenderedCitationsView | undefined;

type TokenClass = new (type: string, tag: string, nesting: number) => Token;

/**
 * At render time (hosts such as VS Code cache the tokens of a document version, and the
 * server's rendering may arrive after them): the tokens with each citation the server
 * rendered put in place — found in its block's text (its line within the block's lines,
 * its source text within a text token) and replaced by a `briefmark_citation` token — and
 * the reference list inserted. The cached tokens are not changed: blocks that change are
 * copied. A citation that markdown-it split across tokens (emphasis inside it, a line
 * break) stays as written.
 */
function withCitations(tokens: Token[], view: RenderedCitationsView, TokenOf: TokenClass): Token[] {
  const taken = new Set<number>();
  const out = tokens.map((block) => {
    if (block.type !== 'inline' || !block.map || !block.children) return block;
    const children = placeInBlock(block, view, TokenOf, taken);
    if (!children) return block;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(block)) as Token, block);
    copy.children = children;
    return copy;
  });
  const references = referencesHtml(view);
  if (references) {
    const token = new TokenOf('html_block', '', 0);
    token.content = references;
    const notes = out.findIndex((t) => t.type === 'footnote_block_open');
    if (notes < 0) out.push(token);
    else out.splice(notes, 0, token);
  }
  return out;
}

/** The block's children with the citations of its lines put in place (`taken`: those already placed), or undefined when none is there. */
function placeInBlock(block: Token, view: RenderedCitationsView, TokenOf: TokenClass, taken: Set<number>): Token[] | undefined {
  {
    const state = { Token: TokenOf };
    const [from, to] = block.map!;
    const candidates = view.citations.map((c, i) => ({ c, i })).filter(({ c, i }) => c.line >= from && c.line < to && !taken.has(i));
    if (!candidates.length) return undefined;
    const children: Token[] = [];
    for (const t of block.children!) {
      if (t.type !== 'text') {
        children.push(t);
        continue;
      }
      let rest = t.content;
      for (;;) {
        let best: { at: number; c: RenderedCitationsView['citations'][number]; i: number } | undefined;
        for (const { c, i } of candidates) {
          if (taken.has(i)) continue;
          const at = rest.indexOf(c.text);
          if (at >= 0 && (!best || at < best.at)) best = { at, c, i };
        }
        if (!best) break;
        taken.add(best.i);
        if (best.at > 0) children.push(textToken(state, rest.slice(0, best.at)));
        const cite = new state.Token('briefmark_citation', '', 0);
        cite.meta = best.c;
        children.push(cite);
        rest = rest.slice(best.at + best.c.text.length);
      }
      if (rest === t.content) children.push(t);
      else if (rest) children.push(textToken(state, rest));
    }
    return children;
  }
}

function textToken(state: { Token: new (type: string, tag: string, nesting: number) => Token }, content: string): Token {
  const t = new state.Token('text', '', 0);
  t.content = content;
  return t;
}

/** The reference list, placed after the brief's body and before markdown-it-footnote's notes. */
function referencesHtml(view: RenderedCitationsView): string | undefined {
  if (!view.bibliography.length && !view.warning) return undefined;
  return [
    `<section class="briefmark-references" title="${escapeHtml(`Rendered by Briefmark in ${view.style.title}`)}">`,
    '<h2>References</h2>',
    view.warning ? `<p class="briefmark-style-warning">${escapeHtml(view.warning)}</p>` : '',
    `<div class="csl-bib-body">${view.bibliography.map((e) => e.html).join('\n')}</div>`,
    '</section>\n',
  ].join('\n');
}

const hasRule = (ruler: unknown, name: string) => ((ruler as { __rules__?: Array<{ name: string }> }).__rules__ ?? []).some((r) => r.name === name);

/**
 * Tokens whose `concat` appends in place. markdown-it-footnote's `footnote_tail` adds each
 * note's tokens to the stream with `state.tokens = state.tokens.concat(…)`, a copy of the
 * whole stream per note: a brief of 3,000 inline notes took 1.5 s to preview (the fuzz
 * suite's "reference marks"). Given these for that one rule, it appends: linear.
 */
class AppendingTokens extends Array<Token> {
  concat(...items: Array<Token | ConcatArray<Token>>): Token[] {
    for (const item of items) {
      if (Array.isArray(item)) for (const t of item as Token[]) this.push(t);
      else this.push(item as Token);
    }
    return this;
  }
}

/** markdown-it-footnote's `footnote_tail`, run on `AppendingTokens`; the stream is a plain array again after it. */
function linearFootnoteTail(md: MarkdownIt): void {
  const rules = (md.core.ruler as unknown as { __rules__?: Array<{ name: string; fn: (state: { tokens: Token[] }) => unknown }> }).__rules__ ?? [];
  const tail = rules.find((r) => r.name === 'footnote_tail');
  if (!tail) return;
  const run = tail.fn;
  tail.fn = (state) => {
    state.tokens = AppendingTokens.from(state.tokens);
    try {
      return run(state);
    } finally {
      state.tokens = Array.from(state.tokens);
    }
  };
}

export const briefmarkPlugin = (md: MarkdownIt, options: BriefmarkPluginOptions = {}): void => {
  // Footnotes as notes, unless another plugin (another extension) already reads them.
  if (!hasRule(md.inline.ruler, 'footnote_ref')) {
    md.use(footnotePlugin);
    linearFootnoteTail(md);
  }
  md.inline.ruler.before('link', 'briefmark_tag', guarded(inlineTag));
  md.block.ruler.before('fence', 'briefmark_rec_container', guarded(containerRec), { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.after('inline', 'briefmark_claim_lines', (state) => {
    try {
      locateClaims(state as unknown as { tokens: Token[] });
    } catch {
      // never break the preview: claims keep the local test
    }
    return true;
  });
  const lookup = options.claimStatus;
  const cited = options.renderedCitations;
  if (cited) {
    const render = md.renderer.render.bind(md.renderer);
    // markdown-it's Token class (of the instance the host passes), as a core state holds it.
    const TokenOf = new (md as unknown as { core: { State: new (src: string, md: unknown, env: unknown) => { Token: TokenClass } } }).core.State('', md, {}).Token;
    md.renderer.render = (tokens: Token[], opts: unknown, env: unknown) => {
      let shown = tokens;
      try {
        const view = cited(env);
        if (view) shown = withCitations(tokens, view, TokenOf);
      } catch {
        shown = tokens; // never break the preview: citations stay as written
      }
      return render(shown as never, opts as never, env as never);
    };
  }

  const rules = md.renderer.rules;
  rules.briefmark_tag_open = (tokens: Token[], idx: number, _options: unknown, env: unknown) => {
    const meta = tokens[idx].meta as unknown as TagMeta;
    const cls = [`briefmark-${meta.name}`];
    const status = statusOf(meta, env, lookup);
    if (meta.name === 'claim' && STATUS_TEXT[status].cls) cls.push(STATUS_TEXT[status].cls);
    return `<span class="${cls.join(' ')}" title="${escapeHtml(describe(meta, status))}"${dataAttributes(meta)}>`;
  };
  rules.briefmark_tag_close = (tokens: Token[], idx: number, _options: unknown, env: unknown) => {
    const meta = tokens[idx].meta as unknown as TagMeta;
    const look = STATUS_TEXT[statusOf(meta, env, lookup)];
    const badge = meta.name === 'claim' && look.badge ? `<sup class="briefmark-badge ${look.cls}" aria-label="${look.badge}">${look.badge}</sup>` : '';
    return `</span>${badge}`;
  };
  rules.briefmark_rec_open = (tokens: Token[], idx: number) => {
    const meta = tokens[idx].meta as unknown as TagMeta & { closed: boolean };
    const line = tokens[idx].map ? ` data-line="${tokens[idx].map![0]}"` : '';
    return `<div class="briefmark-rec-box${meta.closed ? '' : ' briefmark-unclosed'}"${line}${dataAttributes(meta)}>\n`;
  };
  rules.briefmark_rec_label = () => {
    return `<div class="briefmark-rec-title"><span class="briefmark-rec-kind">Recommendation</span> `;
  };
  rules.briefmark_rec_label_close = (tokens: Token[], idx: number) => {
    const meta = tokens[idx].meta as unknown as TagMeta & { closed: boolean };
    const details = ['track', 'actor', 'priority', 'horizon']
      .map((n) => [n, attr(meta.attrs, n)] as const)
      .filter(([, v]) => v)
      .map(([n, v]) => `<span class="briefmark-rec-attr"><span class="briefmark-rec-attr-name">${n}</span> ${escapeHtml(v!)}</span>`);
    const unclosed = meta.closed ? '' : '<span class="briefmark-badge">not closed: add a line <code>:::</code></span>';
    return `${details.length || unclosed ? `<span class="briefmark-rec-attrs">${details.join('')}${unclosed}</span>` : ''}</div>\n`;
  };
  rules.briefmark_rec_close = () => '</div>\n';
  rules.briefmark_citation = (tokens: Token[], idx: number) => {
    const c = tokens[idx].meta as RenderedCitationsView['citations'][number];
    if (c.status === 'broken') {
      const why = `Not in the bibliography: ${c.unknownKeys.map((k) => `@${k}`).join(', ')}`;
      return `<span class="briefmark-citation briefmark-broken" title="${escapeHtml(why)}">${c.html}</span><sup class="briefmark-badge briefmark-broken" aria-label="source not found">source not found</sup>`;
    }
    const title = c.status === 'unformatted' ? 'A source document, not a bibliography entry: shown as written' : c.text;
    return `<span class="briefmark-citation${c.status === 'unformatted' ? ' briefmark-unformatted' : ''}" title="${escapeHtml(title)}">${c.html}</span>`;
  };
  // A call to a placeholder footnote is marked, as a claim sourced only by it is.
  const footnoteRef = rules.footnote_ref;
  if (footnoteRef) {
    rules.footnote_ref = (tokens: Token[], idx: number, opts: unknown, env: unknown, self: unknown) => {
      const out = (footnoteRef as (...a: unknown[]) => string)(tokens, idx, opts, env, self);
      const label = (tokens[idx].meta as { label?: string } | undefined)?.label;
      const pending = label !== undefined && cited?.(env)?.pendingFootnotes.includes(label.toLowerCase());
      return pending ? `${out}<sup class="briefmark-badge briefmark-pending" aria-label="source pending">source pending</sup>` : out;
    };
  }
};

export default briefmarkPlugin;
