// The engine's feed port over main: answers pass through, main's transport failures keep their
// kind, and a refusal from main (not enrolled) is a service the engine cannot reach.
import { describe, expect, it } from 'vitest';
import type { MailroomApi } from '../../../shared/ipc/api.ts';
import { IpcCallError } from '../../../shared/ipc/result.ts';
import { TransportError } from '../../../shared/sync-client/index.ts';
import { createIpcFeed } from './ipc-feed.ts';

const limits = { maxBytes: 1000, timeoutMs: 500 };

function apiAnswering(answer: Awaited<ReturnType<MailroomApi['sync']['request']>> | Error) {
  const asked: unknown[] = [];
  const api: Pick<MailroomApi, 'sync'> = {
    sync: {
      enrol: () => Promise.reject(new Error('unused')),
      enrolment: () => Promise.reject(new Error('unused')),
      request: async (r) => {
        asked.push(r);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
  return { api, asked };
}

describe('the feed port over main', () => {
  it('asks main for the path with the limits, and returns its status and body', async () => {
    const { api, asked } = apiAnswering({ kind: 'response', status: 200, body: '{"ok":1}' });
    const feed = createIpcFeed(api);
    expect(await feed.get('/v1/blocklist/head', limits)).toEqual({ status: 200, body: '{"ok":1}' });
    await feed.postJson('/v1/events', { events: [] }, limits);
    expect(asked).toEqual([
      { method: 'GET', path: '/v1/blocklist/head', maxBytes: 1000, timeoutMs: 500 },
      { method: 'POST', path: '/v1/events', body: { events: [] }, maxBytes: 1000, timeoutMs: 500 },
    ]);
  });

  it("keeps the kind of main's transport failure, so the engine words and retries it right", async () => {
    const feed = createIpcFeed(apiAnswering({ kind: 'failure', failure: 'too-large', message: 'the response is over the 1000 byte limit' }).api);
    const error = await feed.get('/v1/blocklist/head', limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ failure: 'too-large', message: 'the response is over the 1000 byte limit' });
  });

  it("turns main's refusal into an unreachable service, with main's words", async () => {
    const feed = createIpcFeed(apiAnswering(new IpcCallError('UNAVAILABLE', 'this station is not enrolled with the central service')).api);
    await expect(feed.get('/v1/blocklist/head', limits)).rejects.toMatchObject({ failure: 'unreachable', message: 'this station is not enrolled with the central service' });
  });
});
