// From what OCR read off each page of a scan to one verdict for the letter. Shared by the CLI, the
// hot folder and the renderer's worker, so every path fails closed the same way.
import type { ScreeningEngine, ScreeningResult, Verdict } from '../screening/types.ts';

/** The part of an OCR page reading that screening needs. */
export interface ReadPage {
  readonly text: string;
  readonly unreadable: string | null;
  readonly confidence: number;
}

const SEVERITY: Record<Verdict, number> = { CLEAR: 0, REVIEW: 1, HOLD: 2 };

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  // No verdict at all (no pages) is not evidence of safety: REVIEW.
  if (verdicts.length === 0) return 'REVIEW';
  return verdicts.reduce((worst, v) => (SEVERITY[v] > SEVERITY[worst] ? v : worst), 'CLEAR' as Verdict);
}

/**
 * Screens one page. Whatever the engine finds is kept, but a page OCR could not read is never
 * CLEAR: it becomes REVIEW with the reason `unreadable` (unless the engine already holds it).
 */
export function screenPage(engine: ScreeningEngine, page: ReadPage, sender?: string, at?: Date): ScreeningResult {
  const result = engine.screen({ text: page.text, sender, at });
  if (page.unreadable === null || result.verdict === 'HOLD') return result;
  return {
    ...result,
    verdict: 'REVIEW',
    reviewReason: result.matches.length > 0 ? 'possible-match' : 'unreadable',
  };
}

export interface LetterScreening {
  readonly verdict: Verdict;
  readonly pages: readonly ScreeningResult[];
}

export function screenPages(engine: ScreeningEngine, pages: readonly ReadPage[], sender?: string, at?: Date): LetterScreening {
  const results = pages.map((p) => screenPage(engine, p, sender, at));
  return { verdict: worstVerdict(results.map((r) => r.verdict)), pages: results };
}
