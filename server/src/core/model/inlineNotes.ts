/**
 * Reference marks that are text here, not source references (docs/sources.md): Pandoc's
 * inline notes, `^[…]` (the GFM reading Briefmark shares with VS Code's preview leaves
 * them as text, so a note of plain text is no source), and numbered references, `[1]`,
 * `[2, 5]`, `[3–4]` (text, unless the brief defines them as links: `[1]: URL`). The rules
 * find them to say so, and to judge a sentence without them.
 */
import type { Span } from '../text/span';

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

/** `text` with the characters of `spans` (in order, apart) as spaces, offsets kept: a sentence read without its marks. */
export function blanked(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const n of spans) {
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

/** The advice for a sentence or claim whose only source is an inline note of plain text. */
export function inlineNoteAdvice(note: string): string {
  return `its note ${note} is Pandoc's inline note, which Briefmark does not read as a source: write it as a footnote, [^1] with "[^1]: …" on a line of its own`;
}

/** A sentence's inline notes and numbered references, and its text without them (offsets kept). */
export function withoutMarks(text: string): { words: string; notes: Span[]; numbered: Span[] } {
  const notes = inlineNotes(text);
  const withoutNotes = blanked(text, notes);
  const numbered = numberedReferences(withoutNotes);
  return { words: blanked(withoutNotes, numbered), notes, numbered };
}
