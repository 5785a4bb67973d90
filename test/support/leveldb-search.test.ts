import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logRecords, searchDirectory, snappyDecompress, tableBlocks } from './leveldb-search.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};

/** A small greedy Snappy compressor (literals and 2-byte-offset copies), to make test tables. */
function snappyCompress(input: Uint8Array): Uint8Array {
  const out = [...varint(input.length)];
  const literal = (from: number, to: number) => {
    for (let s = from; s < to; s += 60) {
      const e = Math.min(to, s + 60);
      out.push((e - s - 1) << 2, ...input.subarray(s, e));
    }
  };
  const table = new Map<string, number>();
  let lit = 0;
  let i = 0;
  while (i + 4 <= input.length) {
    const key = input.subarray(i, i + 4).join(',');
    const cand = table.get(key);
    table.set(key, i);
    if (cand !== undefined && i - cand < 65536) {
      let len = 4;
      while (i + len < input.length && input[cand + len] === input[i + len] && len < 64) len++;
      literal(lit, i);
      out.push(((len - 1) << 2) | 2, (i - cand) & 0xff, (i - cand) >> 8);
      i += len;
      lit = i;
    } else i++;
  }
  literal(lit, input.length);
  return new Uint8Array(out);
}

/** A LevelDB table with one data block (Snappy-compressed or not), an index block and a footer. */
function table(entries: readonly [string, string][], compress: boolean): Uint8Array {
  const parts: number[] = [];
  let prev = '';
  for (const [k, v] of entries) {
    let shared = 0;
    while (shared < prev.length && shared < k.length && prev[shared] === k[shared]) shared++;
    const rest = bytes(k.slice(shared));
    const value = bytes(v);
    parts.push(...varint(shared), ...varint(rest.length), ...varint(value.length), ...rest, ...value);
    prev = k;
  }
  parts.push(0, 0, 0, 0, 1, 0, 0, 0); // one restart at 0, count 1
  const raw = new Uint8Array(parts);
  const data = compress ? snappyCompress(raw) : raw;
  const block = (body: Uint8Array, type: number) => [...body, type, 0, 0, 0, 0];
  const file: number[] = [...block(data, compress ? 1 : 0)];
  const metaOffset = file.length;
  file.push(...block(new Uint8Array([0, 0, 0, 0, 1, 0, 0, 0]), 0));
  const indexOffset = file.length;
  const handle = [...varint(0), ...varint(data.length)];
  const index = new Uint8Array([0, 3, handle.length, ...bytes('zzz'), ...handle, 0, 0, 0, 0, 1, 0, 0, 0]);
  file.push(...block(index, 0));
  const footer = new Uint8Array(48);
  footer.set([...varint(metaOffset), ...varint(8), ...varint(indexOffset), ...varint(index.length)]);
  footer.set([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb], 40);
  return new Uint8Array([...file, ...footer]);
}

/** A LevelDB log with one record split over the 32 KiB block boundary (FIRST + LAST). */
function splitLog(record: Uint8Array): Uint8Array {
  const first = 32 * 1024 - 7;
  const header = (len: number, type: number) => [0, 0, 0, 0, len & 0xff, len >> 8, type];
  return new Uint8Array([...header(first, 2), ...record.subarray(0, first), ...header(record.length - first, 4), ...record.subarray(first)]);
}

describe('snappy', () => {
  it('decompresses literals and overlapping back-references', () => {
    // "Smith " as a literal, then a copy of 5 at offset 6 (1-byte-offset form), then "!".
    const stream = new Uint8Array([12, (5 << 2) | 0, ...bytes('Smith '), ((5 - 4) << 2) | 1, 6, 0 << 2, ...bytes('!')]);
    expect(Buffer.from(snappyDecompress(stream)).toString()).toBe('Smith Smith!');
    // Run-length: "a" then a copy of 9 at offset 1 (2-byte-offset form).
    expect(Buffer.from(snappyDecompress(new Uint8Array([10, 0, 97, (8 << 2) | 2, 1, 0]))).toString()).toBe('aaaaaaaaaa');
  });

  it('round-trips what the test compressor makes', () => {
    const text = bytes('victim Jane Smith, 14 Acacia Road, LS6 2AB; victim Jane Smith again, 14 Acacia Road. '.repeat(20));
    const packed = snappyCompress(text);
    expect(packed.length).toBeLessThan(text.length / 3);
    expect(snappyDecompress(packed)).toEqual(text);
  });

  it('rejects a corrupt stream instead of inventing data', () => {
    expect(() => snappyDecompress(new Uint8Array([5, (3 << 2) | 2, 9, 0]))).toThrow();
  });
});

describe('LevelDB search (positive control for the at-rest test)', () => {
  it('finds planted data raw, as UTF-16LE, across a log block boundary, and inside compressed table blocks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'leveldb-search-'));
    try {
      await mkdir(join(dir, 'nested'));
      await writeFile(join(dir, 'plain.bin'), Buffer.from('xx Acacia Road xx'));
      await writeFile(join(dir, 'nested', 'v8.bin'), Buffer.from('\u00ffJane Doe\u0000', 'utf16le'));
      await writeFile(join(dir, 'nested', 'v8-one-byte.bin'), Buffer.from('"Siân Ó Ceallaigh"', 'latin1'));
      const record = new Uint8Array(40_000).fill(0x2e);
      record.set(bytes('LS6 2AB'), 32 * 1024 - 7 - 3); // straddles the block boundary
      await writeFile(join(dir, '000003.log'), splitLog(record));
      const compressedOnly = 'Smith Smith Smith Smith Smith';
      await writeFile(join(dir, '000005.ldb'), table([['victim:Jane ', 'a'], ['victim:Jane Smith', compressedOnly]], true));

      const hits = await searchDirectory(dir, ['acacia road', 'Jane Doe', 'Siân Ó Ceallaigh', 'LS6 2AB', compressedOnly, 'Jane Smith', 'not planted']);
      const found = (needle: string) => hits.filter((h) => h.needle === needle).map((h) => `${h.layer}/${h.encoding}`);
      expect(found('acacia road')).toEqual(['raw/utf8']);
      expect(found('Jane Doe')).toEqual(['raw/utf16le']);
      expect(found('Siân Ó Ceallaigh')).toEqual(['raw/latin1']); // V8 writes one-byte strings as Latin-1
      expect(found('LS6 2AB')).toEqual(['log-record/utf8']);
      expect(found(compressedOnly)).toEqual(['table-block/utf8']); // only after decompression
      expect(found('Jane Smith')).toEqual(['table-block/utf8']); // only once the shared key prefix is restored
      expect(found('not planted')).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a table stored without compression and log records that fit one block', () => {
    const blocks = tableBlocks(table([['k1', 'value one']], false));
    expect(blocks.some((b) => Buffer.from(b).includes('value one'))).toBe(true);
    const log = new Uint8Array([0, 0, 0, 0, 3, 0, 1, ...bytes('abc')]);
    expect(logRecords(log).map((r) => Buffer.from(r).toString())).toEqual(['abc']);
  });

  it('refuses to pass a table it cannot decode as clean', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'leveldb-search-'));
    try {
      await writeFile(join(dir, '000009.ldb'), Buffer.from('not a table at all, but long enough to have a footer of 48 bytes....'));
      await expect(searchDirectory(dir, ['x'])).rejects.toThrow(/cannot decode LevelDB table/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
