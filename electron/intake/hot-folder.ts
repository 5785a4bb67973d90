// The scanner's hot folder: every scan the scanner software drops is screened once, when it has
// finished being written, then moved to processed/ or failed/ beside it with its result. After a
// crash, starting again finishes the batch (the journal says what was done). Events: `file` when a
// scan arrives, `screened` with each result, `progress` for the batch, `error` for a file that
// could not be handled (it stays in the folder and is tried again at the next start).
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { createLogger } from '../services/log.ts';
import { IntakeJournal } from './journal.ts';
import { ProgressMeter, type BatchProgress } from './progress.ts';
import { FAILED, PROCESSED, screenFile } from './screen-file.ts';
import type { IntakeResult, ScanReader, ScreenLetter } from './types.ts';

const log = createLogger('hot-folder');

export interface HotFolderOptions {
  readonly folder: string;
  readonly read: ScanReader;
  readonly screen: ScreenLetter;
  /** Scans screened at once (match the OCR pool's workers). */
  readonly concurrency?: number;
  /** A file is read only after its size has not changed for this long (scanner still writing). */
  readonly settleMs?: number;
  /** Use polling (network shares, some scanner drivers) instead of OS file events. */
  readonly poll?: boolean;
}

export interface HotFolderEvents {
  file: [{ readonly id: string; readonly name: string; readonly receivedAt: string }];
  screened: [IntakeResult];
  progress: [BatchProgress];
  error: [{ readonly name: string; readonly error: unknown }];
}

/** Names the scanner writes before renaming, and our own bookkeeping: never screened. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~') || /\.(tmp|part|partial|crdownload|download|result\.json)$/i.test(name) || name.endsWith('~');
}

export class HotFolder extends EventEmitter<HotFolderEvents> {
  private watcher: FSWatcher | null = null;
  private readonly queue: string[] = [];
  private readonly seen = new Set<string>();
  private running = 0;
  private meter: ProgressMeter | null = null;
  private batchCount = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  private constructor(
    readonly folder: string,
    private readonly options: HotFolderOptions,
    private readonly journal: IntakeJournal,
  ) {
    super();
  }

  static async start(options: HotFolderOptions): Promise<HotFolder> {
    const folder = resolve(options.folder);
    await mkdir(join(folder, PROCESSED), { recursive: true });
    await mkdir(join(folder, FAILED), { recursive: true });
    const journal = await IntakeJournal.open(join(folder, '.mailroom', 'journal.jsonl'), [join(folder, PROCESSED), join(folder, FAILED)]);
    const hot = new HotFolder(folder, options, journal);
    await hot.watch();
    log.info(`watching a hot folder (${journal.size} scans already in the journal)`);
    return hot;
  }

  private watch(): Promise<void> {
    const settle = this.options.settleMs ?? 500;
    const watcher = watch(this.folder, {
      depth: 0,
      ignoreInitial: false,
      usePolling: this.options.poll ?? false,
      interval: 200,
      // chokidar waits until the size stops changing: a scan still being written is not read.
      awaitWriteFinish: { stabilityThreshold: settle, pollInterval: Math.max(50, Math.round(settle / 5)) },
      ignored: (path, stats) => {
        if (path === this.folder) return false;
        const name = basename(path);
        if (isIgnoredName(name)) return true;
        return stats !== undefined && !stats.isFile();
      },
    });
    this.watcher = watcher;
    watcher.on('add', (path) => this.enqueue(path));
    // A file replaced in place (same name, new scan) is a new arrival too.
    watcher.on('change', (path) => this.enqueue(path, true));
    watcher.on('error', (error) => log.error('hot folder watcher failed', error));
    return new Promise((ready) => watcher.once('ready', () => ready()));
  }

  private enqueue(path: string, again = false): void {
    if (this.closed) return;
    const full = resolve(path);
    if (this.queue.includes(full) || (this.seen.has(full) && !again)) return;
    this.seen.add(full);
    this.queue.push(full);
    if (!this.meter) {
      this.batchCount += 1;
      this.meter = new ProgressMeter(`hot-${process.pid}-${this.batchCount}`);
    }
    this.meter.added();
    this.emit('file', { id: `${this.meter.batchId}-${this.seen.size}`, name: basename(full), receivedAt: new Date().toISOString() });
    this.emitProgress();
    this.pump();
  }

  private pump(): void {
    const limit = Math.max(1, this.options.concurrency ?? 2);
    while (!this.closed && this.running < limit && this.queue.length > 0) {
      const path = this.queue.shift() as string;
      this.running += 1;
      void this.handle(path).finally(() => {
        this.running -= 1;
        // The name may arrive again later (a new scan under the same name).
        this.seen.delete(path);
        if (this.queue.length === 0 && this.running === 0) {
          this.meter = null;
          for (const resolveIdle of this.idleWaiters.splice(0)) resolveIdle();
        }
        this.pump();
      });
    }
  }

  private async handle(path: string): Promise<void> {
    const name = basename(path);
    try {
      const result = await screenFile(path, { folder: this.folder, journal: this.journal, read: this.options.read, screen: this.options.screen });
      if (result === null) {
        log.info('a queued scan was removed before it was read');
        this.meter?.dropped();
      } else {
        this.meter?.finished(result.error === undefined);
        this.emit('screened', result);
      }
    } catch (error) {
      // Left in place and tried again at the next start; the batch goes on.
      log.error('could not screen a scan from the hot folder', error);
      this.meter?.finished(false);
      if (this.listenerCount('error') > 0) this.emit('error', { name, error });
    }
    this.emitProgress();
  }

  private emitProgress(): void {
    if (this.meter) this.emit('progress', this.meter.snapshot());
  }

  /** Resolves when nothing is queued or being screened. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await this.watcher?.close();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 20));
  }
}

export const startHotFolder = (options: HotFolderOptions): Promise<HotFolder> => HotFolder.start(options);
