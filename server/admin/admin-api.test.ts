import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../shared/sync/index.ts';
import { TEST_DATABASES, sampleEntry } from '../test-support/test-service.ts';
import { useTestService } from '../test-support/use-test-service.ts';

describe.each(TEST_DATABASES)('admin API and device tokens on %s', (database) => {
  const server = useTestService(database);

  it('refuses an unknown admin token with 401 and nothing else', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer mra_not-the-token' }, { authorization: 'Basic abc' }];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/v1/admin/entries`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(sampleEntry('UPC-1')) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'unknown or revoked token' } });
    }
    expect(await server.service.blocks.count()).toBe(0);
  });

  it('refuses unknown and revoked device tokens on every feed route with 401', async () => {
    const device = await server.enrol('LEI');
    expect((await server.device(device.token, 'GET', '/v1/blocklist/changes?since=0')).status).toBe(200);
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/blocklist/changes?since=0'],
      ['GET', '/v1/blocklist/snapshot?page=0'],
      ['GET', '/v1/blocklist/head'],
      ['POST', '/v1/events', { events: [{ id: 'evt-00000001', type: 'audit-head', at: '2026-11-28T10:00:00Z', seq: 1, hash: 'a'.repeat(64) }] }],
    ];
    for (const [method, path, body] of routes) {
      expect((await server.device('mrd_unknown-token', method, path, body)).status).toBe(401);
      expect((await server.device(server.service.generatedAdminToken ?? 'mra_x', method, path, body)).status).toBe(401);
    }
    expect((await server.admin('DELETE', `/v1/admin/devices/${device.deviceId}`)).status).toBe(204);
    for (const [method, path, body] of routes) {
      const res = await server.device(device.token, method, path, body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'unknown or revoked token' } });
    }
    const other = await server.enrol('MAN');
    expect((await server.device(other.token, 'GET', '/v1/blocklist/head')).status).toBe(200);
  });

  it('lists when each device was last seen, and never for one that has not polled', async () => {
    const devices: { deviceId: string; token: string }[] = [];
    for (let i = 0; i < 3; i++) devices.push(...(await Promise.all(Array.from({ length: 10 }, () => server.enrol('LEI')))));
    const polled = devices.filter((_, i) => i % 3 !== 0);
    const before = Date.now() - 1000;
    for (const d of polled) expect((await server.device(d.token, 'GET', '/v1/blocklist/changes?since=0')).status).toBe(200);
    const listed = ((await (await server.admin('GET', '/v1/admin/devices')).json()) as { devices: { id: string; lastSeenAt: string | null }[] }).devices;
    const seen = new Map(listed.map((d) => [d.id, d.lastSeenAt]));
    for (const d of devices) {
      const at = seen.get(d.deviceId);
      if (polled.includes(d)) expect(Date.parse(at!)).toBeGreaterThan(before);
      else expect(at).toBeNull();
    }
  });

  it('enrols a device with its own token and the server key as 32 bytes of base64', async () => {
    const a = await server.enrol('LEI');
    const b = await server.enrol('LEI');
    expect(a.deviceId).not.toBe(b.deviceId);
    expect(a.token).not.toBe(b.token);
    expect(base64ToBytes(a.serverKey)?.length).toBe(32);
    const bad = await server.admin('POST', '/v1/admin/devices', { site: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('site');
  });

  it('rejects malformed entries with 400 naming the field, never echoing the victim data', async () => {
    const cases: [Record<string, unknown> | string, string][] = [
      [{ ...sampleEntry('UPC-2'), names: [], addresses: [] }, 'names'],
      [{ ...sampleEntry('UPC-3'), requestedBy: 'Jane Testperson' }, 'requestedBy'],
      [{ ...sampleEntry('UPC-4'), scope: { kind: 'prisoners', prisonNumbers: ['Jane Testperson'] } }, 'scope.prisonNumbers.0'],
      [{ ...sampleEntry('UPC-5'), validFrom: 'Jane Testperson' }, 'validFrom'],
      [{ ...sampleEntry('UPC-6'), addresses: [{ lines: [], town: 'Leeds' }] }, 'addresses'],
      [{ ...sampleEntry('UPC-7'), requestedBy: 'on-behalf-with-consent' }, 'consentGiven'],
      [{ ...sampleEntry(''), id: '' }, 'id'],
      ['{"id": "UPC-8", "names": ["Jane Testperson"', '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await server.admin('POST', '/v1/admin/entries', body);
      const text = await res.text();
      expect(res.status, field).toBe(400);
      expect((JSON.parse(text) as { error: { field: string } }).error.field).toBe(field);
      expect(text).not.toMatch(/Testperson|Acacia|LS6|07700|example\.org/);
    }
    expect(await server.service.blocks.count()).toBe(0);
    expect(server.logs()).not.toMatch(/Testperson|Acacia|LS6 2AB|07700|example\.org/);
  });

  it('keeps the entry id it is given and answers 409 to a duplicate id', async () => {
    const first = await server.admin('POST', '/v1/admin/entries', sampleEntry('UPC-100231'));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ id: 'UPC-100231', status: 'applied', version: 1 });
    const again = await server.admin('POST', '/v1/admin/entries', sampleEntry('UPC-100231', { names: ['Someone Else'] }));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: 'duplicate', field: 'id' });
    expect(await server.service.blocks.headVersion()).toBe(1);
    const got = (await (await server.admin('GET', '/v1/admin/entries/UPC-100231')).json()) as { entry: { names: string[] }; enteredBy: string };
    expect(got.entry.names).toEqual(['Jane Testperson', 'Jane Example']);
    expect(got.enteredBy).toBe('admin');
  });

  it('raises the version on every change and audits who, when and why', async () => {
    await server.admin('POST', '/v1/admin/entries', sampleEntry('UPC-1'), { 'x-mailroom-reason': 'police request 42' });
    await server.admin('PUT', '/v1/admin/entries/UPC-1', sampleEntry('UPC-1', { phones: ['07700 900123', '07700 900999'] }));
    await server.admin('DELETE', '/v1/admin/entries/UPC-1?override=true', undefined, { 'x-mailroom-reason': 'victim moved abroad, withdrawn' });
    expect(await server.service.blocks.headVersion()).toBe(3);
    const { audit } = (await (await server.admin('GET', '/v1/admin/audit?entryId=UPC-1')).json()) as {
      audit: { action: string; actor: string; listVersion: number; reason: string | null; at: string }[];
    };
    expect(audit.map((a) => [a.action, a.listVersion, a.reason]).reverse()).toEqual([
      ['entry.add', 1, 'police request 42'],
      ['entry.update', 2, null],
      ['entry.remove.override', 3, 'victim moved abroad, withdrawn'],
    ]);
    expect(audit.every((a) => a.actor === 'admin' && !Number.isNaN(Date.parse(a.at)))).toBe(true);
  });

  it('imports a blocklist file in one go, one version per entry, refusing ids that exist', async () => {
    const file = { format: 'mailroom-blocklist/v1', version: 3, entries: [sampleEntry('A-1'), sampleEntry('A-2'), sampleEntry('A-3')] };
    const res = await server.admin('POST', '/v1/admin/import', file);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ count: 3, firstVersion: 1, lastVersion: 3 });
    const again = await server.admin('POST', '/v1/admin/import', { ...file, entries: [sampleEntry('A-4'), sampleEntry('A-2')] });
    expect(again.status).toBe(409);
    expect(await server.service.blocks.count()).toBe(3);
  });
});
