import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { applyEdits, codeActions, PROBE_BUDGET } from '../../server/src/core/features/codeActions';
import { suggestCitations } from '../../server/src/core/features/citationSuggestions';

const BRIEF = `---
brief: true
references:
  - id: frozen-assets-report
    title: Frozen Russian assets and the reconstruction of Ukraine
  - id: geneva-notes
    title: Notes on the Geneva talks
  - id: unrelated
    title: Fisheries policy in the Baltic
---

# Brief

## Context

Reconstruction needs may exceed :claim[$400 billion for Ukraine reconstruction]. Estimates vary [@geneva-notes].

Frozen Russian assets worth $300 billion could fund the reconstruction of Ukraine.

  Delegations met in Geneva on 23 November, officials said.

| Depository | Holdings |
|---|---|
| Euroclear | frozen Russian assets for the reconstruction of Ukraine: €183 billion in 2024 |

A footnote with no definition [^missing] is cited here [@unrelated].

An :cliam[almost-tag] is here [@frozen-assets-report].

The talks are described in the notes [@geneva-ntoes].
`;

const analyzeText = (text: string): Analysis => analyze({ uri: 'file:///b.brief.md', text });
const summary = (a: Analysis) => a.diagnostics.map((d) => `${d.code} ${a.model.text.slice(d.span.start, d.span.end)}`).sort();

