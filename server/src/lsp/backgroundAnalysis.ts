/**
 * Open documents are analysed without holding up the server: their parses, model and
 * rules run in slices (the event loop is let through every few milliseconds, so requests
 * on other documents are answered meanwhile) and the long parses on the parse thread
 * (node/parse/parseThread.ts).
 * Requests and diagnostics wait for `ready(doc)`: the analysis of the document's current
 * version, then read it from the service's cache as before.
 */
import { runParseJob, type ParseJob, type ParseJobResult } from '../core/parse/markdown';
import type { BriefService, ITextDocument, ParseRunner } from '../core/service';
import { ParseCancelled, type ParseThread } from '../node/parse/parseThread';

/** Blocks at least this long (UTF-16 code units) are parsed on the thread when it is free: typical paragraphs are not worth the hand-over. */
export const OFF_THREAD_MIN = 4096;
/** The longest the server's own thread works on analyses before it lets other events through (ms). */
const SLICE_MS = 4;

export class BackgroundAnalysis {
  private readonly inFlight = new Map<string, { version: number; done: Promise<void> }>();
  private sliceStart = performance.now();

  constructor(
    private readonly service: BriefService,
    private readonly thread: ParseThread | undefined,
    /** The document's current version (undefined once closed): work for an older one stops. */
    private readonly currentVersion: (uri: string) => number | undefined,
  ) {}

  /** Resolves once the document's version is analysed and cached, or its analysis was abandoned (the document changed). */
  ready(doc: ITextDocument & { version: number }): Promise<void> {
    if (this.service.cached(doc)) return Promise.resolve();
    const running = this.inFlight.get(doc.uri);
    if (running?.version === doc.version) return running.done;
    // An older version's parse on the thread is stopped: nobody waits for it any more.
    if (running) this.thread?.cancel(doc.uri);
    const current = () => this.currentVersion(doc.uri) === doc.version;
    const done = this.service
      .analyzeAsync(doc, (job) => this.parse(job, doc.uri), current, () => this.breathe())
      .then(
        () => undefined,
        () => undefined, // stopped, or a parse failed: a request then analyses the document itself
      )
      .finally(() => {
        if (this.inFlight.get(doc.uri)?.done === done) this.inFlight.delete(doc.uri);
      });
    this.inFlight.set(doc.uri, { version: doc.version, done });
    return done;
  }

  /** Runs `owner`'s parses as open documents' are: long blocks on the thread when it is free, the rest here in slices (the workspace index uses it too). */
  runnerFor(owner: string): ParseRunner {
    return (job) => this.parse(job, owner);
  }

  private async parse(job: ParseJob, owner: string): Promise<ParseJobResult> {
    if (job.input.length >= OFF_THREAD_MIN) {
      const onThread = this.thread?.run(job, owner);
      if (onThread) {
        try {
          return await onThread;
        } catch (e) {
          if (e instanceof ParseCancelled) throw e;
          // The thread failed on it: parse it here, as before there was a thread.
        }
      }
    }
    await this.breathe();
    return runParseJob(job);
  }

  /** Once the slice is spent, a promise that lets other events through (and starts the next slice); else nothing. */
  private breathe(): Promise<void> | undefined {
    if (performance.now() - this.sliceStart <= SLICE_MS) return undefined;
    return new Promise<void>((resolve) =>
      afterPendingMessages(() => {
        this.sliceStart = performance.now();
        resolve();
      }),
    );
  }
}

/**
 * Calls `then` once the messages that arrived meanwhile were handled: after four turns of
 * the event loop. vscode-jsonrpc reads a message in the poll phase, decodes it in an
 * immediate (its read semaphore) and handles it in another, queued from the first; a slice
 * that ran in the poll phase (after a parse's result came from the thread) has its first
 * immediate in that same iteration's check phase, so only the fourth comes after the
 * handling of a message read in the next one. With one immediate, a hover on another brief
 * waited behind two slices of a hostile brief (120 ms).
 */
export function afterPendingMessages(then: () => void, turns = 4): void {
  setImmediate(() => (turns > 1 ? afterPendingMessages(then, turns - 1) : then()));
}
