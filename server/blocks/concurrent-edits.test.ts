import { describe, expect, it } from 'vitest';
import { verifySignedPage, type ChangesPage } from '../../shared/sync/index.ts';
import { TEST_DATABASES, sampleEntry } from '../test-support/test-service.ts';
import { useTestService } from '../test-support/use-test-service.ts';

describe.each(TEST_DATABASES)('concurrent edits on %s', (database) => {
  const server = useTestService(database);

  it('lets exactly one of several simultaneous edits of one entry win; the others are told it changed', async () => {
    expect((await server.admin('POST', '/v1/admin/entries', sampleEntry('K-1'))).status).toBe(201);
    const editors = Array.from({ length: 6 }, (_, i) =>
      server.admin('PUT', '/v1/admin/entries/K-1', sampleEntry('K-1', { phones: ['07700 900123', `07700 90010${i}`] }), { 'if-match': '"1"' }),
    );
    const statuses = (await Promise.all(editors)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412]);
    const block = (await server.service.blocks.get('K-1'))!;
    expect(block.version).toBe(2);
    expect(block.entry.phones).toHaveLength(2);
  });

  it('gives simultaneous writers one version each, with no gaps and no lost change', async () => {
    const { token, serverKey } = await server.enrol();
    const adds = Array.from({ length: 10 }, (_, i) => server.admin('POST', '/v1/admin/entries', sampleEntry(`K-${i + 10}`)));
    const sameId = Array.from({ length: 4 }, () => server.admin('POST', '/v1/admin/entries', sampleEntry('K-dup')));
    const statuses = await Promise.all([...adds, ...sameId].map(async (r) => (await r).status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(11);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    const signed = await (await server.device(token, 'GET', '/v1/blocklist/changes?since=0')).json();
    const verified = verifySignedPage(signed, serverKey);
    if (!verified.ok) throw new Error(verified.error.message);
    const page = verified.page as ChangesPage;
    expect(page.changes.map((c) => c.version)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(page.head).toBe(11);
  });
});