describe('quick fixes', () => {
  const before = analyzeText(BRIEF);

  it('the brief starts with one diagnostic of each kind fixed here', () => {
    assert.deepEqual(before.diagnostics.map((d) => d.code).sort(), ['possible-unsourced-assertion', 'possible-unsourced-assertion', 'possible-unsourced-assertion', 'unknown-source', 'unknown-source', 'unknown-tag', 'unsourced-claim']);
  });

  it('suggests the bibliography entries a claim is about (BM25 above a floor), best first', () => {
    const ranked = suggestCitations(before.bibliography.entries, 'Frozen Russian assets could fund Ukraine');
    assert.deepEqual(ranked.map((s) => s.entry.key), ['frozen-assets-report']);
    assert.deepEqual(suggestCitations(before.bibliography.entries, 'Turnout in the regional election exceeded 60%'), []);
  });

  it('suggests the right report, not one that shares a single word (the issue\'s example)', () => {
    const text = `---
brief: true
references:
  - id: acer-electricity
    title: Wholesale electricity market monitoring report
    abstract: Day-ahead power prices and market design in the European Union.
  - id: energy-poverty
    title: Energy poverty in the European Union
    abstract: Households in the lowest income quintile spend a larger share of income on energy; many cannot keep their homes warm.
    keyword: [energy poverty, households, affordability]
---

# Energy

:claim[Households in the poorest quintile now spend over 10% of income on energy].
:claim[Pension reform raised the retirement age to 64].
`;
    const a = analyze({ uri: 'file:///e.brief.md', text });
    const titles = (label: string) => {
      const d = a.diagnostics.find((x) => x.code === 'unsourced-claim' && text.slice(x.span.start, x.span.end).includes(label))!;
      return codeActions(a, d.span).filter((x) => x.diagnostic === d).map((x) => x.title);
    };
    assert.deepEqual(titles('poorest quintile'), ['Cite @energy-poverty — Energy poverty in the European Union', 'Add a footnote placeholder for the source ([^source-1])', 'Suppress unsourced-claim for this line']);
    // Nothing in the bibliography is about pensions: only the placeholder is offered.
    assert.deepEqual(titles('Pension reform'), ['Add a footnote placeholder for the source ([^source-1])', 'Suppress unsourced-claim in this paragraph']);
  });

  it('puts the fix of a misspelt tag first, preferred, above the citations of the sentence around it', () => {
    const d = before.diagnostics.find((x) => x.code === 'unknown-tag')!;
    const actions = codeActions(before, d.span);
    assert.equal(actions[0].title, 'Change to "claim"');
    assert.equal(actions[0].isPreferred, true);
    assert.ok(actions.every((x, i) => i === 0 || !x.isPreferred), 'nothing else is preferred');
  });

  it('offers citations (best first, with a placeholder), a claim tag and a line suppression for an assertion', () => {
    const d = before.diagnostics.find((x) => x.code === 'possible-unsourced-assertion' && before.model.text.slice(x.span.start).startsWith('Frozen'))!;
    const titles = codeActions(before, d.span).filter((a) => a.diagnostic === d).map((a) => a.title);
    assert.deepEqual(titles, [
      'Cite @frozen-assets-report — Frozen Russian assets and the reconstruction of U…',
      'Add a footnote placeholder for the source ([^source-1])',
      'Tag this sentence as a claim',
      'Suppress possible-unsourced-assertion for this line',
    ]);
  });

  it('offers no second placeholder where the finding is about a placeholder already there (an assertion or a claim), and still offers real sources', () => {
    const claimBrief = BRIEF.replace('# Brief', '# Brief\n\n:claim[Frozen Russian assets could fund the reconstruction of Ukraine].');
    for (const [code, at, text] of [
      ['possible-unsourced-assertion', 'Frozen Russian assets worth', BRIEF],
      ['unsourced-claim', ':claim[Frozen', claimBrief],
    ] as const) {
      const first = analyzeText(text);
      const d = first.diagnostics.find((x) => x.code === code && text.slice(x.span.start).startsWith(at))!;
      const offered = codeActions(first, d.span).filter((a) => a.diagnostic === d);
      assert.ok(offered.some((a) => a.title.startsWith('Cite @')), `${code}: ${offered.map((a) => a.title).join(' | ')}`);
      const fixed = applyEdits(text, offered.find((a) => a.title.startsWith('Add a footnote placeholder'))!.edits);
      const after = analyzeText(fixed);
      const pending = after.diagnostics.find((x) => x.code === code && fixed.slice(x.span.start).startsWith(at))!;
      assert.match(pending.message, /source still to be added/);
      const titles = codeActions(after, pending.span).filter((a) => a.diagnostic === pending).map((a) => a.title);
      assert.equal(titles.some((t) => t.startsWith('Add a footnote placeholder')), false, `${code}: ${titles.join(' | ')}`);
      assert.ok(titles.some((t) => t.startsWith('Cite @frozen-assets-report')), `${code}: ${titles.join(' | ')}`);
    }
  });

  // Every quick fix, applied and re-checked: its diagnostic is gone and nothing else broke.
  for (const d of analyzeText(BRIEF).diagnostics) {
    const actions = codeActions(analyzeText(BRIEF), d.span).filter((a) => a.diagnostic.code === d.code && a.diagnostic.span.start === d.span.start);
    for (const action of actions) {
      it(`${d.code} at "${BRIEF.slice(d.span.start, d.span.start + 25)}…": ${action.title}`, () => {
        const fixed = applyEdits(BRIEF, action.edits);
        const after = analyzeText(fixed);
        if (action.title.startsWith('Add a footnote placeholder')) {
          // A placeholder is no source: the finding stays, saying that the source is still to be added.
          assert.deepEqual(after.diagnostics.map((x) => x.code).sort(), before.diagnostics.map((x) => x.code).sort(), `after "${action.title}":\n${fixed}`);
          const still = after.diagnostics.find((x) => x.code === d.code && x.span.start === d.span.start);
          assert.match(still?.message ?? '', /source still to be added/);
          return;
        }
        const expected = summary(before).filter((s) => s !== `${d.code} ${BRIEF.slice(d.span.start, d.span.end)}`);
        let got = summary(after);
        if (action.title === 'Tag this sentence as a claim') {
          // The sentence is now a claim: it needs a source, which is unsourced-claim's job.
          const tagged = got.filter((s) => s.startsWith('unsourced-claim :claim[') && !expected.includes(s));
          assert.equal(tagged.length, 1, `one new unsourced claim: ${got.join(' | ')}`);
          got = got.filter((s) => s !== tagged[0]);
        }
        // Suppressing or tagging may change the text a diagnostic covers, not which ones there are.
        assert.deepEqual(got.map((s) => s.split(' ')[0]), expected.map((s) => s.split(' ')[0]), `after "${action.title}":\n${fixed}`);
        assert.equal(after.diagnostics.some((x) => x.code === d.code && after.model.text.slice(x.span.start, x.span.end) === BRIEF.slice(d.span.start, d.span.end)), false, 'the finding is gone');
      });
    }
  }

  it('offers citations for a table row, no claim tag and no suppression comment (either would break the table), and cites inside its last cell', () => {
    const d = before.diagnostics.find((x) => x.code === 'possible-unsourced-assertion' && before.model.text.slice(x.span.start).startsWith('Euroclear'))!;
    assert.equal(BRIEF.slice(d.span.start, d.span.end), 'Euroclear | frozen Russian assets for the reconstruction of Ukraine: €183 billion in 2024');
    const actions = codeActions(before, d.span).filter((a) => a.diagnostic === d);
    assert.deepEqual(actions.map((a) => a.title), ['Cite @frozen-assets-report — Frozen Russian assets and the reconstruction of U…', 'Add a footnote placeholder for the source ([^source-1])']);
    const fixed = applyEdits(BRIEF, actions[0].edits);
    assert.match(fixed, /\| Euroclear \| frozen Russian assets for the reconstruction of Ukraine: €183 billion in 2024 \[@frozen-assets-report\] \|/);
  });

  it('offers the known key for a misspelt citation key', () => {
    const d = before.diagnostics.find((x) => x.code === 'unknown-source' && before.model.text.slice(x.span.start, x.span.end) === 'geneva-ntoes')!;
    assert.deepEqual(codeActions(before, d.span).filter((a) => a.diagnostic === d).map((a) => a.title), ['Change to "geneva-notes"', 'Suppress unknown-source for this line']);
  });

  it('makes an attribute list the parser did not read the tag\'s: spaces between its attributes, or none before it; nothing it cannot make certain', () => {
    const text = '---\nbrief: true\nreferences:\n  - id: ons\n    title: CPI\n---\n\n- :claim[Prices rose by 4%]{src="ons"id="cpi"} in March.\n- :claim[Prices rose by 5%] {src=ons} in April.\n- :claim[Prices rose by 6%]{src=ons id=} in May.\n';
    const a = analyzeText(text);
    const fixes = a.diagnostics
      .filter((d) => d.code === 'unsourced-claim')
      .map((d) => codeActions(a, d.span).find((x) => x.diagnostic === d && x.isPreferred));
    assert.deepEqual(fixes.map((f) => f?.title), ['Separate the attributes with spaces', 'Remove the space before the attribute list', undefined]);
    for (const f of fixes.slice(0, 2)) {
      const after = analyzeText(applyEdits(text, f!.edits));
      assert.equal(after.model.claims.filter((c) => c.srcKeys.some((k) => k.key === 'ons')).length, 1, f!.title);
    }
    assert.deepEqual(analyzeText(applyEdits(text, fixes[0]!.edits)).model.claims[0].id, 'cpi');
  });

  it('has a fix for each of the diagnostics', () => {
    for (const d of before.diagnostics) assert.ok(codeActions(before, d.span).some((a) => a.diagnostic === d && !a.title.startsWith('Suppress')), `a fix for ${d.code}`);
  });

  it('cites in the claim\'s src where a citation after it would be code for Pandoc (a backtick in the label; found by the long fuzz run)', () => {
    const text = BRIEF.replace('Frozen Russian assets worth $300 billion could fund the reconstruction of Ukraine.', ':claim[Frozen Russian assets `worth $300 billion could fund the reconstruction of Ukraine]. A `code` span.');
    const a = analyzeText(text);
    const d = a.diagnostics.find((x) => x.code === 'unsourced-claim' && a.model.text.slice(x.span.start, x.span.end).includes('Frozen'))!;
    const cite = codeActions(a, d.span).find((x) => x.diagnostic === d && x.title.startsWith('Cite @frozen-assets-report'))!;
    assert.ok(cite, 'a Cite fix');
    const fixed = applyEdits(text, cite.edits);
    assert.ok(fixed.includes('of Ukraine]{src=frozen-assets-report}'), fixed.slice(0, 600));
    assert.ok(!analyzeText(fixed).diagnostics.some((x) => x.code === 'unsourced-claim' && x.span.start === d.span.start));
    // After the label, Pandoc's code span from the label's backtick would hold the citation: no citation there.
    const after = text.replace('of Ukraine]', 'of Ukraine] [@frozen-assets-report]');
    assert.ok(!analyzeText(after).model.citations.some((c) => c.items.some((i) => i.key === 'frozen-assets-report' && i.keySpan.start < after.indexOf('A `code`'))));
  });

  it('places a suppression code where it is written, on a comment\'s continuation line with its indentation or a quote marker (long fuzz run, seed 222222)', () => {
    for (const text of ['---\nbrief: true\n---\n\nMacron said 40% of talks failed.<!-- briefmark-enable\n[see @nowhere]\n unsourced-claimm -->x\n', '---\nbrief: true\n---\n\n> Quote <!-- briefmark-disable\n>   unsourced-claimm -->x\n']) {
      const a = analyzeText(text);
      assert.deepEqual(a.model.suppressions.flatMap((x) => x.codeSpans.map((c) => text.slice(c.start, c.end))).filter((c) => c.startsWith('unsourced')), ['unsourced-claimm']);
      const d = a.diagnostics.find((x) => x.code === 'invalid-conventions' && text.slice(x.span.start, x.span.end) === 'unsourced-claimm')!;
      const fix = codeActions(a, d.span).find((x) => x.title === 'Change to "unsourced-claim"')!;
      assert.ok(applyEdits(text, fix.edits).includes('unsourced-claim -->'), applyEdits(text, fix.edits));
    }
  });

  it('reads a comment line indented with a space and a tab in a list item as silencing the line after it (long fuzz run, seed 838383)', () => {
    // The item's content starts at column 3: the tab is taken in part, and the HTML node's value starts with a space its source does not hold.
    const text = '---\nbrief: true\n---\n\n1. An item.\n\n \t<!-- briefmark-disable-next-line unknown-tag -->\n \tA line with :cliam[x].\n \tAnother with :cliam[y].\n';
    const a = analyzeText(text);
    assert.deepEqual(a.model.suppressions.map((s) => [s.line, text.slice(s.span.start, s.span.end)]), [[7, '<!-- briefmark-disable-next-line unknown-tag -->']]);
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'unknown-tag').map((d) => a.model.lines.positionAt(d.span.start).line), [8]);
  });

  it('cites a lead-in before its colon, where the citation sources the list after it too', () => {
    const text = '---\nbrief: true\nreferences:\n  - id: ons2024\n    title: Labour market overview, UK\n---\n\n# Labour\n\nAccording to the Office for National Statistics, in the three months to July 2024 the labour market overview showed:\n\n- unemployment rose to 4.1%;\n- vacancies fell by 26,000.\n';
    const a = analyzeText(text);
    const d = a.diagnostics.find((x) => text.slice(x.span.start, x.span.end).startsWith('According'))!;
    assert.ok(d, a.diagnostics.map((x) => text.slice(x.span.start, x.span.end)).join(' | '));
    const cite = codeActions(a, d.span).find((x) => x.diagnostic === d && x.title.startsWith('Cite @ons2024'))!;
    const fixed = applyEdits(text, cite.edits);
    assert.ok(fixed.includes('overview showed [@ons2024]:'), fixed);
    assert.deepEqual(analyzeText(fixed).diagnostics.filter((x) => x.code === 'possible-unsourced-assertion'), []);
    const tag = codeActions(a, d.span).find((x) => x.diagnostic === d && x.title === 'Tag this sentence as a claim')!;
    assert.ok(applyEdits(text, tag.edits).includes('overview showed]:'));
  });

  it("makes a converted brief's note numbers footnotes and its notes list their definitions, only where every number names a note", () => {
    const brief = (notes: string, extra = '') =>
      `---\nbrief: true\n---\n# Water\n\nReservoirs stood at 23% of capacity in February 2026.¹ Tariffs rose 4% in 2024.<sup>2</sup>\n\n:claim[Rents rose 9% in 2024][[3]](#footnote-3) and fell in 2025 [1, 2].${extra}\n\n## Notes\n\n${notes}\n`;
    const NOTES = '1. Junta de Andalucía, *Boletín hidrológico*, 2026.\n2. AEAS, Tarifas 2024,\n   p. 4.\n3. INE, Rents, 2025.';
    const fixOf = (text: string) => {
      const a = analyzeText(text);
      const d = a.diagnostics.find((x) => / is a (?:note number|numbered reference)/.test(x.message));
      return d && codeActions(a, d.span).find((x) => x.title.startsWith("Make the brief's"));
    };
    const text = brief(NOTES);
    const fix = fixOf(text)!;
    assert.equal(fix.title, "Make the brief's 5 note numbers footnotes, and its 3 notes their definitions");
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('February 2026.[^1] Tariffs rose 4% in 2024.[^2]'), fixed);
    assert.ok(fixed.includes(':claim[Rents rose 9% in 2024][^3] and fell in 2025 [^1][^2].'), fixed);
    assert.ok(fixed.endsWith('## Notes\n\n[^1]: Junta de Andalucía, *Boletín hidrológico*, 2026.\n[^2]: AEAS, Tarifas 2024,\n   p. 4.\n[^3]: INE, Rents, 2025.\n'), fixed);
    assert.deepEqual(analyzeText(fixed).diagnostics.map((x) => x.code), []);
    // One note number and one note: said in the singular; a numbered reference after the full stop and a space is the sentence's.
    const one = '---\nbrief: true\n---\n# Water\n\nReservoirs stood at 23% of capacity in February 2026. [1] Tariffs rose.\n\n## Notes\n\n1. Junta de Andalucía, 2026.\n';
    const single = fixOf(one)!;
    assert.equal(single.title, "Make the brief's note number a footnote, and its note the footnote's definition");
    assert.ok(applyEdits(one, single.edits).includes('February 2026. [^1] Tariffs rose.'));
    // One edit of the whole brief: offered once over a selection of all its findings.
    assert.equal(codeActions(analyzeText(text), { start: 0, end: text.length }).filter((x) => x.title.startsWith("Make the brief's")).length, 1);
    // Not where it is not certain: a number no note has, a footnote id already taken, items not numbered 1, 2, 3…, a placeholder note, no notes heading.
    assert.equal(fixOf(brief(NOTES, ' Prices fell 2% in 2023.⁴')), undefined);
    assert.equal(fixOf(brief(NOTES, ' Wages rose 3% in 2023.[^1]\n\n[^1]: ONS, 2024.')), undefined);
    assert.equal(fixOf(brief(NOTES.replace('2. AEAS', '4. AEAS'))), undefined);
    assert.equal(fixOf(brief(NOTES.replace('3. INE, Rents, 2025.', '3. TODO'))), undefined);
    assert.equal(fixOf(brief(NOTES).replace('## Notes', '## Annex')), undefined);
    // Not on a sentence that a note number opens: the call would source the sentence before it.
    const opened = brief(NOTES, '\n\n[2] The agency said 40% of dams were empty in 2025.');
    const a = analyzeText(opened);
    const d = a.diagnostics.find((x) => opened.slice(x.span.start, x.span.end).includes('The agency said'))!;
    assert.ok(d && / is a numbered reference/.test(d.message), d?.message);
    assert.ok(!codeActions(a, d.span).some((x) => x.diagnostic === d && x.title.startsWith("Make the brief's")));
    assert.ok(fixOf(opened));
  });

  it('makes the notes of a brief extracted from a PDF (lines opened by "¹ ") definitions, a blank line between', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['---', 'brief: true', '---', '# Labour', '', 'Shortages affected 42 occupations in 2023.¹ Non-EU workers filled one in four new jobs.²', '', '¹ European Labour Authority (2024), Report on labour', 'shortages, p. 12.', '² Eurostat (2024), Labour Force Survey.', ''].join(eol);
      const a = analyzeText(text);
      const d = a.diagnostics.find((x) => / is a note number/.test(x.message))!;
      const fix = codeActions(a, d.span).find((x) => x.title.startsWith("Make the brief's"))!;
      assert.equal(fix.title, "Make the brief's 2 note numbers footnotes, and its 2 notes their definitions");
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.endsWith(['[^1]: European Labour Authority (2024), Report on labour', 'shortages, p. 12.', '', '[^2]: Eurostat (2024), Labour Force Survey.', ''].join(eol)), JSON.stringify(fixed));
      assert.deepEqual(analyzeText(fixed).diagnostics.map((x) => x.code), []);
      // Not when the notes are not numbered 1, 2, 3… in order.
      const swapped = text.replace('² Eurostat', '³ Eurostat');
      const b = analyzeText(swapped);
      const e = b.diagnostics.find((x) => / is a note number/.test(x.message))!;
      assert.ok(!codeActions(b, e.span).some((x) => x.title.startsWith("Make the brief's")));
    }
  });

  it('makes a numbered reference list ("[1] Eurostat, …" lines under References) the definitions of the brief\'s [1], [2]', () => {
    for (const eol of ['\n', '\r\n']) {
      const refs = ['[1] Eurostat, "Freight transport statistics," 2024. https://ec.europa.eu/eurostat', '[2] European Environment Agency, "Rail and waterborne transport,"', '    2021.', '[3] ITF, *Transport Outlook 2023*, OECD Publishing, 2023.'];
      const text = ['---', 'brief: true', '---', '# Rail freight', '', 'Rail moved 17% of EU inland freight in 2022 [1]. Road haulage emitted 25 times more CO2 per tonne-kilometre [2], [3].', '', '## References', '', ...refs, ''].join(eol);
      const a = analyzeText(text);
      const d = a.diagnostics.find((x) => / is a numbered reference/.test(x.message))!;
      const fix = codeActions(a, d.span).find((x) => x.title.startsWith("Make the brief's"))!;
      assert.ok(fix, a.diagnostics.map((x) => x.message).join('\n'));
      assert.equal(fix.title, "Make the brief's 3 note numbers footnotes, and its 3 notes their definitions");
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.includes('in 2022 [^1]. Road haulage emitted 25 times more CO2 per tonne-kilometre [^2], [^3].'), JSON.stringify(fixed));
      assert.ok(fixed.endsWith(['## References', '', '[^1]: Eurostat, "Freight transport statistics," 2024. https://ec.europa.eu/eurostat', '', '[^2]: European Environment Agency, "Rail and waterborne transport,"', '    2021.', '', '[^3]: ITF, *Transport Outlook 2023*, OECD Publishing, 2023.', ''].join(eol)), JSON.stringify(fixed));
      assert.deepEqual(analyzeText(fixed).diagnostics.map((x) => x.code), []);
      // One note to a paragraph reads the same; not where a paragraph of the section is no note, nor when the numbers skip.
      const spaced = text.replace(`2021.${eol}[3]`, `2021.${eol}${eol}[3]`);
      assert.ok(codeActions(analyzeText(spaced), d.span).some((x) => x.title.startsWith("Make the brief's")));
      // A later section of the back matter with no notes (about the authors) leaves the references the notes.
      const authors = `${text}${eol}## About the authors${eol}${eol}Jane Doe is a fellow at the institute.${eol}`;
      assert.ok(codeActions(analyzeText(authors), d.span).some((x) => x.title.startsWith("Make the brief's")));
      for (const broken of [text.replace('## References', `## References${eol}${eol}Sources used in this brief:`), text.replace('[3] ITF', '[4] ITF')]) {
        const b = analyzeText(broken);
        const e = b.diagnostics.find((x) => / is a numbered reference/.test(x.message))!;
        assert.ok(!codeActions(b, e.span).some((x) => x.title.startsWith("Make the brief's")), broken);
      }
    }
  });

  it('reads the sections of a plain-text brief by its heading lines, and makes them Markdown headings', () => {
    for (const eol of ['\n', '\r\n']) {
      const lines = [
        '---',
        'brief: true',
        '---',
        'Executive Summary',
        'Rail moved 17% of EU inland freight in 2022, according to Eurostat, and its share has not grown since the 2011 white paper set a target of 30% for 2030.',
        'Key Events',
        '- Border Delays: freight trains waited an average of 40 minutes at borders in 2023.',
        'The Commission proposed a regulation on rail capacity in July 2023, which the Parliament amended in March 2024 after a year of talks.',
        'Proposed Solutions Framework',
        'Track 1: Infrastructure',
        'Immediate Actions',
        'Close the Gaps: Member States should fund the missing cross-border links before the next budget period begins in 2028.',
        'Shared Timetables: Infrastructure managers should publish one timetable for each corridor, agreed a year ahead.',
        'Track 2: Operations',
        'Border Rules: Harmonise the checks at borders so that a train crosses in under ten minutes, as the 2016 corridor study proposed.',
        'Conclusion',
        'Rail freight grew by 3% a year between 2015 and 2019, yet its share of inland freight fell by a point in the same years.',
        '',
      ];
      const text = lines.join(eol);
      const a = analyzeText(text);
      // Under the line "Conclusion" (an exempt section), no sentence is judged; the others are.
      assert.ok(!a.diagnostics.some((x) => text.slice(x.span.start, x.span.end).startsWith('Rail freight grew')));
      const d = a.diagnostics.find((x) => text.slice(x.span.start, x.span.end).startsWith('Rail moved'))!;
      assert.ok(d, a.diagnostics.map((x) => text.slice(x.span.start, x.span.end)).join(' | '));
      const fix = codeActions(a, d.span).find((x) => x.title === "Make the brief's 7 heading lines Markdown headings, 2 tracks among them")!;
      assert.ok(fix, codeActions(a, d.span).map((x) => x.title).join(' | '));
      const fixed = applyEdits(text, fix.edits);
      const b = analyzeText(fixed);
      assert.deepEqual(b.model.headings.map((h) => `${h.level} ${h.text}`), ['2 Executive Summary', '2 Key Events', '2 Proposed Solutions Framework', '3 Track 1: Infrastructure', '4 Immediate Actions', '3 Track 2: Operations', '2 Conclusion']);
      assert.ok(fixed.includes(['## Key Events', '', '- Border Delays'].join(eol)), JSON.stringify(fixed));
      // The lines are paragraphs: one each (the lazy line after the list item ends the list).
      assert.ok(fixed.includes(['at borders in 2023.', '', 'The Commission proposed'].join(eol)), JSON.stringify(fixed));
      assert.deepEqual(b.model.framework?.tracks.map((t) => `${t.number}: ${t.recommendations.length}`), ['1: 2', '2: 1']);
      assert.deepEqual(b.diagnostics.map((x) => fixed.slice(x.span.start, x.span.end).slice(0, 20)), a.diagnostics.map((x) => text.slice(x.span.start, x.span.end).slice(0, 20)));
      // Not in a brief with a Markdown heading, or with one heading line; there the sentences under "Conclusion" are judged.
      for (const other of [text.replace('Key Events', '## Key Events'), lines.slice(0, 3).concat(lines.slice(4, 5), lines.slice(15)).join(eol)]) {
        const c = analyzeText(other);
        assert.ok(!c.diagnostics.some((x) => codeActions(c, x.span).some((y) => y.title.includes('heading lines'))), other);
      }
      const one = lines.slice(0, 3).concat(lines.slice(4, 5), lines.slice(15)).join(eol);
      assert.ok(analyzeText(one).diagnostics.some((x) => one.slice(x.span.start, x.span.end).startsWith('Rail freight grew')));
    }
  });

  it('makes an inline note a footnote: the reference in its place, its text the definition, the finding gone', () => {
    const text = [
      '---',
      'brief: true',
      '---',
      '',
      '# Heat',
      '',
      'Heat pump sales in Germany fell by 48% in 2024.^[BDH, *Marktzahlen*, January 2025.] Installers cut jobs.',
      '',
      ':claim[Gas boilers heat 60% of Dutch homes] ^[CBS 2024] after years of subsidies.',
      '',
      'Prices rose 4% in 2024.^[TODO]',
      '',
      'Wages rose *8% in 2024 ^[ONS* 2025].',
      '',
      'Rents rose 9% in 2024 `^[ONS 2025]`.',
      '',
    ].join('\n');
    const a = analyzeText(text);
    const fixOf = (words: string) => {
      const d = a.diagnostics.find((x) => text.slice(x.span.start, x.span.end).includes(words))!;
      assert.ok(d, words);
      return codeActions(a, d.span).find((x) => x.diagnostic === d && x.title.startsWith('Make the inline note'));
    };
    const sales = fixOf('Heat pump sales')!;
    assert.equal(sales.title, 'Make the inline note ^[BDH, *Marktzahlen*, January 2025.] a footnote ([^1])');
    // Ranked with the citations: before the placeholder.
    const d = sales.diagnostic;
    const titles = codeActions(a, d.span).filter((x) => x.diagnostic === d).map((x) => x.title);
    assert.ok(titles.indexOf(sales.title) < titles.findIndex((t) => t.startsWith('Add a footnote placeholder')), titles.join(' | '));
    const fixed = applyEdits(text, sales.edits);
    assert.ok(fixed.includes('fell by 48% in 2024.[^1] Installers'), fixed);
    assert.ok(fixed.endsWith('\n[^1]: BDH, *Marktzahlen*, January 2025.\n'), fixed);
    const b = analyzeText(fixed);
    assert.ok(!b.diagnostics.some((x) => x.code === 'possible-unsourced-assertion' && fixed.slice(x.span.start, x.span.end).includes('Heat pump sales')));
    // A claim's note, after the tag in its sentence.
    const claim = fixOf('Gas boilers')!;
    assert.equal(claim.diagnostic.code, 'unsourced-claim');
    const claimFixed = analyzeText(applyEdits(text, claim.edits));
    assert.ok(!claimFixed.diagnostics.some((x) => x.code === 'unsourced-claim'), claimFixed.diagnostics.map((x) => x.message).join('\n'));
    // Not a placeholder (it would stay no source; the message says so), not a note whose brackets cut emphasis, not code.
    assert.equal(fixOf('Prices rose'), undefined);
    assert.match(a.diagnostics.find((x) => text.slice(x.span.start, x.span.end).includes('Prices rose'))!.message, /\^\[TODO\] is a placeholder/);
    assert.equal(fixOf('Wages rose'), undefined);
    assert.ok(!a.diagnostics.some((x) => text.slice(x.span.start, x.span.end).includes('Rents rose') && codeActions(a, x.span).some((f) => f.title.startsWith('Make the inline note'))));
  });
  it('offers nothing on a Markdown file that is not a brief', () => {
    const a = analyze({ uri: 'file:///README.md', text: '# Readme\n\nIt said $5.\n' });
    assert.deepEqual(codeActions(a, { start: 0, end: 20 }), []);
  });

  it('parses at most PROBE_BUDGET of blocks for a selection: over one long paragraph of findings, the first findings get their fixes, and a cursor on a late one still gets its own', () => {
    let body = '';
    for (let i = 0; body.length < 18 * 1024; i++) body += `The ministry said exports rose ${i}% in 2023 and Germany paid €${i} million. `;
    const text = `---\nbrief: true\n---\n\n# Evidence\n\n${body}\n`;
    const a = analyzeText(text);
    const found = a.diagnostics.filter((d) => d.code === 'possible-unsourced-assertion');
    assert.ok(found.length > 200, `${found.length} findings`);
    const served = new Set(codeActions(a, { start: 0, end: text.length }).map((x) => x.diagnostic));
    // Each finding's block is the whole paragraph (about 18 KB): the budget serves four of them, the first four.
    const block = body.length + 1;
    assert.equal(served.size, Math.floor(PROBE_BUDGET / block) + 1);
    assert.deepEqual([...served], a.diagnostics.slice(0, served.size));
    const last = found[found.length - 1];
    assert.ok(codeActions(a, last.span).some((x) => x.diagnostic === last && x.title === 'Tag this sentence as a claim'));
  });

  it('serves every finding under the cursor whatever the budget: a misspelt tag inside an unsourced claim in a 72 KB paragraph', () => {
    let body = '';
    for (let i = 0; body.length < 72 * 1024; i++) body += `The ministry said exports rose ${i}% in 2023. `;
    const text = `---\nbrief: true\n---\n\n# Evidence\n\n${body}:claim[Exports to :clam[Poland] doubled].\n`;
    const a = analyzeText(text);
    const at = text.indexOf(':clam[') + 2;
    const under = a.diagnostics.filter((d) => d.span.start <= at && at <= d.span.end);
    assert.deepEqual(under.map((d) => d.code).sort(), ['unknown-tag', 'unsourced-claim']);
    const served = new Set(codeActions(a, { start: at, end: at }).map((x) => x.diagnostic.code));
    assert.deepEqual([...served].sort(), ['unknown-tag', 'unsourced-claim']);
  });
});

