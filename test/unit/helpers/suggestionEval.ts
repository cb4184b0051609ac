import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rankCitations, suggestCitations, type SuggestionOptions } from '../../../server/src/core/features/citationSuggestions';
import type { BibEntry } from '../../../server/src/core/sources/bibliography';
import { parseCslYaml } from '../../../server/src/core/sources/csl';

/**
 * The citation-suggestion evaluation set (test/fixtures/suggestions/): a bibliography and
 * claims labelled with the entry that sources them (or none), written and labelled before
 * tuning. The split is fixed by the claim's text: 40% held out (never looked at while
 * choosing the floor), 60% to tune on.
 */
const DIR = join(__dirname, '..', '..', 'fixtures', 'suggestions');

export interface LabelledClaim {
  id: string;
  expected?: string;
  text: string;
  split: 'tune' | 'held-out';
}

export function loadSuggestionSet(): { entries: Map<string, BibEntry>; claims: LabelledClaim[] } {
  const bib = parseCslYaml(readFileSync(join(DIR, 'bibliography.yaml'), 'utf8'), 'file:///suggestions/bibliography.yaml');
  const claims = readFileSync(join(DIR, 'claims.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [id, expected, text] = l.split('\t');
      const h = parseInt(createHash('sha256').update(text).digest('hex').slice(0, 8), 16) % 100;
      return { id, expected: expected === '-' ? undefined : expected, text, split: h < 40 ? ('held-out' as const) : ('tune' as const) };
    });
  return { entries: bib.entries, claims };
}

export interface SuggestionFigures {
  claims: number;
  withSource: number;
  top1: number;
  top3: number;
  withoutSource: number;
  /** Claims whose source is not in the bibliography that got no suggestion. */
  silent: number;
}

export function evaluateSuggestions(entries: Map<string, BibEntry>, claims: LabelledClaim[], options?: SuggestionOptions): SuggestionFigures {
  const f: SuggestionFigures = { claims: claims.length, withSource: 0, top1: 0, top3: 0, withoutSource: 0, silent: 0 };
  for (const c of claims) {
    const got = suggestCitations(entries, c.text, undefined, options).map((s) => s.entry.key);
    if (c.expected) {
      f.withSource++;
      if (got[0] === c.expected) f.top1++;
      if (got.includes(c.expected)) f.top3++;
    } else {
      f.withoutSource++;
      if (got.length === 0) f.silent++;
    }
  }
  return f;
}

export { rankCitations };
