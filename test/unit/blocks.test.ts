import { strict as assert } from 'node:assert';
import { buildModel } from '../../server/src/core/model/buildModel';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { parseFragment, parseMarkdown, type ParsedMarkdown } from '../../server/src/core/parse/markdown';
import { splitBlocks } from '../../server/src/core/parse/blocks';
import { FIXTURES, fixtureNames, readFixture } from './helpers/fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The whole document parsed in one piece, shaped like a block-wise parse. */
function wholeParse(text: string): ParsedMarkdown {
  return { text, blocks: [{ start: 0, end: text.length, key: text, labels: [], tree: parseFragment(text) }], reparsed: 1 };
}

/** A summary of everything the model recognised, with offsets. */
function summary(text: string, parsed: ParsedMarkdown): unknown {
  const m = buildModel({ uri: 'file:///t.md', text, relativePath: 't.md' }, parsed, defaultConventions());
  return {
    headings: m.headings.map((h) => [h.level, h.text, h.span]),
    directives: m.directives.map((d) => [d.name, d.kind, d.span, d.labelSpan, d.attributes.map((a) => [a.name, a.value, a.valueSpan])]),
    claims: m.claims.map((c) => [c.label, c.sentenceEnd, c.nearbySources]),
    recs: m.recommendations.map((r) => [r.label, r.span, r.track?.number, r.group?.heading.text]),
    citations: m.citations,
    footnotes: [m.footnoteReferences, m.footnoteDefinitions],
    links: m.links,
    suppressions: m.suppressions,
    frontMatter: m.frontMatter?.data,
  };
}

const samples = (): Array<[string, string]> => [
  ...['diagnostics', 'symbols', 'hover'].flatMap((dir) => fixtureNames(dir).map((n): [string, string] => [`${dir}/${n}`, readFixture(dir, n)])),
  ['example brief', readFileSync(join(FIXTURES, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8')],
  ['a front matter fence that is not at the start (a thematic break, then a setext heading)', '\r\n---\r\ntitle: x\r\nbrief: true\r\n---\r\n\r\n# T\r\n\r\n---\nnot: front matter\n---\n'],
  ['fences and containers with blank lines', '# T\n\n```\ncode\n\n:claim[not a tag]\n```\n\n::::rec[Outer]\n\n:::rec[Inner]\n\ntext\n:::\n\n::::\n\n:claim[after][^a]\n\n<!--\n\n:claim[in comment]\n\n-->\n\n[^a]: def\n\n    indented code\n\n- item\n\n  continued :claim[in item][link]\n\n[link]: https://example.org\n'],
];

describe('block-wise parsing', () => {
  for (const [name, text] of samples()) {
    it(`gives the same model as a whole-document parse: ${name}`, () => {
      assert.deepEqual(summary(text, parseMarkdown(text)), summary(text, wholeParse(text)));
    });
  }

  it('re-parses only the blocks an edit touches', () => {
    const text = readFileSync(join(FIXTURES, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8');
    const first = parseMarkdown(text);
    const edited = text.replace('Reconstruction needs', 'Reconstruction costs');
    const second = parseMarkdown(edited, first);
    assert.ok(first.blocks.length > 10, `${first.blocks.length} blocks`);
    assert.equal(second.reparsed, 1);
    assert.deepEqual(summary(edited, second), summary(edited, wholeParse(edited)));
  });

  it('keeps fences, containers and comments whole', () => {
    const text = 'a\n\n```\nx\n\ny\n```\n\n:::rec\n\nz\n:::\n\n<!--\n\n-->\n\nb\n';
    const blocks = splitBlocks(text).blocks.map((b) => text.slice(b.start, b.end).trim());
    assert.deepEqual(blocks, ['a', '```\nx\n\ny\n```', ':::rec\n\nz\n:::', '<!--\n\n-->', 'b']);
  });
});
