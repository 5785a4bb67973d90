import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Dexie } from 'dexie';
import { MailroomDb } from './database.ts';
import { LATEST_SCHEMA_VERSION, SCHEMA_HISTORY } from './schema.ts';
import { localDay } from '../dates.ts';

const sealed = { v: 1, kid: 'k', iv: new Uint8Array(12), ct: new Uint8Array([1, 2, 3]) };

function letter(id: string, sequence: number, state: string, reviewReason: string | null, extra: Record<string, unknown> = {}) {
  const scannedAt = `2026-11-0${sequence}T10:00:00.000Z`;
  return {
    id,
    sequence,
    batchId: 'b1',
    scannedAt,
    officerId: 'u1',
    state,
    verdict: state === 'cleared' ? 'CLEAR' : state === 'held' ? 'HOLD' : 'REVIEW',
    reviewReason,
    entryRefs: [],
    rules: [],
    listVersion: 3,
    sender: null,
    imageSha256: null,
    imageType: null,
    addressTags: [],
    sealedImage: null,
    sealedReading: sealed,
    sealedResult: sealed,
    alreadyDispatched: false,
    updatedAt: scannedAt,
    ...extra,
  };
}

interface Fixture {
  /** Rows as that version wrote them. */
  seed(db: Dexie): Promise<void>;
  /** What they must look like in the latest schema. */
  check(db: MailroomDb): Promise<void>;
}

/** One per published version but the latest. Add one when a version is published. */
const FIXTURES: Readonly<Record<number, Fixture>> = {
  1: {
    async seed(db) {
      await db.table('letters').bulkAdd([
        letter('a', 1, 'cleared', null),
        letter('b', 2, 'review', 'unreadable'),
        letter('c', 3, 'review', 'possible-match'),
        letter('d', 4, 'held', null),
      ]);
      await db.table('users').add({ id: 'u1', username: 'officer1', role: 'officer' });
      await db.table('audit').add({ seq: 1, at: '2026-11-01T10:00:00.000Z', kind: 'scan', actor: 'u1', subject: 'a', details: {}, prevHash: '0'.repeat(64), hash: 'x' });
    },
    async check(db) {
      const letters = await db.letters.orderBy('sequence').toArray();
      expect(letters.map((l) => [l.id, l.state])).toEqual([
        ['a', 'cleared'],
        ['b', 'officer-check'],
        ['c', 'awaiting-review'],
        ['d', 'held'],
      ]);
      expect(letters.every((l) => l.day === localDay(l.scannedAt))).toBe(true);
      const day = localDay('2026-11-03T10:00:00.000Z');
      expect((await db.letters.where('[day+state]').equals([day, 'awaiting-review']).toArray()).map((l) => l.id)).toEqual(['c']);
      expect(await db.users.count()).toBe(1);
      expect(await db.audit.count()).toBe(1);
    },
  },
  2: {
    async seed(db) {
      await db.table('letters').add(letter('e', 5, 'officer-check', 'unreadable', { day: '2026-11-05' }));
      await db.table('listVersions').add({ version: 12, generatedAt: null, appliedAt: '2026-11-05T09:00:00.000Z', source: 'sync', appliedBy: 'system:sync', signature: null, entryCount: 0 });
    },
    async check(db) {
      expect((await db.letters.get('e'))?.state).toBe('officer-check');
    },
  },
  3: {
    async seed(db) {
      await db.table('blockEntries').add({ id: 'UPC-1', listVersion: 12, postcodeTags: ['t'], nameTags: ['n'], sealed });
      await db.table('listVersions').add({ version: 12, generatedAt: null, appliedAt: '2026-11-05T09:00:00.000Z', source: 'sync', appliedBy: 'system:sync', signature: null, entryCount: 1 });
      await db.table('settings').put({ key: 'internal:staging', value: { version: 13, pages: [0], entryCount: 1 } });
      await db.table('syncState').put({ key: 'enrolment', updatedAt: '2026-11-05T09:00:00.000Z', sealed });
    },
    async check(db) {
      // Entries sealed one by one cannot be re-sealed in an upgrade: the list is dropped, so no
      // stale version claims to be held, and the station fetches or imports it again.
      expect(await db.listVersions.count()).toBe(0);
      expect(await db.blockBuckets.count()).toBe(0);
      expect(await db.settings.get('internal:staging')).toBeUndefined();
      expect(await db.syncState.get('enrolment')).toBeDefined();
    },
  },
  4: {
    async seed(db) {
      const row = { kind: 'letter-held', state: 'pending', createdAt: '2026-11-06T09:00:00.000Z', nextAttemptAt: '2026-11-06T09:00:00.000Z', attempts: 0, lastError: null, sentAt: null, sealed };
      await db.table('outbox').add(row);
      await db.table('letters').add(letter('f', 6, 'held', null, { day: '2026-11-06' }));
    },
    async check(db) {
      // v4 rows carry no event id and their events are sealed: they cannot be sent by id, so they go.
      expect(await db.outbox.count()).toBe(0);
      expect(await db.outbox.where('eventId').equals('x').count()).toBe(0);
      expect((await db.letters.get('f'))?.state).toBe('held');
    },
  },
};

describe('schema migrations', () => {
  it('numbers versions from 1 without gaps', () => {
    expect(SCHEMA_HISTORY.map((v) => v.version)).toEqual(SCHEMA_HISTORY.map((_, i) => i + 1));
  });

  it('has a fixture for every earlier version', () => {
    for (const v of SCHEMA_HISTORY.slice(0, -1)) expect(FIXTURES[v.version], `fixture for v${v.version}`).toBeDefined();
  });

  for (const from of SCHEMA_HISTORY.slice(0, -1).map((v) => v.version)) {
    it(`upgrades a v${from} database to v${LATEST_SCHEMA_VERSION}, keeping and converting its rows`, async () => {
      const fixture = FIXTURES[from];
      if (!fixture) throw new Error(`no fixture for v${from}`);
      const name = `migrate-from-${from}-${globalThis.crypto.randomUUID()}`;
      const old = new MailroomDb(name, from);
      await old.open();
      expect(old.verno).toBe(from);
      await fixture.seed(old);
      old.close();

      const db = new MailroomDb(name);
      await db.open();
      expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
      await fixture.check(db);
      // Tables added later exist and answer their indexes.
      expect(await db.snapshotPages.where('version').equals(1).count()).toBe(0);
      expect(await db.blockBuckets.where('bucket').above(-1).count()).toBe(0);
      db.close();
    });
  }

  it('opens a new database at the latest version with every table', async () => {
    const db = new MailroomDb(`fresh-${globalThis.crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['audit', 'auditHeads', 'blockBuckets', 'decisions', 'letters', 'listVersions', 'outbox', 'releases', 'settings', 'snapshotPages', 'syncState', 'users'].sort(),
    );
    db.close();
  });
});
