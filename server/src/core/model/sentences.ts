import { trimEndMatching } from '../text/trailing';
import { CAPTION, CREDIT } from '../assertions/exemptions';
import { handCitationAt, inlineNoteAt } from './referenceMarks';
import type { Span } from '../text/span';

/**
 * Sentence boundaries in a block's masked text: a `.`, `!` or `?` followed by white space
 * (or closing quotes/brackets, then white space) or the end of the block, outside
 * brackets, and not a decimal point or a common abbreviation.
 */
/** Abbreviations of "number", which come before one. */
const NUMBER_SIGNS = new Set(['no', 'nos']);
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'prof', 'no', 'p', 'pp', 'cf', 'al', 'st', 'u.s', 'u.k', 'e.u', 'u.n', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'fig', 'ch', 'sec', 'vol', 'gen', 'sen', 'rep', 'gov', 'inc', 'ltd', 'co', 'corp', 'dept', 'art', 'arts', 'para', 'paras', 'nos', 'amb', 'lt', 'col', 'maj', 'capt', 'hon', 'jr', 'sr', 'figs', 'incl', 'govt', 'chap', 'chaps']);

export function isSentenceEnd(text: string, i: number): boolean {
  const c = text[i];
  if (c !== '.' && c !== '!' && c !== '?') return false;
  let j = i + 1;
  while (j < text.length && MARK_CLOSER.test(text[j])) j++;
  // Citations and numbered references glued to the final mark (`… in 2024.[@ons] Imports …`, `….[12] …`, `….(ONS, 2025) …`) are the sentence's: it ends there (the mask blanks footnote calls).
  if (text[j] === '[') j = afterGluedCitations(text, j);
  else if (text[j] === '^') j = Math.max(j, inlineNoteAt(text, j, text.length));
  else if (text[j] === '(') j = Math.max(j, handCitationAt(text, j, text.length));
  if (j < text.length && !/\s/.test(text[j])) return false;
  // A quoted question or exclamation the sentence goes on after in lower case: "…and said, 'What's
  // a skinny guy doing up here?' was Barack Obama." (a debate batch, thirty-second session).
  if (c !== '.' && j > i + 1 && /["'”’]/.test(text[j - 1]) && text[j] === ' ' && /\p{Ll}/u.test(text[j + 1] ?? '')) return false;
  if (c === '.') {
    if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) return false;
    // A number that opens its line, in emphasis or not, is an item's or a section's: "**1. Introduction**".
    if (enumeratorAt(text, i)) return false;
    // A sentence does not go on in lower case: a full stop, one space and a lower-case word
    // end an abbreviation ("Washington, D.C. confirmed", "et al. found"), as in Unicode's
    // sentence rules (UAX #29, rule SB8). (One space only: in the masked text a tag's
    // markup is blanked, and a sentence may open with a tag whose label is in lower case,
    // ":actor[the chancellor] said …".)
    // A line break counts as that one space, whatever the line ends with (LF, CRLF or CR,
    // after trailing blanks or an HTML comment the mask blanked): a wrapped line goes on.
    const k = nextAfterBreak(text, j);
    if (/\p{Ll}/u.test(text[k] ?? '')) return false;
    // Nor does one open with a dash: `"… power." — Josep Borrell, 2020` is one sentence.
    if (text[k] === '—' || text[k] === '–') return false;
    let w = i;
    while (w > 0 && /[\p{L}.]/u.test(text[w - 1])) w--;
    // A citation key is no abbreviation or initial: "… as argued by @p. The …", "@Z. The …".
    if (text[w - 1] === '@') return true;
    const word = text.slice(w, i).toLowerCase();
    // "No." and "Nos." abbreviate a number only before one ("No. 10"): "No. The threshold…" answers a question.
    if (ABBREVIATIONS.has(word) && !(NUMBER_SIGNS.has(word) && !/[\d#]/.test(text[k] ?? ''))) return false;
    if (/^\p{Lu}$/u.test(text.slice(w, i))) return false; // an initial: "J. Smith"
  }
  return true;
}

/**
 * Whether the full stop at `i` follows one or two digits that open their line (after blanks,
 * `>` and emphasis marks), or a backslash after them: `1\.`, as Google Docs and other
 * converters escape a number that must not open a list.
 */
function enumeratorAt(text: string, i: number): boolean {
  const end = text[i - 1] === '\\' ? i - 1 : i;
  let k = end;
  while (k > 0 && end - k < 2 && /\d/.test(text[k - 1])) k--;
  if (k === end || /\d/.test(text[k - 1] ?? '')) return false;
  while (k > 0 && /[ \t>*_]/.test(text[k - 1])) k--;
  return k === 0 || text[k - 1] === '\n' || text[k - 1] === '\r';
}

/** A closing quote, parenthesis, bracket or emphasis mark, as may come between a sentence's last word and its final mark, or after the mark. */
const MARK_CLOSER = /["'”’)\]*_]/;

/** After the bracketed citations and numbered references that start at `j`, one after another (`[@a][@b]`, `[12]`); `j` when none does. */
function afterGluedCitations(text: string, j: number): number {
  for (;;) {
    BRACKET_REFERENCE_AT.lastIndex = j;
    if (!BRACKET_REFERENCE_AT.test(text)) return j;
    j = BRACKET_REFERENCE_AT.lastIndex;
  }
}

/**
 * Note numbers that lost their superscript in a copy from a PDF, glued to a sentence's full
 * stop after a word: "… through EU-level schemes.3 Only …", "… per cent.12" — one to three
 * digits after a full stop that follows a word of three letters or more, in lower case but
 * for its first letter and not an abbreviation ("Fig.3", "pp.12"), then white space or the
 * text's end; or after a year, before a capitalised word or the text's end ("… between
 * 2019 and 2023.3 Shortages…", `afterYear`). Not a decimal number otherwise ("rose to
 * 12.5 per cent", "2019.5%"). Offsets in `text`.
 */
export function plainNoteNumbers(text: string): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
    let k = i + 1;
    while (k < text.length && k - i <= 4 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    if (k === i + 1 || k - i > 4 || (k < text.length && !/\s/.test(text[k]))) continue;
    // (Closing marks may come between the word and the full stop: a tag's label, emphasis, a quotation: `:claim[… sectors].1`.)
    let b = i;
    while (b > 0 && b > i - 4 && MARK_CLOSER.test(text[b - 1])) b--;
    if (afterWord(text, b) || afterYear(text, b, k)) out.push({ start: i + 1, end: k });
  }
  return out;
}

/** Whether a word of three letters or more, in lower case but for its first letter, that is no abbreviation, ends at `i`. */
function afterWord(text: string, i: number): boolean {
  let w = i;
  while (w > 0 && w > i - 40 && /\p{Ll}/u.test(text[w - 1])) w--;
  if (w > 0 && /\p{Lu}/u.test(text[w - 1])) w--;
  return i - w >= 3 && !(w > 0 && /[\p{L}\p{N}.@/_-]/u.test(text[w - 1])) && !ABBREVIATIONS.has(text.slice(w, i).toLowerCase());
}

/**
 * Whether a year (1900–2099, a word of its own) ends at `i` and the digits after the full
 * stop (to `k`) end the text or come before what may open a sentence (no lower-case word,
 * number or unit): "… between 2019 and 2023.3 Shortages eased …" — a year with a decimal
 * part, then a new sentence, is a note.
 */
function afterYear(text: string, i: number, k: number): boolean {
  if (i < 4 || !/^(?:19|20)\d\d$/.test(text.slice(i - 4, i)) || /[\p{L}\p{N}.,$€£¥]/u.test(text[i - 5] ?? '')) return false;
  // (Not before a lower-case word, a number or a unit, within three blanks: "at 2019.5 points", "2019.5 %".)
  let n = k;
  while (n < k + 3 && /\s/.test(text[n] ?? '')) n++;
  if (n < text.length && !/\s/.test(text[n])) return !/^[\p{Ll}\p{N}%‰°]/u.test(text.slice(n, n + 2));
  // (Or nothing but white space to the text's end.)
  while (n < text.length && /\s/.test(text[n])) n++;
  return n >= text.length;
}

/**
 * After the white space at `j` (which follows a full stop): the character after it when it
 * is one space; after the line break when blanks and then one line break follow (`\n`,
 * `\r\n` or `\r`).
 */
function nextAfterBreak(text: string, j: number): number {
  let k = j;
  while (text[k] === ' ' || text[k] === '\t') k++;
  if (text[k] === '\r') return text[k + 1] === '\n' ? k + 2 : k + 1;
  if (text[k] === '\n') return k + 1;
  return j + 1;
}

/**
 * Where a sentence whose final mark is at `i` ends: after the closing quotes, emphasis and parentheses
 * that follow the mark (`“… remaining.” The …`: the quote is the first sentence's).
 */
function afterClosers(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && CLOSERS.test(text[j])) j++;
  return j;
}
/**
 * (Closing quotes, emphasis and an unmatched `)`: `… ceasefire!) IMF …` ends after the `)`,
 * so that the next sentence opens after white space. Not a `]`: after a final mark it
 * closes a tag's label more often than not (`:smile[… failed!]{…}`), and a quick fix writes
 * a citation at the sentence's end, which must stay inside the label, not between the
 * label and its attribute list.)
 */
const CLOSERS = /["'”’)*_]/;

/** The offset (exclusive) where the sentence containing `from` ends. */
export function sentenceEnd(masked: string, from: number): number {
  return scanSentenceEnd(masked, from, masked.length);
}

/**
 * The sentence end from `from`, scanning at most `budget` characters: -1 when the budget
 * ran out first. Brackets and parentheses nest (one depth for both, never below 0).
 */
function scanSentenceEnd(masked: string, from: number, budget: number): number {
  let depth = 0;
  const stop = Math.min(masked.length, from + budget);
  for (let i = from; i < stop; i++) {
    const c = masked[i];
    if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && depth > 0) depth--;
    else if (depth === 0 && isSentenceEnd(masked, i)) return afterClosers(masked, i);
  }
  return stop === masked.length ? masked.length : -1;
}

/** How far one scan goes before the finder switches to its table. */
const SCAN_BUDGET = 2_000;

/**
 * `sentenceEnd` for many starting points in one text, in time linear in the text overall:
 * each lookup scans up to a budget (the usual case: a sentence is short), and past it the
 * finder builds, once, a table of every offset's answer. The table follows the scan's rule:
 * from an offset that is no sentence end, the answer is the next offset's, except after an
 * opening bracket, where it is the answer after the bracket's match (none if unmatched).
 * Unclosed brackets repeated (`:claim[` by the hundred) made the plain scan quadratic.
 */
export function sentenceEndFinder(masked: string, budget = SCAN_BUDGET): (from: number) => number {
  let table: Int32Array | undefined;
  return (from) => {
    if (!table) {
      const scanned = scanSentenceEnd(masked, from, budget);
      if (scanned >= 0) return scanned;
      table = sentenceEndTable(masked);
    }
    return table[Math.max(0, Math.min(from, masked.length))];
  };
}

function sentenceEndTable(masked: string): Int32Array {
  const n = masked.length;
  // One pass from the end: each opening bracket takes the nearest closer after it that no
  // nearer opener took (the pairs a pass from the start makes), and its sentence goes on
  // past that closer. (No table of the pairs: on a megabyte, allocating it cost more than the pass.)
  const closers: number[] = [];
  const end = new Int32Array(n + 1);
  end[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const c = masked.charCodeAt(i);
    if (c === 93 || c === 41) {
      closers.push(i);
      end[i] = end[i + 1];
    } else if (c === 91 || c === 40) end[i] = closers.length > 0 ? end[closers.pop()! + 1] : n;
    else if ((c === 46 || c === 33 || c === 63) && isSentenceEnd(masked, i)) end[i] = afterClosers(masked, i);
    else end[i] = end[i + 1];
  }
  return end;
}

export interface Sentence {
  start: number;
  end: number;
}

/** Splits masked text into sentences (offsets relative to the text). */
export function splitSentences(masked: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  while (start < masked.length) {
    while (start < masked.length && /\s/.test(masked[start])) start++;
    if (start >= masked.length) break;
    const end = sentenceEnd(masked, start);
    out.push({ start, end });
    start = end;
  }
  return out;
}

/**
 * Sentences split in the masked text where the text itself does not end one: a reference
 * or tag glued to the full stop and the next word (`… rose.[^1]said …`, `… 40%.:claim[…`),
 * blanked by the mask, looked like a full stop and a space. As `rose.said` is no sentence
 * end, neither is that: the text must have white space after the full stop and the
 * references and masked syntax that belong to its sentence (`… rose.[^1] The …`,
 * `… rose.[source](https://…) The …`, `… rose.³ The …`). Such neighbours are joined. `text`
 * is the document, `masked` the block's masked text, `at` where it starts in the document.
 * The same array when nothing is joined.
 */
export function joinGlued(sentences: Sentence[], text: string, masked: string, at: number): Sentence[] {
  let out: Sentence[] | undefined;
  for (let i = 1; i < sentences.length; i++) {
    const prev = (out ?? sentences)[(out ? out.length : i) - 1];
    const cur = sentences[i];
    const after = withTrailingSources(text, masked, at, at + prev.end, at + cur.start);
    const glued = cur.start > prev.end && after <= at + cur.start && !/\s/.test(text[after] ?? ' ');
    if (glued) {
      out ??= sentences.slice(0, i);
      out[out.length - 1] = { start: prev.start, end: cur.end };
    } else out?.push(cur);
  }
  return out ?? sentences;
}

/**
 * Where a sentence that ends at `end` (a document offset) ends with what follows its full
 * stop and belongs to it: footnote calls and citations (`withTrailingReference`), and the
 * syntax the block's masked text blanks there — a link (`….[source](https://…)`), a note
 * number in superscript (`….³`), an HTML comment; not a tag's — up to `limit`. `masked`
 * starts at `at`.
 */
export function withTrailingSources(text: string, masked: string, at: number, end: number, limit: number): number {
  for (;;) {
    let next = withTrailingReference(text, end, limit);
    // Blanked in the masked text, not white space in the document: syntax; but not a tag,
    // which opens the next sentence (`40%.:claim[…`, glued to the full stop: no end there).
    if (text[next] !== ':') while (next < limit && next - at < masked.length && masked.charCodeAt(next - at) === 32 && !/\s/.test(text[next])) next++;
    if (next <= end) return spacedReferences(text, masked, at, end, limit);
    end = next;
  }
}

/**
 * Footnote calls and bracketed citations after white space still belong to the sentence
 * before them (`… fell 30%. [@ons]`, `….[^1] [@ons]:`, `… fell. [@ons] Imports …`): they
 * source the text they follow, never the words after them; so do links and other syntax the
 * mask blanks (`… fell. [ONS](https://…) Imports …`), but for a tag, which opens the next
 * sentence. So do citations written by hand, inline notes and numbered references
 * (`… fell 30%. (ONS, 2024) Imports …`, `^[ONS, 2024.]`, `[12]`) and note numbers in
 * superscript (`… fell 30%. ³ Imports …`): no sources, but that sentence's marks. Each is
 * taken when white space, an HTML comment or the block's end (`limit`) follows it, after punctuation if any; not one glued to a word (`[@a]said`),
 * and not an in-text citation (`@ons found …`), which is the next sentence's. Where the
 * sentence then ends, else `end`. At most `SPACED_REACH` characters are read, so that the
 * claims of one sentence, each reading its run, stay linear.
 */
function spacedReferences(text: string, masked: string, at: number, end: number, limit: number): number {
  const stop = Math.min(limit, end + SPACED_REACH);
  let taken = end;
  let pos = end;
  while (pos < stop) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
    else if (c === 60 /* < */ && text.startsWith('<!--', pos)) {
      pos = commentEnd(text, pos, stop);
      if (pos < 0) break;
    } else {
      if (c === 40 /* ( */) {
        pos = handCitationAt(text, pos, stop);
        if (pos < 0) break;
      } else if (c === 94 /* ^ */) {
        pos = inlineNoteAt(text, pos, stop);
        if (pos < 0) break;
      } else if (c !== 58 /* : */ && maskedAt(text, masked, at, pos)) {
        // Syntax the mask blanked, not a tag's (`:claim[…`, the next sentence's): a link, an autolink, a note number in superscript.
        while (pos < stop && maskedAt(text, masked, at, pos)) pos++;
      } else {
        BRACKET_REFERENCE_AT.lastIndex = pos;
        if (!BRACKET_REFERENCE_AT.exec(text) || BRACKET_REFERENCE_AT.lastIndex > stop) break;
        pos = BRACKET_REFERENCE_AT.lastIndex;
      }
      while (pos < stop && /[.,;:!?]/.test(text[pos])) pos++;
      if (pos < limit && !/\s/.test(text[pos]) && commentEnd(text, pos, stop) < 0) break;
      taken = pos;
    }
  }
  return taken;
}
const SPACED_REACH = 1_000;
/**
 * A footnote call or a bracketed citation, with a prefix and a locator if any (`[^1]`,
 * `[@ons]`, `[-@ons]`, `[see @ons, p. 4; @imf]`): its `@` opens the bracket or follows white
 * space, `;` or `-`. Or a numbered reference (`[12]`, `[3, 5]`, `[3–5]`; no source, but the
 * sentence's mark: model/referenceMarks.ts `numberedReferences`), not a link's text or a
 * definition's label (`[12](…)`, `[12]:`).
 */
const BRACKET_REFERENCE = String.raw`\[(?:\^[^\]\n]{0,300}|[^\]\n@]{0,100}(?<=[[\s;-])@[^\]\n]{0,300})\]|\[\d{1,3}(?:(?:, ?|[–-])\d{1,3}){0,20}\](?![(\[:{])`;
const BRACKET_REFERENCE_AT = new RegExp(BRACKET_REFERENCE, 'y');

/** Whether the document's character at `pos` is syntax that the block's masked text (which starts at `at`) blanks. */
const maskedAt = (text: string, masked: string, at: number, pos: number) => pos >= at && pos - at < masked.length && masked.charCodeAt(pos - at) === 32 && !/\s/.test(text[pos]);

/** Where the HTML comment at `pos` ends, when one opens there and closes before `stop`; else -1. */
function commentEnd(text: string, pos: number, stop: number): number {
  if (!text.startsWith('<!--', pos)) return -1;
  const close = text.slice(pos + 4, stop).indexOf('-->');
  return close < 0 ? -1 : pos + 4 + close + 3;
}

/**
 * A footnote or citation right after a sentence's end still belongs to it (`….[^1]`,
 * `…[@a]`), also after the closing marks of emphasis, quotes or a parenthesis
 * (`*… it.*[^1]`, `"… it."[@a]`): where the sentence then ends in `text`, else `end`.
 */
export function withTrailingReference(text: string, end: number, limit: number): number {
  const trailing = TRAILING_REFERENCE.exec(text.slice(end, Math.min(limit, end + 310)));
  return trailing ? end + trailing[0].length : end;
}
// Closers between the full stop and the reference: emphasis, quotes, a parenthesis, a bracket that closes nothing (`$5.*][^1]`).
const TRAILING_REFERENCE = new RegExp(String.raw`^[*_~"'\u201d\u2019\u00bb)\]]{0,4}(?:${BRACKET_REFERENCE})`);

/** Words a title may keep in lower case. */
const TITLE_SMALL = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'vs', 'via', 'into', 'over', 'under', 'per', 'than', 'after', 'before']);

