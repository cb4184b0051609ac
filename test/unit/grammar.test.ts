/**
 * The TextMate injection grammar (syntaxes/briefmark.injection.tmLanguage.json), tokenised
 * with VS Code's own engine (vscode-textmate + vscode-oniguruma) on top of the Markdown
 * grammar VS Code ships, and injected the way package.json declares it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
interface ContributedGrammar {
  scopeName: string;
  path: string;
  injectTo?: string[];
}
const injected: ContributedGrammar[] = manifest.contributes.grammars.filter((g: ContributedGrammar) => g.injectTo?.includes('text.html.markdown'));

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'text.html.markdown') return vsctm.parseRawGrammar(readFileSync(require.resolve('tm-grammars/grammars/markdown.json'), 'utf8'), 'markdown.json');
      const mine = injected.find((g) => g.scopeName === scope);
      if (mine) return vsctm.parseRawGrammar(readFileSync(join(root, mine.path), 'utf8'), mine.path);
      return null;
    },
    getInjections: (scope) => (scope === 'text.html.markdown' ? injected.map((g) => g.scopeName) : undefined),
  });
  const g = await registry.loadGrammar('text.html.markdown');
  assert.ok(g, 'the Markdown grammar did not load');
  grammar = g;
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(markdown: string): Token[][] {
  let state = vsctm.INITIAL;
  return markdown.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of every token that lies inside the first occurrence of `needle`. */
function scopesOf(markdown: string, needle: string): string[][] {
  const lines = tokenize(markdown);
  const src = markdown.split('\n');
  const li = src.findIndex((l) => l.includes(needle));
  assert.ok(li >= 0, `"${needle}" not in the input`);
  const start = src[li].indexOf(needle);
  const end = start + needle.length;
  let at = 0;
  const out: string[][] = [];
  for (const t of lines[li]) {
    const s = at;
    at += t.text.length;
    if (s < end && at > start) out.push(t.scopes);
  }
  return out;
}

/** Every token of `needle` carries a scope starting with `scope`. */
function check(markdown: string, needle: string, scope: string): void {
  const all = scopesOf(markdown, needle);
  assert.ok(all.length > 0);
  for (const scopes of all) assert.ok(scopes.some((s) => s.startsWith(scope)), `"${needle}" in ${JSON.stringify(markdown)}: expected ${scope}, got ${scopes.join(' ')}`);
}

function checkNone(markdown: string, needle: string): void {
  for (const scopes of scopesOf(markdown, needle)) assert.ok(!scopes.some((s) => s.endsWith('.briefmark')), `"${needle}" in ${JSON.stringify(markdown)} got Briefmark scopes: ${scopes.join(' ')}`);
}

