import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { applyEdits, codeActions } from '../../server/src/core/features/codeActions';
import { hoverAt } from '../../server/src/core/features/hover';
import type { SourceDocument } from '../../server/src/core/rules/types';
import { checkFigure, checkQuote, locatorPages } from '../../server/src/core/sources/evidence';
import fc from 'fast-check';
import { bestPassage, contentWords, FigureIndex, figureMatches, figures, fractionFigures, passageIndex, findInSource, normalizeForComparison, numberWordFigures, quotations, readNumber, sourceFigures } from '../../server/src/core/sources/sourceText';
import { leastMs } from './helpers/timing';

/** A PDF-like document: pages joined, each page's start recorded. */
function paged(key: string, pages: string[], extra: Partial<SourceDocument> = {}): SourceDocument {
  const pageStarts: number[] = [];
  let text = '';
  for (const p of pages) {
    pageStarts.push(text.length);
    text += p + '\n\f';
  }
  return { key, uri: `file:///sources/${key}.pdf`, text, format: 'pdf', pageStarts, ...extra };
}

const doc = (key: string, text: string): SourceDocument => ({ key, uri: `file:///sources/${key}.txt`, text });

describe('source evidence: normalisation', () => {
  it('reads ligatures, soft hyphens, words hyphenated at line ends, and odd spaces as the words they are', () => {
    const src = normalizeForComparison('The ﬁnancial sec\u00adtor grew in the eco-\nnomic year;\u00a0a\u2009well-known  effect.');
    assert.equal(src.text, 'the financial sector grew in the economic year; a wellknown effect.');
    assert.ok(findInSource(src, 'financial sector grew in the economic year'));
    assert.ok(findInSource(src, 'a well-known effect'));
    // Offsets lead back to the original: the match covers the ligature and the line break.
    const original = 'The ﬁnancial sec\u00adtor grew in the eco-\nnomic year;';
    const span = findInSource(normalizeForComparison(original), 'financial sector grew in the economic')!;
    assert.equal(original.slice(span.start, span.end), 'ﬁnancial sec\u00adtor grew in the eco-\nnomic');
  });

  it('keeps dashes between words and hyphens between numbers', () => {
    assert.equal(normalizeForComparison('war — and peace, 2020–2022, pre- and post-war').text, 'war - and peace, 2020-2022, pre- and postwar');
  });
});

