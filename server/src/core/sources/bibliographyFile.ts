import type { Bibliography } from './bibliography';
import { parseBibtex } from './bibtex';
import { parseCslYaml } from './csl';
import { parseCslJson } from './cslJson';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** The format of a bibliography file, by its extension (Pandoc's conventions). */
export function bibliographyFormat(path: string): BibliographyFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'json') return 'csl-json';
  if (ext === 'yaml' || ext === 'yml') return 'csl-yaml';
  return undefined;
}

/** Parses a bibliography file's text. Never throws: problems are data, with positions in that file. */
export function parseBibliographyText(text: string, uri: string, format: BibliographyFormat): Bibliography {
  try {
    switch (format) {
      case 'bibtex':
        return parseBibtex(text, uri);
      case 'csl-json':
        return parseCslJson(text, uri);
      case 'csl-yaml':
        return parseCslYaml(text, uri);
    }
  } catch (e) {
    return { entries: new Map(), problems: [{ uri, message: `The bibliography could not be read: ${(e as Error).message}` }] };
  }
}
