// What the CLI's commands share: usage errors, exit codes, and loading the blocklist they screen with.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PRISON_NUMBER } from '../../shared/blocklist/format.ts';
import { BlocklistFileError, loadBlocklistFile, loadDemoBlocklist, type LoadedList } from '../services/list-source.ts';
import { loadStoreList, StoreListError } from '../sync/store-list.ts';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

/** The list asked for cannot be screened with (an empty, unreadable or expired store): exit 2, no help text. */
export class ListUnusableError extends UsageError {}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function checkSender(sender: string | undefined): string | undefined {
  if (sender === undefined) return undefined;
  const upper = sender.trim().toUpperCase();
  if (!PRISON_NUMBER.test(upper)) throw new UsageError(`--sender must be a prison number like A1234BC`);
  return upper;
}

/** Loads the list to screen with; an unusable file is a usage-level failure (exit 2, nothing screened). */
export async function loadList(file: string | undefined): Promise<LoadedList> {
  try {
    return file === undefined ? await loadDemoBlocklist() : await loadBlocklistFile(file);
  } catch (e) {
    if (e instanceof BlocklistFileError) throw new UsageError(e.message);
    throw e;
  }
}

/** The list a screening command uses: `--blocklist FILE`, `--store DIR` (a synced store), or the demo list. */
export async function loadListFor(values: { readonly blocklist?: string | undefined; readonly store?: string | undefined }): Promise<LoadedList> {
  if (values.blocklist !== undefined && values.store !== undefined) throw new UsageError('--store and --blocklist cannot be used together: choose one list');
  if (values.store === undefined) return loadList(values.blocklist);
  try {
    const { list, freshness } = await loadStoreList(values.store);
    if (freshness.message) process.stderr.write(`mailroom: warning: ${freshness.message}\n`);
    return { source: 'store', list };
  } catch (e) {
    if (e instanceof StoreListError) throw new ListUnusableError(e.message);
    throw e;
  }
}

export const listLabel = (l: LoadedList) => ({ source: l.source, version: l.list.version });

/** Writes result lines in large chunks (10,000 lines a run) and waits when stdout is full. */
export class LineWriter {
  private buffer: string[] = [];
  constructor(private readonly out: NodeJS.WritableStream = process.stdout) {}

  async write(line: string): Promise<void> {
    this.buffer.push(line);
    if (this.buffer.length >= 256) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
