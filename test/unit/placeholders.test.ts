import { strict as assert } from 'node:assert';
import { isPlaceholderText } from '../../server/src/core/semantics/sourcing';

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

describe('placeholder footnotes', () => {
  for (const text of PLACEHOLDERS) it(`${JSON.stringify(text)} is a placeholder`, () => assert.equal(isPlaceholderText(text), true));
  for (const text of SOURCES) it(`${JSON.stringify(text)} is a source`, () => assert.equal(isPlaceholderText(text), false));
});