/**
 * Whether a line reads as a heading written as plain text ("Key Events", "Short-Term
 * Forecast (3-6 Months)", "Track 2: Economic Leverage"): at most eight words, each
 * capitalised but the small words a title keeps in lower case, not ending with one of those
 * or with punctuation, and followed by a line that opens with a capital or a digit (or by
 * nothing). A document pasted from a word processor keeps its headings so, in the middle
 * of a paragraph; a hard-wrapped line of prose is longer, or not capitalised so, or ends
 * with a small word ("…between Emmanuel Macron and").
 */
export function isHeadingLine(line: string, next: string | undefined): boolean {
  const h = headingLineWords(line, next);
  return h !== undefined && h.words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_SMALL.has(w.toLowerCase())));
}

/**
 * A heading line in sentence case ("Key events", "Proposed solutions framework", as style
 * guides such as GOV.UK's write headings): `isHeadingLine`'s test but that words after
 * the first may open in lower case. Such a line reads as much like a short line of prose,
 * so only the reading of a brief written as plain text (model/headingLines.ts) asks, where
 * the lines around it tell (it follows a sentence's end and was not wrapped).
 */
export function isSentenceCaseHeadingLine(line: string, next: string | undefined): boolean {
  // (Nor a colon: "Population: 44 million", "Fund installers: fund training…" are a label and its value or text.)
  if (line.includes(':')) return false;
  const h = headingLineWords(line, next);
  return h !== undefined && /^\p{Lu}/u.test(h.text);
}

