// A station enrolled with the central service is a real station: it leaves demo mode at once (the
// window starts again), the demo accounts are refused, the first administrator is created through the
// first-run flow, and the list synced from the service alone screens. A harness of its own, without
// the harness-only switch that keeps demo mode.
import { test, expect } from '@playwright/test';
import { startSyncService, type SyncService } from '../support/sync-service.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { DEMO, SignInPage } from '../pages/sign-in.ts';
import { FIRST_ADMIN, FirstRunPage } from '../pages/first-run.ts';
import { SyncPanel } from '../pages/sync-panel.ts';

let service: SyncService;
let harness: OwnHarness;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  service = await startSyncService();
  harness = await startOwnHarness(5215);
});

test.afterAll(async () => {
  await harness?.stop();
  await service?.stop();
});

test('enrolling the station ends demo mode: demo accounts refused, first administrator created, the service list screens', async ({ page }) => {
  test.setTimeout(180_000);
  const { server } = service;
  const device = await server.enrol('LEI');
  const signIn = new SignInPage(page);
  const sync = new SyncPanel(page);
  await signIn.open(harness.url);
  await expect(page.getByText('DEMO MODE')).toBeVisible();
  await signIn.signIn('admin');
  await sync.enrol(server.url, device.token, device.serverKey);

  // The window starts again out of demo mode: a new installation's first run, no demo banner.
  const firstRun = new FirstRunPage(page);
  await expect(firstRun.heading()).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await expect(sync.state()).toContainText('connected');
  await expect(page.getByTestId('list-version')).toContainText('version 0 (0 entries');
  await firstRun.createAdministrator();

  // The demo administrator no longer signs in; the real one does.
  await signIn.expectRefused(DEMO.admin.user, DEMO.admin.password);
  await signIn.signInAs(FIRST_ADMIN.user, FIRST_ADMIN.passphrase);
  await expect(sync.enrolment()).toContainText(`Enrolled with ${server.url}`);

  // A restart stays out of demo mode.
  await page.reload();
  await expect(page.getByTestId('login-user')).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await signIn.expectRefused(DEMO.officer.user, DEMO.officer.password);
});
