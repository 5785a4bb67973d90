// The station's sync controller over real records (Dexie on fake-indexeddb) and a feed signed with a
// real key, with main's IPC replaced by a stand-in that behaves as main does.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MailroomApi } from '../../../shared/ipc/api.ts';
import type { SyncEnrolment } from '../../../shared/ipc/contract.ts';
import { IpcCallError } from '../../../shared/ipc/result.ts';
import type { BlockEntry } from '../../../shared/blocklist/format.ts';
import { TransportError, type Timers } from '../../../shared/sync-client/index.ts';
import { createFakeFeed, sampleEntry, type FakeFeed } from '../../../shared/sync-client/testing/fake-feed.ts';
import { clearResult, holdResult, openTestStation, scan, type TestStation } from '../../records/testing.ts';
import { guardWithFreshness } from './freshness-guard.ts';
import { createSyncController, type SyncController } from './sync-controller.ts';

/** Main as the renderer sees it: enrolment checked against the feed's key, requests passed through. */
function fakeMain(feed: FakeFeed) {
  let enrolment: SyncEnrolment = { enrolled: false };
  const posted: { type: string; alreadyDispatched?: boolean; letterId?: string }[] = [];
  const state = { offline: false, enrolCalls: 0, requests: 0 };
  const api: Pick<MailroomApi, 'sync'> = {
    sync: {
      async enrol(r) {
        state.enrolCalls++;
        const pinned = { serverKey: r.serverKey, keyId: feed.firstKey.keyId, enrolledAt: new Date().toISOString() };
        if ('mode' in r && r.mode === 'file') {
          // Main pins any well-formed key without asking the network (there is none).
          enrolment = { enrolled: true, mode: 'file', server: null, site: r.site, ...pinned };
          return enrolment;
        }
        if (r.serverKey !== feed.firstKey.serverKey) throw new IpcCallError('REFUSED', "the station was not enrolled: the service's pages are not signed by the server key given");
        enrolment = { enrolled: true, mode: 'network', server: r.server, site: null, ...pinned };
        return enrolment;
      },
      enrolment: async () => enrolment,
      async request(r) {
        state.requests++;
        if (state.offline) return { kind: 'failure', failure: 'unreachable', message: 'the service at 127.0.0.1:9 could not be reached (ECONNREFUSED)' };
        if (r.method === 'POST') {
          const events = (r.body as { events: { id: string; type: string }[] }).events;
          posted.push(...events);
          return { kind: 'response', status: 200, body: JSON.stringify({ results: events.map((e) => ({ id: e.id, status: 'stored' })) }) };
        }
        try {
          const res = await feed.http.get(r.path, { maxBytes: r.maxBytes, timeoutMs: r.timeoutMs });
          return { kind: 'response', status: res.status, body: res.body };
        } catch (e) {
          if (e instanceof TransportError) return { kind: 'failure', failure: e.failure, message: e.message };
          throw e;
        }
      },
    },
  };
  return { api, posted, state };
}

/** Timers that never fire by themselves: the test drives every sync. */
const stillTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

interface Setup {
  s: TestStation;
  feed: FakeFeed;
  main: ReturnType<typeof fakeMain>;
  sync: SyncController;
  reloads: { count: number };
  networkBack: () => void;
}

async function setup(): Promise<Setup> {
  const s = await openTestStation();
  const feed = createFakeFeed();
  feed.now = () => s.clock.now().getTime();
  const main = fakeMain(feed);
  const reloads = { count: 0 };
  let online: (() => void) | null = null;
  const sync = createSyncController({
    api: main.api,
    records: s.opened.records,
    system: s.opened.system('sync'),
    clock: { now: () => s.clock.now().getTime() },
    timers: stillTimers,
    online: (listener) => {
      online = listener;
      return () => (online = null);
    },
  });
  sync.onListChanged(async () => void reloads.count++);
  await sync.start();
  return { s, feed, main, sync, reloads, networkBack: () => online?.() };
}

