/**
 * A thread for the server's long parses. micromark needs seconds for a hostile block (a
 * megabyte of unclosed `:claim[` on one line: about 12 s here), and a parse cannot be cut
 * short: run on the server's thread it would hold up every request, on every document.
 * Here it runs on a worker thread, one job at a time, while the server goes on answering.
 *
 * `run` hands a job to the thread only when the thread is free: nothing is queued, so a
 * document's parses never wait behind another document's long one; the caller then
 * parses on its own thread (docs/performance.md). `cancel` drops an
 * owner's job: the thread is stopped if it is still parsing it, and started again on the
 * next job. A thread that fails or exits loses only the job it was running (its promise
 * rejects; the caller parses it itself).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ParseJob, ParseJobResult } from '../../core/parse/markdown';

/** The job's document changed: its parse was stopped (not a failure of the thread). */
export class ParseCancelled extends Error {
  constructor() {
    super('cancelled: the document changed');
  }
}

interface Running {
  id: number;
  owner: string;
  resolve(result: ParseJobResult): void;
  reject(error: Error): void;
}

export class ParseThread {
  private worker: Worker | undefined;
  private running: Running | undefined;
  private nextId = 1;
  private readonly available: boolean;
  /** Jobs this thread ran, and times it was stopped or failed (for tests and the stats request). */
  readonly stats = { jobs: 0, stopped: 0, failed: 0 };

  constructor(
    private readonly script: string,
    private readonly log?: (message: string) => void,
  ) {
    this.available = existsSync(script);
  }

  /** The job's result from the thread, or undefined when the thread is busy (or there is none): the caller parses it. */
  run(job: ParseJob, owner: string): Promise<ParseJobResult> | undefined {
    // Busy with any job (another document's, or this one's earlier): nothing is queued.
    if (!this.available || this.running) return undefined;
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<ParseJobResult>((resolve, reject) => {
      this.running = { id, owner, resolve, reject };
      this.stats.jobs++;
      worker.postMessage({ id, job });
    });
  }

  /** The document whose block the thread is parsing, if any. */
  get busyOwner(): string | undefined {
    return this.running?.owner;
  }

  /** Whether the thread is parsing a job of `owner`. */
  busyWith(owner: string): boolean {
    return this.running?.owner === owner;
  }

  /** Stops `owner`'s job, if the thread is running one: its promise rejects. */
  cancel(owner: string): void {
    if (this.running?.owner !== owner) return;
    this.stats.stopped++;
    this.fail(new ParseCancelled());
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    this.running = undefined;
    void w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (m: { id: number; result?: ParseJobResult; error?: string }) => {
      const r = this.running;
      if (!r || r.id !== m.id) return;
      this.running = undefined;
      if (m.result) r.resolve(m.result);
      else r.reject(new Error(m.error ?? 'the parse failed'));
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.stats.failed++;
      this.log?.(`parse thread: ${why}; it is started again for the next parse`);
      this.fail(new Error(why));
    };
    worker.on('error', (e) => lost(`${e.name}: ${e.message}`));
    worker.on('exit', (code) => lost(`the thread stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  /** Stops the thread; the running job's promise rejects with `error`. */
  private fail(error: Error): void {
    const r = this.running;
    const w = this.worker;
    this.running = undefined;
    this.worker = undefined;
    void w?.terminate();
    r?.reject(error);
  }
}
