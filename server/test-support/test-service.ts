// Starts the service for a test on loopback, on its own port and its own data: a temp PGlite folder,
// or, when TEST_DATABASE_URL is set, its own schema in that PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { createService, type Service } from '../app.ts';
import type { DatabaseConfig } from '../db/database.ts';

export const ADMIN_TOKEN = 'mra_test-admin-token-0123456789';

export interface TestStore {
  readonly database: DatabaseConfig;
  readonly dataKey: Uint8Array;
  dispose(): Promise<void>;
}

export type TestDatabase = 'pglite' | 'postgres';

/** Every server test runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set (CI). */
export const TEST_DATABASES: readonly TestDatabase[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, empty place for one test's data: reused across restarts, removed at the end. */
export async function createTestStore(database: TestDatabase): Promise<TestStore> {
  const dataKey = randomBytes(32);
  const url = process.env.TEST_DATABASE_URL;
  if (database === 'postgres') {
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    return {
      database: { kind: 'postgres', url, schema, poolSize: 5 },
      dataKey,
      dispose: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'mailroom-server-test-'));
  await cp(await pgliteTemplate(), join(dir, 'db'), { recursive: true });
  return { database: { kind: 'pglite', dataDir: join(dir, 'db') }, dataKey, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * An initialised, empty PGlite folder, made once per machine and copied for each test: initdb takes
 * seconds on a busy machine, a copy a fraction of that. Made aside and renamed into place, so test
 * files starting together never see half a template.
 */
export async function pgliteTemplate(): Promise<string> {
  const { version } = JSON.parse(await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string };
  const template = join(tmpdir(), `mailroom-server-pglite-template-${version}`);
  if (await stat(join(template, 'PG_VERSION')).then(() => true, () => false)) return template;
  const scratch = await mkdtemp(join(tmpdir(), 'mailroom-server-template-'));
  const db = new PGlite(join(scratch, 'db'));
  await db.waitReady;
  await db.close();
  await rename(join(scratch, 'db'), template).catch(() => undefined); // another test file won the race
  await rm(scratch, { recursive: true, force: true });
  return template;
}

export interface TestService {
  readonly service: Service;
  readonly url: string;
  readonly logs: () => string;
  admin(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  device(token: string, method: string, path: string, body?: unknown): Promise<Response>;
  enrol(site?: string): Promise<{ deviceId: string; token: string; serverKey: string }>;
  close(): Promise<void>;
}

export async function startTestService(
  store: TestStore,
  options: { adminToken?: string | null; pageTtlMs?: number; snapshotPageSize?: number } = {},
): Promise<TestService> {
  let logText = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logText += chunk.toString('utf8');
      callback();
    },
  });
  const service = await createService({
    database: store.database,
    dataKey: store.dataKey,
    adminToken: options.adminToken === undefined ? ADMIN_TOKEN : options.adminToken,
    ...(options.pageTtlMs ? { pageTtlMs: options.pageTtlMs } : {}),
    ...(options.snapshotPageSize ? { snapshotPageSize: options.snapshotPageSize } : {}),
    log: { level: 'debug', stream },
  });
  const url = await service.listen(0, '127.0.0.1');

  const call = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });

  const handle: TestService = {
    service,
    url,
    logs: () => logText,
    admin: (method, path, body, headers) => call(options.adminToken ?? ADMIN_TOKEN, method, path, body, headers),
    device: (token, method, path, body) => call(token, method, path, body),
    async enrol(site = 'LEI') {
      const res = await handle.admin('POST', '/v1/admin/devices', { site });
      if (res.status !== 201) throw new Error(`enrol failed: ${res.status}`);
      return (await res.json()) as { deviceId: string; token: string; serverKey: string };
    },
    close: () => service.close(),
  };
  return handle;
}

/** A plausible, synthetic block entry. */
export function sampleEntry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    names: ['Jane Testperson', 'Jane Example'],
    addresses: [{ lines: ['Flat 2', '14 Acacia Road'], town: 'Leeds', postcode: 'LS6 2AB' }],
    phones: ['07700 900123'],
    emails: ['jane@example.org'],
    scope: { kind: 'all-prisoners' },
    requestedBy: 'victim',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: null,
    ...overrides,
  };
}
