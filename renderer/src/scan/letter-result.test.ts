import { describe, expect, it } from 'vitest';
import type { MatchEvidence, ScreeningResult } from '../../../shared/screening/types.ts';
import { checkedText, resultOf, withListAge } from './letter-result.ts';

const match = (entryId: string, score: number): MatchEvidence => ({ entryId, score, rule: 'blocked-address', verdict: 'HOLD', reasons: [] });
const page = (verdict: ScreeningResult['verdict'], matches: MatchEvidence[] = []): ScreeningResult => ({ verdict, addressee: null, matches, sender: null, matcher: 'm' });

describe("a letter's one result from its pages", () => {
  it('takes the worst page and keeps every page’s matches, best first, one per entry', () => {
    const r = resultOf({ verdict: 'HOLD', pages: [page('CLEAR'), page('HOLD', [match('B', 0.8), match('A', 0.9)]), page('REVIEW', [match('B', 0.95)])] }, 'm');
    expect(r.verdict).toBe('HOLD');
    expect(r.matches.map((m) => [m.entryId, m.score])).toEqual([
      ['B', 0.95],
      ['A', 0.9],
    ]);
  });

  it('is REVIEW (unreadable), never CLEAR, when there are no pages', () => {
    expect(resultOf({ verdict: 'REVIEW', pages: [] }, 'm')).toMatchObject({ verdict: 'REVIEW', reviewReason: 'unreadable' });
  });

  it('puts the officer’s corrected text, house number and postcode together as an envelope would read', () => {
    expect(checkedText(' ls6 2ab ', '14', '')).toBe('14\nLS6 2AB');
    expect(checkedText('LS6 2AB', '', 'Flat 2, Acacia Road')).toBe('Flat 2, Acacia Road\nLS6 2AB');
  });
});

describe('the list’s hard age limit', () => {
  const clear = page('CLEAR');
  const day = 86_400_000;
  it('turns CLEAR into REVIEW (list-stale) past the limit, and leaves HOLD alone', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(withListAge(clear, '2026-11-10T00:00:00Z', 7 * day, now)).toMatchObject({ verdict: 'REVIEW', reviewReason: 'list-stale' });
    expect(withListAge(clear, '2026-11-27T00:00:00Z', 7 * day, now).verdict).toBe('CLEAR');
    expect(withListAge(clear, null, 7 * day, now).verdict).toBe('REVIEW');
    expect(withListAge(page('HOLD'), '2026-11-10T00:00:00Z', 7 * day, now).verdict).toBe('HOLD');
    expect(withListAge(clear, '2026-11-10T00:00:00Z', null, now).verdict).toBe('CLEAR');
  });
});
