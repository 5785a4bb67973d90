// Screening with a synced list: the same rule as shared/sync-client's screenWithFreshness, applied
// to a result the screening worker already produced: past the hard limit (or with no verified
// list) nothing is CLEAR; every letter that is not HOLD is REVIEW for "list-stale".
import type { ScreeningResult } from '../../../shared/screening/types.ts';
import { listUsable, type Freshness } from '../../../shared/sync-client/index.ts';

/** `freshness` is null where the station does not screen with a synced list (the demo list, a file). */
export function guardWithFreshness(result: ScreeningResult, freshness: Freshness | null): ScreeningResult {
  if (freshness === null || listUsable(freshness) || result.verdict === 'HOLD') return result;
  return { ...result, verdict: 'REVIEW', reviewReason: 'list-stale' };
}
