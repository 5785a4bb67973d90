// The inactivity clock of a shared PC, as pure values: the screen touches it on input and asks
// it how long is left; the records layer asks it whether a session has lapsed.

export const DEFAULT_INACTIVITY_MS = 5 * 60_000;

export interface SessionClock {
  readonly timeoutMs: number;
  /** Epoch ms of the last user activity. */
  readonly lastActivity: number;
}

export const startSessionClock = (now: number, timeoutMs: number = DEFAULT_INACTIVITY_MS): SessionClock => ({
  timeoutMs,
  lastActivity: now,
});

/** Activity moves the clock forward only; a late event from another window cannot wind it back. */
export const touchSessionClock = (clock: SessionClock, now: number): SessionClock =>
  now > clock.lastActivity ? { ...clock, lastActivity: now } : clock;

export const idleRemainingMs = (clock: SessionClock, now: number): number =>
  Math.max(0, clock.lastActivity + clock.timeoutMs - now);

export const isIdleExpired = (clock: SessionClock, now: number): boolean => idleRemainingMs(clock, now) === 0;
