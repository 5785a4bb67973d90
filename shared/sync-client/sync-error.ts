// Why a sync did not bring the list forward, in words an officer or administrator can act on.
// Messages name versions, pages, keys and times, never an entry's contents.
import type { TransportFailure } from './ports.ts';
import type { VerifyErrorCode } from '../sync/index.ts';

export type SyncErrorCode =
  | TransportFailure
  | 'server-error' // 5xx
  | 'unauthorized' // 401: the station's token is revoked or unknown
  | 'http-error' // any other unexpected status
  | VerifyErrorCode // malformed, bad-pinned-key, bad-key-chain, unknown-key, bad-signature, expired
  | 'too-many-changes' // more changes than asked for
  | 'rollback' // a version lower than the one held
  | 'replayed' // a page already applied, or older than one already verified
  | 'version-gap'
  | 'discontinuous' // a page that does not follow the held version, or a snapshot whose pages disagree
  | 'digest-mismatch'
  | 'pinned-key-mismatch'
  | 'not-enrolled'
  | 'internal'; // the station's own failure (storage full, a bug): nothing was refused, the held list stands

/** Transport and server failures are retried; the rest are refusals of what the service sent. */
const TRANSIENT: ReadonlySet<SyncErrorCode> = new Set<SyncErrorCode>(['unreachable', 'timeout', 'interrupted', 'server-error', 'http-error', 'internal']);

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  /** A refusal is audited: the service (or someone between) sent something the station will not use. */
  get refusal(): boolean {
    return !TRANSIENT.has(this.code) && this.code !== 'unauthorized' && this.code !== 'not-enrolled';
  }

  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}

export function hours(ms: number): string {
  const h = Math.abs(ms) / 3_600_000;
  return h >= 1 ? `${h.toFixed(1)} h` : `${Math.round(Math.abs(ms) / 60_000)} min`;
}
