import fc from 'fast-check';
import { anyBrief } from './generators';
import { NEW_NAMES } from './edits';

/**
 * Briefs for the "edits never corrupt" property: a generated or mutated hostile brief
 * (fuzz/generators.ts) with the things quick fixes and rename work on spliced in at random
 * places — claims and assertions to source or tag, near-miss tags, keys and suppression
 * codes, missing footnotes, actor ids in every attribute syntax, citations in every form —
 * and then the line endings of the whole text changed at random.
 */
const SNIPPETS = [
  ':claim[Officials said 40% of talks failed]',
  ':claim[It stalled]{src=nowhere by=fr-president}',
  ':claim[The IMF said $400 billion]{id=c1}',
  ':claim[Officials said "the talks stalled badly" and 55% of it]',
  ':claim[Talks said "nothing at all here" 12%]{src=b}',
  ':claim[x]{#c1}',
  ':actor[the President]{#fr-president}',
  ':actor[them]{id="fr-president"}',
  ":actor[x]{id='imf'}",
  ':actor[Macron]',
  ':actor[Nobody]{id=ghost}',
  ':rec[Act]{actor=imf,fr-president track=1}',
  ':rec[Talk]{actor="eu fr-president" track=diplomatic}',
  'Macron said 40% of talks failed.',
  'Officials said "the talks stalled badly".',
  'The IMF stated that $300 billion was frozen',
  '*Officials said 40% of it.*',
  'Ministers said it failed\\',
  'It said [x] 40%.',
  '[@wire, p. 4]',
  '@wire',
  '[see @nowhere]',
  '[@nowherr]',
  '[@wire; @b]',
  '@{wire}',
  ':claim[Frozen assets worth billions] said',
  '[^n1]',
  '[^n1]: A note.',
  '[^Missing]',
  '[^ü]',
  '[^empty]:',
  ':cliam[almost]',
  ':Claim[y]{src=b}',
  ':::recc[L]\nbody said 40%\n:::',
  ':::rec[Lab]{track=9}\nOfficials said 40%.\n:::',
  '<!-- briefmark-disable-next-line unsourced-clam -->',
  '<!-- briefmark-disable -->',
  '<!-- briefmark-enable unsourced-claimm -->',
  '> Officials said 40%.\n> More said $5.',
  '- The IMF said $400 billion.\n  It also said 30%.',
  '| Officials said 40% | x |\n|---|---|\n| a said 5% | b |',
  // Pandoc's simple, multiline and grid tables (model/pandocTables.ts), as a converter writes them.
  '  Country     Share\n  --------- -------\n  Germany       51%\n  France        12%\n\n  : Shares [@wire].',
  '  -------------------------------\n  Pupils        Absent\n  ------------- -----------------\n  Eligible for  24.7%\n  free meals\n\n  Not eligible  8.7%\n  -------------------------------\n',
  '+---------+-------+\n| Country | Share |\n+=========+======:+\n| Germany | 51%   |\n+---------+-------+',
  '  Box 1: Who qualifies?\n  ---------------------\n  Adults over 35 said 40%.\n',
  '```\nsaid 40%',
  ':::claim\nOfficials said 40%.',
  '\n\n',
  '\r\n',
  '\r',
  '😀',
  '\uD800',
  '\uDC00',
];

const FRONT = [
  '',
  '---\nbrief: true\n---\n',
  '---\nbrief: true\nreferences:\n  - id: lci\n    title: Interview of officials on talks\n  - id: "quoted"\n    title: Frozen assets\n---\n',
  '---\r\nreferences: [{id: fm1, title: Ceasefire talks stalled}]\r\n---\r\n',
];

export const editBrief = fc
  .tuple(
    fc.constantFrom(...FRONT),
    fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: anyBrief }),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SNIPPETS), fc.constantFrom(' ', '\n', '\n\n', '')), { minLength: 1, maxLength: 10 }),
    fc.constantFrom('keep', '\n', '\r\n', '\r', 'keep'),
    fc.boolean(),
  )
  .map(([front, base, inserts, eol, finalNewline]) => {
    let t = base;
    for (const [where, snippet, sep] of inserts) {
      const at = Math.floor(where * t.length);
      t = t.slice(0, at) + sep + snippet + sep + t.slice(at);
    }
    t = front + t;
    if (eol !== 'keep') t = t.replace(/\r\n|\r|\n/g, eol);
    if (!finalNewline) t = t.replace(/(?:\r\n|\r|\n)+$/, '');
    return t;
  });

export const newNames = fc.subarray(NEW_NAMES, { minLength: 2, maxLength: 6 });

/** The lines of a brief written as plain text (model/headingLines.ts, model/plainTextOutline.ts): heading lines, prose lines, run-in labels, list items, tags. */
const PLAIN_LINES = [
  'Executive Summary',
  'Key Events',
  '**Context**',
  'Officials said 40% of talks failed in 2024.',
  'The IMF stated that $300 billion was frozen, a figure ministers repeat.',
  'Macron said 55% of it.',
  'Proposed Solutions Framework',
  'Track 1: Diplomatic Pathway',
  'Track 2: Economic Leverage',
  'Track B - Security',
  'Immediate Actions',
  'Medium-Term Initiatives',
  'Clarify Red Lines: All parties must state positions.',
  '**Burden Sharing:** Share the costs of support.',
  'Fund Installers: Fund training for 40% more installers',
  'held by 40% of them and wrapped',
  'note: a wrapped line',
  '- Energy Security: Accelerate diversification.',
  '- Officials said 40%.',
  '  an indented line',
  ':rec[Act]{actor=imf track=1}: Diversify supplies.',
  ':claim[Officials said 40% of talks failed]',
  'Implementation Recommendations',
  'For Coalition Members',
  'Conclusion',
  'References',
  'Source: Eurostat',
  // Numbered sections (Markdown reads list items) and subsections.
  '1. Key Events',
  '2. Proposed Solutions Framework',
  '3) Conclusion',
  '2.1 Background',
  '1. Clarify Red Lines',
  // Sections and labels written with a colon.
  'Background:',
  '**Analysis:**',
  '**Outlook**:',
  'Conclusion:',
  'Clarify Red Lines:',
  // Sections in sentence case.
  'Key events',
  'Proposed solutions framework',
  'Immediate actions',
  '1. Key events',
  '2. Context:',
  '',
];

/** A brief written as plain text, with its framework in lines (a front matter makes it a brief), hostile snippets spliced in. */
export const plainTextBrief = fc
  .tuple(
    fc.constantFrom('---\nbrief: true\n---\n', '---\nbrief: true\n---\n# A Title\n', '---\r\nbrief: true\r\n---\r\n'),
    fc.array(fc.constantFrom(...PLAIN_LINES), { minLength: 4, maxLength: 30 }),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SNIPPETS), fc.constantFrom(' ', '\n', '')), { maxLength: 3 }),
    fc.constantFrom('keep', '\n', '\r\n', '\r'),
  )
  .map(([front, lines, inserts, eol]) => {
    let t = lines.join('\n');
    for (const [where, snippet, sep] of inserts) {
      const at = Math.floor(where * t.length);
      t = t.slice(0, at) + sep + snippet + sep + t.slice(at);
    }
    t = front + t;
    return eol === 'keep' ? t : t.replace(/\r\n|\r|\n/g, eol);
  });
