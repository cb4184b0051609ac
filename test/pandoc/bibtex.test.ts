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
}

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
    });
  }
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
