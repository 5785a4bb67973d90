// Envelopes from the other sources at the station: dropped onto the window, and captured from a
// document camera (Chromium's fake camera here: its frame has no address, so it must be REVIEW).
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ScanStationPage } from '../pages/scan-station.ts';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';

let files: Record<EnvelopeName, string>;
test.beforeAll(async () => {
  files = await renderEnvelopes('blockedAcacia');
});

test.use({
  permissions: ['camera'],
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

test('an envelope dropped onto the station is screened', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  const base64 = (await readFile(files.blockedAcacia)).toString('base64');
  const dataTransfer = await page.evaluateHandle(`(() => {
    const bytes = Uint8Array.from(atob('${base64}'), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'dropped.jpg', { type: 'image/jpeg' }));
    return transfer;
  })()`);
  await page.locator('section.station').dispatchEvent('drop', { dataTransfer });
  await expect(station.verdict()).toContainText('HOLD');
  await expect(station.sequence()).toContainText('#1');
});

test('a document camera frame is captured on a key and screened, never CLEAR when nothing is read', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await page.keyboard.press('d');
  const video = page.getByTestId('camera-preview');
  await expect.poll(() => video.evaluate((v) => Number(Reflect.get(v, 'videoWidth')))).toBeGreaterThan(0);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('camera-captured')).toContainText('1 captured');
  await expect(station.sequence()).toContainText('#1');
  await expect(station.verdict()).toContainText('REVIEW');
});
