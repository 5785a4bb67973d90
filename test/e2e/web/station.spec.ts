// The officer's tray: a batch screened in order that stops on a HOLD until acknowledged, an
// unreadable address fixed by typing the postcode, and a hold slip without victim details.
import { test, expect } from '@playwright/test';
import { ScanStationPage } from '../pages/scan-station.ts';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { saveScreenshot } from '../support/screenshots.ts';

let files: Record<EnvelopeName, string>;

test.beforeAll(async () => {
  files = await renderEnvelopes('unlistedBeech', 'blockedAcacia', 'unlistedElm', 'unreadableAcacia');
});

test('a batch gets the right verdicts and pauses on a HOLD until the officer acknowledges it', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await station.scan(files.unlistedBeech, files.blockedAcacia, files.unlistedElm);
  await expect(station.verdict()).toContainText('HOLD');
  await expect(station.sequence()).toContainText('#2');
  await expect(station.paused()).toContainText('1 waiting');
  await expect(station.progress()).toContainText('2 of 3 screened');
  await expect(page.getByTestId('instruction')).toContainText('UPC-100231');
  await expect(page.getByTestId('instruction')).toContainText('this address is on the protected list');
  await saveScreenshot(page, 'scan-station-hold');
  // Still stopped: the third envelope waits for the officer.
  await expect(station.sequence()).toContainText('#2');
  await station.acknowledge();
  await expect(station.sequence()).toContainText('#3');
  await expect(station.verdict()).toContainText('CLEAR');
  await expect(station.progress()).toContainText('3 of 3 screened');
  await expect(station.progress()).toContainText('2 clear');
  await expect(station.progress()).toContainText('1 held');
  await expect(page.getByText('#1 CLEAR')).toBeVisible();
});

test('an officer fixes an unreadable addressee by typing the postcode and house number', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await station.scan(files.unreadableAcacia);
  await expect(station.verdict()).toContainText('REVIEW');
  await expect(page.getByTestId('instruction')).toContainText('type the postcode');
  await page.getByTestId('officer-check-postcode').fill('LS6 2AB');
  await page.getByTestId('officer-check-house').fill('14');
  await saveScreenshot(page, 'officer-check');
  await page.getByTestId('officer-check-submit').click();
  await expect(station.verdict()).toContainText('HOLD');
  await expect(station.sequence()).toContainText('#1');
  await expect(page.getByTestId('instruction')).toContainText('UPC-100231');
});

test('a hold slip renders with the number, reference and barcode, and no victim details', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await station.scan(files.blockedAcacia);
  await expect(station.verdict()).toContainText('HOLD');
  await page.keyboard.press('s');
  const slip = page.getByTestId('hold-slip');
  await expect(slip).toBeVisible();
  await expect(slip).toContainText('#1');
  await expect(slip).toContainText('UPC-100231');
  await expect(slip).toContainText('HOLD');
  await expect(page.getByTestId('hold-slip-reference')).toContainText('-000001');
  await expect(page.getByTestId('hold-slip-barcode')).toBeVisible();
  // The barcode image decoded (a broken image has no natural width).
  await expect.poll(() => page.getByTestId('hold-slip-barcode').evaluate((img) => Number(Reflect.get(img, 'naturalWidth')))).toBeGreaterThan(50);
  for (const victimDetail of ['Jane', 'Smith', 'Acacia', 'LS6']) await expect(slip).not.toContainText(victimDetail);
  await saveScreenshot(page, 'hold-slip');
  await page.keyboard.press('Escape');
  await expect(slip).toBeHidden();
});
