import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES, sampleEntry } from '../test-support/test-service.ts';
import { useTestService } from '../test-support/use-test-service.ts';

const alice = { kind: 'handler', username: 'alice' } as const;
const bob = { kind: 'handler', username: 'bob' } as const;

describe.each(TEST_DATABASES)('the two-person rule on %s', (database) => {
  const server = useTestService(database);
  beforeEach(async () => {
    expect((await server.admin('POST', '/v1/admin/entries', sampleEntry('T-1'))).status).toBe(201);
  });

  it('keeps a block in force until a second case handler approves its removal', async () => {
    const { blocks } = server.service;
    const proposed = await blocks.remove('T-1', alice, 'victim asked');
    expect(proposed.status).toBe('pending-approval');
    expect(await blocks.get('T-1')).not.toBeNull();
    expect(await blocks.headVersion()).toBe(1);

    await expect(blocks.approve(proposed.status === 'pending-approval' ? proposed.proposalId : '', alice)).rejects.toMatchObject({ code: 'same-handler' });
    expect(await blocks.get('T-1')).not.toBeNull();

    const approved = await blocks.approve(proposed.status === 'pending-approval' ? proposed.proposalId : '', bob);
    expect(approved).toEqual({ status: 'applied', version: 2 });
    expect(await blocks.get('T-1')).toBeNull();
  });

  it('applies what an edit adds at once and holds what it takes away', async () => {
    const { blocks } = server.service;
    const edit = sampleEntry('T-1', { names: ['Jane Corrected'], phones: ['07700 900123', '07700 900555'] });
    const res = await server.admin('PUT', '/v1/admin/entries/T-1', edit);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { status: string; proposalId: string; version: number; narrowed: string[] };
    expect(body).toMatchObject({ status: 'pending-approval', version: 2, narrowed: ['names'] });

    const now = (await blocks.get('T-1'))!;
    expect(now.entry.names).toEqual(['Jane Corrected', 'Jane Testperson', 'Jane Example']);
    expect(now.entry.phones).toEqual(['07700 900123', '07700 900555']);

    expect(await blocks.approve(body.proposalId, alice)).toEqual({ status: 'applied', version: 3 });
    expect((await blocks.get('T-1'))!.entry.names).toEqual(['Jane Corrected']);
  });

  it('does not apply an approval when the block changed after it was proposed', async () => {
    const { blocks } = server.service;
    const proposed = await blocks.remove('T-1', alice, null);
    await blocks.update('T-1', { entry: sampleEntry('T-1', { emails: ['new@example.org', 'jane@example.org'] }) as never, consentGiven: null }, bob, null);
    expect(await blocks.approve(proposed.status === 'pending-approval' ? proposed.proposalId : '', bob)).toEqual({ status: 'stale' });
    expect(await blocks.get('T-1')).not.toBeNull();
  });

  it('lets the admin token override only with a reason, and audits the override', async () => {
    const without = await server.admin('DELETE', '/v1/admin/entries/T-1?override=true');
    expect(without.status).toBe(400);
    expect(((await without.json()) as { error: { field: string } }).error.field).toBe('reason');
    const plain = await server.admin('DELETE', '/v1/admin/entries/T-1');
    expect(plain.status).toBe(202);
    expect(await server.service.blocks.get('T-1')).not.toBeNull();
    const forced = await server.admin('DELETE', '/v1/admin/entries/T-1?override=true', undefined, { 'x-mailroom-reason': 'court order 7' });
    expect(forced.status).toBe(200);
    expect(await server.service.blocks.get('T-1')).toBeNull();
    const { audit } = (await (await server.admin('GET', '/v1/admin/audit?entryId=T-1')).json()) as { audit: { action: string; reason: string }[] };
    expect(audit[0]).toMatchObject({ action: 'entry.remove.override', reason: 'court order 7' });
  });
});
