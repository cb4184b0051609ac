/**
 * The guard against text directive labels that never close (parse/guards.ts calls it for
 * each paragraph parsed without links whose `[` nest too deep or close too often).
 * micromark-extension-directive 4.0.0 (`factory-label.js`) reads a label after `:name[`
 * until the `]` that brings its bracket balance back to zero; it gives up when the
 * balance passes 32, after 1,000 escaped brackets, or at the end of the paragraph, and then
 * takes the directive without a label and reads the `[` as text. Repeated (`:claim[` ×
 * 140,000 on one line), every label scans a few hundred characters through micromark's
 * tokenizer before it fails: 8–14 s for a megabyte, more than half of it those scans.
 *
 * This module decides every label of a paragraph in one pass: brackets are matched with a
 * stack (escapes skipped as the label reads them), a label fails where its `[` is never
 * matched, where brackets nest more than 32 deep inside it before its match, or where
 * 1,000 escapes come before its match. The `[` of a failing label is neutralised (U+FF3B):
 * micromark then ends the directive at its name, as it does after the failed label, and
 * reads the character as text, which it would have done with the `[` (links and images
 * are off in such a paragraph; a footnote call's `[` always closes its label).
 *
 * Neutralising one failing label's `[` changes no other label's outcome: only labels that
 * enclose it see different brackets, and each of those fails for the same reason (an
 * unmatched `[` inside leaves it unmatched; 33 levels or 1,000 escapes inside it are
 * still at least 32 levels, or the same escapes). What micromark reads of a label is the
 * source from the `[` on (line prefixes it strips — `>`, indentation — hold no bracket or
 * backslash) up to the end of its paragraph, which is never after the end of the run of
 * lines scanned here: a label that fails on the source fails in micromark.
 */
import { isPunctuation, isUnicodeWhitespace } from './attributeGuard';

const MAX_BALANCE = 32;
const MAX_ESCAPES = 999;

/** What ends or cannot start a directive name: white space, punctuation and symbols; NUL, which micromark reads as U+FFFD. */
const isNameStop = (c: number): boolean => c === 0 || isPunctuation(c) || isUnicodeWhitespace(c);

/** Whether the character at `at` is escaped by an odd run of backslashes before it (from `from` on). */
function escaped(source: string, at: number, from: number): boolean {
  let n = 0;
  while (at - n - 1 >= from && source.charCodeAt(at - n - 1) === 92) n++;
  return n % 2 === 1;
}

/**
 * Whether micromark tries a text directive label at the `[` at `open`: after `:name`
 * (the name starting with no punctuation, ending with neither `-` nor `_`), the colon not
 * escaped and not right after another colon (unless that one is escaped).
 */
function isLabelOpen(source: string, open: number, from: number): boolean {
  const last = source.charCodeAt(open - 1);
  if (open - 1 < from || last === 45 || last === 95) return false;
  let i = open;
  while (i > from) {
    const c = source.charCodeAt(i - 1);
    if (c === 45 || c === 95 || !isNameStop(c)) {
      i--;
      continue;
    }
    if (c !== 58 || i === open) return false;
    const first = source.charCodeAt(i);
    if (first === 45 || first === 95) return false;
    const colon = i - 1;
    if (escaped(source, colon, from)) return false;
    return !(colon > from && source.charCodeAt(colon - 1) === 58 && !escaped(source, colon - 1, from));
  }
  return false;
}

/**
 * The offsets of the `[` in `source[from, to)` (a run of non-blank lines) that open a text
 * directive label micromark rejects, in order; with `unmatched`, also every other `[` that
 * no `]` matches (but `[^`).
 *
 * An unmatched `[` is text to micromark in a paragraph parsed without links: every
 * construct that starts at a `[` (a label, a footnote call, a definition, a task list
 * item's box) needs a `]` to close it, and none will. Neutralising it changes nothing else:
 * no `]` ever finds it on top of the stack, so every other bracket matches as before, and
 * a label around it is itself unmatched (its `]` would have matched this `[` first), so
 * it failed and fails. `[@` repeated 500,000 times after one closed label: each `[` was
 * tried by three constructs and left a label start behind.
 */
export function failingDirectiveLabels(source: string, from: number, to: number, unmatched = false): Int32Array {
  // The open brackets, innermost last: where each is, and the escapes read before it (typed
  // arrays: a megabyte of `[` pushed into plain arrays cost more than the pass).
  let at: Int32Array = new Int32Array(64);
  let escapesAt: Int32Array = new Int32Array(64);
  let open = 0;
  const failing: number[] = [];
  /** Entries below this index of the stack have passed the balance limit. */
  let marked = 0;
  let escapes = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 92) {
      const next = source.charCodeAt(i + 1);
      if (i + 1 < to && (next === 91 || next === 92 || next === 93)) {
        escapes++;
        i++;
      }
    } else if (c === 91) {
      if (open === at.length) {
        at = grown(at);
        escapesAt = grown(escapesAt);
      }
      at[open] = i;
      escapesAt[open++] = escapes;
      // Every label more than 32 levels below this bracket has passed the balance limit.
      if (marked < open - 1 - MAX_BALANCE) marked = open - 1 - MAX_BALANCE;
    } else if (c === 93 && open > 0) {
      open--;
      const failed = marked > open || escapes - escapesAt[open] > MAX_ESCAPES;
      if (marked > open) marked = open;
      if (failed && isLabelOpen(source, at[open], from)) failing.push(at[open]);
    }
  }
  // Never matched: a label that fails, or (with `unmatched`) any bracket but a footnote call's.
  let kept = 0;
  for (let k = 0; k < open; k++) if ((unmatched && source.charCodeAt(at[k] + 1) !== 94) || isLabelOpen(source, at[k], from)) at[kept++] = at[k];
  const never = at.subarray(0, kept);
  if (failing.length === 0) return never;
  const all = new Int32Array(failing.length + never.length);
  all.set(failing);
  all.set(never, failing.length);
  return all.sort();
}

