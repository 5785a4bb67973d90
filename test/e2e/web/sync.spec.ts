// The station and the central service end to end, on loopback: an administrator enrols the station
// (a wrong server key is refused in words and the list held keeps screening), a case handler adds a
// block on the service's page, the station syncs, an envelope to that address is HOLD, and the hold
// reaches the service through the outbox, as does the supervisor's decision on it. The station runs
// on a harness of its own, since its enrolment lives in main's data folder.
import { test, expect, type Page } from '@playwright/test';
import { createTestStore, startTestService, type TestService, type TestStore } from '../../../server/test-support/test-service.ts';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { SignInPage } from '../pages/sign-in.ts';
import { ScanStationPage } from '../pages/scan-station.ts';

test.describe.configure({ mode: 'serial' });

let db: TestStore;
let server: TestService;
let harness: OwnHarness;
let device: { deviceId: string; token: string; serverKey: string };
let envelopes: Record<EnvelopeName, string>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createTestStore('pglite');
  server = await startTestService(db);
  expect((await server.admin('POST', '/v1/admin/handlers', { username: 'alice', displayName: 'Alice Adams', password: 'correct horse battery' })).status).toBe(201);
  device = await server.enrol('LEI');
  envelopes = await renderEnvelopes('unlistedBeech', 'blockedAcacia');
  // This spec carries on with the demo accounts after enrolling: the harness-only switch keeps demo
  // mode (leave-demo.spec.ts checks what a real enrolled station does).
  harness = await startOwnHarness(5213, { MAILROOM_HARNESS_KEEP_DEMO: '1' });
});

test.afterAll(async () => {
  await harness?.stop();
  await server?.close();
  await db?.dispose();
});

async function enrolStation(page: Page, serverKey: string): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.open(harness.url);
  await signIn.signIn('admin');
  await page.getByTestId('sync-server').fill(server.url);
  await page.getByTestId('sync-token').fill(device.token);
  await page.getByTestId('sync-server-key').fill(serverKey);
  await page.getByTestId('sync-enrol').click();
}

async function scanAsOfficer(page: Page, envelope: EnvelopeName): Promise<ScanStationPage> {
  const signIn = new SignInPage(page);
  await signIn.signOut();
  await signIn.signIn('officer');
  const station = new ScanStationPage(page);
  await station.ready();
  await station.scan(envelopes[envelope]);
  return station;
}

test('a server key the service does not sign with is refused in words, and the list held keeps screening', async ({ page }) => {
  const otherKey = Buffer.alloc(32, 3).toString('base64');
  await enrolStation(page, otherKey);
  await expect(page.getByTestId('sync-message')).toContainText("the service's pages are not signed by the server key given");
  await expect(page.getByTestId('sync-status')).toContainText('not enrolled');
  await expect(page.getByTestId('list-version')).toContainText('version 12');
  // The refusal is in the audit trail (the subject column shows its first 13 characters).
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'failed-check' }).filter({ hasText: 'sync-enrolmen' })).toHaveCount(1);

  const station = await scanAsOfficer(page, 'blockedAcacia');
  await expect(station.verdict()).toContainText('HOLD');
  await expect(page.getByText(/UPC-100231/)).toBeVisible();
});

