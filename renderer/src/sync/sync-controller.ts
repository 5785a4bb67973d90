// The station's sync: the engine from shared/sync-client over the records (Dexie) and main (the
// feed, through IPC), run on start, on a timer, on demand and when the network comes back. After
// every list change the screening worker takes the new list and recent CLEAR letters are screened
// again; refusals are shown in words and audited; the outbox sends holds and audit heads upstream.
// An air-gapped station (enrolled by its server key alone) never asks the network: its list comes
// from the signed snapshot files an administrator imports, verified with the key main pinned.
import type { MailroomApi } from '../../../shared/ipc/api.ts';
import type { SyncEnrolment } from '../../../shared/ipc/contract.ts';
import { IpcCallError } from '../../../shared/ipc/result.ts';
import { buildEngine } from '../../../shared/screening/engine.ts';
import {
  assessFreshness,
  createOutbox,
  createSyncEngine,
  createSyncScheduler,
  DEFAULT_FRESHNESS,
  DEFAULT_RECHECK_HOURS,
  recheckLetters,
  type Clock,
  type Freshness,
  type FreshnessPolicy,
  type ListChange,
  type ListState,
  type PageVerifier,
  type RecheckFinding,
  type ScreenedLetter,
  type ScheduleOptions,
  type SyncEngine,
  type SyncError,
  type SyncOutcome,
  type SyncScheduler,
  type Timers,
} from '../../../shared/sync-client/index.ts';
import { can, type Records, type Session, type SystemRecords } from '../../records/index.ts';
import { createIpcFeed } from './ipc-feed.ts';

export type SyncPhase =
  | 'starting'
  | 'unavailable' // victim data cannot be stored here, so no list can be
  | 'not-enrolled'
  | 'air-gapped' // enrolled without the network: lists come from signed snapshot files
  | 'syncing'
  | 'connected'
  | 'offline' // the service could not be reached
  | 'error' // the service failed, or this station did
  | 'refused' // the service (or someone between) sent something refused: the held list stands
  | 'unauthorized'; // the token was revoked

export interface SyncStatus {
  readonly phase: SyncPhase;
  readonly enrolment: SyncEnrolment | null;
  /** The verified list this station holds from the service (or a signed file); null if none. */
  readonly list: ListState | null;
  /**
   * How old that list is by the service's signed time; `no-list` for an enrolled station that has
   * no verified list yet (nothing is CLEAR then); null for an unenrolled station on its demo or file list.
   */
  readonly freshness: Freshness | null;
  /** The station's warning age and hard limit (its settings), for showing the age as time passes. */
  readonly freshnessPolicy: FreshnessPolicy;
  /** This PC's clock at the last sync that reached the service's head. */
  readonly lastSuccessAt: number | null;
  /** Words for the last failure; null after a success. */
  readonly lastError: string | null;
  readonly pendingEvents: number;
  readonly outboxError: string | null;
  /** Letters screened CLEAR that the last list change sent to the supervisor, marked already dispatched. */
  readonly lastRecheckHolds: number;
  /** Why the last re-check of recent letters failed (they are re-checked at the next change); null if it did not. */
  readonly recheckProblem: string | null;
}

export interface SyncControllerDeps {
  readonly api: Pick<MailroomApi, 'sync'>;
  readonly records: Records;
  /** `opened.system('sync')`. */
  readonly system: SystemRecords;
  /** Re-checks letters against a change (the sync worker, off the UI thread); default: on this thread. */
  readonly recheck?: (change: ListChange, letters: readonly ScreenedLetter[], now: Date, hours: number) => Promise<RecheckFinding[]>;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly verifier?: PageVerifier;
  readonly schedule?: Partial<ScheduleOptions>;
  /** How often queued events are sent between syncs (default 15 s). */
  readonly outboxEveryMs?: number;
  readonly recheckHours?: number;
  /** Subscribes to "the network is back" (the window's `online` event). */
  readonly online?: (listener: () => void) => () => void;
}

