/**
 * Reference marks that are text here, not source references (docs/sources.md): Pandoc's
 * inline notes, `^[…]` (the GFM reading Briefmark shares with VS Code's preview leaves
 * them as text, so a note of plain text is no source), and numbered references, `[1]`,
 * `[2, 5]`, `[3–4]` (text, unless the brief defines them as links: `[1]: URL`), and
 * author–date citations written by hand, `(ONS, 2024)`, `(Smith and Jones 2020, p. 4; OECD
 * 2023)` (what Pandoc writes from `[@ons2024]`, typed as text). The rules find them to say
 * so, and to judge a sentence without them.
 */
import { shorten } from '../text/shorten';
import type { Span } from '../text/span';
import { firstInside } from '../text/sortedSpans';
import { isPlaceholderText } from '../semantics/placeholders';

/**
 * The inline notes of `text` (`^[` to its matching `]`, brackets inside balanced; not
 * after a backslash), outermost only, in order. One pass with a stack of open brackets:
 * linear whatever the nesting.
 */
export function inlineNotes(text: string): Span[] {
  const out: Span[] = [];
  if (!text.includes('^[')) return out;
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (c === 91 /* [ */) open.push(i);
    else if (c === 93 /* ] */ && open.length) {
      const at = open.pop()!;
      if (at > 0 && text.charCodeAt(at - 1) === 94 /* ^ */ && (at < 2 || text.charCodeAt(at - 2) !== 92)) {
        // An outer note holds the inner ones: drop those it closes over.
        while (out.length && out[out.length - 1].start > at - 1) out.pop();
        out.push({ start: at - 1, end: i + 1 });
      }
    }
  }
  return out;
}

/**
 * The numbered references of `text` that are text (`[1]`, `[2, 5]`, `[3–4]`): digits in
 * brackets, not an image's, a footnote's, a link's text or a directive's label. One pass.
 */
export function numberedReferences(text: string): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    let j = i + 1;
    while (j < text.length && j - i < 24 && /[\d,–-]|[ ]/.test(text[j])) j++;
    // Reference numbers of one to three digits: "[2024]" is a year.
    if (text[j] !== ']' || !/^\d{1,3}(?:(?:, ?|[–-])\d{1,3})*$/.test(text.slice(i + 1, j))) continue;
    const before = i > 0 ? text[i - 1] : '';
    const after = text[j + 1] ?? '';
    if ('!^\\]'.includes(before) && before !== '') continue;
    if (/[\p{L}\p{N}_]/u.test(before)) continue;
    if ('([:{'.includes(after) && after !== '') continue;
    out.push({ start: i, end: j + 1 });
    i = j;
  }
  return out;
}

/**
 * Note numbers in superscript, the form a brief converted from a word processor keeps its
 * notes in: Pandoc's superscript `^3^`, HTML's `<sup>3</sup>`, and Unicode's superscript
 * digits `³`, `¹²`, `¹˒²` (one to three digits; lists and ranges too). Only after
 * punctuation (`…in 2023.³`, `23%³`, `”³`), after a word of three letters or more
 * (`capacity³`), or, Unicode's digits, standing alone after a sentence's end and a space
 * (`… in 2023. ³ Imports`): after a digit or a short word it is an exponent or a unit
 * (`10^6^`, `m²`, `km<sup>2</sup>`). One pass over the text.
 */
export function superscriptNotes(text: string): Span[] {
  const out: Span[] = [];
  if (!SUPERSCRIPT_HINT.test(text)) return out;
  for (let i = 0; i < text.length; i++) {
    const end = superscriptEnd(text, i);
    if (end < 0) continue;
    if (noteFollows(text, i)) out.push({ start: i, end });
    i = end - 1;
  }
  return out;
}

