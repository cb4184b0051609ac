import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CitationEngine, CitationFormatRequest, FormattedCitations } from '../../core/citations/renderCitations';

type EngineModule = { formatCitations(request: CitationFormatRequest): FormattedCitations };

let loaded: EngineModule | undefined;

/**
 * The CSL engine, loaded on its first use: `dist/citeproc.js` beside the bundle that runs
 * (the server or the CLI), or `engine.ts` when the TypeScript runs (tests, benches).
 * citeproc-js is about 1 MB: nothing pays for it until a citation is rendered.
 */
function engineModule(): EngineModule {
  if (!loaded) {
    const bundled = join(__dirname, 'citeproc.js');
    const file = existsSync(bundled) ? bundled : join(__dirname, 'engine.ts');
    // A computed path: esbuild leaves this require alone, so the engine stays out of the caller's bundle.
    loaded = require(file) as EngineModule;
  }
  return loaded;
}

export const citeprocEngine: CitationEngine = {
  format: (request) => engineModule().formatCitations(request),
};
