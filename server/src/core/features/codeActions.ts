import type { Analysis } from '../analysis';
import type { Diagnostic } from '../rules/types';
import { editDistance } from '../rules/unknownTag';
import type { BibEntry } from '../sources/bibliography';
import type { Span } from '../text/span';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** A quick fix: plain edits of the document; the protocol layer turns it into a WorkspaceEdit. */
export interface CodeActionResult {
  title: string;
  edits: TextEdit[];
  /** The diagnostic it fixes. */
  diagnostic: Diagnostic;
  isPreferred?: boolean;
}

const MAX_CITATION_ACTIONS = 5;
const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

/**
 * Quick fixes for the diagnostics that touch `range`:
 * - an unsourced claim or possible unsourced assertion: cite a bibliography entry (one
 *   action per entry sharing words with the text, best first), or add a footnote
 *   placeholder; an assertion can also be tagged as a claim;
 * - a missing footnote definition: create it;
 * - a near-miss tag name or suppression code: replace it;
 * - any diagnostic: suppress its code for that line.
 */
export function codeActions(analysis: Analysis, range: Span): CodeActionResult[] {
  const { model } = analysis;
  if (!model.isBrief) return [];
  const out: CodeActionResult[] = [];
  for (const d of analysis.diagnostics) {
    if (!overlaps(d.span, range)) continue;
    switch (d.code) {
      case 'unsourced-claim': {
        const claim = model.claims.find((c) => c.directive.span.start === d.span.start);
        if (claim) out.push(...citationActions(analysis, d, claim.label, claim.directive.span.end));
        break;
      }
      case 'possible-unsourced-assertion': {
        const sentence = model.text.slice(d.span.start, d.span.end);
        const body = sentence.replace(/[.!]["'”’)*_]*$/, '');
        const at = d.span.start + body.length;
        out.push(...citationActions(analysis, d, sentence, at));
        const tag = tagAsClaim(sentence, d.span.start);
        if (tag) out.push({ title: 'Tag this sentence as a claim', edits: tag, diagnostic: d });
        break;
      }
      case 'unknown-source': {
        const key = d.data?.key;
        if (typeof key === 'string') {
          // A near miss of a known key (`@smtih04` for `@smith04`): offer the known one.
          const known = [...analysis.bibliography.entries.keys(), ...analysis.sourceDocuments.keys()];
          const meant = nearMiss(key, known);
          if (meant) out.push({ title: `Change to "${meant}"`, edits: [{ span: d.span, newText: meant }], diagnostic: d, isPreferred: true });
        }
        const id = d.data?.footnote;
        if (typeof id === 'string' && !model.footnoteDefinitions.some((f) => f.id === id)) {
          const end = model.text.length;
          const sep = model.text.endsWith('\n\n') ? '' : model.text.endsWith('\n') ? '\n' : '\n\n';
          out.push({ title: `Create the footnote definition [^${id}]`, edits: [{ span: { start: end, end }, newText: `${sep}[^${id}]: Source to be added.\n` }], diagnostic: d, isPreferred: true });
        }
        break;
      }
      case 'unknown-tag':
      case 'invalid-conventions': {
        const replacement = d.data?.replacement;
        if (typeof replacement === 'string') out.push({ title: `Change to "${replacement}"`, edits: [{ span: d.span, newText: replacement }], diagnostic: d, isPreferred: true });
        break;
      }
    }
    const suppress = suppressLine(analysis, d);
    if (suppress) out.push(suppress);
  }
  return out;
}

function citationActions(analysis: Analysis, d: Diagnostic, text: string, at: number): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  const insert = (newText: string): TextEdit => ({ span: { start: at, end: at }, newText });
  for (const entry of rankEntries([...analysis.bibliography.entries.values()], text).slice(0, MAX_CITATION_ACTIONS)) {
    out.push({ title: `Cite @${entry.key}${entry.title ? ` — ${short(entry.title)}` : ''}`, edits: [insert(` [@${entry.key}]`)], diagnostic: d, isPreferred: out.length === 0 });
  }
  // The placeholder: a footnote whose definition says what is missing; it resolves, so the brief stays clean.
  const id = freeFootnoteId(analysis);
  const end = analysis.model.text.length;
  const sep = analysis.model.text.endsWith('\n\n') ? '' : analysis.model.text.endsWith('\n') ? '\n' : '\n\n';
  out.push({
    title: `Add a footnote placeholder for the source ([^${id}])`,
    edits: [insert(`[^${id}]`), { span: { start: end, end }, newText: `${sep}[^${id}]: Source to be added.\n` }],
    diagnostic: d,
  });
  return out;
}

const STOP = new Set('the and for with from that this into over under about after before than their there were was are has have had not but its his her they them which who what when where while will would could should said says also more most some such only other been being very'.split(' '));

function words(s: string): Set<string> {
  return new Set((s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !STOP.has(w)));
}

/** Bibliography entries sharing words with the text (title, authors, container, key), best first. */
export function rankEntries(entries: BibEntry[], text: string): BibEntry[] {
  const wanted = words(text);
  const scored = entries
    .map((e) => {
      const have = words([e.key.replace(/[-_:.]/g, ' '), e.title ?? '', e.authors.join(' '), e.containerTitle ?? '', e.publisher ?? ''].join(' '));
      let score = 0;
      for (const w of wanted) if (have.has(w)) score++;
      return { e, score };
    })
    .filter((x) => x.score > 0);
  scored.sort((a, b) => b.score - a.score || a.e.key.localeCompare(b.e.key));
  return scored.map((x) => x.e);
}

function freeFootnoteId(analysis: Analysis): string {
  const used = new Set([...analysis.model.footnoteDefinitions.map((f) => f.id), ...analysis.model.footnoteReferences.map((f) => f.id)]);
  let n = 1;
  while (used.has(`source-${n}`)) n++;
  return `source-${n}`;
}

/** Wraps the sentence (without its final punctuation) in `:claim[…]`, when its brackets balance. */
function tagAsClaim(sentence: string, start: number): TextEdit[] | undefined {
  const body = sentence.replace(/[.!]["'”’)*_]*$/, '');
  let depth = 0;
  for (const c of body) {
    if (c === '[') depth++;
    else if (c === ']' && --depth < 0) return undefined;
  }
  if (depth !== 0 || body.includes('\n\n')) return undefined;
  return [
    { span: { start, end: start }, newText: ':claim[' },
    { span: { start: start + body.length, end: start + body.length }, newText: ']' },
  ];
}

/** `<!-- briefmark-disable-next-line CODE -->` on its own line before the diagnostic's line, indented like it. */
function suppressLine(analysis: Analysis, d: Diagnostic): CodeActionResult | undefined {
  if (d.code === 'invalid-conventions') return undefined; // never suppressible
  const { model } = analysis;
  const line = model.lines.positionAt(d.span.start).line;
  const lineStart = model.lines.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(model.text.slice(lineStart, lineStart + 200))![0];
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Suppress ${d.code} for this line`,
    edits: [{ span: { start: lineStart, end: lineStart }, newText: `${indent}<!-- briefmark-disable-next-line ${d.code} -->${eol}` }],
    diagnostic: d,
  };
}

function short(s: string, max = 50): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** Applies edits to a text (for tests and previews): edits must not overlap. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}


/** The known key closest to `key`, within 2 edits (1 for short keys), case-insensitively. */
function nearMiss(key: string, known: string[]): string | undefined {
  if (key.length > 80) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (Math.abs(k.length - key.length) > 2) continue;
    const dist = editDistance(key.toLowerCase(), k.toLowerCase());
    if (dist <= (key.length <= 5 ? 1 : 2) && dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}
