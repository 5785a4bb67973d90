// One envelope through the station: main reads it, the worker screens it, the records store it
// (image, reading and result sealed) and give it its running number.
import { IpcCallError } from '../../../shared/ipc/result.ts';
import type { OfficerLetterView, Records, Session } from '../../records/index.ts';
import { mailroom } from '../platform/bridge.ts';
import type { ScreeningClient } from '../screening/client.ts';
import { emptyReading, failedResult, imageTypeOf, readingOf, resultOf, sha256Hex, withListAge } from './letter-result.ts';

export interface ScreenedEnvelope {
  readonly view: OfficerLetterView;
  /** Null for a letter opened from the officer's queue rather than scanned now. */
  readonly fileName: string | null;
  /** Why the envelope could not be read, when it could not. */
  readonly problem: string | null;
  /** An earlier letter from the same image file: the same envelope scanned twice. */
  readonly scannedBefore: number | null;
}

export interface EnvelopeContext {
  readonly records: Records;
  readonly session: Session;
  readonly engine: ScreeningClient;
  readonly matcher: string;
  readonly listVersion: number;
  readonly batchId: string | null;
  readonly sender: string | undefined;
  readonly listTime: string | null;
  /** The list's hard age limit; null where it does not apply (the demo list). */
  readonly hardLimitMs: number | null;
}

export async function screenEnvelope(ctx: EnvelopeContext, file: File): Promise<ScreenedEnvelope> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let outcome;
  try {
    const envelope = await mailroom().scan.read(file.name, bytes);
    const screening = await ctx.engine.screen(envelope.pages, ctx.sender);
    outcome = {
      reading: readingOf(envelope),
      result: withListAge(resultOf(screening, ctx.matcher), ctx.listTime, ctx.hardLimitMs, Date.now()),
      image: { bytes, type: imageTypeOf(file, envelope.format), sha256: envelope.sha256 },
      problem: null,
    };
  } catch (e) {
    // Fail closed: an envelope that could not be read or screened goes to a supervisor as REVIEW.
    outcome = {
      reading: emptyReading(),
      result: failedResult(ctx.matcher, 'error'),
      image: { bytes, type: imageTypeOf(file, null), sha256: await sha256Hex(bytes) },
      problem: e instanceof IpcCallError ? e.message : 'the envelope could not be screened',
    };
  }
  const before = await ctx.records.letters.findByImage(ctx.session, outcome.image.sha256);
  const view = await ctx.records.letters.recordScan(ctx.session, {
    image: outcome.image,
    reading: outcome.reading,
    result: outcome.result,
    listVersion: ctx.listVersion,
    batchId: ctx.batchId,
  });
  return { view, fileName: file.name, problem: outcome.problem, scannedBefore: before?.sequence ?? null };
}