/** Where a note number in superscript that starts at `at` ends (whatever precedes it), or -1. */
function superscriptEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  // A note number linked to its note in the brief (`[[1]](#footnote-1)`, `[1](#fn1)`), as converters from Word write it.
  if (c === 91 /* [ */) {
    const next = text.charCodeAt(at + 1);
    if (next !== 91 && !(next >= 48 && next <= 57)) return -1;
    const link = NOTE_LINK.exec(text.slice(at, at + 80));
    return link ? at + link[0].length : -1;
  }
  if (c === 94 /* ^ */) return delimited(text, at + 1, (k) => text.charCodeAt(k) === 94, 1);
  if (c === 60 /* < */) return /^<sup>/i.test(text.slice(at, at + 5)) ? delimited(text, at + 5, (k) => /^<\/sup>/i.test(text.slice(k, k + 6)), 6, true) : -1;
  if (!isSuperscriptDigit(c)) return -1;
  let end = at;
  while (end < text.length && (isSuperscriptDigit(text.charCodeAt(end)) || (end > at && ',˒⁻–-'.includes(text[end]) && isSuperscriptDigit(text.charCodeAt(end + 1))))) end++;
  return end - at > 9 ? -1 : end;
}

/** Where the note number in superscript at `at` ends, when one is there and follows what a note follows (`superscriptNotes`), else `at`. */
export function afterSuperscriptNote(text: string, at: number): number {
  const end = superscriptEnd(text, at);
  return end > at && noteFollows(text, at) ? end : at;
}
const SUPERSCRIPT_HINT = /[\^¹²³⁰⁴⁵⁶⁷⁸⁹]|<sup>|\]\(#/i;
const NOTE_LINK = /^\[\[?\d{1,3}\]?\]\(#[\w.:-]*\)/u;
const isSuperscriptDigit = (c: number) => c === 0xb9 || c === 0xb2 || c === 0xb3 || (c >= 0x2070 && c <= 0x2079 && c !== 0x2071 && c !== 0x2072 && c !== 0x2073);

/**
 * Where a note number written from `from` ends, after the closing mark `closes` tests (of
 * `closeLength` characters): one to three digits, with `,`, `–` or `-` between numbers
 * (and spaces, in HTML); -1 when anything else comes first.
 */
function delimited(text: string, from: number, closes: (k: number) => boolean, closeLength: number, spaces = false): number {
  let k = from;
  let digits = 0;
  while (k < text.length && k - from < 24) {
    const ch = text[k];
    if (ch >= '0' && ch <= '9') {
      if (++digits > 3) return -1;
    } else if (digits > 0 && ',–-'.includes(ch)) digits = 0;
    else if (!(spaces && ch === ' ')) break;
    k++;
  }
  return digits > 0 && closes(k) ? k + closeLength : -1;
}

/** Whether a note number at `at` follows punctuation or a word of three letters or more (not a digit, a unit, a space). */
function noteFollows(text: string, at: number): boolean {
  if (inCitationKey(text, at)) return false;
  const before = text[at - 1] ?? '';
  if (/[.,;:!?)\]”’"'%*_]/.test(before)) return true;
  // A superscript digit after a sentence's end and a space, before a space: "… in 2024. ³ Imports …".
  if ((before === ' ' || before === '\u00a0') && /[.!?;:]/.test(text[at - 2] ?? '') && isSuperscriptDigit(text.charCodeAt(at))) {
    const end = superscriptEnd(text, at);
    return end >= text.length || /\s/.test(text[end]);
  }
  let w = at;
  while (w > 0 && /\p{L}/u.test(text[w - 1]) && at - w < 3) w--;
  return at - w >= 3;
}

/**
 * Whether a superscript digit at `at` continues a citation key, as Pandoc reads one: `@6.¹`
 * is the key `6.¹` (a superscript digit is a number to it), not the key `6` and a note.
 * Back over key characters (letters, digits, `_`, and Pandoc's internal punctuation) to an
 * `@`, at most `KEY_REACH` characters.
 */
function inCitationKey(text: string, at: number): boolean {
  if (!isSuperscriptDigit(text.charCodeAt(at))) return false;
  for (let k = at - 1; k >= 0 && at - k <= KEY_REACH; k--) {
    const c = text.charCodeAt(k);
    if (c === 64 /* @ */) return k + 1 < at;
    const ascii = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || KEY_PUNCTUATION.includes(text[k]);
    if (!ascii && (c < 128 || !NON_ASCII_KEY_CHAR.test(text[k]))) return false;
  }
  return false;
}
/** How far back a key's `@` is looked for: a bound, so a line of superscripts stays linear. */
const KEY_REACH = 64;
const KEY_PUNCTUATION = '_:.#$%&+?<>~/-';
const NON_ASCII_KEY_CHAR = /[\p{L}\p{N}]/u;

/**
 * Author–date citations written by hand: a parenthesis of one or more parts separated by
 * `;`, each a name (capitalised words, separated by commas, *and*, *&*, *et al.*) and a
 * year, with an optional "see"/"e.g." before and a page after: `(ONS, 2024)`, `(see Smith
 * et al. 2020, p. 4)`, `(Smith, Jones and Lee, 2020)`. Not a month before the year: "(Brussels,
 * 3 March 2025)" dates an event more often than it cites.
 * Not a parenthesis with anything else in it ("(in 2024)", "(Germany, 2024: 2.1%)"). Each
 * parenthesis is read once, up to 160 characters.
 */
export function handCitations(text: string): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf('('); i >= 0; i = text.indexOf('(', i + 1)) {
    const close = text.indexOf(')', i + 1);
    if (close < 0) break;
    if (close - i > 160) {
      // Every `(` before `close - 160` closes there too, as far: skip them (linear on `((((…`).
      i = Math.max(i, close - 161);
      continue;
    }
    const inner = text.slice(i + 1, close);
    if (inner.includes('(')) continue;
    if (!MONTH.test(inner) && inner.split(';').every((part) => AUTHOR_DATE.test(part.trim()))) {
      out.push({ start: i, end: close + 1 });
      i = close;
    }
  }
  return out;
}
/** Where the inline note that opens at `pos` ends (`^[ONS, 2024.]`), reading no further than `stop`; -1 when none opens there. */
export function inlineNoteAt(text: string, pos: number, stop: number): number {
  if (text.charCodeAt(pos) !== 94 /* ^ */ || text.charCodeAt(pos + 1) !== 91 /* [ */) return -1;
  const [first] = inlineNotes(text.slice(pos, Math.min(stop, pos + 1_000)));
  return first?.start === 0 ? pos + first.end : -1;
}

