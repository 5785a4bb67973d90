// The sync engine: brings the station's list up to the service's head, one verified page at a time,
// and never lets a refused page touch the list that is screening. Runs wherever its ports do.
import { createListDigest, compareEntryIds, keyIdOf, parseServerKey, snapshotFileSchema, type Change, type ListDigest } from '../sync/index.ts';
import type { BlockEntry } from '../blocklist/format.ts';
import { canonicalText } from './canonical-text.ts';
import { assessFreshness, DEFAULT_FRESHNESS, type Freshness, type FreshnessPolicy } from './freshness.ts';
import { acceptVerified, checkChangesPage, checkHeadPage, checkNotOlder, expectKind, verifyEnvelope, verifyText } from './page-checks.ts';
import { TransportError, type Clock, type FeedHttp, type HttpResponse, type ListState, type PageVerifier, type SyncStore, type TrustedKey } from './ports.ts';
import { fetchSnapshot, type ListChange, type SnapshotPageSource } from './snapshot.ts';
import { SyncError } from './sync-error.ts';

export interface SyncConfig {
  /** The service's key pinned at enrolment: base64 of its 32 raw bytes. */
  readonly serverKey: string;
  /** Changes asked for per page (the service allows up to 1000). */
  readonly changesPerPage: number;
  /** A page over this many bytes is refused unread. */
  readonly maxPageBytes: number;
  readonly timeoutMs: number;
  /** How often the list's digest is compared with the service's. */
  readonly reconcileEveryMs: number;
  readonly freshness: FreshnessPolicy;
}

export const DEFAULT_SYNC_CONFIG: Omit<SyncConfig, 'serverKey'> = {
  changesPerPage: 1000,
  maxPageBytes: 16 * 1024 * 1024,
  timeoutMs: 30_000,
  reconcileEveryMs: 6 * 3_600_000,
  freshness: DEFAULT_FRESHNESS,
};

/** What the app hears from the engine. Every callback is optional and must not throw. */
export interface SyncObserver {
  /** Entries added, changed or removed: re-check CLEAR letters of the last hours against `upserted`. */
  listChanged?(change: ListChange): void | Promise<void>;
  /** A sync failed; `error.refusal` means the service (or someone between) sent something refused: audit it. */
  syncFailed?(error: SyncError): void;
  /** The list's digest differed from the service's; a full snapshot follows. */
  digestMismatch?(version: number): void;
  keyRotated?(from: string, to: string): void;
}

export type ReconcileMode = 'if-due' | 'now' | 'never';

export type SyncOutcome =
  | { readonly ok: true; readonly version: number; readonly pagesApplied: number; readonly snapshot: boolean; readonly reconciled: boolean; readonly freshness: Freshness }
  | { readonly ok: false; readonly error: SyncError; readonly version: number | null; readonly freshness: Freshness };

export interface SyncEngine {
  /** Brings the list to the service's head. Calls are queued, never run at once. */
  sync(options?: { readonly reconcile?: ReconcileMode }): Promise<SyncOutcome>;
  /** Applies an air-gapped snapshot file (its parsed JSON), verified exactly like network pages. */
  importSnapshotFile(file: unknown): Promise<SyncOutcome>;
  freshness(): Promise<Freshness>;
}

export interface SyncEngineDeps {
  readonly store: SyncStore;
  /** Absent for a station that only imports files. */
  readonly http?: FeedHttp;
  readonly clock: Clock;
  readonly config: Partial<Omit<SyncConfig, 'serverKey'>> & Pick<SyncConfig, 'serverKey'>;
  readonly observer?: SyncObserver;
  /** A faster sha256 where the platform has one (Node's crypto); the default is the pure one. Same bytes, same digest. */
  readonly createDigest?: () => ListDigest;
  /** Verifies pages off the engine's thread where the platform can (see PageVerifier). */
  readonly verifier?: PageVerifier;
}