describe('source evidence: quotations', () => {
  const article = doc(
    'a',
    'Macron said on Tuesday that Russia is not ready for a ceasefire at the moment. ' +
      'European governments agreed to keep the sanctions regime in place until the war ended. ' +
      'The economy grew by 30 per cent over the decade, officials said.',
  );

  it('reads quotations in double quotes, guillemets, and single quotes as British style writes them, apostrophes not ending them', () => {
    const quoted = (t: string) => quotations(t).map((q) => q.quote);
    assert.deepEqual(quoted('He said "we will act now" and «nous agirons bientôt ici».'), ['we will act now', 'nous agirons bientôt ici']);
    assert.deepEqual(quoted("The minister said the government was 'committed to cleaning up our rivers'."), ['committed to cleaning up our rivers']);
    assert.deepEqual(quoted('She called it ‘the country’s worst water crisis’ in a speech.'), ['the country’s worst water crisis']);
    assert.deepEqual(quoted("the workers' rights and the bosses' pay, rock 'n' roll, the '90s and 'a real quote'"), ['a real quote']);
    // Checked against the source as double-quoted ones are.
    const brief = "---\nbrief: true\n---\n# A\n\n:claim[Macron said Russia was 'not ready for a truce at the moment'][@a].\n";
    const a = analyze({ uri: 'file:///w/q.brief.md', text: brief }, { sourceDocuments: new Map([['a', article]]) });
    assert.deepEqual(a.diagnostics.filter((d) => d.code === 'quote-not-in-source').map((d) => brief.slice(d.span.start, d.span.end)), ['not ready for a truce at the moment']);
  });

  it('finds a quotation exactly, after normalisation', () => {
    const c = checkQuote('Russia is not ready for a ceasefire', [article]);
    assert.equal(c.outcome, 'found');
    assert.match(c.at!.passage, /^Macron said on Tuesday that Russia is not ready/);
  });

  it('accepts one unbroken run covering 90% of the quotation, with the difference shown', () => {
    const c = checkQuote('European governments agreed to keep the sanctions regime in place until the war ends', [article]);
    assert.equal(c.outcome, 'differs');
    assert.deepEqual(
      c.diff!.filter((p) => p.kind !== 'same'),
      [
        { kind: 'quote', text: 'ends' },
        { kind: 'source', text: 'ended' },
      ],
    );
  });

  it('never accepts a dropped "not", a changed number or a changed name, and says which', () => {
    const negation = checkQuote('Russia is ready for a ceasefire at the moment', [article]);
    assert.equal(negation.outcome, 'not-found');
    assert.deepEqual(negation.critical, ['a negation']);
    assert.deepEqual(
      negation.diff!.filter((p) => p.kind !== 'same'),
      [{ kind: 'source', text: 'not' }],
    );
    // A contraction for the words in full keeps the negation ("won't" for "will not"): the wording differs, not the sense.
    const source = doc('c', 'The Chancellor said: "We will not balance the books on the backs of working people."');
    const contracted = checkQuote("We won't balance the books on the backs of working people", [source]);
    assert.notEqual(contracted.outcome, 'found');
    assert.deepEqual(contracted.critical, []);
    assert.deepEqual(checkQuote('We will balance the books on the backs of working people', [source]).critical, ['a negation']);
    assert.deepEqual(checkQuote("We won't not balance the books on the backs of working people", [source]).critical, ['a negation']);
    const number = checkQuote('The economy grew by 40 per cent over the decade', [article]);
    assert.equal(number.outcome, 'not-found');
    assert.deepEqual(number.critical, ['a number']);
    // A number in words, the teens too.
    const teen = checkQuote('the talks lasted sixteen hours before the delegations left', [doc('t', 'After the talks lasted fifteen hours before the delegations left, nothing was signed.')]);
    assert.deepEqual(teen.critical, ['a number']);
    // Even at the very edge of a long quotation, where the run covers more than 90%.
    const edge = checkQuote('European governments agreed to keep the sanctions regime in place until the war ended in 2023', [article]);
    assert.equal(edge.outcome, 'not-found');
    const name = checkQuote('Merz said on Tuesday that Russia is not ready for a ceasefire at the moment', [article]);
    assert.equal(name.outcome, 'not-found');
    assert.deepEqual(name.critical, ['a name']);
  });

  it('reports a quotation with a word changed in the middle (the run is broken)', () => {
    const c = checkQuote('European governments agreed to lift the sanctions regime in place until the war ended', [article]);
    assert.equal(c.outcome, 'not-found');
    assert.ok(c.at, 'the closest passage is shown');
  });

  it('judges a quotation of thousands of words in linear time, with the closest passage while it differs little', () => {
    const words = (n: number, seed: number) => {
      let x = seed;
      const letter = (k: number) => String.fromCharCode(97 + (k % 26));
      return Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) & 0x7fffffff), `w${letter(x)}${letter(x >> 7)}`)).join(' ');
    };
    const time = (n: number) => {
      const source = words(n, 1);
      // Every third word changed: far from every passage (Myers' diff was words × edits: 21 s for 16,000 words).
      const far = source.split(' ').map((w, i) => (i % 3 === 0 ? `x${w}` : w)).join(' ');
      return leastMs((run) => assert.equal(checkQuote(far, [doc(`s${n}-${run}`, source)]).outcome, 'not-found'));
    };
    time(200);
    const small = time(1000);
    const large = time(16_000);
    assert.ok(large < 1000 || large / Math.max(small, 1) < 48, `${small.toFixed(0)} ms → ${large.toFixed(0)} ms for 16× the words`);
    // A long quotation with one word changed keeps its diff.
    const source = words(3000, 2);
    const near = source.split(' ').map((w, i) => (i === 2990 ? 'changed' : w)).join(' ');
    const c = checkQuote(near, [doc('near', source)]);
    assert.equal(c.outcome, 'differs');
  });

  it('looks for an elided quotation in linear time: a missing part, or thousands of parts', () => {
    const time = (n: number, quote: string) => leastMs((run) => assert.equal(checkQuote(quote, [doc(`alpha${n}-${run}`, 'alpha '.repeat(n))]).outcome, 'not-found'));
    for (const quote of [(n: number) => 'alpha … omega', (n: number) => Array.from({ length: n / 8 }, () => 'alpha').join(' … ') + ' … omega']) {
      time(1000, quote(1000));
      // Each start of the first part read the rest of the source for the missing one (0.5 s for 1 MB), or tried every part.
      // A pair that misses the bound is timed again, up to twice (another process's burst of load; a quadratic step misses every time).
      const ok = (small: number, large: number) => large < 300 || large / Math.max(small, 1) < 48;
      let small = 0;
      let large = 0;
      for (let attempt = 0; attempt < 3 && (attempt === 0 || !ok(small, large)); attempt++) {
        small = time(10_000, quote(10_000));
        large = time(160_000, quote(160_000));
      }
      assert.ok(ok(small, large), `${quote(16)}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms for 16× the source`);
    }
  });

  it('looks for an elided quotation part by part, in order', () => {
    assert.equal(checkQuote('Russia is not ready … at the moment', [article]).outcome, 'found');
    assert.equal(checkQuote('Russia is not ready [...] at the moment', [article]).outcome, 'found');
    assert.equal(checkQuote('at the moment … Russia is not ready', [article]).outcome, 'not-found');
  });

  it('reads the quoter\'s words in square brackets as standing for a few words of the source', () => {
    const speech = doc('sp', '"We will not hesitate to take further action against companies that break the rules," the chief executive said. The minister was "committed to cleaning up our rivers, lakes and seas for good."');
    assert.equal(checkQuote('[Ofwat] will not hesitate to take further action', [speech]).outcome, 'found');
    assert.equal(checkQuote('[w]e will not hesitate', [speech]).outcome, 'found');
    assert.equal(checkQuote('committed to cleaning up [the country\'s] rivers, lakes and seas', [speech]).outcome, 'found');
    assert.equal(checkQuote('will not hesitate [to act] against companies', [speech]).outcome, 'found');
    // A few words, not a paragraph: the parts around the brackets within 80 characters.
    assert.equal(checkQuote('will not hesitate [to act] for good', [speech]).outcome, 'not-found');
    assert.equal(checkQuote('will not hesitate … for good', [speech]).outcome, 'found');
    assert.equal(checkQuote('[Ofwat] will not hesitate to take action', [speech]).outcome, 'not-found');
  });

  it('is unchecked, never reported, when the source cannot be read', () => {
    const pending: SourceDocument = { key: 'p', uri: 'file:///s/p.pdf', text: '', format: 'pdf', status: 'pending' };
    const broken: SourceDocument = { key: 'b', uri: 'file:///s/b.pdf', text: '', format: 'pdf', status: 'unreadable', reason: 'it is encrypted' };
    assert.deepEqual(checkQuote('anything at all here', [pending]), { outcome: 'unchecked', reason: '@p: still being read' });
    assert.equal(checkQuote('anything at all here', [broken]).reason, '@b: it is encrypted');
    // Found in a readable source: found, whatever the other says.
    assert.equal(checkQuote('Russia is not ready for a ceasefire', [broken, article]).outcome, 'found');
  });

  it('is unchecked when what is missing may be on a page with no text layer', () => {
    const scanned = paged('s', ['First page text about budgets.', '', 'Third page.'], { textlessPages: [2] });
    assert.equal(checkQuote('a sentence from the scanned page', [scanned]).outcome, 'unchecked');
    assert.match(checkQuote('a sentence from the scanned page', [scanned], new Map([['s', [2]]])).reason!, /page 2 has no text layer/);
    // Cited on a page with text, and not there: not found.
    assert.equal(checkQuote('a sentence from the scanned page', [scanned], new Map([['s', [1]]])).outcome, 'not-found');
  });
});

