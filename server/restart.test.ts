import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySignedPage } from '../shared/sync/index.ts';
import { createTestStore, TEST_DATABASES, sampleEntry, startTestService, type TestStore } from './test-support/test-service.ts';

describe.each(TEST_DATABASES)('restart on %s', (database) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(database);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('loses nothing across a restart: entries, versions, proposals, devices, events, keys and the admin token', async () => {
    const first = await startTestService(store, { adminToken: null });
    expect(first.service.db.kind).toBe(database);
    const adminToken = first.service.generatedAdminToken!;
    expect(adminToken).toMatch(/^mra_/);
    const call = (url: string, method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect((await call(first.url, 'POST', '/v1/admin/entries', sampleEntry('R-1'))).status).toBe(201);
    expect((await call(first.url, 'POST', '/v1/admin/entries', sampleEntry('R-2'))).status).toBe(201);
    expect((await call(first.url, 'DELETE', '/v1/admin/entries/R-2')).status).toBe(202);
    const device = (await (await call(first.url, 'POST', '/v1/admin/devices', { site: 'LEI' })).json()) as { token: string; serverKey: string };
    await first.device(device.token, 'POST', '/v1/events', { events: [{ id: 'evt-restart-1', type: 'audit-head', at: '2026-11-28T10:00:00Z', seq: 1, hash: 'c'.repeat(64) }] });
    const before = (await (await first.device(device.token, 'GET', '/v1/blocklist/head')).json()) as { payload: { digest: string } };
    await first.close();

    const second = await startTestService(store, { adminToken: null });
    try {
      expect(second.service.generatedAdminToken).toBeNull();
      expect((await call(second.url, 'GET', '/v1/admin/entries/R-1')).status).toBe(200);
      expect(await second.service.blocks.headVersion()).toBe(2);
      expect(await second.service.blocks.proposals('pending')).toHaveLength(1);
      expect(await second.service.events.count()).toBe(1);
      const head = await (await second.device(device.token, 'GET', '/v1/blocklist/head')).json();
      const verified = verifySignedPage(head, device.serverKey);
      expect(verified.ok && verified.page.kind === 'head' && verified.page.digest).toBe(before.payload.digest);
      expect((await call(second.url, 'POST', '/v1/admin/entries', sampleEntry('R-3'))).status).toBe(201);
      expect(await second.service.blocks.headVersion()).toBe(3);
    } finally {
      await second.close();
    }
  });
});
