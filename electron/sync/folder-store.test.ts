import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncEngine } from '../../shared/sync-client/index.ts';
import { createFakeFeed, sampleEntry, type FakeFeed } from '../../shared/sync-client/testing/fake-feed.ts';
import { openFolderStore } from './folder-store.ts';
import { loadStoreList, StoreListError } from './store-list.ts';

// A rename that fails once: the moment between writing the new file and putting it in place.
const faults = vi.hoisted(() => ({ failRename: false }));
vi.mock('node:fs/promises', async (original) => {
  const actual = await original<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (faults.failRename) {
        faults.failRename = false;
        throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' });
      }
      return actual.rename(from, to);
    },
  };
});

let dir: string;
let feed: FakeFeed;
const env = {} as NodeJS.ProcessEnv;

async function syncInto(storeDir: string, e: NodeJS.ProcessEnv = env) {
  const store = (await openFolderStore(storeDir, { create: true, env: e }))!;
  const engine = createSyncEngine({ store, http: feed.http, clock: { now: () => Date.now() }, config: { serverKey: feed.firstKey.serverKey, changesPerPage: 2 } });
  return { store, outcome: await engine.sync() };
}

beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'mailroom-store-')), 'store');
  feed = createFakeFeed();
  for (const id of ['A-1', 'A-2', 'A-3', 'A-4']) feed.upsert(sampleEntry(id, `Victim ${id} Surname`));
});

describe('the folder store', () => {
  it('keeps the list encrypted, with a key file beside it that only its owner can read', async () => {
    const { outcome } = await syncInto(dir);
    expect(outcome.ok).toBe(true);
    const key = await stat(`${dir}.key`);
    expect(key.mode & 0o777).toBe(0o600);
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect((await readFile(path.join(f.parentPath, f.name))).toString('latin1')).not.toMatch(/Victim|Acacia|LS6/);
    const { list } = await loadStoreList(dir, { env });
    expect(list.entries.map((e) => e.id).sort()).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
  });

  it('uses MAILROOM_STORE_KEY when set, and makes no key file', async () => {
    const withKey = { MAILROOM_STORE_KEY: Buffer.alloc(32, 7).toString('base64') } as NodeJS.ProcessEnv;
    await syncInto(dir, withKey);
    await expect(stat(`${dir}.key`)).rejects.toThrow();
    await expect(loadStoreList(dir, { env })).rejects.toThrow(StoreListError);
    expect((await loadStoreList(dir, { env: withKey })).list.version).toBe(4);
  });

  it('refuses a store whose file was altered, or read with the wrong key', async () => {
    await syncInto(dir);
    const file = path.join(dir, 'manifest.mrs');
    const bytes = await readFile(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1;
    await writeFile(file, bytes);
    await expect(loadStoreList(dir, { env })).rejects.toThrow(/altered/);
  });

  it('refuses an empty store and an expired one, never giving a list to screen with', async () => {
    await expect(loadStoreList(dir, { env })).rejects.toThrow(/does not exist/);
    await openFolderStore(dir, { create: true, env });
    await expect(loadStoreList(dir, { env })).rejects.toThrow(/no verified list/);
    await syncInto(dir);
    await expect(loadStoreList(dir, { env, now: Date.now() + 8 * 24 * 3_600_000 })).rejects.toThrow(/past the 168\.0 h limit/);
  });

  it('leaves the previous list in place when a write fails half-way', async () => {
    const { store } = await syncInto(dir);
    feed.upsert(sampleEntry('B-1'));
    const engine = createSyncEngine({ store, http: feed.http, clock: { now: () => Date.now() }, config: { serverKey: feed.firstKey.serverKey } });
    faults.failRename = true;
    expect((await engine.sync()).ok).toBe(false);
    expect((await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await loadStoreList(dir, { env })).list.version).toBe(4);
    expect((await engine.sync()).ok).toBe(true);
    expect((await loadStoreList(dir, { env })).list.version).toBe(5);
  });

  it('resumes a snapshot staged by an earlier process', async () => {
    let cut = true;
    feed.intercept = (p, res) => {
      if (cut && p.startsWith('/v1/blocklist/snapshot?page=1')) throw new (class extends Error {})('cut');
      return res;
    };
    expect((await syncInto(dir)).outcome.ok).toBe(false);
    await expect(loadStoreList(dir, { env })).rejects.toThrow(/no verified list/);
    cut = false;
    feed.requests.length = 0;
    expect((await syncInto(dir)).outcome).toMatchObject({ ok: true, version: 4 });
    expect(feed.requests[0]).toBe('/v1/blocklist/snapshot?page=1&version=4');
  });

  it('refuses a store one of whose segments was altered', async () => {
    await syncInto(dir);
    const files = (await readdir(dir, { recursive: true })).filter((n) => n.includes('page-000001'));
    const file = path.join(dir, files[0]!);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    await writeFile(file, bytes);
    await expect(loadStoreList(dir, { env })).rejects.toThrow(/altered/);
  });

  it('applies a change page as one small segment, and folds many into one list again', async () => {
    const { store } = await syncInto(dir);
    const engine = createSyncEngine({ store, http: feed.http, clock: { now: () => Date.now() }, config: { serverKey: feed.firstKey.serverKey, changesPerPage: 1 } });
    for (let i = 0; i < 40; i++) feed.upsert(sampleEntry(`C-${i}`));
    feed.remove('A-1');
    expect(await engine.sync()).toMatchObject({ ok: true, version: 45, pagesApplied: 41 });
    const segments = (await readdir(dir, { recursive: true })).filter((n) => n.includes('delta-') || n.includes('base.mrs'));
    expect(segments.length).toBeLessThanOrEqual(33);
    const { list } = await loadStoreList(dir, { env });
    expect(list.entries.map((e) => e.id).sort()).toEqual(feed.entriesAt().map((e) => e.id).sort());
    expect(await engine.sync({ reconcile: 'now' })).toMatchObject({ ok: true, reconciled: true, snapshot: false });
  });

  it("digests with Node's sha256 exactly as the shared digest does", async () => {
    const { createNodeListDigest } = await import('./node-digest.ts');
    const { createListDigest } = await import('../../shared/sync/index.ts');
    const a = createNodeListDigest();
    const b = createListDigest();
    for (const e of feed.entriesAt()) {
      a.add({ ...e, names: ['Zoë Ångström 東京'] });
      b.add({ ...e, names: ['Zoë Ångström 東京'] });
    }
    expect(a.hex()).toBe(b.hex());
  });
});
