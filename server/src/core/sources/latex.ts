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
const DROP_WITH_ARGUMENT = new Set(['url', 'href', 'footnote', 'cite', 'label', 'ref', 'hspace', 'vspace', 'iffalse']);

export function latexToText(value: string, depth = 0): string {
  // Commands nested deeper than this are read as their letters (a hostile file must not overflow the stack).
  if (depth > 64) return value.replace(/[{}\\]/g, '');
  let out = '';
  const n = value.length;
  let i = 0;
  /** Reads a group `{…}` or one character at `j`; returns its text and where it ends. */
  const argument = (j: number): { text: string; end: number } => {
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
  };
  while (i < n) {
    const c = value[i];
    if (c === '%') {
      // A comment runs to the end of the line, and the line break with it.
      while (i < n && value[i] !== '\n') i++;
      i++;
      continue;
    }
    if (c === '{' || c === '}') {
      i++;
      continue;
    }
    if (c === '$') {
      // Math stays as written, without its dollars (`$\ell_1$` → `\ell_1`), as Pandoc shows it.
      const close = value.indexOf('$', i + 1);
      if (close > i) {
        out += value.slice(i + 1, close);
        i = close + 1;
        continue;
      }
    }
    if (c === '~') {
      out += '\u00a0';
      i++;
      continue;
    }
    if (c === '-' && value.startsWith('---', i)) {
      out += '—';
      i += 3;
      continue;
    }
    if (c === '-' && value.startsWith('--', i)) {
      out += '–';
      i += 2;
      continue;
    }
    if (c === '`' && value[i + 1] === '`') {
      out += '“';
      i += 2;
      continue;
    }
    if (c === "'" && value[i + 1] === "'") {
      out += '”';
      i += 2;
      continue;
    }
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    // A command: `\` and letters, or `\` and one other character.
    const next = value[i + 1];
    if (next === undefined) {
      i++;
      continue;
    }
    if (!/[A-Za-z]/.test(next)) {
      if (ACCENTS[next] !== undefined) {
        const arg = argument(i + 2);
        out += combine(arg.text, ACCENTS[next]);
        i = arg.end;
      } else {
        // `\&`, `\%`, `\$`, `\_`, `\#`, `\{`, `\}`, `\ ` and the like: the character itself.
        out += next === '\\' ? ' ' : next;
        i += 2;
      }
      continue;
    }
    let j = i + 1;
    while (j < n && /[A-Za-z]/.test(value[j])) j++;
    const name = value.slice(i + 1, j);
    if (name.length === 1 && ACCENTS[name] !== undefined && (value[j] === '{' || value[j] === ' ')) {
      const arg = argument(j);
      out += combine(arg.text, ACCENTS[name]);
      i = arg.end;
      continue;
    }
    if (LETTERS[name] !== undefined) {
      out += LETTERS[name];
      i = j;
      // A control word swallows the spaces after it (`\ss ` is `ß`), and `{}` after it.
      while (i < n && value[i] === ' ') i++;
      if (value.startsWith('{}', i)) i += 2;
      continue;
    }
    if (value[j] === '{') {
      const arg = argument(j);
      if (!DROP_WITH_ARGUMENT.has(name)) out += arg.text;
      i = arg.end;
      continue;
    }
    // An unknown command without an argument: dropped, with the spaces after it.
    i = j;
    while (i < n && value[i] === ' ') i++;
  }
  return out.normalize('NFC');
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
