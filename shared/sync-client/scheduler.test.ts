import { describe, expect, it } from 'vitest';
import { backoffDelay, createSyncScheduler, DEFAULT_SCHEDULE } from './scheduler.ts';
import type { Timers } from './ports.ts';

function fakeTimers() {
  const pending: { run: () => void; ms: number; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = next++;
      pending.push({ run, ms, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = pending.findIndex((p) => p.id === id);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return { timers, pending, fire: () => pending.shift()?.run() };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the sync schedule', () => {
  it('syncs at start and then on the interval after a success', async () => {
    const t = fakeTimers();
    let runs = 0;
    const s = createSyncScheduler(async () => ({ ok: (runs++, true) }), t.timers, { intervalMs: 600_000 });
    s.start();
    await settle();
    expect(runs).toBe(1);
    expect(t.pending.map((p) => p.ms)).toEqual([600_000]);
    t.fire();
    await settle();
    expect(runs).toBe(2);
  });

  it('backs off further after each failure, up to the ceiling, and resets when the network comes back', async () => {
    const t = fakeTimers();
    let ok = false;
    const s = createSyncScheduler(async () => ({ ok }), t.timers, { backoffStartMs: 1000, backoffMaxMs: 8000, random: () => 1 });
    s.start();
    await settle();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      waits.push(t.pending[0]!.ms);
      t.fire();
      await settle();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    ok = true;
    await s.networkBack();
    expect(s.status()).toMatchObject({ failures: 0, nextInMs: DEFAULT_SCHEDULE.intervalMs });
    s.stop();
    expect(t.pending).toEqual([]);
  });

  it('joins a sync already running instead of starting a second', async () => {
    const t = fakeTimers();
    let runs = 0;
    let release!: () => void;
    const s = createSyncScheduler(() => new Promise<{ ok: boolean }>((r) => { runs++; release = () => r({ ok: true }); }), t.timers);
    const a = s.syncNow();
    const b = s.syncNow();
    release();
    await Promise.all([a, b]);
    expect(runs).toBe(1);
  });

  it('jitters between half and all of the backoff', () => {
    const opts = { ...DEFAULT_SCHEDULE, backoffStartMs: 1000 };
    expect(backoffDelay(1, { ...opts, random: () => 0 })).toBe(500);
    expect(backoffDelay(3, { ...opts, random: () => 1 })).toBe(4000);
  });
});
