import { analyze } from '../../server/src/core/analysis';
import type { Citation, CitationItem } from '../../server/src/core/model/types';
import { citationDocument, documentOf } from './citationCases';
import { pandocCitationsBySection, runPandoc, type Mode, type PandocSection } from './pandoc';

export interface CaseResult {
  index: number;
  text: string;
  /** Keys in document order, as `key|mode`. */
  pandoc: string[];
  briefmark: string[];
  /** The keys, in order, differ, or a key's span does not hold it: a failure unless `documented`. */
  problem?: string;
  /** Why the keys differ, when the difference is one of the documented ones (docs/sources.md). */
  documented?: string;
  /** Same keys, but a mode (author-in-text, normal, suppress-author) differs. */
  modeDiffers: boolean;
  /** Same keys, but a citation's extent differs from the text Pandoc keeps for it. */
  spanDiffers?: string;
}

const modeOf = (i: CitationItem): Mode => (i.authorInText ? 'AuthorInText' : i.suppressAuthor ? 'SuppressAuthor' : 'NormalCitation');
const show = (key: string, mode: Mode) => `${key}|${mode}`;
const keysOf = (xs: string[]) => xs.map((x) => x.slice(0, x.lastIndexOf('|')));

/**
 * Reads generated citation texts with Pandoc and with Briefmark and compares them case by
 * case. What must agree: the keys, in order, and each key's exact span (it holds the key,
 * right after `@` or `@{`). What is measured besides: each key's mode (author-in-text,
 * normal, suppress-author) and each citation's extent against the text Pandoc keeps for it.
 */
export function compareCitations(seed: number, count: number): CaseResult[] {
  return compareTexts(citationDocument(seed, count).cases.map((c) => c.text));
}

export function compareTexts(texts: string[]): CaseResult[] {
  const sections = pandocSections(texts);
  const whole = documentOf(texts);
  const wholeModel = analyze({ uri: 'file:///differential.md', text: whole.text }).model;
  return whole.cases.map((wholeCase, index) => {
    // A case Pandoc read again on its own is read on its own by Briefmark too: what the
    // document says before it (an example list item `(@a)`, which makes a later `@a` no
    // citation) is out of the picture for both.
    const alone = sections[index].alone ? documentOf([texts[index]], index) : undefined;
    const model = alone ? analyze({ uri: 'file:///differential.md', text: alone.text }).model : wholeModel;
    const c = alone ? alone.cases[0] : wholeCase;
    const text = alone ? alone.text : whole.text;
    const inCase = (s: { start: number; end: number }) => s.start >= c.start && s.end <= c.end;
    const citations = model.citations.filter((x) => inCase(x.span));
    const items = citations.flatMap((x) => x.items).sort((a, b) => a.keySpan.start - b.keySpan.start);
    const briefmark = items.map((i) => show(i.key, modeOf(i)));
    const pandoc = sections[index].keys.map((k) => show(k.key, k.mode));
    const result: CaseResult = { index, text: c.text, pandoc, briefmark, modeDiffers: false };
    if (keysOf(briefmark).join('\n') !== keysOf(pandoc).join('\n')) {
      result.documented = documentedDifference(c.text, pandoc, briefmark);
      if (!result.documented) result.problem = 'the keys differ';
      return result;
    }
    result.problem = spanProblem(text, items);
    result.modeDiffers = briefmark.join('\n') !== pandoc.join('\n');
    if (!result.modeDiffers) result.spanDiffers = extentDifference(text, citations, sections[index].top);
    return result;
  });
}

/**
 * Pandoc's citations for each case. All cases are read in one run; a case that Pandoc
 * lets run into the next ones (an unclosed `[` is matched across blank lines by Pandoc
 * 2.17's reference parser) is read again on its own.
 */
function pandocSections(texts: string[]): Array<PandocSection & { alone?: boolean }> {
  const read = (t: string[], first: number) => {
    const { text } = documentOf(t, first);
    const pd = runPandoc(text, ['-f', 'markdown', '-t', 'json']);
    if (pd.status !== 0) throw new Error(`pandoc failed: ${pd.stderr}`);
    return pandocCitationsBySection(JSON.parse(pd.stdout));
  };
  const byId = new Map(read(texts, 0).map((s) => [s.id, s]));
  // Example list items in a case read alone may not be items in Pandoc's reading of the
  // whole document (an earlier bracket ran over them), so a later `@label` is a citation
  // there and not for Briefmark, which reads them as items (seed 494949): a case that
  // names such a label is read alone as well, by both.
  const labels = new Set<string>();
  return texts.map((t, i) => {
    const own = byId.get(`c${i}`);
    const named = [...labels].some((l) => t.includes(`@${l}`) || t.includes(`@{${l}}`));
    if (own && !named && byId.has(i + 1 < texts.length ? `c${i + 1}` : 'definitions')) return own;
    for (const m of t.matchAll(EXAMPLE_ITEM)) if (m[1] || m[2]) labels.add(m[1] || m[2]);
    return { ...read([t], i)[0], alone: true };
  });
}

