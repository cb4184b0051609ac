/**
 * Command-line arguments of `briefmark check` (spec §9), parsed with Node's own
 * `util.parseArgs`. A usage error is returned, never thrown: the caller prints it and
 * exits with code 2.
 */
import { parseArgs } from 'node:util';
import { parseShard, type Shard } from './shard';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckOptions {
  paths: string[];
  format: Format;
  /** More warnings than this make the exit code 1; `undefined` means no limit. */
  maxWarnings?: number;
  /** Worker threads; `undefined` means automatic (all cores, for large runs only). */
  jobs?: number;
  /** The workspace folder for the `briefs` globs and the conventions search (default: the repository root). */
  root?: string;
  /** Reuse results of unchanged files from the cache file (`--cache`, `--cache-location`). */
  cache: boolean;
  cacheLocation?: string;
  /** Findings only on lines changed since the merge base with this git ref. */
  changedSince?: string;
  /** Hide the findings recorded in this file. */
  baseline?: string;
  /** Write the findings of this run to the baseline file. */
  updateBaseline: boolean;
  /** Check only this part of the files (`--shard 2/4`). */
  shard?: Shard;
  help: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const CHECK_USAGE = `Usage: briefmark check [options] [paths…]

Checks briefs in the given files and folders (default: the current folder).
Folders are searched recursively for Markdown files (node_modules and .git skipped);
a file found there is reported when it is a brief. Files named explicitly are always
reported.

Options:
  -f, --format <text|json|sarif|github|junit|gitlab>
                                         output format (default: text)
      --max-warnings <N>                 exit with code 1 when there are more than N warnings
  -j, --jobs <N>                         worker threads (default: all cores for large runs)
      --root <folder>                    the workspace folder that the conventions' 'briefs'
                                         globs are relative to (default: the repository that
                                         holds the current folder, else the current folder)
      --cache                            reuse the results of unchanged files (.briefmarkcache)
      --cache-location <file|folder>     where the cache lives (implies --cache)
      --changed-since <ref>              report findings only on lines changed since the
                                         merge base with the git ref (whole new files)
      --baseline <file>                  hide the findings recorded in the file
      --update-baseline                  record this run's findings in the --baseline file
      --shard <i/n>                      check the i-th of n stable parts of the files
  -h, --help                             show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error, unreadable path
or a file that could not be checked.`;

export function parseCheckArgs(argv: string[]): Parsed<CheckOptions> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        root: { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        'changed-since': { type: 'string' },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean' },
        shard: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    return { ok: false, error: `Unknown format "${format}": use one of ${FORMATS.join(', ')}.` };
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = wholeNumber(values['max-warnings']);
    if (maxWarnings === undefined) return { ok: false, error: `--max-warnings needs a whole number of 0 or more, not "${values['max-warnings']}".` };
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = wholeNumber(values.jobs);
    if (!jobs) return { ok: false, error: `--jobs needs a whole number of 1 or more, not "${values.jobs}".` };
  }
  const cacheLocation = values['cache-location'];
  if (cacheLocation !== undefined && !cacheLocation.trim()) return { ok: false, error: '--cache-location needs a path.' };
  const changedSince = values['changed-since'];
  if (changedSince !== undefined && !changedSince.trim()) return { ok: false, error: '--changed-since needs a git ref (a branch, tag or commit).' };
  const baseline = values.baseline;
  if (baseline !== undefined && !baseline.trim()) return { ok: false, error: '--baseline needs a file.' };
  const updateBaseline = values['update-baseline'] === true;
  if (updateBaseline && baseline === undefined) return { ok: false, error: '--update-baseline needs --baseline FILE: the file to write.' };
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    shard = parseShard(values.shard);
    if (!shard) return { ok: false, error: `--shard needs i/n with 1 ≤ i ≤ n (e.g. 2/4), not "${values.shard}".` };
  }
  return {
    ok: true,
    value: {
      paths: positionals,
      format: format as Format,
      maxWarnings,
      jobs,
      root: values.root,
      cache: values.cache === true || cacheLocation !== undefined,
      cacheLocation,
      changedSince,
      baseline,
      updateBaseline,
      shard,
      help: values.help ?? false,
    },
  };
}

function wholeNumber(s: string): number | undefined {
  return /^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined;
}
