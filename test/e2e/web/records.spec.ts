// Accounts and the audit trail through the UI: sign-in and sign-out, lock-out and unlock, automatic
// sign-out after inactivity, and "Verify audit trail" VALID, then BROKEN after an edit on disk.
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { SignInPage, DEMO } from '../pages/sign-in.ts';
import { AuditTrailPage } from '../pages/audit-trail.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { saveScreenshot } from '../support/screenshots.ts';

test('signs in, refuses a wrong password, and signs out', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await saveScreenshot(page, 'sign-in');
  await signIn.submit('officer', 'not-the-password');
  await expect(signIn.problem()).toContainText('user name or password is wrong');
  await signIn.signIn('officer');
  await expect(page.getByTestId('signed-in-user')).toContainText('Officer');
  await signIn.signOut();
  await expect(page.getByText('Signed out.')).toBeVisible();
});

test('a failed user switch keeps the current user signed in', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('officer');
  await page.getByTestId('switch-user').click();
  await signIn.submit('supervisor', 'not-the-password');
  await expect(signIn.problem()).toContainText('wrong');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText('Officer');
});

test('locks an account after five failures until an administrator unlocks it', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  for (let i = 1; i <= 4; i++) {
    await signIn.submit('officer', `wrong-password-${i}`);
    await expect(signIn.problem()).toContainText('wrong');
  }
  await signIn.submit('officer', 'wrong-password-5');
  await expect(signIn.problem()).toContainText('locked');
  await signIn.submit(DEMO.officer.user, DEMO.officer.password);
  await expect(signIn.problem()).toContainText('locked');

  await signIn.signIn('admin');
  await page.goto('/#/admin');
  const officerRow = page.getByTestId('account-row').filter({ hasText: /^officer/ });
  await expect(officerRow).toContainText('LOCKED');
  await saveScreenshot(page, 'administration');
  await officerRow.getByTestId('account-unlock').click();
  await expect(officerRow).toContainText('active');
  await signIn.switchTo('officer');
});

test('signs out automatically after five minutes without input', async ({ page }) => {
  await page.clock.install();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('supervisor');
  await page.clock.fastForward('04:30');
  await expect(page.getByText(/signing out in/)).toBeVisible();
  await page.clock.fastForward('01:00');
  await expect(page.getByTestId('login-user')).toBeVisible();
  await expect(page.getByText('signed out after a period without input')).toBeVisible();
});

/**
 * Edits one stored audit event in the page's IndexedDB, as someone with the disk could. A string,
 * because it runs in the page and this project's types have no DOM.
 */
async function tamperWithAuditEvent(page: Page, seq: number): Promise<void> {
  await page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('mailroom-records');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('audit', 'readwrite');
      const store = tx.objectStore('audit');
      const get = store.get(${seq});
      get.onsuccess = () => store.put({ ...get.result, actor: 'someone-else' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  })()`);
}

test.describe('the audit trail on a station of its own', () => {
  let harness: OwnHarness;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    harness = await startOwnHarness(5201);
  });
  test.afterAll(async () => harness?.stop());

  test('verifies VALID, exports CSV, and names an edited event as BROKEN', async ({ page }) => {
    const signIn = new SignInPage(page);
    const audit = new AuditTrailPage(page);
    await signIn.open(`${harness.url}/`);
    await signIn.submit('supervisor', 'wrong-password');
    await expect(signIn.problem()).toBeVisible();
    await signIn.signIn('supervisor');
    await page.goto(`${harness.url}/#/audit`);
    await expect(await audit.verify()).toContain('VALID');
    await saveScreenshot(page, 'audit-trail');

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const csv = await readFile((await (await download).path()) ?? '', 'utf8');
    expect(csv).toContain('VALID');
    expect(csv).toContain('sign-in-failed');

    await tamperWithAuditEvent(page, 2);
    await expect(await audit.verify()).toContain('BROKEN');
    await expect(audit.result()).toContainText('#2');
  });
});
