import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { matchesAnyGlob } from '../../server/src/core/text/glob';
import { budget } from './helpers/budget';

/** The reference: the glob as a backtracking regular expression (what `text/glob.ts` compiled to before 5 December 2026). */
function reference(glob: string, path: string): boolean {
  glob = glob.replace(/^\.\//, '');
  path = path.replace(/^\.\//, '');
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        src += '(?:[^/]*/)*';
      } else src += '.*';
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '{' && glob.indexOf('}', i) > i) {
      const close = glob.indexOf('}', i);
      src += '(?:' + glob.slice(i + 1, close).split(',').map(escape).join('|') + ')';
      i = close;
    } else src += escape(c);
  }
  return new RegExp('^' + src + '$').test(path);
}

describe('globs (the conventions\' `briefs`)', () => {
  it('match as documented', () => {
    const cases: Array<[string, string, boolean]> = [
      ['**/*.brief.md', 'a.brief.md', true],
      ['**/*.brief.md', 'x/y/a.brief.md', true],
      ['**/*.brief.md', 'x/y/a.brief.mdx', false],
      ['**/*.brief.md', 'x/y/.brief.md', true],
      ['briefs/*.md', 'briefs/a.md', true],
      ['briefs/*.md', 'briefs/x/a.md', false],
      ['briefs/**', 'briefs/x/a.md', true],
      ['briefs/**/*.md', 'briefs/a.md', true],
      ['docs/**/x', 'docs/a/b/x', true],
      ['docs/**/x', 'docs/a/bx', false],
      ['a**b', 'a/c/b', true],
      ['?.md', 'a.md', true],
      ['?.md', '/.md', false],
      ['*.{md,markdown}', 'a.markdown', true],
      ['*.{md,markdown}', 'a.txt', false],
      ['{briefs,notes}/**/*.md', 'notes/x/a.md', true],
      ['{*.md}', 'a.md', false], // alternatives are characters, as before
      ['{*.md}', '*.md', true],
      ['a{b', 'a{b', true], // a `{` no `}` closes is a character
      ['[x].md', '[x].md', true],
      ['x.md', 'x.md', true],
    ];
    for (const [glob, path, expected] of cases) assert.equal(matchesAnyGlob(path, [glob]), expected, `${glob} on ${path}`);
    assert.equal(matchesAnyGlob('./briefs\\a.md', ['./briefs/*.md']), true, 'a leading ./ and backslashes');
    assert.equal(matchesAnyGlob('a.md', []), false);
    assert.equal(matchesAnyGlob('a.md', ['*.txt', '*.md']), true);
  });

  it('agree with the backtracking regular expression they replace (random globs and paths)', () => {
    const glob = fc.array(fc.constantFrom('*', '**', '**/', '?', 'a', 'b', '/', '.', '{a,b}', '{a/,}', '{', '}', 'x'), { maxLength: 8 }).map((a) => a.join(''));
    const path = fc.array(fc.constantFrom('a', 'b', '/', '.', 'x', 'ab', '{', '}', 'a/'), { maxLength: 10 }).map((a) => a.join(''));
    let matched = 0;
    fc.assert(
      fc.property(glob, path, (g, p) => {
        const expected = reference(g, p);
        if (expected) matched++;
        assert.equal(matchesAnyGlob(p, [g]), expected, `${JSON.stringify(g)} on ${JSON.stringify(p)}`);
      }),
      { seed: 20261205, numRuns: budget(20_000, 4000) },
    );
    assert.ok(matched > budget(1000, 200), `${matched} matches`);
  });

  it('take time proportional to the path, where backtracking took 31 s (`**/` ten times on thirty folders) or never ended', () => {
    const deep = Array.from({ length: 30 }, (_, i) => `d${i}`).join('/') + '/x.md';
    const hostile: Array<[string, string]> = [
      ['**/'.repeat(10) + '*.brief.md', deep],
      ['**/a*/'.repeat(10) + '*.brief.md', deep],
      ['*a'.repeat(12) + 'b', 'a'.repeat(200)],
      ['**a'.repeat(12) + 'b', 'a/'.repeat(100)],
      ['{a,b}'.repeat(200), 'a'.repeat(199) + 'c'],
    ];
    for (const [glob, path] of hostile) {
      const t0 = performance.now();
      assert.equal(matchesAnyGlob(path, [glob]), false);
      assert.ok(performance.now() - t0 < 100, `${glob.slice(0, 30)}…: ${(performance.now() - t0).toFixed(0)} ms`);
    }
  });
});
