// The sync client against the real service on loopback, with a fault proxy in front of it for what
// the service will not do on its own. Every fault ends with the station's list unchanged, or moved
// to exactly the service's list, never half a page, and with an error that says what happened.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, sampleEntry, startTestService, type TestService, type TestStore } from '../../server/test-support/test-service.ts';
import { createSyncEngine, type SyncOutcome } from '../../shared/sync-client/index.ts';
import { createFakeKey } from '../../shared/sync-client/testing/fake-feed.ts';
import { signPage, type SignedPage, type UnsignedPayload } from '../../shared/sync/index.ts';
import { openFolderStore } from '../../electron/sync/folder-store.ts';
import { createHttpFeed } from '../../electron/sync/http-feed.ts';
import { cutMidBody, hang, passThrough, pour, send, startFaultProxy, type Fault, type FaultProxy } from './support/fault-proxy.ts';

let db: TestStore;
let server: TestService;
let proxy: FaultProxy;
let storeDir: string;
let device: { deviceId: string; token: string; serverKey: string };

const env = { MAILROOM_STORE_KEY: Buffer.alloc(32, 3).toString('base64') } as NodeJS.ProcessEnv;

async function client(options: { clockOffsetMs?: number; timeoutMs?: number; maxPageBytes?: number; token?: string } = {}) {
  const store = (await openFolderStore(storeDir, { create: true, env }))!;
  return createSyncEngine({
    store,
    http: createHttpFeed({ server: proxy.url, token: options.token ?? device.token }),
    clock: { now: () => Date.now() + (options.clockOffsetMs ?? 0) },
    config: {
      serverKey: device.serverKey,
      changesPerPage: 2,
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.maxPageBytes ? { maxPageBytes: options.maxPageBytes } : {}),
    },
  });
}

/** What the station holds, read afresh from disk. */
async function held(): Promise<{ version: number | null; ids: string[]; staging: number | null }> {
  const store = (await openFolderStore(storeDir, { create: false, env }))!;
  const state = await store.readState();
  return { version: state.list?.version ?? null, ids: (await store.readEntries()).map((e) => e.id).sort(), staging: state.staging?.nextPage ?? null };
}

async function addEntry(id: string): Promise<void> {
  const res = await server.admin('POST', '/v1/admin/entries', sampleEntry(id));
  expect(res.status).toBe(201);
}

function expectRefused(outcome: SyncOutcome, code: string, words: RegExp): void {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(false);
  if (!outcome.ok) {
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.message).toMatch(words);
  }
}

/** Answers `prefix` requests with a page built from the real one; other requests pass through. */
function rewrite(prefix: string, change: (page: SignedPage) => unknown): Fault {
  return async (req, forward, res) => {
    const upstream = await forward();
    if (!req.path.startsWith(prefix) || upstream.status !== 200) return send(res, upstream);
    send(res, { status: 200, body: JSON.stringify(change(JSON.parse(upstream.body) as SignedPage)) });
  };
}

/** Re-signs a payload with the service's own current key: what a service bug or a stolen key could send. */
const signedByService = (payload: Record<string, unknown>): SignedPage =>
  signPage(payload as unknown as UnsignedPayload, server.service.keys.current(), server.service.keys.chain());

beforeEach(async () => {
  db = await createTestStore('pglite');
  server = await startTestService(db, { snapshotPageSize: 2 });
  proxy = await startFaultProxy(server.url);
  storeDir = path.join(await mkdtemp(path.join(tmpdir(), 'mailroom-faults-')), 'store');
  device = await server.enrol('LEI');
  for (const id of ['UPC-1', 'UPC-2', 'UPC-3']) await addEntry(id);
});

afterEach(async () => {
  await proxy.close();
  await server.close();
  await db.dispose();
});

