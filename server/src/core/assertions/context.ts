/**
 * The sentences around a sentence, as evidence of what it is. In briefs, facts come in
 * paragraphs of facts and judgements in paragraphs of judgements: a statement of how things
 * are with no cue of its own ("When the term ends, the property reverts to the
 * freeholder.") scores low alone but sits among sentences that read as facts, and a
 * judgement with a figure sits among judgements. The classifier reads one sentence at a
 * time (it was trained on sentences alone); this moves its score by how far the scores of
 * its neighbours lie from a pivot (docs/assertions.md, "The sentences around a sentence").
 */
export const CONTEXT = {
  /** Neighbours: up to this many judged sentences on each side, in the same paragraph and run of lines. */
  window: 2,
  /** How much the neighbours' mean score, less the pivot, moves the sentence's score. */
  weight: 0.4,
  /** Neighbours scoring this on average leave the score alone. */
  pivot: 0.55,
  /**
   * A sentence of fewer words is never lifted: a paragraph's topic sentence ("Compliance has
   * been uneven.", "The shift remains contested.") heads the facts that bear it out, and is
   * a judgement of them.
   */
  minWords: 5,
  /**
   * Nor is a paragraph's first sentence of fewer words than this: a topic sentence opens its
   * paragraph ("Debt service is the main risk.", "Auckland offers a test from abroad."; on
   * the whole briefs, the two such sentences the neighbours lifted were judgements, 7
   * December, later).
   */
  minWordsOpening: 7,
  /**
   * Added to the score of a sentence in a section whose heading says it states facts
   * ("Background", "Context", "Key facts", "Current law", "How leasehold works";
   * `model/sectionNames.ts`, `factualHeading`): the author's own structure is evidence too
   * (on the whole briefs, 7 December, later: 0.1 found 10 facts more for 2 false alarms
   * more, 0.15 15 for 3, 0.2 17 for 4; 0.1 kept).
   */
  sectionPrior: 0.1,
};

export interface InContext {
  /** The classifier's score, or undefined for a sentence not judged (exempt): no neighbour of anyone. */
  score?: number;
  /**
   * Whether the sentence opens a line of its own (only blanks before it on its line). A
   * paragraph written one sentence to a line (semantic line breaks, a list of statements
   * pasted line by line) gives each sentence no neighbours: nothing there says they belong
   * together. Prose wrapped at a width, or a paragraph on one line, keeps them.
   */
  opensLine: boolean;
  /** How many words it has (letters or digits). */
  words?: number;
}

/**
 * Each sentence's shift (0 for one with no neighbour): `weight × (mean of the neighbours'
 * scores − pivot)`, but never upwards for a sentence of fewer than `minWords` words (or
 * `minWordsOpening` for the paragraph's first sentence). The
 * sentences are a paragraph's, in order; neighbours are judged sentences at most `window`
 * places away with no line opened by a sentence between them.
 */
export function contextShifts(sentences: readonly InContext[]): number[] {
  const shifts = new Array<number>(sentences.length).fill(0);
  // The run of lines each sentence belongs to: a new one at each sentence that opens a line.
  const run: number[] = [];
  let current = 0;
  for (let i = 0; i < sentences.length; i++) run.push(i > 0 && sentences[i].opensLine ? ++current : current);
  for (let i = 0; i < sentences.length; i++) {
    if (sentences[i].score === undefined) continue;
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - CONTEXT.window); j <= Math.min(sentences.length - 1, i + CONTEXT.window); j++) {
      const s = sentences[j].score;
      if (j === i || s === undefined || run[j] !== run[i]) continue;
      sum += s;
      n++;
    }
    const shift = n > 0 ? CONTEXT.weight * (sum / n - CONTEXT.pivot) : 0;
    shifts[i] = shift > 0 && (sentences[i].words ?? CONTEXT.minWords) < (i === 0 ? CONTEXT.minWordsOpening : CONTEXT.minWords) ? 0 : shift;
  }
  return shifts;
}

/** What moved a sentence's score where that decided, in words: "among the sentences around it", "in a section of facts" (both, comma-separated). */
export function movedBy(context: number | undefined, section: number | undefined): string {
  return [context !== undefined && 'among the sentences around it', section !== undefined && 'in a section of facts'].filter(Boolean).join(', ');
}

/** Whether the sentences around a sentence decided its verdict: its own score and its score with them lie on either side of the threshold. */
export function decidedByContext(score: number, shift: number, threshold: number): boolean {
  return shift !== 0 && score < threshold !== score + shift < threshold;
}
