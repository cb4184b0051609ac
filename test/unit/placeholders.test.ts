import { strict as assert } from 'node:assert';
import { isPendingFootnote, isPlaceholderText, isPlaceholderUrl } from '../../server/src/core/semantics/sourcing';

/**
 * What a footnote holds when its source is still to come, as analysts write it, against
 * real notes that happen to be short. The list was written before the vocabulary was
 * extended (4 December): TBC, "to follow", "URL here", "XX", "n/a", an ellipsis.
 */
const PLACEHOLDERS = [
  '',
  'TODO',
  'TODO: find the 2023 figure',
  'TBD',
  'TBC',
  'Source TBC.',
  'TK',
  'TKTK',
  'XX',
  'XXX',
  'FIXME',
  'Source to be added.',
  'Source to follow.',
  'Reference to follow',
  'Citation needed',
  '[citation needed]',
  'Needs a source',
  'Needs citation.',
  'Add URL',
  'URL here',
  'Insert link here',
  'Link to come',
  'Source: TBD',
  'Source?',
  '???',
  '…',
  '...',
  'n/a',
  'Forthcoming',
  'Cite',
];

const SOURCES = [
  'Ibid.',
  'Ibid., p. 4.',
  'Eurostat, 2024.',
  'Source: Eurostat.',
  'See https://example.org/report.',
  'Interview with a senior official, Kyiv, 12 March 2025.',
  'Author’s calculation from IMF data.',
  'Reuters, 3 December 2025.',
  'UN OCHA (2024), Humanitarian Needs Overview.',
  'Needs assessment, World Bank, 2024.',
  'Forthcoming in the Journal of Peace Research.',
  'Cited in Smith (2020), p. 12.',
  'TKO Research, 2021.',
  'XXth Congress report, 2019.',
];

/** Added 5 December, evening: dummy text, angle brackets, a URL with no host. */
const TEMPLATES = ['Lorem ipsum dolor sit amet.', 'Awaiting source', 'WIP', '<source>', '{citation}', 'Source: https://', 'Link: https://TODO'];

/** Real notes, and notes a test or an example might hold, that share words with those. */
const TEMPLATE_LIKE_SOURCES = ['A footnote source.', 'Footnote text.', 'Source note.', 'Waiting times data, NHS England, 2024.', 'See https://www.gov.uk/government/publications/spring-budget-2024.', 'https://example.org/report'];

/**
 * Added 6 December: what a note says when it asks for its source, or is the template of one,
 * written before the vocabulary was extended again; and real notes sharing its words.
 */
const ASKING = ['Source to be inserted.', 'To be determined.', 'Source to be verified', 'Reference to be updated', 'Need to check source', 'Source: X', 'Cite this', 'No source', 'Unsourced', 'Which source?', 'Need source for this figure', 'Source for this figure to be added', 'Source unknown', '[Author, Year]', 'Author (Year). *Title*. Publisher.', 'Add a source for this claim', 'Citation for this statistic needed', 'Look up'];
const ASKING_LIKE_SOURCES = ['Author’s calculations.', 'The author’s interview with a minister, May 2024.', 'Data from the author.', 'Title 42 of the U.S. Code.', 'For this figure, see Eurostat (2024).', 'Unknown Pleasures, Factory Records, 1979.', 'No. 10 Downing Street, press release, 4 July 2024.', 'Check24 price survey, 2024.', 'Year-end figures, ONS.'];

describe('placeholder footnotes', () => {
  for (const text of TEMPLATES) it(`the template ${JSON.stringify(text)} is a placeholder`, () => assert.equal(isPlaceholderText(text), true));
  for (const text of ASKING) it(`the request ${JSON.stringify(text)} is a placeholder`, () => assert.equal(isPlaceholderText(text), true));
  for (const text of ASKING_LIKE_SOURCES) it(`${JSON.stringify(text)} is a source`, () => assert.equal(isPlaceholderText(text), false));
  for (const text of TEMPLATE_LIKE_SOURCES) it(`${JSON.stringify(text)} is a source`, () => assert.equal(isPlaceholderText(text), false));

  it('a footnote whose text is a placeholder word is a source when one of its links is real ("[Source](https://…)"), not when they go nowhere', () => {
    const note = (text: string, links: string[]) => isPendingFootnote({ text, empty: false, links });
    assert.equal(note('Source', ['https://www.ons.gov.uk/economy']), false);
    assert.equal(note('Source', ['sources/report.pdf']), false, 'a path in the workspace');
    assert.equal(note('Source', ['']), false, 'a reference link: its definition gives the URL');
    assert.equal(note('Source', ['#']), true);
    assert.equal(note('Source', ['https://', 'TODO']), true);
    assert.equal(note('Eurostat', ['#']), false, 'the text is a source itself');
  });

  it('link destinations that are placeholders', () => {
    for (const url of ['', '#', 'TODO', 'url', 'https://', 'https://TODO', 'http://link/']) assert.equal(isPlaceholderUrl(url), true, url);
    for (const url of ['https://www.ons.gov.uk/', 'https://example.org/report', 'http://localhost:8080/report', 'mailto:press@ofwat.gov.uk', 'sources/report.pdf', 'doi:10.1000/182']) assert.equal(isPlaceholderUrl(url), false, url);
  });

  it('a megabyte of scheme characters before "://" is read once (a quadratic scan would not finish)', () => {
    assert.equal(isPlaceholderText(`${'a.'.repeat(500_000)}://x.org`), false);
    assert.equal(isPlaceholderText(`${'://x.org'.repeat(125_000)}`), false);
    assert.equal(isPlaceholderText('b.'.repeat(500_000)), false);
  });

  for (const text of PLACEHOLDERS) it(`${JSON.stringify(text)} is a placeholder`, () => assert.equal(isPlaceholderText(text), true));
  for (const text of SOURCES) it(`${JSON.stringify(text)} is a source`, () => assert.equal(isPlaceholderText(text), false));
});
