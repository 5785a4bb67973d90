// How old the held list is, measured from the service's signed time rather than trusted to the PC's
// clock alone: a list the service last vouched for long ago is stale whatever the PC says.
import { hours } from './sync-error.ts';
import type { ListState } from './ports.ts';

export interface FreshnessPolicy {
  /** Past this age the station warns (default 24 h). */
  readonly warnAfterMs: number;
  /** Past this age every letter is REVIEW until a fresh list arrives (default 7 days). */
  readonly hardLimitMs: number;
  /** A PC clock further than this from the service's time is reported (default 5 min). */
  readonly clockToleranceMs: number;
}

export const DEFAULT_FRESHNESS: FreshnessPolicy = {
  warnAfterMs: 24 * 3_600_000,
  hardLimitMs: 7 * 24 * 3_600_000,
  clockToleranceMs: 5 * 60_000,
};

export type FreshnessLevel = 'no-list' | 'fresh' | 'warning' | 'expired';

export interface Freshness {
  readonly level: FreshnessLevel;
  /** Age of the list in ms (0 with no list). */
  readonly ageMs: number;
  readonly version: number | null;
  /** The service's signed time the list was last confirmed current. */
  readonly currentAsOf: string | null;
  /** This PC's clock minus the service's time at the last sync, when past the tolerance; else null. */
  readonly clockSkewMs: number | null;
  /** Words for the station's status line; null when all is well. */
  readonly message: string | null;
}

/**
 * The list's age is the larger of: the time this PC has counted since it verified the list, and the
 * time since the service's signed time on it by this PC's clock. A constant clock error therefore
 * never makes a list look younger than it is, and a clock set back does not revive an old one.
 */
export function assessFreshness(list: ListState | null, now: number, policy: FreshnessPolicy = DEFAULT_FRESHNESS): Freshness {
  if (!list) {
    return { level: 'no-list', ageMs: 0, version: null, currentAsOf: null, clockSkewMs: null, message: 'no verified list yet: every letter is REVIEW until the station syncs' };
  }
  const signed = Date.parse(list.currentAsOf);
  const ageMs = Math.max(0, now - list.checkedAt, now - signed);
  const skewed = Math.abs(list.clockSkewMs) > policy.clockToleranceMs;
  const clockSkewMs = skewed ? list.clockSkewMs : null;
  const clockNote = skewed ? ` This PC's clock was ${hours(list.clockSkewMs)} ${list.clockSkewMs > 0 ? 'ahead of' : 'behind'} the service's time.` : '';
  const base = { ageMs, version: list.version, currentAsOf: list.currentAsOf, clockSkewMs };
  if (ageMs > policy.hardLimitMs) {
    return { ...base, level: 'expired', message: `the list (version ${list.version}) is ${hours(ageMs)} old, past the ${hours(policy.hardLimitMs)} limit: every letter is REVIEW until a fresh list arrives.${clockNote}` };
  }
  if (ageMs > policy.warnAfterMs) {
    return { ...base, level: 'warning', message: `the list (version ${list.version}) is ${hours(ageMs)} old: sync soon.${clockNote}` };
  }
  return { ...base, level: 'fresh', message: skewed ? clockNote.trim() : null };
}

/** Whether screening may trust a CLEAR from this list. */
export const listUsable = (f: Freshness): boolean => f.level === 'fresh' || f.level === 'warning';
