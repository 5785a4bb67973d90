/// <reference lib="webworker" />
// Verifies feed pages off the UI thread: a first sync's signatures and canonical forms are most of
// its work. Answers exactly as the engine's own check would (shared/sync's verifySignedPage).
import { verifySignedPage, type VerifyResult } from '../../../shared/sync/index.ts';
import type { VerifyRequest, VerifyResponse } from './verify-messages.ts';

declare const self: DedicatedWorkerGlobalScope;

function verify(text: string, key: string): VerifyResult {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'malformed', message: 'the body is not JSON' } };
  }
  try {
    return verifySignedPage(envelope, key);
  } catch {
    // The canonical encoder throws on what JSON cannot carry canonically (a lone surrogate).
    return { ok: false, error: { code: 'malformed', message: 'its payload has no canonical form' } };
  }
}

self.onmessage = (event: MessageEvent<VerifyRequest>) => {
  const { id, text, key } = event.data;
  const reply: VerifyResponse = { id, result: verify(text, key) };
  self.postMessage(reply);
};
