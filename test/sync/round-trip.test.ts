// The whole round trip: a case handler adds a block on the service's page, a station syncs, a
// letter to that address is HELD (and one screened CLEAR yesterday is caught by the re-check), and
// the holds reach the service through the outbox, once each.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestService } from '../../server/test-support/test-service.ts';
import { buildEngine } from '../../shared/screening/engine.ts';
import {
  createMemoryOutbox,
  createOutbox,
  createSyncEngine,
  recheckLetters,
  screenWithFreshness,
  type ListChange,
  type ScreenedLetter,
} from '../../shared/sync-client/index.ts';
import { openFolderStore } from '../../electron/sync/folder-store.ts';
import { createHttpFeed } from '../../electron/sync/http-feed.ts';
import { loadStoreList } from '../../electron/sync/store-list.ts';
// Plain Node, no Playwright: the same service and case handler the sync end-to-end specs use.
import { addBlockOnServicePage, startSyncService, type SyncService } from '../e2e/support/sync-service.ts';

let service: SyncService;
let server: TestService;

beforeEach(async () => {
  service = await startSyncService({ caseHandler: true });
  server = service.server;
});

afterEach(async () => {
  await service.stop();
});

describe('the round trip', () => {
  it('a block added on the page holds a letter at a synced station, and the hold reaches the service', async () => {
    const device = await server.enrol('LEI');
    const env = { MAILROOM_STORE_KEY: Buffer.alloc(32, 5).toString('base64') } as NodeJS.ProcessEnv;
    const storeDir = path.join(await mkdtemp(path.join(tmpdir(), 'mailroom-roundtrip-')), 'store');
    const store = (await openFolderStore(storeDir, { create: true, env }))!;
    const http = createHttpFeed({ server: server.url, token: device.token });
    const changes: ListChange[] = [];
    const engine = createSyncEngine({ store, http, clock: { now: () => Date.now() }, config: { serverKey: device.serverKey }, observer: { listChanged: (c) => void changes.push(c) } });
    expect(await engine.sync()).toMatchObject({ ok: true, version: 0 });

    // Yesterday the station cleared a letter to an address that nobody had blocked yet.
    const text = 'Mrs Mary Victimson\nFlat 9\n3 Orchard Lane\nYork\nYO1 7HH';
    const yesterday: ScreenedLetter = { letterId: 'L-100', text, verdict: 'CLEAR', screenedAt: new Date(Date.now() - 20 * 3_600_000).toISOString() };

    await addBlockOnServicePage(server.url, { id: 'UPC-555001', names: 'Mary Victimson', lines: 'Flat 9\n3 Orchard Lane', town: 'York', postcode: 'YO1 7HH' });

    expect(await engine.sync()).toMatchObject({ ok: true, version: 1 });
    const { list, freshness } = await loadStoreList(storeDir, { env });
    const result = screenWithFreshness(buildEngine(list), freshness, { text, sender: 'A1234BC' });
    expect(result.verdict).toBe('HOLD');
    expect(result.matches.map((m) => m.entryId)).toEqual(['UPC-555001']);

    const findings = recheckLetters(changes[changes.length - 1]!, [yesterday], buildEngine, new Date());
    expect(findings).toMatchObject([{ letterId: 'L-100', verdict: 'HOLD', event: { alreadyDispatched: true, listVersion: 1 } }]);

    const outbox = createOutbox({ store: createMemoryOutbox(), http, clock: { now: () => Date.now() } });
    const now = new Date().toISOString();
    await outbox.enqueue([
      { type: 'letter-held', at: now, letterId: 'L-101', verdict: 'HOLD', entryIds: ['UPC-555001'], sender: 'A1234BC', listVersion: 1 },
      ...findings.map((f) => f.event),
    ]);
    expect(await outbox.flush()).toEqual({ sent: 2, pending: 0, error: null });
    expect(await server.service.events.count(device.deviceId)).toBe(2);
    // The same holds raised again (an app restart replaying its queue) are stored once.
    await outbox.enqueue([{ type: 'letter-held', at: now, letterId: 'L-101', verdict: 'HOLD', entryIds: ['UPC-555001'], sender: 'A1234BC', listVersion: 1 }]);
    expect(await outbox.flush()).toMatchObject({ sent: 1, pending: 0 });
    expect(await server.service.events.count(device.deviceId)).toBe(2);
  });
});
