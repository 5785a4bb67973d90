/// <reference lib="webworker" />
// The sync's heavy work off the UI thread: verifying feed pages (a first sync's signatures and
// canonical forms are most of its work), answering exactly as the engine's own check would, and
// re-checking recent CLEAR letters against the entries a list change brought.
import { buildEngine } from '../../../shared/screening/engine.ts';
import { verifySignedPageText, type VerifyResult } from '../../../shared/sync/index.ts';
import { recheckLetters } from '../../../shared/sync-client/index.ts';
import type { SyncWorkerRequest, SyncWorkerResponse } from './sync-worker-messages.ts';

declare const self: DedicatedWorkerGlobalScope;

/** shared/sync's check over the page text as received (the engine's own answer), with its pure Ed25519. */
async function verify(text: string, key: string): Promise<VerifyResult> {
  try {
    return await verifySignedPageText(text, key);
  } catch {
    return { ok: false, error: { code: 'malformed', message: 'its payload has no canonical form' } };
  }
}

self.onmessage = async (event: MessageEvent<SyncWorkerRequest>) => {
  const request = event.data;
  let reply: SyncWorkerResponse;
  try {
    switch (request.kind) {
      case 'verify':
        reply = { id: request.id, kind: 'verified', result: await verify(request.text, request.key) };
        break;
      case 'recheck':
        reply = { id: request.id, kind: 'rechecked', findings: recheckLetters(request.change, request.letters, buildEngine, new Date(request.now), request.hours) };
        break;
      default: {
        const never: never = request;
        throw new Error(`unknown request ${String(never)}`);
      }
    }
  } catch (e) {
    reply = { id: request.id, kind: 'failed', message: e instanceof Error ? e.message.slice(0, 200) : 'the sync worker failed' };
  }
  self.postMessage(reply);
};
