import type { Conventions } from '../conventions/types';
import { trimEndMatching } from '../text/trailing';
import { RecentCache } from '../text/recentCache';
import { SpanIndex } from '../text/spanIndex';
import type { Span } from '../text/span';
import { lastAtMost } from '../text/textEdit';
import type { Framework, Heading, RecCandidate, Recommendation, Section, Track } from './types';

// `Track 1: Title`, numbered by a number, a letter, a Roman numeral up to X (`Track II`) or a
// number word up to ten (`Track Two`). The title is the rest of a one-line text (`(.+)$`
// after `\s*`, which backtracked quadratically over white space before a line break): it
// starts at the first character that is not white space, or is the last character if all of it is.
export const TRACK_HEADING =
  /^Track\s+(\d+|[A-Za-z]|II|III|IV|VI|VII|VIII|IX|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)\s*[:.\-–—]\s*(\S.*|[^\S\n\r\u2028\u2029])$/;

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];

/** The number a track's number stands for: `2`, `II` and `Two` are 2 (a letter but I, V and X is none). */
export function trackOrdinal(number: string): number | undefined {
  const n = number.toLowerCase();
  if (/^\d+$/.test(n)) return Number(n);
  const i = Math.max(NUMBER_WORDS.indexOf(n), ROMAN.indexOf(n));
  return i >= 0 ? i + 1 : undefined;
}
// A short label then a colon, optionally in bold: `Clarify Red Lines: …`, `**Clarify Red Lines:** …`.
const REC_LABEL = /^[ \t]*(\*\*|__)?([^\s*_:][^:\n*_]{0,79}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+\S/;

/**
 * A footnote call as the model finds one in text, defined or not (`[^1]`: up to 200
 * characters, none of them `[`, `]` or white space, as micromark and Pandoc read labels:
 * `[^a:tag[x]b]` is no call).
 */
export const FOOTNOTE_CALL = /\[\^([^[\]\s]{1,200})\]/g;

/**
 * A heading's text without footnote calls, defined or not: what it names. The heading's
 * text leaves out the calls that resolve; one without a definition is text there, and
 * would change which section the heading names (and so what a fix that adds the
 * definition does).
 */
export function withoutFootnoteCalls(text: string): string {
  return text.includes('[^') ? text.replace(FOOTNOTE_CALL, '') : text;
}

/** Heading text as compared with the conventions: trimmed, footnote calls, leading numbering and trailing colon removed. */
export function headingKey(text: string): string {
  return trimEndMatching(withoutFootnoteCalls(text).replace(/^\s*(?:\d+(?:\.\d+)*|[IVXLC]+)[.)]\s+/, ''), /[:\s]/)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The section that holds the framework: the first whose heading the conventions name (`framework.headings`). */
export function frameworkSection(sections: Section[], conventions: Conventions): Section | undefined {
  const wanted = new Set(conventions.framework.headings.map(headingKey));
  return sections.find((s) => wanted.has(headingKeys.get(s.heading.text, headingKey)));
}

/** The keys of headings seen lately (every build looks at every heading of the brief). */
const headingKeys = new RecentCache<string>(4096);

/**
 * The framework of a brief (its section, tracks and groups) and every recommendation in
 * document order: the tagged ones (`tagged`, never changed) copied with their track and
 * group, and the untagged ones found by their labels in the tracks.
 */
export function buildFramework(
  sections: Section[],
  tagged: readonly Recommendation[],
  candidates: RecCandidate[],
  conventions: Conventions,
): { framework: Framework | undefined; recommendations: Recommendation[] } {
  const section = frameworkSection(sections, conventions);
  // Copies: a placed recommendation is shared with the models of other versions.
  const recs: Recommendation[] = tagged.map((r) => ({ ...r, track: undefined }));
  if (!section) return { framework: undefined, recommendations: recs };
  const framework: Framework = { heading: section.heading, span: section.span, tracks: [] };
  const inside = sections.filter((s) => s.span.start > section.span.start && s.span.start < section.span.end);
  let current: Track | undefined;
  for (const s of inside) {
    const m = TRACK_HEADING.exec(s.heading.text);
    if (m) {
      current = { number: m[1], title: m[2].trim(), heading: s.heading, span: { start: s.span.start, end: Math.min(s.span.end, section.span.end) }, groups: [], recommendations: [] };
      framework.tracks.push(current);
    } else if (current && s.span.start < current.span.end && s.heading.level > current.heading.level) {
      current.groups.push({ heading: s.heading, span: { start: s.span.start, end: Math.min(s.span.end, current.span.end) }, recommendations: [] });
    }
  }

  // Untagged recommendations: a paragraph or list item in a track that starts with "Label: ".
  // (The first track that holds it, as a reader finds it: the outermost, should tracks nest.)
  const trackAt = spanFinder(framework.tracks, true);
  const taggedSpans = new SpanIndex(tagged.map((r) => r.span));
  for (const c of candidates) {
    if (!trackAt(c.span.start)) continue;
    if (taggedSpans.overlaps(c.span.start, c.span.end)) continue;
    const found = runInLabel(c.block.masked);
    if (!found) continue;
    const labelStart = c.block.span.start + found.start;
    recs.push({
      label: found.label,
      labelSpan: { start: labelStart, end: labelStart + found.length },
      span: c.span,
      actors: [],
    });
  }
  recs.sort((a, b) => a.span.start - b.span.start);

  const groupAt = new Map(framework.tracks.map((t) => [t, spanFinder(t.groups)]));
  for (const rec of recs) {
    const track = trackAt(rec.span.start);
    rec.track = track ?? (rec.trackAttr ? resolveTrack(framework, rec.trackAttr.value, conventions) : undefined);
    if (!rec.track) continue;
    rec.track.recommendations.push(rec);
    if (track) {
      const group = groupAt.get(track)!(rec.span.start);
      rec.group = group;
      group?.recommendations.push(rec);
    }
  }
  return { framework, recommendations: recs };
}

/**
 * The run-in label that opens a recommendation's text ("Clarify Red Lines: All parties…",
 * also in bold): at most eight words, no sentence's punctuation; where it starts in the
 * text and how long it is (white space after it left out).
 */
export function runInLabel(masked: string): { label: string; start: number; length: number } | undefined {
  const m = REC_LABEL.exec(masked);
  if (!m) return undefined;
  const label = m[2].trim();
  if (label.split(/\s+/).length > 8 || /[.!?]/.test(label)) return undefined;
  return { label, start: m.index + m[0].indexOf(m[2]), length: m[2].trimEnd().length };
}

/** The sections that headings open: each from its heading to the next heading of the same or a higher level (or the end). */
export function sectionsOf(headings: Heading[], textLength: number): Section[] {
  const sections = headings.map((heading) => ({ heading, span: { start: heading.span.start, end: textLength } }));
  const open: number[] = [];
  headings.forEach((heading, j) => {
    while (open.length && headings[open[open.length - 1]].level >= heading.level) sections[open.pop()!].span.end = heading.span.start;
    open.push(j);
  });
  return sections;
}

/**
 * The innermost (or `outermost`) of `items` (in document order, their spans nested or
 * apart, as tracks and groups are) whose span holds an offset, in logarithmic time: a
 * framework of thousands of tracks and recommendations is read in linear time.
 */
function spanFinder<T extends { span: Span }>(items: readonly T[], outermost = false): (at: number) => T | undefined {
  const starts = items.map((x) => x.span.start);
  // Each item's parent: the innermost earlier item that holds its start.
  const parent: number[] = [];
  const open: number[] = [];
  items.forEach((x, i) => {
    while (open.length && items[open[open.length - 1]].span.end <= x.span.start) open.pop();
    parent.push(open.length ? open[open.length - 1] : -1);
    open.push(i);
  });
  return (at) => {
    let i = lastAtMost(starts, at);
    while (i >= 0 && at >= items[i].span.end) i = parent[i];
    while (outermost && i >= 0 && parent[i] >= 0) i = parent[i];
    return i >= 0 ? items[i] : undefined;
  };
}

/** A `track` value names a track by number or letter (or the number it stands for), by title, or by a conventions track id. */
export function resolveTrack(framework: Framework, value: string, conventions: Conventions): Track | undefined {
  const v = value.trim().toLowerCase().replace(/^track\s+/, '');
  if (!v) return undefined;
  const byNumber = framework.tracks.find((t) => t.number.toLowerCase() === v);
  if (byNumber) return byNumber;
  // (`track=2` names "Track II" or "Track Two" too, and `track=two` "Track 2".)
  const ordinal = trackOrdinal(v);
  const byOrdinal = ordinal !== undefined ? framework.tracks.find((t) => trackOrdinal(t.number) === ordinal) : undefined;
  if (byOrdinal) return byOrdinal;
  const byTitle = framework.tracks.find((t) => t.title.toLowerCase() === v);
  if (byTitle) return byTitle;
  const entry = conventions.framework.tracks.find((t) => t.id.toLowerCase() === v);
  if (entry) return framework.tracks.find((t) => t.title.toLowerCase() === entry.title.toLowerCase());
  return undefined;
}