/**
 * What a heading line of either case must be: words only, at most eight, not ending with
 * a small word or punctuation, followed by a line that opens with a capital or a digit (or
 * by nothing). Its text (without marks around it) and words; undefined when it is none.
 */
function headingLineWords(line: string, next: string | undefined): { text: string; words: string[] } | undefined {
  // (A line of prose has more words than a heading line may: told before any of the tests below.)
  if (moreWordsThan(line, 8)) return undefined;
  // Words only: no markup a heading line would not hold (a citation, brackets, braces, a
  // table's pipe, code), and not a line the mask blanked the start of (a tag: ":rec[…]").
  if (/[@[\]{}<>|`=^\\]/.test(line) || /^\s{4}/.test(line)) return undefined;
  const text = trimEndMatching(line.replace(/^[\s>*_#-]+/, ''), /[\s*_]/);
  // (Nor a line a dash opens: a quotation's credit, "— Kaja Kallas, 12 February 2025".)
  if (!text || /[.!?;,:\u2014\u2013-]$/.test(text) || /^[\u2014\u2013]/.test(text)) return undefined;
  if (next !== undefined && !/^[\s>*_-]*[\p{Lu}\p{N}]/u.test(next)) return undefined;
  if (innerSentenceEnd(text)) return undefined;
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length === 0 || words.length > 8 || TITLE_SMALL.has(words[words.length - 1].toLowerCase())) return undefined;
  // Words, not only figures ("40%", "2024", "40% ( [link](…)" with its link blanked).
  return words.some((w) => /^\p{L}/u.test(w)) ? { text, words } : undefined;
}

/** Whether `line` holds more than `n` runs of non-blanks with a letter or digit in them (each is at least one of the words `headingLineWords` counts). */
function moreWordsThan(line: string, n: number): boolean {
  let words = 0;
  let counted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) counted = false;
    else if (!counted && ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || (c > 127 && /[\p{L}\p{N}]/u.test(line[i])))) {
      counted = true;
      if (++words > n) return true;
    }
  }
  return false;
}

/**
 * A sentence that ends inside the line, after a word in lower case that is no abbreviation
 * ("Officials said 40% of it. Key Events", a sentence and a tag's label run together; or
 * with a footnote call between the word and the full stop, which the mask blanked: "…
 * failed[^1]. Key events"): no heading line. ("U.S. Policy", "St. Petersburg Talks" end no
 * sentence.)
 */
function innerSentenceEnd(text: string): boolean {
  for (const m of text.matchAll(INNER_END)) {
    // Back over the blanks the mask left (a footnote call's) to the word the mark ends.
    let k = m.index!;
    while (k > 0 && m.index! - k < 64 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
    if (!/\p{Ll}/u.test(text[k - 1] ?? '')) continue;
    if (m[1] === '!' || m[1] === '?' || !ABBREVIATIONS.has(lowerWordBefore(text, k))) return true;
  }
  return false;
}
const INNER_END = /([.!?])["'”’)\]*_]*\s+\S/gu;
/** The lower-case word that ends at `end` (letters and inner full stops: "e.g"). */
function lowerWordBefore(text: string, end: number): string {
  let w = end;
  while (w > 0 && /[\p{L}.]/u.test(text[w - 1])) w--;
  return text.slice(w, end).toLowerCase();
}

/**
 * A heading written as a label, alone on its line: a heading line's words and a colon
 * ("Background:", "**Key Events:**", "**Analysis**:"), then a line a heading line may
 * precede (or none: the block's last line). Not a caption, source line or credit ("Source:").
 */
export function colonHeading(line: string, next: string | undefined): boolean {
  const words = trimEndMatching(line, /[\s*_]/);
  if (words.charCodeAt(words.length - 1) !== 58 /* : */ || words.charCodeAt(words.length - 2) === 58 || CAPTION.test(line) || CREDIT.test(line)) return false;
  return isHeadingLine(words.slice(0, -1) + line.slice(words.length), next);
}

/**
 * The line breaks of `masked` after which a bullet line (`bulletAt` in `own`, the block's
 * text) or a heading line (`isHeadingLine`) starts, ascending: where a claim's sentence
 * ends at the latest, as the rule's sentences do (`sentencesWithoutHeadingLines`, `bulletCandidates`).
 */
export function bulletLineBreaks(masked: string, own: string): number[] {
  const out: number[] = [];
  for (let nl = masked.indexOf('\n'); nl >= 0; ) {
    const next = masked.indexOf('\n', nl + 1);
    const line = masked.slice(nl + 1, next < 0 ? masked.length : next);
    const after = next < 0 ? undefined : masked.slice(next + 1, lineEnd(masked, next + 1));
    if (bulletAt(own, nl + 1) || isHeadingLine(line, after) || colonHeading(line, after)) out.push(nl);
    nl = next;
  }
  return out;
}

/**
 * The line breaks of `masked` after which a bullet symbol or an emoji opens the line, but for
 * blanks and `>` (which may be syntax the mask blanked), ascending: where a bullet line may
 * start (`bulletAt` in the text decides). Read once per block text and remembered with its
 * sentences; the few candidates are checked in the text on each analysis.
 */
export function bulletCandidates(masked: string): number[] {
  const out: number[] = [];
  for (let nl = masked.indexOf('\n'); nl >= 0; nl = masked.indexOf('\n', nl + 1)) {
    BULLET_AFTER_BLANKS.lastIndex = nl + 1;
    if (BULLET_AFTER_BLANKS.test(masked)) out.push(nl);
  }
  return out;
}

/**
 * Whether a bullet symbol, an arrow, a check mark or an emoji opens the line at `at` of the
 * text itself, after white space, a quote's `>` and the tags that open there ("✅ Clear
 * ownership", "• Fund…", ":claim[→ demand fell…]"): a list written without Markdown's list
 * markers, each line an item. Read in the text, not the masked text, where other syntax
 * the mask blanks would look like white space (a footnote call before an emoji, `[^1]😀`,
 * opens no bullet line, whether or not its note is defined).
 */
export function bulletAt(own: string, at: number): boolean {
  BULLET_AT.lastIndex = at;
  return BULLET_AT.test(own);
}
/** A bullet symbol, an arrow, a check mark or an emoji. */
const BULLET_SYMBOL = '(?:[\\u2022\\u2023\\u2043\\u25aa\\u25ab\\u25b8\\u25b9\\u25ba\\u25e6\\u2192\\u21d2\\u27a2\\u27a4]|\\p{Extended_Pictographic})';
/** A bullet symbol or an emoji (with its modifiers and joined parts) that opens a sentence, and the white space after it, a line break too: "📊 4.5 million children…" (not ©, ® or ™, which open a credit line). */
export const OPENING_BULLET = new RegExp(`^[ \\t>]*(?![©®™])${BULLET_SYMBOL}[\\u{FE0F}\\u{200D}\\p{Extended_Pictographic}\\p{Emoji_Modifier}]*\\s+`, 'u');
const BULLET_AT = new RegExp(`[ \\t>]*(?::[A-Za-z][\\w-]*\\[)*${BULLET_SYMBOL}`, 'uy');
const BULLET_AFTER_BLANKS = new RegExp(`[ \\t>]*${BULLET_SYMBOL}`, 'uy');

const lineEnd = (s: string, from: number) => {
  const nl = s.indexOf('\n', from);
  return nl < 0 ? s.length : nl;
};

/**
 * In a list item's paragraph, the line breaks (offsets in the block) after which a line at
 * the margin (in `own`, the block's text: not indented under the item, nor a quote's) opens
 * with a capital, a figure or a quotation mark (in `masked`, where a tag opening it is
 * blanked): in a brief written as plain text, a paragraph after the list, which Markdown
 * reads as the item's, lazily ("- … a means of pressure on Russia" then "The French
 * president indicated…"). A sentence ends there at the latest — unless the line before
 * ends as a wrapped line of prose does, with a comma, a dash or a word that cannot end a
 * sentence ("…said on Monday that" / "Germany would pay.").
 */
export function lazyLineBreaks(own: string, masked: string): number[] {
  const out: number[] = [];
  for (let line = 0, nl = masked.indexOf('\n'); nl >= 0; line = nl + 1, nl = masked.indexOf('\n', nl + 1)) {
    if (nl + 1 >= own.length || /[\s>]/.test(own[nl + 1])) continue;
    let k = nl + 1;
    while (k < masked.length && (masked[k] === ' ' || masked[k] === '\t')) k++;
    if (!LAZY_OPENING.test(masked[k] ?? '')) continue;
    // The line's end before it, without the blanks the mask left there (an HTML comment after the words).
    let end = nl;
    while (end > line && /\s/.test(masked[end - 1])) end--;
    if (!goesOn(masked.slice(Math.max(line, end - 40), end))) out.push(nl);
  }
  return out;
}
const LAZY_OPENING = /[\p{Lu}\p{N}"“'‘(]/u;

/**
 * The line breaks where a claim's sentence ends at the latest, as the rule's do: before
 * bullet and heading lines (`bulletLineBreaks`) and, in a list item (`own`: its text),
 * before a lazy line at the margin (`lazyLineBreaks`); ascending.
 */
export function sentenceBreaks(masked: string, own: string, inListItem: boolean): number[] {
  const bullets = bulletLineBreaks(masked, own);
  const lazy = inListItem ? lazyLineBreaks(own, masked) : [];
  return lazy.length === 0 ? bullets : [...new Set([...bullets, ...lazy])].sort((a, b) => a - b);
}

/** Whether a line's end (its last 40 characters) reads as a wrapped line's: a comma, a dash, an open bracket, or a word no sentence ends with. */
function goesOn(end: string): boolean {
  const t = end.trimEnd();
  if (/[,;(\-–—/&]$/.test(t)) return true;
  let i = t.length;
  while (i > 0 && /[\p{L}']/u.test(t[i - 1])) i--;
  return i < t.length && CONTINUING.has(t.slice(i).toLowerCase());
}
const CONTINUING = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'into', 'over', 'under', 'per', 'than', 'that', 'which', 'who', 'whose', 'whom', 'where', 'when', 'while', 'if', 'because', 'since', 'about', 'between', 'among', 'its', 'their', 'his', 'her', 'our', 'this', 'these', 'those', 'said', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'may', 'might', 'must', 'not', 'also', 'both', 'either', 'via']);

/**
 * Sentences cut at `breaks` (ascending offsets of line breaks): a piece ends at the line's
 * end (before a `\r`; blanks the mask left there stay, as at a block's end: they may be a
 * tag's attributes) and the next starts after the white space that opens its line.
 */
export function cutAtBreaks(sentences: Sentence[], breaks: readonly number[], masked: string): Sentence[] {
  const out: Sentence[] = [];
  let b = 0;
  for (const s of sentences) {
    let start = s.start;
    while (b < breaks.length && breaks[b] < start) b++;
    for (; b < breaks.length && breaks[b] < s.end; b++) {
      const end = masked[breaks[b] - 1] === '\r' ? breaks[b] - 1 : breaks[b];
      if (/\S/.test(masked.slice(start, end))) out.push({ start, end });
      start = breaks[b] + 1;
      while (start < s.end && /\s/.test(masked[start])) start++;
    }
    if (s.end > start) out.push({ start, end: s.end });
  }
  return out;
}

/**
 * A block's sentences without its heading lines (`isHeadingLine`, `colonHeading`: each line of the block
 * judged whole, with the line after it): the text between heading lines is split into
 * sentences on its own, so that no sentence runs into a heading line or ends inside one
 * ("… wrapped" / "2. Proposed Solutions Framework": "2." ends no sentence), and a heading
 * states nothing. (The rule also cuts them before bullet lines: `bulletCandidates`, `bulletAt`.)
 */
export function sentencesWithoutHeadingLines(masked: string): Sentence[] {
  if (!masked.includes('\n')) return splitSentences(masked);
  const out: Sentence[] = [];
  let from = 0;
  const region = (to: number) => {
    // The text before a heading line ends with its last line that is not blank, whole (the
    // blanks the mask left at its end may be a tag's attributes), without a `\r` and a hard
    // break's backslash; blank lines after it (a line the mask blanked) are none of it.
    let end = to;
    while (end > from && /\s/.test(masked[end - 1])) end--;
    if (end === from) return;
    const nl = masked.indexOf('\n', end);
    end = nl < 0 || nl > to ? to : nl;
    if (masked[end - 1] === '\r') end--;
    if (masked[end - 1] === '\\') end--;
    for (const x of splitSentences(masked.slice(from, end))) out.push({ start: from + x.start, end: from + x.end });
  };
  // (The block's first line from its first character: what the mask blanked before it is
  // syntax that opens the block, as a callout's marker before its title: "> [!note]- Folded".)
  let at = 0;
  while (at < masked.length && (masked[at] === ' ' || masked[at] === '\t')) at++;
  while (at < masked.length) {
    const nl = masked.indexOf('\n', at);
    const end = nl < 0 ? masked.length : nl;
    const next = nl < 0 ? undefined : masked.slice(nl + 1, lineEnd(masked, nl + 1));
    const line = masked.slice(at, end);
    if (isHeadingLine(line, next) || colonHeading(line, next)) {
      region(Math.max(from, at - 1));
      from = nl < 0 ? masked.length : nl + 1;
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  region(masked.length);
  return out;
}
