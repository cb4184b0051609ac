import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { FIXTURES } from './helpers/fixtures';
import { TRAINING_BRIEFS, unmark } from '../../scripts/assertions/wholeBriefs';

/**
 * `possible-unsourced-assertion` on whole briefs (test/fixtures/assertions/whole-briefs/):
 * seventy-three briefs written for this (one as plain text, its sections numbered lines), each sentence labelled by the guide of docs/assertions.md
 * before the rule ran on it — `⟨A⟩` after an assertion of fact the rule should report
 * (no source, no claim tag), `⟨N⟩` after one it should not (a judgement, a recommendation,
 * a forecast, a sourced sentence), `⟨?⟩` where the guide does not decide. The markers are
 * removed, the brief analysed as a whole (headings, lists, tables, quotations, footnotes,
 * claims), and each labelled sentence counted as reported when a finding starts in it.
 * The figures and every mistake are recorded in `whole-briefs.expected.txt`
 * (`UPDATE_FIXTURES=1` rewrites it): a change to the detector shows as a change there.
 * The classifier is trained on the sentences of the briefs of `TRAINING_BRIEFS`: the figures
 * are given for all, and for the others alone (briefs the model never saw).
 */
const DIR = join(FIXTURES, 'assertions', 'whole-briefs');
const EXPECTED = join(FIXTURES, 'assertions', 'whole-briefs.expected.txt');
function evaluateBrief(name: string): { tp: number; fp: number; fn: number; tn: number; lines: string[] } {
  const { text, labelled } = unmark(readFileSync(join(DIR, name), 'utf8'));
  // (Its name is its workspace path: a brief written as plain text is one by its name, `*.brief.md`, as the seed brief is.)
  const findings = analyze({ uri: `file:///whole-briefs/${name}`, relativePath: name, text }).diagnostics.filter((d) => d.code === 'possible-unsourced-assertion');
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const lines: string[] = [];
  const used = new Set<number>();
  const show = (s: { start: number; end: number }) => JSON.stringify(text.slice(s.start, s.end).trim().slice(0, 100));
  for (const l of labelled) {
    const hit = findings.findIndex((d) => d.span.start >= l.start && d.span.start < l.end);
    for (let i = 0; i < findings.length; i++) if (findings[i].span.start >= l.start && findings[i].span.start < l.end) used.add(i);
    if (l.label === '?') continue;
    const reported = hit >= 0;
    if (l.label === 'A') reported ? counts.tp++ : counts.fn++;
    else reported ? counts.fp++ : counts.tn++;
    if (reported !== (l.label === 'A')) lines.push(`  ${reported ? 'false alarm' : 'missed'}: ${show(l)}${reported ? ` (${(findings[hit].data as { score: number }).score})` : ''}`);
  }
  findings.forEach((d, i) => used.has(i) || lines.push(`  reported, not labelled: ${show(d.span)}`));
  return { ...counts, lines };
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');

describe('possible-unsourced-assertion on whole labelled briefs (test/fixtures/assertions/whole-briefs)', () => {
  it('reproduces the recorded figures and mistakes', () => {
    const names = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
    assert.ok(names.length >= 6);
    const total = { tp: 0, fp: 0, fn: 0, tn: 0 };
    const held = { ...total };
    const out: string[] = [];
    for (const name of names) {
      const r = evaluateBrief(name);
      for (const k of ['tp', 'fp', 'fn', 'tn'] as const) {
        total[k] += r[k];
        if (!TRAINING_BRIEFS.includes(name)) held[k] += r[k];
      }
      out.push(`${name}: ${r.tp} found, ${r.fn} missed, ${r.fp} false alarms, ${r.tn} rightly not reported`, ...r.lines);
    }
    const figures = (c: typeof total) => `${c.tp + c.fn} facts, ${c.fp + c.tn} others; precision ${f2(c.tp / (c.tp + c.fp))}, recall ${f2(c.tp / (c.tp + c.fn))}`;
    out.push(`all: ${figures(total)}`, `not trained on (${names.length - TRAINING_BRIEFS.length} briefs): ${figures(held)}`);
    const got = out.join('\n') + '\n';
    if (process.env.UPDATE_FIXTURES) writeFileSync(EXPECTED, got);
    assert.equal(got, readFileSync(EXPECTED, 'utf8'));
  });

  it('reads the markers where they are: a labelled sentence spans from its line or the previous marker', () => {
    const { text, labelled } = unmark('# T\n\nOne fell.⟨A⟩ Two\nrose.⟨N⟩\n- Three.⟨?⟩\n\nFour\nfive.⟨A⟩\n');
    assert.equal(text, '# T\n\nOne fell. Two\nrose.\n- Three.\n\nFour\nfive.\n');
    assert.deepEqual(labelled.map((l) => `${l.label}:${text.slice(l.start, l.end)}`), ['A:One fell.', 'N: Two\nrose.', '?:- Three.', 'A:Four\nfive.']);
  });
});
