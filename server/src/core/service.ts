import { analysisSteps, type Analysis } from './analysis';
import { runToEnd } from './steps';
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
import { parseMarkdownSteps, runParseJob, type ParsedMarkdown, type ParseJob, type ParseJobResult } from './parse/markdown';
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
  /**
   * Calls `listener` whenever anything the workspace returns may have changed (a
   * conventions or bibliography edit, a source document extracted, trust or folders
   * changed); returns a function that unsubscribes. A workspace that never changes need
   * not implement it.
   */
  onDidChange?(listener: () => void): () => void;
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

/** Runs the parses a document needs: here (`runParseJob`), or on another thread. */
export type ParseRunner = (job: ParseJob) => ParseJobResult | Promise<ParseJobResult>;

/** The one façade over the core that the server, the CLI and the tests call. */
export interface BriefService {
  analyze(doc: ITextDocument): Analysis;
  /** The cached analysis of this exact version, if any. */
  cached(doc: ITextDocument): Analysis | undefined;
  hover(doc: ITextDocument, offset: number): HoverResult | undefined;
  /** The outline (one list per analysis: the outline, breadcrumbs and sticky scroll ask for it on every version). */
  documentSymbols(doc: ITextDocument): readonly BriefSymbol[];
  /**
   * Makes ahead what an editor asks for after each change (the model's items placed in
   * the document, the outline), for the analysis of this exact version if there is one;
   * nothing is analysed here. For idle time: the server calls it a little after pushing a
   * version's diagnostics. Says whether there was an analysis to prepare.
   */
  prepare(doc: ITextDocument): boolean;
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
  summaryInSlices(doc: ITextDocument, pause: (beforeBuild?: boolean) => Promise<void> | void, jobs?: ParseRunner): Promise<BriefSummary | undefined>;
  /**
   * `analyze`, with the parses it needs run by `jobs` (another thread: `node/parseWorker.ts`),
   * so that the caller's thread stays free while a long document is parsed. The model and
   * the rules then run here, as in `analyze`, and `pause` is called at each of their steps
   * (every 16 blocks of the model, after it, after each rule): when it returns a promise
   * (the caller's time slice is spent), the work waits for it. The result is cached the
   * same way. `current` is asked between parses and after each pause: when it says false
   * (the document changed), the work stops and the promise resolves to undefined.
   */
  analyzeAsync(doc: ITextDocument, jobs: ParseRunner, current?: () => boolean, pause?: () => Promise<void> | void): Promise<Analysis | undefined>;
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

/** The analyses of the documents, one cached per document (its last version), with their summaries. */
class DocumentAnalyses {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly summaries = new WeakMap<Analysis, BriefSummary | undefined>();
  /** Rule codes whose failure was logged: once per rule, not once per keystroke. */
  private readonly loggedFailures = new Set<string>();
  /** Counts the workspace's changes: an analysis begun before the last one is stale. */
  private generation = 0;

  constructor(
    private readonly workspace: IWorkspace,
    private readonly logger: ILogger | undefined,
    readonly options: ServiceOptions,
  ) {
    workspace.onDidChange?.(() => this.generation++);
  }

  cached(doc: ITextDocument): Analysis | undefined {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation && hit.text === doc.getText()) return hit.analysis;
    return undefined;
  }

  /** The parse of the document's last analysed version: what a new one reuses block for block. */
  previousParse(uri: string): ParsedMarkdown | undefined {
    return this.cache.get(uri)?.analysis.parsed;
  }

  run(doc: ITextDocument, prepared?: ParsedMarkdown): Analysis {
    return runToEnd(this.runSteps(doc, prepared));
  }

  /** `run`, pausing where `analysisSteps` pauses. */
  *runSteps(doc: ITextDocument, prepared?: ParsedMarkdown): Generator<void, Analysis, void> {
    const hit = this.cached(doc);
    if (hit) return hit;
    const { workspace, options } = this;
    const text = doc.getText();
    const uri = doc.uri;
    // Read before the pause: conventions that change meanwhile make this analysis stale.
    const generation = this.generation;
    // A parse of the same text reuses every block: nothing is parsed again.
    const previous = prepared?.text === text ? prepared : this.previousParse(uri);
    const conventions = workspace.conventionsFor(uri);
    const input = { uri, text, version: doc.version, relativePath: workspace.relativePath(uri) };
    const analysis = yield* analysisSteps(input, {
      conventions,
      previous,
      oneShot: options.oneShot,
      maxDocumentSize: this.maxDocumentSize,
      rules: options.rules,
      // Bibliography files named in front matter are known once the model is built.
      resolve: (model) => {
        const bibliography = workspace.bibliographyFor(uri, model, conventions);
        return { bibliography, sourceDocuments: workspace.sourceDocumentsFor(uri, conventions, bibliography) };
      },
    });
    this.logFailures(uri, analysis.failures);
    this.cache.set(uri, { version: doc.version, generation, text, analysis });
    return analysis;
  }

  get maxDocumentSize(): number {
    return this.options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE;
  }

