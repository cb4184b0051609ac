import { analyze, type Analysis } from './analysis';
import type { Conventions } from './conventions/types';
import { defaultConventions } from './conventions/types';
import { codeActions, type CodeActionResult } from './features/codeActions';
import { documentSymbols, type BriefSymbol } from './features/documentSymbols';
import { formatReference, renderCitations, DEFAULT_CITATION_STYLE, type CitationEngine, type CitationStyleChoice, type FormattedCitations, type RenderedCitations } from './citations/renderCitations';
import { hoverAt, type HoverResult } from './features/hover';
import { summarize, type BriefSummary } from './features/briefSummary';
import { completionAt, type CompletionResult } from './features/completion';
import { trackCodeLenses, type BriefCodeLens } from './features/codeLens';
import { foldingRanges, type BriefFold } from './features/folding';
import { definitionAt, prepareRenameAt, referencesAt, renameAt, type DocLocation, type PrepareResult, type RenameResult } from './features/navigation';
import type { BriefModel } from './model/types';
import { parseMarkdownSteps, type ParsedMarkdown } from './parse/markdown';
import type { Rule, SourceDocument } from './rules/types';
import { DEFAULT_MAX_DOCUMENT_SIZE } from './sizeLimit';
import { emptyBibliography, type Bibliography } from './sources/bibliography';

/** A text document as the service sees it (an LSP TextDocument, or a file the CLI read). */
export interface ITextDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/**
 * Everything from outside the document: the conventions that govern it, the bibliography
 * files and source documents it uses, where it sits in its workspace. The server and the
 * CLI implement it over the file system; tests implement it in memory.
 */
export interface IWorkspace {
  /** Bumped whenever anything it returns may have changed (a conventions or bibliography edit). */
  readonly generation: number;
  conventionsFor(uri: string): Conventions;
  relativePath(uri: string): string | undefined;
  /** Entries from bibliography files named by the brief's front matter and by the conventions. */
  bibliographyFor(uri: string, model: BriefModel, conventions: Conventions): Bibliography;
  /** Source documents: the sources folder's, and the attachments the bibliography's entries name. */
  sourceDocumentsFor(uri: string, conventions: Conventions, bibliography?: Bibliography): Map<string, SourceDocument>;
  /** The CSL style the brief asks for (front matter `csl:`, the conventions' `citationStyle`), read; default: the bundled name alone. */
  citationStyleFor?(uri: string, model: BriefModel, conventions: Conventions): CitationStyleChoice;
}

export interface ILogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

export const inMemoryWorkspace = (conventions: Conventions = defaultConventions(), relative?: (uri: string) => string | undefined): IWorkspace => ({
  generation: 0,
  conventionsFor: () => conventions,
  relativePath: (uri) => relative?.(uri),
  bibliographyFor: () => emptyBibliography(),
  sourceDocumentsFor: () => new Map(),
});

export interface ServiceOptions {
  /** Documents are analysed once and not edited (the CLI): see `AnalysisOptions.oneShot`. */
  oneShot?: boolean;
  /** Documents longer than this (UTF-16 code units) are not analysed (default 2,000,000). */
  maxDocumentSize?: number;
  /** The rules to run (default: all); tests inject failing ones. */
  rules?: Rule[];
  /** The CSL engine for rendered citations and the citation hover's formatted reference (none: neither). */
  citationEngine?: CitationEngine;
}

interface CacheEntry {
  version: number;
  generation: number;
  text: string;
  analysis: Analysis;
}

/** The one façade over the core that the server, the CLI and the tests call. */
export interface BriefService {
  analyze(doc: ITextDocument): Analysis;
  /** The cached analysis of this exact version, if any. */
  cached(doc: ITextDocument): Analysis | undefined;
  hover(doc: ITextDocument, offset: number): HoverResult | undefined;
  documentSymbols(doc: ITextDocument): BriefSymbol[];
  /** Quick fixes for the diagnostics that touch the span (offsets). */
  codeActions(doc: ITextDocument, span: { start: number; end: number }): CodeActionResult[];
  forget(uri: string): void;
  /** What the workspace index keeps of this document (undefined when it is not a brief). */
  summary(doc: ITextDocument): BriefSummary | undefined;
  /**
   * `summary`, with the parse made one block at a time: `pause` is called after each
   * block, and once more (with `true`) before the model is built, and when it returns a
   * promise the work waits for it. The workspace index lets requests on open documents
   * through that way (docs/performance.md).
   */
  summaryInSlices(doc: ITextDocument, pause: (beforeBuild?: boolean) => Promise<void> | void): Promise<BriefSummary | undefined>;
  completion(doc: ITextDocument, offset: number): CompletionResult[];
  /** `textOf` reads another file (the conventions), to find an entry in it. */
  definition(doc: ITextDocument, offset: number, textOf?: (uri: string) => string | undefined): DocLocation[];
  /** `summaries`: every brief of the workspace, this one included. */
  references(doc: ITextDocument, offset: number, summaries: Iterable<BriefSummary>, includeDeclaration: boolean, textOf?: (uri: string) => string | undefined): DocLocation[];
  prepareRename(doc: ITextDocument, offset: number): PrepareResult;
  rename(doc: ITextDocument, offset: number, newName: string, summaries: Iterable<BriefSummary>, textOf: (uri: string) => string | undefined): RenameResult;
  codeLenses(doc: ITextDocument): BriefCodeLens[];
  foldingRanges(doc: ITextDocument): BriefFold[];
  /** The brief's citations and reference list rendered in its CSL style (undefined without a citation engine, or for a non-brief). */
  renderedCitations(doc: ITextDocument): RenderedCitations | undefined;
  /** Changes options (the size limit, from the client's settings); cached analyses are dropped. */
  configure(options: ServiceOptions): void;
}

