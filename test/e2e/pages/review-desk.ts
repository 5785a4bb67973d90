// Page object for the supervisor's review desk and a letter's page.
import { expect, type Page } from '@playwright/test';

export class ReviewDeskPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/review');
    await expect(this.page.getByRole('heading', { name: 'Review desk' })).toBeVisible();
  }

  items() {
    return this.page.getByTestId('review-queue-item');
  }

  /** Opens the queued letter with this running number. */
  async openLetter(sequence: number): Promise<void> {
    await this.items().filter({ hasText: `#${sequence}` }).getByRole('link').click();
    await expect(this.page.getByTestId('decision-reason')).toBeVisible();
  }

  async confirmHold(reason: string, reference: string): Promise<void> {
    await this.page.getByTestId('decision-reason').fill(reason);
    await this.page.getByTestId('decision-reference').fill(reference);
    await this.page.getByTestId('decision-confirm').click();
    await expect(this.page.getByRole('heading', { name: 'Review desk' })).toBeVisible();
  }

  async release(reason: string): Promise<void> {
    await this.page.getByTestId('decision-reason').fill(reason);
    await this.page.getByTestId('decision-release').click();
    await expect(this.page.getByRole('heading', { name: 'Review desk' })).toBeVisible();
  }
}
