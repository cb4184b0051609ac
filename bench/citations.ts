/**
 * Rendered citations (the preview's `briefmark/renderedCitations`, the citation hover):
 * citeproc-js over a dense brief citing real entries (`../shared/data/bibtex/`, a Zotero
 * export), side by side with the brief's analysis from scratch in the same run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../server/src/core/analysis';
import { formatReference, renderCitations } from '../server/src/core/citations/renderCitations';
import { parseBibtex } from '../server/src/core/sources/bibtex';
import { decodeText } from '../server/src/core/text/decode';
import { citeprocEngine } from '../server/src/node/citeproc/load';
import { median, ms, time } from './lib';

const BIB = join(__dirname, '..', '..', 'shared', 'data', 'bibtex', 'zotero-native-export-thesis.bib');

export function benchCitations(verdict: (ok: boolean, text: string) => void, runs: number): Record<string, number> {
  if (!existsSync(BIB)) {
    console.log(`citations: skipped (${BIB} is missing; run beside ../shared)`);
    return {};
  }
  const bib = parseBibtex(decodeText(readFileSync(BIB)).text, 'file:///refs.bib');
  const keys = [...bib.entries.keys()].filter((k) => /^[\w:.-]+$/.test(k) && !k.includes('--'));
  const t0 = performance.now();
  citeprocEngine.format({ style: { name: 'chicago-author-date' }, items: [], clusters: [] });
  const load = performance.now() - t0;
  const body = Array.from({ length: 1000 }, (_, i) => `Fact ${i} is stated here [@${keys[i % keys.length]}, p. ${i + 1}].`).join(' ');
  const text = `---\ntitle: T\n---\n\n# Evidence\n\n${body}\n`;
  const input = (t: string, v: number) => ({ uri: 'file:///b.brief.md', text: t, version: v, relativePath: 'b.brief.md' });
  const a = analyze(input(text, 1), { bibliography: bib });
  const analysis = median(time(() => analyze(input(text, 1), { bibliography: bib }), runs, 1));
  const render = median(time(() => renderCitations(a, citeprocEngine, { name: 'chicago-author-date' }), runs, 1));
  const memo = { key: '', value: undefined as never };
  renderCitations(a, citeprocEngine, { name: 'chicago-author-date' }, memo);
  const edited = analyze(input(text.replace('Fact 5 is', 'Fact five is'), 2), { bibliography: bib });
  const unchanged = median(time(() => renderCitations(edited, citeprocEngine, { name: 'chicago-author-date' }, memo), runs));
  const hover = median(time((i) => formatReference(a, citeprocEngine, { name: 'chicago-author-date' }, keys[i % keys.length]), 21));
  console.log(`citations: engine load ${ms(load)}; 1,000 citations (${(text.length / 1024).toFixed(0)} KB): rendered in ${ms(render)} (analysis from scratch ${ms(analysis)}, ×${(render / analysis).toFixed(1)}); after an edit that changes no citation ${ms(unchanged)}; one formatted reference (hover) ${ms(hover)}`);
  verdict(unchanged < 50, `an edit that changes no citation re-renders 1,000 citations in ${ms(unchanged)} (target < 50 ms: the engine is not asked again)`);
  verdict(hover < 50, `the citation hover's formatted reference in ${ms(hover)} (target < 50 ms)`);
  return { engineLoadMs: load, render1000Ms: render, analysis1000Ms: analysis, renderUnchangedMs: unchanged, hoverReferenceMs: hover };
}
