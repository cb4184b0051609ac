/**
 * LaTeX in BibTeX field values, made readable text for hovers, completion and search:
 * accents (`{\"u}`, `\'e`, `\c{c}`, `\v s`), letters (`\ss`, `\o`, `\l`, `\ae`), escaped
 * specials (`\&`, `\%`, `\$`, `\_`), dashes and quotes (`--`, `---`, ``` `` ''```), ties
 * (`~`), text commands (`\textit{x}`, `\emph{x}`: their argument), case-protecting braces,
 * and `%` comments (to the end of the line, as LaTeX and Pandoc read them).
 *
 * Linear: one left-to-right pass, no regular expression over the whole value.
 */

const ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  u: '\u0306',
  '.': '\u0307',
  '"': '\u0308',
  r: '\u030a',
  H: '\u030b',
  v: '\u030c',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
};

const LETTERS: Record<string, string> = {
  ss: 'ß',
  SS: 'SS',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  dj: 'đ',
  DJ: 'Đ',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textellipsis: '…',
  ldots: '…',
  dots: '…',
  textregistered: '®',
  texttrademark: '™',
  copyright: '©',
  textcopyright: '©',
  S: '§',
  P: '¶',
  euro: '€',
  pounds: '£',
  textdegree: '°',
  textpercent: '%',
  textbackslash: '\\',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  quad: ' ',
  qquad: ' ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  lambda: 'λ',
  omega: 'ω',
};

/** Commands whose argument is text to keep (`\textit{x}` → `x`). Any other unknown command with an argument keeps its argument too. */
// (Of two-argument commands whose text is the second — `\foreignlanguage{german}{Dasein}`,
// `\textcolor{red}{x}`, `\href{url}{text}` — the first is dropped and the second read as a group.)
const DROP_WITH_ARGUMENT = new Set(['footnote', 'cite', 'label', 'ref', 'hspace', 'vspace', 'iffalse', 'foreignlanguage', 'textcolor', 'colorbox', 'selectlanguage', 'hyphenation']);
/** Commands whose text is their first argument, the second dropped (`\texorpdfstring{$x$}{x}`). */
const DROP_SECOND_ARGUMENT = new Set(['texorpdfstring']);
/** Commands whose text is their second argument, the first dropped (`\href{url}{text}`, as Pandoc reads it). */
const DROP_FIRST_ARGUMENT = new Set(['href']);

/** What one step of `latexToText` read: the text it gives and where the next step starts. */
interface Read {
  text: string;
  end: number;
}

/** Two- and three-character ligatures of TeX's text fonts. */
const LIGATURES: Array<[string, string]> = [
  ['---', '—'],
  ['--', '–'],
  ['``', '“'],
  ["''", '”'],
];

export function latexToText(value: string, depth = 0): string {
  // Commands nested deeper than this are read as their letters (a hostile file must not overflow the stack).
  if (depth > 64) return value.replace(/[{}\\]/g, '');
  let out = '';
  let i = 0;
  const quotes = { open: 0 };
  while (i < value.length) {
    const read = value[i] === '\\' ? commandAt(value, i, depth) : textAt(value, i, quotes);
    out += read.text;
    i = read.end;
  }
  return out.normalize('NFC');
}

/**
 * Text that is not a command, at `i`: comments, groups' braces, math, ties, ligatures,
 * quotes, a character. Quotes as Pandoc's LaTeX reader makes them (smart): `` `x' `` is a
 * quotation (“x”, as Pandoc's CSL output prints one), any other `'` an apostrophe (’).
 */
function textAt(value: string, i: number, quotes: { open: number }): Read {
  const c = value[i];
  if (c === '%') {
    // A comment runs to the end of the line, and the line break with it.
    const eol = value.indexOf('\n', i);
    return { text: '', end: eol < 0 ? value.length + 1 : eol + 1 };
  }
  if (c === '{' || c === '}') return { text: '', end: i + 1 };
  if (c === '$') {
    // Math stays as written, without its dollars (`$\ell_1$` → `\ell_1`), as Pandoc shows it.
    const close = value.indexOf('$', i + 1);
    if (close > i) return { text: value.slice(i + 1, close), end: close + 1 };
  }
  if (c === '~') return { text: '\u00a0', end: i + 1 };
  for (const [from, to] of LIGATURES) if (c === from[0] && value.startsWith(from, i)) return { text: to, end: i + from.length };
  if (c === '`') {
    quotes.open++;
    return { text: '“', end: i + 1 };
  }
  if (c === "'") {
    if (quotes.open > 0 && !/[\p{L}\p{N}]/u.test(value[i + 1] ?? '')) {
      quotes.open--;
      return { text: '”', end: i + 1 };
    }
    return { text: '’', end: i + 1 };
  }
  return { text: c, end: i + 1 };
}

