// When to sync: at start, on a timer, on demand, and when the network comes back; after a failure
// the next try waits longer each time (with jitter, so a national outage does not end in a stampede).
import type { Timers } from './ports.ts';

export interface ScheduleOptions {
  /** Between successful syncs (default 10 min). */
  readonly intervalMs: number;
  /** The first wait after a failure, doubled on each further failure up to `backoffMaxMs`. */
  readonly backoffStartMs: number;
  readonly backoffMaxMs: number;
  /** 0..1; the default is Math.random. */
  readonly random: () => number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = {
  intervalMs: 10 * 60_000,
  backoffStartMs: 15_000,
  backoffMaxMs: 30 * 60_000,
  random: Math.random,
};

export interface SyncScheduler<T extends { readonly ok: boolean }> {
  /** Syncs now and keeps syncing until stopped. */
  start(): void;
  /** Syncs now (joining a sync already running) and returns its outcome. */
  syncNow(): Promise<T>;
  /** The network is back: forget the backoff and sync now. */
  networkBack(): Promise<T>;
  stop(): void;
  /** Consecutive failures, and the wait before the next try. */
  status(): { readonly failures: number; readonly nextInMs: number | null; readonly running: boolean };
}

/** The wait after `failures` consecutive failures: full jitter between half and all of the backoff. */
export function backoffDelay(failures: number, options: ScheduleOptions): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffStartMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}

export function createSyncScheduler<T extends { readonly ok: boolean }>(
  run: () => Promise<T>,
  timers: Timers,
  options: Partial<ScheduleOptions> = {},
): SyncScheduler<T> {
  const opts: ScheduleOptions = { ...DEFAULT_SCHEDULE, ...options };
  let failures = 0;
  let timer: unknown = null;
  let nextInMs: number | null = null;
  let running: Promise<T> | null = null;
  let started = false;

  const schedule = (ms: number): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    nextInMs = null;
    if (!started) return;
    nextInMs = ms;
    timer = timers.setTimeout(() => {
      timer = null;
      void syncNow().catch(() => undefined);
    }, ms);
  };

  const syncNow = (): Promise<T> => {
    if (running) return running;
    const attempt = (async () => {
      try {
        const outcome = await run();
        failures = outcome.ok ? 0 : failures + 1;
        return outcome;
      } catch (e) {
        failures++;
        throw e;
      } finally {
        running = null;
        schedule(failures === 0 ? opts.intervalMs : backoffDelay(failures, opts));
      }
    })();
    running = attempt;
    return attempt;
  };

  return {
    start() {
      if (started) return;
      started = true;
      void syncNow().catch(() => undefined);
    },
    syncNow,
    networkBack() {
      failures = 0;
      return syncNow();
    },
    stop() {
      started = false;
      schedule(0);
    },
    status: () => ({ failures, nextInMs, running: running !== null }),
  };
}
