// The supervisor on the same station: confirms one hold with a referral, releases another with a
// reason (remembered), after which that pair no longer matches; an officer is refused victim details.
import { test, expect } from '@playwright/test';
import { ScanStationPage } from '../pages/scan-station.ts';
import { ReviewDeskPage } from '../pages/review-desk.ts';
import { SignInPage } from '../pages/sign-in.ts';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';
import { saveScreenshot } from '../support/screenshots.ts';

let files: Record<EnvelopeName, string>;

test.beforeAll(async () => {
  files = await renderEnvelopes('blockedAcacia', 'blockedCanal');
});

test('a supervisor confirms one hold and releases another; the released pair does not match again', async ({ page }) => {
  test.setTimeout(150_000);
  const station = new ScanStationPage(page);
  const signIn = new SignInPage(page);
  const desk = new ReviewDeskPage(page);
  await station.open();
  await station.scan(files.blockedAcacia, files.blockedCanal);
  await expect(station.sequence()).toContainText('#1');
  await expect(station.verdict()).toContainText('HOLD');
  await station.acknowledge();
  await expect(station.sequence()).toContainText('#2');
  await expect(station.verdict()).toContainText('HOLD');
  await station.acknowledge();

  await signIn.switchTo('supervisor');
  await desk.open();
  await expect(desk.items()).toHaveCount(2);
  await expect(page.getByTestId('review-counts')).toContainText('2 waiting');
  await saveScreenshot(page, 'review-desk');

  await desk.openLetter(1);
  await expect(page.getByTestId('victim-details')).toContainText('Jane Smith');
  await expect(page.getByTestId('evidence')).toContainText('LS6 2AB');
  await expect(page.getByTestId('envelope-figure')).toBeVisible();
  await saveScreenshot(page, 'letter-page');
  // The reason is mandatory.
  await page.getByTestId('decision-confirm').click();
  await expect(page.getByTestId('decision-problem')).toContainText('reason');
  await desk.confirmHold('Addressed to the protected victim at her home address.', 'CH-2026-0141');
  await expect(desk.items()).toHaveCount(1);

  await desk.openLetter(2);
  await expect(page.getByTestId('victim-details')).toContainText('Priya Raman');
  await desk.release('The addressee is the prisoner’s solicitor’s office in the same building, checked by phone.');
  await expect(desk.items()).toHaveCount(0);

  await page.goto('/#/reports');
  const figures = page.getByTestId('report-figures');
  await expect(figures.locator('div', { hasText: 'Screened' })).toContainText('2');
  await expect(figures.locator('div', { hasText: 'Withheld' })).toContainText('1');
  await expect(figures.locator('div', { hasText: 'Released' })).toContainText('1');
  await expect(page.getByTestId('report-officers')).toContainText('officer');
  await saveScreenshot(page, 'reports');

  await signIn.switchTo('officer');
  await station.ready();
  await station.scan(files.blockedCanal);
  await expect(station.sequence()).toContainText('#3');
  await expect(station.verdict()).toContainText('CLEAR');
});

test('an officer cannot open victim details, even by going to the letter directly', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await expect(page.getByRole('link', { name: 'Review desk' })).toHaveCount(0);
  await station.scan(files.blockedAcacia);
  await expect(station.verdict()).toContainText('HOLD');
  const letterId = await page.getByTestId('current-letter').getAttribute('data-letter-id');
  expect(letterId).toBeTruthy();
  await page.goto(`/#/letter/${letterId}`);
  await expect(page.getByTestId('letter-refused')).toContainText('may not view victim details');
  await expect(page.getByTestId('victim-details')).toHaveCount(0);
  await expect(page.getByText('Jane Doe')).toHaveCount(0);
  await page.goto('/#/review');
  await expect(page.getByTestId('review-refused')).toContainText('may not review');
});

test('a letter returned to the officer waits at the scan station and is checked there', async ({ page }) => {
  const station = new ScanStationPage(page);
  const signIn = new SignInPage(page);
  const desk = new ReviewDeskPage(page);
  await station.open();
  await station.scan(files.blockedAcacia);
  await expect(station.verdict()).toContainText('HOLD');
  await station.acknowledge();

  await signIn.switchTo('supervisor');
  await desk.open();
  await desk.openLetter(1);
  await page.getByTestId('decision-reason').fill('The scan is crooked; scan it again to be sure.');
  await page.getByTestId('decision-return').click();
  await expect(desk.items()).toHaveCount(0);

  await signIn.switchTo('officer');
  await station.ready();
  const waiting = page.getByTestId('officer-queue-item');
  await expect(waiting).toContainText('returned by a supervisor');
  await waiting.click();
  await station.officerCheck('LS6 2AB', '14');
  await expect(station.verdict()).toContainText('HOLD');
  await expect(waiting).toHaveCount(0);
});