/** Where the citation by hand that opens at `pos` ends (`(ONS, 2024)`), reading no further than `stop`; -1 when none opens there. */
export function handCitationAt(text: string, pos: number, stop: number): number {
  if (text[pos] !== '(') return -1;
  const [first] = handCitations(text.slice(pos, Math.min(stop, pos + 162)));
  return first?.start === 0 ? pos + first.end : -1;
}
const MONTH = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/u;
const AUTHOR_DATE =
  /^(?:(?:see|see also|e\.g\.|cf\.|also)\s+)?\p{Lu}[\p{L}\p{M}'’.&-]*(?:,?\s+(?:\p{Lu}[\p{L}\p{M}'’.&-]*|and|&|et al\.?|of|the|for|on|de|van|von|der))*,?\s+(?:1[89]\d\d|20\d\d)[a-z]?(?:,\s*(?:pp?\.\s*)?\d+(?:[–-]\d+)?)?$/u;

/** The advice for a sentence or claim whose only source is a citation written by hand. */
export function handCitationAdvice(mark: string): string {
  return `${mark} is a citation written by hand, which Briefmark does not read as a source: cite the entry as [@key] (Pandoc writes "${mark}" from it)`;
}

/** `text` with the characters of `spans` (in order, apart) as spaces, offsets kept: a sentence read without its marks. */
export function blanked(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const n of spans) {
    if (n.start < from) continue;
    out += text.slice(from, n.start) + ' '.repeat(n.end - n.start);
    from = n.end;
  }
  return out + text.slice(from);
}