describe('source evidence: the best passage', () => {
  it('is the sentence sharing the most content words (the first of equals, at least half), call after call', () => {
    const word = fc.constantFrom('ministry', 'grain', 'exports', 'fell', 'rose', 'region', 'north', 'south', 'the', 'of', 'sanctions', 'talks', 'Kyiv', 'stalled');
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ') + '.');
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 30 }), fc.array(fc.array(word, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (sentences, claims) => {
        const source = sentences.join(' ');
        const normalized = normalizeForComparison(source);
        const index = passageIndex(source, normalized);
        for (const claim of claims) {
          const text = claim.join(' ');
          // The reference: every sentence's content words compared afresh.
          const wanted = [...contentWords(normalizeForComparison(text).text)];
          const shared = index.spans.map((sp) => {
            const words = contentWords(normalizeForComparison(source.slice(sp.start, sp.end)).text);
            return wanted.filter((w) => words.has(w)).length;
          });
          const top = Math.max(0, ...shared);
          const expected = top > 0 && top / wanted.length >= 0.5 ? index.spans[shared.indexOf(top)] : undefined;
          assert.deepEqual(bestPassage(source, index, text)?.span, expected, text);
        }
      }),
      { numRuns: 200, seed: 20261205 },
    );
  });
});

describe('source evidence: figures', () => {
  it('finds through its index exactly the source figures a scan with figureMatches finds, in order', () => {
    const part = fc.constantFrom('$', '€', 'US$', '', '', '', '300', '300,000', '0.3', '3,5', '1,200', '12.5', '1e3', '007', '30', 'thirty', 'three hundred', 'a quarter', 'a third', 'one in five', ' in ', '33', '25', ' ', ' ', ' billion', ' million', 'bn', ' %', ' per cent', ' dollars', ' euros', ' troops', '.', ', ', '1.2.3', '9'.repeat(320), '12.46', '299', '310', '2,950', ' about ', ' nearly ', ' more than ', '~');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), fc.array(part, { maxLength: 12 }), (sourceParts, claimParts) => {
        const source = sourceFigures(sourceParts.join(''));
        const index = new FigureIndex(source);
        // A claim's figures as the claim reads them: approximate ones stand for a range.
        for (const claim of figures(claimParts.join(''), true)) assert.deepEqual(index.matching(claim), source.filter((f) => figureMatches(claim, f)), claim.text);
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('reads units, scales, thousands separators and decimal commas', () => {
    const source = figures('Assets of $300 billion; 300 billion dollars; $300,000 million; 30 per cent; 30 percent; 3,5 %; 1,200 troops; 12.5%');
    const found = (claim: string) => checkFigure(figures(claim)[0], [doc('x', 'Assets of $300 billion and growth of 30 per cent, 3,5 % inflation, 1,200 troops.')]).outcome;
    assert.equal(found('$300bn'), 'found');
    assert.equal(found('300 billion dollars'), 'found');
    assert.equal(found('$300,000 million'), 'found');
    assert.equal(found('30%'), 'found');
    assert.equal(found('30 percent'), 'found');
    assert.equal(found('3.5%'), 'found');
    assert.equal(found('1200 troops'), 'found');
    assert.equal(found('€300 billion'), 'not-found');
    assert.equal(found('40%'), 'not-found');
    assert.equal(found('$30 billion'), 'not-found');
    assert.equal(source.length, 8);
    assert.equal(readNumber('1,200,000'), '1200000');
    assert.equal(readNumber('3,5'), '3.5');
    assert.equal(readNumber('1.2.3'), undefined);
  });

  it('reads a figure written as approximate as the values it stands for', () => {
    const text = 'Arrears totalled £3,712 million. Inflation averaged 4.25% and 3.2 million households were behind; 2,950 people and 94,000 warrants; a 12.5% share.';
    const found = (claim: string) => checkFigure(figures(claim, true)[0], [doc('h', text)]).outcome;
    assert.equal(found('about £3.7 billion'), 'found');
    assert.equal(found('£3.7 billion'), 'not-found'); // rounded with no word that says so: the contract's exact figure
    assert.equal(found('around 4.3%'), 'found');
    assert.equal(found('roughly 4.2%'), 'found'); // 4.25 rounds to either: half a unit of 0.1 either side, 4.15–4.25, inclusive
    assert.equal(found('roughly 4.1%'), 'not-found');
    assert.equal(found('~4.3%'), 'found');
    assert.equal(found('more than 3 million'), 'found');
    assert.equal(found('more than 4 million'), 'not-found');
    assert.equal(found('nearly 13%'), 'found');
    assert.equal(found('nearly 12%'), 'not-found'); // 12.5% is more than 12%
    assert.equal(found('nearly 14%'), 'not-found'); // "nearly" is close below: at most a twentieth (13.3–14%)
    assert.equal(found('at least 3 million'), 'found');
    assert.equal(found('well over 2 million'), 'found'); // anything from 2 million up
    assert.equal(found('more than 2 million'), 'not-found'); // a unit above at most: 2–2.4 million
    assert.equal(found('about 3,000 people'), 'found');
    assert.equal(found('about 90,000'), 'found'); // 94,000 is within a tenth of 90,000
    assert.equal(found('about 4.3 million'), 'not-found');
    assert.equal(found('about €3.7 billion'), 'not-found'); // another currency
    assert.equal(found('about 4.3'), 'not-found'); // a bare number is not a percentage
    assert.deepEqual(figures('about 4.3% and 5%', true).map((f) => f.within !== undefined), [true, false]);
    assert.equal(figures('about 4.3%')[0].within, undefined); // a source's figures are read as written
    assert.equal(figures('Prices rose over 2023 and under 2024 rules', true).some((f) => f.within), false); // years are periods
    // A number ending a name is no figure: COVID-19, F-35, MiG-29, S-400; mid-2024 is one.
    assert.deepEqual(figures('After COVID-19, 35 F-35 jets, a MiG-29 and S-400 systems, by mid-2024 and post-2014').map((f) => f.text), ['35', '2024', '2014']);
  });

  it('finds a percentage where the source writes the share in words, if the percentage rounds it', () => {
    const text = 'Half of renters and a third of owners were behind; two-thirds of firms, a quarter of farms, one in five adults, 1 in 10 pupils and nine in ten councils. The second round began.';
    assert.deepEqual(
      fractionFigures(text).map((f) => `${f.text}=${f.value}`),
      ['Half=50', 'a third=33.3333', 'two-thirds=66.6667', 'a quarter=25', 'one in five=20', '1 in 10=10', 'nine in ten=90'],
    );
    const found = (claim: string) => checkFigure(figures(claim, true)[0], [doc('fr', text)]);
    for (const [claim, as] of [['50%', 'Half'], ['33%', 'a third'], ['33.3%', 'a third'], ['67%', 'two-thirds'], ['25 per cent', 'a quarter'], ['20%', 'one in five'], ['10%', '1 in 10'], ['90%', 'nine in ten'], ['about 30%', undefined]] as const) {
      const c = found(claim);
      if (as) assert.deepEqual([c.outcome, c.at?.as], ['found', as], claim);
      else assert.equal(c.outcome, 'not-found', claim);
    }
    assert.equal(found('34%').outcome, 'not-found');
    assert.equal(found('66%').outcome, 'not-found'); // two-thirds rounds to 67%
    assert.equal(found('33').outcome, 'not-found'); // a share is a percentage
    assert.equal(found('$33').outcome, 'not-found');
  });

  it('finds a figure the source writes in words, with its unit', () => {
    const text = 'Inflation should fall to four percent over three years. Some twenty-five states, two hundred and fifty firms and a million people; aid of two billion dollars; one of the causes.';
    assert.deepEqual(
      numberWordFigures(text).map((f) => `${f.text}=${f.value}${f.percent ? '%' : ''}${f.currency}`),
      ['four percent=4%', 'three=3', 'twenty-five=25', 'two hundred and fifty=250', 'a million=1000000', 'two billion dollars=2000000000$', 'one=1'],
    );
    const found = (claim: string) => checkFigure(figures(claim)[0], [doc('w', text)]).outcome;
    assert.equal(found('4%'), 'found');
    assert.equal(found('3 years'), 'found');
    assert.equal(found('250 firms'), 'found');
    assert.equal(found('1m people'), 'found');
    assert.equal(found('$2bn'), 'found');
    assert.equal(found('3%'), 'not-found'); // "three" is a count there, not a percentage
    assert.equal(found('€2 billion'), 'not-found');
    assert.equal(found('4.5%'), 'not-found');
    // Not inside digit figures ("3 million") nor words joined by a hyphen ("Covid-nineteen"); not an object's own keys.
    assert.deepEqual(numberWordFigures('In 3 million cases of Covid-nineteen'), []);
    assert.deepEqual(numberWordFigures('a constructor of roads, a toString'), []);
  });

  it('says on which page a figure was found, preferring the cited page', () => {
    const report = paged('r', ['Intro: 12% of firms.', 'Results: growth of 12% in 2024.', 'Annex.']);
    assert.equal(checkFigure(figures('12%')[0], [report]).at!.page, 1);
    assert.equal(checkFigure(figures('12%')[0], [report], new Map([['r', [2]]])).at!.page, 2);
    const elsewhere = checkFigure(figures('2024')[0], [report], new Map([['r', [3]]]));
    assert.equal(elsewhere.at!.page, 2);
    assert.deepEqual(elsewhere.citedPages, [3]);
  });
});

describe('source evidence: locators', () => {
  it('reads the pages a locator names', () => {
    assert.deepEqual(locatorPages('p. 4'), [4]);
    assert.deepEqual(locatorPages('pp. 4–6'), [4, 5, 6]);
    assert.deepEqual(locatorPages('pages 4, 7'), [4, 7]);
    assert.deepEqual(locatorPages('12'), [12]);
    assert.deepEqual(locatorPages('p. 33f.'), [33]);
    assert.equal(locatorPages('chap. 3'), undefined);
    assert.equal(locatorPages(undefined), undefined);
  });
});

describe('source evidence in the analysis: rules and hover', () => {
  const report = paged('rep', [
    'Summary. Energy prices rose sharply in 2022.',
    'Households in the poorest quintile now spend over 10% of income on energy.',
    'The regulator said that "prices will not fall before 2026" in its outlook.',
  ]);
  const sourceDocuments = new Map([['rep', report]]);
  const bibliography = { entries: new Map([['rep', { id: 'rep', type: 'report', title: 'Energy report', authors: [] }]]), files: [], problems: [] } as never;
  const brief = [
    '---',
    'brief: true',
    '---',
    '# Evidence',
    '',
    ':claim[The poorest households spend over 10% of income on energy] [@rep, p. 2].',
    '',
    ':claim[The poorest households spend over 10% of income on energy] [@rep, p. 1].',
    '',
    ':claim[The regulator expects that "prices will fall before 2026"] [@rep, p. 3].',
    '',
  ].join('\n');
  const a = analyze({ uri: 'file:///w/a.brief.md', text: brief }, { sourceDocuments, bibliography });
  const codes = a.diagnostics.filter((d) => d.code !== 'unused-source').map((d) => `${d.code} ${brief.slice(d.span.start, d.span.end)}`);

  it('reports a figure found on another page than cited (page-mismatch) and a dropped "not"', () => {
    assert.deepEqual(codes, ['page-mismatch 10%', 'quote-not-in-source prices will fall before 2026']);
    const pm = a.diagnostics.find((d) => d.code === 'page-mismatch')!;
    assert.equal(pm.message, 'The figure "over 10%" is on p. 2 of @rep, not on p. 1 as cited.');
    assert.equal(pm.severity, 'info');
    const q = a.diagnostics.find((d) => d.code === 'quote-not-in-source')!;
    assert.match(q.message, /\(a negation differs\); closest passage \(p\. 3\): prices will \*\*not\*\* fall before 2026/);
  });

  it('shows the passage and page in the claim hover, and the cited page on the citation', () => {
    const h = hoverAt(a, brief.indexOf('The poorest'))!.contents;
    assert.match(h, /\*\*Against the source\*\*: `@rep` \(PDF, 3 pages\)/);
    assert.match(h, /✓ figure over 10% — found in `@rep` on p\. 2/);
    assert.match(h, /> Households in the poorest quintile now spend over 10% of income on energy\./);
    const q = hoverAt(a, brief.indexOf('prices will fall'))!.contents;
    assert.match(q, /✗ "prices will fall before 2026" — not found \(a negation differs\)/);
    const cite = hoverAt(a, brief.indexOf('@rep, p. 3') + 1)!.contents;
    assert.match(cite, /Source document: `@rep` \(PDF, 3 pages\) — page 3:\n\n> The regulator said/);
  });
});

describe('source evidence across edits and documents', () => {
  const report = paged('rep', ['Energy prices rose sharply in 2022. Exports fell by 4%.', 'Households now spend over 10% of income on energy.']);
  const sourceDocuments = new Map([['rep', report]]);
  const claimLine = ':claim[Households "spend over 10% of income" on energy, and exports fell by 4%] [@rep, p. 2].';
  const brief = (before: string) => ['---', 'brief: true', '---', '# Evidence', '', before, '', claimLine, ''].join('\n');

  it('gives the same findings, at the claim\'s new place, when an edit above moves it', () => {
    const run = (text: string) => {
      const a = analyze({ uri: 'file:///w/a.brief.md', text }, { sourceDocuments });
      return a.diagnostics.filter((d) => d.code !== 'unused-source').map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
    };
    const first = run(brief('Context.'));
    // The same claim, 40 characters further on: its evidence is remembered by content, and must land on the new offsets.
    const moved = run(brief('What does the evidence say about energy costs?'));
    assert.deepEqual(first, ['page-mismatch 4%']);
    assert.deepEqual(moved, first);
    const text = brief('A longer context paragraph that pushes the claim down.');
    const a = analyze({ uri: 'file:///w/a.brief.md', text }, { sourceDocuments });
    const h = hoverAt(a, text.indexOf('Households'))!.contents;
    assert.match(h, /✓ "spend over 10% of income" — found in `@rep` on p\. 2/);
  });

  it('checks again when the document object changes (a new version of the file)', () => {
    const text = brief('Context.');
    const changed = paged('rep', ['Energy prices rose sharply in 2022. Exports fell by 5%.', 'Households now spend over 10% of income on energy.']);
    const a = analyze({ uri: 'file:///w/a.brief.md', text }, { sourceDocuments: new Map([['rep', changed]]) });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.code !== 'unused-source').map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`),
      ['figure-not-in-source 4%'],
    );
  });

  it('reads a source\'s passages as sentences: not cut at a decimal point, an abbreviation or a wrapped line; cut at a blank line, a page or a list item', () => {
    const text = [
      'Debt owed to suppliers reached £3.7 billion in the second quarter, according to the U.S. regulator.',
      'Gas storage reached',
      '95% of capacity in October.',
      '',
      'Key figures',
      '- Exports fell by 4% in the spring',
      '- Imports rose by 2% over the year',
    ].join('\n');
    const spans = passageIndex(text, normalizeForComparison(text)).spans.map((s) => text.slice(s.start, s.end));
    assert.deepEqual(spans, [
      'Debt owed to suppliers reached £3.7 billion in the second quarter, according to the U.S. regulator.',
      'Gas storage reached\n95% of capacity in October.',
      'Key figures',
      '- Exports fell by 4% in the spring',
      '- Imports rose by 2% over the year',
    ]);
    // A Markdown source's heading is a passage of its own, with or without a blank line after it.
    const md = '# Household debt\nDebt rose to £3.7 billion in the quarter.\n## Outlook\nIt will rise.';
    assert.deepEqual(passageIndex(md, normalizeForComparison(md)).spans.map((s) => md.slice(s.start, s.end)), ['# Household debt', 'Debt rose to £3.7 billion in the quarter.', '## Outlook', 'It will rise.']);
    const pages = paged('p', ['The first page ends without a stop', 'The second page starts here.']);
    assert.deepEqual(passageIndex(pages.text, normalizeForComparison(pages.text)).spans.map((s) => pages.text.slice(s.start, s.end).trim()), ['The first page ends without a stop', 'The second page starts here.']);
  });

  it('reads each table row as a passage, found also by the words of its table\'s head', () => {
    // As the extractor writes a PDF's or a web page's table, and as Markdown writes one.
    const text = [
      'Arrears rose in every nation, the survey of households found',
      'Nation | Households in arrears',
      'Scotland | 12.5%',
      'Wales | 11.9%',
      '',
      '| Region | Share of renters |',
      '|---|---|',
      '| North | 40.5% |',
      'A sentence that says a | in passing. Nothing more.',
      '',
      'Table 3: Average bill by region',
      '',
      'Region | 2024-25 | 2029-30',
      'South West | £597 | £830',
    ].join('\n');
    const index = passageIndex(text, normalizeForComparison(text));
    assert.deepEqual(
      index.spans.map((s) => text.slice(s.start, s.end)),
      ['Arrears rose in every nation, the survey of households found', 'Nation | Households in arrears', 'Scotland | 12.5%', 'Wales | 11.9%', '| Region | Share of renters |', '|---|---|', '| North | 40.5% |', 'A sentence that says a | in passing.', 'Nothing more.', 'Table 3: Average bill by region', 'Region | 2024-25 | 2029-30', 'South West | £597 | £830'],
    );
    const best = (claim: string) => bestPassage(text, index, claim)?.passage;
    assert.equal(best('In Wales, 12.9% of households are in arrears'), 'Wales | 11.9%');
    // Shown with its table's head.
    assert.equal(bestPassage(text, index, 'In Wales, 12.9% of households are in arrears')?.head, 'Nation | Households in arrears');
    assert.equal(bestPassage(text, index, 'Arrears rose in every nation')?.head, undefined);
    assert.equal(best('Scotland had 12.5% of households in arrears'), 'Scotland | 12.5%');
    // The head of another table is not this one's.
    assert.equal(best('In the North, 41% of renters'), '| North | 40.5% |');
    assert.equal(best('North households in arrears'), 'Arrears rose in every nation, the survey of households found');
    // Plurals as their singular, numbers with their decimals.
    assert.deepEqual([...contentWords('bills of households, companies and the crisis status: 12.9 and 12.5')], ['bill', 'household', 'company', 'crisis', 'status', '12.9', '12.5']);
    // And by the words of a caption right before the table.
    assert.equal(best('The average South West bill will reach £850 by 2029-30'), 'South West | £597 | £830');
  });

  it('names the figure of the same kind in the closest passage, and offers it as a fix (a suggestion, never preferred)', () => {
    const src = doc('ofgem', 'Debt owed to energy suppliers reached £3.7 billion in the second quarter of 2025, the highest level on record. The cap rose by 2% in October.');
    const text = '---\nbrief: true\n---\n# E\n\n:claim[Debt owed to suppliers reached £3.9 billion in the second quarter of 2025][@ofgem].\n';
    const a = analyze({ uri: 'file:///w/f.brief.md', text }, { sourceDocuments: new Map([['ofgem', src]]) });
    const d = a.diagnostics.find((x) => x.code === 'figure-not-in-source')!;
    assert.equal(
      d.message,
      'The figure "£3.9 billion" does not appear in the source document of @ofgem with this unit: check it against the source. The closest passage gives £3.7 billion: "Debt owed to energy suppliers reached £3.7 billion in the second quarter of 2025, the highest level on record."',
    );
    assert.equal(d.data?.replacement, '£3.7 billion');
    const fix = codeActions(a, d.span).find((x) => x.diagnostic === d && x.title.startsWith('Change to'))!;
    assert.equal(fix.title, 'Change to "£3.7 billion", as the source gives it');
    assert.ok(!fix.isPreferred);
    const fixed = applyEdits(text, fix.edits);
    assert.equal(analyze({ uri: 'file:///w/f.brief.md', text: fixed }, { sourceDocuments: new Map([['ofgem', src]]) }).diagnostics.filter((x) => x.code === 'figure-not-in-source').length, 0);
    // Two figures of that kind in the passage, or none: the passage only, and no fix.
    const two = doc('ofgem', 'Debt owed to energy suppliers reached £3.7 billion in the second quarter of 2025, up from £3.1 billion a year before.');
    const b = analyze({ uri: 'file:///w/f.brief.md', text }, { sourceDocuments: new Map([['ofgem', two]]) });
    const e = b.diagnostics.find((x) => x.code === 'figure-not-in-source')!;
    assert.match(e.message, /check it against the source\. Closest passage: "Debt owed/);
    assert.equal(e.data?.replacement, undefined);
    assert.equal(codeActions(b, e.span).some((x) => x.title.startsWith('Change to')), false);
    // The source's one figure of that kind at another scale: named as the source writes it, offered as the claim writes its figure.
    const millions = doc('ofgem', 'Debt owed to energy suppliers reached £3,700 million in the second quarter of 2025, the highest level on record.');
    const hedged = text.replace('reached £3.9 billion', 'reached about £3.9 billion');
    const c = analyze({ uri: 'file:///w/f.brief.md', text: hedged }, { sourceDocuments: new Map([['ofgem', millions]]) });
    const g = c.diagnostics.find((x) => x.code === 'figure-not-in-source')!;
    assert.match(g.message, /^The figure "about £3\.9 billion" does not appear in the source document of @ofgem with this unit, nor a value it stands for: check it against the source\. The closest passage gives £3,700 million: /);
    assert.equal(g.data?.replacement, '£3.7 billion');
    const scaled = applyEdits(hedged, codeActions(c, g.span).find((x) => x.title.startsWith('Change to'))!.edits);
    assert.match(scaled, /reached about £3\.7 billion in/);
    assert.equal(analyze({ uri: 'file:///w/f.brief.md', text: scaled }, { sourceDocuments: new Map([['ofgem', millions]]) }).diagnostics.filter((x) => x.code === 'figure-not-in-source').length, 0);
    // A count (no unit): the passage's one count of the same order, not a year nor a figure with a unit.
    const counts = doc('ea', 'Storm overflows spilled 464,056 times in 2023, for 3,606,876 hours; 12% more than before.');
    const countClaim = '---\nbrief: true\n---\n# E\n\n:claim[Storm overflows spilled 446,056 times in 2023][@ea].\n';
    const k = analyze({ uri: 'file:///w/f.brief.md', text: countClaim }, { sourceDocuments: new Map([['ea', counts]]) }).diagnostics.find((x) => x.code === 'figure-not-in-source')!;
    assert.match(k.message, /The closest passage gives 464,056: "Storm overflows/);
    assert.equal(k.data?.replacement, '464,056');
    // A claim's figure that rounds the source's, written without a word that says so: the message says it, and a fix adds "about".
    const exact = doc('ofgem', 'Debt owed to energy suppliers reached £3,712 million in the second quarter of 2025, the highest level on record.');
    const plain = text.replace('£3.9 billion', '£3.7 billion');
    const r = analyze({ uri: 'file:///w/f.brief.md', text: plain }, { sourceDocuments: new Map([['ofgem', exact]]) });
    const h = r.diagnostics.find((x) => x.code === 'figure-not-in-source')!;
    assert.match(h.message, /The closest passage gives £3,712 million, which the claim's figure rounds: "Debt owed/);
    assert.deepEqual(codeActions(r, h.span).filter((x) => x.diagnostic === h && !x.title.startsWith('Suppress')).map((x) => x.title), ['Write "about £3.7 billion": the source\'s figure rounded', 'Change to "£3.712 billion", as the source gives it']);
    for (const fix of codeActions(r, h.span).filter((x) => x.diagnostic === h && !x.title.startsWith('Suppress')))
      assert.equal(analyze({ uri: 'file:///w/f.brief.md', text: applyEdits(plain, fix.edits) }, { sourceDocuments: new Map([['ofgem', exact]]) }).diagnostics.filter((x) => x.code === 'figure-not-in-source').length, 0, fix.title);
  });

  it('offers the source\'s wording for a quotation when its closest passage runs from the quotation\'s first word to its last', () => {
    const src = doc('o', 'Intro. "We know that many households are still\nstruggling with their bills," said the chief executive. Prices will not fall before 2026, the regulator said.');
    const quoteFix = (label: string) => {
      const text = `---\nbrief: true\n---\n# E\n\n:claim[${label}][@o].\n`;
      const a = analyze({ uri: 'file:///w/q.brief.md', text }, { sourceDocuments: new Map([['o', src]]) });
      const d = a.diagnostics.find((x) => x.code === 'quote-not-in-source');
      assert.ok(d, label);
      const fix = codeActions(a, d.span).find((x) => x.diagnostic === d && x.title.startsWith("Use the source's wording"));
      if (!fix) return undefined;
      assert.ok(!fix.isPreferred);
      const fixed = applyEdits(text, fix.edits);
      // Fixed, the quotation is the source's: nothing left to report.
      const after = analyze({ uri: 'file:///w/q.brief.md', text: fixed }, { sourceDocuments: new Map([['o', src]]) });
      assert.deepEqual(after.diagnostics.filter((x) => x.code === 'quote-not-in-source').map((x) => x.message), [], fixed);
      return /"([^"]*)"/.exec(fixed.slice(fixed.indexOf(':claim[')))![1];
    };
    // A word the source adds (over a line break), and a negation (the quotation's lower case kept).
    assert.equal(quoteFix('"many households are struggling with their bills"'), 'many households are still struggling with their bills');
    assert.equal(quoteFix('the regulator said "prices will fall before 2026"'), 'prices will not fall before 2026');
    // The closest passage stops before the quotation's last word, or there is none: no fix.
    assert.equal(quoteFix('he said "we know that many households struggle with bills"'), undefined);
    assert.equal(quoteFix('he said "households struggle with bills every winter in Britain"'), undefined);
  });

  it('shows a figure found more than once where the claim\'s own passage has it, and a key given twice as one source', () => {
    const src = doc('o', 'The price cap for October to December 2025 is £1,755 a year. Debt owed to suppliers reached £3.7 billion in the second quarter of 2025.');
    const text = '---\nbrief: true\n---\n# E\n\n:claim[Debt owed to suppliers reached £3.7 billion in 2025]{src=o}, the highest on record [@o].\n';
    const a = analyze({ uri: 'file:///w/n.brief.md', text }, { sourceDocuments: new Map([['o', src]]) });
    const h = hoverAt(a, text.indexOf('Debt owed'))!.contents;
    assert.match(h, /✓ figure 2025 — found in `@o`\n {2}> Debt owed to suppliers reached £3\.7 billion in the second quarter of 2025\./);
    assert.match(h, /Sources \(1\):\n\n- `@o` — /);
  });

  it('finds the best passage through the word index as a scan of every sentence would', () => {
    const sentences = ['The council met in Brussels on Monday.', 'Gas storage reached 95% of capacity in October.', 'Ministers agreed a price cap on gas imports.', 'Storage of gas fell in the winter.'];
    const d = doc('s', sentences.join(' ') + '\nA line without an end');
    const claim = (label: string) => analyze({ uri: 'file:///w/b.brief.md', text: `---\nbrief: true\n---\n# E\n\n:claim[${label}][@s].\n` }, { sourceDocuments: new Map([['s', d]]) });
    const passageOf = (label: string) => {
      const a = claim(label);
      const h = hoverAt(a, a.model.text.indexOf(label))!.contents;
      return /matching passage of `@s`:\n {2}> (.*)/.exec(h)?.[1];
    };
    // Naive: the sentence sharing most content words (at least half), the first of equals.
    assert.equal(passageOf('Ministers agreed on a cap for gas prices'), 'Ministers agreed a price cap on gas imports.');
    assert.equal(passageOf('Gas storage was at 95% of capacity'), 'Gas storage reached 95% of capacity in October.');
    assert.equal(passageOf('storage of gas'), 'Gas storage reached 95% of capacity in October.');
    assert.equal(passageOf('a line without an end'), 'A line without an end');
    assert.equal(passageOf('Tariffs on steel were doubled'), undefined);
  });
});
