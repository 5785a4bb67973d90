// The enrolment and feed requests main serves to the renderer, over real HTTP on loopback to a feed
// signed with a real key (shared/sync-client's fake feed behind a token check, since electron/ may
// not import server/; the real service is exercised by the Playwright round trip): the token is
// checked, sealed and never handed back; bad addresses and keys are refused in words.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createFakeFeed } from '../../shared/sync-client/testing/fake-feed.ts';
import { ensureKeyFile, keyFileVault } from '../keys/vault.ts';
import { createDispatcher } from './dispatcher.ts';
import { fakeHandlers } from './fake-handlers.ts';
import { createSyncService, type SyncService } from './sync-service.ts';
import { createMainServices } from './main-services.ts';
import { loadDemoBlocklist } from './list-source.ts';
import type { StationKeys } from '../keys/station-keys.ts';

const limits = { maxBytes: 1024 * 1024, timeoutMs: 10_000 };
const feed = createFakeFeed();
const device = { token: 'mrd_station-token-0123456789abcdef', serverKey: feed.firstKey.serverKey };
let service: http.Server;
const server = { url: '' };
const seen: { method: string; path: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  service = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${device.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"unauthorized","message":"unknown token"}}');
      return;
    }
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[]}'));
      return;
    }
    void feed.http.get(req.url ?? '/', limits).then((r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body));
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(service.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => service.close(() => resolve()));
});

async function freshService(): Promise<{ sync: SyncService; dir: string; dispatch: ReturnType<typeof createDispatcher> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mailroom-sync-service-'));
  const vault = await keyFileVault(await ensureKeyFile(path.join(dir, 'vault.key')));
  const sync = createSyncService({ dir, vault });
  const dispatch = createDispatcher(
    fakeHandlers({ 'sync:enrol': (r) => sync.enrol(r), 'sync:enrolment': () => sync.enrolment(), 'sync:request': (r) => sync.request(r) }),
  );
  return { sync, dir, dispatch };
}

