/**
 * "Make the 12 note numbers footnotes": a brief converted from a word processor keeps its
 * notes as numbers in the text (`….¹`, `^1^`, `<sup>1</sup>`, `[[1]](#footnote-1)`, `[1]`:
 * model/referenceMarks.ts, no sources for Markdown) and a numbered list of the notes under
 * a heading of the back matter ("Notes", "Endnotes", "References"). This fix writes each
 * number as a footnote call, `[^1]`, and each item of the list as its definition, `[^1]:
 * …`, in one edit of the document, which is parsed again before it is offered.
 *
 * A reference list in the IEEE or Vancouver style has its notes one to a line, each opened
 * by its number in brackets ("[1] Eurostat, …"), under such a heading; a brief extracted
 * from a PDF has them in paragraphs at the end whose lines open with the note's number in
 * superscript ("¹ Eurostat (2024), …"), read as the list when no such section has one.
 *
 * Offered only where it is certain: the list is the last numbered list of such a section,
 * its items numbered 1, 2, 3… in the text, each one paragraph and no placeholder; every
 * note number of the brief's text names one of them; no footnote of the brief already has
 * one of those ids; and the document, parsed again with the edits, reads each call as a
 * footnote call of its definition and each definition with its item's text.
 */
import type { List, ListItem } from 'mdast';
import type { Analysis } from '../analysis';
import { buildModel } from '../model/buildModel';
import { numberedReferences, superscriptNotes } from '../model/referenceMarks';
import { parseMarkdown } from '../parse/markdown';
import { BACK_MATTER } from '../model/sectionNames';
import { isPlaceholderText } from '../semantics/placeholders';
import { isPendingFootnote } from '../semantics/sourcing';
import type { Span } from '../text/span';
import { nodesIn } from './syntaxAt';
import { applyEdits, type TextEdit } from './textEdits';

export interface NoteConversion {
  edits: TextEdit[];
  /** How many note numbers are written as calls, and how many notes as definitions. */
  calls: number;
  notes: number;
}

/**
 * Briefs larger than this are not converted: the check parses the whole document again
 * (a 100 KB brief in about 60 ms here), on a request for the fixes of a finding, once per
 * version of the document.
 */
const MAX_SIZE = 100_000;

const memo = new WeakMap<object, NoteConversion | null>();

/** The conversion of the brief's note numbers and notes list to footnotes, or undefined where it is not certain (once per analysis). */
export function noteNumbersAsFootnotes(analysis: Analysis): NoteConversion | undefined {
  let found = memo.get(analysis.model);
  if (found === undefined) memo.set(analysis.model, (found = convert(analysis) ?? null));
  return found ?? undefined;
}

function convert(analysis: Analysis): NoteConversion | undefined {
  const { model } = analysis;
  const text = model.text;
  if (text.length > MAX_SIZE) return undefined;
  const list = notesList(analysis);
  if (!list) return undefined;
  const used = new Set([...model.footnoteDefinitions.map((f) => f.id), ...model.footnoteReferences.map((f) => f.id)]);
  if (list.items.some((_, i) => used.has(String(i + 1)))) return undefined;
  const edits: TextEdit[] = [];
  let calls = 0;
  for (const block of model.textBlocks) {
    if (block.span.start >= list.span.start && block.span.end <= list.span.end) continue;
    const raw = text.slice(block.span.start, block.span.end);
    const marks = [...numberedReferences(block.masked), ...superscriptNotes(raw)].sort((a, b) => a.start - b.start);
    for (const m of marks) {
      const numbers = noteNumbers(raw.slice(m.start, m.end));
      if (!numbers || numbers.some((n) => n < 1 || n > list.items.length)) return undefined;
      edits.push({ span: { start: block.span.start + m.start, end: block.span.start + m.end }, newText: numbers.map((n) => `[^${n}]`).join('') });
      calls += numbers.length;
    }
  }
  if (calls === 0) return undefined;
  for (const [i, item] of list.items.entries()) edits.push({ span: item.marker, newText: `${item.before ?? ''}[^${i + 1}]: ` });
  edits.sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < edits.length; i++) if (edits[i].span.start < edits[i - 1].span.end) return undefined;
  return readsBack(analysis, edits, list.items) ? { edits, calls, notes: list.items.length } : undefined;
}

