/** The snippets of the tag-selection commands (pure: no `vscode`, unit-tested). */
export type TagKind = 'claim' | 'actor' | 'rec';

export const ATTRIBUTE: Record<TagKind, [string, string]> = {
  claim: ['src', 'source-key'],
  actor: ['id', 'actor-id'],
  rec: ['track', '1'],
};

/** The snippet for one selection (exported for unit tests). The selected text is snippet-escaped. */
export function tagSnippet(kind: TagKind, selected: string): string {
  const esc = (s: string) => s.replace(/[\\$}]/g, (c) => `\\${c}`);
  const [name, placeholder] = ATTRIBUTE[kind];
  const attrs = (n: number) => `\${${n}:{${name}=\${${n + 1}:${placeholder}}\\}}`;
  if (kind === 'rec' && selected.includes('\n')) return `:::rec[\${1:Recommendation}]${attrs(2)}\n${esc(selected.replace(/\n$/, ''))}\n:::\n$0`;
  if (selected === '') return `:${kind}[\${1:${kind === 'claim' ? 'claim text' : kind === 'actor' ? 'actor name' : 'recommendation'}}]${attrs(2)}$0`;
  return `:${kind}[${esc(selected)}]${attrs(1)}$0`;
}
