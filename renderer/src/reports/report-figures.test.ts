import { describe, expect, it } from 'vitest';
import type { DecisionSummary, LetterSummary } from '../../records/index.ts';
import { periodDays, periodFigures } from './report-figures.ts';
import { reportCsv } from './report-csv.ts';

const letter = (id: string, officerId: string, verdict: LetterSummary['verdict'], scannedAt: string): LetterSummary => ({
  id,
  sequence: 1,
  batchId: null,
  scannedAt,
  day: scannedAt.slice(0, 10),
  officerId,
  state: verdict === 'CLEAR' ? 'cleared' : 'held',
  verdict,
  reviewReason: null,
  entryRefs: [],
  why: '',
  listVersion: 12,
  sender: null,
  alreadyDispatched: false,
});
const decision = (letterId: string, kind: DecisionSummary['kind'], decidedAt: string): DecisionSummary => ({ id: `d-${letterId}`, letterId, kind, decidedAt, supervisorId: 's', referredTo: null });

describe('a period at a glance', () => {
  it('counts verdicts per day and per officer, decisions by kind, and the median time to decision', () => {
    const letters = [
      letter('a', 'o1', 'CLEAR', '2026-11-27T09:00:00'),
      letter('b', 'o1', 'HOLD', '2026-11-27T09:10:00'),
      letter('c', 'o2', 'REVIEW', '2026-11-28T10:00:00'),
      letter('d', 'o2', 'HOLD', '2026-11-28T10:00:00'),
    ];
    const decisions = [decision('b', 'confirm-hold', '2026-11-27T09:40:00'), decision('c', 'release', '2026-11-28T10:10:00'), decision('x', 'release', '2026-11-28T11:00:00')];
    const f = periodFigures(letters, decisions, ['2026-11-27', '2026-11-28']);
    expect(f).toMatchObject({ screened: 4, clear: 1, held: 2, reviewed: 1, withheld: 1, released: 2, returned: 0, medianMinutesToDecision: 20 });
    expect(f.days).toEqual([
      { day: '2026-11-27', CLEAR: 1, HOLD: 1, REVIEW: 0 },
      { day: '2026-11-28', CLEAR: 0, HOLD: 1, REVIEW: 1 },
    ]);
    expect(f.officers).toEqual([
      { officerId: 'o1', screened: 2, HOLD: 1, REVIEW: 0 },
      { officerId: 'o2', screened: 2, HOLD: 1, REVIEW: 1 },
    ]);
    expect(reportCsv(f, (id) => `=${id}`)).toContain("officer,'=o2,2,0,1,1");
  });

  it('spans seven local days for a week, ending on the chosen day', () => {
    const week = periodDays('2026-11-28', 7);
    expect(week.days).toEqual(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
    expect(Date.parse(week.toIso) - Date.parse(week.fromIso)).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
  });
});
