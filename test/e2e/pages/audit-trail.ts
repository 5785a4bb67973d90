// Page object for the audit trail screen.
import { expect, type Page } from '@playwright/test';

export class AuditTrailPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/audit');
    await expect(this.page.getByTestId('audit-verify')).toBeVisible();
  }

  /** Runs "Verify audit trail" and waits for this run's result (not the one shown before). */
  async verify(): Promise<string> {
    const result = this.page.getByTestId('audit-verify-result');
    const before = Number((await result.count()) > 0 ? await result.getAttribute('data-run') : 0);
    await this.page.getByTestId('audit-verify').click();
    await expect(result).toHaveAttribute('data-run', String(before + 1));
    await expect(result).toContainText(/VALID|BROKEN/);
    return (await result.textContent()) ?? '';
  }

  result() {
    return this.page.getByTestId('audit-verify-result');
  }
}
