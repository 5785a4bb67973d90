// One envelope through the station in two steps: main reads it and the worker screens it; then the
// records store it (image, reading and result sealed) and give it its running number.
import { IpcCallError } from '../../../shared/ipc/result.ts';
import type { ScreeningResult } from '../../../shared/screening/types.ts';
import type { EnvelopeImage, OfficerLetterView, Records, Session } from '../../records/index.ts';
import { mailroom } from '../platform/bridge.ts';
import type { ScreeningClient } from '../screening/client.ts';
import { hotFolderScanOf } from './hot-folder.ts';
import type { Freshness } from '../../../shared/sync-client/index.ts';
import { guardWithFreshness } from '../sync/freshness-guard.ts';
import { emptyReading, failedResult, imageTypeOf, readingOf, resultOf, sha256Hex, withListAge, type StoredReading } from './letter-result.ts';

export interface ScreenedEnvelope {
  readonly view: OfficerLetterView;
  /** Null for a letter opened from the officer's queue rather than scanned now. */
  readonly fileName: string | null;
  /** Why the envelope could not be read, when it could not. */
  readonly problem: string | null;
  /** An earlier letter from the same image file: the same envelope scanned twice. */
  readonly scannedBefore: number | null;
}

/** What reading an envelope needs: main's OCR and the engine, not yet the records. */
export interface ReadContext {
  readonly engine: ScreeningClient;
  readonly matcher: string;
  readonly listVersion: number;
  readonly listTime: string | null;
  /** The list's hard age limit; null where it does not apply (the demo list). */
  readonly hardLimitMs: number | null;
  /** The synced list's freshness at this moment (null without one): past its hard limit nothing is CLEAR. */
  readonly freshness: Freshness | null;
  readonly sender: string | undefined;
}

export interface RecordContext {
  readonly records: Records;
  readonly session: Session;
  readonly batchId: string | null;
}

/** An envelope read and screened, not yet recorded (so the next one can be read while the officer acts). */
export interface ReadEnvelope {
  readonly fileName: string;
  readonly reading: StoredReading;
  readonly result: ScreeningResult;
  readonly image: EnvelopeImage;
  readonly listVersion: number;
  readonly problem: string | null;
  /** Set for a scan from the hot folder: main moves it once the letter is recorded. */
  readonly intakeId?: string;
}

/** Never rejects for a bad file: what could not be read or screened is REVIEW, with the reason. */
export async function readEnvelope(ctx: ReadContext, file: File): Promise<ReadEnvelope> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fromHotFolder = hotFolderScanOf(file);
  const base = { fileName: file.name, listVersion: ctx.listVersion, ...(fromHotFolder ? { intakeId: fromHotFolder.id } : {}) };
  try {
    // A hot-folder scan was read by main already; one it could not read is REVIEW with main's reason.
    if (fromHotFolder?.error) throw new IpcCallError('UNREADABLE_INPUT', fromHotFolder.error);
    const envelope = fromHotFolder?.reading ?? (await mailroom().scan.read(file.name, bytes));
    const screening = await ctx.engine.screen(envelope.pages, ctx.sender);
    return {
      ...base,
      reading: readingOf(envelope),
      result: guardWithFreshness(withListAge(resultOf(screening, ctx.matcher), ctx.listTime, ctx.hardLimitMs, Date.now()), ctx.freshness),
      image: { bytes, type: imageTypeOf(file, envelope.format), sha256: envelope.sha256 },
      problem: null,
    };
  } catch (e) {
    // Fail closed: an envelope that could not be read or screened goes to a supervisor as REVIEW.
    return {
      ...base,
      reading: emptyReading(),
      result: failedResult(ctx.matcher, 'error'),
      image: { bytes, type: imageTypeOf(file, null), sha256: await sha256Hex(bytes) },
      problem: e instanceof IpcCallError ? e.message : 'the envelope could not be screened',
    };
  }
}

/** Stores the letter (image, reading and result sealed) and gives it the next running number. */
export async function recordEnvelope(ctx: RecordContext, read: ReadEnvelope): Promise<ScreenedEnvelope> {
  const before = await ctx.records.letters.findByImage(ctx.session, read.image.sha256);
  const view = await ctx.records.letters.recordScan(ctx.session, {
    image: read.image,
    reading: read.reading,
    result: read.result,
    listVersion: read.listVersion,
    batchId: ctx.batchId,
  });
  return { view, fileName: read.fileName, problem: read.problem, scannedBefore: before?.sequence ?? null };
}
