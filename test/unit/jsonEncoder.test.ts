import { strict as assert } from 'node:assert';
import type { Message } from 'vscode-languageserver/node';
import { generateBrief } from '../../bench/corpus';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { createBriefService, inMemoryWorkspace } from '../../server/src/core/service';
import { messageBytes, messageJson } from '../../server/src/lsp/jsonEncoder';
import * as proto from '../../server/src/protocol/toProto';

/**
 * The stdio transport's JSON encoder (lsp/jsonEncoder.ts) and the publisher's reuse of
 * unchanged LSP diagnostics (protocol/toProto.ts `diagnostics`): the same JSON as
 * `JSON.stringify`, and the same objects for what an edit did not change.
 */
describe('the JSON of diagnostics, remembered per diagnostic', () => {
  const uri = 'file:///w/a.brief.md';
  const diagnostic = (message: string, line: number) => ({ range: { start: { line, character: 0 }, end: { line, character: 4 } }, severity: 2, code: 'unsourced-claim', source: 'briefmark', message, data: { why: 'a "quote" $& $1 \u2028 é 😀' } });

  it('writes every message as JSON.stringify does, whatever its items hold', () => {
    const items = [diagnostic('Claim "x" has no source $& $$', 0), diagnostic('\u0000briefmark:items\u0000', 1), diagnostic('second\nline', 2)];
    const messages: Message[] = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 3, diagnostics: items } } as Message,
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: [] } } as Message,
      { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: '12', items } } as Message,
      { jsonrpc: '2.0', id: 8, result: { kind: 'unchanged', resultId: '12' } } as Message,
      { jsonrpc: '2.0', id: 9, result: null } as Message,
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'diagnostics: [] "items"' } } as Message,
    ];
    // Three times: items written as JSON, then made into bytes, then copied from them.
    for (const m of [...messages, ...messages, ...messages]) {
      const before = JSON.stringify(m);
      assert.equal(messageJson(m), before);
      assert.equal(JSON.stringify(m), before, 'the message is left as it was');
      assert.equal(messageBytes(m).toString('utf-8'), before);
    }
  });

  it('an edit that moves diagnostics by offset only gives the same LSP objects for them; moved lines and changed findings are made afresh', () => {
    const service = createBriefService(inMemoryWorkspace(defaultConventions(), () => 'a.brief.md'));
    const text = generateBrief({ bytes: 30_000, seed: 3, dense: true });
    const first = service.analyze({ uri, version: 1, getText: () => text });
    const before = proto.diagnostics(first.model.lines, uri, first.diagnostics);
    assert.ok(before.length > 30, `${before.length} diagnostics`);
    // A space typed in the middle of a line in the middle of the brief: later diagnostics move by one offset, not by line.
    const at = text.indexOf(' ', text.length >> 1);
    const spaced = text.slice(0, at) + ' ' + text.slice(at);
    const second = service.analyze({ uri, version: 2, getText: () => spaced });
    const after = proto.diagnostics(second.model.lines, uri, second.diagnostics);
    const fresh = second.diagnostics.map((d) => proto.diagnostic(second.model.lines, uri, d));
    assert.deepEqual(after, fresh, 'reused or not, what is sent is what a conversion gives');
    const reused = after.filter((d) => before.includes(d)).length;
    assert.ok(reused > after.length * 0.6, `${reused} of ${after.length} reused`);
    // A blank line added after the front matter moves every diagnostic by a line: none is reused.
    const body = spaced.indexOf('\n---\n') + 5;
    assert.ok(body > 5 && spaced.startsWith('---\n'));
    const lined = spaced.slice(0, body) + '\n' + spaced.slice(body);
    const third = service.analyze({ uri, version: 3, getText: () => lined });
    const moved = proto.diagnostics(third.model.lines, uri, third.diagnostics);
    assert.deepEqual(moved, third.diagnostics.map((d) => proto.diagnostic(third.model.lines, uri, d)));
    assert.equal(moved.length, after.length);
    assert.equal(moved.filter((d) => after.includes(d)).length, 0);
  });
});