function statusError(res: HttpResponse, what: string): SyncError {
  let detail = '';
  try {
    const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.message === 'string') detail = `: ${body.error.message.slice(0, 200)}`;
  } catch {
    // not JSON: the status says enough
  }
  if (res.status === 401) return new SyncError('unauthorized', `the service refused this station's token (401) for ${what}: it was revoked or never enrolled; re-enrol the station`);
  if (res.status >= 500) return new SyncError('server-error', `the service failed (${res.status}) for ${what}${detail}`);
  return new SyncError('http-error', `the service answered ${res.status} for ${what}${detail}`);
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const config: SyncConfig = { ...DEFAULT_SYNC_CONFIG, ...deps.config };
  const { store, clock, observer = {} } = deps;
  const createDigest = deps.createDigest ?? createListDigest;
  const limits = { maxBytes: config.maxPageBytes, timeoutMs: config.timeoutMs };
  const tolerance = config.freshness.clockToleranceMs;
  let queue: Promise<unknown> = Promise.resolve();

  const serialised = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const get = async (path: string, what: string): Promise<HttpResponse> => {
    if (!deps.http) throw new SyncError('not-enrolled', 'this station has no service address: import a snapshot file instead');
    try {
      return await deps.http.get(path, limits);
    } catch (e) {
      if (e instanceof TransportError) {
        const words = e.failure === 'too-large' ? `refused ${what}: it is over the ${config.maxPageBytes} byte limit` : `${what}: ${e.message}`;
        throw new SyncError(e.failure, words);
      }
      throw new SyncError('unreachable', `${what}: the service could not be reached`);
    }
  };

  /** The key to verify with, after checking the configured key against the one the store pinned. */
  const trustFor = (held: ListState | null, stagingTrust: TrustedKey | null): { pinnedKey: string; trust: TrustedKey } => {
    const bytes = parseServerKey(config.serverKey);
    if (!bytes) throw new SyncError('bad-pinned-key', 'the server key is not base64 of 32 bytes');
    if (held && config.serverKey !== held.pinnedKey && config.serverKey !== held.trust.publicKey) {
      throw new SyncError('pinned-key-mismatch', `the server key given (${keyIdOf(bytes)}) is not the key this store was enrolled with (${held.trust.keyId})`);
    }
    const trust = held?.trust ?? stagingTrust ?? { keyId: keyIdOf(bytes), publicKey: config.serverKey };
    return { pinnedKey: held?.pinnedKey ?? config.serverKey, trust };
  };

  const noteRotation = (from: TrustedKey, to: TrustedKey): void => {
    if (from.keyId !== to.keyId) safely(() => observer.keyRotated?.(from.keyId, to.keyId));
  };
  /** The list is already applied when the app hears of it; a failing listener must not undo that. */
  const announce = async (change: ListChange): Promise<void> => {
    await safely(() => observer.listChanged?.(change));
  };

  const localDigest = async (): Promise<string> => {
    const entries = [...(await store.readEntries())].sort((a, b) => compareEntryIds(a.id, b.id));
    const digest = createDigest();
    for (const e of entries) digest.addCanonical(canonicalText(e));
    return digest.hex();
  };

  /** Pulls changes pages until the service says there are no more. Returns the pages applied. */
  const pullChanges = async (startList: ListState): Promise<{ list: ListState; pages: number }> => {
    let held = startList;
    let pages = 0;
    for (;;) {
      const path = `/v1/blocklist/changes?since=${held.version}&limit=${config.changesPerPage}`;
      const res = await get(path, `changes since version ${held.version}`);
      if (res.status === 409) {
        throw new SyncError('rollback', `the service says it never had version ${held.version}, which this station holds: it may have been restored from an older backup. The held list keeps screening`);
      }
      if (res.status !== 200) throw statusError(res, `changes since version ${held.version}`);
      const verified = await verifyText(deps.verifier, res.body, held.trust);
      const now = clock.now();
      const v = expectKind(acceptVerified(verified, held.trust, now, tolerance), 'changes');
      checkNotOlder(v, held);
      checkChangesPage(v.page, held, config.changesPerPage);
      const page = v.page;
      const atHead = page.through === page.head;
      const newer = v.serverTimeMs >= Date.parse(held.currentAsOf);
      const next: ListState = {
        ...held,
        version: page.through,
        digest: page.changes.length > 0 ? null : held.digest,
        currentAsOf: atHead && newer ? page.serverTime : held.currentAsOf,
        checkedAt: atHead && newer ? now : held.checkedAt,
        clockSkewMs: v.clockSkewMs,
        trust: v.trust,
      };
      if (page.changes.length > 0 || next.currentAsOf !== held.currentAsOf || v.rotated) {
        await store.applyChanges(page.changes, next);
        if (page.changes.length > 0) pages++;
      }
      noteRotation(held.trust, v.trust);
      if (page.changes.length > 0) await announce(describeChanges(page.changes, held.version, next.version));
      held = next;
      if (!page.hasMore) return { list: held, pages };
      if (page.changes.length === 0) throw new SyncError('malformed', 'refused a changes page that says there is more but carries nothing');
    }
  };

  const networkSnapshotSource: SnapshotPageSource = async (page, version, trust) => {
    const path = `/v1/blocklist/snapshot?page=${page}${version === null ? '' : `&version=${version}`}`;
    const res = await get(path, `snapshot page ${page}`);
    if (res.status === 404 && version !== null) throw new SyncError('discontinuous', `the service no longer serves the snapshot at version ${version}`);
    if (res.status !== 200) throw statusError(res, `snapshot page ${page}`);
    return verifyText(deps.verifier, res.body, trust);
  };

  const snapshot = async (held: ListState | null, source: SnapshotPageSource, listSource: 'network' | 'file', resume: Parameters<typeof fetchSnapshot>[4]) => {
    const { pinnedKey, trust } = trustFor(held, resume?.trust ?? null);
    const result = await fetchSnapshot({ store, now: () => clock.now(), clockToleranceMs: tolerance, pinnedKey, createDigest }, source, listSource, held, resume, trust);
    if (result.rotatedTo) noteRotation(trust, result.rotatedTo);
    await announce(result.change);
    return result;
  };

  /** Compares the list's digest with the service's head; falls back to a full snapshot on mismatch. */
  const reconcile = async (startList: ListState): Promise<{ list: ListState; pages: number; snapshot: boolean }> => {
    let held = startList;
    let pages = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await get('/v1/blocklist/head', "the service's head");
      if (res.status !== 200) throw statusError(res, "the service's head");
      const verified = await verifyText(deps.verifier, res.body, held.trust);
      const now = clock.now();
      const v = expectKind(acceptVerified(verified, held.trust, now, tolerance), 'head');
      checkNotOlder(v, held);
      checkHeadPage(v.page, held);
      noteRotation(held.trust, v.trust);
      if (v.page.version > held.version) {
        // The list moved on between requests: catch up, then compare again.
        const pulled = await pullChanges({ ...held, trust: v.trust });
        held = pulled.list;
        pages += pulled.pages;
        continue;
      }
      const digest = held.digest ?? (await localDigest());
      if (digest === v.page.digest) {
        const newer = v.serverTimeMs >= Date.parse(held.currentAsOf);
        held = { ...held, digest, reconciledAt: now, trust: v.trust, clockSkewMs: v.clockSkewMs, ...(newer ? { currentAsOf: v.page.serverTime, checkedAt: now } : {}) };
        await store.saveListState(held);
        return { list: held, pages, snapshot: false };
      }
      await safely(() => observer.digestMismatch?.(held.version));
      const result = await snapshot({ ...held, trust: v.trust }, networkSnapshotSource, 'network', null);
      const after = await pullChanges(result.list);
      return { list: after.list, pages: pages + result.pages + after.pages, snapshot: true };
    }
    throw new SyncError('discontinuous', 'the service kept moving during reconciliation; it will be tried again');
  };

  const outcome = async (run: () => Promise<{ version: number; pages: number; snapshot: boolean; reconciled: boolean }>): Promise<SyncOutcome> => {
    try {
      const r = await run();
      const state = await store.readState();
      return { ok: true, version: r.version, pagesApplied: r.pages, snapshot: r.snapshot, reconciled: r.reconciled, freshness: assessFreshness(state.list, clock.now(), config.freshness) };
    } catch (e) {
      // Anything else is the station's own failure (storage, a bug): the held list is untouched,
      // since each write is one transaction. Its message names files and codes, never entries.
      const error = e instanceof SyncError ? e : new SyncError('internal', `sync failed on this station (${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : 'error'})`);
      await safely(() => observer.syncFailed?.(error));
      const state = await store.readState().catch(() => ({ list: null }));
      return { ok: false, error, version: state.list?.version ?? null, freshness: assessFreshness(state.list, clock.now(), config.freshness) };
    }
  };

  const runSync = async (mode: ReconcileMode) => {
    const state = await store.readState();
    let list = state.list;
    trustFor(list, state.staging?.trust ?? null);
    let pages = 0;
    let fullSnapshot = false;
    let staging = state.staging;
    if (staging && (staging.source !== 'network' || (list && staging.version < list.version))) {
      await store.discardStaging();
      staging = null;
    }
    if (!list || staging) {
      try {
        const r = await snapshot(list, networkSnapshotSource, 'network', staging);
        list = r.list;
        pages += r.pages;
      } catch (e) {
        // The service dropped the version being resumed: start the snapshot again, once.
        if (!(e instanceof SyncError) || e.code !== 'discontinuous' || !staging) throw e;
        const r = await snapshot(list, networkSnapshotSource, 'network', null);
        list = r.list;
        pages += r.pages;
      }
      fullSnapshot = true;
    }
    const pulled = await pullChanges(list);
    list = pulled.list;
    pages += pulled.pages;
    const due = mode === 'now' || (mode === 'if-due' && (list.reconciledAt === null || clock.now() - list.reconciledAt >= config.reconcileEveryMs));
    let reconciled = false;
    if (due) {
      const r = await reconcile(list);
      list = r.list;
      pages += r.pages;
      fullSnapshot ||= r.snapshot;
      reconciled = true;
    }
    return { version: list.version, pages, snapshot: fullSnapshot, reconciled };
  };

  const runImport = async (file: unknown) => {
    const parsed = snapshotFileSchema.safeParse(file);
    if (!parsed.success) throw new SyncError('malformed', 'refused the file: it is not a mailroom snapshot file');
    const state = await store.readState();
    if (state.staging) await store.discardStaging();
    const pages = parsed.data.pages;
    // A first look at what page 0 claims, so a file with pages missing or added is refused before
    // anything is staged; the claim itself is verified with page 0's signature.
    const declared = pages[0]?.payload['pageCount'];
    if (declared !== pages.length) throw new SyncError('malformed', `refused the file: it carries ${pages.length} pages but its snapshot declares ${String(declared)}`);
    const source: SnapshotPageSource = async (page, _version, trust) => {
      const envelope = pages[page];
      if (envelope === undefined) throw new SyncError('discontinuous', `refused the file: it ends before page ${page}`);
      // Re-serialised, a page parsed from canonical text is that text again, so a file's pages take
      // the injected verifier (another thread, the platform's Ed25519) exactly as network pages do.
      const text = JSON.stringify(envelope);
      if (text.length > config.maxPageBytes) {
        throw new SyncError('too-large', `refused the file: page ${page} is over the ${config.maxPageBytes} byte limit`);
      }
      return deps.verifier ? verifyText(deps.verifier, text, trust) : verifyEnvelope(envelope, trust.publicKey);
    };
    const r = await snapshot(state.list, source, 'file', null);
    return { version: r.list.version, pages: r.pages, snapshot: true, reconciled: false };
  };

  return {
    sync: (options = {}) => serialised(() => outcome(() => runSync(options.reconcile ?? 'if-due'))),
    importSnapshotFile: (file) => serialised(() => outcome(() => runImport(file))),
    freshness: async () => assessFreshness((await store.readState()).list, clock.now(), config.freshness),
  };
}

async function safely(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch {
    // an observer's failure is the app's to log; the sync's outcome stands
  }
}

function describeChanges(changes: readonly Change[], previousVersion: number, version: number): ListChange {
  const upserted = new Map<string, BlockEntry>();
  const removed = new Set<string>();
  for (const c of changes) {
    if (c.op === 'upsert') {
      upserted.set(c.entry.id, c.entry);
      removed.delete(c.entry.id);
    } else {
      upserted.delete(c.id);
      removed.add(c.id);
    }
  }
  return { previousVersion, version, upserted: [...upserted.values()], removedIds: [...removed], full: false };
}