describe('the station enrolment main keeps', () => {
  it('enrols with a token the service accepts and a key its pages verify with, and never hands the token back', async () => {
    const { dispatch, dir } = await freshService();
    const enrolled = await dispatch('sync:enrol', { server: server.url, token: device.token, serverKey: device.serverKey });
    expect(enrolled).toMatchObject({ ok: true, value: { enrolled: true, mode: 'network', server: server.url, site: null, serverKey: device.serverKey } });
    expect(JSON.stringify(enrolled)).not.toContain(device.token);
    const view = await dispatch('sync:enrolment', {});
    expect(view).toMatchObject({ ok: true, value: { enrolled: true } });
    expect(JSON.stringify(view)).not.toContain(device.token);
    // On disk the token is sealed: no file in the folder holds it in the clear.
    for (const name of await readdir(dir)) expect(await readFile(path.join(dir, name), 'utf8')).not.toContain(device.token);

    // Requests go to the enrolled address with the token main holds.
    const head = await dispatch('sync:request', { method: 'GET', path: '/v1/blocklist/head', ...limits });
    expect(head).toMatchObject({ ok: true, value: { kind: 'response', status: 200 } });
    const posted = await dispatch('sync:request', { method: 'POST', path: '/v1/events', body: { events: [] }, ...limits });
    expect(posted).toMatchObject({ ok: true, value: { kind: 'response', status: 200 } });
    expect(seen.slice(-2).map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/v1/blocklist/head', `Bearer ${device.token}`],
      ['POST', '/v1/events', `Bearer ${device.token}`],
    ]);
  });

  it('refuses a server key the service does not sign with, and keeps nothing', async () => {
    const { dispatch } = await freshService();
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    const r = await dispatch('sync:enrol', { server: server.url, token: device.token, serverKey: otherKey });
    expect(r).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    if (!r.ok) expect(r.error.message).toMatch(/not signed by the server key given/);
    expect(await dispatch('sync:enrolment', {})).toEqual({ ok: true, value: { enrolled: false } });
  });

  it('refuses an enrolment whose server address or key was changed on disk: the token never goes elsewhere', async () => {
    for (const change of [{ server: 'http://127.0.0.1:9' }, { serverKey: Buffer.alloc(32, 7).toString('base64') }, { sealedPin: undefined }]) {
      const { sync, dispatch, dir } = await freshService();
      await sync.enrol({ server: server.url, token: device.token, serverKey: device.serverKey });
      const file = path.join(dir, 'sync-enrolment.json');
      const kept = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...kept, ...change }));
      const before = seen.length;
      await expect(sync.enrolment()).rejects.toThrow(/does not match its seal/);
      expect(await dispatch('sync:request', { method: 'GET', path: '/v1/blocklist/head', ...limits })).toMatchObject({ ok: false });
      expect(seen.length).toBe(before);
    }
  });

  it('refuses a token the service does not know', async () => {
    const { dispatch } = await freshService();
    const r = await dispatch('sync:enrol', { server: server.url, token: 'mrd_not-a-real-token-000', serverKey: device.serverKey });
    expect(r).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    if (!r.ok) expect(r.error.message).toMatch(/refused the token \(401\)/);
  });

  it('refuses plain http to another machine, other schemes, credentials and paths in the address', async () => {
    const { dispatch } = await freshService();
    for (const address of ['http://blocklist.example.org', 'ftp://127.0.0.1/', 'https://user:pw@blocklist.example.org', 'https://blocklist.example.org/feed', 'not a url']) {
      const r = await dispatch('sync:enrol', { server: address, token: device.token, serverKey: device.serverKey });
      expect(r, address).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
      if (!r.ok) expect(r.error.message, address).toMatch(/server address is refused/);
    }
  });

  it('says clearly that an unenrolled station cannot sync', async () => {
    const { dispatch } = await freshService();
    const r = await dispatch('sync:request', { method: 'GET', path: '/v1/blocklist/head', ...limits });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (!r.ok) expect(r.error.message).toMatch(/not enrolled/);
  });

  it('lets the renderer reach only /v1/ paths on the enrolled service', async () => {
    const { dispatch } = await freshService();
    for (const p of ['http://evil.example/v1/x', '//evil.example/v1/x', '/v1/../admin', '/admin/devices', '/v1//x']) {
      const r = await dispatch('sync:request', { method: 'GET', path: p, ...limits });
      expect(r, p).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('refuses to enrol against an address where nothing answers, in words', async () => {
    const { sync } = await freshService();
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(sync.enrol({ server: `http://127.0.0.1:${port}`, token: device.token, serverKey: device.serverKey })).rejects.toThrow(/could not be reached/);
    expect(await sync.enrolment()).toEqual({ enrolled: false });
  });
});

describe('leaving demo mode on enrolment', () => {
  /** Main's services as the shell builds them, over a real enrolment; counts the demo list's loads. */
  function mainServicesOver(sync: SyncService, shell: 'electron' | 'web-harness', extra: { keepDemoModeAfterEnrolment?: boolean; plaintextRecordsControl?: boolean } = {}) {
    const loads = { demo: 0 };
    const dispatch = createDispatcher(
      createMainServices({
        shell,
        version: '1',
        loadList: () => {
          loads.demo += 1;
          return loadDemoBlocklist();
        },
        ocr: () => Promise.reject(new Error('no OCR in this test')),
        keys: { station: 'ST-LEAVE' } as StationKeys,
        sync,
        ...extra,
      }),
    );
    return { dispatch, loads };
  }

  it('is in demo mode with the demo list until enrolled, then leaves it and never hands out the demo list again', async () => {
    const { sync, dir } = await freshService();
    const { dispatch, loads } = mainServicesOver(sync, 'electron');
    expect(await dispatch('app:info', {})).toMatchObject({ ok: true, value: { demoMode: true } });
    const before = await dispatch('blocklist:current', {});
    expect(before).toMatchObject({ ok: true, value: { source: 'demo', list: { version: 12 } } });

    await sync.enrol({ server: server.url, token: device.token, serverKey: device.serverKey });
    expect(await dispatch('app:info', {})).toMatchObject({ ok: true, value: { demoMode: false, testSwitches: { plaintextRecordsControl: false } } });
    expect(await dispatch('blocklist:current', {})).toEqual({ ok: true, value: { source: 'service', list: null } });
    const loadsAfterEnrolment = loads.demo;
    // A restart of main (new services over the same enrolment folder) stays out of demo mode without loading the demo list.
    const restarted = mainServicesOver(createSyncService({ dir, vault: null }), 'electron');
    expect(await restarted.dispatch('app:info', {})).toMatchObject({ ok: true, value: { demoMode: false } });
    expect(await restarted.dispatch('blocklist:current', {})).toEqual({ ok: true, value: { source: 'service', list: null } });
    expect(restarted.loads.demo).toBe(0);
    expect(loads.demo).toBe(loadsAfterEnrolment);
  });

  it('keeps demo mode after enrolment only in the web harness and only when asked (end-to-end tests)', async () => {
    const { sync } = await freshService();
    await sync.enrol({ server: server.url, token: device.token, serverKey: device.serverKey });
    const harness = mainServicesOver(sync, 'web-harness', { keepDemoModeAfterEnrolment: true, plaintextRecordsControl: true });
    expect(await harness.dispatch('app:info', {})).toMatchObject({ ok: true, value: { demoMode: true, testSwitches: { plaintextRecordsControl: true } } });
    expect(await harness.dispatch('blocklist:current', {})).toMatchObject({ ok: true, value: { source: 'demo' } });
    // The Electron shell ignores the switch; a harness not asked for it leaves demo mode, positive control off.
    expect(await mainServicesOver(sync, 'electron', { keepDemoModeAfterEnrolment: true }).dispatch('app:info', {})).toMatchObject({ ok: true, value: { demoMode: false } });
    expect(await mainServicesOver(sync, 'web-harness', { plaintextRecordsControl: true }).dispatch('app:info', {})).toMatchObject({
      ok: true,
      value: { demoMode: false, testSwitches: { plaintextRecordsControl: false } },
    });
  });
});

describe('an air-gapped enrolment (server key and site, no address, no token)', () => {
  const fileEnrolment = { mode: 'file' as const, serverKey: device.serverKey, site: 'LEI' };

  it('pins the key and site, keeps no token and asks the network for nothing', async () => {
    const { dispatch, dir } = await freshService();
    const before = seen.length;
    const enrolled = await dispatch('sync:enrol', fileEnrolment);
    expect(enrolled).toEqual({ ok: true, value: { enrolled: true, mode: 'file', server: null, site: 'LEI', serverKey: device.serverKey, keyId: feed.firstKey.keyId, enrolledAt: expect.any(String) } });
    expect(await dispatch('sync:enrolment', {})).toMatchObject({ ok: true, value: { enrolled: true, mode: 'file', site: 'LEI' } });
    const kept = JSON.parse(await readFile(path.join(dir, 'sync-enrolment.json'), 'utf8')) as Record<string, unknown>;
    expect(kept).not.toHaveProperty('sealedToken');
    expect(kept).toHaveProperty('sealedPin');
    const r = await dispatch('sync:request', { method: 'GET', path: '/v1/blocklist/head', ...limits });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (!r.ok) expect(r.error.message).toMatch(/air-gapped.*signed snapshot file/);
    expect(seen.length).toBe(before);
  });

  it('refuses a key that is not a 32-byte public key, and a missing site, keeping nothing', async () => {
    const { dispatch } = await freshService();
    for (const serverKey of ['not-a-key', Buffer.alloc(31, 7).toString('base64')]) {
      const r = await dispatch('sync:enrol', { ...fileEnrolment, serverKey });
      expect(r, serverKey).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
      if (!r.ok) expect(r.error.message).toMatch(/server key is refused/);
    }
    expect(await dispatch('sync:enrol', { ...fileEnrolment, site: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    // A file enrolment carries no address or token, and a network one needs both.
    expect(await dispatch('sync:enrol', { ...fileEnrolment, token: device.token })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await dispatch('sync:enrol', { serverKey: device.serverKey })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await dispatch('sync:enrolment', {})).toEqual({ ok: true, value: { enrolled: false } });
  });

  it('ends demo mode like a network enrolment, and a restart stays out of it', async () => {
    const { sync, dir } = await freshService();
    const services = (s: SyncService) =>
      createDispatcher(createMainServices({ shell: 'electron', version: '1', loadList: loadDemoBlocklist, ocr: () => Promise.reject(new Error('no OCR')), keys: { station: 'ST-AIR' } as StationKeys, sync: s }));
    expect(await services(sync)('app:info', {})).toMatchObject({ ok: true, value: { demoMode: true } });
    await sync.enrol(fileEnrolment);
    expect(await services(sync)('app:info', {})).toMatchObject({ ok: true, value: { demoMode: false } });
    expect(await services(sync)('blocklist:current', {})).toEqual({ ok: true, value: { source: 'service', list: null } });

    const vault = await keyFileVault(await ensureKeyFile(path.join(dir, 'vault.key')));
    const restarted = createSyncService({ dir, vault });
    expect(await restarted.enrolment()).toMatchObject({ enrolled: true, mode: 'file', serverKey: device.serverKey, site: 'LEI' });
    expect(await services(restarted)('app:info', {})).toMatchObject({ ok: true, value: { demoMode: false } });
    expect(await services(restarted)('blocklist:current', {})).toEqual({ ok: true, value: { source: 'service', list: null } });
  });

  it('refuses a pinned key swapped on disk, and stays out of demo mode', async () => {
    const { sync, dir } = await freshService();
    await sync.enrol(fileEnrolment);
    const file = path.join(dir, 'sync-enrolment.json');
    const kept = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...kept, serverKey: Buffer.alloc(32, 7).toString('base64') }));
    await expect(sync.enrolment()).rejects.toThrow(/does not match its seal/);
    const dispatch = createDispatcher(createMainServices({ shell: 'electron', version: '1', loadList: loadDemoBlocklist, ocr: () => Promise.reject(new Error('no OCR')), keys: { station: 'ST-AIR' } as StationKeys, sync }));
    expect(await dispatch('app:info', {})).toMatchObject({ ok: true, value: { demoMode: false } });
    expect(await dispatch('blocklist:current', {})).toEqual({ ok: true, value: { source: 'service', list: null } });
  });
});
