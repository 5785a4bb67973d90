// The station's sync status in words, for the banner: no victim data, only versions and times.
import { hours } from '../../../shared/sync-client/index.ts';
import type { SyncPhase, SyncStatus } from './sync-controller.ts';

export function phaseWords(phase: SyncPhase): string {
  switch (phase) {
    case 'starting':
      return 'starting';
    case 'unavailable':
      return 'unavailable';
    case 'not-enrolled':
      return 'not connected (station not enrolled)';
    case 'air-gapped':
      return 'air-gapped';
    case 'syncing':
      return 'syncing…';
    case 'connected':
      return 'connected';
    case 'offline':
      return 'offline (the service cannot be reached)';
    case 'error':
      return 'failed';
    case 'refused':
      return 'list update refused';
    case 'unauthorized':
      return 'token refused (re-enrol the station)';
    default: {
      const never: never = phase;
      return String(never);
    }
  }
}

export function ageWords(ms: number): string {
  return ms < 60_000 ? 'less than a minute old' : `${hours(ms)} old`;
}

/** What an air-gapped station with no imported list says: nothing is CLEAR until the file is imported. */
export const AIR_GAPPED_NO_LIST = "no verified list yet: every letter is REVIEW until an administrator imports the service's signed snapshot file (Administration)";

export function clockWords(at: number | null): string {
  return at === null ? 'never' : new Date(at).toLocaleString('en-GB', { hour12: false });
}

/** Whether the banner should call for attention. */
export function syncNeedsAttention(status: SyncStatus): boolean {
  if (status.freshness && status.freshness.level !== 'fresh') return true;
  if (status.freshness?.clockSkewMs != null) return true;
  return status.enrolment?.enrolled === true && status.phase !== 'connected' && status.phase !== 'syncing' && status.phase !== 'air-gapped';
}
