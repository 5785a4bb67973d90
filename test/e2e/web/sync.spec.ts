// The station and the central service end to end, on loopback: an administrator enrols the station
// (a wrong server key is refused in words and the list held keeps screening), a case handler adds a
// block on the service's page, the station syncs, an envelope to that address is HOLD, and the hold
// reaches the service through the outbox, as does the supervisor's decision on it. The station runs
// on a harness of its own, since its enrolment lives in main's data folder.
import { test, expect, type Page } from '@playwright/test';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { CASE_HANDLER, startSyncService, type SyncService } from '../support/sync-service.ts';
import { SignInPage } from '../pages/sign-in.ts';
import { ScanStationPage } from '../pages/scan-station.ts';
import { SyncPanel } from '../pages/sync-panel.ts';

test.describe.configure({ mode: 'serial' });

let service: SyncService;
let harness: OwnHarness;
let device: { deviceId: string; token: string; serverKey: string };
let envelopes: Record<EnvelopeName, string>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  service = await startSyncService({ caseHandler: true });
  device = await service.server.enrol('LEI');
  envelopes = await renderEnvelopes('unlistedBeech', 'blockedAcacia');
  // This spec carries on with the demo accounts after enrolling: the harness-only switch keeps demo
  // mode (leave-demo.spec.ts checks what a real enrolled station does).
  harness = await startOwnHarness(5213, { MAILROOM_HARNESS_KEEP_DEMO: '1' });
});

test.afterAll(async () => {
  await harness?.stop();
  await service?.stop();
});

/** The demo administrator enrols the station with this spec's device token and the key given. */
async function enrolStation(page: Page, serverKey: string): Promise<SyncPanel> {
  const signIn = new SignInPage(page);
  await signIn.open(harness.url);
  await signIn.signIn('admin');
  const sync = new SyncPanel(page);
  await sync.enrol(service.server.url, device.token, serverKey);
  return sync;
}

test('a server key the service does not sign with is refused in words, and the list held keeps screening', async ({ page }) => {
  const otherKey = Buffer.alloc(32, 3).toString('base64');
  const sync = await enrolStation(page, otherKey);
  await expect(sync.message()).toContainText("the service's pages are not signed by the server key given");
  await expect(page.getByTestId('sync-status')).toContainText('not enrolled');
  await expect(page.getByTestId('list-version')).toContainText('version 12');
  // The refusal is in the audit trail (the subject column shows its first 13 characters).
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'failed-check' }).filter({ hasText: 'sync-enrolmen' })).toHaveCount(1);

  const station = new ScanStationPage(page);
  await station.scanAsOfficer(envelopes.blockedAcacia);
  await expect(station.verdict()).toContainText('HOLD');
  await expect(page.getByText(/UPC-100231/)).toBeVisible();
});

test('a block added on the service page holds the letter at the enrolled station, re-checks one cleared earlier, and the holds and the decision reach the service', async ({ page, context }) => {
  test.setTimeout(180_000);
  const { server } = service;
  const signIn = new SignInPage(page);
  const sync = await enrolStation(page, device.serverKey);
  await expect(sync.message()).toContainText(`Enrolled with ${server.url}`);
  await expect(sync.state()).toContainText('connected');
  await expect(sync.syncedVersion()).toContainText('list version 0');
  await expect(page.getByTestId('sync-token')).toHaveValue('');

  // Before anyone blocks the address, a letter to it is CLEAR and goes out.
  const station = new ScanStationPage(page);
  await station.scanAsOfficer(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('CLEAR');

  // The case handler, on the service's own page.
  const handler = await context.newPage();
  await handler.goto(`${server.url}/login`);
  await handler.getByTestId('login-username').fill(CASE_HANDLER.username);
  await handler.getByTestId('login-password').fill(CASE_HANDLER.password);
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
  await expect(sync.message()).toContainText('Synced: list version 1');
  await expect(sync.syncedVersion()).toContainText('list version 1');
  await expect(sync.age()).toContainText("by the service's time");
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
  await expect(sync.state()).toContainText('connected');

  await station.scanAsOfficer(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('HOLD');
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
