import { describe, expect, it } from 'vitest';
import type { ScreeningEngine, ScreeningResult } from '../screening/types.ts';
import { screenPage, screenPages, worstVerdict } from './screen-pages.ts';

/** An engine that returns a fixed result, to test the page rules apart from matching. */
function fixedEngine(result: Partial<ScreeningResult>): ScreeningEngine {
  return {
    matcher: 'test',
    entryCount: 0,
    screen: () => ({ verdict: 'CLEAR', addressee: null, matches: [], sender: null, matcher: 'test', ...result }),
  };
}

const page = (over: Partial<{ text: string; unreadable: string | null; confidence: number }> = {}) => ({ text: 'x', unreadable: null, confidence: 0.9, ...over });

describe('screening the pages of a letter', () => {
  it('never lets a page OCR could not read be CLEAR', () => {
    const r = screenPage(fixedEngine({ verdict: 'CLEAR' }), page({ unreadable: 'low confidence' }));
    expect(r.verdict).toBe('REVIEW');
    expect(r.reviewReason).toBe('unreadable');
  });

  it('keeps a HOLD on an unreadable page (the engine found a blocked address anyway)', () => {
    expect(screenPage(fixedEngine({ verdict: 'HOLD' }), page({ unreadable: 'low confidence' })).verdict).toBe('HOLD');
  });

  it('gives the letter the worst verdict of its pages', () => {
    const engine: ScreeningEngine = {
      matcher: 't',
      entryCount: 0,
      screen: ({ text }) => ({ verdict: text === 'hold' ? 'HOLD' : 'CLEAR', addressee: null, matches: [], sender: null, matcher: 't' }),
    };
    expect(screenPages(engine, [page({ text: 'a' }), page({ text: 'hold' })]).verdict).toBe('HOLD');
    expect(screenPages(engine, [page({ text: 'a' }), page({ text: 'b' })]).verdict).toBe('CLEAR');
  });

  it('treats a letter with no pages as REVIEW', () => {
    expect(worstVerdict([])).toBe('REVIEW');
    expect(screenPages(fixedEngine({}), []).verdict).toBe('REVIEW');
  });
});