describe('transport faults', () => {
  beforeEach(async () => {
    expect(await (await client()).sync()).toMatchObject({ ok: true, version: 3 });
    await addEntry('UPC-4');
  });

  it('keeps the list when the service is down, then catches up when it is back', async () => {
    const url = proxy.url;
    await proxy.close();
    const down = createSyncEngine({
      store: (await openFolderStore(storeDir, { create: true, env }))!,
      http: createHttpFeed({ server: url, token: device.token }),
      clock: { now: () => Date.now() },
      config: { serverKey: device.serverKey },
    });
    expectRefused(await down.sync(), 'unreachable', /could not be reached/);
    expect(await held()).toMatchObject({ version: 3, ids: ['UPC-1', 'UPC-2', 'UPC-3'] });
    proxy = await startFaultProxy(server.url);
    expect(await (await client()).sync()).toMatchObject({ ok: true, version: 4 });
  });

  it('gives up on a service slower than the deadline, keeping the list', async () => {
    proxy.fault = hang;
    expectRefused(await (await client({ timeoutMs: 300 })).sync(), 'timeout', /within 300 ms/);
    expect(await held()).toMatchObject({ version: 3 });
  });

  it('keeps the list when the service answers 500', async () => {
    proxy.fault = async (_req, _forward, res) => send(res, { status: 500, body: '{"error":{"code":"internal","message":"internal error"}}' });
    expectRefused(await (await client()).sync(), 'server-error', /failed \(500\)/);
    expect(await held()).toMatchObject({ version: 3 });
  });

  it('keeps the list when the connection closes mid-body, then applies the page whole', async () => {
    proxy.fault = cutMidBody;
    expectRefused(await (await client()).sync(), 'interrupted', /closed part-way/);
    expect(await held()).toMatchObject({ version: 3, ids: ['UPC-1', 'UPC-2', 'UPC-3'] });
    proxy.fault = passThrough;
    expect(await (await client()).sync()).toMatchObject({ ok: true, version: 4 });
    expect((await held()).ids).toEqual(['UPC-1', 'UPC-2', 'UPC-3', 'UPC-4']);
  });

  it('refuses a 50 MB page without reading it, keeping the list', async () => {
    proxy.fault = async (req, forward, res) => (req.path.startsWith('/v1/blocklist/changes') ? pour(proxy, 50 * 1024 * 1024)(req, forward, res) : passThrough(req, forward, res));
    expectRefused(await (await client()).sync(), 'too-large', /over the 16777216 byte limit/);
    expect(proxy.poured).toBeLessThan(40 * 1024 * 1024);
    expect(await held()).toMatchObject({ version: 3 });
  });

  it('reports a revoked token and keeps the list', async () => {
    expect((await server.admin('POST', `/v1/admin/devices/${device.deviceId}/revoke`, {}, { 'x-mailroom-reason': 'test' })).status).toBe(204);
    expectRefused(await (await client()).sync(), 'unauthorized', /revoked or never enrolled/);
    expect(await held()).toMatchObject({ version: 3 });
  });
});

