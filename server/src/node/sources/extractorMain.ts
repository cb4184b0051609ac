/**
 * The source extractor's process (bundled as `dist/sourceExtractor.js`): reads one file,
 * extracts its text (extract.ts) and writes the result as one JSON line on stdout. Run by
 * extractor.ts with a time limit and a heap limit; whatever happens here (a crash, a hang,
 * memory running out on a hostile file) stays here.
 *
 *   node sourceExtractor.js <path> <format> <maxUncompressedBytes>
 */
import { readFileSync } from 'node:fs';
import type { SourceFormat } from '../../core/rules/types';
import { extract, RESULT_MARKER, type ExtractResult } from './extract';

async function main(): Promise<void> {
  const [path, format, maxUncompressed] = process.argv.slice(2);
  let result: ExtractResult;
  try {
    result = await extract(readFileSync(path), format as SourceFormat, { maxUncompressed: Number(maxUncompressed) || undefined });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    result = { ok: false, reason: code ? `it cannot be read (${code})` : `it could not be read (${(e as Error).message})` };
  }
  // The result is the line after the marker: a library may print warnings on stdout too.
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`, () => process.exit(0));
}

void main();
