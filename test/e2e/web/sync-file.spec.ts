// An air-gapped mailroom: the administrator imports the service's signed snapshot file. A tampered
// file is refused in words and the list held keeps screening; the genuine file is verified like a
// network snapshot and screening uses it at once. A harness of its own (never enrolled).
import { test, expect } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signInOnPage } from '../../../server/test-support/case-handler-session.ts';
import { createTestStore, startTestService, type TestService, type TestStore } from '../../../server/test-support/test-service.ts';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { SignInPage } from '../pages/sign-in.ts';
import { ScanStationPage } from '../pages/scan-station.ts';

let db: TestStore;
let server: TestService;
let harness: OwnHarness;
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
  harness = await startOwnHarness(5214);
});

test.afterAll(async () => {
  await harness?.stop();
  await server?.close();
  await db?.dispose();
});

test('a tampered snapshot file is refused with the old list screening; the genuine file is verified and used at once', async ({ page }) => {
  test.setTimeout(150_000);
  const signIn = new SignInPage(page);
  await signIn.open(harness.url);
  await signIn.signIn('admin');
  await page.getByTestId('sync-file-key').fill(serverKey);

  await page.getByTestId('sync-import-file').setInputFiles(files.tampered);
  await expect(page.getByTestId('sync-message')).toContainText('The file was refused and the list held before keeps screening');
  await expect(page.getByTestId('sync-message')).toContainText(/signature/i);
  await expect(page.getByTestId('list-version')).toContainText('version 12');

  await page.getByTestId('sync-import-file').setInputFiles(files.genuine);
  await expect(page.getByTestId('sync-message')).toContainText('Snapshot file verified: list version 1 installed');
  await expect(page.getByTestId('sync-list-version')).toContainText('list version 1');
  await expect(page.getByTestId('list-version')).toContainText('version 1 (1 entries');

  await signIn.signOut();
  await signIn.signIn('officer');
  const station = new ScanStationPage(page);
  await station.ready();
  await station.scan(envelopes.unlistedBeech);
  await expect(station.verdict()).toContainText('HOLD');
  await expect(page.getByText(/UPC-777002/)).toBeVisible();
});
