// Page object for the audit trail screen.
import { expect, type Page } from '@playwright/test';

export class AuditTrailPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/audit');
    await expect(this.page.getByTestId('audit-verify')).toBeVisible();
  }

  async verify(): Promise<string> {
    await this.page.getByTestId('audit-verify').click();
    const result = this.page.getByTestId('audit-verify-result');
    await expect(result).toContainText(/VALID|BROKEN/);
    return (await result.textContent()) ?? '';
  }

  result() {
    return this.page.getByTestId('audit-verify-result');
  }
}
