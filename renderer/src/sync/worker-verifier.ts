// The engine's PageVerifier port over a Web Worker, so verifying a large first sync never freezes
// the window. A worker that fails answers every waiting page with a refusal, never a pass.
import type { PageVerifier } from '../../../shared/sync-client/index.ts';
import type { VerifyResult } from '../../../shared/sync/index.ts';
import type { VerifyRequest, VerifyResponse } from './verify-messages.ts';

export function createWorkerVerifier(): PageVerifier & { stop(): void } {
  let worker: Worker | null = null;
  const pending = new Map<number, (r: VerifyResult) => void>();
  let nextId = 1;

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'malformed', message } });
    pending.clear();
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<VerifyResponse>) => {
      const resolve = pending.get(event.data.id);
      pending.delete(event.data.id);
      resolve?.(event.data.result);
    };
    w.onerror = () => {
      worker = null;
      failAll('the page could not be verified (the verifying worker stopped)');
    };
    worker = w;
    return w;
  };

  return {
    verifyText(text, trustedKey) {
      const id = nextId++;
      return new Promise<VerifyResult>((resolve) => {
        pending.set(id, resolve);
        const request: VerifyRequest = { id, text, key: trustedKey };
        ensure().postMessage(request);
      });
    },
    stop() {
      worker?.terminate();
      worker = null;
      failAll('the page could not be verified (the station is closing)');
    },
  };
}
