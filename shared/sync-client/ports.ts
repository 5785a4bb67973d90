// What the sync engine needs from the place it runs, as ports: the network (HTTP to the service),
// storage (Dexie in the app, an encrypted folder for the CLI) and a clock. The engine is pure.
import type { BlockEntry } from '../blocklist/format.ts';
import type { Change, MailroomEvent, VerifyResult } from '../sync/index.ts';

/** How a request failed before a complete response arrived. */
export type TransportFailure =
  | 'unreachable' // refused, reset before the response, DNS, no route
  | 'timeout' // no complete response in time
  | 'interrupted' // the connection closed part-way through the body
  | 'too-large'; // the body is over the limit asked for (the port stops reading at the limit)

/** Thrown by an `FeedHttp` implementation; anything else it throws is treated as `unreachable`. */
export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpResponse {
  readonly status: number;
  /** The body as text; the port never returns more than `maxBytes` bytes of it. */
  readonly body: string;
}

export interface RequestLimits {
  /** A body over this many bytes is refused with `too-large`, without reading the rest. */
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

/**
 * The service, as far as the engine is concerned. `path` is relative to the enrolled server
 * address (`/v1/blocklist/changes?since=3&limit=1000`); the port adds the address and the device
 * token, and throws `TransportError` when no complete response arrived.
 */
export interface FeedHttp {
  get(path: string, limits: RequestLimits): Promise<HttpResponse>;
  postJson(path: string, body: unknown, limits: RequestLimits): Promise<HttpResponse>;
}

/**
 * Runs shared/sync's `verifySignedPage` on a page's JSON text, perhaps on other threads: it is most
 * of a first sync's work. Must answer exactly as `verifySignedPage(JSON.parse(text), key)` does, and
 * `malformed` when the text is not JSON. Without one, pages are verified on the engine's thread.
 * `verifySignedPageText(text, key, {}, check)` is one, given the platform's Ed25519 as `check`
 * (node:crypto in electron/sync/node-page-verifier.ts; WebCrypto's 'Ed25519' in a browser worker).
 */
export interface PageVerifier {
  verifyText(text: string, trustedKey: string): Promise<VerifyResult>;
}

/** The key pages are verified with: the one pinned at enrolment, or one it announced since. */
export interface TrustedKey {
  readonly keyId: string;
  /** Standard base64 of the 32 raw bytes. */
  readonly publicKey: string;
}

/** Where a held list came from. */
export type ListSource = 'network' | 'file';

/** What the station knows about the list it screens with. Stored with the entries, atomically. */
export interface ListState {
  readonly version: number;
  /** Digest of the held list when known (after a snapshot or a reconcile); null after deltas. */
  readonly digest: string | null;
  /** The service's signed time on the latest page that said this version was its head. */
  readonly currentAsOf: string;
  /** This PC's clock (ms since the epoch) when that page was verified. */
  readonly checkedAt: number;
  /** This PC's clock minus the service's signed time, at that verification. */
  readonly clockSkewMs: number;
  /** This PC's clock when the digest was last compared with the service's; null if never. */
  readonly reconciledAt: number | null;
  /** The key pinned at enrolment (base64), kept so a different key given later is noticed. */
  readonly pinnedKey: string;
  /** The key that signs pages now: the pinned one, or the latest rotation it announced. */
  readonly trust: TrustedKey;
  readonly source: ListSource;
}

/** A snapshot being downloaded beside the live list, which keeps screening until it is complete. */
export interface SnapshotStaging {
  readonly version: number;
  readonly digest: string;
  readonly pageCount: number;
  readonly entryCount: number;
  /** The next page to fetch; pages `0 … nextPage - 1` are staged. */
  readonly nextPage: number;
  /** The last staged entry id: ids must keep rising across pages. */
  readonly lastId: string | null;
  readonly stagedCount: number;
  /** The signed time on page 0, which is fetched at the service's head. */
  readonly currentAsOf: string;
  readonly checkedAt: number;
  readonly clockSkewMs: number;
  readonly pinnedKey: string;
  readonly trust: TrustedKey;
  readonly source: ListSource;
}

export interface SyncState {
  readonly list: ListState | null;
  readonly staging: SnapshotStaging | null;
}

/**
 * The station's copy of the list. Every method that writes is one transaction: either all of it
 * lands or none of it does, so an interrupted sync resumes and a half page never screens.
 */
export interface SyncStore {
  readState(): Promise<SyncState>;
  /** The live list's entries, in any order. */
  readEntries(): Promise<readonly BlockEntry[]>;
  /** How many entries the live list holds. */
  countEntries(): Promise<number>;
  /** Applies one verified changes page and the list state that goes with it. */
  applyChanges(changes: readonly Change[], next: ListState): Promise<void>;
  /** Records a new list state alone (freshness, reconcile, key rotation); the entries stay. */
  saveListState(next: ListState): Promise<void>;
  /** Stages one snapshot page's entries with the staging state after it (page `staging.nextPage - 1`). */
  stageSnapshotPage(staging: SnapshotStaging, entries: readonly BlockEntry[]): Promise<void>;
  /** The staged entries, in the order they were staged. */
  readStagedEntries(): Promise<readonly BlockEntry[]>;
  /** Replaces the live list with the staged entries and `next`, and clears the staging. */
  commitSnapshot(next: ListState): Promise<void>;
  discardStaging(): Promise<void>;
}

/** An event waiting to go upstream. */
export interface OutboxItem {
  readonly event: MailroomEvent;
  readonly attempts: number;
  /** This PC's clock (ms) before which it is not retried. */
  readonly notBefore: number;
  readonly lastError: string | null;
}

/** The outbox: survives restarts, idempotent by event id (adding an id already held is a no-op). */
export interface OutboxStore {
  add(events: readonly MailroomEvent[]): Promise<void>;
  /** Items due at `now`, oldest first. */
  due(now: number, limit: number): Promise<readonly OutboxItem[]>;
  remove(ids: readonly string[]): Promise<void>;
  defer(ids: readonly string[], notBefore: number, error: string): Promise<void>;
  count(): Promise<number>;
}

export interface Clock {
  /** This PC's wall clock, ms since the epoch. */
  now(): number;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = { now: () => Date.now() };
export const systemTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};
