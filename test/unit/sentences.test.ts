import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { bulletAt, bulletCandidates, cutAtBreaks, isHeadingLine, joinGlued, sentenceEnd, sentenceEndFinder, sentencesWithoutHeadingLines, splitSentences } from '../../server/src/core/model/sentences';

describe('sentence ends', () => {
  // Brackets, parentheses, sentence marks, abbreviations, decimals, initials, quotes.
  const piece = fc.constantFrom('[', ']', '(', ')', '.', '!', '?', ' ', 'a', 'e.g', 'J', '1.5', '"', '\n', ':claim[', ' x. ', 'etc.');
  const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

  it('the finder answers what the scan answers, from every offset, with and without its table', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 5 }), (masked, budget) => {
        const scanning = sentenceEndFinder(masked);
        const tabled = sentenceEndFinder(masked, budget);
        for (let from = 0; from <= masked.length; from++) {
          const expected = sentenceEnd(masked, from);
          assert.equal(scanning(from), expected, `scan from ${from} in ${JSON.stringify(masked)}`);
          assert.equal(tabled(from), expected, `table from ${from} in ${JSON.stringify(masked)}`);
        }
      }),
      { seed: 20261201, numRuns: 1500 },
    );
  });

  it('brackets nest, an unmatched closer is ignored, an unclosed opener runs to the end', () => {
    const cases: [string, number, number][] = [
      ['A (b. c) d. E', 0, 11],
      ['a] b. C', 0, 5],
      ['a [b. c', 0, 7],
      ['[x] y. [z', 3, 6],
      // An unmatched closing parenthesis after the final mark is the sentence's, as closing quotes are (long fuzz run, seed 959595);
      // a `]` is not: it closes a tag's label more often (`:smile[…!]{}`), whose attributes a citation must not be written before (seed 989898).
      ['It failed!) The IMF said.', 0, 11],
      ['It failed.)" The IMF said.', 0, 12],
      ['It failed!] The IMF said.', 0, 10],
      ['e.g. the U.S. figure. Next', 0, 21],
      // A full stop, one space and a lower-case word: no end (UAX #29, SB8); after blanked markup, an end.
      ['Officials in Washington, D.C. confirmed it. Next', 0, 43],
      ['Smith et al. found it. Next', 0, 22],
      // "No." abbreviates a number only before one (7 December, a consultation response's "No. The threshold…").
      ['No. The threshold is too low.', 0, 3],
      ['Downing Street, No. 10 said so. Next', 0, 31],
      // A citation key is no initial or abbreviation (long fuzz run, seed 404040): `@Z.` and `@p.` end their sentence; `J.` does not.
      ['As @Z. Next', 0, 6],
      ['As argued by @p. Next', 0, 16],
      ['As J. Smith said. Next', 0, 17],
      ['It ended.        the chancellor said so.', 0, 9],
      // A line break counts as the one space, however the line ends (LF, CRLF, CR, after blanks).
      ['It rose 5%.\nmore than forecast. Next', 0, 31],
      ['It rose 5%.\r\nmore than forecast. Next', 0, 32],
      ['It rose 5%.\rmore than forecast. Next', 0, 31],
      ['It rose 5%.   \r\nmore than forecast. Next', 0, 35],
      ['It rose 5%.\n   the chancellor said so.', 0, 11],
      // Nor a full stop before a dash: a quotation and its attribution are one sentence.
      ['"Speak the language of power." — J. Borrell, 2020. Next', 0, 50],
      // The closing quotation mark after a full stop is the sentence's own.
      ['He said: “Only a few points remain.” The Secretary will meet them.', 0, 36],
    ];
    for (const [masked, from, end] of cases) {
      assert.equal(sentenceEnd(masked, from), end, masked);
      assert.equal(sentenceEndFinder(masked, 0)(from), end, `${masked} (table)`);
    }
  });

  it('goes on after a quoted question or exclamation in lower case, not after one in capitals', () => {
    const text = "He said, 'What is a skinny guy doing up here?' was Obama. Is it? Yes! And 'Why?' He left.";
    assert.deepEqual(
      splitSentences(text).map((s) => text.slice(s.start, s.end)),
      ["He said, 'What is a skinny guy doing up here?' was Obama.", 'Is it?', 'Yes!', "And 'Why?'", 'He left.'],
    );
  });

  it('splitSentences still splits at the same ends', () => {
    assert.deepEqual(splitSentences('One. Two [a. b] three! Four'), [
      { start: 0, end: 4 },
      { start: 5, end: 22 },
      { start: 23, end: 27 },
    ]);
  });

  it('reads a heading written as a plain line as a heading, and hard-wrapped prose as prose', () => {
    for (const line of ['Key Events', 'Short-Term Forecast (3-6 Months)', 'Track 2: Economic Leverage', 'Case Study: The Impasse of November 2025', '**Asset Management Strategy**', 'Positions Discussed'])
      assert.ok(isHeadingLine(line, 'The next line.'), line);
    for (const line of ['Macron and Olaf Scholz in', 'The summit ended without a deal', 'Exports fell.', 'Key Events', 'Energy Security: Accelerate diversification', '@Renamed_2', '      Talk                                   ', 'Ministers Said It Failed\\', '— Kaja Kallas, 12 February 2025'])
      assert.ok(!isHeadingLine(line, line === 'Key Events' ? 'then in lower case' : 'Next line.'), line);
  });

  it('leaves heading lines out of the sentences that run over them', () => {
    const text = 'The plan failed.\nKey Events\nCoalition Response: leaders met on 25 November.\nCurrent Outlook\nShort-Term Forecast (3-6 Months)\nTalks stall.';
    const got = sentencesWithoutHeadingLines(text).map((x) => text.slice(x.start, x.end));
    assert.deepEqual(got, ['The plan failed.', 'Coalition Response: leaders met on 25 November.', 'Talks stall.']);
    const wrapped = 'Ministers from Germany met their counterparts from\nFrance and Italy in Rome on Monday.';
    assert.deepEqual(sentencesWithoutHeadingLines(wrapped), splitSentences(wrapped));
    // A heading line with a full stop in it ends no sentence before it, and a line is judged whole, not from where a sentence starts in it.
    const numbered = 'Fund Installers: fund training for more installers\nheld by them and wrapped\n2. Proposed Solutions Framework\nTrack 1: Diplomacy\nTalks stall. Key Events\nThe summit ended.';
    assert.deepEqual(sentencesWithoutHeadingLines(numbered).map((x) => numbered.slice(x.start, x.end)), [
      'Fund Installers: fund training for more installers\nheld by them and wrapped',
      'Talks stall.',
      'Key Events\nThe summit ended.',
    ]);
    // Before a bullet symbol's line, a sentence ends: a line the symbol opens in the text, not after a footnote call the mask blanked.
    const bullets = 'Progress was made\n• Fund the links\n✅ Share wagons\n[^1]😀 and so on.';
    const masked = bullets.replace('[^1]', '    ');
    const breaks = (own: string, masked: string) => bulletCandidates(masked).filter((nl) => bulletAt(own, nl + 1));
    assert.deepEqual(bulletCandidates(masked), [17, 34, 49]);
    assert.deepEqual(breaks(bullets, masked), [17, 34]);
    // A tag that opens the line is the line's wrapper: the symbol in it still opens a bullet line.
    assert.deepEqual(breaks('Prices rose\n:claim[→ demand fell]\n> :actor[✅ x]', 'Prices rose\n       → demand fell \n>        ✅ x '), [11, 33]);
    assert.deepEqual(cutAtBreaks(sentencesWithoutHeadingLines(masked), breaks(bullets, masked), masked).map((x) => bullets.slice(x.start, x.end)), ['Progress was made', '• Fund the links', '✅ Share wagons\n[^1]😀 and so on.']);
  });

  it('joins sentences the mask split where the text has no white space after the full stop and its references', () => {
    // The masked text blanks references and tags; the text keeps them.
    const blank = (t: string) => t.replace(/\[\^\d\]|\[@\w+\]|:claim|:actor\[|\](?= said)|\[source\]\(https:\/\/x\.org\)|³/g, (m) => ' '.repeat(m.length));
    const cases: Array<[string, number]> = [
      ['It rose.[^1] The IMF said so.', 2],
      ['It rose.[^1][@a] The IMF said so.', 2],
      ['It rose.[^1]said the IMF.', 1],
      ['It said 40%.:claim[Gas fell.', 1],
      ['It said 40%.:claim [^1][Gas fell.', 1],
      ['It rose. :actor[Macron] said so.', 2],
      // A link or a note number in superscript after the full stop, then a space: two sentences.
      ['It rose.[source](https://x.org) The IMF said so.', 2],
      ['It rose.³ The IMF said so.', 2],
      ['It rose.[source](https://x.org)The IMF said so.', 1],
    ];
    for (const [text, count] of cases) {
      const masked = blank(text);
      assert.equal(splitSentences(masked).length, 2, `the mask splits ${text}`);
      assert.equal(joinGlued(splitSentences(masked), text, masked, 0).length, count, text);
    }
  });
});
