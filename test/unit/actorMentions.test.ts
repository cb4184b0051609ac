import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/core/analysis';
import { actorByName, resolveActor } from '../../server/src/core/conventions/actors';
import { defaultConventions, type ActorEntry } from '../../server/src/core/conventions/types';

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
