// Every page is checked here before anything in it is used: the signature against the trusted key
// (following announced rotations), the expiry, and its place in the version sequence.
import { bytesToBase64, verifySignedPage, verifySignedPageText, type ChangesPage, type FeedPage, type HeadPage, type SnapshotPage, type VerifyResult } from '../sync/index.ts';
import type { ListState, PageVerifier, SnapshotStaging, TrustedKey } from './ports.ts';
import { SyncError, hours } from './sync-error.ts';

export interface VerifiedPage<P extends FeedPage = FeedPage> {
  readonly page: P;
  /** The key to trust from now on: the same, or the rotation this page's chain announced. */
  readonly trust: TrustedKey;
  readonly rotated: boolean;
  readonly serverTimeMs: number;
  /** This PC's clock minus the page's signed time. */
  readonly clockSkewMs: number;
}

/** shared/sync's verifier on a parsed envelope (an imported file's page). */
export function verifyEnvelope(envelope: unknown, trustedKey: string): VerifyResult {
  return verifySignedPage(envelope, trustedKey);
}

/** Verifies a page body, through the injected verifier when there is one. */
export async function verifyText(verifier: PageVerifier | undefined, text: string, trust: TrustedKey): Promise<VerifyResult> {
  if (verifier) return verifier.verifyText(text, trust.publicKey);
  return verifySignedPageText(text, trust.publicKey);
}

/** Accepts a verified page against the PC's clock (expiry) and follows an announced key rotation. */
export function acceptVerified(result: VerifyResult, trust: TrustedKey, now: number, clockToleranceMs: number): VerifiedPage {
  if (!result.ok) throw new SyncError(result.error.code, `refused a page: ${result.error.message}`);
  const { page } = result;
  const serverTimeMs = Date.parse(page.serverTime);
  const clockSkewMs = now - serverTimeMs;
  if (now > Date.parse(page.expiresAt)) {
    const clock = Math.abs(clockSkewMs) > clockToleranceMs
      ? ` This PC's clock is ${hours(clockSkewMs)} ${clockSkewMs > 0 ? 'ahead of' : 'behind'} the time signed on the page: either the page is a replay or the clock is wrong (set it and sync again).`
      : '';
    throw new SyncError('expired', `refused a page signed at ${page.serverTime}: it expired at ${page.expiresAt}.${clock}`);
  }
  let next = trust;
  if (result.keyId !== trust.keyId) {
    const key = result.trustedKeys.get(result.keyId);
    if (!key) throw new SyncError('unknown-key', `refused a page signed by key ${result.keyId}`);
    next = { keyId: result.keyId, publicKey: bytesToBase64(key) };
  }
  return { page, trust: next, rotated: next !== trust, serverTimeMs, clockSkewMs };
}

/** Verifies an envelope (already parsed JSON) against the trusted key and the PC's clock. */
export function verifyPage(envelope: unknown, trust: TrustedKey, now: number, clockToleranceMs: number): VerifiedPage {
  return acceptVerified(verifyEnvelope(envelope, trust.publicKey), trust, now, clockToleranceMs);
}

export function expectKind<K extends FeedPage['kind']>(v: VerifiedPage, kind: K): VerifiedPage<Extract<FeedPage, { kind: K }>> {
  if (v.page.kind !== kind) throw new SyncError('malformed', `refused a page: expected a ${kind} page, got a ${v.page.kind} page`);
  return v as VerifiedPage<Extract<FeedPage, { kind: K }>>;
}

/** Pages older than the list's last confirmation by more than this are replays (the service's clock may step a little). */
const REPLAY_SLACK_MS = 5 * 60_000;

export function checkNotOlder(v: VerifiedPage, held: ListState | null): void {
  if (held && v.serverTimeMs < Date.parse(held.currentAsOf) - REPLAY_SLACK_MS) {
    throw new SyncError('replayed', `refused a page signed at ${v.page.serverTime}, older than the held list's confirmation at ${held.currentAsOf}`);
  }
}

/** A changes page must continue the held version exactly, with one change per version and no more than asked for. */
export function checkChangesPage(page: ChangesPage, held: ListState, limit: number): void {
  if (page.since < held.version && page.through <= held.version) {
    throw new SyncError('replayed', `refused a changes page for versions ${page.since + 1}–${page.through}, already applied (held version ${held.version})`);
  }
  if (page.head < held.version) {
    throw new SyncError('rollback', `refused a changes page: the service's head version ${page.head} is lower than the held version ${held.version}`);
  }
  if (page.since !== held.version) {
    throw new SyncError('discontinuous', `refused a changes page starting after version ${page.since}: the held version is ${held.version}`);
  }
  if (page.through < page.since || page.through > page.head) {
    throw new SyncError('malformed', `refused a changes page: through ${page.through} is outside ${page.since}–${page.head}`);
  }
  if (page.changes.length > limit) throw new SyncError('too-many-changes', `refused a changes page with ${page.changes.length} changes (asked for at most ${limit})`);
  let expected = page.since + 1;
  for (const change of page.changes) {
    if (change.version !== expected) {
      throw new SyncError('version-gap', `refused a changes page: expected version ${expected}, found ${change.version}`);
    }
    expected++;
  }
  if (expected - 1 !== page.through) {
    throw new SyncError('version-gap', `refused a changes page: it claims versions through ${page.through} but carries changes through ${expected - 1}`);
  }
  if (page.hasMore !== page.through < page.head) {
    throw new SyncError('malformed', 'refused a changes page: hasMore disagrees with through and head');
  }
}

export function checkHeadPage(page: HeadPage, held: ListState): void {
  if (page.version < held.version) {
    throw new SyncError('rollback', `refused the service's head: version ${page.version} is lower than the held version ${held.version}`);
  }
}

/** A snapshot page must belong to the snapshot being staged, come in order, and keep ids rising. */
export function checkSnapshotPage(page: SnapshotPage, expectedPage: number, staging: SnapshotStaging | null, heldVersion: number | null): void {
  if (heldVersion !== null && page.version < heldVersion) {
    throw new SyncError('rollback', `refused a snapshot at version ${page.version}: lower than the held version ${heldVersion}`);
  }
  if (page.page !== expectedPage) throw new SyncError('discontinuous', `refused snapshot page ${page.page}: expected page ${expectedPage}`);
  if (page.page >= page.pageCount) throw new SyncError('malformed', `refused snapshot page ${page.page} of ${page.pageCount}`);
  if (staging) {
    const same = page.version === staging.version && page.digest === staging.digest && page.pageCount === staging.pageCount && page.entryCount === staging.entryCount;
    if (!same) throw new SyncError('discontinuous', `refused snapshot page ${page.page}: it belongs to another snapshot (version ${page.version}) than the one being fetched (version ${staging.version})`);
  }
  let last = staging?.lastId ?? null;
  for (const entry of page.entries) {
    if (last !== null && !(entry.id > last)) {
      throw new SyncError('malformed', `refused snapshot page ${page.page}: entry ids are not in rising order at ${entry.id}`);
    }
    last = entry.id;
  }
  if ((staging?.stagedCount ?? 0) + page.entries.length > page.entryCount) {
    throw new SyncError('malformed', `refused snapshot page ${page.page}: more entries than the ${page.entryCount} the snapshot declares`);
  }
}
