// An air-gapped mailroom: the administrator enrols the station with the service's key and the site
// alone (no address, no token), which ends demo mode like a network enrolment; until the service's
// signed snapshot file is imported nothing is CLEAR. A tampered file is refused in words; the genuine
// file, verified with the pinned key, screens at once. Two harnesses of their own: one with
// MAILROOM_HARNESS_KEEP_DEMO=1 to carry on with the demo officer, one without it (the real behaviour).
import { test, expect } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { addBlockOnServicePage, startSyncService, type SyncService } from '../support/sync-service.ts';
import { DEMO, SignInPage } from '../pages/sign-in.ts';
import { FIRST_ADMIN, FirstRunPage } from '../pages/first-run.ts';
import { ScanStationPage } from '../pages/scan-station.ts';
import { SyncPanel } from '../pages/sync-panel.ts';

let service: SyncService;
let harness: OwnHarness;
let realHarness: OwnHarness;
let serverKey: string;
let files: { genuine: string; tampered: string };
let envelopes: Record<EnvelopeName, string>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  service = await startSyncService({ caseHandler: true });
  const { server } = service;
  serverKey = (await server.enrol('LEI')).serverKey;
  await addBlockOnServicePage(server.url, { id: 'UPC-777002', names: 'Tom Hughes', lines: '31 Beech Grove', town: 'Harrogate', postcode: 'HG2 0ET' });
  const exported = await server.admin('GET', '/v1/admin/snapshot-file');
  expect(exported.status).toBe(200);
  const text = await exported.text();
  const dir = await mkdtemp(path.join(tmpdir(), 'mailroom-e2e-snapshot-'));
  files = { genuine: path.join(dir, 'mailroom-snapshot.json'), tampered: path.join(dir, 'mailroom-snapshot-tampered.json') };
  await writeFile(files.genuine, text);
  expect(text).toContain('Beech Grove');
  await writeFile(files.tampered, text.replace('Beech Grove', 'Beach Grove'));
  envelopes = await renderEnvelopes('unlistedBeech');
  harness = await startOwnHarness(5214, { MAILROOM_HARNESS_KEEP_DEMO: '1' });
  realHarness = await startOwnHarness(5217);
});

test.afterAll(async () => {
  await harness?.stop();
  await realHarness?.stop();
  await service?.stop();
});

test('air-gapped: nothing is CLEAR before the file; a tampered file is refused in words; the genuine file, verified with the pinned key, HOLDs', async ({ page }) => {
  test.setTimeout(150_000);
  const signIn = new SignInPage(page);
  const sync = new SyncPanel(page);
  await signIn.open(harness.url);
  await signIn.signIn('admin');
  // Not enrolled: no file is taken (there is no key to verify it with).
  await expect(page.getByTestId('sync-import-needs-enrolment')).toBeVisible();
  await expect(sync.importInput()).toBeDisabled();

  await sync.enrolAirGapped(serverKey, 'LEI');
  await expect(sync.message()).toContainText('Enrolled air-gapped for site LEI');
  await expect(sync.enrolment()).toContainText('Enrolled air-gapped for site LEI');
  await expect(sync.state()).toContainText('air-gapped: last import none yet');
  await expect(sync.freshness()).toContainText("every letter is REVIEW until an administrator imports the service's signed snapshot file");
  await expect(page.getByTestId('sync-now-banner')).toHaveCount(0);

  // Before any file, the unlisted address the demo list would clear is REVIEW.
  const station = new ScanStationPage(page);
  await station.scanAsOfficer(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('REVIEW');
  await expect(station.verdict()).not.toContainText('CLEAR');

  await page.reload();
  await signIn.signIn('admin');
  await sync.importFile(files.tampered);
  await expect(sync.message()).toContainText('The file was refused and the list held before keeps screening');
  await expect(sync.message()).toContainText(/signature/i);
  await expect(sync.syncedVersion()).toHaveCount(0);

  await sync.importFile(files.genuine);
  await expect(sync.message()).toContainText('Snapshot file verified: list version 1 installed');
  await expect(sync.syncedVersion()).toContainText('list version 1');
  await expect(sync.state()).not.toContainText('none yet');
  await expect(sync.age()).toContainText("by the service's time");
  await expect(sync.freshness()).toHaveCount(0);
  await expect(page.getByTestId('list-version')).toContainText('version 1 (1 entries');

  await station.scanAsOfficer(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('HOLD');
  await expect(page.getByText(/UPC-777002/)).toBeVisible();
});

test('air-gapped enrolment ends demo mode: demo accounts refused, first administrator created, and a restart stays out of it', async ({ page }) => {
  test.setTimeout(150_000);
  const signIn = new SignInPage(page);
  const sync = new SyncPanel(page);
  await signIn.open(realHarness.url);
  await expect(page.getByText('DEMO MODE')).toBeVisible();
  await signIn.signIn('admin');
  await sync.enrolAirGapped(serverKey, 'LEI');

  // The window starts again out of demo mode: the first run asks for the first administrator.
  const firstRun = new FirstRunPage(page);
  await expect(firstRun.heading()).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await expect(sync.state()).toContainText('air-gapped: last import none yet');
  await firstRun.createAdministrator();

  await signIn.expectRefused(DEMO.admin.user, DEMO.admin.password);
  await signIn.signInAs(FIRST_ADMIN.user, FIRST_ADMIN.passphrase);
  await expect(sync.enrolment()).toContainText('Enrolled air-gapped for site LEI');
  // Main hands out no list now, and no imported one is held: screening is unavailable, in words.
  await expect(page.getByText(/Screening unavailable: .*air-gapped: until an administrator imports the signed snapshot file/)).toBeVisible();

  // The key main pinned verifies the file: nobody types it at import.
  await sync.importFile(files.genuine);
  await expect(sync.message()).toContainText('Snapshot file verified: list version 1 installed');
  await expect(page.getByTestId('list-version')).toContainText('version 1 (1 entries');
  await expect(page.getByText(/Screening unavailable/)).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('login-user')).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await signIn.expectRefused(DEMO.officer.user, DEMO.officer.password);
});
