import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real UI in Debian's Chromium through the web harness (demo mode), and
// the Electron shell where an Electron binary exists. One worker: OCR already uses both cores.
const port = Number(process.env['E2E_PORT'] ?? 5199);
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'web', testMatch: /web\/.*\.spec\.ts$/ },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts$/ },
  ],
  webServer: {
    command: 'npm run start:web',
    url: `http://127.0.0.1:${port}/api/health`,
    // The at-rest test's positive control needs records stored in the clear: test-only switch.
    env: { PORT: String(port), MAILROOM_E2E_POSITIVE_CONTROL: '1' },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