describe('the suppress fix puts its comment where it applies, on a line of its own', () => {
  const text = '---\nbrief: true\n---\n# A\n\nThe talks failed in Geneva, everyone agreed afterwards. Then\n:claim[exports fell by 40%] in the spring.\nMore text follows here.\n\nNext paragraph.\n';
  const a = analyze({ uri: 'file:///w/s.brief.md', text });
  const d = a.diagnostics.find((x) => x.code === 'unsourced-claim')!;
  const fix = codeActions(a, d.span).find((x) => x.diagnostic === d && x.title.startsWith('Suppress'))!;

  it('for a claim in the middle of a paragraph: disable and enable comments on lines of their own around the paragraph, never at the end of the previous sentence', () => {
    assert.equal(fix.title, 'Suppress unsourced-claim in this paragraph');
    const out = applyEdits(text, fix.edits);
    assert.equal(
      out,
      '---\nbrief: true\n---\n# A\n\n<!-- briefmark-disable unsourced-claim -->\nThe talks failed in Geneva, everyone agreed afterwards. Then\n:claim[exports fell by 40%] in the spring.\nMore text follows here.\n<!-- briefmark-enable unsourced-claim -->\n\nNext paragraph.\n',
    );
    const b = analyze({ uri: 'file:///w/s.brief.md', text: out });
    assert.ok(!b.diagnostics.some((x) => x.code === 'unsourced-claim'));
    // The paragraph is not split: the same text blocks, with the same text.
    const paragraphs = (x: Analysis) => x.model.textBlocks.filter((t) => t.kind === 'paragraph').map((t) => x.model.text.slice(t.span.start, t.span.end));
    assert.deepEqual(paragraphs(b), paragraphs(a));
  });

  it('a claim that starts its paragraph keeps the one-line comment above it', () => {
    const t = '---\nbrief: true\n---\n# A\n\n:claim[Exports fell by 40%] in the spring.\n';
    const x = analyze({ uri: 'file:///w/t.brief.md', text: t });
    const dx = x.diagnostics.find((y) => y.code === 'unsourced-claim')!;
    const f = codeActions(x, dx.span).find((y) => y.diagnostic === dx && y.title.startsWith('Suppress'))!;
    assert.equal(f.title, 'Suppress unsourced-claim for this line');
    assert.equal(applyEdits(t, f.edits), '---\nbrief: true\n---\n# A\n\n<!-- briefmark-disable-next-line unsourced-claim -->\n:claim[Exports fell by 40%] in the spring.\n');
  });

  it('a sentence in a list item, a quotation or after an emoji is tagged inside it (6 December: list items and quotations had no tag fix)', () => {
    const t = '---\nbrief: true\n---\n# A\n\n- Sales rose by 5% in 2024.\n- 📊 Imports fell by 3% in 2023.\n\n> Exports fell by 2% in 2022.\n';
    const x = analyze({ uri: 'file:///w/t.brief.md', text: t });
    const found = x.diagnostics.filter((y) => y.code === 'possible-unsourced-assertion');
    assert.equal(found.length, 3);
    const tagged = found.map((dx) => {
      const f = codeActions(x, dx.span).find((y) => y.diagnostic === dx && y.title === 'Tag this sentence as a claim');
      assert.ok(f, x.model.text.slice(dx.span.start, dx.span.end));
      return applyEdits(t, f.edits);
    });
    assert.ok(tagged[0].includes('- :claim[Sales rose by 5% in 2024].\n'));
    assert.ok(tagged[1].includes('- 📊 :claim[Imports fell by 3% in 2023].\n'));
    assert.ok(tagged[2].includes('> :claim[Exports fell by 2% in 2022].\n'));
    for (const out of tagged) assert.equal(analyze({ uri: 'file:///w/t.brief.md', text: out }).diagnostics.filter((z) => z.code === 'possible-unsourced-assertion').length, 2);
  });

  it('a line holding a footnote call or a reference link defined elsewhere in the brief is read back as the brief reads it (6 December: no suppress fix was offered there)', () => {
    const t = '---\nbrief: true\n---\n# A\n\nPoultry firms cut use by half in 2019. See [the register][reg]. Several chains dropped their pledges in 2021.[^2]\n\n[^2]: TODO\n\n[reg]: https://example.org/register\n';
    const x = analyze({ uri: 'file:///w/t.brief.md', text: t });
    const found = x.diagnostics.filter((y) => y.code === 'possible-unsourced-assertion');
    assert.equal(found.length, 2);
    for (const dx of found) {
      const f = codeActions(x, dx.span).find((y) => y.diagnostic === dx && y.title.startsWith('Suppress'));
      assert.equal(f?.title, 'Suppress possible-unsourced-assertion for this line');
      const out = applyEdits(t, f.edits);
      assert.ok(out.includes('<!-- briefmark-disable-next-line possible-unsourced-assertion -->\nPoultry firms'));
      const y = analyze({ uri: 'file:///w/t.brief.md', text: out });
      assert.equal(y.diagnostics.filter((z) => z.code === 'possible-unsourced-assertion').length, 0);
      assert.equal(y.model.footnoteReferences.length, 1);
    }
  });
});
