import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBibtex } from '../../server/src/core/sources/bibtex';
import { decodeText } from '../../server/src/core/text/decode';
import { pandocVersion, runPandoc } from './pandoc';

/**
 * BibTeX read as Pandoc reads it, on real-world files: for each `.bib` of
 * `../shared/data/bibtex/` (the folder CI has beside the clone; its README says where
 * every file comes from), `pandoc -f biblatex -t csljson` gives the keys Pandoc reads, and
 * every one of them must resolve in Briefmark, read the way the language server and the
 * CLI read the file (`decodeText`, then `parseBibtex`). Titles are compared as well, and
 * the agreement is printed. `npm run test:corpus` runs this file alone.
 */

const DIR = process.env.BRIEFMARK_BIBTEX_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'data', 'bibtex');

interface CslItem {
  id: string;
  title?: string;
  [field: string]: unknown;
}

/** The fields of the CSL items compared with Pandoc's (what a citation and a reference show), each as a comparable string. */
const CSL_FIELDS: Record<string, (i: Record<string, unknown>) => string> = {
  type: (i) => String(i.type ?? ''),
  'author families': (i) => names(i.author),
  // Every part of each name (given, particles, suffix) as Pandoc gives it.
  'author names, all parts': (i) => (Array.isArray(i.author) ? JSON.stringify(i.author.map((n: Record<string, unknown>) => Object.fromEntries(Object.entries(n).sort()))) : ''),
  'editor families': (i) => names(i.editor),
  'issued year': (i) => String((i.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0] ?? ''),
  title: (i) => normalise(String(i.title ?? '')),
  'container-title': (i) => normalise(String(i['container-title'] ?? '')),
  publisher: (i) => normalise(String(i.publisher ?? '')),
  volume: (i) => String(i.volume ?? ''),
  page: (i) => String(i.page ?? '').replace(/[–—]/g, '-'),
  DOI: (i) => String(i.DOI ?? '').toLowerCase(),
};
const names = (v: unknown) => (Array.isArray(v) ? v.map((n: Record<string, unknown>) => normalise(String(n.family ?? n.literal ?? ''))).join('; ') : '');
// Agreement wanted on the fields a citation shows (the others are printed).
const CSL_FLOORS: Record<string, number> = { type: 0.99, 'author families': 0.99, 'author names, all parts': 0.98, 'issued year': 0.95, title: 0.995, 'container-title': 0.995, publisher: 0.995 };

describe('BibTeX against Pandoc on real-world files', function () {
  this.timeout(0);
  if (!existsSync(DIR)) {
    it(`has the corpus folder ${DIR}`, () => assert.fail(`The real-world BibTeX corpus is not at ${DIR}: set BRIEFMARK_BIBTEX_CORPUS, or run beside ../shared (as CI does).`));
    return;
  }
  const files = readdirSync(DIR).filter((f) => f.endsWith('.bib')).sort();
  let titles = 0;
  let titlesAgree = 0;
  let keys = 0;
  const cslAgree = new Map<string, { agree: number; of: number; examples: string[] }>(Object.keys(CSL_FIELDS).map((f) => [f, { agree: 0, of: 0, examples: [] }]));
  before(() => console.log(`      ${pandocVersion()}; ${files.length} files in ${DIR}`));
  after(() => console.log(`      ${keys} keys read by Pandoc, all resolved; titles agree on ${titlesAgree} of ${titles} (${((100 * titlesAgree) / Math.max(titles, 1)).toFixed(1)}%)`));

  for (const file of files) {
    it(file, () => {
      const bytes = readFileSync(join(DIR, file));
      const pd = runPandoc('', ['-f', 'biblatex', '-t', 'csljson', join(DIR, file)]);
      const items: CslItem[] = pd.status === 0 ? JSON.parse(pd.stdout || '[]') : [];
      const ours = parseBibtex(decodeText(bytes).text, `file:///${file}`);
      const missing = items.filter((i) => !ours.entries.has(i.id)).map((i) => i.id);
      assert.deepEqual(missing, [], `keys Pandoc reads that Briefmark does not: ${missing.slice(0, 10).join(', ')}`);
      keys += items.length;
      for (const i of items) {
        if (!i.title) continue;
        titles++;
        if (normalise(ours.entries.get(i.id)!.title ?? '') === normalise(i.title)) titlesAgree++;
      }
      for (const i of items) {
        const csl = ours.entries.get(i.id)!.csl;
        for (const [field, get] of Object.entries(CSL_FIELDS)) {
          const theirs = get(i);
          const mine = get(csl);
          if (!theirs && !mine) continue;
          const a = cslAgree.get(field)!;
          a.of++;
          if (theirs === mine) a.agree++;
          else if (a.examples.length < 3) a.examples.push(`${file} ${i.id}: Pandoc ${JSON.stringify(theirs)}, Briefmark ${JSON.stringify(mine)}`);
        }
      }
    });
  }

  it('gives the CSL engine the fields Pandoc gives citeproc (type, names, year, container, …)', () => {
    const lines: string[] = [];
    const failures: string[] = [];
    for (const [field, a] of cslAgree) {
      const rate = a.agree / Math.max(a.of, 1);
      lines.push(`${field} ${a.agree}/${a.of} (${(100 * rate).toFixed(1)}%)`);
      if (rate < (CSL_FLOORS[field] ?? 0)) failures.push(`${field}: ${(100 * rate).toFixed(1)}% < ${100 * CSL_FLOORS[field]}%, e.g. ${a.examples.join(' | ')}`);
    }
    console.log(`      CSL fields agreeing with Pandoc's: ${lines.join(', ')}`);
    assert.deepEqual(failures, []);
  });
});

/** Titles compared without case, white space, quotes and markup differences that citeproc styles away. */
function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[\s\u00a0"“”'‘’`{}]+/g, ' ')
    .trim();
}
