// Batch progress as the UI and the CLI show it: how many done of how many, the rate, and the time
// left, from a moving window so one slow envelope does not swing the estimate.

export interface BatchProgress {
  readonly batchId: string;
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Envelopes per minute over the last few files. */
  readonly perMinute: number;
  /** Estimated time left, or null before there is a rate to go on. */
  readonly msLeft: number | null;
}

export class ProgressMeter {
  private done = 0;
  private failed = 0;
  private total = 0;
  private readonly finishedAt: number[] = [];
  private readonly startedAt: number;

  constructor(
    readonly batchId: string,
    private readonly now: () => number = () => performance.now(),
    private readonly window = 20,
  ) {
    this.startedAt = now();
  }

  added(count = 1): void {
    this.total += count;
  }

  finished(ok: boolean): void {
    this.done += 1;
    if (!ok) this.failed += 1;
    this.finishedAt.push(this.now());
    if (this.finishedAt.length > this.window) this.finishedAt.shift();
  }

  /** A file that left the batch without a result (deleted while queued). */
  dropped(): void {
    this.total = Math.max(this.done, this.total - 1);
  }

  snapshot(): BatchProgress {
    const times = this.finishedAt;
    const first = times.length >= 2 ? (times[0] as number) : this.startedAt;
    const last = times.at(-1) ?? this.startedAt;
    const intervals = times.length >= 2 ? times.length - 1 : times.length;
    const perMs = last > first && intervals > 0 ? intervals / (last - first) : 0;
    const left = this.total - this.done;
    return {
      batchId: this.batchId,
      done: this.done,
      total: this.total,
      failed: this.failed,
      perMinute: Math.round(perMs * 60_000 * 10) / 10,
      msLeft: perMs > 0 ? Math.round(left / perMs) : left === 0 ? 0 : null,
    };
  }
}