interface NotesList {
  span: Span;
  /** Each item's marker with the space after it (`1. `, `¹ `), its text, and what goes before its definition (a line end, for a note on a paragraph's later line). */
  items: Array<{ marker: Span; text: string; before?: string }>;
}

/**
 * The notes of the last back-matter section that has them: its last numbered list, items
 * 1, 2, 3… each one paragraph of text that is no placeholder; or, when it has no such list,
 * its paragraphs of notes one to a line, each opened by its number in brackets ("[1]
 * Eurostat, …", as a reference list in the IEEE or Vancouver style is written). Else the
 * notes of a brief extracted from a PDF.
 */
function notesList(analysis: Analysis): NotesList | undefined {
  const { model, parsed } = analysis;
  const text = model.text;
  const sections = model.sections.filter((s) => BACK_MATTER.test(s.heading.text.trim().toLowerCase().replace(/[:.]$/, '')));
  for (let s = sections.length - 1; s >= 0; s--) {
    const lists = nodesIn(parsed, sections[s].span.start, sections[s].span.end).filter((n) => n.type === 'list' && (n.node as List).ordered);
    const last = lists[lists.length - 1];
    if (!last) {
      const { heading, span } = sections[s];
      const blocks = model.textBlocks.filter((b) => b.span.start >= heading.span.end && b.span.end <= span.end);
      const notes = blocks.length > 0 ? lineNotes(analysis, blocks, BRACKETED_NOTE_LINE) : undefined;
      if (notes) return notes;
      continue;
    }
    const items: NotesList['items'] = [];
    const listItems = nodesIn(parsed, last.start, last.end).filter((n) => n.type === 'listItem' && n.start >= last.start && n.end <= last.end);
    for (const [i, li] of listItems.entries()) {
      const node = li.node as ListItem;
      if (node.children.length !== 1 || node.children[0].type !== 'paragraph') return undefined;
      const paragraphStart = li.start + (node.children[0].position!.start.offset! - node.position!.start.offset!);
      const marker = text.slice(li.start, paragraphStart);
      const number = /^(\d{1,9})[.)][ \t]+$/.exec(marker);
      if (!number || Number(number[1]) !== i + 1) return undefined;
      const itemText = text.slice(paragraphStart, li.end).trim();
      if (!itemText || isPlaceholderText(itemText)) return undefined;
      items.push({ marker: { start: li.start, end: paragraphStart }, text: itemText });
    }
    // Only items of this list, at its own level (no list nested in an item: each item is one paragraph).
    if (items.length === 0) return undefined;
    return { span: { start: last.start, end: last.end }, items };
  }
  return superscriptNotesList(analysis);
}

/**
 * The notes as a brief extracted from a PDF keeps them: the paragraphs that end the
 * document, each note on a line of its own opened by its number in superscript and a blank
 * ("¹ Eurostat (2024), Labour Force Survey.").
 */
function superscriptNotesList(analysis: Analysis): NotesList | undefined {
  const { model } = analysis;
  const text = model.text;
  const blocks = model.textBlocks;
  let first = blocks.length;
  while (first > 0 && blocks[first - 1].kind === 'paragraph' && !blocks[first - 1].inListItem && SUPERSCRIPT_NOTE_LINE.test(text.slice(blocks[first - 1].span.start, blocks[first - 1].span.end))) first--;
  if (first === blocks.length || text.slice(blocks[blocks.length - 1].span.end).trim() !== '') return undefined;
  return lineNotes(analysis, blocks.slice(first), SUPERSCRIPT_NOTE_LINE);
}

/**
 * Notes written one to a line of the paragraphs `blocks`, each opened by its number
 * (`line` matches it and the blank after it), numbered 1, 2, 3…; a line with no number goes
 * on with the note before it. Every block must be a paragraph outside a list whose first
 * line is a note's, and no note a placeholder.
 */
