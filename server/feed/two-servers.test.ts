import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySignedPage, type ChangesPage } from '../../shared/sync/index.ts';
import { createTestStore, sampleEntry, startTestService, type TestService, type TestStore } from '../test-support/test-service.ts';

// Two servers behind one load balancer share one PostgreSQL database (PGlite is one process only).
describe.skipIf(!process.env.TEST_DATABASE_URL)('two servers on one PostgreSQL database', () => {
  let store: TestStore;
  let a: TestService;
  let b: TestService;
  beforeEach(async () => {
    store = await createTestStore('postgres');
    a = await startTestService(store);
    b = await startTestService(store);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await store.dispose();
  });

  it("serves one server's changes from the other within seconds, signed by the same key, and honours its revocations", async () => {
    const device = await a.enrol();
    expect((await a.admin('POST', '/v1/admin/entries', sampleEntry('M-1'))).status).toBe(201);
    expect((await b.admin('POST', '/v1/admin/entries', sampleEntry('M-1'))).status).toBe(409);

    let page: ChangesPage | null = null;
    for (let tries = 0; tries < 40 && !page?.changes.length; tries++) {
      const verified = verifySignedPage(await (await b.device(device.token, 'GET', '/v1/blocklist/changes?since=0')).json(), device.serverKey);
      if (!verified.ok) throw new Error(verified.error.message);
      page = verified.page as ChangesPage;
      if (!page.changes.length) await new Promise((r) => setTimeout(r, 250));
    }
    expect(page?.changes.map((c) => c.version)).toEqual([1]);

    expect((await a.admin('DELETE', `/v1/admin/devices/${device.deviceId}`)).status).toBe(204);
    let status = 200;
    for (let tries = 0; tries < 60 && status === 200; tries++) {
      status = (await b.device(device.token, 'GET', '/v1/blocklist/head')).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(401);
  });
});