/** The advice for a sentence or claim whose only source is a numbered reference. */
export function numberedReferenceAdvice(mark: string): string {
  const one = /^\[\d+\]$/.test(mark);
  return `${mark} is a numbered reference, which Briefmark does not read as a source: cite with [@key], a footnote or a link${one ? `, or define it as a link ("${mark}: URL" on a line of its own)` : ''}`;
}

/** The advice for a sentence or claim whose only source is a note number in superscript (or linked to its note in the brief). */
export function superscriptAdvice(mark: string): string {
  const what = mark.startsWith('[') ? 'a note number linked within the brief' : 'a note number in superscript';
  return `${mark} is ${what}, which Briefmark does not read as a source: write it as a footnote, [^1] with "[^1]: …" on a line of its own`;
}

/** The advice for a sentence or claim whose only source is an inline note of plain text (or of a placeholder, `^[TODO]`). */
export function inlineNoteAdvice(note: string, placeholder = false): string {
  if (placeholder) return `its note ${note} is a placeholder (and Pandoc's inline note, which Briefmark does not read as a source): cite the source with [@key], a footnote or a link`;
  return `its note ${note} is Pandoc's inline note, which Briefmark does not read as a source: write it as a footnote, [^1] with "[^1]: …" on a line of its own`;
}

/** The reference marks of a sentence that are text, and its text without them (offsets kept). */
export interface Marks {
  words: string;
  notes: Span[];
  numbered: Span[];
  superscripts: Span[];
  hand: Span[];
}

/**
 * The marks of `text` (a sentence's masked text, or a document's), and its words without
 * them. Note numbers in superscript are found in `raw`, the same text unmasked (the
 * masked text has them blanked already, and `<sup>` tags as spaces).
 */
export function withoutMarks(text: string, raw = text): Marks {
  const notes = inlineNotes(text);
  const withoutNotes = blanked(text, notes);
  // (`raw` may run on past `text`: to the note number in superscript after its full stop.)
  const superscripts = superscriptNotes(raw);
  // The `[1]` of a note link `[[1]](#fn1)` is that link's.
  const numbered = numberedReferences(withoutNotes).filter((n) => !superscripts.some((s) => s.start <= n.start && n.end <= s.end));
  const withoutNumbers = blanked(
    blanked(withoutNotes, numbered),
    superscripts.filter((s) => s.end <= text.length),
  );
  const hand = withoutNumbers.includes('(') ? handCitations(withoutNumbers) : [];
  return { words: blanked(withoutNumbers, hand), notes, numbered, superscripts, hand };
}

/** What to write instead of the first mark (a note, a number, a citation by hand), given the text it is read in at `at`. */
export function marksAdvice(m: Marks, text: string, at: number): string | undefined {
  return adviceFor(m.notes[0], m.numbered[0], m.superscripts[0], m.hand[0], text, at);
}

/** The advice for the first mark there (of a note, a number in brackets or in superscript, a citation by hand; offsets from `at`). */
function adviceFor(note: Span | undefined, number: Span | undefined, superscript: Span | undefined, hand: Span | undefined, text: string, at: number): string | undefined {
  const mark = (s: Span) => shorten(text.slice(at + s.start, at + s.end));
  const first = Math.min(note?.start ?? Infinity, number?.start ?? Infinity, superscript?.start ?? Infinity, hand?.start ?? Infinity);
  if (note?.start === first) return inlineNoteAdvice(mark(note), isPlaceholderText(text.slice(at + note.start + 2, at + note.end - 1)));
  if (number?.start === first) return numberedReferenceAdvice(mark(number));
  if (superscript?.start === first) return superscriptAdvice(mark(superscript));
  if (hand?.start === first) return handCitationAdvice(mark(hand));
  return undefined;
}

/** `marksAdvice` for the first mark of each kind between `from` and `to` (a claim and its sentence's end) of a text read whole. */
export function marksAdviceIn(m: Marks, text: string, from: number, to: number): string | undefined {
  if (to <= from) return undefined;
  return adviceFor(firstInside(m.notes, from, to), firstInside(m.numbered, from, to), firstInside(m.superscripts, from, to), firstInside(m.hand, from, to), text, 0);
}
