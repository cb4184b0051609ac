import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { plainTextHeadings, plainTextSections } from '../../server/src/core/model/headingLines';
import { exemptHeading } from '../../server/src/core/rules/possibleUnsourcedAssertion';

const EXEMPT = ['Proposed Solutions Framework', 'Implementation Recommendations', 'Conclusion'];
const FRAMEWORK = ['Proposed Solutions Framework', 'Solutions Framework', 'Recommendations'];

/** The heading lines of a brief as `level title`, and the texts its exempt sections open with. */
function read(text: string): { headings: string[]; exempt: string[] } | undefined {
  const { model } = analyze({ uri: 'file:///b.brief.md', text });
  const h = plainTextHeadings(model, FRAMEWORK, exemptHeading(EXEMPT));
  if (!h) return undefined;
  const sections = plainTextSections(text, h);
  return { headings: h.headings.map((l, i) => `${h.levels[i]} ${l.title}`), exempt: sections.map((s) => text.slice(s.start, s.end).split('\n')[0]) };
}

describe('heading lines of a brief written as plain text (model/headingLines.ts)', () => {
  it('reads lines of their own as headings, with levels: tracks and groups under the framework, subsections under a named section', () => {
    const text = [
      'Key Events',
      'Border Delays: freight trains waited 40 minutes at borders in 2023.',
      'Proposed Solutions Framework',
      'Track 1: Infrastructure',
      'Immediate Actions',
      'Close the Gaps: fund the missing links.',
      'Implementation Recommendations',
      'For Member States',
      '- Fund the links.',
      'Conclusion',
      'Rail freight grew by 3% a year.',
      '',
    ].join('\n');
    assert.deepEqual(read(text), {
      headings: ['2 Key Events', '2 Proposed Solutions Framework', '3 Track 1: Infrastructure', '4 Immediate Actions', '2 Implementation Recommendations', '3 For Member States', '2 Conclusion'],
      exempt: ['Proposed Solutions Framework', 'Implementation Recommendations', 'Conclusion'],
    });
  });

  it('reads a paragraph of one line in bold, or plain, as a heading line; not a caption or source line written so', () => {
    const text = '**Key Events**\n\nRail moved 17% of freight in 2022.\n\nSource: Eurostat\n\nConclusion\n\nRail freight grew by 3% a year.\n';
    assert.deepEqual(read(text), { headings: ['2 Key Events', '2 Conclusion'], exempt: ['Conclusion'] });
  });

  it('keeps a heading line one when the sentence after it is tagged as a claim', () => {
    assert.deepEqual(read('Key Events\n:claim[Rail moved 17% of freight.]\nConclusion\nIt grew.\n'), { headings: ['2 Key Events', '2 Conclusion'], exempt: ['Conclusion'] });
  });

  it('reads them below a title, the brief\'s one heading of level 1', () => {
    assert.deepEqual(read('# Rail Freight\n\nKey Events\nRail moved 17% of freight.\nConclusion\nIt grew.\n'), { headings: ['2 Key Events', '2 Conclusion'], exempt: ['Conclusion'] });
  });

  it('reads nothing where the brief has a Markdown heading below its title, a block quote, or a single heading line', () => {
    assert.equal(read('# Brief\n\n## Evidence\n\nKey Events\nRail moved 17% of freight.\nConclusion\nIt grew.\n'), undefined);
    assert.equal(read('## Brief\n\nKey Events\nRail moved 17% of freight.\nConclusion\nIt grew.\n'), undefined);
    assert.equal(read('Key Events\nRail moved 17% of freight.\n\n> Conclusion\n> It grew.\n'), undefined);
    assert.equal(read('Rail moved 17% of freight.\nConclusion\nIt grew by 3% a year.\n'), undefined);
  });
});
