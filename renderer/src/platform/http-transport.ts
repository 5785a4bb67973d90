// The web harness's transport: calls are POSTs to /api/invoke/<channel>, events arrive over one
// Server-Sent Events stream. The same contract and the same result envelope as Electron's IPC.
import type { Transport } from '../../../shared/ipc/api.ts';
import { decodeJson, encodeJson } from '../../../shared/ipc/codec.ts';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { fail, type IpcResult } from '../../../shared/ipc/result.ts';

export function createHttpTransport(origin: string): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const ensureSource = (event: EventName): EventSource => {
    source ??= new EventSource(`${origin}/api/events`);
    if (!listeners.has(event)) {
      const set = new Set<(payload: unknown) => void>();
      listeners.set(event, set);
      source.addEventListener(event, (message) => {
        const payload = decodeJson((message as MessageEvent<string>).data);
        for (const listener of set) listener(payload);
      });
    }
    return source;
  };

  return {
    async invoke(channel, request): Promise<IpcResult<unknown>> {
      try {
        const response = await fetch(`${origin}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: encodeJson(request),
        });
        return decodeJson(await response.text()) as IpcResult<unknown>;
      } catch {
        return fail('UNAVAILABLE', 'the mailroom service is not answering');
      }
    },
    subscribe(event, listener) {
      ensureSource(event);
      listeners.get(event)?.add(listener);
      return () => {
        listeners.get(event)?.delete(listener);
      };
    },
  };
}
