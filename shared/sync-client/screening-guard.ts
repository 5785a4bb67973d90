// Screening with a synced list: a list past its hard limit (or none at all) never gives a CLEAR;
// every letter is REVIEW for "list-stale" until a fresh list arrives.
import type { LetterInput, ScreeningEngine, ScreeningResult } from '../screening/types.ts';
import { listUsable, type Freshness } from './freshness.ts';

export function screenWithFreshness(engine: ScreeningEngine, freshness: Freshness, letter: LetterInput): ScreeningResult {
  const result = engine.screen(letter);
  if (listUsable(freshness) || result.verdict === 'HOLD') return result;
  return { ...result, verdict: 'REVIEW', reviewReason: 'list-stale' };
}
