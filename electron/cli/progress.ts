// A progress bar for `mailroom screen DIR` on a terminal: count, rate and time left, on stderr.
export class ProgressBar {
  private done_ = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream,
  ) {}

  tick(): void {
    this.done_++;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done_ / seconds : 0;
    const left = rate > 0 ? Math.round((this.total - this.done_) / rate) : null;
    const width = 30;
    const filled = Math.round((this.done_ / Math.max(this.total, 1)) * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    this.out.write(`\r[${bar}] ${this.done_}/${this.total}  ${rate.toFixed(1)}/s  ${left === null ? '' : `${left}s left`}   `);
  }

  done(): void {
    if (this.done_ > 0) this.out.write('\n');
  }
}
