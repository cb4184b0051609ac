/**
 * The guard against attribute lists that never close (parse/guards.ts calls it for each
 * paragraph that holds a `{`). micromark-extension-directive gives an attribute list no
 * size limit, and a text directive's list may run across lines: after `:c[x]{#`, an id
 * shorthand takes `:c[x]{` as part of its value and the scan runs on to the end of the
 * paragraph before it fails. Repeated, every `{` scans the rest of the paragraph
 * (`:c[x]{#` × 5,700, 40 KB: 17 s; 160 KB: 9 minutes).
 *
 * This module replays the attribute grammar of micromark-extension-directive 4.0.0
 * (`factory-attributes.js`, for text directives: line endings allowed) as a state machine
 * over the source, remembering the outcome from every (offset, state) it passes, so the
 * scans from all the `{` of a paragraph cost time linear in the paragraph together. An
 * opening brace whose list fails more than `MAX_FAILED_ATTRIBUTE_SCAN` characters later
 * is neutralised (micromark would read it as text anyway; now it reads it at once).
 * Where the source may differ from what micromark's text tokenizer sees (a tab, a NUL, a
 * `>` starting a line inside a block quote), the outcome is unknown and nothing changes.
 */
export const MAX_FAILED_ATTRIBUTE_SCAN = 100;

// States of the attribute grammar (named after factory-attributes.js).
const BETWEEN = 0;
const SHORTCUT_START = 1; // after `#` or `.`
const SHORTCUT = 2;
const NAME = 3;
const NAME_AFTER = 4;
const VALUE_BEFORE = 5;
const VALUE_UNQUOTED = 6;
const QUOTED_DOUBLE = 7;
const QUOTED_SINGLE = 8;
const QUOTED_AFTER = 9;
const STATES = 10;

// Outcomes, in the low two bits of a remembered value; the offset above them.
const OK = 0;
const FAIL = 1;
const UNKNOWN = 2;

const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;
const UNICODE_WHITESPACE = /\s/;
const isLineEnding = (c: number): boolean => c === 10 || c === 13;
/** micromark's `markdownLineEndingOrSpace` (a tab is handled apart). */
const isSpaceOrEol = (c: number): boolean => c === 32 || c === 10 || c === 13;
/** ASCII classes, looked up instead of tested: 1 punctuation or symbol, 2 white space. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = UNICODE_PUNCTUATION.test(String.fromCharCode(c)) ? 1 : UNICODE_WHITESPACE.test(String.fromCharCode(c)) ? 2 : 0;
/** micromark's `unicodePunctuation` (punctuation and symbols), on one UTF-16 code unit. */
export const isPunctuation = (c: number): boolean => (c < 128 ? c >= 0 && ASCII[c] === 1 : UNICODE_PUNCTUATION.test(String.fromCharCode(c)));
/** micromark's `unicodeWhitespace`, on one UTF-16 code unit. */
export const isUnicodeWhitespace = (c: number): boolean => (c < 128 ? c >= 0 && ASCII[c] === 2 : UNICODE_WHITESPACE.test(String.fromCharCode(c)));
/** Characters that end a value or shortcut: `"`, `'`, `<`, `=`, `>`, `` ` ``. */
const isValueStop = (c: number): boolean => c === 34 || c === 39 || c === 60 || c === 61 || c === 62 || c === 96;

/**
 * The `{` at which micromark would try an attribute list: after a directive label's `]`
 * or a name that follows a `:`. A superset is harmless (only lists that fail change).
 */
function isCandidate(source: string, open: number, from: number): boolean {
  const before = source.charCodeAt(open - 1);
  if (before === 93) return true;
  let i = open;
  while (i > from) {
    const c = source.charCodeAt(i - 1);
    if (c === 58) return i < open;
    if (c !== 45 && c !== 95 && (isPunctuation(c) || isSpaceOrEol(c) || c === 9 || isUnicodeWhitespace(c))) return false;
    i--;
  }
  return false;
}

/**
 * The offsets of the opening braces in `source[from, to)` (one paragraph) to neutralise,
 * in order. `memo` is per paragraph.
 */
export function unclosedAttributeLists(source: string, from: number, to: number, threshold = MAX_FAILED_ATTRIBUTE_SCAN): number[] {
  const memo = new Map<number, number>();
  const out: number[] = [];
  let open = source.indexOf('{', from);
  while (open >= 0 && open < to) {
    if (isCandidate(source, open, from)) {
      const r = scan(source, open + 1, to, memo);
      if ((r & 3) === FAIL && (r >> 2) - open > threshold) out.push(open);
    }
    open = source.indexOf('{', open + 1);
  }
  return out;
}

/** Steps a scan takes before it starts remembering (most lists close within a few words). */
const QUICK_STEPS = 64;

/** Runs the grammar from `start` in BETWEEN; the outcome and the offset where it was decided. */
function scan(source: string, start: number, to: number, memo: Map<number, number>): number {
  const quick = run(source, start, to, undefined, QUICK_STEPS);
  return quick >= 0 ? quick : run(source, start, to, memo, Infinity);
}

