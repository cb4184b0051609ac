import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportHtml } from '../../client/src/report/reportHtml';
import { analyze } from '../../server/src/core/analysis';
import { briefReport } from '../../server/src/core/features/briefReport';
import { toWireBriefReport } from '../../server/src/protocol/briefReport';

const file = join(import.meta.dirname, '../../examples/ceasefire-impasse.brief.md');
const analysis = analyze({ uri: 'file:///ceasefire-impasse.brief.md', text: readFileSync(file, 'utf8'), relativePath: 'ceasefire-impasse.brief.md' });
const wire = toWireBriefReport(analysis.model.lines, briefReport(analysis), 'file:///ceasefire-impasse.brief.md', 1);
const html = reportHtml(wire, { title: 'ceasefire <impasse>.brief.md', nonce: 'N0NCE', cspSource: 'vscode-resource:' });

describe('sourcing report HTML', () => {
  it('states the sourced claims like the status bar does', () => {
    const { total, sourced } = wire.claims;
    assert.ok(total > sourced);
    assert.match(html, new RegExp(`<strong>${sourced}/${total}</strong> claims sourced, <strong class="warn">${total - sourced}</strong> no source`));
  });

  it('draws one bar per section, split by sourcing status, and lists the claims as links to their place', () => {
    for (const s of wire.sections) assert.ok(html.includes(`aria-label="${s.sourced} sourced, ${s.pending} pending, ${s.missing} no source, ${s.broken} broken"`), s.title);
    const unsourced = wire.sections.flatMap((s) => s.claims).find((c) => c.status === 'missing')!;
    assert.ok(html.includes(`data-line="${unsourced.range.start.line}" data-character="${unsourced.range.start.character}">$400 billion</a> <span class="badge missing" title="no reference at all">no source</span>`));
  });

  it('lists recommendations per track and actors by mentions', () => {
    assert.match(html, /<table id="tracks">[\s\S]*Track 1: Diplomatic Pathway[\s\S]*Clarify red lines/);
    assert.match(html, /<table id="actors">/);
  });

  it('escapes text and allows only its own nonce for scripts', () => {
    assert.ok(html.includes('ceasefire &lt;impasse&gt;.brief.md'));
    assert.ok(!html.includes('<impasse>'));
    assert.match(html, /script-src 'nonce-N0NCE'/);
    assert.equal((html.match(/<script/g) ?? []).length, (html.match(/<script nonce="N0NCE">/g) ?? []).length);
  });
});
