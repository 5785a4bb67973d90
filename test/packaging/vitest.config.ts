import { defineConfig } from 'vitest/config';

// The packaging check builds the app, so it runs on its own (`npm run test:package`), after check.
export default defineConfig({
  test: { include: ['test/packaging/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
});
