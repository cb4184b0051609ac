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