  private logFailures(uri: string, failures: Analysis['failures']): void {
    for (const f of failures) {
      if (this.loggedFailures.has(f.code)) continue;
      this.loggedFailures.add(f.code);
      this.logger?.error(`rule ${f.code} failed on ${uri} (its findings are dropped for that document; later failures of this rule are not logged)`, f.error);
    }
  }

  summary(doc: ITextDocument, prepared?: ParsedMarkdown): BriefSummary | undefined {
    const a = this.run(doc, prepared);
    if (!this.summaries.has(a)) this.summaries.set(a, summarize(a));
    return this.summaries.get(a);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}

/**
 * The document's parse, its jobs run by `jobs`, `pause` called after each (and once more,
 * with `true`, at the end); undefined when `current` says the document changed, or when
 * the document is above the size limit (nothing is parsed there: the analysis says so).
 */
async function parseInSteps(analyses: DocumentAnalyses, doc: ITextDocument, jobs: ParseRunner, pause?: (beforeBuild?: boolean) => Promise<void> | void, current?: () => boolean): Promise<ParsedMarkdown | undefined> {
  const text = doc.getText();
  if (analyses.cached(doc) || text.length > analyses.maxDocumentSize) return undefined;
  const steps = parseMarkdownSteps(text, analyses.previousParse(doc.uri));
  let step = steps.next();
  while (!step.done) {
    const result = await jobs(step.value);
    if (current && !current()) return undefined;
    step = steps.next(result);
    const wait = pause?.();
    if (wait) await wait;
  }
  const wait = pause?.(true);
  if (wait) await wait;
  return step.value;
}

/** The brief's citations as its CSL style formats them, through the injected engine. */
class CitationRendering {
  /** Per document: the CSL engine's last answer, reused while the citations are the same. */
  private readonly memo = new Map<string, { key: string; value: FormattedCitations }>();

  constructor(
    private readonly workspace: IWorkspace,
    private readonly options: ServiceOptions,
  ) {}

  private styleOf(uri: string, a: Analysis): CitationStyleChoice {
    return this.workspace.citationStyleFor?.(uri, a.model, a.conventions) ?? { name: a.conventions.citationStyle ?? DEFAULT_CITATION_STYLE };
  }

  /** How the style formats the entry `key` (for the hover), if there is an engine. */
  referenceFormatter(uri: string, a: Analysis): ((key: string) => string | undefined) | undefined {
    const engine = this.options.citationEngine;
    return engine ? (key) => formatReference(a, engine, this.styleOf(uri, a), key) : undefined;
  }

  render(uri: string, a: Analysis): RenderedCitations | undefined {
    const engine = this.options.citationEngine;
    if (!engine || !a.model.isBrief) return undefined;
    const memo = this.memo.get(uri) ?? { key: '', value: undefined as never };
    this.memo.set(uri, memo);
    return renderCitations(a, engine, this.styleOf(uri, a), memo);
  }

  forget(uri: string): void {
    this.memo.delete(uri);
  }
}

/** Each model's outline, made once (models are never changed once built). */
const SYMBOLS = new WeakMap<BriefModel, readonly BriefSymbol[]>();
function symbolsOf(model: BriefModel): readonly BriefSymbol[] {
  let symbols = SYMBOLS.get(model);
  if (!symbols) SYMBOLS.set(model, (symbols = documentSymbols(model)));
  return symbols;
}

export function createBriefService(workspace: IWorkspace, logger?: ILogger, initialOptions: ServiceOptions = {}): BriefService {
  const options: ServiceOptions = { ...initialOptions };
  const analyses = new DocumentAnalyses(workspace, logger, options);
  const citations = new CitationRendering(workspace, options);
  const run = (doc: ITextDocument): Analysis => analyses.run(doc);
  return {
    analyze: run,
    cached: (doc) => analyses.cached(doc),
    hover: (doc, offset) => {
      const a = run(doc);
      return hoverAt(a, offset, citations.referenceFormatter(doc.uri, a));
    },
    renderedCitations: (doc) => citations.render(doc.uri, run(doc)),
    documentSymbols: (doc) => symbolsOf(run(doc).model),
    prepare: (doc) => {
      const a = analyses.cached(doc);
      // The outline reads the claims: the first read places every lazily placed item.
      if (a) symbolsOf(a.model);
      return a !== undefined;
    },
    codeActions: (doc, span) => codeActions(run(doc), span),
    forget: (uri) => {
      analyses.forget(uri);
      citations.forget(uri);
    },
    summary: (doc) => analyses.summary(doc),
    summaryInSlices: async (doc, pause, jobs = runParseJob) => analyses.summary(doc, await parseInSteps(analyses, doc, jobs, pause)),
    analyzeAsync: async (doc, jobs, current = () => true, pause = () => undefined) => {
      const prepared = await parseInSteps(analyses, doc, jobs, undefined, current);
      // Changed during the parse: not analysed here at all (the parse stopped short).
      if (!current()) return undefined;
      const steps = analyses.runSteps(doc, prepared);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        const paused = pause();
        if (!paused) continue;
        await paused;
        if (!current()) return undefined;
      }
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
      analyses.clear();
    },
  };
}
