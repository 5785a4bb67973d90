// Letters as the scan station records them: the image, what was read and the verdict are sealed;
// the state, verdict, block references and times stay plain so queues and counts need no key.
import type { ScreeningResult } from '../../shared/screening/types.ts';
import { PRISON_NUMBER } from '../../shared/blocklist/format.ts';
import type { MailroomEvent } from '../../shared/sync/events.ts';
import type { ScreenedLetter } from '../../shared/sync-client/recheck.ts';
import { newId, requireAccess, requireAction, requireSealer, systemActor, type RecordsContext, type SystemPrincipal } from './context.ts';
import { RecordsError } from './errors.ts';
import { localDay } from './dates.ts';
import { searchTags } from './crypto/search-tags.ts';
import type { Sealer } from './crypto/sealer.ts';
import { prepareOutbox } from './outbox.ts';
import { INTERNAL } from './settings.ts';
import type { LetterRow, LetterState } from './db/rows.ts';
import type { Session } from './accounts/sessions.ts';
import {
  letterSummary,
  stateFor,
  type EnvelopeImage,
  type LetterReading,
  type LetterSummary,
  type OfficerLetterView,
  type ScanInput,
} from './letter-views.ts';

export const letterContext = (id: string, field: 'image' | 'reading' | 'result') => `letters/${id}/${field}`;

export async function addresseeTags(sealer: Sealer, result: ScreeningResult): Promise<string[]> {
  const a = result.addressee;
  if (!a) return [];
  return (await searchTags(sealer, { addresses: [{ lines: a.lines, postcode: a.postcode }] })).addressTags;
}

export async function openReading(sealer: Sealer, row: LetterRow): Promise<LetterReading> {
  return (await sealer.openJson(row.sealedReading, letterContext(row.id, 'reading'))) as LetterReading;
}

export async function openImage(sealer: Sealer, row: LetterRow): Promise<EnvelopeImage | null> {
  if (!row.sealedImage || !row.imageType || !row.imageSha256) return null;
  return { bytes: await sealer.openBytes(row.sealedImage, letterContext(row.id, 'image')), type: row.imageType, sha256: row.imageSha256 };
}

export async function openResult(sealer: Sealer, row: LetterRow): Promise<ScreeningResult> {
  return (await sealer.openJson(row.sealedResult, letterContext(row.id, 'result'))) as ScreeningResult;
}

const OPEN_STATES: readonly LetterState[] = ['held', 'awaiting-review', 'officer-check', 'rescan'];

/** A letter now waiting for a supervisor is reported upstream; one waiting for an officer is not yet. */
const reportsHold = (state: LetterState) => state === 'held' || state === 'awaiting-review';

function heldEvent(letterId: string, result: ScreeningResult, listVersion: number | null, at: Date, alreadyDispatched = false): MailroomEvent {
  return {
    id: newId(),
    at: at.toISOString(),
    type: 'letter-held',
    letterId,
    verdict: result.verdict === 'HOLD' ? 'HOLD' : 'REVIEW',
    entryIds: [...new Set(result.matches.map((m) => m.entryId))].slice(0, 50),
    ...(result.sender && PRISON_NUMBER.test(result.sender) ? { sender: result.sender } : {}),
    ...(listVersion !== null ? { listVersion } : {}),
    ...(alreadyDispatched ? { alreadyDispatched: true } : {}),
  };
}

export interface LetterRecords {
  /** Stores a screened envelope and gives it the next running number. Audited (scan and verdict). */
  recordScan(session: Session, scan: ScanInput): Promise<OfficerLetterView>;
  /** An officer's typed correction of an unreadable (or returned) letter, screened again. */
  officerCheck(session: Session, letterId: string, reading: LetterReading, result: ScreeningResult, listVersion: number | null): Promise<OfficerLetterView>;
  /** One letter without anything read or matched (liveQuery-friendly). */
  summary(session: Session, letterId: string): Promise<LetterSummary>;
  /** The envelope in hand, for the scan station: verdict, block references, what was read. */
  officerView(session: Session, letterId: string): Promise<OfficerLetterView>;
  /** A batch's letters by running number, for progress and counts (liveQuery-friendly). */
  batch(session: Session, batchId: string): Promise<LetterSummary[]>;
  /** Letters waiting for an officer: unreadable, or returned by a supervisor (liveQuery-friendly). */
  officerQueue(session: Session): Promise<LetterSummary[]>;
  /** An earlier letter with the same image file, if any (the same scan dropped twice). */
  findByImage(session: Session, sha256: string): Promise<LetterSummary | null>;
  /** Letters scanned in [from, to), for reports (liveQuery-friendly). */
  between(session: Session, fromIso: string, toIso: string): Promise<LetterSummary[]>;
}

