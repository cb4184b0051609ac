import { hoverAt } from '../../server/src/core/features/hover';
import { analyzeFixture, expectFixture, fixtureNames, where } from './helpers/fixtures';

/**
 * Every `test/fixtures/hover/NAME.md`: hovers at the start of each tag's label, each
 * citation key, each `src` key, each footnote call and each untagged recommendation label,
 * in `NAME.hover.txt`.
 */
describe('hover fixtures', () => {
  for (const name of fixtureNames('hover')) {
    it(name, () => {
      const a = analyzeFixture('hover', name);
      const points = new Set<number>();
      for (const d of a.model.directives) points.add(d.labelSpan.start);
      for (const c of a.model.citations) for (const i of c.items) points.add(i.keySpan.start);
      for (const c of a.model.claims) for (const k of c.srcKeys) points.add(k.span.start);
      for (const r of a.model.recommendations) points.add(r.labelSpan.start);
      for (const m of a.model.actorMentions) points.add(m.span.start);
      for (const f of a.model.footnoteReferences) points.add(f.span.start);
      const out: string[] = [];
      for (const p of [...points].sort((x, y) => x - y)) {
        const h = hoverAt(a, p);
        out.push(`@ ${where(a, { start: p, end: p }).split('-')[0]} → ${h ? where(a, h.span) : 'none'}`);
        if (h) out.push(...h.contents.split('\n').map((l) => `  | ${l}`));
      }
      expectFixture('hover', `${name}.hover.txt`, out.join('\n') + '\n');
    });
  }
});
