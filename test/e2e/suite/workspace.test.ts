/** Files around a brief change, and the brief is checked again without being touched. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, briefmarkDiagnostics, codeOf, describeDiagnostics, fileUri, open, waitFor } from './helpers';

describe('Briefmark in VS Code: workspace changes', () => {
  before(async () => {
    await activateExtension();
  });

  it('re-checks a brief when the bibliography file it names appears, changes and goes away', async () => {
    const doc = (await open('notes/bib.brief.md')).document;
    const unknown = () => briefmarkDiagnostics(doc.uri).filter((d) => codeOf(d) === 'unknown-source' && doc.getText(d.range) === 'trade2024');
    await waitFor('unknown-source on trade2024 while refs.bib does not exist', () => unknown().length === 1, undefined, () => describeDiagnostics(doc.uri));
    const bib = fileUri('notes/refs.bib');
    await vscode.workspace.fs.writeFile(bib, Buffer.from('@report{trade2024,\n  title = {Trade in 2024},\n  year = {2024}\n}\n'));
    try {
      await waitFor('the brief to be re-checked after refs.bib was written', () => unknown().length === 0 && briefmarkDiagnostics(doc.uri).every((d) => codeOf(d) !== 'unsourced-claim'), undefined, () => describeDiagnostics(doc.uri));
      await vscode.workspace.fs.writeFile(bib, Buffer.from('@report{other,\n  title = {Something else}\n}\n'));
      await waitFor('unknown-source again after the key left refs.bib', () => unknown().length === 1, undefined, () => describeDiagnostics(doc.uri));
    } finally {
      await vscode.workspace.fs.delete(bib);
    }
    await waitFor('unknown-source after refs.bib was deleted', () => unknown().length === 1, undefined, () => describeDiagnostics(doc.uri));
    assert.equal(doc.isDirty, false, 'the brief itself was never edited');
  });
});

describe('Briefmark in VS Code: team conventions', () => {
  it('re-checks a brief when the .briefmark.yaml that governs it is written, changed and deleted', async () => {
    const doc = (await open('notes/probe.brief.md')).document;
    const unsourced = () => briefmarkDiagnostics(doc.uri).filter((d) => codeOf(d) === 'unsourced-claim');
    await waitFor('the default warning on the probe claim', () => unsourced().length === 1 && unsourced()[0].severity === vscode.DiagnosticSeverity.Warning, undefined, () => describeDiagnostics(doc.uri));
    const conventions = fileUri('notes/.briefmark.yaml');
    try {
      await vscode.workspace.fs.writeFile(conventions, Buffer.from('rules:\n  unsourced-claim: error\n'));
      await waitFor('unsourced-claim as an error after the conventions said so', () => unsourced()[0]?.severity === vscode.DiagnosticSeverity.Error, undefined, () => describeDiagnostics(doc.uri));
      await vscode.workspace.fs.writeFile(conventions, Buffer.from('rules:\n  unsourced-claim: off\n'));
      await waitFor('unsourced-claim switched off', () => unsourced().length === 0, undefined, () => describeDiagnostics(doc.uri));
    } finally {
      await vscode.workspace.fs.delete(conventions);
    }
    await waitFor('the default warning again after .briefmark.yaml was deleted', () => unsourced().length === 1 && unsourced()[0].severity === vscode.DiagnosticSeverity.Warning, undefined, () => describeDiagnostics(doc.uri));
    assert.equal(doc.isDirty, false, 'the brief itself was never edited');
  });
});

describe('Briefmark in VS Code: every brief in Problems', () => {
  it('shows the problems of a brief that was never opened, and forgets them when it is deleted', async () => {
    await activateExtension();
    const closed = fileUri('notes/never-opened.brief.md');
    const unsourced = () => briefmarkDiagnostics(closed).filter((d) => codeOf(d) === 'unsourced-claim');
    await vscode.workspace.fs.writeFile(closed, Buffer.from('---\nbrief: true\n---\n# Never opened\n\n:claim[Exports fell by a third] in the spring.\n'));
    try {
      await waitFor('unsourced-claim on a closed brief (workspace diagnostics)', () => unsourced().length === 1, undefined, () => describeDiagnostics(closed));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'the brief was never opened');
      assert.equal(briefmarkDiagnostics(fileUri('README.md')).length, 0, 'a README is no brief');
    } finally {
      await vscode.workspace.fs.delete(closed);
    }
    await waitFor('no problems left for the deleted brief', () => briefmarkDiagnostics(closed).length === 0, undefined, () => describeDiagnostics(closed));
  });
});
