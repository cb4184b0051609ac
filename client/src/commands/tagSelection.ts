/**
 * "Tag as claim / actor / recommendation": wraps each selection in a tag, as a snippet, so
 * that Tab moves to the attributes (`{src=…}`, `{id=…}`, `{track=…}`); deleting the
 * selected attribute placeholder leaves the bare tag. A selection over several lines
 * becomes a `:::rec` container. With an empty selection, the tag is inserted with a
 * placeholder label.
 */
import * as vscode from 'vscode';

import { ATTRIBUTE, tagSnippet, type TagKind } from './tagSnippet';

export type { TagKind };

export async function tagSelection(kind: TagKind, editor = vscode.window.activeTextEditor): Promise<boolean> {
  if (!editor) return false;
  const selections = [...editor.selections].sort((a, b) => b.start.compareTo(a.start));
  // One snippet per selection, last first, so earlier offsets stay valid.
  const texts = selections.map((s) => editor.document.getText(s));
  if (selections.length === 1) return editor.insertSnippet(new vscode.SnippetString(tagSnippet(kind, texts[0])), selections[0]);
  return editor.edit((b) => {
    selections.forEach((s, i) => {
      const [name, placeholder] = ATTRIBUTE[kind];
      const text = texts[i];
      b.replace(s, kind === 'rec' && text.includes('\n') ? `:::rec[Recommendation]{${name}=${placeholder}}\n${text.replace(/\n$/, '')}\n:::\n` : `:${kind}[${text}]{${name}=${placeholder}}`);
    });
  });
}
