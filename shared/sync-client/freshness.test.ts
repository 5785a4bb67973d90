import { describe, expect, it } from 'vitest';
import { buildEngine } from '../screening/engine.ts';
import { BLOCKLIST_FORMAT } from '../blocklist/format.ts';
import { assessFreshness } from './freshness.ts';
import type { ListState } from './ports.ts';
import { screenWithFreshness } from './screening-guard.ts';

const H = 3_600_000;
const t0 = Date.parse('2026-11-01T12:00:00Z');
const list = (over: Partial<ListState> = {}): ListState => ({
  version: 7,
  digest: null,
  currentAsOf: new Date(t0).toISOString(),
  checkedAt: t0,
  clockSkewMs: 0,
  reconciledAt: null,
  pinnedKey: 'k',
  trust: { keyId: 'k', publicKey: 'k' },
  source: 'network',
  ...over,
});

describe('freshness from the service signed time', () => {
  it('is fresh within a day, warns past 24 h and expires past 7 days', () => {
    expect(assessFreshness(list(), t0 + 2 * H).level).toBe('fresh');
    expect(assessFreshness(list(), t0 + 25 * H)).toMatchObject({ level: 'warning', message: expect.stringMatching(/25\.0 h old/) });
    expect(assessFreshness(list(), t0 + 7 * 24 * H + 1).level).toBe('expired');
  });

  it('honours a configured hard limit', () => {
    expect(assessFreshness(list(), t0 + 49 * H, { warnAfterMs: 24 * H, hardLimitMs: 48 * H, clockToleranceMs: 60_000 }).level).toBe('expired');
  });

  it('does not let a PC clock that is behind make an old list look young', () => {
    // Synced when the PC read a day less than the service; eight days of PC time later it is expired.
    const behind = list({ checkedAt: t0 - 24 * H, clockSkewMs: -24 * H });
    const f = assessFreshness(behind, t0 - 24 * H + 8 * 24 * H);
    expect(f.level).toBe('expired');
    expect(f.clockSkewMs).toBe(-24 * H);
    expect(f.message).toMatch(/24\.0 h behind/);
  });

  it('still sees a list the service signed long ago as stale, whatever the PC counted since', () => {
    // A PC clock set back after a sync cannot count the list's age (a limit of any clock-based age),
    // but a list whose signed time is old shows its age on the first reading.
    expect(assessFreshness(list(), t0 - 30 * 24 * H).level).toBe('fresh');
    expect(assessFreshness(list({ currentAsOf: new Date(t0 - 8 * 24 * H).toISOString() }), t0).level).toBe('expired');
  });

  it('has no list until the first sync', () => {
    expect(assessFreshness(null, t0).level).toBe('no-list');
  });
});

describe('screening with a stale list', () => {
  const engine = buildEngine({ format: BLOCKLIST_FORMAT, version: 1, entries: [] });
  const letter = { text: 'Mr Tom Hughes\n31 Beech Grove\nHarrogate\nHG2 0ET' };

  it('gives REVIEW for list-stale instead of CLEAR once the list is past the hard limit', () => {
    const result = screenWithFreshness(engine, assessFreshness(list(), t0 + 8 * 24 * H), letter);
    expect(result).toMatchObject({ verdict: 'REVIEW', reviewReason: 'list-stale' });
  });

  it('gives REVIEW with no list at all, and screens normally with a fresh one', () => {
    expect(screenWithFreshness(engine, assessFreshness(null, t0), letter).verdict).toBe('REVIEW');
    expect(screenWithFreshness(engine, assessFreshness(list(), t0 + H), letter).verdict).toBe('CLEAR');
  });
});
