/**
 * Placeholders where a source belongs: the text of a footnote that only promises one
 * ("Source to be added.", "TODO", "citation needed") and the destination of a link that
 * goes nowhere ("#", "https://", "https://TODO"). Pure functions of the text, with no
 * model: the reference marks (model/referenceMarks.ts), the sourcing of claims
 * (semantics/sourcing.ts) and the quick fixes all read them. docs/sources.md.
 */
// Words a placeholder is made of: "Source to be added.", "TODO: source needed", "TBD",
// "Need source for this figure", "Source unknown", a reference's template "[Author, Year]".
// Every word of the note must be one: a name, a number or any other word makes it a source.
const PLACEHOLDER_WORDS = new Set(['inserted', 'determined', 'verified', 'verify', 'updated', 'update', 'check', 'checked', 'x', 'no', 'unsourced', 'unknown', 'which', 'what', 'this', 'that', 'for', 'of', 'figure', 'figures', 'number', 'numbers', 'data', 'claim', 'claims', 'statistic', 'statistics', 'quote', 'author', 'authors', 'year', 'title', 'publisher', 'date', 'look', 'up', 'todo', 'tbd', 'tba', 'tk', 'xxx', 'fixme', 'wip', 'pending', 'placeholder', 'source', 'sources', 'citation', 'citations', 'reference', 'references', 'ref', 'link', 'to', 'be', 'added', 'add', 'needed', 'need', 'required', 'confirmed', 'confirm', 'provided', 'supplied', 'found', 'find', 'insert', 'here', 'later', 'missing', 'a', 'the', 'is', 'still', 'coming', 'soon', 'tbc', 'url', 'urls', 'cite', 'needs', 'follow', 'come', 'forthcoming', 'n/a', 'na', 'awaiting', 'waiting']);
const PLACEHOLDER_START = /^(?:todo|tbd|tba|tbc|(?:tk)+|xx+|fixme|lorem ipsum)\b/i;

/**
 * Whether a footnote definition's text is a placeholder, not a source: empty, starting
 * with `TODO`, `TBD`, `TBA`, `TBC`, `TK`, `XX`, `FIXME` or "Lorem ipsum", or made only of
 * placeholder words ("Source to be added.", "citation needed", "URL to follow", "awaiting
 * source", "n/a", "?", "…").
 */
export function isPlaceholderText(text: string): boolean {
  const words = withoutPlaceholderUrls(text);
  if (words === undefined) return false;
  const t = words.replace(/[*_`~>#<>{}[\]()!?.,:;"'“”‘’—–…-]+/g, ' ').trim();
  if (!t) return true;
  if (PLACEHOLDER_START.test(t)) return true;
  return t
    .toLowerCase()
    .split(/\s+/)
    .every((w) => PLACEHOLDER_WORDS.has(w));
}

const isSchemeCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
const isUrlEnd = (c: number) => c <= 32 || c === 60 || c === 62 || c === 34 || c === 39 || c === 40 || c === 41 || c === 91 || c === 93;

/**
 * The text without the URLs written in it ("See https://…"), when each is a placeholder's
 * own ("https://TODO"); undefined when one is a real URL, which makes the text a source.
 * One pass from each `://` (no regular expression: a long run of scheme characters is
 * scanned once).
 */
function withoutPlaceholderUrls(text: string): string | undefined {
  let at = text.indexOf('://');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    let start = at;
    while (start > from && isSchemeCode(text.charCodeAt(start - 1))) start--;
    let end = at + 3;
    while (end < text.length && !isUrlEnd(text.charCodeAt(end))) end++;
    if (start < at) {
      if (!isPlaceholderUrl(text.slice(start, end))) return undefined;
      out += text.slice(from, start) + ' ';
      from = end;
    }
    at = text.indexOf('://', end);
  }
  return out + text.slice(from);
}

/**
 * Whether a link's destination is a placeholder, not a source: empty, `#`, a placeholder
 * word ("TODO", "url", "link"), or a URL with no host or a placeholder word for one
 * ("https://", "https://TODO"). A URL at a real-looking host is a source (spec §4), even
 * at a domain reserved for examples.
 */
export function isPlaceholderUrl(url: string): boolean {
  const u = url.trim();
  if (u === '' || u === '#') return true;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(u);
  if (!scheme) return !/^(?:mailto|tel|urn|doi):/i.test(u) && isPlaceholderText(u.replace(/[/#]+/g, ' '));
  const rest = u.slice(scheme[0].length);
  const authority = rest.split(/[/?#]/, 1)[0];
  let host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  const port = host.lastIndexOf(':');
  if (port >= 0) host = host.slice(0, port);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host === '' || (!host.includes('.') && PLACEHOLDER_WORDS.has(host));
}