export interface SyncController {
  status(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  /** Called after every change to the list the records hold, once the change is stored. */
  onListChanged(listener: () => Promise<void>): () => void;
  start(): Promise<void>;
  stop(): void;
  /** Syncs now (an enrolled station), then sends queued events. */
  syncNow(): Promise<SyncStatus>;
  /**
   * Administrators only: main checks the token and key with the service, then keeps the token; or,
   * air-gapped (`mode: 'file'`), pins the key and site alone.
   */
  enrol(session: Session, request: EnrolRequest): Promise<SyncStatus>;
  /**
   * Administrators only, on an enrolled station: a signed snapshot file, verified like network pages
   * with the key main pinned at enrolment (nobody types a key at import).
   */
  importSnapshotFile(session: Session, text: string): Promise<SyncOutcome>;
  /** The synced list's freshness now, for screening; null where the station does not sync (see SyncStatus.freshness). */
  freshnessNow(): Freshness | null;
  /** Sends queued events now. */
  flushOutbox(): Promise<void>;
}

export type EnrolRequest = { readonly server: string; readonly token: string; readonly serverKey: string } | { readonly mode: 'file'; readonly serverKey: string; readonly site: string };

/** Whether the station syncs over the network (enrolled with an address and token). */
export const syncsOverNetwork = (enrolment: SyncEnrolment | null): boolean => enrolment?.enrolled === true && enrolment.mode === 'network';
/** Whether the station is enrolled air-gapped (server key alone; signed snapshot files). */
export const isAirGapped = (enrolment: SyncEnrolment | null): boolean => enrolment?.enrolled === true && enrolment.mode === 'file';

/** A sync failure or refusal in words for the administrator: versions, keys and addresses only. */
export class SyncProblem extends Error {
  override name = 'SyncProblem';
}

const OFFLINE = new Set(['unreachable', 'timeout', 'interrupted']);

function phaseOfEnrolment(enrolment: SyncEnrolment): SyncPhase {
  if (!enrolment.enrolled) return 'not-enrolled';
  return enrolment.mode === 'file' ? 'air-gapped' : 'syncing';
}

function phaseOf(error: SyncError): SyncPhase {
  if (OFFLINE.has(error.code)) return 'offline';
  if (error.code === 'unauthorized') return 'unauthorized';
  if (error.code === 'not-enrolled') return 'not-enrolled';
  return error.refusal ? 'refused' : 'error';
}

export function createSyncController(deps: SyncControllerDeps): SyncController {
  const { api, records, system, clock, timers } = deps;
  const listeners = new Set<(status: SyncStatus) => void>();
  const listListeners = new Set<() => Promise<void>>();
  let status: SyncStatus = {
    phase: 'starting',
    enrolment: null,
    list: null,
    freshness: null,
    freshnessPolicy: DEFAULT_FRESHNESS,
    lastSuccessAt: null,
    lastError: null,
    pendingEvents: 0,
    outboxError: null,
    lastRecheckHolds: 0,
    recheckProblem: null,
  };
  let policy: FreshnessPolicy = DEFAULT_FRESHNESS;
  let engine: { key: string; online: boolean; engine: SyncEngine } | null = null;
  let scheduler: SyncScheduler<SyncOutcome> | null = null;
  let outboxTimer: unknown = null;
  let stopOnline: (() => void) | null = null;
  let started: Promise<void> | null = null;
  let stopped = false;

  const set = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next };
    for (const l of listeners) l(status);
  };

  const readPolicy = async (): Promise<FreshnessPolicy> => {
    const s = await records.settings.read().catch(() => null);
    return s ? { ...DEFAULT_FRESHNESS, warnAfterMs: s.listWarnAgeHours * 3_600_000, hardLimitMs: s.listHardLimitDays * 86_400_000 } : DEFAULT_FRESHNESS;
  };

  /** An enrolled station screens only with a verified list: without one, `no-list` (every letter REVIEW). */
  const freshnessOf = (list: ListState | null, enrolled: boolean, now: number): Freshness | null =>
    list || enrolled ? assessFreshness(list, now, policy) : null;

  /** Reads the held list's state again (after any sync or import) and the freshness it has now. */
  const refreshList = async (): Promise<void> => {
    policy = await readPolicy();
    const list = (await system.syncStore.readState()).list;
    set({ list, freshnessPolicy: policy, freshness: freshnessOf(list, status.enrolment?.enrolled === true, clock.now()), pendingEvents: await system.outbox.count().catch(() => status.pendingEvents) });
  };

  const recheck = async (change: ListChange): Promise<void> => {
    const hours = deps.recheckHours ?? DEFAULT_RECHECK_HOURS;
    const letters = await system.letters.recentlyCleared(hours);
    const now = new Date(clock.now());
    const findings = deps.recheck ? await deps.recheck(change, letters, now, hours) : recheckLetters(change, letters, buildEngine, now, hours);
    // The records put each new HOLD in the supervisor's queue marked already dispatched, and queue
    // its letter-held event (alreadyDispatched) for the centre in the same transaction.
    for (const f of findings) await system.letters.recheck(f.letterId, f.result, change.version);
    set({ lastRecheckHolds: findings.length });
  };

  const observer = {
    listChanged: async (change: ListChange) => {
      for (const l of listListeners) await l().catch(() => undefined);
      try {
        await recheck(change);
        set({ recheckProblem: null });
      } catch {
        // The list is applied either way; the supervisor must know recent letters were not re-checked.
        // (The error's own text is not shown: it could quote what it choked on.)
        set({ recheckProblem: `letters cleared in the last ${deps.recheckHours ?? DEFAULT_RECHECK_HOURS} h were not re-checked against list version ${change.version}: re-check them by hand` });
        void system.audit.recordFailedCheck('recheck', { version: change.version }).catch(() => undefined);
      }
    },
    syncFailed: (error: SyncError) => {
      // A refusal is a security event: the audit trail says what was refused (codes and versions only).
      if (error.refusal) void system.blocklist.recordRefusal(error.code, { message: error.message.slice(0, 300) }).catch(() => undefined);
    },
    digestMismatch: (version: number) => {
      void system.audit.recordFailedCheck('list-digest', { version }).catch(() => undefined);
    },
  };

  const engineFor = (serverKey: string, online: boolean): SyncEngine => {
    if (engine && engine.key === serverKey && engine.online === online) return engine.engine;
    const built = createSyncEngine({
      store: system.syncStore,
      ...(online ? { http: createIpcFeed(api) } : {}),
      clock,
      config: { serverKey, freshness: policy },
      observer,
      ...(deps.verifier ? { verifier: deps.verifier } : {}),
    });
    engine = { key: serverKey, online, engine: built };
    return built;
  };

  const outbox = createOutbox({ store: system.outbox, http: createIpcFeed(api), clock });

  const flushOutbox = async (): Promise<void> => {
    // An air-gapped station keeps its events queued: it has nowhere to send them.
    if (!syncsOverNetwork(status.enrolment)) return;
    try {
      const r = await outbox.flush();
      set({ pendingEvents: r.pending, outboxError: r.error });
    } catch (e) {
      set({ outboxError: `events not sent: ${e instanceof Error ? e.message : 'the outbox failed'}` });
    }
  };

  const scheduleOutbox = () => {
    if (stopped) return;
    outboxTimer = timers.setTimeout(() => {
      void flushOutbox().finally(scheduleOutbox);
    }, deps.outboxEveryMs ?? 15_000);
  };

  const runSync = async (): Promise<SyncOutcome> => {
    const enrolment = status.enrolment;
    if (enrolment?.enrolled !== true || enrolment.mode !== 'network') throw new Error('not enrolled with the network');
    set({ phase: 'syncing' });
    policy = await readPolicy();
    const outcome = await engineFor(enrolment.serverKey, true).sync();
    await refreshList();
    if (outcome.ok) set({ phase: 'connected', lastSuccessAt: clock.now(), lastError: null });
    else set({ phase: phaseOf(outcome.error), lastError: outcome.error.message });
    await flushOutbox();
    return outcome;
  };

  const startScheduler = () => {
    scheduler?.stop();
    scheduler = createSyncScheduler(runSync, timers, deps.schedule);
    scheduler.start();
    stopOnline ??= deps.online?.(() => void scheduler?.networkBack().catch(() => undefined)) ?? null;
  };

  const requireAdministrator = (session: Session) => {
    if (!can(session.role, 'import-list')) throw new SyncProblem('only an administrator may enrol this station or import a list');
  };

  return {
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onListChanged(listener) {
      listListeners.add(listener);
      return () => listListeners.delete(listener);
    },

    start() {
      started ??= (async () => {
        if (records.storageRefusal !== null) {
          set({ phase: 'unavailable', lastError: `no list can be kept on this PC: ${records.storageRefusal}` });
          return;
        }
        await refreshList();
        let enrolment: SyncEnrolment;
        try {
          enrolment = await api.sync.enrolment();
        } catch (e) {
          set({ phase: 'error', lastError: e instanceof Error ? e.message : 'the enrolment could not be read' });
          return;
        }
        set({ enrolment, phase: phaseOfEnrolment(enrolment), lastSuccessAt: status.list?.checkedAt ?? null });
        set({ freshness: freshnessOf(status.list, enrolment.enrolled, clock.now()) });
        if (stopped) return;
        scheduleOutbox();
        if (syncsOverNetwork(enrolment)) startScheduler();
      })();
      return started;
    },

    stop() {
      stopped = true;
      scheduler?.stop();
      stopOnline?.();
      if (outboxTimer !== null) timers.clearTimeout(outboxTimer);
    },

    async syncNow() {
      await this.start();
      if (isAirGapped(status.enrolment)) throw new SyncProblem('this station is air-gapped: it does not sync over the network; an administrator imports the service\'s signed snapshot file');
      if (!scheduler) throw new SyncProblem('this station is not enrolled with the central service: enrol it first, or import a signed snapshot file');
      await scheduler.syncNow().catch(() => undefined);
      return status;
    },

    async enrol(session, request) {
      requireAdministrator(session);
      await this.start();
      let enrolment: SyncEnrolment;
      try {
        enrolment = await api.sync.enrol(request);
      } catch (e) {
        const message = e instanceof IpcCallError ? e.message : 'the station was not enrolled: the mailroom service did not answer';
        await system.syncState.recordEnrolment(session.userId, { outcome: 'refused', reason: e instanceof IpcCallError ? e.code : 'error' });
        set({ lastError: message });
        throw new SyncProblem(message, { cause: e });
      }
      if (!enrolment.enrolled) throw new SyncProblem('the station was not enrolled');
      await system.syncState.recordEnrolment(
        session.userId,
        enrolment.server === null ? { outcome: 'enrolled', mode: 'file', site: enrolment.site ?? '', keyId: enrolment.keyId } : { outcome: 'enrolled', mode: 'network', server: new URL(enrolment.server).host, keyId: enrolment.keyId },
      );
      set({ enrolment, phase: phaseOfEnrolment(enrolment), lastError: null, freshness: freshnessOf(status.list, true, clock.now()) });
      if (!syncsOverNetwork(enrolment)) {
        // Enrolled afresh air-gapped: a network schedule from an earlier enrolment stops.
        scheduler?.stop();
        scheduler = null;
        return status;
      }
      startScheduler();
      await scheduler?.syncNow().catch(() => undefined);
      return status;
    },

    async importSnapshotFile(session, text) {
      requireAdministrator(session);
      await this.start();
      // Only the key main pinned at enrolment verifies a file: an unenrolled (demo) station takes none,
      // so a real list never screens on a station still in demo mode.
      const enrolment = status.enrolment;
      if (enrolment?.enrolled !== true) {
        throw new SyncProblem('this station is not enrolled: an administrator enrols it first (for an air-gapped mailroom, pin the server key under "Air-gapped enrolment"), then imports the file');
      }
      const key = enrolment.serverKey;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      policy = await readPolicy();
      const outcome = await engineFor(key, syncsOverNetwork(enrolment)).importSnapshotFile(parsed);
      await refreshList();
      if (outcome.ok) set({ lastError: null, ...(isAirGapped(enrolment) ? { lastSuccessAt: clock.now() } : {}) });
      else set({ lastError: outcome.error.message });
      return outcome;
    },

    freshnessNow: () => freshnessOf(status.list, status.enrolment?.enrolled === true, clock.now()),

    flushOutbox,
  };
}