/** What a literal e-mail address needs (`a@b.`): a colon before it could be part of one (`mailto:` aside, `x:a@b.c`). */
const EMAIL_LIKE = /[\w+.-]@[\w.-]*\./;

/** Text directives one line may hold; those past it are read as text (see `excessTextDirectives`). */
export const MAX_TEXT_DIRECTIVES = 500;

/**
 * The colons in `source[from, to)` (a paragraph where `mayGuardLabels` holds) that start a
 * text directive past the first `MAX_TEXT_DIRECTIVES` of their line: a colon micromark
 * reads as one (not escaped, not after another colon, before a name's first character).
 * No brief tags hundreds of phrases on one line (a paragraph, a table row), but a megabyte
 * of `:claim[` on one line is 142,857 claims, each parsed, modelled and reported: 7 s.
 * The colon is neutralised (U+FF1A): the rest is text, as a colon before a space is. Not
 * where a colon may belong to a link destination (`](`) or an e-mail address (`a@b.`).
 */
export function excessTextDirectives(source: string, from: number, to: number, max = MAX_TEXT_DIRECTIVES): Int32Array {
  let out: Int32Array = new Int32Array(16);
  let n = 0;
  if (to - from <= 2 * max) return out.subarray(0, 0);
  // A colon may be part of a link destination or an e-mail address there: read as text, it would change them.
  const text = source.slice(from, to);
  if (text.includes('](') || EMAIL_LIKE.test(text)) return out.subarray(0, 0);
  let seen = 0;
  let lineEnd = from - 1;
  // Colons found in the paragraph's own text: `source.indexOf` would search on past its end.
  for (let k = text.indexOf(':'); k >= 0; k = text.indexOf(':', k + 1)) {
    const i = from + k;
    if (i > lineEnd) {
      seen = 0;
      lineEnd = i;
      while (lineEnd < to && source.charCodeAt(lineEnd) !== 10 && source.charCodeAt(lineEnd) !== 13) lineEnd++;
    }
    if ((i > from && source.charCodeAt(i - 1) === 58 && !escaped(source, i - 1, from)) || escaped(source, i, from)) continue;
    // The name (factory-name.js): no punctuation first, then `-` and `_` too, not last; no `:` after it.
    let end = i + 1;
    if (end >= to || isNameStop(source.charCodeAt(end))) continue;
    while (end < to && (!isNameStop(source.charCodeAt(end)) || source.charCodeAt(end) === 45 || source.charCodeAt(end) === 95)) end++;
    const last = source.charCodeAt(end - 1);
    if (last === 45 || last === 95 || source.charCodeAt(end) === 58) continue;
    // Not after a name's character: `:a：b` would make `:a` a directive, as `:a:b` is not.
    const before = i > from ? source.charCodeAt(i - 1) : 32;
    if (++seen > max && isNameStop(before) && before !== 45 && before !== 95) {
      if (n === out.length) out = grown(out);
      out[n++] = i;
    }
  }
  return out.subarray(0, n);
}

/** A copy of `a` twice as long. */
function grown(a: Int32Array): Int32Array {
  const out = new Int32Array(2 * a.length);
  out.set(a);
  return out;
}

const UNSAFE = ['`', '<', '{', ']:', '://', '~~~', 'mailto:', 'xmpp:'];

/**
 * Whether labels in `source[from, to)` may be neutralised: not where a `:name[` could be
 * read by something other than the text tokenizer — code (spans, fenced or indented), raw
 * HTML and autolinks, attribute values, link definitions, literal URLs — whose value
 * would then hold the neutralised character.
 */
export function mayGuardLabels(source: string, from: number, to: number): boolean {
  const text = source.slice(from, to);
  if (UNSAFE.some((s) => text.includes(s)) || /www\./i.test(text)) return false;
  // Indented code: four columns of white space before a line's first character, behind any container markers.
  let lineStart = true;
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      spaces = 0;
    } else if (!lineStart) continue;
    else if (c === 9) return false;
    else if (c === 32) {
      if (++spaces >= 4) return false;
    } else if (c === 62 || c === 42 || c === 43 || c === 45 || c === 46 || c === 41 || (c >= 48 && c <= 57)) spaces = 0;
    else lineStart = false;
  }
  return true;
}