describe('TextMate grammar: Briefmark tags injected into Markdown', () => {
  it('is contributed as injections into Markdown', () => {
    assert.equal(injected.length, 2, 'package.json should inject the tag grammar and the suppression-comment grammar into text.html.markdown');
    for (const g of injected) assert.equal(JSON.parse(readFileSync(join(root, g.path), 'utf8')).scopeName, g.scopeName);
  });

  const claim = 'Needs may exceed :claim[$400 billion]{src=wire id="big-number"} by 2030.';
  const cases: [string, string, string][] = [
    [claim, 'claim', 'entity.name.tag.claim.briefmark'],
    [claim, ':', 'punctuation.definition.tag.begin.briefmark'],
    [claim, '$400 billion', 'string.other.label.claim.briefmark'],
    [claim, 'src', 'entity.other.attribute-name.briefmark'],
    [claim, 'wire', 'string.unquoted.briefmark'],
    [claim, 'big-number', 'string.quoted.double.briefmark'],
    ['The :actor[Kremlin]{id=ru} said so.', 'actor', 'entity.name.tag.actor.briefmark'],
    ['The :actor[Kremlin]{id=ru} said so.', 'Kremlin', 'entity.name.type.label.actor.briefmark'],
    [':claim[:actor[Macron] said "no restrictions"]{src=lci}', 'Macron', 'entity.name.type.label.actor.briefmark'],
    [':claim[:actor[Macron] said "no restrictions"]{src=lci}', 'said "no restrictions"', 'string.other.label.claim.briefmark'],
    [':claim[:actor[Macron] said "no restrictions"]{src=lci}', 'lci', 'string.unquoted.briefmark'],
    [':claim[a [bracketed] aside]{src=x}', 'aside', 'string.other.label.claim.briefmark'],
    ['Do it :rec[Clarify red lines]{track=1 priority=high}.', 'Clarify red lines', 'entity.name.function.label.rec.briefmark'],
    ['Do it :rec[Clarify red lines]{track=1 priority=high}.', 'priority', 'entity.other.attribute-name.briefmark'],
    [':::rec[Clarify red lines]{id=red-lines actor="coalition eu"}\nText.\n:::', 'rec', 'entity.name.tag.rec.briefmark'],
    [':::rec[Clarify red lines]{id=red-lines actor="coalition eu"}\nText.\n:::', 'Clarify red lines', 'entity.name.function.label.rec.briefmark'],
    [':::rec[Clarify red lines]{id=red-lines actor="coalition eu"}\nText.\n:::', 'coalition eu', 'string.quoted.double.briefmark'],
    ['Text.\n:::\n', ':::', 'punctuation.definition.tag.end.briefmark'],
    ['As reported [@coalition-call, p. 2].', 'coalition-call', 'variable.other.citation.briefmark'],
    ['As reported [see @a1; -@geneva_talks].', 'geneva_talks', 'variable.other.citation.briefmark'],
    ['@smith2020 says so.', 'smith2020', 'variable.other.citation.briefmark'],
    [':claim[It grew][@wire] fast.', 'wire', 'variable.other.citation.briefmark'],
    ['<!-- briefmark-disable-next-line unsourced-claim unknown-source -->', 'briefmark-disable-next-line', 'keyword.control.suppression.briefmark'],
    ['<!-- briefmark-disable-next-line unsourced-claim unknown-source -->', 'unknown-source', 'constant.language.diagnostic-code.briefmark'],
    ['Text <!-- briefmark-enable --> more', 'briefmark-enable', 'keyword.control.suppression.briefmark'],
    ['Text.\n\n<!-- briefmark-disable possible-unsourced-assertion -->\n', 'possible-unsourced-assertion', 'constant.language.diagnostic-code.briefmark'],
    ['- a list item with :claim[a figure of 12%]{src=x}', 'a figure of 12%', 'string.other.label.claim.briefmark'],
    ['> quoted :actor[Rubio] here', 'Rubio', 'entity.name.type.label.actor.briefmark'],
    ['## Track 1: :rec[Diplomacy]{id=d}', 'Diplomacy', 'entity.name.function.label.rec.briefmark'],
  ];
  for (const [md, needle, scope] of cases) {
    it(`scopes "${needle}" in ${JSON.stringify(md.split('\n')[0])} as ${scope}`, () => check(md, needle, scope));
  }

  const plain: [string, string][] = [
    ['The call starts at 10:30.', '10:30'],
    ['The vote went 3:1.', '3:1'],
    ['Great :smile: work.', ':smile:'],
    ['Write to press@example.org today.', 'example.org'],
    ['A :cliam[typo] is not a tag here.', ':cliam[typo]'],
    ['Use `:claim[x]{src=y}` in code.', ':claim[x]{src=y}'],
    ['```\n:claim[in a fence]{src=y} @key\n```', ':claim[in a fence]{src=y} @key'],
    ['<!-- an ordinary comment with @key and :claim[x] -->', 'an ordinary comment with @key and :claim[x]'],
  ];
  for (const [md, needle] of plain) {
    it(`leaves "${needle}" alone in ${JSON.stringify(md.split('\n')[0])}`, () => checkNone(md, needle));
  }

  it('ends a claim label at its own bracket, so the rest of the line is plain Markdown again', () => {
    checkNone(':claim[short]{src=a} and then **bold** text', 'and then');
    check(':claim[short]{src=a} and then **bold** text', 'bold', 'markup.bold');
  });
});
