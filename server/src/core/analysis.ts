import type { Conventions } from './conventions/types';
import { defaultConventions } from './conventions/types';
import { buildModel, type BuiltModel } from './model/buildModel';
import type { DocumentInput } from './model/types';
import { parseMarkdown, type ParsedMarkdown } from './parse/markdown';
import { runRules, type RuleFailure } from './rules';
import type { Diagnostic, Finding, SourceDocument } from './rules/types';
import { emptyBibliography, mergeBibliographies, type BibEntry, type Bibliography } from './sources/bibliography';

export interface AnalysisOptions {
  conventions?: Conventions;
  /** Entries read from bibliography files (front matter `bibliography:` and the conventions' list). */
  bibliography?: Bibliography;
  sourceDocuments?: Map<string, SourceDocument>;
  /** The previous version's parse, so unchanged blocks are not parsed again. */
  previous?: ParsedMarkdown;
  /** Looks up what the model names (bibliography files in its front matter), once it is built. */
  resolve?: (model: BuiltModel) => { bibliography?: Bibliography; sourceDocuments?: Map<string, SourceDocument> };
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
}

/** The whole pipeline for one document: parse → model → rules. Pure: no I/O, never throws on any text. */
export function analyze(input: DocumentInput, options: AnalysisOptions = {}): Analysis {
  const conventions = options.conventions ?? defaultConventions();
  const parsed = parseMarkdown(input.text, options.previous);
  const model = buildModel(input, parsed, conventions);
  const resolved = model.isBrief && options.resolve ? options.resolve(model) : {};
  const bibliography = mergeBibliographies(frontMatterBibliography(model), options.bibliography ?? emptyBibliography(), resolved.bibliography ?? emptyBibliography());
  const sourceDocuments = resolved.sourceDocuments ?? options.sourceDocuments ?? new Map();
  const base = { model, parsed, conventions, bibliography, sourceDocuments };
  if (!model.isBrief) return { ...base, diagnostics: [], failures: [] };
  const { diagnostics, failures } = runRules({ model, conventions, bibliography, sourceDocuments }, modelFindings(model));
  return { ...base, diagnostics, failures };
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
  return (model.frontMatter?.problems ?? []).map((p) => ({ code: 'invalid-conventions' as const, message: p.message, span: p.span }));
}
