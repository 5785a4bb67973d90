// Runs a channel's handler for main (Electron IPC) and the web harness (HTTP) alike: the payload is
// validated against the one contract first, and every outcome becomes a result envelope.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { channels, isChannel, type Channel, type RequestOf, type ResponseOf } from '../../shared/ipc/contract.ts';
import { fail, ok, type IpcResult } from '../../shared/ipc/result.ts';
import { UnreadableInputError } from '../ocr/types.ts';
import { createLogger } from './log.ts';
import { IntakeNotFoundError } from './intake-bridge.ts';
import { HeadRollbackError } from '../../shared/audit/index.ts';
import { AirGappedError, NotEnrolledError, SyncRefusedError } from './sync-service.ts';

export type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

const log = createLogger('dispatch');

/** Names the fields that failed, never their values (a request can carry victim data). */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.code === 'custom' ? i.message : i.code}`)
    .join('; ');
}

export function createDispatcher(handlers: Handlers) {
  return async function dispatch(channel: unknown, payload: unknown): Promise<IpcResult<unknown>> {
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', 'unknown channel');
    const parsed = channels[channel].request.safeParse(payload ?? {});
    if (!parsed.success) return fail('INVALID_REQUEST', `invalid request for ${channel}: ${describe(parsed.error)}`);
    const started = performance.now();
    try {
      const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      const ms = performance.now() - started;
      if (ms > 2000) log.warn(`slow call ${channel}: ${ms.toFixed(0)} ms`);
      return ok(value);
    } catch (e) {
      if (e instanceof UnreadableInputError) return fail('UNREADABLE_INPUT', e.reason);
      if (e instanceof IntakeNotFoundError) return fail('NOT_FOUND', e.message);
      // Their messages are written for the administrator and name no secret (never the device token).
      if (e instanceof SyncRefusedError) return fail('REFUSED', e.message);
      if (e instanceof NotEnrolledError || e instanceof AirGappedError) return fail('UNAVAILABLE', e.message);
      if (e instanceof HeadRollbackError) {
        // The records' audit chain went backwards (a wiped or replaced profile): a security event
        // the station must show, not an internal failure.
        log.warn(`refused to sign an audit head: ${e.message}`);
        return fail('REFUSED', e.message);
      }
      const incident = randomUUID().slice(0, 8);
      // Only the error's kind is logged: an unexpected error's message may quote what it choked on,
      // and that can be victim data. The incident id ties the log line to what the user saw.
      log.error(`call ${channel} failed (incident ${incident}): ${e instanceof Error ? e.name : typeof e}`);
      return fail('INTERNAL', `the operation failed (incident ${incident}); the details are in the log`);
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
