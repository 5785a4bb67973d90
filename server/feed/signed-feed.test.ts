import { describe, expect, it } from 'vitest';
import {
  digestEntries,
  snapshotFileSchema,
  verifySignedPage,
  type ChangesPage,
  type FeedEntry,
  type HeadPage,
  type SnapshotPage,
} from '../../shared/sync/index.ts';
import { FEED_PAGE_REUSE_MS } from './feed-pages.ts';
import { createTestStore, TEST_DATABASES, sampleEntry, startTestService, type TestService } from '../test-support/test-service.ts';
import { useTestService } from '../test-support/use-test-service.ts';

async function page<T>(server: TestService, token: string, serverKey: string, path: string): Promise<T> {
  const res = await server.device(token, 'GET', path);
  expect(res.status).toBe(200);
  const verified = verifySignedPage(await res.json(), serverKey, { now: new Date() });
  if (!verified.ok) throw new Error(`${verified.error.code}: ${verified.error.message}`);
  return verified.page as T;
}

describe.each(TEST_DATABASES)('the signed feed on %s', (database) => {
  const server = useTestService(database, { snapshotPageSize: 2 });

  it('serves changes pages that the shared verifier accepts, with contiguous versions, server time and expiry', async () => {
    const { token, serverKey } = await server.enrol();
    for (const id of ['B-2', 'B-1', 'B-3']) expect((await server.admin('POST', '/v1/admin/entries', sampleEntry(id))).status).toBe(201);
    await server.admin('DELETE', '/v1/admin/entries/B-2?override=true', undefined, { 'x-mailroom-reason': 'test' });

    const first = await page<ChangesPage>(server, token, serverKey, '/v1/blocklist/changes?since=0&limit=2');
    expect(first).toMatchObject({ kind: 'changes', since: 0, through: 2, head: 4, hasMore: true });
    expect(first.changes.map((c) => c.version)).toEqual([1, 2]);
    const rest = await page<ChangesPage>(server, token, serverKey, '/v1/blocklist/changes?since=2');
    expect(rest.changes).toEqual([
      { op: 'upsert', version: 3, entry: expect.objectContaining({ id: 'B-3' }) },
      { op: 'delete', version: 4, id: 'B-2' },
    ]);
    expect(rest.hasMore).toBe(false);
    const skew = Math.abs(Date.parse(rest.serverTime) - Date.now());
    expect(skew).toBeLessThan(5000);
    expect(Date.parse(rest.expiresAt)).toBeGreaterThan(Date.parse(rest.serverTime));

    const empty = await page<ChangesPage>(server, token, serverKey, '/v1/blocklist/changes?since=4');
    expect(empty).toMatchObject({ since: 4, through: 4, head: 4, hasMore: false, changes: [] });
    expect((await server.device(token, 'GET', '/v1/blocklist/changes?since=9')).status).toBe(409);
    const bad = await server.device(token, 'GET', '/v1/blocklist/changes?since=-1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('since');
  });

  it('serves the whole list as snapshot pages at one version, with the digest of the full contents', async () => {
    const { token, serverKey } = await server.enrol();
    for (const id of ['C-5', 'C-1', 'C-4', 'C-2', 'C-3']) await server.admin('POST', '/v1/admin/entries', sampleEntry(id));
    const first = await page<SnapshotPage>(server, token, serverKey, '/v1/blocklist/snapshot?page=0');
    expect(first).toMatchObject({ kind: 'snapshot', version: 5, page: 0, pageCount: 3, entryCount: 5 });

    // A change between pages must not mix versions: later pages are asked for at the first page's version.
    await server.admin('POST', '/v1/admin/entries', sampleEntry('C-0'));
    const entries: FeedEntry[] = [...first.entries];
    for (let k = 1; k < first.pageCount; k++) {
      const p = await page<SnapshotPage>(server, token, serverKey, `/v1/blocklist/snapshot?page=${k}&version=${first.version}`);
      expect(p.version).toBe(5);
      expect(p.digest).toBe(first.digest);
      entries.push(...p.entries);
    }
    expect(entries.map((e) => e.id)).toEqual(['C-1', 'C-2', 'C-3', 'C-4', 'C-5']);
    expect(digestEntries(entries)).toBe(first.digest);

    const head = await page<HeadPage>(server, token, serverKey, '/v1/blocklist/head');
    expect(head).toMatchObject({ kind: 'head', version: 6, entryCount: 6 });
    const now = await page<SnapshotPage>(server, token, serverKey, '/v1/blocklist/snapshot?page=0');
    expect(now.digest).toBe(head.digest);
    expect((await server.device(token, 'GET', '/v1/blocklist/snapshot?page=3&version=5')).status).toBe(404);
  });

  it('is refused by the verifier when tampered with, signed by another key, or expired', async () => {
    const { token, serverKey } = await server.enrol();
    await server.admin('POST', '/v1/admin/entries', sampleEntry('D-1'));
    const signed = (await (await server.device(token, 'GET', '/v1/blocklist/changes?since=0')).json()) as { payload: ChangesPage };
    expect(verifySignedPage(signed, serverKey).ok).toBe(true);

    const tampered = structuredClone(signed);
    (tampered.payload.changes[0] as { entry: FeedEntry }).entry.names = ['Someone Else'];
    expect(verifySignedPage(tampered, serverKey)).toMatchObject({ ok: false, error: { code: 'bad-signature' } });

    const otherStore = await createTestStore(database);
    const other = await startTestService(otherStore);
    try {
      const foreign = await other.enrol();
      expect(verifySignedPage(signed, foreign.serverKey)).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
    } finally {
      await other.close();
      await otherStore.dispose();
    }
    const later = new Date(Date.parse(signed.payload.expiresAt) + 1000);
    expect(verifySignedPage(signed, serverKey, { now: later })).toMatchObject({ ok: false, error: { code: 'expired' } });
  });

  it('announces a rotated key with the old one, so a device enrolled before still verifies', async () => {
    const before = await server.enrol();
    const rotated = (await (await server.admin('POST', '/v1/admin/keys/rotate')).json()) as { keyId: string; serverKey: string };
    await server.admin('POST', '/v1/admin/entries', sampleEntry('E-1'));
    const res = await server.device(before.token, 'GET', '/v1/blocklist/changes?since=0');
    const signed = (await res.json()) as { keyId: string; keyChain: unknown[] };
    expect(signed.keyId).toBe(rotated.keyId);
    expect(signed.keyChain).toHaveLength(1);
    const verified = verifySignedPage(signed, before.serverKey);
    expect(verified.ok && verified.trustedKeys.has(rotated.keyId)).toBe(true);
    // Without the announcement, the new key is a stranger to the old pin.
    expect(verifySignedPage({ ...signed, keyChain: [] }, before.serverKey)).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
    const after = await server.enrol();
    expect(after.serverKey).toBe(rotated.serverKey);
    expect(verifySignedPage(signed, after.serverKey).ok).toBe(true);
  });

  it('exports a signed snapshot file whose pages verify like network pages, valid for the days asked', async () => {
    const { serverKey } = await server.enrol();
    for (const id of ['F-1', 'F-2', 'F-3']) await server.admin('POST', '/v1/admin/entries', sampleEntry(id));
    const res = await server.admin('GET', '/v1/admin/snapshot-file?validDays=30');
    expect(res.status).toBe(200);
    const file = snapshotFileSchema.parse(await res.json());
    expect(file.pages).toHaveLength(2);
    const entries: FeedEntry[] = [];
    const digests = new Set<string>();
    for (const signed of file.pages) {
      const verified = verifySignedPage(signed, serverKey, { now: new Date(Date.now() + 29 * 86_400_000) });
      if (!verified.ok || verified.page.kind !== 'snapshot') throw new Error('snapshot page did not verify');
      entries.push(...verified.page.entries);
      digests.add(verified.page.digest);
    }
    expect([...digests]).toEqual([digestEntries(entries)]);
    expect(entries.map((e) => e.id)).toEqual(['F-1', 'F-2', 'F-3']);
  });
  it('answers the same question within a second with one signed page, a new version at once, and a fresh time after', async () => {
    const { token, serverKey } = await server.enrol();
    expect((await server.admin('POST', '/v1/admin/entries', sampleEntry('C-1'))).status).toBe(201);
    const texts = await Promise.all(Array.from({ length: 5 }, async () => (await server.device(token, 'GET', '/v1/blocklist/changes?since=1')).text()));
    expect(new Set(texts).size).toBe(1);
    const first = verifySignedPage(JSON.parse(texts[0]!), serverKey, { now: new Date() });
    expect(first.ok && first.page).toMatchObject({ kind: 'changes', since: 1, through: 1, head: 1 });

    expect((await server.admin('POST', '/v1/admin/entries', sampleEntry('C-2'))).status).toBe(201);
    expect(await page<ChangesPage>(server, token, serverKey, '/v1/blocklist/changes?since=1')).toMatchObject({ through: 2, head: 2, changes: [{ version: 2 }] });

    const before = await page<ChangesPage>(server, token, serverKey, '/v1/blocklist/changes?since=2');
    await new Promise((resolve) => setTimeout(resolve, FEED_PAGE_REUSE_MS + 50));
    const after = await page<ChangesPage>(server, token, serverKey, '/v1/blocklist/changes?since=2');
    expect(Date.parse(after.serverTime)).toBeGreaterThan(Date.parse(before.serverTime));
    expect(Date.now() - Date.parse(after.serverTime)).toBeLessThan(FEED_PAGE_REUSE_MS + 5000);
  });
});
