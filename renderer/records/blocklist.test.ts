import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openTestStation, TEST_LIST, VICTIM, watch } from './testing.ts';

const signature = { algorithm: 'ed25519', keyId: 'server-1', value: 'c2ln', signedAt: '2026-11-28T08:00:00Z' };

describe('the list held on the station', () => {
  it('gives the engine back exactly the list that was stored, with version and signature data', async () => {
    const s = await openTestStation();
    const sync = s.opened.system('sync').blocklist;
    await sync.replace(TEST_LIST, { source: 'sync', signature });
    expect(await sync.entriesForEngine()).toEqual(TEST_LIST);
    expect(await s.opened.records.blocklist.status()).toMatchObject({ version: 12, entryCount: 2, signature, source: 'sync' });
  });

  it('applies a page only on top of the version it starts from', async () => {
    const s = await openTestStation();
    const sync = s.opened.system('sync').blocklist;
    await sync.replace(TEST_LIST, { source: 'sync', signature });
    const added = { id: 'UPC-200001', names: ['Pat Example'], addresses: [], phones: [], emails: [], scope: { kind: 'all-prisoners' as const } };
    await expect(sync.applyPage({ fromVersion: 13, toVersion: 14, generatedAt: null, upserts: [added], removals: [] }, { source: 'sync', signature })).rejects.toMatchObject({
      code: 'conflict',
    });
    const status = await sync.applyPage({ fromVersion: 12, toVersion: 13, generatedAt: null, upserts: [added], removals: ['UPC-100233'] }, { source: 'sync', signature });
    expect(status).toMatchObject({ version: 13, entryCount: 2 });
    expect((await sync.entriesForEngine())?.entries.map((e) => e.id).sort()).toEqual(['UPC-100231', 'UPC-200001']);
  });

  it('refuses to go back to an older list', async () => {
    const s = await openTestStation();
    const sync = s.opened.system('sync').blocklist;
    await sync.replace(TEST_LIST, { source: 'sync', signature });
    await expect(sync.replace({ ...TEST_LIST, version: 11 }, { source: 'sync', signature })).rejects.toMatchObject({ code: 'conflict' });
    expect((await s.opened.records.blocklist.status())?.version).toBe(12);
  });

  it('audits list updates and refusals by version, never by content', async () => {
    const s = await openTestStation();
    const sync = s.opened.system('sync').blocklist;
    await sync.replace(TEST_LIST, { source: 'sync', signature });
    await sync.recordRefusal('bad signature', { version: 13 });
    const admin = await s.signIn('admin');
    const events = await s.opened.records.audit.recent(admin);
    expect(events.filter((e) => e.kind.startsWith('list-')).map((e) => [e.kind, e.details.version])).toEqual([
      ['list-refused', 13],
      ['list-update', 12],
    ]);
    expect(JSON.stringify(events)).not.toContain(VICTIM.name);
  });
});

describe('the sync state', () => {
  it('keeps the enrolment sealed, and gives it back', async () => {
    const s = await openTestStation();
    const state = s.opened.system('sync').syncState;
    await state.put('enrolment', { server: 'https://centre.example', token: 'secret-device-token' });
    expect(await state.get('enrolment')).toEqual({ server: 'https://centre.example', token: 'secret-device-token' });
    expect(await state.get('missing')).toBeUndefined();
  });
});

describe('entries kept in sealed buckets', () => {
  const entry = (i: number, name = `Person ${i}`) => ({ id: `UPC-${i}`, names: [name], addresses: [], phones: [], emails: [], scope: { kind: 'all-prisoners' as const } });

  it('keeps the count and the entries right through replacements, updates and removals of a larger list', async () => {
    const s = await openTestStation();
    const sync = s.opened.system('sync').blocklist;
    const list = { ...TEST_LIST, version: 1, entries: Array.from({ length: 5000 }, (_, i) => entry(i)) };
    await sync.replace(list, { source: 'sync', signature });
    const status = await sync.applyPage(
      { fromVersion: 1, toVersion: 2, generatedAt: null, upserts: [entry(7, 'Renamed'), entry(9000)], removals: ['UPC-1', 'UPC-2', 'UPC-not-held'] },
      { source: 'sync', signature },
    );
    expect(status.entryCount).toBe(4999);
    const held = await sync.entriesForEngine();
    expect(held?.entries).toHaveLength(4999);
    expect(held?.entries.find((e) => e.id === 'UPC-7')?.names).toEqual(['Renamed']);
    expect(held?.entries.some((e) => e.id === 'UPC-1')).toBe(false);
    expect(held?.entries.map((e) => e.id)).toEqual([...(held?.entries.map((e) => e.id) ?? [])].sort());
    const officer = await s.signIn('officer');
    expect(await s.opened.records.blocklist.reference(officer, 'UPC-9000')).toEqual({ entryId: 'UPC-9000', listVersion: 2, present: true });
    expect((await s.opened.records.blocklist.reference(officer, 'UPC-1')).present).toBe(false);
  });
});

describe('the list banner', () => {
  it('updates a live status when a new list is applied', async () => {
    const { liveQuery } = await import('dexie');
    const s = await openTestStation();
    const live = watch(liveQuery(() => s.opened.records.blocklist.status()));
    await live.emissions(1);
    await s.opened.system('sync').blocklist.replace(TEST_LIST, { source: 'sync', signature });
    await live.emissions(2);
    live.stop();
    expect(live.seen.map((status) => status?.version ?? null)).toEqual([null, 12]);
  });
});
