// The screening engine of an enrolled station takes only a list verified from the central service:
// a list held from before enrolment (the demo list, a file) never screens there.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openTestStation, TEST_LIST } from '../../records/testing.ts';
import { createSyncEngine } from '../../../shared/sync-client/sync-engine.ts';
import { createFakeFeed, sampleEntry } from '../../../shared/sync-client/testing/fake-feed.ts';
import type { ScreeningClient } from '../screening/client.ts';
import { loadEngine } from './screening-engine.ts';

/** Stands in for the worker: records which list it was given. */
function recordingClient() {
  const loaded: number[] = [];
  const client = { load: async (list: { version: number; entries: readonly unknown[] }) => (loaded.push(list.version), { entries: list.entries.length, matcher: 'test' }) };
  return { client: client as unknown as ScreeningClient, loaded };
}

describe('the station screening engine', () => {
  it('on an enrolled station, refuses a list held from before enrolment until a verified one is synced, then screens with that one', async () => {
    const s = await openTestStation({ demo: false });
    await s.opened.system('startup').blocklist.replace(TEST_LIST, { source: 'file', signature: null });
    const { client, loaded } = recordingClient();
    const state = await loadEngine(client, s.opened, true);
    expect(state).toEqual({ kind: 'unavailable', reason: expect.stringContaining('no verified list from the central service yet') });
    expect(loaded).toEqual([]);

    // Once the sync has verified and stored the service's list, that list screens.
    const feed = createFakeFeed();
    for (const id of ['S-1', 'S-2']) feed.upsert(sampleEntry(id));
    const engine = createSyncEngine({ store: s.opened.system('sync').syncStore, http: feed.http, clock: { now: () => feed.now() }, config: { serverKey: feed.firstKey.serverKey } });
    expect(await engine.sync()).toMatchObject({ ok: true, version: 2 });
    expect(await loadEngine(client, s.opened, true)).toMatchObject({ kind: 'ready', listVersion: 2, entries: 2 });
    expect(loaded).toEqual([2]);
  });

  it('on a station that is not enrolled, screens with the list held', async () => {
    const s = await openTestStation();
    await s.opened.system('startup').blocklist.replace(TEST_LIST, { source: 'file', signature: null });
    const { client, loaded } = recordingClient();
    expect(await loadEngine(client, s.opened, false)).toMatchObject({ kind: 'ready', listVersion: TEST_LIST.version, entries: TEST_LIST.entries.length });
    expect(loaded).toEqual([TEST_LIST.version]);
  });
});
