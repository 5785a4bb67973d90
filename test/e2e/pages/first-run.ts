// Page object for a new installation's first run, once demo mode is over: creating the first
// administrator.
import type { Page } from '@playwright/test';

export const FIRST_ADMIN = { user: 'chief', passphrase: 'a long passphrase 42' } as const;

export class FirstRunPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: /create the first administrator/ });
  }

  async createAdministrator(user: string = FIRST_ADMIN.user, passphrase: string = FIRST_ADMIN.passphrase): Promise<void> {
    await this.page.getByLabel('User name').fill(user);
    await this.page.getByLabel('Passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Create administrator' }).click();
  }
}
