import { describe, expect, it } from 'vitest';
import { DEFAULT_INACTIVITY_MS, idleRemainingMs, isIdleExpired, startSessionClock, touchSessionClock } from './session-clock.ts';

describe('session clock', () => {
  it('signs out after five minutes without input by default', () => {
    const clock = startSessionClock(0);
    expect(DEFAULT_INACTIVITY_MS).toBe(300_000);
    expect(isIdleExpired(clock, 299_999)).toBe(false);
    expect(isIdleExpired(clock, 300_000)).toBe(true);
  });

  it('starts the countdown again on input', () => {
    const touched = touchSessionClock(startSessionClock(0, 1000), 800);
    expect(idleRemainingMs(touched, 1000)).toBe(800);
    expect(isIdleExpired(touched, 1799)).toBe(false);
  });

  it('is not wound back by a late, older input event', () => {
    const clock = touchSessionClock(startSessionClock(0, 1000), 900);
    expect(touchSessionClock(clock, 100)).toBe(clock);
  });
});
