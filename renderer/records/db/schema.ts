// The schema's history. Each version lists the tables it changes and, when rows must change too,
// an upgrade. Never edit a published version: add one, and add its fixture to the migration test.
import type { Transaction } from 'dexie';
import { localDay } from '../dates.ts';

export interface SchemaVersion {
  readonly version: number;
  /** Dexie store specs of the tables this version adds or changes (null deletes a table). */
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
  /** Why this version exists. */
  readonly note: string;
}

export const SCHEMA_HISTORY: readonly SchemaVersion[] = [
  {
    version: 1,
    note: 'first release',
    stores: {
      blockEntries: 'id, listVersion, *postcodeTags, *nameTags',
      listVersions: 'version',
      letters: 'id, &sequence, scannedAt, state, verdict, officerId, batchId, imageSha256, *addressTags, [state+scannedAt]',
      decisions: 'id, letterId, decidedAt, supervisorId, kind',
      releases: 'id, entryId, decisionId',
      users: 'id, &username, role',
      settings: 'key',
      audit: 'seq, at, kind, actor, subject',
      auditHeads: 'station',
      outbox: '++id, kind, [state+nextAttemptAt]',
    },
  },
  {
    version: 2,
    note:
      'the review desk filters by day and the officer-check queue is separate from the supervisor queue: ' +
      'letters gain a local `day`, and the v1 state `review` splits into `officer-check` (unreadable) and `awaiting-review`',
    stores: {
      letters:
        'id, &sequence, scannedAt, day, state, verdict, officerId, batchId, imageSha256, *addressTags, [state+scannedAt], [day+state]',
    },
    upgrade: async (tx) => {
      await tx
        .table('letters')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          if (typeof row.scannedAt === 'string') row.day = localDay(row.scannedAt);
          if (row.state === 'review') row.state = row.reviewReason === 'unreadable' ? 'officer-check' : 'awaiting-review';
        });
    },
  },
  {
    version: 3,
    note:
      'the sync: a snapshot arrives in pages, staged until the last one so a half list never screens, ' +
      'and the sync keeps its enrolment and progress (sealed: the token is a secret)',
    stores: {
      blockStaging: '[version+id], version',
      syncState: 'key',
    },
  },
  {
    version: 4,
    note:
      'speed: one AES-GCM call per entry made a 100,000-entry list take tens of seconds to store and to load. ' +
      'Entries are now sealed in buckets (by a hash of the block reference), and a staged snapshot page is one ' +
      'sealed row. Entries sealed the old way cannot be re-sealed inside an upgrade (WebCrypto is asynchronous), ' +
      'so the held list is dropped and the station fetches or imports it again: with no list held nothing screens ' +
      'CLEAR, the engine reports "no blocklist is installed".',
    stores: {
      blockEntries: null,
      blockStaging: null,
      blockBuckets: 'bucket',
      snapshotPages: '[version+page], version',
    },
    upgrade: async (tx) => {
      await tx.table('listVersions').clear();
      await tx.table('settings').delete('internal:staging');
    },
  },
  {
    version: 5,
    note:
      "the sync's outbox port removes and defers events by the event's own id (a resend is a duplicate, not a " +
      'second event): outbox rows gain an indexed `eventId`. Rows written before carry none; their events are ' +
      'sealed, so they cannot be backfilled in an upgrade, and are dropped (no release has carried v4).',
    stores: {
      outbox: '++id, kind, [state+nextAttemptAt], eventId',
    },
    upgrade: async (tx) => {
      await tx.table('outbox').filter((row: { eventId?: unknown }) => typeof row.eventId !== 'string').delete();
    },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_HISTORY.at(-1)?.version ?? 1;
