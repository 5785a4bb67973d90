// The officer's first path through the web harness: an envelope to a demo-blocklist address is
// HOLD, one to an unlisted address is CLEAR, and a file that is not an image is REVIEW.
import { test, expect } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderEnvelope } from '../../fixtures/envelopes.ts';
import { ScanStationPage } from '../pages/scan-station.ts';

let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mailroom-e2e-'));
  const returnAddress = ['From: A7654ZX R. Jones', 'HMP Leeds, 2 Gloucester Terrace', 'Leeds LS12 2TJ'];
  await writeFile(path.join(dir, 'blocked.jpg'), await renderEnvelope({ addressee: ['Ms J. Smith', 'Flat 2, 14 Acacia Road', 'Leeds', 'LS6 2AB'], returnAddress, seed: 11 }));
  await writeFile(path.join(dir, 'unlisted.jpg'), await renderEnvelope({ addressee: ['Mr Tom Hughes', '31 Beech Grove', 'Harrogate', 'HG2 0ET'], returnAddress, seed: 12 }));
  await writeFile(path.join(dir, 'not-an-image.jpg'), 'this is a text file, not a scan');
});

test('an envelope to a blocked address is HOLD and says so in words', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await expect(station.listVersion()).toContainText('12');
  await station.scan(path.join(dir, 'blocked.jpg'));
  await expect(station.verdict()).toContainText('HOLD');
  await expect(station.addresseeText()).toContainText('Acacia');
  await expect(page.getByText(/hold tray/)).toBeVisible();
  await expect(page.getByText(/UPC-100231/)).toBeVisible();
});

test('an envelope to an unlisted address is CLEAR', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await station.scan(path.join(dir, 'unlisted.jpg'));
  await expect(station.verdict()).toContainText('CLEAR');
  await expect(station.addresseeText()).toContainText('Beech');
});

test('a file that is not an image is REVIEW, never CLEAR, and the next envelope still screens', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await station.scan(path.join(dir, 'not-an-image.jpg'));
  await expect(station.verdict()).toContainText('REVIEW');
  await expect(station.sequence()).toContainText('1');
  await station.acknowledge();
  await station.scan(path.join(dir, 'blocked.jpg'));
  await expect(station.sequence()).toContainText('2');
  await expect(station.verdict()).toContainText('HOLD');
});