export function createBriefService(workspace: IWorkspace, logger?: ILogger, initialOptions: ServiceOptions = {}): BriefService {
  const cache = new Map<string, CacheEntry>();
  const summaries = new WeakMap<Analysis, BriefSummary | undefined>();
  const options: ServiceOptions = { ...initialOptions };
  /** Rule codes whose failure was logged: once per rule, not once per keystroke. */
  const loggedFailures = new Set<string>();

  function cached(doc: ITextDocument): Analysis | undefined {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === workspace.generation && hit.text === doc.getText()) return hit.analysis;
    return undefined;
  }

  function run(doc: ITextDocument, prepared?: ParsedMarkdown): Analysis {
    const hit = cached(doc);
    if (hit) return hit;
    const text = doc.getText();
    const uri = doc.uri;
    // A parse of the same text reuses every block: nothing is parsed again.
    const previous = prepared?.text === text ? prepared : cache.get(uri)?.analysis.parsed;
    const conventions = workspace.conventionsFor(uri);
    const input = { uri, text, version: doc.version, relativePath: workspace.relativePath(uri) };
    const analysis = analyze(input, {
      conventions,
      previous,
      oneShot: options.oneShot,
      maxDocumentSize: options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE,
      rules: options.rules,
      // Bibliography files named in front matter are known once the model is built.
      resolve: (model) => {
        const bibliography = workspace.bibliographyFor(uri, model, conventions);
        return { bibliography, sourceDocuments: workspace.sourceDocumentsFor(uri, conventions, bibliography) };
      },
    });
    for (const f of analysis.failures) {
      if (loggedFailures.has(f.code)) continue;
      loggedFailures.add(f.code);
      logger?.error(`rule ${f.code} failed on ${uri} (its findings are dropped for that document; later failures of this rule are not logged)`, f.error);
    }
    cache.set(uri, { version: doc.version, generation: workspace.generation, text, analysis });
    return analysis;
  }

  /** Per document: the CSL engine's last answer, reused while the citations are the same. */
  const renderMemo = new Map<string, { key: string; value: FormattedCitations }>();
  function styleOf(uri: string, a: Analysis): CitationStyleChoice {
    return workspace.citationStyleFor?.(uri, a.model, a.conventions) ?? { name: a.conventions.citationStyle ?? DEFAULT_CITATION_STYLE };
  }

  function summary(doc: ITextDocument, prepared?: ParsedMarkdown): BriefSummary | undefined {
    const a = run(doc, prepared);
    if (!summaries.has(a)) summaries.set(a, summarize(a));
    return summaries.get(a);
  }

  return {
    analyze: (doc) => run(doc),
    cached,
    hover: (doc, offset) => {
      const a = run(doc);
      const engine = options.citationEngine;
      return hoverAt(a, offset, engine ? (key) => formatReference(a, engine, styleOf(doc.uri, a), key) : undefined);
    },
    renderedCitations: (doc) => {
      const a = run(doc);
      const engine = options.citationEngine;
      if (!engine || !a.model.isBrief) return undefined;
      const memo = renderMemo.get(doc.uri) ?? { key: '', value: undefined as never };
      renderMemo.set(doc.uri, memo);
      return renderCitations(a, engine, styleOf(doc.uri, a), memo);
    },
    documentSymbols: (doc) => documentSymbols(run(doc).model),
    codeActions: (doc, span) => codeActions(run(doc), span),
    forget: (uri) => {
      cache.delete(uri);
      renderMemo.delete(uri);
    },
    summary,
    async summaryInSlices(doc, pause) {
      const text = doc.getText();
      let prepared: ParsedMarkdown | undefined;
      // Above the size limit nothing is parsed (the analysis says so without a parse).
      if (!cached(doc) && text.length <= (options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE)) {
        const steps = parseMarkdownSteps(text, cache.get(doc.uri)?.analysis.parsed);
        for (;;) {
          const step = steps.next();
          if (step.done) {
            prepared = step.value;
            break;
          }
          const wait = pause();
          if (wait) await wait;
        }
        const wait = pause(true);
        if (wait) await wait;
      }
      return summary(doc, prepared);
    },
    completion: (doc, offset) => completionAt(run(doc), offset),
    definition: (doc, offset, textOf) => definitionAt(run(doc), offset, textOf),
    references: (doc, offset, all, includeDeclaration, textOf) => referencesAt(run(doc), offset, all, includeDeclaration, textOf),
    prepareRename: (doc, offset) => prepareRenameAt(run(doc), offset),
    rename: (doc, offset, newName, all, textOf) => renameAt(run(doc), offset, newName, all, textOf),
    codeLenses: (doc) => trackCodeLenses(run(doc)),
    foldingRanges: (doc) => foldingRanges(run(doc).model),
    configure: (changes) => {
      Object.assign(options, changes);
      cache.clear();
    },
  };
}
