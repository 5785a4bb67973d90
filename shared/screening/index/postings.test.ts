import { describe, expect, it } from 'vitest';
import { Postings, sortPacked } from './postings.ts';

/** A small deterministic generator, so that a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('postings', () => {
  it('sorts large packed arrays exactly as the comparison sort does, across the whole 53-bit range', () => {
    const rand = lcg(3);
    for (const [n, span] of [[50_000, 2 ** 53], [50_000, 2 ** 20], [20_000, 2 ** 40], [10_000, 7]] as const) {
      const a = Array.from({ length: n }, () => Math.floor(rand() * span));
      const expected = a.slice().sort((x, y) => x - y);
      expect(sortPacked(a)).toEqual(expected);
    }
  });

  it('finds every value posted under a key and nothing posted under another, however many pairs', () => {
    const rand = lcg(9);
    const p = new Postings(100_000);
    const posted = new Map<number, Set<number>>();
    for (let i = 0; i < 60_000; i++) {
      const key = Math.floor(rand() * 5_000) * 997;
      const value = Math.floor(rand() * 100_000);
      p.add(key, value);
      if (!posted.has(key)) posted.set(key, new Set());
      posted.get(key)?.add(value);
    }
    p.finish();
    for (const [key, values] of [...posted].slice(0, 500)) {
      const found: number[] = [];
      p.forEach(key, (v) => found.push(v));
      expect(found).toEqual([...values].sort((x, y) => x - y));
    }
    const none: number[] = [];
    p.forEach(1, (v) => none.push(v));
    expect(none).toEqual([]);
  });
});
