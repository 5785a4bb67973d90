import { beforeEach, describe, expect, it } from 'vitest';
import { signPage, verifySignedPageText, type SignedPage } from '../sync/index.ts';
import { createMemorySyncStore, type MemorySyncStore } from './memory-store.ts';
import { TransportError } from './ports.ts';
import type { ListChange } from './snapshot.ts';
import { createSyncEngine, type SyncEngineDeps, type SyncOutcome } from './sync-engine.ts';
import { createFakeFeed, createFakeKey, sampleEntry, type FakeFeed } from './testing/fake-feed.ts';

let feed: FakeFeed;
let store: MemorySyncStore;
let pcNow: number;
let changes: ListChange[];
let failures: string[];

function engine(overrides: Partial<SyncEngineDeps['config']> = {}) {
  return createSyncEngine({
    store,
    http: feed.http,
    clock: { now: () => pcNow },
    config: { serverKey: feed.firstKey.serverKey, changesPerPage: 2, ...overrides },
    observer: { listChanged: (c) => void changes.push(c), syncFailed: (e) => void failures.push(e.code) },
  });
}

const ids = async () => (await store.readEntries()).map((e) => e.id).sort();
const version = async () => (await store.readState()).list?.version ?? null;
function refused(outcome: SyncOutcome, code: string): void {
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.error.code).toBe(code);
}
/** Replaces the body of the responses whose path starts with `prefix` by another signed page. */
function serve(prefix: string, page: (original: SignedPage) => unknown): void {
  feed.intercept = (path, res) => (path.startsWith(prefix) && res.status === 200 ? { status: 200, body: JSON.stringify(page(JSON.parse(res.body) as SignedPage)) } : res);
}

beforeEach(() => {
  feed = createFakeFeed();
  store = createMemorySyncStore();
  pcNow = Date.now();
  feed.now = () => pcNow;
  changes = [];
  failures = [];
  for (const id of ['A-1', 'A-2', 'A-3', 'A-4', 'A-5']) feed.upsert(sampleEntry(id));
});

describe('first sync and deltas', () => {
  it('takes a first snapshot page by page, then lands at the service head with its signed time', async () => {
    const outcome = await engine().sync();
    expect(outcome).toMatchObject({ ok: true, version: 5, snapshot: true });
    expect(await ids()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    const { list, staging } = await store.readState();
    expect(staging).toBeNull();
    expect(list).toMatchObject({ version: 5, currentAsOf: new Date(pcNow).toISOString(), source: 'network' });
    expect(feed.requests.filter((p) => p.startsWith('/v1/blocklist/snapshot'))).toEqual(['/v1/blocklist/snapshot?page=0', '/v1/blocklist/snapshot?page=1&version=5']);
    expect(changes[0]).toMatchObject({ full: true, previousVersion: null, version: 5 });
  });

  it('applies changes one page at a time and reports what was added, changed and removed', async () => {
    const e = engine();
    await e.sync();
    feed.upsert(sampleEntry('B-1'));
    feed.upsert({ ...sampleEntry('A-2'), names: ['Someone Else'] });
    feed.remove('A-3');
    changes = [];
    const outcome = await e.sync();
    expect(outcome).toMatchObject({ ok: true, version: 8, pagesApplied: 2, snapshot: false });
    expect(await ids()).toEqual(['A-1', 'A-2', 'A-4', 'A-5', 'B-1']);
    expect(changes.map((c) => [c.version, c.upserted.map((u) => u.id), c.removedIds])).toEqual([
      [7, ['B-1', 'A-2'], []],
      [8, [], ['A-3']],
    ]);
  });

  it('says current when nothing changed, and moves the signed time forward', async () => {
    const e = engine();
    await e.sync();
    pcNow += 3_600_000 - 1000;
    const outcome = await e.sync();
    expect(outcome).toMatchObject({ ok: true, version: 5, pagesApplied: 0 });
    expect((await store.readState()).list?.currentAsOf).toBe(new Date(pcNow).toISOString());
  });

  it('stops at the last page fully applied when storage fails, and resumes from there', async () => {
    const e = engine();
    await e.sync();
    for (const id of ['C-1', 'C-2', 'C-3', 'C-4']) feed.upsert(sampleEntry(id));
    let writes = 0;
    const apply = store.applyChanges.bind(store);
    store.applyChanges = async (c, n) => {
      if (++writes === 2) throw new Error('disk full');
      return apply(c, n);
    };
    const failed = await e.sync();
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/disk full/) } });
    expect(await version()).toBe(7);
    store.applyChanges = apply;
    expect(await e.sync()).toMatchObject({ ok: true, version: 9 });
    expect(await ids()).toContain('C-4');
  });
});

