import { strict as assert } from 'node:assert';
import { mergeConventions } from '../../server/src/core/conventions/mergeConventions';
import { defaultConventions, type Conventions } from '../../server/src/core/conventions/types';
import { createBriefService, type IWorkspace } from '../../server/src/core/service';
import { emptyBibliography } from '../../server/src/core/sources/bibliography';

/** The service re-analyses a brief when its conventions change (the workspace's change event), with nothing stale from the old ones. */
describe('conventions that change under an unchanged brief', () => {
  it('re-resolves tagged actors, untagged mentions, tag rules and severities', () => {
    let conventions: Conventions = defaultConventions();
    let changed = () => {};
    const workspace: IWorkspace = {
      onDidChange: (listener) => {
        changed = listener;
        return () => {};
      },
      conventionsFor: () => conventions,
      relativePath: () => 'a.brief.md',
      bibliographyFor: () => emptyBibliography(),
      sourceDocumentsFor: () => new Map(),
    };
    const service = createBriefService(workspace);
    const text = '---\nbrief: true\n---\n# A\n\n:actor[Olaf Scholz] met Macron.\n\n:rec[Act]{priority=urgent}\n';
    const doc = { uri: 'file:///w/a.brief.md', version: 1, getText: () => text };
    let a = service.analyze(doc);
    // "… met Macron." reads as an unsourced fact whatever the conventions say.
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['possible-unsourced-assertion', 'invalid-attribute']);
    assert.deepEqual(a.model.actorMentions, []);

    conventions = mergeConventions([
      { actors: [{ id: 'de', name: 'Olaf Scholz' }, { id: 'fr', name: 'Emmanuel Macron', aliases: ['Macron'] }], tags: { rec: { required: ['actor'], attributes: { priority: ['urgent'] } } }, rules: { 'missing-attribute': 'error' } },
    ]);
    assert.equal(service.analyze(doc), a, 'until the workspace says it changed, the analysis of this version stands');
    changed();
    a = service.analyze(doc);
    assert.deepEqual(a.model.actors.map((x) => x.actorId), ['de']);
    assert.deepEqual(a.model.actorMentions.map((m) => m.actorId), ['fr']);
    assert.deepEqual(a.diagnostics.map((d) => `${d.code}:${d.severity}`), ['possible-unsourced-assertion:info', 'missing-attribute:error']);

    conventions = mergeConventions([{ actors: [{ id: 'x', name: 'Someone Else' }] }]);
    changed();
    a = service.analyze(doc);
    assert.deepEqual(a.model.actors.map((x) => x.actorId), [undefined]);
    assert.deepEqual(a.model.actorMentions, []);
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['possible-unsourced-assertion', 'unknown-actor', 'invalid-attribute']);
  });
});
