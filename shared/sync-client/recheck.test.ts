import { describe, expect, it } from 'vitest';
import { buildEngine } from '../screening/engine.ts';
import { recheckLetters, type ScreenedLetter } from './recheck.ts';
import type { ListChange } from './snapshot.ts';

const now = new Date('2026-11-28T12:00:00Z');
const letter = (letterId: string, hoursAgo: number, verdict: ScreenedLetter['verdict'] = 'CLEAR'): ScreenedLetter => ({
  letterId,
  text: 'Ms Jane Smith\nFlat 2, 14 Acacia Road\nLeeds\nLS6 2AB',
  verdict,
  screenedAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
});
const change: ListChange = {
  previousVersion: 4,
  version: 5,
  full: false,
  removedIds: [],
  upserted: [{ id: 'UPC-7', names: ['Jane Smith'], addresses: [{ lines: ['Flat 2', '14 Acacia Road'], town: 'Leeds', postcode: 'LS6 2AB' }], phones: [], emails: [], scope: { kind: 'all-prisoners' } }],
};

describe('re-checking recent letters when the list changes', () => {
  it('holds a letter screened CLEAR yesterday to an address blocked today, marked already dispatched', () => {
    const findings = recheckLetters(change, [letter('L-1', 20)], buildEngine, now);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ letterId: 'L-1', verdict: 'HOLD', event: { type: 'letter-held', alreadyDispatched: true, listVersion: 5, entryIds: ['UPC-7'] } });
  });

  it('leaves letters outside the window, and letters already held, alone', () => {
    expect(recheckLetters(change, [letter('L-2', 49), letter('L-3', 2, 'HOLD')], buildEngine, now)).toEqual([]);
    expect(recheckLetters(change, [letter('L-4', 60)], buildEngine, now, 72)).toHaveLength(1);
  });

  it('finds nothing when the change only removed entries', () => {
    expect(recheckLetters({ ...change, upserted: [], removedIds: ['UPC-7'] }, [letter('L-1', 1)], buildEngine, now)).toEqual([]);
  });
});