describe('refusals keep the held list screening', () => {
  beforeEach(async () => {
    await engine().sync();
    feed.upsert(sampleEntry('NEW-1'));
  });

  it('refuses a tampered page', async () => {
    serve('/v1/blocklist/changes', (p) => ({ ...p, payload: { ...p.payload, head: 99 } }));
    refused(await engine().sync(), 'bad-signature');
    expect(await version()).toBe(5);
    expect(failures).toEqual(['bad-signature']);
  });

  it('refuses a page with no signature', async () => {
    serve('/v1/blocklist/changes', ({ signature: _s, ...p }) => p);
    refused(await engine().sync(), 'malformed');
    expect(await version()).toBe(5);
  });

  it('refuses a page signed by a key the pinned key never announced', async () => {
    const stranger = createFakeKey();
    serve('/v1/blocklist/changes', (p) => signPage(p.payload as never, stranger, []));
    refused(await engine().sync(), 'unknown-key');
    expect(await version()).toBe(5);
  });

  it('refuses a rotation announced by a key other than the pinned one', async () => {
    const impostor = createFakeKey();
    const next = createFakeKey();
    const { announceKey } = await import('../sync/index.ts');
    serve('/v1/blocklist/changes', (p) => signPage(p.payload as never, next, [announceKey(next.publicKey, impostor, new Date())]));
    refused(await engine().sync(), 'unknown-key');
  });

  it('follows a rotation announced by the pinned key, and trusts the new key from then on', async () => {
    const rotated: string[] = [];
    const next = feed.rotate();
    const e = createSyncEngine({ store, http: feed.http, clock: { now: () => pcNow }, config: { serverKey: feed.firstKey.serverKey }, observer: { keyRotated: (_f, t) => void rotated.push(t) } });
    expect(await e.sync()).toMatchObject({ ok: true, version: 6 });
    expect(rotated).toEqual([next.keyId]);
    expect((await store.readState()).list?.trust.keyId).toBe(next.keyId);
    // The retired key no longer signs for this station.
    feed.key = feed.firstKey;
    feed.chain = [];
    feed.upsert(sampleEntry('NEW-2'));
    refused(await e.sync(), 'unknown-key');
  });

  it('refuses a service that went back to an older version (rollback)', async () => {
    serve('/v1/blocklist/changes', () => feed.sign({ kind: 'changes', since: 5, through: 5, head: 3, hasMore: false, changes: [], serverTime: new Date(pcNow).toISOString(), expiresAt: new Date(pcNow + 60_000).toISOString() }));
    refused(await engine().sync(), 'rollback');
    expect(await version()).toBe(5);
  });

  it('refuses a replayed page it already applied', async () => {
    const old = feed.changesPage(3, 2);
    serve('/v1/blocklist/changes', () => old);
    refused(await engine().sync(), 'replayed');
    expect(await version()).toBe(5);
  });

  it('refuses a page that skips a version', async () => {
    feed.upsert(sampleEntry('NEW-2'));
    serve('/v1/blocklist/changes', (p) => {
      const all = feed.changesPage(5, 2).payload as { changes: unknown[] };
      return feed.sign({ ...(p.payload as Record<string, unknown>), through: 7, changes: [all.changes[1]] } as never);
    });
    refused(await engine().sync(), 'version-gap');
    expect(await ids()).not.toContain('NEW-2');
  });

  it('refuses a page over the configured size without applying it', async () => {
    feed.upsert({ ...sampleEntry('BIG'), names: ['x'.repeat(5000)] });
    refused(await engine({ maxPageBytes: 4000 }).sync(), 'too-large');
    expect(await version()).toBe(5);
  });

  it('refuses an expired page and names the clock when it is far from the signed time', async () => {
    pcNow += 24 * 3_600_000;
    feed.now = () => pcNow - 24 * 3_600_000;
    const outcome = await engine().sync();
    refused(outcome, 'expired');
    if (!outcome.ok) expect(outcome.error.message).toMatch(/clock is 24\.0 h ahead/);
    expect(await version()).toBe(5);
  });

  it('accepts fresh pages with the PC clock a day behind, and reports the clock', async () => {
    const serviceTime = pcNow;
    feed.now = () => serviceTime;
    pcNow -= 24 * 3_600_000;
    const outcome = await engine().sync();
    expect(outcome).toMatchObject({ ok: true, version: 6 });
    if (outcome.ok) expect(outcome.freshness.clockSkewMs).toBeCloseTo(-24 * 3_600_000, -3);
  });

  it('refuses a store enrolled with another server key', async () => {
    const other = createFakeKey();
    const e = createSyncEngine({ store, http: feed.http, clock: { now: () => pcNow }, config: { serverKey: other.serverKey } });
    refused(await e.sync(), 'pinned-key-mismatch');
  });

  it('reports a revoked token as such', async () => {
    feed.intercept = () => ({ status: 401, body: '{"error":{"code":"unauthorized","message":"unauthorized"}}' });
    const outcome = await engine().sync();
    refused(outcome, 'unauthorized');
    if (!outcome.ok) expect(outcome.error.message).toMatch(/re-enrol/);
  });

  it('refuses a service that says it never had the held version', async () => {
    serve('/v1/blocklist/changes', () => ({}));
    feed.intercept = (path, res) => (path.startsWith('/v1/blocklist/changes') ? { status: 409, body: '{}' } : res);
    refused(await engine().sync(), 'rollback');
  });
});

