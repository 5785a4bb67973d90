// The sync engine's FeedHttp port over main: the renderer names a path on the enrolled service and
// main adds the address and the device token, so the token never enters this window.
import type { MailroomApi } from '../../../shared/ipc/api.ts';
import { IpcCallError } from '../../../shared/ipc/result.ts';
import { TransportError, type FeedHttp, type HttpResponse, type RequestLimits } from '../../../shared/sync-client/index.ts';

export function createIpcFeed(api: Pick<MailroomApi, 'sync'>): FeedHttp {
  const send = async (method: 'GET' | 'POST', path: string, body: unknown, limits: RequestLimits): Promise<HttpResponse> => {
    let answer;
    try {
      answer = await api.sync.request({ method, path, ...(body === undefined ? {} : { body }), maxBytes: limits.maxBytes, timeoutMs: limits.timeoutMs });
    } catch (e) {
      // Main refused or could not be reached: to the engine that is a service it cannot reach.
      throw new TransportError('unreachable', e instanceof IpcCallError ? e.message : 'the mailroom service did not answer');
    }
    if (answer.kind === 'failure') throw new TransportError(answer.failure, answer.message);
    return { status: answer.status, body: answer.body };
  };
  return {
    get: (path, limits) => send('GET', path, undefined, limits),
    postJson: (path, body, limits) => send('POST', path, body, limits),
  };
}
