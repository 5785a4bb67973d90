import { describe, expect, it } from 'vitest';
import { TEST_DATABASES, sampleEntry } from '../test-support/test-service.ts';
import { useTestService } from '../test-support/use-test-service.ts';

describe.each(TEST_DATABASES)('victim data at rest on %s', (database) => {
  const server = useTestService(database);

  it('keeps names, addresses, phones and emails only sealed in the database', async () => {
    await server.admin('POST', '/v1/admin/entries', sampleEntry('S-1'));
    await server.admin('PUT', '/v1/admin/entries/S-1', sampleEntry('S-1', { names: ['Jane Testperson'] }));
    const { db } = server.service;
    const dump = [];
    for (const table of ['changes', 'entries', 'audit_log', 'proposals', 'settings']) {
      dump.push(JSON.stringify(await db.query(`SELECT * FROM ${table}`), (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)));
    }
    const text = dump.join('\n');
    expect(text).toContain('S-1');
    expect(text).not.toMatch(/Testperson|Acacia|LS6 2AB|07700|example\.org/);
  });
});