describe('pages the station must refuse', () => {
  beforeEach(async () => {
    expect(await (await client()).sync()).toMatchObject({ ok: true, version: 3 });
    await addEntry('UPC-4');
  });

  it('refuses a tampered page', async () => {
    proxy.fault = rewrite('/v1/blocklist/changes', (p) => ({ ...p, payload: { ...p.payload, changes: [] , through: 3, hasMore: true } }));
    expectRefused(await (await client()).sync(), 'bad-signature', /does not verify/);
    expect(await held()).toMatchObject({ version: 3, ids: ['UPC-1', 'UPC-2', 'UPC-3'] });
  });

  it('refuses a page signed with another key', async () => {
    const other = createFakeKey();
    proxy.fault = rewrite('/v1/blocklist/changes', (p) => signPage(p.payload as unknown as UnsignedPayload, other, []));
    expectRefused(await (await client()).sync(), 'unknown-key', /neither pinned nor announced/);
    expect(await held()).toMatchObject({ version: 3 });
  });

  it('refuses replayed older pages: an old changes page, and an old head during reconciliation', async () => {
    // Genuine pages the service signed while the list was at version 4, replayed once the station holds 5.
    const oldChanges = await (await server.device(device.token, 'GET', '/v1/blocklist/changes?since=3&limit=2')).text();
    const oldHead = await (await server.device(device.token, 'GET', '/v1/blocklist/head')).text();
    await server.admin('DELETE', '/v1/admin/entries/UPC-4?override=true', undefined, { 'x-mailroom-reason': 'test' });
    expect(await (await client()).sync()).toMatchObject({ ok: true, version: 5 });
    proxy.fault = async (req, forward, res) => send(res, req.path.startsWith('/v1/blocklist/changes') ? { status: 200, body: oldChanges } : await forward());
    expectRefused(await (await client()).sync(), 'replayed', /versions 4–4, already applied/);
    proxy.fault = async (req, forward, res) => send(res, req.path.startsWith('/v1/blocklist/head') ? { status: 200, body: oldHead } : await forward());
    expectRefused(await (await client()).sync({ reconcile: 'now' }), 'rollback', /head: version 4 is lower than the held version 5/);
    expect(await held()).toMatchObject({ version: 5, ids: ['UPC-1', 'UPC-2', 'UPC-3'] });
  });

  it('refuses the same page twice, having applied it once', async () => {
    let last = '';
    proxy.fault = async (req, forward, res) => {
      const upstream = await forward();
      if (req.path.startsWith('/v1/blocklist/changes')) last = upstream.body;
      send(res, upstream);
    };
    expect(await (await client()).sync()).toMatchObject({ ok: true, version: 4 });
    await addEntry('UPC-5');
    proxy.fault = async (req, forward, res) => send(res, req.path.startsWith('/v1/blocklist/changes') ? { status: 200, body: last } : await forward());
    expectRefused(await (await client()).sync(), 'replayed', /already applied/);
    expect(await held()).toMatchObject({ version: 4, ids: ['UPC-1', 'UPC-2', 'UPC-3', 'UPC-4'] });
  });

  it('refuses a page that skips a version, even signed by the service', async () => {
    await addEntry('UPC-5');
    proxy.fault = rewrite('/v1/blocklist/changes', (p) => {
      const payload = p.payload as { changes: unknown[] };
      return signedByService({ ...p.payload, changes: payload.changes.slice(1) });
    });
    expectRefused(await (await client()).sync(), 'version-gap', /expected version 4, found 5/);
    expect(await held()).toMatchObject({ version: 3 });
  });

  it('refuses an expired page, even signed by the service', async () => {
    const hour = 3_600_000;
    proxy.fault = rewrite('/v1/blocklist/changes', (p) =>
      signedByService({ ...p.payload, serverTime: new Date(Date.now() - 2 * hour).toISOString(), expiresAt: new Date(Date.now() - hour).toISOString() }),
    );
    expectRefused(await (await client()).sync(), 'expired', /expired at/);
    expect(await held()).toMatchObject({ version: 3 });
  });

  it('refuses pages as expired with the PC clock a day ahead, and says the clock is wrong', async () => {
    const outcome = await (await client({ clockOffsetMs: 24 * 3_600_000 })).sync();
    expectRefused(outcome, 'expired', /clock is 24\.0 h ahead/);
    expect(await held()).toMatchObject({ version: 3 });
  });

  it('syncs with the PC clock a day behind, and reports the clock', async () => {
    const outcome = await (await client({ clockOffsetMs: -24 * 3_600_000 })).sync();
    expect(outcome).toMatchObject({ ok: true, version: 4 });
    if (outcome.ok) {
      expect(outcome.freshness.clockSkewMs).toBeLessThan(-23 * 3_600_000);
      expect(outcome.freshness.message).toMatch(/24\.0 h behind/);
    }
  });
});

describe('first sync faults', () => {
  it('resumes a snapshot cut mid-page where it stopped, and lands exactly the service list', async () => {
    let cut = true;
    proxy.fault = async (req, forward, res) => (cut && req.path.startsWith('/v1/blocklist/snapshot?page=1') ? cutMidBody(req, forward, res) : passThrough(req, forward, res));
    expectRefused(await (await client()).sync(), 'interrupted', /closed part-way/);
    expect(await held()).toEqual({ version: null, ids: [], staging: 1 });
    cut = false;
    expect(await (await client()).sync({ reconcile: 'now' })).toMatchObject({ ok: true, version: 3, reconciled: true });
    expect(await held()).toEqual({ version: 3, ids: ['UPC-1', 'UPC-2', 'UPC-3'], staging: null });
  });

  it('refuses a snapshot page signed with another key and drops what was staged', async () => {
    const other = createFakeKey();
    proxy.fault = rewrite('/v1/blocklist/snapshot?page=1', (p) => signPage(p.payload as unknown as UnsignedPayload, other, []));
    expectRefused(await (await client()).sync(), 'unknown-key', /neither pinned nor announced/);
    expect(await held()).toEqual({ version: null, ids: [], staging: null });
  });

  it('follows a key rotation the service announces with the pinned key', async () => {
    await (await client()).sync();
    await server.admin('POST', '/v1/admin/keys/rotate', {});
    await addEntry('UPC-4');
    expect(await (await client()).sync()).toMatchObject({ ok: true, version: 4 });
    const store = (await openFolderStore(storeDir, { create: false, env }))!;
    expect((await store.readState()).list?.trust.keyId).toBe(server.service.keys.current().keyId);
  });
});
