/**
 * A progress line on stderr for long runs: only when stderr is a terminal (never in CI
 * logs or when piped), only once the run has taken a second, redrawn at most ten times a
 * second, and erased when the run ends so that it never mixes with the output.
 */
export interface ProgressOptions {
  total: number;
  write(s: string): void;
  /** Whether stderr is a terminal. */
  enabled: boolean;
  now?: () => number;
  delayMs?: number;
}

export class Progress {
  private readonly start: number;
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly now: () => number;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.start = this.now();
  }

  tick(done: number): void {
    const { enabled, total, write, delayMs = 1000 } = this.options;
    if (!enabled) return;
    const t = this.now();
    if (t - this.start < delayMs || (t - this.lastDraw < 100 && done < total)) return;
    this.lastDraw = t;
    this.drawn = true;
    write(`\r\x1b[2Kbriefmark: checked ${done}/${total} files (${Math.floor((100 * done) / total)}%)`);
  }

  end(): void {
    if (this.drawn) this.options.write('\r\x1b[2K');
    this.drawn = false;
  }
}
