import type { Code } from './types';

/** Where each code is explained (docs/diagnostics.md): LSP `codeDescription` and SARIF `helpUri` link here. */
export const DOCS_URL = 'https://github.com/briefmark/briefmark/blob/main/docs/diagnostics.md';

export function docsUrl(code: Code): string {
  return `${DOCS_URL}#${code}`;
}

/** The project's home, for tools that link to it (SARIF `informationUri`). */
export const PROJECT_URL = 'https://github.com/briefmark/briefmark';
