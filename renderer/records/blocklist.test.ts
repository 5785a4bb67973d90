import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openTestStation, TEST_LIST, VICTIM } from './testing.ts';

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
