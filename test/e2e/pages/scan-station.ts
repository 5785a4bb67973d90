// Page object for the officer's scan station: the selectors the tests use, in one place.
import { expect, type Page } from '@playwright/test';
import { SignInPage } from './sign-in.ts';

export class ScanStationPage {
  constructor(private readonly page: Page) {}

  /** Opens the station and signs in as the demo officer. */
  async open(): Promise<void> {
    const signIn = new SignInPage(this.page);
    await signIn.open();
    await signIn.signIn('officer');
    await this.ready();
  }

  /** Goes to the station through the menu (the page is not reloaded: the session stays). */
  async ready(): Promise<void> {
    await this.page.getByRole('link', { name: 'Scan station' }).click();
    await expect(this.page.getByTestId('list-version')).toBeVisible();
    await expect(this.page.getByTestId('scan-input')).toBeEnabled();
  }

  /** Hands the station over: whoever is signed in signs out, the demo officer signs in and scans. */
  async scanAsOfficer(...files: string[]): Promise<void> {
    const signIn = new SignInPage(this.page);
    await signIn.signOut();
    await signIn.signIn('officer');
    await this.ready();
    await this.scan(...files);
  }

  async scan(...files: string[]): Promise<void> {
    await this.page.getByTestId('scan-input').setInputFiles(files);
  }

  /** The officer puts the stopped letter aside and the batch goes on (Enter, as at the station). */
  async acknowledge(): Promise<void> {
    const ack = this.page.getByTestId('acknowledge');
    await expect(ack).toBeVisible();
    const before = await this.sequence().textContent();
    await this.page.keyboard.press('Enter');
    // The next stopped letter may be on screen at once (it was read while the officer acted): the
    // acknowledgement took when this letter's button went away or another letter took its place.
    await expect.poll(async () => !(await ack.isVisible()) || (await this.sequence().textContent()) !== before).toBe(true);
  }

  async officerCheck(postcode: string, house: string): Promise<void> {
    await this.page.getByTestId('officer-check-postcode').fill(postcode);
    await this.page.getByTestId('officer-check-house').fill(house);
    await this.page.getByTestId('officer-check-submit').click();
  }

  verdict() {
    return this.page.getByTestId('verdict');
  }

  addresseeText() {
    return this.page.getByTestId('addressee-text');
  }

  sequence() {
    return this.page.getByTestId('sequence-number');
  }

  listVersion() {
    return this.page.getByTestId('list-version');
  }

  progress() {
    return this.page.getByTestId('batch-progress');
  }

  paused() {
    return this.page.getByTestId('batch-paused');
  }
}
