// The sync engine (shared/sync-client) running against these records through its ports, with the
// fake feed its own tests use: the Dexie store must behave like the engine's reference store.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../shared/sync-client/sync-engine.ts';
import { createFakeFeed, sampleEntry } from '../../shared/sync-client/testing/fake-feed.ts';
import { TransportError } from '../../shared/sync-client/ports.ts';
import { openTestStation, TEST_LIST } from './testing.ts';

async function setup() {
  const s = await openTestStation();
  const feed = createFakeFeed();
  let pcNow = Date.now();
  feed.now = () => pcNow;
  for (const id of ['A-1', 'A-2', 'A-3', 'A-4', 'A-5']) feed.upsert(sampleEntry(id));
  const store = s.opened.system('sync').syncStore;
  const engine = () =>
    createSyncEngine({ store, http: feed.http, clock: { now: () => pcNow }, config: { serverKey: feed.firstKey.serverKey, changesPerPage: 2 } });
  return { s, feed, store, engine, advance: (ms: number) => void (pcNow += ms) };
}

const ids = async (store: { readEntries(): Promise<readonly { id: string }[]> }) => (await store.readEntries()).map((e) => e.id).sort();

describe('the sync engine over the records', () => {
  it('takes a first snapshot page by page into sealed buckets, then applies deltas one page at a time', async () => {
    const { s, feed, store, engine } = await setup();
    const e = engine();
    expect(await e.sync()).toMatchObject({ ok: true, version: 5, snapshot: true });
    expect(await ids(store)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(await store.countEntries()).toBe(5);
    expect((await store.readState()).staging).toBeNull();
    feed.upsert(sampleEntry('B-1'));
    feed.upsert({ ...sampleEntry('A-2'), names: ['Someone Else'] });
    feed.remove('A-3');
    expect(await e.sync()).toMatchObject({ ok: true, version: 8, pagesApplied: 2, snapshot: false });
    expect(await ids(store)).toEqual(['A-1', 'A-2', 'A-4', 'A-5', 'B-1']);
    expect((await store.readEntries()).find((x) => x.id === 'A-2')?.names).toEqual(['Someone Else']);
    // The screens see the same list: version, count and the key that vouched for it.
    expect(await s.opened.records.blocklist.status()).toMatchObject({ version: 8, entryCount: 5, source: 'sync', signature: { keyId: feed.firstKey.keyId } });
    expect((await s.opened.system('worker').blocklist.entriesForEngine())?.entries.map((x) => x.id)).toEqual(['A-1', 'A-2', 'A-4', 'A-5', 'B-1']);
    const admin = await s.signIn('admin');
    const updates = (await s.opened.records.audit.recent(admin)).filter((x) => x.kind === 'list-update').map((x) => x.details.version);
    expect(updates).toEqual([8, 7, 5]);
  });

  it('replaces a list held from a file, whatever its version number', async () => {
    const { s, store, engine } = await setup();
    await s.opened.system('startup').blocklist.replace(TEST_LIST, { source: 'file', signature: null });
    expect(await engine().sync()).toMatchObject({ ok: true, version: 5 });
    expect(await ids(store)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect((await s.opened.records.blocklist.status())?.version).toBe(5);
    // From now on an unsigned list file, even with a higher number, cannot replace the service's list.
    await expect(s.opened.system('startup').blocklist.replace(TEST_LIST, { source: 'file', signature: null })).rejects.toMatchObject({ code: 'conflict' });
    const admin = await s.signIn('admin');
    await expect(s.opened.records.blocklist.importFile(admin, JSON.stringify(TEST_LIST))).rejects.toMatchObject({ code: 'conflict' });
    expect(await ids(store)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });

  it('keeps the old list screening when a tampered page is refused', async () => {
    const { s, feed, engine } = await setup();
    await engine().sync();
    const store = s.opened.system('sync').syncStore;
    feed.intercept = (path, res) => (path.startsWith('/v1/blocklist/changes') && res.status === 200 ? { status: 200, body: res.body.replace('"A-6"', '"A-7"') } : res);
    feed.upsert(sampleEntry('A-6'));
    const refused = await engine().sync();
    expect(refused.ok).toBe(false);
    expect(await ids(store)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });

  it('resumes an interrupted first snapshot after the app restarts, and never screens half a list', async () => {
    const { s, feed, engine } = await setup();
    let cut = true;
    feed.intercept = (path, res) => {
      if (cut && path.startsWith('/v1/blocklist/snapshot?page=1')) throw new TransportError('interrupted', 'the connection closed mid-body');
      return res;
    };
    expect((await engine().sync()).ok).toBe(false);
    expect(await s.opened.records.blocklist.status()).toBeNull();
    const reopened = await s.reopen();
    const store = reopened.system('sync').syncStore;
    const staging = (await store.readState()).staging;
    expect(staging).toMatchObject({ version: 5, nextPage: 1 });
    expect(await store.readStagedEntries()).toHaveLength(staging?.stagedCount ?? -1);
    cut = false;
    feed.requests.length = 0;
    const again = createSyncEngine({ store, http: feed.http, clock: { now: () => Date.now() }, config: { serverKey: feed.firstKey.serverKey, changesPerPage: 2 } });
    expect(await again.sync()).toMatchObject({ ok: true, version: 5 });
    expect(feed.requests[0]).toBe('/v1/blocklist/snapshot?page=1&version=5');
    expect(await ids(store)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });
});
