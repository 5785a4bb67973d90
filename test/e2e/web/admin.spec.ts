// The administrator installs a newer blocklist file: the banner shows its version at once and the
// station screens with it (a letter to the new entry's address is HOLD).
import { test, expect } from '@playwright/test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEnvelope } from '../../fixtures/envelopes.ts';
import { SignInPage } from '../pages/sign-in.ts';
import { ScanStationPage } from '../pages/scan-station.ts';

const DEMO_LIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'demo-blocklist.json');
let listFile: string;
let envelope: string;

test.beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mailroom-e2e-'));
  const list = JSON.parse(await readFile(DEMO_LIST, 'utf8')) as { version: number; generatedAt: string; entries: unknown[] };
  list.version = 13;
  list.generatedAt = new Date().toISOString();
  list.entries.push({
    id: 'UPC-100299',
    names: ['Zebedee Quartermaine'],
    addresses: [{ lines: ['9 Larkspur Close'], town: 'Penzance', postcode: 'TR18 4AA' }],
    scope: { kind: 'all-prisoners' },
    requestedBy: 'police',
  });
  listFile = path.join(dir, 'list-v13.json');
  await writeFile(listFile, JSON.stringify(list));
  envelope = path.join(dir, 'larkspur.jpg');
  await writeFile(envelope, await renderEnvelope({ addressee: ['Mr Z. Quartermaine', '9 Larkspur Close', 'Penzance', 'TR18 4AA'], returnAddress: ['From: A7654ZX R. Jones', 'HMP Leeds'], seed: 31 }));
});

test('an imported list is used at once for screening', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('admin');
  await expect(page.getByTestId('list-version')).toContainText('version 12');
  await page.getByTestId('list-import').setInputFiles(listFile);
  await expect(page.getByTestId('admin-message')).toContainText('List version 13 installed (9 entries)');
  await expect(page.getByTestId('list-version')).toContainText('version 13');

  await signIn.switchTo('officer');
  const station = new ScanStationPage(page);
  await station.ready();
  await station.scan(envelope);
  await expect(station.verdict()).toContainText('HOLD');
  await expect(page.getByTestId('instruction')).toContainText('UPC-100299');
});
