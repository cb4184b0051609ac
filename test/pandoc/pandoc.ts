import { spawnSync } from 'node:child_process';

/**
 * The real Pandoc, as the oracle for everything Pandoc defines (citations, BibTeX). The
 * test setup installs Debian's `pandoc` when it is missing (scripts/setup-pandoc.sh); a
 * machine without it fails these tests with a message saying how to install it.
 */
export function pandocVersion(): string {
  const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error('pandoc is not installed: run `bash scripts/setup-test-tools.sh` (Debian: apt-get install pandoc)');
  return r.stdout.split('\n')[0];
}

/** `pandoc -f FROM -t TO` on `input`; throws with Pandoc's message when it fails. */
export function runPandoc(input: string | Buffer, args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync('pandoc', args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

export type Mode = 'AuthorInText' | 'NormalCitation' | 'SuppressAuthor';

export interface PandocCite {
  key: string;
  mode: Mode;
  /** The index of the top-level `Cite` element it belongs to (nested ones share their own). */
  cite: number;
}

export interface PandocTopCite {
  /** The citation's text as Pandoc keeps it (the raw `[…]` or `@key [...]`), white space collapsed. */
  text: string;
  keys: string[];
}

type Json = unknown;

/**
 * The citations of each section of a Pandoc JSON document: sections start at level-1
 * headers, in order; keys come in document order (a citation's prefix, its key, its suffix).
 */
export interface PandocSection {
  /** The identifier of the level-1 header that starts it (`c12` for `# C12`). */
  id: string;
  keys: PandocCite[];
  top: PandocTopCite[];
}

export function pandocCitationsBySection(doc: { blocks: Json[] }): PandocSection[] {
  const sections: PandocSection[] = [];
  let current: PandocSection | undefined;
  let citeCount = 0;
  const walk = (x: Json, topLevel: boolean): void => {
    if (Array.isArray(x)) {
      for (const v of x) walk(v, topLevel);
      return;
    }
    if (!x || typeof x !== 'object') return;
    const o = x as { t?: string; c?: Json };
    if (o.t === 'Cite') {
      const [cs, content] = o.c as [Array<{ citationId: string; citationMode: { t: Mode }; citationPrefix: Json; citationSuffix: Json }>, Json];
      const index = citeCount++;
      const keys: string[] = [];
      for (const c of cs) {
        walk(c.citationPrefix, false);
        current!.keys.push({ key: c.citationId, mode: c.citationMode.t, cite: index });
        keys.push(c.citationId);
        walk(c.citationSuffix, false);
      }
      if (topLevel) current!.top.push({ text: inlineText(content).replace(/\s+/g, ' ').trim(), keys });
      return;
    }
    for (const v of Object.values(o)) walk(v, topLevel);
  };
  for (const block of doc.blocks) {
    const b = block as { t: string; c: Json };
    if (b.t === 'Header' && (b.c as [number])[0] === 1) {
      current = { id: (b.c as [number, [string]])[1][0], keys: [], top: [] };
      sections.push(current);
      continue;
    }
    if (current) walk(b, true);
  }
  return sections;
}

function inlineText(x: Json): string {
  if (Array.isArray(x)) return x.map(inlineText).join('');
  if (!x || typeof x !== 'object') return '';
  const o = x as { t?: string; c?: Json };
  switch (o.t) {
    case 'Str':
      return o.c as string;
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      return ' ';
    default:
      return o.c === undefined ? '' : inlineText(o.c);
  }
}
