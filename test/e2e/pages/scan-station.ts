// Page object for the officer's scan station: the selectors the tests use, in one place.
import { expect, type Page } from '@playwright/test';

export class ScanStationPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByTestId('list-version')).toBeVisible();
    await expect(this.page.getByTestId('scan-input')).toBeEnabled();
  }

  async scan(...files: string[]): Promise<void> {
    await this.page.getByTestId('scan-input').setInputFiles(files);
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
}