/** A command at `i`: `\` and letters, or `\` and one other character. */
function commandAt(value: string, i: number, depth: number): Read {
  const n = value.length;
  const next = value[i + 1];
  if (next === undefined) return { text: '', end: i + 1 };
  if (!/[A-Za-z]/.test(next)) {
    if (ACCENTS[next] !== undefined) {
      const arg = argumentAt(value, i + 2, depth);
      return { text: combine(arg.text, ACCENTS[next]), end: arg.end };
    }
    // An italic correction `\/` and a hyphenation point `\-` print nothing (as Pandoc reads them).
    if (next === '/' || next === '-') return { text: '', end: i + 2 };
    // A thin space `\,`: U+2006, as Pandoc reads it.
    if (next === ',') return { text: '\u2006', end: i + 2 };
    // `\&`, `\%`, `\$`, `\_`, `\#`, `\{`, `\}`, `\ ` and the like: the character itself.
    return { text: next === '\\' ? ' ' : next, end: i + 2 };
  }
  let j = i + 1;
  while (j < n && /[A-Za-z]/.test(value[j])) j++;
  const name = value.slice(i + 1, j);
  if (name.length === 1 && ACCENTS[name] !== undefined && (value[j] === '{' || value[j] === ' ')) {
    const arg = argumentAt(value, j, depth);
    return { text: combine(arg.text, ACCENTS[name]), end: arg.end };
  }
  if (LETTERS[name] !== undefined) {
    // A control word swallows the spaces after it (`\ss ` is `ß`), and `{}` after it.
    let end = j;
    while (end < n && value[end] === ' ') end++;
    if (value.startsWith('{}', end)) end += 2;
    return { text: LETTERS[name], end };
  }
  if (value[j] === '{') {
    const arg = argumentAt(value, j, depth);
    if (DROP_FIRST_ARGUMENT.has(name) || DROP_SECOND_ARGUMENT.has(name)) {
      // The second argument: the next group after spaces, if any.
      let k = arg.end;
      while (k < n && value[k] === ' ') k++;
      if (DROP_SECOND_ARGUMENT.has(name)) return { text: arg.text, end: value[k] === '{' ? Math.min(n, groupEnd(value, k) + 1) : arg.end };
      if (value[k] !== '{') return { text: '', end: arg.end };
      const second = argumentAt(value, k, depth);
      return { text: second.text, end: second.end };
    }
    return { text: DROP_WITH_ARGUMENT.has(name) ? '' : arg.text, end: arg.end };
  }
  // An unknown command without an argument: dropped, with the spaces after it.
  while (j < n && value[j] === ' ') j++;
  return { text: '', end: j };
}

/** Reads a command's argument at `j`: a group `{…}` or one character (or command). */
function argumentAt(value: string, j: number, depth: number): Read {
  const n = value.length;
  while (j < n && value[j] === ' ') j++;
  if (value[j] === '{') {
    const close = groupEnd(value, j);
    return { text: latexToText(value.slice(j + 1, close), depth + 1), end: Math.min(n, close + 1) };
  }
  if (value[j] === '\\') {
    const cmd = /^\\([A-Za-z]+|.)/.exec(value.slice(j, j + 40));
    if (cmd) return { text: LETTERS[cmd[1]] ?? cmd[1], end: j + cmd[0].length };
  }
  return { text: j < n ? value[j] : '', end: Math.min(n, j + 1) };
}

/** A base letter with a combining accent (`u` + diaeresis → `ü`); a dotless `ı` takes it as `i`. */
function combine(base: string, accent: string): string {
  if (!base) return accent.trim();
  const first = base === 'ı' ? 'i' : base[0];
  return (first + accent + base.slice(1)).normalize('NFC');
}

/** The index of the `}` closing the `{` at `open` (escaped braces skipped), or the end of the text. */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') k++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k;
  }
  return s.length;
}
