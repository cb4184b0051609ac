import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { actorByName, resolveActor } from '../../server/src/core/conventions/actors';
import { defaultConventions, type ActorEntry } from '../../server/src/core/conventions/types';
import { findActorMentions } from '../../server/src/core/model/actorMentions';
import { createBriefService, inMemoryWorkspace } from '../../server/src/core/service';
import { generateBrief } from '../../bench/corpus';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const actors: ActorEntry[] = [
  { id: 'fr-president', name: 'Emmanuel Macron', aliases: ['Macron', 'President Macron'] },
  { id: 'fr', name: 'France', aliases: ['French Republic'] },
  { id: 'ci', name: "Côte d'Ivoire" },
  { id: 'eu', name: 'European Union', aliases: ['EU', 'Union'] },
  { id: 'eu-council', name: 'Council of the European Union' },
  { id: 'ua-president', name: 'Volodymyr Zelensky', aliases: ['Зеленський'] },
];

function mentions(text: string): Array<[string, string]> {
  const a = analyze({ uri: 'file:///m.brief.md', text: `---\nbrief: true\n---\n${text}` }, { conventions: { ...defaultConventions(), actors } });
  return a.model.actorMentions.map((m) => [m.actorId, a.model.text.slice(m.span.start, m.span.end)]);
}

describe('untagged actor mentions', () => {
  it('longest match first: a longer name wins over a name or alias inside it', () => {
    assert.deepEqual(mentions('President Macron met the Council of the European Union and the EU.'), [
      ['fr-president', 'President Macron'],
      ['eu-council', 'Council of the European Union'],
      ['eu', 'EU'],
    ]);
  });

  it('folds case, diacritics and typographic apostrophes', () => {
    assert.deepEqual(mentions('EMMANUEL MACRÓN visited Cote d’Ivoire and côte d\'ivoire.'), [
      ['fr-president', 'EMMANUEL MACRÓN'],
      ['ci', 'Cote d’Ivoire'],
      ['ci', "côte d'ivoire"],
    ]);
  });

  it('whole words only, in any script; a name may wrap onto the next line', () => {
    assert.deepEqual(mentions('Macronism, Francevery, Frances and Зеленського are not mentions; Зеленський and Emmanuel\nMacron are.'), [
      ['ua-president', 'Зеленський'],
      ['fr-president', 'Emmanuel\nMacron'],
    ]);
  });

  it('never inside a tag, its attributes, code or a link destination', () => {
    assert.deepEqual(mentions(':actor[Macron]{id=fr-president} and `France` and [text](https://france.fr/France) and :claim[France acts]{by=fr}'), [['fr', 'France']]);
  });
});

describe('tagged actor resolution', () => {
  it('by id, else by name or alias with case and diacritics folded', () => {
    const c = { actors };
    assert.equal(resolveActor(c, 'fr', 'anything')?.id, 'fr');
    assert.equal(resolveActor(c, 'nope', 'France'), undefined, 'an id that names nothing does not fall back to the label');
    assert.equal(resolveActor(c, undefined, '  president   macron ')?.id, 'fr-president');
    assert.equal(actorByName(c, 'COTE D’IVOIRE')?.id, 'ci');
    assert.equal(actorByName(c, 'Macro'), undefined);
  });
});

describe('untagged actor mentions, block by block', () => {
  const example = readFileSync(join(__dirname, '..', '..', 'examples', 'ceasefire-impasse.brief.md'), 'utf8');
  const names = '\n\nMacron spoke for France and the EU.\n\n- The European Union and President Macron.\n- Côte d’Ivoire\n';
  const texts = [example + names, generateBrief({ bytes: 30_000, seed: 11 }) + names + names, `${example}\n\n:actor[Macron] and Macron, EU and the European Union.\n`];

  it('searching each parsed block on its own finds what one search of the whole model finds', () => {
    for (const text of texts) {
      const conventions = { ...defaultConventions(), actors };
      const a = analyze({ uri: 'file:///m.brief.md', text }, { conventions });
      assert.ok(a.model.actorMentions.length >= 3, `some mentions (${a.model.actorMentions.length})`);
      assert.deepEqual(a.model.actorMentions, findActorMentions(a.model, actors));
    }
  });

  it('an edit re-uses the mentions of unchanged blocks, and a new actor list is searched again', () => {
    const service = createBriefService(inMemoryWorkspace({ ...defaultConventions(), actors }));
    const uri = 'file:///w/e.brief.md';
    const text = example;
    const first = service.analyze({ uri, version: 1, getText: () => text });
    const edited = text + '\nFrance agreed.\n';
    const second = service.analyze({ uri, version: 2, getText: () => edited });
    assert.equal(second.model.actorMentions.length, first.model.actorMentions.length + 1);
    assert.deepEqual(second.model.actorMentions, findActorMentions(second.model, actors));
    const fewer = createBriefService(inMemoryWorkspace({ ...defaultConventions(), actors: actors.filter((x) => x.id !== 'fr') }));
    const third = fewer.analyze({ uri, version: 3, getText: () => edited });
    assert.ok(third.model.actorMentions.every((m) => m.actorId !== 'fr'));
  });
});