function lineNotes(analysis: Analysis, blocks: Analysis['model']['textBlocks'], line: RegExp): NotesList | undefined {
  const text = analysis.model.text;
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : '\r';
  const items: NotesList['items'] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph' || block.inListItem) return undefined;
    const { start, end } = block.span;
    for (let at = start; at < end; ) {
      let lineEnd = at;
      while (lineEnd < end && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
      const lineText = text.slice(at, lineEnd);
      const number = line.exec(lineText);
      if (number) {
        if (noteNumbers(number[1])?.join() !== String(items.length + 1)) return undefined;
        items.push({ marker: { start: at, end: at + number[0].length }, text: lineText.slice(number[0].length).trim(), before: at === start ? undefined : eol });
      } else if (at === start) return undefined;
      else items[items.length - 1].text += ` ${lineText.trim()}`;
      at = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1);
    }
  }
  if (items.length === 0 || items.some((item) => !item.text || isPlaceholderText(item.text))) return undefined;
  return { span: { start: blocks[0].span.start, end: blocks[blocks.length - 1].span.end }, items };
}
const SUPERSCRIPT_NOTE_LINE = /^[ \t]*([¹²³⁰⁴⁵⁶⁷⁸⁹]{1,3})[ \t\u00a0]+(?=\S)/u;
const BRACKETED_NOTE_LINE = /^[ \t]*(\[\d{1,3}\])[ \t\u00a0]+(?=\S)/;

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The note numbers a mark names: `[2, 5]`, `[3–4]`, `¹˒²`, `¹⁻³`, `^1^`, `<sup>1</sup>`, `[[1]](#fn1)`; undefined for a range of more than 20. */
function noteNumbers(mark: string): number[] | undefined {
  // The digits and separators of the mark's number part (a note link's text, not its destination).
  const body = mark.startsWith('[') && mark.includes('](') ? mark.slice(0, mark.indexOf('](')) : mark;
  const plain = [...body].map((c) => (SUPERSCRIPT_DIGITS.includes(c) ? String(SUPERSCRIPT_DIGITS.indexOf(c)) : c === '⁻' ? '-' : c === '˒' ? ',' : c)).join('');
  const out: number[] = [];
  for (const part of plain.replace(/<\/?sup>/gi, '').replace(/[[\]^]/g, '').split(',')) {
    const range = /^(\d{1,3})(?:[–-](\d{1,3}))?$/.exec(part.replace(/\s+/g, ''));
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from > 20) return undefined;
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

/** Whether the document with the edits reads every call as a call of its note, and every note's definition with its item's text. */
function readsBack(analysis: Analysis, edits: TextEdit[], items: NotesList['items']): boolean {
  const fixed = applyEdits(analysis.model.text, edits);
  const model = buildModel({ uri: analysis.model.uri, text: fixed }, parseMarkdown(fixed, undefined, { oneShot: true }), analysis.conventions);
  const references = new Map(model.footnoteReferences.filter((f) => f.parsed).map((f) => [f.span.start, f.id]));
  // Each call where its edit put it (the edits are in order: the ones before shift it).
  let shift = 0;
  for (const e of edits) {
    let offset = e.span.start + shift;
    shift += e.newText.length - (e.span.end - e.span.start);
    if (e.newText.endsWith(': ')) continue;
    for (const call of e.newText.matchAll(/\[\^(\d+)\]/g)) {
      if (references.get(offset) !== call[1]) return false;
      offset += call[0].length;
    }
  }
  const definitions = new Map(model.footnoteDefinitions.map((d) => [d.id, d]));
  return items.every((item, i) => {
    const d = definitions.get(String(i + 1));
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
    // (And a source as a footnote reads it: a note whose text, as a definition, is a placeholder's — "} [ref]" once a tag is read out of it — would source nothing.)
    return !!d && !isPendingFootnote(d) && norm(fixed.slice(d.span.start, d.span.end)) === norm(`[^${i + 1}]: ${item.text}`);
  });
}
