// Hands the scanner's hot folder to the officer's station. Main reads each new scan (OCR); the
// renderer, which owns the records and the engine, screens and records it, then says the verdict,
// and only then is the file moved to processed/. A scan nobody has taken yet stays pending, so
// nothing is lost while no one is signed in; a scan that could not be read still reaches the
// station, as REVIEW, from failed/.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EnvelopeReading, ResponseOf } from '../../shared/ipc/contract.ts';
import type { Verdict } from '../../shared/screening/types.ts';
import type { HotFolder } from '../intake/hot-folder.ts';
import type { ScreenLetter, ScreenOutcome } from '../intake/types.ts';
import type { EventBus } from './events.ts';

interface Pending {
  readonly id: string;
  readonly name: string;
  readonly receivedAt: string;
  /** Where the bytes are now: in the hot folder until screened, in failed/ for an unreadable scan. */
  readonly file: string;
  readonly reading: EnvelopeReading | null;
  readonly error: string | null;
  readonly settle: ((outcome: ScreenOutcome) => void) | null;
}

export class IntakeBridge {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly folder: string,
    private readonly bus: EventBus,
  ) {}

  /** The hot folder's screening step: waits for the station's verdict on this scan. */
  readonly screen: ScreenLetter = (reading, file) =>
    new Promise<ScreenOutcome>((settle) => {
      this.add({ name: file.name, file: path.join(this.folder, file.name), reading, error: null, settle });
    });

  /** Scans that could not be read went to failed/ without screening: the station must still see them. */
  attach(hot: HotFolder): void {
    hot.on('screened', (result) => {
      if (result.error !== undefined && result.duplicateOf === undefined) {
        this.add({ name: result.name, file: path.join(this.folder, result.moved), reading: null, error: result.error, settle: null });
      }
    });
  }

  private add(item: Omit<Pending, 'id' | 'receivedAt'>): void {
    const entry: Pending = { ...item, id: randomUUID(), receivedAt: new Date().toISOString() };
    this.pending.set(entry.id, entry);
    this.bus.emit('intake:file', { id: entry.id, name: entry.name, receivedAt: entry.receivedAt });
  }

  list(): ResponseOf<'intake:pending'> {
    return [...this.pending.values()].map(({ id, name, receivedAt }) => ({ id, name, receivedAt }));
  }

  async take(id: string): Promise<ResponseOf<'intake:take'>> {
    const item = this.pending.get(id);
    if (!item) throw new IntakeNotFoundError();
    const bytes = new Uint8Array(await readFile(item.file));
    return { id, name: item.name, bytes, reading: item.reading, error: item.error };
  }

  /** The station recorded the letter: release the scan to processed/ (or forget a failed one). */
  done(id: string, verdict: Verdict): boolean {
    const item = this.pending.get(id);
    if (!item) return false;
    this.pending.delete(id);
    item.settle?.({ verdict, screenedBy: 'station' });
    return true;
  }
}

export class IntakeNotFoundError extends Error {
  override name = 'IntakeNotFoundError';
  constructor() {
    super('that scan is no longer waiting');
  }
}
