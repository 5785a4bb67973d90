// Compact postings for the candidate index: (integer key, entry position) pairs packed into one float64
// each and sorted once, so that a national list is a few flat arrays of numbers rather than a Map of small
// arrays (which cost most of the build in hashing, allocation and garbage collection).
//
// The arrays are plain JavaScript arrays of doubles, not Float64Arrays. A typed array's memory is outside
// V8's heap, and V8 answers every 64 MB of such memory allocated since its last full collection with a
// full collection ("external memory pressure"): building a million-entry index, whose postings grow to
// some 120 MB, set off two, each marking the whole heap (the list and its prepared entries, over 1 GB) for
// 2.3 to 3.5 s, a quarter of the build. An array of doubles lives in the heap, where it counts towards the
// old generation's far larger limit and costs the marker nothing to walk (it holds no pointers).

/** A 32-bit FNV-1a hash of a string key (of its first `end` characters). Two keys may share a hash: a
 * posting found through a shared hash is one more candidate for the scorer to turn down, never a missed one. */
export function hashKey(s: string, seed = 0x811c9dc5, end = s.length): number {
  let h = seed;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** hashKey of `s` with the character at `skip` left out: a one-deletion key hashed without building it. */
export function hashKeySkipping(s: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) if (i !== skip) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Postings {
  /** Bits of the packed value that hold the position; the key takes the rest of float64's 53. */
  private readonly valueSpan: number;
  private readonly valueBits: number;
  private readonly keySpan: number;
  /** Every value so far was added in ascending order (the index adds entries in list order, and words as
   * they are numbered): the sort then only has to order the keys, stably. */
  private ascending = true;
  private lastValue = 0;
  private maxKey = 0;
  /** Packed pairs: only doubles are ever stored, so V8 keeps them unboxed, 8 bytes each. */
  private packed: number[] = [];
  private sorted = false;
  /** A directory over the sorted pairs: bucket b (keys b*width to b*width+width-1) starts at dir[b], so
   * that a look-up searches a handful of pairs rather than the whole array. */
  private dir = new Int32Array(1);
  private width = 1;

  /** `maxValue`: the largest value (entry position or word id) that will be posted. */
  constructor(maxValue: number) {
    let bits = 1;
    while (2 ** bits <= maxValue) bits++;
    this.valueSpan = 2 ** bits;
    this.valueBits = bits;
    this.keySpan = 2 ** (53 - bits);
  }

  /** Keys beyond the key space fold into it: a fold only adds candidates, as a shared hash does. */
  private fold(key: number): number {
    return key < this.keySpan ? key : key % this.keySpan;
  }

  add(key: number, value: number): void {
    const k = this.fold(key);
    if (value < this.lastValue) this.ascending = false;
    this.lastValue = value;
    if (k > this.maxKey) this.maxKey = k;
    this.packed.push(k * this.valueSpan + value);
    this.sorted = false;
  }

  /** Sorts and drops repeated pairs; call once after the last add. */
  finish(): void {
    let keyBits = 0;
    while (2 ** keyBits <= this.maxKey) keyBits++;
    const a = sortPacked(this.packed, this.ascending ? this.valueBits : 0, this.valueBits + keyBits);
    let n = 0;
    for (let i = 0; i < a.length; i++) if (n === 0 || a[i] !== a[n - 1]) a[n++] = a[i] as number;
    // An exact copy: the array grown by push keeps up to half as much again in spare room.
    this.packed = a.slice(0, n);
    let buckets = 1;
    while (buckets * 4 < n) buckets *= 2;
    const lastKey = n > 0 ? Math.floor((this.packed[n - 1] as number) / this.valueSpan) : 0;
    this.width = Math.floor(lastKey / buckets) + 1;
    const dir = new Int32Array(buckets + 1);
    for (let i = 0; i < n; i++) {
      const b = Math.floor(Math.floor((this.packed[i] as number) / this.valueSpan) / this.width) + 1;
      dir[b] = (dir[b] as number) + 1;
    }
    for (let b = 0; b < buckets; b++) dir[b + 1] = (dir[b + 1] as number) + (dir[b] as number);
    this.dir = dir;
    this.sorted = true;
  }

  /** Calls `visit` with every value posted under `key`, in ascending order. */
  forEach(key: number, visit: (value: number) => void): void {
    if (!this.sorted) throw new Error('postings read before finish()');
    const base = this.fold(key) * this.valueSpan;
    const end = base + this.valueSpan;
    const a = this.packed;
    const bucket = Math.floor(this.fold(key) / this.width);
    if (bucket + 1 >= this.dir.length) return;
    let lo = this.dir[bucket] as number;
    let hi = this.dir[bucket + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((a[mid] as number) < base) lo = mid + 1;
      else hi = mid;
    }
    const last = this.dir[bucket + 1] as number;
    for (let i = lo; i < last; i++) {
      const x = a[i] as number;
      if (x >= end) break;
      visit(x - base);
    }
  }

  get size(): number {
    return this.packed.length;
  }

  get bytes(): number {
    return this.packed.length * 8 + this.dir.byteLength;
  }
}

/**
 * Sorts non-negative integers below 2^53 (as doubles) ascending; returns the sorted array (the one given
 * or a copy). An LSD radix sort sorts them in linear time, in passes of 18 bits (a 1 MB count table,
 * which stays in cache), all counted in one read; a pass whose digit every value shares is skipped. A
 * national list posts millions of pairs, where the comparison sort was most of `finish`.
 *
 * Only bits `fromBit` to `toBit` - 1 are sorted on: a caller whose values below `fromBit` are already in
 * ascending order (postings added in value order) and whose values are below 2^toBit saves the passes
 * over the rest, since each pass is stable.
 */
export function sortPacked(a: number[], fromBit = 0, toBit = 53): number[] {
  const n = a.length;
  if (n < 4096) return a.sort((x, y) => x - y);
  const shifts: number[] = [];
  for (let shift = fromBit; shift < toBit; shift += DIGIT_BITS) shifts.push(shift);
  const counts = shifts.map(() => new Int32Array(DIGITS));
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const lo = x >>> 0;
    const hi = (x - lo) / 4294967296;
    for (let p = 0; p < shifts.length; p++) {
      const c = counts[p] as Int32Array;
      const d = digitOf(lo, hi, shifts[p] as number);
      c[d] = (c[d] as number) + 1;
    }
  }
  let src = a;
  let dst: number[] | null = null;
  for (let p = 0; p < shifts.length; p++) {
    const count = counts[p] as Int32Array;
    const shift = shifts[p] as number;
    if (count[digitOf((src[0] as number) >>> 0, ((src[0] as number) - ((src[0] as number) >>> 0)) / 4294967296, shift)] === n) continue;
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    dst ??= a.slice();
    for (let i = 0; i < n; i++) {
      const x = src[i] as number;
      const lo = x >>> 0;
      const d = digitOf(lo, (x - lo) / 4294967296, shift);
      const at = count[d] as number;
      count[d] = at + 1;
      dst[at] = x;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

const DIGIT_BITS = 18;
const DIGITS = 1 << DIGIT_BITS;

/** Bits `shift` to `shift` + 17 of the integer whose low 32 bits are `lo` and high bits `hi`. */
function digitOf(lo: number, hi: number, shift: number): number {
  if (shift >= 32) return (hi >>> (shift - 32)) & (DIGITS - 1);
  if (shift + DIGIT_BITS <= 32) return (lo >>> shift) & (DIGITS - 1);
  return ((lo >>> shift) | (hi << (32 - shift))) & (DIGITS - 1);
}
