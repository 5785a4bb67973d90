// Screening with a synced list: a list past its hard limit (or none at all) never gives a CLEAR;
// every letter is REVIEW for "list-stale" until a fresh list arrives.
import type { LetterInput, ScreeningEngine, ScreeningResult } from '../screening/types.ts';
import { listUsable, type Freshness } from './freshness.ts';

/** The freshness rule applied to a result already produced (by a screening worker, say). */
export function guardWithFreshness(result: ScreeningResult, freshness: Freshness): ScreeningResult {
  if (listUsable(freshness) || result.verdict === 'HOLD') return result;
  return { ...result, verdict: 'REVIEW', reviewReason: 'list-stale' };
}

export function screenWithFreshness(engine: ScreeningEngine, freshness: Freshness, letter: LetterInput): ScreeningResult {
  return guardWithFreshness(engine.screen(letter), freshness);
}