/** An example list item's label at a line's start (`(@good)`, `@good.`, `@good)`), as Pandoc reads one. */
const EXAMPLE_ITEM = /^[ \t>*+-]*(?:\(@([\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*)\)|@([\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*)[.)])(?=[ \t]|$)/gmu;

function spanProblem(text: string, items: CitationItem[]): string | undefined {
  for (const i of items) {
    if (text.slice(i.keySpan.start, i.keySpan.end) !== i.key) return `key span of ${i.key} holds ${JSON.stringify(text.slice(i.keySpan.start, i.keySpan.end))}`;
    const before = text.slice(i.keySpan.start - 2, i.keySpan.start);
    if (!before.endsWith('@') && before !== '@{') return `key ${i.key} is not written after @ or @{`;
  }
  return undefined;
}

function extentDifference(text: string, citations: Citation[], top: Array<{ text: string; keys: string[] }>): string | undefined {
  const outer = citations.filter((c) => !citations.some((o) => o !== c && o.span.start <= c.span.start && o.span.end >= c.span.end));
  // Pandoc keeps a bracketed citation's raw text, and an author-in-text one as `@key`
  // then its bracket (after one space); block quote markers are not part of either.
  const raw = (c: Citation) => {
    const t = (from: number, to: number) => text.slice(from, to).replace(/(^|\n)[ \t]*>/g, '$1').replace(/\s+/g, ' ').trim();
    if (c.kind === 'bracketed') return t(c.span.start, c.span.end);
    const first = c.items[0];
    const keyEnd = first.keySpan.end + (text[first.keySpan.end] === '}' && text[first.keySpan.start - 1] === '{' ? 1 : 0);
    const rest = t(keyEnd, c.span.end);
    return `@${first.key}${rest ? ` ${rest}` : ''}`;
  };
  const mine = outer.map(raw);
  const theirs = top.map((t) => t.text);
  if (mine.join('\n') !== theirs.join('\n')) return `Briefmark ${JSON.stringify(mine)}, Pandoc ${JSON.stringify(theirs)}`;
  return undefined;
}

/**
 * The differences docs/sources.md lists as deliberate ("Citations: where Briefmark and
 * Pandoc differ"), recognised from the case's text. Anything else is a failure.
 */
function documentedDifference(caseText: string, pandoc: string[], briefmark: string[]): string | undefined {
  const p = keysOf(pandoc);
  const b = keysOf(briefmark);
  // As multisets: a key read twice by one and once by the other differs too.
  const count = (xs: string[]) => xs.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const pc = count(p);
  const bc = count(b);
  const differing = [...new Set([...p, ...b])].filter((k) => pc.get(k) !== bc.get(k));
  // `\cmd`: Pandoc reads a TeX command (with what it takes as arguments) as raw TeX.
  // (Pandoc takes a backslash before any letter, `\ع` too, as the start of one.)
  if (/\\\p{L}/u.test(caseText.replace(/\\\\/g, ''))) return 'a TeX command (raw TeX)';
  // Pandoc ends a paragraph at a block-level HTML tag (`<p>`, `<div>`); CommonMark reads it inline.
  if (new RegExp(`</?(${BLOCK_TAGS.join('|')})[\\s/>]`, 'i').test(caseText)) return 'a block-level HTML tag inside a paragraph';
  // `<?…>`: Pandoc's HTML reader ends a processing instruction at the first `>`, CommonMark at `?>`.
  if (caseText.includes('<?')) return 'a processing instruction `<?…>`';
  // Pandoc's HTML reader also takes `<…>` whose name does not start with a letter (`<²x>`) as a tag.
  if (/<[^A-Za-z/!?\s][^<>\n]*>/.test(caseText)) return 'an HTML-like tag whose name does not start with a letter';
  // Pandoc 2.17 compares string positions across the texts of different links and
  // images (each is parsed again as a separate chunk, numbered from column 1): a key in
  // a later link's or image's text is lost when a string in an earlier one ended at the
  // same column. Briefmark reads the key.
  const extraOnly = p.every((k) => (pc.get(k) ?? 0) <= (bc.get(k) ?? 0)) && differing.length > 0;
  if (extraOnly && /\]/.test(caseText) && differing.every((k) => insideLinkText(caseText, k))) return 'a key in a link or image text after another link (a Pandoc 2.17 bug)';
  // A braced key holding a bracket (`@{a]b}`): Pandoc reads it in running text, not always inside brackets.
  if (differing.length > 0 && differing.every((k) => /[[\]]/.test(k))) return 'a braced key holding a bracket';
  // After a full reference link, Pandoc reads `\\[` at the start of a link's text as `\[`.
  if (/\]\[[^\]]+\]/.test(caseText) && /\[\\\\\[/.test(caseText)) return 'an escaped backslash before `[` in a link after a reference link';
  // Math between a `$` before a footnote call and a `$` inside it (`[@y$8][^@9$]`): Pandoc's
  // link-bracket matching skips the math, so the call's `]` closes the outer bracket and its
  // `[^@9$` is read as text inside; Briefmark reads the call as one unit. Or between a `$`
  // inside the call and one after it in the paragraph (`[9[^E$a]..]{k="@b"} x$`): the
  // math takes the `]` that closes a bracket around the call, so that bracket is text for
  // Pandoc (and a span's attributes after it, with their citations).
  if (differing.length > 0 && /\$[^\n]*\[\^[^\]\s]*\$[^\]\s]*\]/.test(caseText)) return 'TeX math across a footnote call';
  if (differing.length > 0 && /\[\^[^\]\s]*\$[^\]\s]*\](?:(?!\n[ \t]*\n)[^])*\$/.test(caseText)) return 'TeX math from inside a footnote call';
  return undefined;
}

/** Whether `@key` (or `@{key}`) is written inside brackets that some `](`, `][` or `]{` closes later. */
function insideLinkText(text: string, key: string): boolean {
  for (const written of [`@${key}`, `@{${key}}`]) {
    for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + 1)) {
      const open = text.lastIndexOf('[', at);
      if (open >= 0 && /\][([{]/.test(text.slice(at))) return true;
    }
  }
  return false;
}

/** HTML's block-level tag names (Pandoc's `isBlockTag`), a few of which a key's characters may spell. */
const BLOCK_TAGS = ['address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h[1-6]', 'head', 'header', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul'];
