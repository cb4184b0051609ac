import type { Conventions } from './conventions/types';
import { defaultConventions } from './conventions/types';
import { buildModel, buildModelSteps, type BuiltModel } from './model/buildModel';
import type { DocumentInput } from './model/types';
import { parseMarkdown, type ParsedMarkdown } from './parse/markdown';
import { runRuleSteps, severityOf, RULES, type RuleFailure } from './rules';
import type { Diagnostic, Finding, Rule, SourceDocument } from './rules/types';
import { firstLineSpan, looksLikeBrief, sizeLimitMessage } from './sizeLimit';
import { runToEnd, type Steps } from './steps';

export { runToEnd };
import { emptyBibliography, mergeBibliographies, type BibEntry, type Bibliography } from './sources/bibliography';

export interface AnalysisOptions {
  conventions?: Conventions;
  /** Entries read from bibliography files (front matter `bibliography:` and the conventions' list). */
  bibliography?: Bibliography;
  sourceDocuments?: Map<string, SourceDocument>;
  /** The previous version's parse, so unchanged blocks are not parsed again. */
  previous?: ParsedMarkdown;
  /** The text will not be edited (a CLI run): parse it in one piece when small enough. */
  oneShot?: boolean;
  /** Looks up what the model names (bibliography files in its front matter), once it is built. */
  resolve?: (model: BuiltModel) => { bibliography?: Bibliography; sourceDocuments?: Map<string, SourceDocument> };
  /**
   * Documents longer than this (UTF-16 code units) are not parsed: a brief gets one
   * `invalid-conventions` diagnostic saying so (docs/reliability.md). No limit when absent.
   */
  maxDocumentSize?: number;
  /** The rules to run (default: all of `rules/index.ts`); tests inject failing ones. */
  rules?: Rule[];
}

export interface Analysis {
  model: BuiltModel;
  parsed: ParsedMarkdown;
  conventions: Conventions;
  bibliography: Bibliography;
  sourceDocuments: Map<string, SourceDocument>;
  /** Empty for a Markdown file that is not a brief. */
  diagnostics: Diagnostic[];
  failures: RuleFailure[];
  /** Set when the document was above `maxDocumentSize` and was not analysed. */
  oversized?: { size: number; limit: number };
}

/** The whole pipeline for one document: parse → model → rules. Pure: no I/O, never throws on any text. */
export function analyze(input: DocumentInput, options: AnalysisOptions = {}): Analysis {
  return runToEnd(analysisSteps(input, options));
}

/**
 * `analyze`, with a step every 16 blocks of the model, after the model and after each rule:
 * a caller that must stay responsive (the server) lets other work through there. On a
 * megabyte of hostile text the longest piece left is one block's facts (a 1 MB block:
 * about 2 s) or one rule (under a second).
 */
export function* analysisSteps(input: DocumentInput, options: AnalysisOptions = {}): Steps<Analysis> {
  const conventions = options.conventions ?? defaultConventions();
  if (options.maxDocumentSize !== undefined && input.text.length > options.maxDocumentSize) return oversized(input, conventions, options.maxDocumentSize);
  const parsed = parseMarkdown(input.text, options.previous, { oneShot: options.oneShot });
  const model = yield* buildModelSteps(input, parsed, conventions);
  yield;
  const resolved = model.isBrief && options.resolve ? options.resolve(model) : {};
  const bibliography = mergeBibliographies(frontMatterBibliography(model), options.bibliography ?? emptyBibliography(), resolved.bibliography ?? emptyBibliography());
  const sourceDocuments = resolved.sourceDocuments ?? options.sourceDocuments ?? new Map();
  const base = { model, parsed, conventions, bibliography, sourceDocuments };
  if (!model.isBrief) return { ...base, diagnostics: [], failures: [] };
  const { diagnostics, failures } = yield* runRuleSteps({ model, conventions, bibliography, sourceDocuments }, [...modelFindings(model), ...bibliographyFindings(model, bibliography)], options.rules ?? RULES);
  return { ...base, diagnostics, failures };
}

/**
 * A bibliography file named in the front matter that cannot be read is reported on the
 * brief, on the `bibliography:` entry (as `invalid-conventions`, like other front-matter
 * problems). Syntax errors inside a bibliography file are reported on that file.
 */
function bibliographyFindings(model: BuiltModel, bibliography: Bibliography): Finding[] {
  const own = bibliography.problems.filter((p) => p.uri === model.uri);
  if (!own.length || !model.frontMatter) return [];
  const fm = model.frontMatter;
  const yaml = model.text.slice(fm.contentStart, fm.span.end);
  const key = /^bibliography[ \t]*:/m.exec(yaml);
  const at = key ? fm.contentStart + key.index : fm.span.start;
  const span = { start: at, end: key ? at + key[0].length - 1 : at + 3 };
  return own.map((p) => {
    // Point at the file name when it is written on a line of its own or after the key.
    const name = /"([^"]+)"/.exec(p.message)?.[1];
    const idx = name ? yaml.indexOf(name.split('/').pop()!) : -1;
    const exact = idx >= 0 ? { start: fm.contentStart + idx, end: fm.contentStart + idx + name!.split('/').pop()!.length } : span;
    return { code: 'invalid-conventions' as const, message: p.message, span: p.span ?? exact };
  });
}

/**
 * A document above the size limit: nothing is parsed (an empty model over its text), and
 * a brief gets one diagnostic on its first line. The contract has no code of its own for
 * this; the limit is a setting, so it is reported as `invalid-conventions` (an error, so
 * that CI does not pass a brief nobody checked; docs/reliability.md).
 */
function oversized(input: DocumentInput, conventions: Conventions, limit: number): Analysis {
  const parsed: ParsedMarkdown = { text: input.text, blocks: [], reparsed: 0 };
  const reason = looksLikeBrief(input.text, input.relativePath, conventions);
  const model = { ...buildModel(input, parsed, conventions), isBrief: reason !== undefined, briefReason: reason };
  const base = { model, parsed, conventions, bibliography: emptyBibliography(), sourceDocuments: new Map<string, SourceDocument>(), failures: [], oversized: { size: input.text.length, limit } };
  const severity = severityOf({ conventions }, 'invalid-conventions');
  if (!reason || !severity) return { ...base, diagnostics: [] };
  return { ...base, diagnostics: [{ code: 'invalid-conventions', severity, message: sizeLimitMessage(input.text.length, limit), span: firstLineSpan(input.text) }] };
}

function frontMatterBibliography(model: BuiltModel): Bibliography {
  const entries = new Map<string, BibEntry>();
  for (const e of model.frontMatter?.references ?? []) if (!entries.has(e.key)) entries.set(e.key, e);
  return { entries, problems: [] };
}

/**
 * Problems the model itself found in malformed front matter. The contract's codes have no
 * separate one for a brief's own settings block; front matter is the brief's own
 * conventions, so its errors are reported as `invalid-conventions` (docs/diagnostics.md).
 * Unclosed containers are not a code of the contract: their hover says so instead.
 */
function modelFindings(model: BuiltModel): Finding[] {
  return (model.frontMatter?.problems ?? []).map((p) => ({ code: 'invalid-conventions' as const, message: p.message, span: p.span, ...(p.replacement !== undefined && { data: { replacement: p.replacement } }) }));
}
