// An air-gapped mailroom: the administrator enrols the station with the service's key and the site
// alone (no address, no token), which ends demo mode like a network enrolment; until the service's
// signed snapshot file is imported nothing is CLEAR. A tampered file is refused in words; the genuine
// file, verified with the pinned key, screens at once. Two harnesses of their own: one with
// MAILROOM_HARNESS_KEEP_DEMO=1 to carry on with the demo officer, one without it (the real behaviour).
import { test, expect } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signInOnPage } from '../../../server/test-support/case-handler-session.ts';
import { createTestStore, startTestService, type TestService, type TestStore } from '../../../server/test-support/test-service.ts';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { DEMO, SignInPage } from '../pages/sign-in.ts';
import { ScanStationPage } from '../pages/scan-station.ts';

let db: TestStore;
let server: TestService;
let harness: OwnHarness;
let realHarness: OwnHarness;
let serverKey: string;
let files: { genuine: string; tampered: string };
let envelopes: Record<EnvelopeName, string>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createTestStore('pglite');
  server = await startTestService(db);
  expect((await server.admin('POST', '/v1/admin/handlers', { username: 'alice', displayName: 'Alice Adams', password: 'correct horse battery' })).status).toBe(201);
  serverKey = (await server.enrol('LEI')).serverKey;
  const alice = await signInOnPage(server.url, 'alice', 'correct horse battery');
  const saved = await alice.post('/blocks', {
    _csrf: await alice.csrf('/blocks/new'),
    addressSlots: '1',
    id: 'UPC-777002',
    names: 'Tom Hughes',
    addr0_lines: '31 Beech Grove',
    addr0_town: 'Harrogate',
    addr0_postcode: 'HG2 0ET',
    phones: '',
    emails: '',
    scope: 'all-prisoners',
    requestedBy: 'victim',
    validFrom: '',
    validUntil: '',
    reason: 'request from the victim',
  });
  expect(saved.status).toBe(303);
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
  await server?.close();
  await db?.dispose();
});

async function enrolAirGapped(page: import('@playwright/test').Page): Promise<void> {
  await page.getByTestId('sync-file-server-key').fill(serverKey);
  await page.getByTestId('sync-file-site').fill('LEI');
  await page.getByTestId('sync-enrol-file').click();
}

test('air-gapped: nothing is CLEAR before the file; a tampered file is refused in words; the genuine file, verified with the pinned key, HOLDs', async ({ page }) => {
  test.setTimeout(150_000);
  const signIn = new SignInPage(page);
  await signIn.open(harness.url);
  await signIn.signIn('admin');
  // Not enrolled: no file is taken (there is no key to verify it with).
  await expect(page.getByTestId('sync-import-needs-enrolment')).toBeVisible();
  await expect(page.getByTestId('sync-import-file')).toBeDisabled();

  await enrolAirGapped(page);
  await expect(page.getByTestId('sync-message')).toContainText('Enrolled air-gapped for site LEI');
  await expect(page.getByTestId('sync-enrolment')).toContainText('Enrolled air-gapped for site LEI');
  await expect(page.getByTestId('sync-state')).toContainText('air-gapped: last import none yet');
  await expect(page.getByTestId('sync-freshness')).toContainText("every letter is REVIEW until an administrator imports the service's signed snapshot file");
  await expect(page.getByTestId('sync-now-banner')).toHaveCount(0);

  // Before any file, the unlisted address the demo list would clear is REVIEW.
  await signIn.signOut();
  await signIn.signIn('officer');
  const before = new ScanStationPage(page);
  await before.ready();
  await before.scan(envelopes.unlistedBeech);
  await expect(before.verdict()).toContainText('REVIEW');
  await expect(before.verdict()).not.toContainText('CLEAR');

  await page.reload();
  await signIn.signIn('admin');
  await page.getByTestId('sync-import-file').setInputFiles(files.tampered);
  await expect(page.getByTestId('sync-message')).toContainText('The file was refused and the list held before keeps screening');
  await expect(page.getByTestId('sync-message')).toContainText(/signature/i);
  await expect(page.getByTestId('sync-list-version')).toHaveCount(0);

  await page.getByTestId('sync-import-file').setInputFiles(files.genuine);
  await expect(page.getByTestId('sync-message')).toContainText('Snapshot file verified: list version 1 installed');
  await expect(page.getByTestId('sync-list-version')).toContainText('list version 1');
  await expect(page.getByTestId('sync-state')).not.toContainText('none yet');
  await expect(page.getByTestId('sync-age')).toContainText("by the service's time");
  await expect(page.getByTestId('sync-freshness')).toHaveCount(0);
  await expect(page.getByTestId('list-version')).toContainText('version 1 (1 entries');

  await signIn.signOut();
  await signIn.signIn('officer');
  const station = new ScanStationPage(page);
  await station.ready();
  await station.scan(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('HOLD');
  await expect(page.getByText(/UPC-777002/)).toBeVisible();
});

test('air-gapped enrolment ends demo mode: demo accounts refused, first administrator created, and a restart stays out of it', async ({ page }) => {
  test.setTimeout(150_000);
  const signIn = new SignInPage(page);
  await signIn.open(realHarness.url);
  await expect(page.getByText('DEMO MODE')).toBeVisible();
  await signIn.signIn('admin');
  await enrolAirGapped(page);

  // The window starts again out of demo mode: the first run asks for the first administrator.
  await expect(page.getByRole('heading', { name: /create the first administrator/ })).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await expect(page.getByTestId('sync-state')).toContainText('air-gapped: last import none yet');
  await page.getByLabel('User name').fill('chief');
  await page.getByLabel('Passphrase').fill('a long passphrase 42');
  await page.getByRole('button', { name: 'Create administrator' }).click();

  await signIn.submit(DEMO.admin.user, DEMO.admin.password);
  await expect(signIn.problem()).toBeVisible();
  await expect(page.getByTestId('logout')).toHaveCount(0);
  await signIn.submit('chief', 'a long passphrase 42');
  await expect(page.getByTestId('logout')).toBeVisible();
  await expect(page.getByTestId('sync-enrolment')).toContainText('Enrolled air-gapped for site LEI');
  // Main hands out no list now, and no imported one is held: screening is unavailable, in words.
  await expect(page.getByText(/Screening unavailable: .*air-gapped: until an administrator imports the signed snapshot file/)).toBeVisible();

  // The key main pinned verifies the file: nobody types it at import.
  await page.getByTestId('sync-import-file').setInputFiles(files.genuine);
  await expect(page.getByTestId('sync-message')).toContainText('Snapshot file verified: list version 1 installed');
  await expect(page.getByTestId('list-version')).toContainText('version 1 (1 entries');
  await expect(page.getByText(/Screening unavailable/)).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('login-user')).toBeVisible();
  await expect(page.getByText('DEMO MODE')).toHaveCount(0);
  await signIn.submit(DEMO.officer.user, DEMO.officer.password);
  await expect(signIn.problem()).toBeVisible();
});
