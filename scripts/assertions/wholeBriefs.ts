/**
 * The labelled whole briefs (test/fixtures/assertions/whole-briefs/): `⟨A⟩` after an
 * assertion of fact the rule should report, `⟨N⟩` after a sentence it should not, `⟨?⟩`
 * where the guide does not decide (docs/assertions.md, "Labelling guide"; their figures under "Measured precision and recall"). Read here for two
 * uses: `test/unit/wholeBriefs.test.ts` runs the rule on each brief whole, and the trainer
 * takes the labelled sentences of the briefs named in `TRAINING_BRIEFS` as brief-register
 * training sentences (the others, and every brief added later, are only measured).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Example } from './data';

export const WHOLE_BRIEFS = join(__dirname, '..', '..', 'test', 'fixtures', 'assertions', 'whole-briefs');

/**
 * The briefs whose sentences the classifier is trained on: the 23 of the 44 of 7 December
 * whose name's hash fell in the lower half (`bucket(name, 'whole') < 50`), fixed here so
 * that a brief added later is held out. The other 21, and the twelve written later the same
 * day, stay a measure of the rule on briefs the model never saw.
 */
export const TRAINING_BRIEFS: readonly string[] = [
  'absence.md', 'aid.md', 'algorithms.md', 'antibiotics.md', 'billanalysis.md', 'care.md', 'cbam.md', 'chips.md',
  'consultation.md', 'council.md', 'drones.md', 'fisheries.md', 'glp1.md', 'impact.md', 'leasehold.md', 'methane.md',
  'pfas.md', 'prisons.md', 'rates.md', 'shipping.md', 'toys.md', 'update.md', 'windfall.md',
];

const MARKER = /⟨([AN?])⟩/g;

export interface Labelled {
  label: 'A' | 'N' | '?';
  /** From the later of the previous marker and the start of its block's line, to the marker (offsets in the brief without markers). */
  start: number;
  end: number;
}

/** Where the line that opens the block at the end of `text` starts: back over wrapped lines (in a quotation too) to a blank line or a line that starts a block (heading, list item, quote, table row). */
function blockLineStart(text: string): number {
  let start = text.lastIndexOf('\n') + 1;
  while (start > 0) {
    const previousStart = text.lastIndexOf('\n', start - 2) + 1;
    const previous = text.slice(previousStart, start - 1);
    // A quotation's lines each open with ">": its wrapped lines go on the same paragraph.
    const quoted = /^\s*>/.test(previous) && /^\s*>\s*\S/.test(previous) && /^\s*>/.test(text.slice(start, start + 12));
    if (previous.trim() === '' || (!quoted && /^\s*(?:[-*+>#|]|\d+[.)])/.test(text.slice(start, start + 12)))) break;
    start = previousStart;
  }
  return start;
}

/** The brief without its markers, and where each labelled sentence is in it. */
export function unmark(source: string): { text: string; labelled: Labelled[] } {
  let text = '';
  let from = 0;
  const labelled: Labelled[] = [];
  for (const m of source.matchAll(MARKER)) {
    text += source.slice(from, m.index);
    const line = blockLineStart(text);
    const previous = labelled.length ? labelled[labelled.length - 1].end : 0;
    labelled.push({ label: m[1] as Labelled['label'], start: Math.max(line, previous), end: text.length });
    from = m.index! + m[0].length;
  }
  return { text: text + source.slice(from), labelled };
}

/** A source of its own (a footnote, a citation, a link) or a claim: labelled by whether the rule should report it, not by whether it states a fact. */
const SOURCED_OR_TAGGED = /\[\^|\[@|\]\(|:claim\[|:::/;

/**
 * A labelled sentence's words, its Markdown marks left out, as the rule gives them to the
 * classifier: list and heading markers, quotation marks, emphasis, a tag's brackets and
 * attributes, a link's target; a table row's cells joined by " ; ".
 */
export function plainWords(markdown: string): string {
  return markdown
    .replace(/^\s*(?:>\s*)*(?:[-*+]|\d+[.)]|#+)\s+/gm, '')
    .replace(/^\s*(?:>\s*)+/gm, '')
    .replace(/:[a-z][\w-]*\[([^\]]*)\](?:\{[^}]*\})?/g, '$1')
    .replace(/\*\*|__|(?<!\w)[*_]|[*_](?!\w)/g, '')
    .replace(/\s*\|\s*/g, ' ; ')
    .replace(/^\s*;\s*|\s*;\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The labelled sentences of the whole briefs as classifier examples (source `whole`):
 * `train` for the briefs of `TRAINING_BRIEFS`, `test` for the others. A sentence labelled
 * `?`, or carrying a source or a claim tag (its `⟨N⟩` says it is sourced, not that it is no
 * fact), is left out.
 */
export function wholeBriefSet(dir = WHOLE_BRIEFS): Example[] {
  const out: Example[] = [];
  const training = new Set(TRAINING_BRIEFS);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const { text, labelled } = unmark(readFileSync(join(dir, name), 'utf8'));
    for (const l of labelled) {
      const markdown = text.slice(l.start, l.end);
      if (l.label === '?' || SOURCED_OR_TAGGED.test(markdown)) continue;
      const words = plainWords(markdown);
      if (words.length >= 3) out.push({ source: 'whole', split: training.has(name) ? 'train' : 'test', text: words, label: l.label === 'A' ? 1 : 0, kind: name });
    }
  }
  return out;
}
