import { describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/test-service.ts';
import { useTestService } from '../test-support/use-test-service.ts';

const held = (id: string) => ({
  id, type: 'letter-held', at: '2026-11-28T10:00:00Z', letterId: 'LTR-1', verdict: 'HOLD', entryIds: ['UPC-1'], sender: 'A1234BC', listVersion: 3,
});

describe.each(TEST_DATABASES)('events from mailrooms on %s', (database) => {
  const server = useTestService(database);

  it('stores held letters, decisions and audit heads once each, however often they are sent', async () => {
    const { token } = await server.enrol();
    const events = [
      held('evt-held-0001'),
      { id: 'evt-decision-0001', type: 'decision', at: '2026-11-28T10:05:00Z', letterId: 'LTR-1', decision: 'withheld', decidedBy: 'officer-17' },
      { id: 'evt-audit-0001', type: 'audit-head', at: '2026-11-28T10:06:00Z', seq: 42, hash: 'ab'.repeat(32) },
    ];
    const first = await server.device(token, 'POST', '/v1/events', { events });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    const again = await server.device(token, 'POST', '/v1/events', { events: [...events, held('evt-held-0002')] });
    expect(((await again.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'stored']);
    expect(await server.service.events.count()).toBe(4);
  });

  it('refuses an event carrying anything beyond ids, verdicts and hashes, naming the field', async () => {
    const { token } = await server.enrol();
    const withAddress = { ...held('evt-held-0003'), addressee: 'Jane Testperson, 14 Acacia Road' };
    const res = await server.device(token, 'POST', '/v1/events', { events: [withAddress] });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('Acacia');
    const withImage = { ...held('evt-held-0004'), image: 'data:image/jpeg;base64,AAAA' };
    expect((await server.device(token, 'POST', '/v1/events', { events: [withImage] })).status).toBe(400);
    expect(await server.service.events.count()).toBe(0);
  });
});
