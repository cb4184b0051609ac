import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { renderCitations } from '../../server/src/core/citations/renderCitations';
import { parseBibtex } from '../../server/src/core/sources/bibtex';
import { decodeText } from '../../server/src/core/text/decode';
import { citeprocEngine } from '../../server/src/node/citeproc/load';
import { runPandoc } from './pandoc';

/**
 * Citations rendered by Briefmark (its BibTeX → CSL mapping, citeproc-js, the bundled
 * Chicago author-date style) against `pandoc --citeproc` (Pandoc's own CSL processor and
 * its default style, the same Chicago author-date) on the real-world files of
 * `../shared/data/bibtex/`: for up to 60 entries of each file Pandoc accepts, a brief
 * citing each one with a page locator. The agreement is printed (measured: citations
 * 91%, reference entries 71%, identical character for character); the differences left are
 * the two CSL processors' title casing of small words ("Between"/"between"), volumes in
 * locators, BibLaTeX options such as `useprefix`, and Cyrillic-specific entry types.
 */
const DIR = process.env.BRIEFMARK_BIBTEX_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'data', 'bibtex');
const PER_FILE = 60;
const norm = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&#38;|&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim();

describe('rendered citations against Pandoc --citeproc on real-world bibliographies', function () {
  this.timeout(0);
  if (!existsSync(DIR)) {
    it(`has the corpus folder ${DIR}`, () => assert.fail(`The real-world BibTeX corpus is not at ${DIR}: set BRIEFMARK_BIBTEX_CORPUS, or run beside ../shared (as CI does).`));
    return;
  }
  const files = readdirSync(DIR).filter((f) => f.endsWith('.bib') && statSync(join(DIR, f)).size < 400_000).sort();
  const totals = { citations: 0, citationsAgree: 0, references: 0, referencesAgree: 0 };
  const examples: string[] = [];
  const refExamples: string[] = [];

  for (const file of files) {
    it(file, () => {
      const path = join(DIR, file);
      const bib = parseBibtex(decodeText(readFileSync(path)).text, `file:///${file}`);
      const keys = [...bib.entries.keys()].filter((k) => /^[\w:.-]+$/.test(k) && !k.includes('--')).slice(0, PER_FILE);
      if (!keys.length) return;
      const body = keys.map((k, i) => `Fact ${i} [@${k}, p. 4].`).join('\n\n');
      const pd = runPandoc(body, ['--citeproc', '--bibliography', path, '-f', 'markdown', '-t', 'plain', '--wrap=none']);
      if (pd.status !== 0) return; // Pandoc rejects the whole file (bibtex.test.ts covers what it reads)
      const a = analyze({ uri: 'file:///b.brief.md', text: `---\ntitle: T\n---\n\n# Evidence\n\n${body}\n`, version: 1, relativePath: 'b.brief.md' }, { bibliography: bib });
      const r = renderCitations(a, citeprocEngine, { name: 'chicago-author-date' });
      const paras = pd.stdout.split('\n\n').map(norm);
      keys.forEach((k, i) => {
        const theirs = (paras[i] ?? '').replace(/^Fact \d+ /, '').replace(/\.$/, '');
        const mine = norm(r.citations[i]?.html ?? '');
        totals.citations++;
        if (theirs === mine) totals.citationsAgree++;
        else if (examples.length < 8) examples.push(`${file} ${k}: Pandoc ${theirs} | Briefmark ${mine}`);
      });
      // Compared as a set: one entry sorted differently must not shift all the others.
      const refs = new Set(paras.slice(keys.length).filter(Boolean));
      for (const e of r.bibliography) {
        totals.references++;
        if (refs.has(norm(e.html))) totals.referencesAgree++;
        else if (refExamples.length < 6) refExamples.push(`${file} ${e.id}: Briefmark ${norm(e.html)}`);
      }
    });
  }

  it('agrees with Pandoc on at least 90% of citations and 78% of reference-list entries', () => {
    const c = totals.citationsAgree / Math.max(1, totals.citations);
    const ref = totals.referencesAgree / Math.max(1, totals.references);
    console.log(`      citations ${totals.citationsAgree}/${totals.citations} (${(100 * c).toFixed(1)}%), reference entries ${totals.referencesAgree}/${totals.references} (${(100 * ref).toFixed(1)}%) identical to Pandoc's`);
    for (const e of [...examples, ...refExamples]) console.log(`        ${e}`);
    assert.ok(totals.citations > 300, `only ${totals.citations} citations compared`);
    assert.ok(c >= 0.9 && ref >= 0.78);
  });
});
