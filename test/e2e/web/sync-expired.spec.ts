// Past the hard limit, by the service's signed time, an enrolled station screens nothing CLEAR: the
// banner says so in words and an envelope to an unlisted address, CLEAR with a fresh list, is REVIEW.
// The PC's clock in the window is moved eight days on (the list held was signed by the service
// "eight days ago"); whatever a sync brings meanwhile is judged on the same clock.
import { test, expect } from '@playwright/test';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { startSyncService, type SyncService } from '../support/sync-service.ts';
import { SignInPage } from '../pages/sign-in.ts';
import { ScanStationPage } from '../pages/scan-station.ts';
import { SyncPanel } from '../pages/sync-panel.ts';

const DAY = 86_400_000;
let service: SyncService;
let harness: OwnHarness;
let envelopes: Record<EnvelopeName, string>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  service = await startSyncService();
  envelopes = await renderEnvelopes('unlistedBeech');
  // Enrols with the demo administrator and carries on with the demo officer: the harness-only switch.
  harness = await startOwnHarness(5216, { MAILROOM_HARNESS_KEEP_DEMO: '1' });
});

test.afterAll(async () => {
  await harness?.stop();
  await service?.stop();
});

test('a list past the hard limit is shown in words and every letter that is not HOLD is REVIEW, never CLEAR', async ({ page }) => {
  test.setTimeout(180_000);
  const { server } = service;
  const device = await server.enrol('LEI');
  const signIn = new SignInPage(page);
  const sync = new SyncPanel(page);
  await signIn.open(harness.url);
  await signIn.signIn('admin');
  await sync.enrol(server.url, device.token, device.serverKey);
  await expect(sync.message()).toContainText(`Enrolled with ${server.url}`);
  await expect(sync.freshness()).toHaveCount(0);

  // The control: with the fresh list the unlisted address is CLEAR.
  const station = new ScanStationPage(page);
  await station.scanAsOfficer(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('CLEAR');

  // Eight days on by this PC's clock (past the 7-day default): the station starts again.
  await page.clock.setSystemTime(Date.now() + 8 * DAY);
  await page.reload();
  await expect(sync.freshness()).toContainText('every letter is REVIEW until a fresh list arrives');
  await expect(page.getByTestId('sync-status')).toHaveClass(/list-stale/);

  await signIn.signIn('officer');
  await station.ready();
  await station.scan(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('REVIEW');
  await expect(station.verdict()).not.toContainText('CLEAR');
  await expect(page.getByText('Put this letter aside for a supervisor: the protected list is out of date')).toBeVisible();
});
