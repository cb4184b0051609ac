import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAG_NAMES } from '../../client/src/preview/markdownItBriefmark';
import { analyze } from '../../server/src/core/analysis';
import { BUILTIN_TAG_INFO, BUILTIN_TAGS, defaultConventions } from '../../server/src/core/conventions/types';
import { completionAt } from '../../server/src/core/features/completion';
import { buildCodebook } from '../../server/src/core/interchange/refiCodebook';

const ROOT = join(__dirname, '..', '..');

// The tag vocabulary comes from one list, BUILTIN_TAG_INFO; what cannot import it (the
// TextMate grammar, a regex literal of the preview plugin) is checked against it here.
describe('the tag vocabulary: one list, every place agrees with it', () => {
  const alternations = (text: string) => [...text.matchAll(/\((claim(?:\|[a-z]+)+)\)/g)].map((m) => m[1].split('|'));

  it('the grammar highlights exactly the built-in tags', () => {
    const grammar = readFileSync(join(ROOT, 'syntaxes', 'briefmark.injection.tmLanguage.json'), 'utf8');
    const found = alternations(grammar);
    assert.ok(found.length > 0);
    for (const names of found) assert.deepEqual([...names].sort(), [...BUILTIN_TAGS].sort());
    for (const tag of BUILTIN_TAGS) assert.ok(grammar.includes(`entity.name.tag.${tag}.briefmark`), tag);
  });

  it('the preview plugin renders exactly the built-in tags', () => {
    assert.deepEqual([...TAG_NAMES], [...BUILTIN_TAGS]);
    const source = readFileSync(join(ROOT, 'client', 'src', 'preview', 'markdownItBriefmark.ts'), 'utf8');
    for (const names of alternations(source)) assert.deepEqual([...names].sort(), [...BUILTIN_TAGS].sort());
  });

  it('the conventions defaults, completion and the codebook read the same names, attributes and values', () => {
    const defaults = defaultConventions();
    assert.deepEqual(Object.keys(defaults.tags), [...BUILTIN_TAGS]);
    for (const tag of BUILTIN_TAGS) {
      const info = BUILTIN_TAG_INFO[tag];
      assert.deepEqual(defaults.tags[tag].attributes ?? {}, Object.fromEntries(Object.entries(info.values).map(([k, v]) => [k, [...v]])));
      const text = `---\nbrief: true\n---\n# A\n\n:${tag}[x]{}\n`;
      const a = analyze({ uri: 'file:///w/v.brief.md', text });
      const names = completionAt(a, text.indexOf('{}') + 1).map((c) => c.label);
      for (const [attr] of info.attributes) assert.ok(names.includes(attr), `${tag}: completion offers ${attr}`);
    }
    const codes = buildCodebook(defaults).codes;
    assert.deepEqual(codes.map((c) => c.name), [...BUILTIN_TAGS]);
    for (const c of codes) assert.ok(c.description?.startsWith(BUILTIN_TAG_INFO[c.name as keyof typeof BUILTIN_TAG_INFO].description.replace(/\.$/, '')));
  });
});
