import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBriefService, inMemoryWorkspace } from '../../server/src/core/service';
import { documentSymbols, type BriefSymbol } from '../../server/src/core/features/documentSymbols';
import { analyzeFixture, covered, expectFixture, fixtureNames, where } from './helpers/fixtures';
import type { Analysis } from '../../server/src/core/analysis';

/** Every `test/fixtures/symbols/NAME.md` → its outline as an indented tree in `NAME.symbols.txt`. */
describe('document symbols fixtures', () => {
  for (const name of fixtureNames('symbols')) {
    it(name, () => {
      const a = analyzeFixture('symbols', name);
      const out: string[] = [];
      const render = (s: BriefSymbol, depth: number) => {
        out.push(`${'  '.repeat(depth)}${s.kind} ${JSON.stringify(s.name)}${s.detail ? ` (${s.detail})` : ''} ${where(a, s.span)} sel ${covered(a, s.selectionSpan, 40)}`);
        for (const c of s.children) render(c, depth + 1);
      };
      for (const s of documentSymbols(a.model)) render(s, 0);
      assertContained(a, documentSymbols(a.model));
      expectFixture('symbols', `${name}.symbols.txt`, out.join('\n') + '\n');
    });
  }
});

/** Every selection range lies inside its symbol's range, and siblings are in document order. */
function assertContained(a: Analysis, symbols: BriefSymbol[]): void {
  let last = -1;
  for (const s of symbols) {
    if (s.selectionSpan.start < s.span.start || s.selectionSpan.end > s.span.end) throw new Error(`selection outside range: ${s.name} ${where(a, s.span)}`);
    if (s.span.start < last) throw new Error(`out of order: ${s.name}`);
    last = s.span.start;
    assertContained(a, s.children);
  }
}

describe('the outline prepared ahead (BriefService.prepare)', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8');
  const uri = 'file:///w/prepared.brief.md';

  it('prepares only an analysis already made, and then answers with what it made', () => {
    const service = createBriefService(inMemoryWorkspace());
    const v1 = { uri, version: 1, getText: () => text };
    assert.equal(service.prepare(v1), false, 'nothing analysed yet: nothing to prepare');
    assert.equal(service.cached(v1), undefined, 'prepare never analyses');
    service.analyze(v1);
    assert.equal(service.prepare(v1), true);
    const prepared = service.documentSymbols(v1);
    assert.equal(service.documentSymbols(v1), prepared, 'the prepared outline itself');
    const edited = text.replace(':claim[$400 billion]', ':claim[A new claim] :claim[$400 billion]');
    const v2 = { uri, version: 2, getText: () => edited };
    assert.equal(service.prepare(v2), false, 'a newer version not analysed yet');
    service.analyze(v2);
    assert.ok(service.prepare(v2));
    const fresh = createBriefService(inMemoryWorkspace()).documentSymbols({ uri, version: 1, getText: () => edited });
    assert.deepEqual(service.documentSymbols(v2), fresh);
    assert.match(JSON.stringify(fresh), /A new claim/);
  });
});
