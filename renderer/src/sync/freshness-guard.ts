// Screening with a synced list: shared/sync-client's freshness rule, applied to a result the
// screening worker already produced (past the hard limit, or with no verified list, nothing is CLEAR).
import type { ScreeningResult } from '../../../shared/screening/types.ts';
import { guardWithFreshness as guard, type Freshness } from '../../../shared/sync-client/index.ts';

/** `freshness` is null where the station does not screen with a synced list (the demo list, a file). */
export function guardWithFreshness(result: ScreeningResult, freshness: Freshness | null): ScreeningResult {
  return freshness === null ? result : guard(result, freshness);
}