/** Where a run of the state machine is. */
interface Cursor {
  pos: number;
  state: number;
}

/** The state machine; with `memo`, reading and filling it; -1 if `budget` steps did not decide. */
function run(source: string, start: number, to: number, memo: Map<number, number> | undefined, budget: number): number {
  const path: number[] = [];
  const at: Cursor = { pos: start, state: BETWEEN };
  let result = -1;
  for (let steps = 0; result < 0; steps++) {
    if (steps >= budget) return -1;
    if (memo) {
      const key = at.pos * STATES + at.state;
      const known = memo.get(key);
      if (known !== undefined) {
        result = known;
        break;
      }
      path.push(key);
    }
    const outcome = step(source, start, to, at);
    if (outcome >= 0) result = at.pos * 4 + outcome;
  }
  if (memo) for (const key of path) memo.set(key, result);
  return result;
}

/** One step of the grammar at `at` (moved on): the outcome where it decides, else -1. */
function step(source: string, start: number, to: number, at: Cursor): number {
  const { pos, state } = at;
  const c = pos < to ? source.charCodeAt(pos) : -1; // -1: the end of the paragraph (null)
  const quoted = state === QUOTED_DOUBLE || state === QUOTED_SINGLE;
  if ((c === 9 || c === 0) && !quoted) return UNKNOWN; // micromark sees a tab as virtual spaces, a NUL as U+FFFD
  if (c === 62 && !quoted && atLineStart(source, pos, start)) return UNKNOWN; // a block quote marker, which micromark's text does not hold
  switch (state) {
    case BETWEEN:
      if (c === 35 || c === 46) return moveTo(at, SHORTCUT_START, pos + 1);
      if (isSpaceOrEol(c)) return moveTo(at, BETWEEN, pos + 1);
      if (c === -1 || isUnicodeWhitespace(c) || (isPunctuation(c) && c !== 45 && c !== 95)) return c === 125 ? OK : FAIL;
      return moveTo(at, NAME, pos + 1);
    case SHORTCUT_START:
      if (c === -1 || c === 35 || c === 46 || c === 125 || isValueStop(c) || isSpaceOrEol(c)) return FAIL;
      return moveTo(at, SHORTCUT, pos + 1);
    case SHORTCUT:
      if (c === -1 || isValueStop(c)) return FAIL;
      return c === 35 || c === 46 || c === 125 || isSpaceOrEol(c) ? moveTo(at, BETWEEN, pos) : moveTo(at, SHORTCUT, pos + 1);
    case NAME:
      return c === -1 || isLineEnding(c) || isUnicodeWhitespace(c) || (isPunctuation(c) && c !== 45 && c !== 46 && c !== 58 && c !== 95) ? moveTo(at, NAME_AFTER, pos) : moveTo(at, NAME, pos + 1);
    case NAME_AFTER:
      if (c === 61) return moveTo(at, VALUE_BEFORE, pos + 1);
      return isSpaceOrEol(c) ? moveTo(at, NAME_AFTER, pos + 1) : moveTo(at, BETWEEN, pos);
    case VALUE_BEFORE:
      if (c === -1 || c === 60 || c === 61 || c === 62 || c === 96 || c === 125) return FAIL;
      if (c === 34) return moveTo(at, QUOTED_DOUBLE, pos + 1);
      if (c === 39) return moveTo(at, QUOTED_SINGLE, pos + 1);
      return isSpaceOrEol(c) ? moveTo(at, VALUE_BEFORE, pos + 1) : moveTo(at, VALUE_UNQUOTED, pos + 1);
    case VALUE_UNQUOTED:
      if (c === -1 || isValueStop(c)) return FAIL;
      return c === 125 || isSpaceOrEol(c) ? moveTo(at, BETWEEN, pos) : moveTo(at, VALUE_UNQUOTED, pos + 1);
    case QUOTED_DOUBLE:
    case QUOTED_SINGLE: {
      // Anything up to the closing quote, in one step (tabs and block quote markers
      // inside a quoted value change nothing): on to the quote, or the end.
      const close = source.indexOf(state === QUOTED_DOUBLE ? '"' : "'", pos);
      if (close < 0 || close >= to) {
        at.pos = to;
        return FAIL;
      }
      return moveTo(at, QUOTED_AFTER, close + 1);
    }
    case QUOTED_AFTER:
      return c === 125 || isSpaceOrEol(c) ? moveTo(at, BETWEEN, pos) : FAIL;
  }
  return FAIL;
}

/** Moves the cursor on (the step did not decide). */
function moveTo(at: Cursor, state: number, pos: number): number {
  at.state = state;
  at.pos = pos;
  return -1;
}

/** Whether only spaces stand between `pos` and a line ending at or after `floor`. */
function atLineStart(source: string, pos: number, floor: number): boolean {
  let i = pos;
  while (i > floor && source.charCodeAt(i - 1) === 32) i--;
  return i > floor && isLineEnding(source.charCodeAt(i - 1));
}
