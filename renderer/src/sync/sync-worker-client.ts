// The sync worker's handle: the engine's PageVerifier port and the re-check, each a promise. A
// worker that fails answers every waiting page with a refusal (never a pass) and every re-check
// with an error (the sync reports it; the letters stay as they were until the next change).
import type { ListChange, PageVerifier, RecheckFinding, ScreenedLetter } from '../../../shared/sync-client/index.ts';
import type { VerifyResult } from '../../../shared/sync/index.ts';
import type { SyncWorkerRequest, SyncWorkerResponse } from './sync-worker-messages.ts';

type Outgoing = SyncWorkerRequest extends infer R ? (R extends SyncWorkerRequest ? Omit<R, 'id'> : never) : never;

export interface SyncWorker {
  readonly verifier: PageVerifier;
  recheck(change: ListChange, letters: readonly ScreenedLetter[], now: Date, hours: number): Promise<RecheckFinding[]>;
  stop(): void;
}

export function createSyncWorker(): SyncWorker {
  let worker: Worker | null = null;
  const pending = new Map<number, (r: SyncWorkerResponse) => void>();
  let nextId = 1;

  const failAll = (message: string) => {
    for (const [id, resolve] of pending) resolve({ id, kind: 'failed', message });
    pending.clear();
  };
  const send = (request: Outgoing): Promise<SyncWorkerResponse> => {
    if (!worker) {
      const w = new Worker(new URL('./sync-worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (event: MessageEvent<SyncWorkerResponse>) => {
        const resolve = pending.get(event.data.id);
        pending.delete(event.data.id);
        resolve?.(event.data);
      };
      w.onerror = () => {
        worker = null;
        failAll('the sync worker stopped');
      };
      worker = w;
    }
    const id = nextId++;
    const target = worker;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      target.postMessage({ ...request, id });
    });
  };

  return {
    verifier: {
      async verifyText(text, trustedKey): Promise<VerifyResult> {
        const r = await send({ kind: 'verify', text, key: trustedKey });
        if (r.kind === 'verified') return r.result;
        return { ok: false, error: { code: 'malformed', message: `the page could not be verified (${r.kind === 'failed' ? r.message : 'unexpected reply'})` } };
      },
    },
    async recheck(change, letters, now, hours) {
      const r = await send({ kind: 'recheck', change, letters, now: now.getTime(), hours });
      if (r.kind !== 'rechecked') throw new Error(`the re-check failed (${r.kind === 'failed' ? r.message : 'unexpected reply'})`);
      return [...r.findings];
    },
    stop() {
      worker?.terminate();
      worker = null;
      failAll('the station is closing');
    },
  };
}
