// The hot folder's memory across crashes: an append-only JSON-lines journal of files finished, by
// content hash. A restart reads it to skip what is done (and to recognise the same scan dropped
// again); results already moved beside the folder but not yet journalled are found and added.
import { appendFile, mkdir, open, readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Verdict } from '../../shared/screening/types.ts';

export interface JournalDone {
  readonly sha256: string;
  readonly name: string;
  /** Where the scan was moved: `processed/<name>` or `failed/<name>`, relative to the folder. */
  readonly moved: string;
  readonly verdict: Verdict;
  readonly at: string;
}

export class IntakeJournal {
  private readonly done = new Map<string, JournalDone>();

  private constructor(private readonly file: string) {}

  /** Opens (or starts) the journal, then adds results found beside the folder but not yet journalled. */
  static async open(file: string, resultFolders: readonly string[]): Promise<IntakeJournal> {
    const journal = new IntakeJournal(file);
    await mkdir(dirname(file), { recursive: true });
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as JournalDone;
        if (typeof entry.sha256 === 'string') journal.done.set(entry.sha256, entry);
      } catch {
        // A line torn by a crash mid-write: the result file beside the folder still tells.
      }
    }
    for (const folder of resultFolders) await journal.reconcile(folder);
    return journal;
  }

  has(sha256: string): JournalDone | undefined {
    return this.done.get(sha256);
  }

  get size(): number {
    return this.done.size;
  }

  async record(entry: JournalDone): Promise<void> {
    this.done.set(entry.sha256, entry);
    // One line per write, flushed, so a kill leaves at worst one torn last line.
    const handle = await open(this.file, 'a');
    try {
      await handle.appendFile(`${JSON.stringify(entry)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Result files (`<name>.result.json`) whose hash the journal does not know: the crash came between move and journal. */
  private async reconcile(folder: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return;
    }
    for (const name of names.filter((n) => n.endsWith('.result.json'))) {
      try {
        const result = JSON.parse(await readFile(join(folder, name), 'utf8')) as { sha256?: string; name?: string; moved?: string; verdict?: Verdict; at?: string };
        if (!result.sha256 || this.done.has(result.sha256) || !result.moved || !result.verdict) continue;
        const entry: JournalDone = { sha256: result.sha256, name: result.name ?? name, moved: result.moved, verdict: result.verdict, at: result.at ?? new Date().toISOString() };
        this.done.set(entry.sha256, entry);
        await appendFile(this.file, `${JSON.stringify(entry)}\n`);
      } catch {
        // An unreadable result file is left for a person; the scan beside it is not re-screened.
      }
    }
  }
}
