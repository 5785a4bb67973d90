// A station enrolled with the central service is a real station: it leaves demo mode at once (the
// window starts again), the demo accounts are refused, the first administrator is created through the
// first-run flow, and the list synced from the service alone screens. A harness of its own, without
// the harness-only switch that keeps demo mode.
import { test, expect } from '@playwright/test';
import { createTestStore, startTestService, type TestService, type TestStore } from '../../../server/test-support/test-service.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { DEMO, SignInPage } from '../pages/sign-in.ts';

let db: TestStore;
let server: TestService;
let harness: OwnHarness;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createTestStore('pglite');
  server = await startTestService(db);
  harness = await startOwnHarness(5215);
});

test.afterAll(async () => {
  await harness?.stop();
  await server?.close();
  await db?.dispose();
});

test('enrolling the station ends demo mode: demo accounts refused, first administrator created, the service list screens', async ({ page }) => {
  test.setTimeout(180_000);
  const device = await server.enrol('LEI');
  const signIn = new SignInPage(page);
  await signIn.open(harness.url);
  await expect(page.getByText('DEMO MODE')).toBeVisible();
  await signIn.signIn('admin');
  await page.getByTestId('sync-server').fill(server.url);
  await page.getByTestId('sync-token').fill(device.token);
  await page.getByTestId('sync-server-key').fill(device.serverKey);
  await page.getByTestId('sync-enrol').click();

  // The window starts again out of demo mode: a new installation's first run, no demo banner.
  await expect(page.getByRole('heading', { name: /create the first administrator/ })).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await expect(page.getByTestId('sync-state')).toContainText('connected');
  await expect(page.getByTestId('list-version')).toContainText('version 0 (0 entries');

  await page.getByLabel('User name').fill('chief');
  await page.getByLabel('Passphrase').fill('a long passphrase 42');
  await page.getByRole('button', { name: 'Create administrator' }).click();

  // The demo administrator no longer signs in; the real one does.
  await signIn.submit(DEMO.admin.user, DEMO.admin.password);
  await expect(signIn.problem()).toBeVisible();
  await expect(page.getByTestId('logout')).toHaveCount(0);
  await signIn.submit('chief', 'a long passphrase 42');
  await expect(page.getByTestId('logout')).toBeVisible();
  await expect(page.getByTestId('sync-enrolment')).toContainText(`Enrolled with ${server.url}`);

  // A restart stays out of demo mode.
  await page.reload();
  await expect(page.getByTestId('login-user')).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await signIn.submit(DEMO.officer.user, DEMO.officer.password);
  await expect(signIn.problem()).toBeVisible();
});
