/**
 * Pandoc's inline notes, `^[…]` (docs/sources.md): the GFM reading Briefmark shares with
 * VS Code's preview leaves them as text, so a note of plain text is no source. The rules
 * find them to say so, and to judge a sentence without its note's words.
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

/** `text` with the notes' characters as spaces (offsets kept): a sentence read without its notes. */
export function withoutNotes(text: string, notes: readonly Span[]): string {
  if (notes.length === 0) return text;
  let out = '';
  let from = 0;
  for (const n of notes) {
    out += text.slice(from, n.start) + ' '.repeat(n.end - n.start);
    from = n.end;
  }
  return out + text.slice(from);
}

/** The advice for a sentence or claim whose only source is an inline note of plain text. */
export function inlineNoteAdvice(note: string): string {
  return `its note ${note} is Pandoc's inline note, which Briefmark does not read as a source: write it as a footnote, [^1] with "[^1]: …" on a line of its own`;
}
