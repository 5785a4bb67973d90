// Saves a screenshot of a main screen into docs/screenshots (committed; the README shows them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: false, animations: 'disabled', caret: 'hide' });
}