/** A letter as the sync's re-check reads it (shared/sync-client/recheck.ts). */
export type RecheckCandidate = ScreenedLetter;

export interface LetterSystem {
  /** CLEAR letters of the last `hours`, with what was read, to screen again against a new list. */
  recentlyCleared(hours: number): Promise<RecheckCandidate[]>;
  /**
   * Stores a re-check's result; a new HOLD or REVIEW goes to the supervisor, marked already
   * dispatched, and its letter-held event goes into the outbox here (do not enqueue the finding's
   * event as well: it would reach the centre twice under two ids).
   */
  recheck(letterId: string, result: ScreeningResult, listVersion: number): Promise<LetterSummary>;
}

export function createLetterRecords(ctx: RecordsContext): { records: LetterRecords; system: (p: SystemPrincipal) => LetterSystem } {
  const { db, audit } = ctx;

  async function getRow(letterId: string): Promise<LetterRow> {
    const row = await db.letters.get(letterId);
    if (!row) throw new RecordsError('not-found', `no letter ${letterId}`);
    return row;
  }

  async function officerViewOf(row: LetterRow): Promise<OfficerLetterView> {
    const sealer = requireSealer(ctx);
    return { ...letterSummary(row), reading: await openReading(sealer, row), image: await openImage(sealer, row) };
  }

  const verdictDetails = (result: ScreeningResult) => ({
    verdict: result.verdict,
    reviewReason: result.reviewReason ?? null,
    entryRefs: [...new Set(result.matches.map((m) => m.entryId))].join(' '),
    matcher: result.matcher,
  });

  /** Seals a new result (and reading) and returns the row changes. */
  async function rescreened(sealer: Sealer, row: LetterRow, reading: LetterReading | null, result: ScreeningResult, listVersion: number | null) {
    return {
      verdict: result.verdict,
      reviewReason: result.reviewReason ?? null,
      entryRefs: [...new Set(result.matches.map((m) => m.entryId))],
      rules: [...new Set(result.matches.map((m) => m.rule))],
      listVersion,
      sender: result.sender,
      addressTags: await addresseeTags(sealer, result),
      sealedResult: await sealer.sealJson(result, letterContext(row.id, 'result')),
      ...(reading ? { sealedReading: await sealer.sealJson(reading, letterContext(row.id, 'reading')) } : {}),
      updatedAt: ctx.clock().toISOString(),
    } satisfies Partial<LetterRow>;
  }

  const records: LetterRecords = {
    async recordScan(session, scan) {
      const officer = requireAction(ctx, session, 'scan');
      const sealer = requireSealer(ctx);
      const id = newId();
      const at = ctx.clock();
      const result = scan.result;
      const base = {
        id,
        batchId: scan.batchId ?? null,
        scannedAt: at.toISOString(),
        day: localDay(at.toISOString()),
        officerId: officer.userId,
        state: stateFor(result),
        imageSha256: scan.image?.sha256 ?? null,
        imageType: scan.image?.type ?? null,
        sealedImage: scan.image ? await sealer.sealBytes(scan.image.bytes, letterContext(id, 'image')) : null,
        alreadyDispatched: false,
      };
      const draftRow = { ...base, sequence: 0, sealedReading: await sealer.sealJson(scan.reading, letterContext(id, 'reading')) } as LetterRow;
      const changes = await rescreened(sealer, draftRow, null, result, scan.listVersion);
      const outbox = reportsHold(base.state) ? await prepareOutbox(sealer, heldEvent(id, result, scan.listVersion, at), at) : null;
      let row: LetterRow | undefined;
      await db.transaction('rw', [db.letters, db.settings, db.audit, db.outbox], async () => {
        const counter = await db.settings.get(INTERNAL.sequence);
        const sequence = (typeof counter?.value === 'number' ? counter.value : 0) + 1;
        await db.settings.put({ key: INTERNAL.sequence, value: sequence });
        row = { ...draftRow, ...changes, sequence };
        await db.letters.add(row);
        if (outbox) await db.outbox.add(outbox);
        await audit.append(
          audit.draft('scan', officer.userId, id, { sequence, batchId: base.batchId, imageSha256: base.imageSha256, source: scan.reading.source }),
          audit.draft('verdict', officer.userId, id, { sequence, ...verdictDetails(result), listVersion: scan.listVersion }),
        );
      });
      await audit.signHead();
      if (!row) throw new RecordsError('conflict', 'the letter was not stored');
      return { ...letterSummary(row), reading: scan.reading, image: scan.image };
    },

    async officerCheck(session, letterId, reading, result, listVersion) {
      const officer = requireAction(ctx, session, 'officer-check');
      const sealer = requireSealer(ctx);
      const row = await getRow(letterId);
      if (row.state !== 'officer-check' && row.state !== 'rescan') {
        throw new RecordsError('conflict', `letter ${row.sequence} is not waiting for an officer check`);
      }
      const changes = { ...(await rescreened(sealer, row, reading, result, listVersion)), state: stateFor(result) };
      const outbox = reportsHold(changes.state) ? await prepareOutbox(sealer, heldEvent(letterId, result, listVersion, ctx.clock()), ctx.clock()) : null;
      await db.transaction('rw', [db.letters, db.audit, db.outbox], async () => {
        const current = await getRow(letterId);
        if (current.updatedAt !== row.updatedAt) throw new RecordsError('conflict', `letter ${row.sequence} changed meanwhile: open it again`);
        await db.letters.update(letterId, changes);
        if (outbox) await db.outbox.add(outbox);
        await audit.append(
          audit.draft('officer-check', officer.userId, letterId, { sequence: row.sequence, source: reading.source }),
          audit.draft('verdict', officer.userId, letterId, { sequence: row.sequence, ...verdictDetails(result), listVersion }),
        );
      });
      await audit.signHead();
      return officerViewOf(await getRow(letterId));
    },

    async summary(session, letterId) {
      requireAccess(ctx, session, null);
      return letterSummary(await getRow(letterId));
    },

    async officerView(session, letterId) {
      requireAccess(ctx, session, 'scan');
      return officerViewOf(await getRow(letterId));
    },

    async batch(session, batchId) {
      requireAccess(ctx, session, 'scan');
      const rows = await db.letters.where('batchId').equals(batchId).toArray();
      return rows.sort((a, b) => a.sequence - b.sequence).map(letterSummary);
    },

    async officerQueue(session) {
      requireAccess(ctx, session, 'officer-check');
      const rows = await db.letters.where('state').anyOf(['officer-check', 'rescan']).toArray();
      return rows.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt)).map(letterSummary);
    },

    async findByImage(session, sha256) {
      requireAccess(ctx, session, 'scan');
      const row = await db.letters.where('imageSha256').equals(sha256).first();
      return row ? letterSummary(row) : null;
    },

    async between(session, fromIso, toIso) {
      requireAccess(ctx, session, 'view-reports');
      return (await db.letters.where('scannedAt').between(fromIso, toIso, true, false).toArray()).map(letterSummary);
    },
  };

  const system = (principal: SystemPrincipal): LetterSystem => ({
    async recentlyCleared(hours) {
      const sealer = requireSealer(ctx);
      const since = new Date(ctx.clock().getTime() - hours * 3_600_000).toISOString();
      const rows = await db.letters.where('[state+scannedAt]').between(['cleared', since], ['cleared', '\uffff']).toArray();
      return Promise.all(
        rows.map(async (row) => ({
          letterId: row.id,
          text: (await openReading(sealer, row)).text,
          ...(row.sender ? { sender: row.sender } : {}),
          verdict: 'CLEAR' as const,
          screenedAt: row.scannedAt,
        })),
      );
    },

    async recheck(letterId, result, listVersion) {
      const sealer = requireSealer(ctx);
      const row = await getRow(letterId);
      if (row.state !== 'cleared' || result.verdict === 'CLEAR') return letterSummary(row);
      const changes = { ...(await rescreened(sealer, row, null, result, listVersion)), state: stateFor({ ...result, reviewReason: result.reviewReason === 'unreadable' ? 'possible-match' : result.reviewReason }), alreadyDispatched: true };
      const outbox = await prepareOutbox(sealer, heldEvent(letterId, result, listVersion, ctx.clock(), true), ctx.clock());
      const actor = systemActor(principal);
      await db.transaction('rw', [db.letters, db.audit, db.outbox], async () => {
        await db.letters.update(letterId, changes);
        await db.outbox.add(outbox);
        await audit.append(audit.draft('verdict', actor, letterId, { sequence: row.sequence, ...verdictDetails(result), listVersion, recheck: true, alreadyDispatched: true }));
      });
      await audit.signHead();
      return letterSummary(await getRow(letterId));
    },
  });

  return { records, system };
}

export { OPEN_STATES };