const victimEntry: BlockEntry = {
  id: 'UPC-555001',
  names: ['Mary Victimson'],
  addresses: [{ lines: ['Flat 9', '3 Orchard Lane'], town: 'York', postcode: 'YO1 7HH' }],
  phones: [],
  emails: [],
  scope: { kind: 'all-prisoners' },
};

async function enrol(t: Setup) {
  const admin = await t.s.signIn('admin');
  return t.sync.enrol(admin, { server: 'http://127.0.0.1:8080', token: 'mrd_secret-token', serverKey: t.feed.firstKey.serverKey });
}

describe('the station sync controller', () => {
  it('starts unenrolled on the demo list, then an administrator enrols and the synced list replaces it', async () => {
    const t = await setup();
    expect(t.sync.status()).toMatchObject({ phase: 'not-enrolled', list: null });
    expect(t.sync.freshnessNow()).toBeNull();
    for (const id of ['A-1', 'A-2']) t.feed.upsert(sampleEntry(id));

    const after = await enrol(t);
    expect(after).toMatchObject({ phase: 'connected', lastError: null, list: { version: 2, source: 'network' } });
    expect(after.freshness?.level).toBe('fresh');
    expect(t.reloads.count).toBeGreaterThan(0);
    expect(await t.s.opened.records.blocklist.status()).toMatchObject({ version: 2, entryCount: 2, source: 'sync' });
  });

  it('lets only an administrator enrol the station', async () => {
    const t = await setup();
    const officer = await t.s.signIn('officer');
    await expect(t.sync.enrol(officer, { server: 'http://127.0.0.1:8080', token: 'mrd_secret-token', serverKey: t.feed.firstKey.serverKey })).rejects.toThrow(/only an administrator/);
    expect(t.main.state.enrolCalls).toBe(0);
  });

  it('shows a refused enrolment in words, audits it, and keeps the list it had', async () => {
    const t = await setup();
    const admin = await t.s.signIn('admin');
    const before = await t.s.opened.records.blocklist.status();
    await expect(t.sync.enrol(admin, { server: 'http://127.0.0.1:8080', token: 'mrd_secret-token', serverKey: btoa(String.fromCharCode(...new Uint8Array(32).fill(9))) })).rejects.toThrow(/not signed by the server key given/);
    expect(t.sync.status()).toMatchObject({ phase: 'not-enrolled', lastError: expect.stringMatching(/not signed/) });
    expect(await t.s.opened.records.blocklist.status()).toEqual(before);
    await t.s.opened.settled();
    const audit = await t.s.opened.records.audit.recent(admin);
    expect(audit.find((e) => e.subject === 'sync-enrolment')).toMatchObject({ kind: 'failed-check', details: { outcome: 'refused', reason: 'REFUSED' } });
  });

  it('re-checks recent CLEAR letters against a new block: the letter goes to the supervisor marked already dispatched, and its hold reaches the service', async () => {
    const t = await setup();
    t.feed.upsert(sampleEntry('A-1'));
    await enrol(t);
    const officer = await t.s.signIn('officer');
    const text = 'Mrs Mary Victimson\nFlat 9\n3 Orchard Lane\nYork\nYO1 7HH';
    const cleared = await t.s.opened.records.letters.recordScan(officer, scan(clearResult(), text));
    t.s.clock.advance(3_600_000);

    t.feed.upsert(victimEntry);
    const after = await t.sync.syncNow();
    expect(after).toMatchObject({ phase: 'connected', list: { version: 2 }, lastRecheckHolds: 1 });
    const supervisor = await t.s.signIn('supervisor');
    const queue = await t.s.opened.records.review.queue(supervisor);
    expect(queue.items.find((i) => i.id === cleared.id)).toMatchObject({ verdict: 'HOLD', alreadyDispatched: true });
    expect(t.main.posted.filter((e) => e.type === 'letter-held')).toEqual([expect.objectContaining({ letterId: cleared.id, alreadyDispatched: true })]);
    expect(after.pendingEvents).toBe(0);
  });

  it('refuses a tampered page in words, audits it, and the held list keeps screening', async () => {
    const t = await setup();
    t.feed.upsert(sampleEntry('A-1'));
    await enrol(t);
    t.feed.upsert(victimEntry);
    t.feed.intercept = (path, res) => (path.includes('/changes') ? { ...res, body: res.body.replace('Victimson', 'Victimsen') } : res);
    const after = await t.sync.syncNow();
    expect(after.phase).toBe('refused');
    expect(after.lastError).toMatch(/signature/i);
    expect(after.list?.version).toBe(1);
    expect(await t.s.opened.records.blocklist.status()).toMatchObject({ version: 1, entryCount: 1 });
    const admin = await t.s.signIn('admin');
    await t.s.opened.settled();
    expect((await t.s.opened.records.audit.recent(admin)).some((e) => e.kind === 'list-refused')).toBe(true);
  });

  it('reports the service unreachable as offline, keeps the list, and syncs as soon as the network is back', async () => {
    const t = await setup();
    t.feed.upsert(sampleEntry('A-1'));
    await enrol(t);
    t.main.state.offline = true;
    t.feed.upsert(victimEntry);
    // A hold recorded while the service cannot be reached waits in the outbox.
    const officer = await t.s.signIn('officer');
    const held = await t.s.opened.records.letters.recordScan(officer, scan(holdResult()));
    expect(await t.sync.syncNow()).toMatchObject({ phase: 'offline', lastError: expect.stringMatching(/could not be reached/), list: { version: 1 } });
    expect(t.sync.status().pendingEvents).toBeGreaterThan(0);
    expect(t.sync.status().outboxError).toMatch(/events not sent/);
    expect(t.main.posted.some((e) => e.letterId === held.id)).toBe(false);

    t.main.state.offline = false;
    t.s.clock.advance(3_600_000); // past the outbox's backoff
    t.networkBack();
    await expect.poll(() => t.sync.status().phase).toBe('connected');
    expect(t.sync.status().list?.version).toBe(2);
    expect(t.main.posted.some((e) => e.type === 'letter-held' && e.letterId === held.id)).toBe(true);
    expect(t.sync.status()).toMatchObject({ pendingEvents: 0, outboxError: null });
  });

  it("reports a PC clock far from the service's time", async () => {
    const t = await setup();
    t.feed.now = () => t.s.clock.now().getTime() - 20 * 60_000;
    t.feed.upsert(sampleEntry('A-1'));
    const after = await enrol(t);
    expect(after.phase).toBe('connected');
    expect(after.freshness?.clockSkewMs).toBeGreaterThan(19 * 60_000);
    expect(after.freshness?.message).toMatch(/clock was 20 min ahead of the service's time/);
  });

  it('an enrolled station with no verified list yet screens nothing CLEAR, and says why', async () => {
    const t = await setup();
    t.feed.upsert(sampleEntry('A-1'));
    t.main.state.offline = true;
    const after = await enrol(t);
    expect(after).toMatchObject({ phase: 'offline', list: null, freshness: { level: 'no-list' } });
    expect(after.freshness?.message).toMatch(/every letter is REVIEW/);
    expect(guardWithFreshness(clearResult(), t.sync.freshnessNow())).toMatchObject({ verdict: 'REVIEW', reviewReason: 'list-stale' });
    expect(guardWithFreshness(holdResult(), t.sync.freshnessNow()).verdict).toBe('HOLD');
  });

  it('warns past a day and, past the hard limit, makes every letter that is not HOLD a REVIEW for list-stale', async () => {
    const t = await setup();
    t.feed.upsert(sampleEntry('A-1'));
    await enrol(t);
    expect(guardWithFreshness(clearResult(), t.sync.freshnessNow()).verdict).toBe('CLEAR');
    t.s.clock.advance(25 * 3_600_000);
    expect(t.sync.freshnessNow()).toMatchObject({ level: 'warning', message: expect.stringMatching(/sync soon/) });
    expect(guardWithFreshness(clearResult(), t.sync.freshnessNow()).verdict).toBe('CLEAR');
    t.s.clock.advance(7 * 24 * 3_600_000);
    const stale = guardWithFreshness(clearResult(), t.sync.freshnessNow());
    expect(stale).toMatchObject({ verdict: 'REVIEW', reviewReason: 'list-stale' });
    expect(guardWithFreshness(holdResult(), t.sync.freshnessNow()).verdict).toBe('HOLD');
  });

  it('imports an air-gapped signed snapshot file like a network snapshot, and refuses a tampered one keeping the list', async () => {
    const t = await setup();
    const admin = await t.s.signIn('admin');
    t.feed.upsert(sampleEntry('A-1'));
    t.feed.upsert(victimEntry);
    const file = JSON.stringify(t.feed.snapshotFile());
    await t.sync.enrol(admin, { mode: 'file', serverKey: t.feed.firstKey.serverKey, site: 'LEI' });
    const ok = await t.sync.importSnapshotFile(admin, file);
    expect(ok).toMatchObject({ ok: true, version: 2, snapshot: true });
    expect(t.sync.status().list).toMatchObject({ version: 2, source: 'file' });
    expect(await t.s.opened.records.blocklist.status()).toMatchObject({ version: 2, entryCount: 2, source: 'snapshot-file' });

    t.feed.upsert(sampleEntry('A-3'));
    const tampered = JSON.stringify(t.feed.snapshotFile()).replace('Victimson', 'Victimsen');
    const refused = await t.sync.importSnapshotFile(admin, tampered);
    expect(refused.ok).toBe(false);
    expect(t.sync.status().lastError).toMatch(/signature/i);
    expect(await t.s.opened.records.blocklist.status()).toMatchObject({ version: 2, entryCount: 2 });
  });

  it('an air-gapped station never asks the network, screens nothing CLEAR until a file is imported, then takes it with the pinned key', async () => {
    const t = await setup();
    const admin = await t.s.signIn('admin');
    t.feed.upsert(victimEntry);
    const file = JSON.stringify(t.feed.snapshotFile());
    await expect(t.sync.importSnapshotFile(admin, file)).rejects.toThrow(/not enrolled.*enrols it first/);
    expect(await t.s.opened.records.blocklist.status()).toBeNull();

    const after = await t.sync.enrol(admin, { mode: 'file', serverKey: t.feed.firstKey.serverKey, site: 'LEI' });
    expect(after).toMatchObject({ phase: 'air-gapped', list: null, freshness: { level: 'no-list' } });
    expect(guardWithFreshness(clearResult(), t.sync.freshnessNow())).toMatchObject({ verdict: 'REVIEW', reviewReason: 'list-stale' });
    await expect(t.sync.syncNow()).rejects.toThrow(/air-gapped/);
    t.networkBack();
    await t.sync.flushOutbox();
    expect(t.main.state.requests).toBe(0);

    t.s.clock.advance(20 * 60_000);
    const imported = await t.sync.importSnapshotFile(admin, file);
    expect(imported, JSON.stringify(imported)).toMatchObject({ ok: true, version: 1 });
    expect(t.sync.status()).toMatchObject({ phase: 'air-gapped', list: { version: 1, source: 'file' }, lastError: null });
    // The age is the file's signed time, not the moment of import.
    expect(t.sync.freshnessNow()?.ageMs).toBeGreaterThanOrEqual(20 * 60_000);
    expect(guardWithFreshness(clearResult(), t.sync.freshnessNow()).verdict).toBe('CLEAR');
    expect(t.main.state.requests).toBe(0);
  });

  it('refuses a file signed with a key other than the one pinned air-gapped', async () => {
    const t = await setup();
    const admin = await t.s.signIn('admin');
    t.feed.upsert(victimEntry);
    await t.sync.enrol(admin, { mode: 'file', serverKey: btoa(String.fromCharCode(...new Uint8Array(32).fill(9))), site: 'LEI' });
    const refused = await t.sync.importSnapshotFile(admin, JSON.stringify(t.feed.snapshotFile()));
    expect(refused.ok).toBe(false);
    expect(t.sync.status()).toMatchObject({ list: null, freshness: { level: 'no-list' } });
    expect(await t.s.opened.records.blocklist.status()).toBeNull();
  });
});
