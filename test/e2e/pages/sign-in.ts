// Page object for signing in and out on the shared station (demo accounts in demo mode).
import { expect, type Page } from '@playwright/test';

export const DEMO = {
  officer: { user: 'officer', password: 'officer-demo' },
  supervisor: { user: 'supervisor', password: 'supervisor-demo' },
  admin: { user: 'admin', password: 'admin-demo' },
} as const;
export type DemoAccount = keyof typeof DEMO;

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.getByTestId('login-user')).toBeVisible();
  }

  async submit(user: string, password: string): Promise<void> {
    await this.page.getByTestId('login-user').fill(user);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  async signIn(account: DemoAccount): Promise<void> {
    await this.signInAs(DEMO[account].user, DEMO[account].password);
  }

  /** Signs in with any account, a real one once demo mode is over. */
  async signInAs(user: string, password: string): Promise<void> {
    await this.submit(user, password);
    await expect(this.page.getByTestId('logout')).toBeVisible();
  }

  /** An account that must not sign in: the problem is shown and nobody is signed in. */
  async expectRefused(user: string, password: string): Promise<void> {
    await this.submit(user, password);
    await expect(this.problem()).toBeVisible();
    await expect(this.page.getByTestId('logout')).toHaveCount(0);
  }

  /** Quick user switch on the same station, without signing the current user out first. */
  async switchTo(account: DemoAccount): Promise<void> {
    await this.page.getByTestId('switch-user').click();
    await this.signIn(account);
    await expect(this.page.getByTestId('signed-in-user')).toContainText(account === 'admin' ? 'admin' : account);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('logout').click();
    await expect(this.page.getByTestId('login-user')).toBeVisible();
  }

  problem() {
    return this.page.getByTestId('login-problem');
  }
}
