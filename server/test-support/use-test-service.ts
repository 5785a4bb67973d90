// The setup every server test shares, with vitest's hooks: kept apart from test-service.ts, which
// Playwright specs import too.
import { afterEach, beforeEach } from 'vitest';
import { createTestStore, startTestService, type TestDatabase, type TestService, type TestStore } from './test-service.ts';

/**
 * Per test: a fresh store and a started service before each test, both
 * gone after it. The handle reaches whichever service the running test has.
 */
export function useTestService(database: TestDatabase, options: Parameters<typeof startTestService>[1] = {}): TestService {
  let current: { store: TestStore; server: TestService } | null = null;
  beforeEach(async () => {
    const store = await createTestStore(database);
    current = { store, server: await startTestService(store, options) };
  });
  afterEach(async () => {
    if (!current) return;
    const { store, server } = current;
    current = null;
    await server.close();
    await store.dispose();
  });
  const server = (): TestService => {
    if (!current) throw new Error('useTestService: the service exists only while a test runs');
    return current.server;
  };
  return {
    get service() {
      return server().service;
    },
    get url() {
      return server().url;
    },
    logs: () => server().logs(),
    admin: (...args) => server().admin(...args),
    device: (...args) => server().device(...args),
    enrol: (...args) => server().enrol(...args),
    close: () => server().close(),
  };
}
