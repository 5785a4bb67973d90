// Compact postings for the candidate index: (integer key, entry position) pairs packed into one float64
// each and sorted once, so that a national list is a few typed arrays rather than a Map of small arrays
// (which cost most of the build in hashing, allocation and garbage collection).

/** A 32-bit FNV-1a hash of a string key. Two keys may share a hash: a posting found through a shared
 * hash is one more candidate for the scorer to turn down, never a missed one. */
export function hashKey(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
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
  private readonly keySpan: number;
  private packed: Float64Array<ArrayBuffer>;
  private length = 0;
  private sorted = false;
  /** A directory over the sorted pairs: bucket b (keys b*width to b*width+width-1) starts at dir[b], so
   * that a look-up searches a handful of pairs rather than the whole array. */
  private dir = new Int32Array(1);
  private width = 1;

  /** `maxValue`: the largest value (entry position or word id) that will be posted. */
  constructor(maxValue: number, initial = 1024) {
    let bits = 1;
    while (2 ** bits <= maxValue) bits++;
    this.valueSpan = 2 ** bits;
    this.keySpan = 2 ** (53 - bits);
    this.packed = new Float64Array(Math.max(16, initial));
  }

  /** Keys beyond the key space fold into it: a fold only adds candidates, as a shared hash does. */
  private fold(key: number): number {
    return key < this.keySpan ? key : key % this.keySpan;
  }

  add(key: number, value: number): void {
    if (this.length === this.packed.length) {
      const next = new Float64Array(this.packed.length * 2);
      next.set(this.packed);
      this.packed = next;
    }
    this.packed[this.length++] = this.fold(key) * this.valueSpan + value;
    this.sorted = false;
  }

  /** Sorts and drops repeated pairs; call once after the last add. */
  finish(): void {
    const a = sortPacked(this.packed.subarray(0, this.length));
    let n = 0;
    for (let i = 0; i < a.length; i++) if (n === 0 || a[i] !== a[n - 1]) a[n++] = a[i] as number;
    this.packed = a.slice(0, n);
    this.length = n;
    let buckets = 1;
    while (buckets * 4 < n) buckets *= 2;
    const maxKey = n > 0 ? Math.floor((this.packed[n - 1] as number) / this.valueSpan) : 0;
    this.width = Math.floor(maxKey / buckets) + 1;
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
    return this.length;
  }

  get bytes(): number {
    return this.packed.byteLength + this.dir.byteLength;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Sorts non-negative integer-valued doubles ascending, in place or into a new array (the result is
 * returned). A non-negative double's bit pattern orders as its value does, so an LSD radix sort on the
 * pattern, 16 bits a pass, sorts them in linear time; a pass whose digit every value shares is skipped.
 * A national list posts millions of pairs, where the comparison sort was most of `finish`.
 */
export function sortPacked(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const n = a.length;
  if (n < 4096 || !LITTLE_ENDIAN) return a.sort();
  let src = a;
  let dst = new Float64Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const words = new Uint32Array(src.buffer, src.byteOffset, n * 2);
    const word = pass >> 1; // the low 32 bits of each value come first
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((words[2 * i + word] as number) >>> shift) & 0xffff;
      count[d] = (count[d] as number) + 1;
    }
    if (count[((words[word] as number) >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = ((words[2 * i + word] as number) >>> shift) & 0xffff;
      const at = count[d] as number;
      count[d] = at + 1;
      dst[at] = src[i] as number;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
