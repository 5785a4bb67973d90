// Screening files and folders given by hand (the CLI's `mailroom screen A.jpg DIR`, the app's
// import): folders expand to their scans in name order, results come back in input order, and
// progress is reported as they finish. Files are only read here, never moved.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UnreadableInputError, type EnvelopeReading } from '../ocr/types.ts';
import { isIgnoredName } from './hot-folder.ts';
import { ProgressMeter, type BatchProgress } from './progress.ts';
import { readAndScreen } from './read-and-screen.ts';
import type { ScanReader, ScreenLetter, ScreenOutcome } from './types.ts';

export interface BatchItem {
  /** The path as given, or as expanded from a folder given. */
  readonly input: string;
  readonly outcome: ScreenOutcome | null;
  readonly reading: EnvelopeReading | null;
  /** Why the file could not be read: REVIEW. */
  readonly error: string | null;
  readonly ms: number;
}

/** Files in input order; a folder becomes its files (not sub-folders, not hidden or temporary), sorted by name. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch {
      // Missing: kept, so the caller reports it in its place.
    }
    if (!isDir) {
      out.push(input);
      continue;
    }
    const entries = await readdir(input, { withFileTypes: true });
    const names = entries.filter((e) => e.isFile() && !isIgnoredName(e.name)).map((e) => e.name);
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.push(...names.map((n) => join(input, n)));
  }
  return out;
}

export interface BatchOptions {
  readonly read: ScanReader;
  readonly screen: ScreenLetter;
  readonly concurrency?: number;
  readonly onProgress?: (progress: BatchProgress) => void;
  /** Each result as soon as it and all before it are done (for streaming output in order). */
  readonly onResult?: (item: BatchItem, index: number) => void;
  readonly batchId?: string;
}

export async function screenBatch(inputs: readonly string[], options: BatchOptions): Promise<BatchItem[]> {
  const files = await expandInputs(inputs);
  const meter = new ProgressMeter(options.batchId ?? `batch-${process.pid}-${Date.now()}`);
  meter.added(files.length);
  const results: (BatchItem | undefined)[] = new Array(files.length);
  let next = 0;
  let emitted = 0;
  const flush = (): void => {
    while (emitted < files.length && results[emitted] !== undefined) {
      options.onResult?.(results[emitted] as BatchItem, emitted);
      emitted += 1;
    }
  };
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const input = files[index] as string;
      const started = performance.now();
      let item: BatchItem;
      try {
        const { reading, outcome } = await readAndScreen(options.read, options.screen, { path: input }, input);
        item = { input, outcome, reading, error: null, ms: performance.now() - started };
      } catch (error) {
        if (!(error instanceof UnreadableInputError)) throw error;
        item = { input, outcome: null, reading: null, error: error.reason, ms: performance.now() - started };
      }
      results[index] = item;
      meter.finished(item.error === null);
      options.onProgress?.(meter.snapshot());
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 2, files.length)) }, lane));
  return results as BatchItem[];
}