describe('snapshots', () => {
  it('resumes an interrupted first snapshot at the page it stopped, and never screens half a list', async () => {
    let cut = true;
    feed.intercept = (path, res) => {
      if (cut && path.startsWith('/v1/blocklist/snapshot?page=1')) throw new TransportError('interrupted', 'the connection closed mid-body');
      return res;
    };
    const e = engine();
    refused(await e.sync(), 'interrupted');
    const mid = await store.readState();
    expect(mid.list).toBeNull();
    expect(mid.staging).toMatchObject({ nextPage: 1, version: 5 });
    expect(await ids()).toEqual([]);
    cut = false;
    feed.requests.length = 0;
    expect(await e.sync()).toMatchObject({ ok: true, version: 5 });
    expect(feed.requests[0]).toBe('/v1/blocklist/snapshot?page=1&version=5');
    expect(await ids()).toHaveLength(5);
  });

  it('refuses a snapshot whose entries do not match its signed digest, and drops what was staged', async () => {
    serve('/v1/blocklist/snapshot', (p) => feed.sign({ ...(p.payload as Record<string, unknown>), digest: 'f'.repeat(64) } as never));
    refused(await engine().sync(), 'digest-mismatch');
    expect((await store.readState()).staging).toBeNull();
    expect(await ids()).toEqual([]);
  });

  it('reconciles by digest and replaces a list that drifted with a full snapshot', async () => {
    const e = engine();
    await e.sync();
    // The station's copy drifts (say, a store bug): one entry lost without a version change.
    const state = (await store.readState()).list!;
    await store.applyChanges([{ op: 'delete', version: 5, id: 'A-2' }], { ...state, digest: null });
    const mismatches: number[] = [];
    const e2 = createSyncEngine({ store, http: feed.http, clock: { now: () => pcNow }, config: { serverKey: feed.firstKey.serverKey }, observer: { digestMismatch: (v) => void mismatches.push(v) } });
    expect(await e2.sync({ reconcile: 'now' })).toMatchObject({ ok: true, version: 5, snapshot: true, reconciled: true });
    expect(mismatches).toEqual([5]);
    expect(await ids()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });

  it('reconciles when due and records the match', async () => {
    const e = engine({ reconcileEveryMs: 1000 });
    await e.sync();
    pcNow += 2000;
    expect(await e.sync()).toMatchObject({ ok: true, reconciled: true, snapshot: false });
    expect((await store.readState()).list?.reconciledAt).toBe(pcNow);
  });
});

describe('air-gapped snapshot files', () => {
  it('imports a signed file exactly like a network snapshot', async () => {
    const e = createSyncEngine({ store, clock: { now: () => pcNow }, config: { serverKey: feed.firstKey.serverKey } });
    expect(await e.importSnapshotFile(feed.snapshotFile())).toMatchObject({ ok: true, version: 5 });
    expect((await store.readState()).list).toMatchObject({ version: 5, source: 'file' });
  });

  it('refuses a tampered file, a file from another key and an older file, keeping the held list', async () => {
    const e = createSyncEngine({ store, clock: { now: () => pcNow }, config: { serverKey: feed.firstKey.serverKey } });
    const older = feed.snapshotFile();
    feed.upsert(sampleEntry('Z-9'));
    await e.importSnapshotFile(feed.snapshotFile());
    const file = feed.snapshotFile() as { pages: SignedPage[] };
    const tampered = { ...file, pages: [{ ...file.pages[0]!, payload: { ...file.pages[0]!.payload, entryCount: 2 } }, ...file.pages.slice(1)] };
    refused(await e.importSnapshotFile(tampered), 'bad-signature');
    feed.key = createFakeKey();
    refused(await e.importSnapshotFile(feed.snapshotFile()), 'unknown-key');
    refused(await e.importSnapshotFile(older), 'rollback');
    refused(await e.importSnapshotFile({ format: 'something-else' }), 'malformed');
    expect(await version()).toBe(6);
    expect(await ids()).toContain('Z-9');
  });

  it("verifies a file's pages with the injected verifier, as network pages are, and still refuses a tampered one", async () => {
    const seen: string[] = [];
    const verifier = { verifyText: (text: string, key: string) => (seen.push(text), Promise.resolve(verifySignedPageText(text, key))) };
    const e = createSyncEngine({ store, verifier, clock: { now: () => pcNow }, config: { serverKey: feed.firstKey.serverKey } });
    const file = feed.snapshotFile() as { pages: SignedPage[] };
    const tampered = { ...file, pages: [{ ...file.pages[0]!, payload: { ...file.pages[0]!.payload, entryCount: 2 } }, ...file.pages.slice(1)] };
    refused(await e.importSnapshotFile(tampered), 'bad-signature');
    expect(await version()).toBeNull();
    expect(await e.importSnapshotFile(file)).toMatchObject({ ok: true, version: 5 });
    expect(seen.length).toBeGreaterThanOrEqual(file.pages.length);
  });
});
