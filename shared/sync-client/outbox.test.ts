import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from './memory-store.ts';
import { createOutbox, eventIdOf, type NewEvent } from './outbox.ts';
import { TransportError, type FeedHttp, type HttpResponse } from './ports.ts';

const held: NewEvent = { type: 'letter-held', at: '2026-11-28T10:00:00Z', letterId: 'L-1', verdict: 'HOLD', entryIds: ['UPC-1'] };
const head: NewEvent = { type: 'audit-head', at: '2026-11-28T10:01:00Z', seq: 41, hash: 'a'.repeat(64) };

function service(answer: (ids: string[]) => HttpResponse | Error) {
  const received: string[][] = [];
  const http: FeedHttp = {
    get: async () => ({ status: 404, body: '' }),
    async postJson(_path, body) {
      const ids = (body as { events: { id: string }[] }).events.map((e) => e.id);
      received.push(ids);
      const a = answer(ids);
      if (a instanceof Error) throw a;
      return a;
    },
  };
  return { http, received };
}
const stored = (ids: string[]): HttpResponse => ({ status: 200, body: JSON.stringify({ results: ids.map((id) => ({ id, status: 'stored' })) }) });

describe('the outbox', () => {
  it('gives the same event the same id, so it is queued and stored once', async () => {
    const store = createMemoryOutbox();
    const { http } = service(stored);
    const outbox = createOutbox({ store, http, clock: { now: () => 0 } });
    const [a] = await outbox.enqueue([held]);
    const [b] = await outbox.enqueue([held]);
    expect(a).toBe(b);
    expect(a).toBe(eventIdOf(held));
    expect(await store.count()).toBe(1);
  });

  it('keeps events through a network failure, retries after the backoff, and empties on success', async () => {
    const store = createMemoryOutbox();
    let down = true;
    const { http, received } = service((ids) => (down ? new TransportError('unreachable', 'connection refused') : stored(ids)));
    let now = 1000;
    const outbox = createOutbox({ store, http, clock: { now: () => now }, backoff: { backoffStartMs: 5000, random: () => 1 } });
    await outbox.enqueue([held, head]);
    expect(await outbox.flush()).toMatchObject({ sent: 0, pending: 2, error: expect.stringMatching(/connection refused/) });
    expect(await outbox.flush()).toMatchObject({ sent: 0, pending: 2 }); // not due yet
    expect(received).toHaveLength(1);
    down = false;
    now += 5000;
    expect(await outbox.flush()).toEqual({ sent: 2, pending: 0, error: null });
  });

  it('counts duplicates as delivered (a reply lost after the service stored them)', async () => {
    const store = createMemoryOutbox();
    const { http } = service((ids) => ({ status: 200, body: JSON.stringify({ results: ids.map((id) => ({ id, status: 'duplicate' })) }) }));
    const outbox = createOutbox({ store, http, clock: { now: () => 0 } });
    await outbox.enqueue([held]);
    expect(await outbox.flush()).toMatchObject({ sent: 1, pending: 0 });
  });

  it('holds events back on a revoked token and says so', async () => {
    const store = createMemoryOutbox();
    const { http } = service(() => ({ status: 401, body: '' }));
    const outbox = createOutbox({ store, http, clock: { now: () => 0 } });
    await outbox.enqueue([held]);
    expect(await outbox.flush()).toMatchObject({ pending: 1, error: expect.stringMatching(/re-enrol/) });
  });

  it('refuses to queue an event the service would never accept', async () => {
    const outbox = createOutbox({ store: createMemoryOutbox(), http: service(stored).http, clock: { now: () => 0 } });
    await expect(outbox.enqueue([{ ...held, letterId: 'has spaces' }])).rejects.toThrow();
  });
});
