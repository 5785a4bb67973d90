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

  async scan(...files: string[]): Promise<void> {
    await this.page.getByTestId('scan-input').setInputFiles(files);
  }

  /** The officer puts the stopped letter aside and the batch goes on (Enter, as at the station). */
  async acknowledge(): Promise<void> {
    await expect(this.page.getByTestId('acknowledge')).toBeVisible();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('acknowledge')).toBeHidden();
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
