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

  it('sorts only the key bits when the values came in ascending order, and gets the same order', () => {
    const rand = lcg(5);
    for (const [n, valueBits, keySpan] of [[60_000, 20, 2 ** 33], [30_000, 17, 2 ** 20], [20_000, 10, 300]] as const) {
      // Keys random, values ascending in the order added: what the index does for each Postings.
      const a = Array.from({ length: n }, (_, i) => Math.floor(rand() * keySpan) * 2 ** valueBits + Math.floor((i * 2 ** valueBits) / n));
      const expected = a.slice().sort((x, y) => x - y);
      let keyBits = 0;
      while (2 ** keyBits < keySpan) keyBits++;
      expect(sortPacked(a, valueBits, valueBits + keyBits)).toEqual(expected);
    }
  });

  it('finds every value posted under a key, values added in ascending order (the index build)', () => {
    const rand = lcg(11);
    const p = new Postings(1_000_000);
    const posted = new Map<number, number[]>();
    for (let value = 0; value < 1_000_000; value += 1 + Math.floor(rand() * 20)) {
      for (let j = 0; j < 3; j++) {
        const key = Math.floor(rand() * 2 ** 32);
        p.add(key, value);
        if (!posted.has(key)) posted.set(key, []);
        posted.get(key)?.push(value);
      }
    }
    p.finish();
    for (const [key, values] of [...posted].slice(0, 2000)) {
      const found: number[] = [];
      p.forEach(key, (v) => found.push(v));
      expect(found).toEqual([...new Set(values)]);
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