test('a block added on the service page holds the letter at the enrolled station, re-checks one cleared earlier, and the holds and the decision reach the service', async ({ page, context }) => {
  test.setTimeout(180_000);
  const signIn = new SignInPage(page);
  await enrolStation(page, device.serverKey);
  await expect(page.getByTestId('sync-message')).toContainText(`Enrolled with ${server.url}`);
  await expect(page.getByTestId('sync-state')).toContainText('connected');
  await expect(page.getByTestId('sync-list-version')).toContainText('list version 0');
  await expect(page.getByTestId('sync-token')).toHaveValue('');

  // Before anyone blocks the address, a letter to it is CLEAR and goes out.
  const before = await scanAsOfficer(page, 'unlistedBeech');
  await expect(before.verdict()).toContainText('CLEAR');

  // The case handler, on the service's own page.
  const handler = await context.newPage();
  await handler.goto(`${server.url}/login`);
  await handler.getByTestId('login-username').fill('alice');
  await handler.getByTestId('login-password').fill('correct horse battery');
  await handler.getByTestId('login-submit').click();
  await handler.getByTestId('nav-new-block').click();
  await handler.getByTestId('block-id').fill('UPC-777001');
  await handler.getByTestId('block-names').fill('Tom Hughes');
  await handler.getByTestId('block-address-0-lines').fill('31 Beech Grove');
  await handler.getByTestId('block-address-0-town').fill('Harrogate');
  await handler.getByTestId('block-address-0-postcode').fill('HG2 0ET');
  await handler.getByTestId('block-requested-by').selectOption('victim');
  await handler.getByTestId('block-reason').fill('request from the victim');
  await handler.getByTestId('block-save').click();
  await expect(handler.getByTestId('flash')).toBeVisible();
  await handler.close();

  await signIn.signOut();
  await signIn.signIn('admin');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-message')).toContainText('Synced: list version 1');
  await expect(page.getByTestId('sync-list-version')).toContainText('list version 1');
  await expect(page.getByTestId('sync-age')).toContainText("by the service's time");
  await expect(page.getByTestId('list-version')).toContainText('version 1 (1 entries');
  await saveScreenshot(page, 'sync-status');

  // The letter cleared before the block is in the supervisor's queue, marked as already sent.
  await signIn.signOut();
  await signIn.signIn('supervisor');
  await page.getByRole('link', { name: 'Review desk' }).click();
  await expect(page.getByTestId('review-queue-item')).toHaveCount(1);
  await expect(page.getByText('1 already sent before a list update')).toBeVisible();
  // The supervisor decides on it: the decision goes upstream too (ids only, never the reason).
  await page.getByTestId('review-queue-item').first().getByRole('link').click();
  await page.getByTestId('decision-reason').fill('sent before the block: the case handler is told');
  await page.getByTestId('decision-reference').fill('CH-4410');
  await page.getByTestId('decision-confirm').click();
  await expect(page.getByTestId('review-queue-item')).toHaveCount(0);

  // Any user of an enrolled station may sync at once from the banner.
  await page.getByTestId('sync-now-banner').click();
  await expect(page.getByTestId('sync-state')).toContainText('connected');

  const after = await scanAsOfficer(page, 'unlistedBeech');
  await expect(after.verdict()).toContainText('HOLD');
  await expect(page.getByText(/UPC-777001/)).toBeVisible();

  // The outbox sends both holds upstream within its retry interval: the re-checked one marked as dispatched.
  const heldAtService = async () =>
    (await server.service.db.query<{ body: unknown }>("SELECT body FROM events WHERE device_id = $1 AND type = 'letter-held'", [device.deviceId]))
      .map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as { alreadyDispatched?: boolean })
      .sort((a, b) => Number(a.alreadyDispatched ?? false) - Number(b.alreadyDispatched ?? false));
  await expect
    .poll(heldAtService, { timeout: 60_000 })
    .toEqual([
      expect.objectContaining({ verdict: 'HOLD', entryIds: ['UPC-777001'], listVersion: 1 }),
      expect.objectContaining({ verdict: 'HOLD', entryIds: ['UPC-777001'], listVersion: 1, alreadyDispatched: true }),
    ]);
  const decisionsAtService = async () =>
    (await server.service.db.query<{ body: unknown }>("SELECT body FROM events WHERE device_id = $1 AND type = 'decision'", [device.deviceId])).map(
      (r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Record<string, unknown>,
    );
  await expect.poll(decisionsAtService, { timeout: 60_000 }).toEqual([expect.objectContaining({ type: 'decision', decision: 'referred', entryIds: ['UPC-777001'] })]);
  expect(JSON.stringify(await decisionsAtService())).not.toMatch(/case handler is told|CH-4410|Beech/);
});
