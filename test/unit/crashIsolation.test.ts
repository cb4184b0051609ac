import { strict as assert } from 'node:assert';
import { RULES } from '../../server/src/core/rules';
import type { Rule, RuleContext, ScopeContext } from '../../server/src/core/rules/types';
import { createBriefService, inMemoryWorkspace, type ILogger, type ITextDocument } from '../../server/src/core/service';

/** A rule that throws on documents containing BOOM, and otherwise behaves like the real one. */
function explodingOn(code: Rule['code'], marker: string): Rule[] {
  const explode = (text: string) => {
    if (text.includes(marker)) throw new Error(`deliberate failure of ${code}`);
  };
  return RULES.map((r): Rule => {
    if (r.code !== code) return r;
    // A block rule sees one block at a time: it throws on the block that holds the marker.
    if (r.scope === 'block') return { ...r, check: (ctx: ScopeContext) => (explode(ctx.model.text), r.check(ctx)) };
    return { ...r, check: (ctx: RuleContext) => (explode(ctx.model.text), r.check(ctx)) };
  });
}

function recordingLogger(): ILogger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, log: () => undefined, error: (m, e) => errors.push(`${m}: ${e instanceof Error ? e.message : String(e)}`) };
}

const doc = (uri: string, text: string, version = 1): ITextDocument => ({ uri, version, getText: () => text });

const BRIEF = ':claim[Unsourced figure of 40%].\n\n:claim[Cited]{src=nowhere}.\n\n:claim[Twice]{id=a} :claim[Again]{id=a} [@x]\n';

describe('crash isolation', () => {
  it('drops only the failing rule’s findings on that document; other rules and documents still report', () => {
    const logger = recordingLogger();
    const service = createBriefService(inMemoryWorkspace(), logger, { rules: explodingOn('unsourced-claim', 'BOOM') });
    const bad = service.analyze(doc('file:///bad.brief.md', BRIEF + 'BOOM\n'));
    const good = service.analyze(doc('file:///good.brief.md', BRIEF));
    const codes = (a: typeof bad) => [...new Set(a.diagnostics.map((d) => d.code))].sort();
    assert.deepEqual(codes(good), ['duplicate-id', 'unknown-source', 'unsourced-claim']);
    assert.deepEqual(codes(bad), ['duplicate-id', 'unknown-source'], 'only unsourced-claim is lost on the failing document');
    assert.deepEqual(
      bad.failures.map((f) => f.code),
      ['unsourced-claim'],
    );
  });

  it('logs a failing rule once with its id, not once per keystroke or per document', () => {
    const logger = recordingLogger();
    const service = createBriefService(inMemoryWorkspace(), logger, { rules: explodingOn('duplicate-id', 'BOOM') });
    for (let v = 1; v <= 50; v++) service.analyze(doc('file:///a.brief.md', `${BRIEF}BOOM ${v}\n`, v));
    for (let v = 1; v <= 5; v++) service.analyze(doc('file:///b.brief.md', `${BRIEF}BOOM b${v}\n`, v));
    assert.equal(logger.errors.length, 1, logger.errors.join('\n'));
    assert.match(logger.errors[0], /rule duplicate-id failed on file:\/\/\/a\.brief\.md.*deliberate failure of duplicate-id/);
  });

  it('logs each failing rule once', () => {
    const logger = recordingLogger();
    const rules = explodingOn('duplicate-id', 'BOOM').map((r) => (r.code === 'unknown-source' ? explodingOn('unknown-source', 'BOOM').find((x) => x.code === 'unknown-source')! : r));
    const service = createBriefService(inMemoryWorkspace(), logger, { rules });
    for (let v = 1; v <= 10; v++) service.analyze(doc('file:///a.brief.md', `${BRIEF}BOOM ${v}\n`, v));
    assert.deepEqual(logger.errors.map((e) => /rule (\S+) failed/.exec(e)?.[1]).sort(), ['duplicate-id', 'unknown-source']);
  });

  it('hovers and symbols still work on a document where a rule fails', () => {
    const service = createBriefService(inMemoryWorkspace(), recordingLogger(), { rules: RULES.map((r) => ({ ...r, check: () => { throw new Error('every rule fails'); } })) });
    const d = doc('file:///c.brief.md', `# Recommendations\n\n## Track 1: Talks\n\n:::rec[Talk]{id=r1}\nText BOOM.\n:::\n\n${BRIEF}`);
    assert.deepEqual(service.analyze(d).diagnostics, []);
    assert.equal(service.documentSymbols(d)[0]?.name, 'Recommendations');
    assert.match(service.hover(d, d.getText().indexOf('Unsourced'))?.contents ?? '', /Claim/);
  });
});

describe('documents with more facts than a call can take arguments', function () {
  this.timeout(60_000);
  // `array.push(...items)` overflows the stack past about 120,000 items: 150,000 in-text
  // citations in one paragraph once lost the brief's whole analysis (core/text/pushAll.ts).
  it('analyses 150,000 citations in one paragraph', () => {
    const service = createBriefService(inMemoryWorkspace(undefined, () => 'many.brief.md'));
    const a = service.analyze(doc('file:///many.brief.md', '@a '.repeat(150_000)));
    assert.equal(a.model.citations.length, 150_000);
    assert.equal(a.diagnostics.filter((d) => d.code === 'unknown-source').length, 150_000);
  });
});
