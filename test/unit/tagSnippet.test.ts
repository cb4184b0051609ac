import * as assert from 'node:assert/strict';
import { tagSnippet } from '../../client/src/commands/tagSnippet';

/** Expands a snippet the way VS Code does when each placeholder keeps its default. */
function expand(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) out += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      i = snippet.indexOf(':', i) ;
    } else if (c === '$' && /\d/.test(snippet[i + 1])) i++;
    else if (c === '}') continue;
    else out += c;
  }
  return out;
}

describe('tag selection snippets', () => {
  it('wraps a selection as a claim with a src placeholder', () => {
    assert.equal(tagSnippet('claim', '$400 billion'), ':claim[\\$400 billion]${1:{src=${2:source-key}\\}}$0');
    assert.equal(expand(tagSnippet('claim', '$400 billion')), ':claim[$400 billion]{src=source-key}');
  });
  it('wraps an actor and a one-line recommendation', () => {
    assert.equal(expand(tagSnippet('actor', 'Macron')), ':actor[Macron]{id=actor-id}');
    assert.equal(expand(tagSnippet('rec', 'Clarify red lines')), ':rec[Clarify red lines]{track=1}');
  });
  it('turns several lines into a :::rec container', () => {
    assert.equal(expand(tagSnippet('rec', 'Every party states\nits positions.\n')), ':::rec[Recommendation]{track=1}\nEvery party states\nits positions.\n:::\n');
  });
  it('inserts a placeholder label with no selection', () => {
    assert.equal(expand(tagSnippet('claim', '')), ':claim[claim text]{src=source-key}');
  });
  it('escapes snippet syntax in the selected text', () => {
    assert.equal(expand(tagSnippet('claim', 'a } b $1 \\ c')), ':claim[a } b $1 \\ c]{src=source-key}');
  });
});
