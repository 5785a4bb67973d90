// Searches a browser profile's IndexedDB files for data that must not be there (victim names,
// postcodes): raw bytes as UTF-8, Latin-1 (how V8 serialises one-byte strings such as "Siân") and
// UTF-16LE (how it serialises two-byte strings), LevelDB log records
// reassembled across 32 KiB blocks, and LevelDB table blocks after Snappy decompression with
// their prefix-compressed keys rebuilt. Used by the e2e at-rest test and its positive control.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LevelDbHit {
  readonly file: string;
  readonly needle: string;
  readonly encoding: 'utf8' | 'latin1' | 'utf16le';
  /** Where it was seen: the file's bytes, a reassembled log record, or a decoded table block. */
  readonly layer: 'raw' | 'log-record' | 'table-block';
}

// ---- Snappy (raw format, as LevelDB stores blocks) ----

export class SnappyError extends Error {}

function readVarint(buf: Uint8Array, pos: number): { readonly value: number; readonly next: number } {
  let value = 0;
  let shift = 0;
  for (let i = pos; i < buf.length && shift <= 35; i++) {
    const b = buf[i] ?? 0;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return { value, next: i + 1 };
    shift += 7;
  }
  throw new SnappyError('truncated varint');
}

const le = (buf: Uint8Array, pos: number, bytes: number): number => {
  let v = 0;
  for (let i = bytes - 1; i >= 0; i--) v = v * 256 + (buf[pos + i] ?? 0);
  return v;
};

/** Decompresses one raw Snappy buffer (preamble + literals and back-references). */
export function snappyDecompress(input: Uint8Array): Uint8Array {
  const { value: length, next } = readVarint(input, 0);
  if (length > 256 * 1024 * 1024) throw new SnappyError('implausible length');
  const out = new Uint8Array(length);
  let o = 0;
  let i = next;
  while (i < input.length) {
    const tag = input[i++] ?? 0;
    let len: number;
    let offset: number;
    switch (tag & 3) {
      case 0: {
        len = tag >> 2;
        if (len >= 60) {
          const n = len - 59;
          len = le(input, i, n);
          i += n;
        }
        len += 1;
        if (i + len > input.length || o + len > length) throw new SnappyError('literal overruns');
        out.set(input.subarray(i, i + len), o);
        i += len;
        o += len;
        continue;
      }
      case 1:
        len = 4 + ((tag >> 2) & 7);
        offset = ((tag >> 5) << 8) | (input[i++] ?? 0);
        break;
      case 2:
        len = (tag >> 2) + 1;
        offset = le(input, i, 2);
        i += 2;
        break;
      default:
        len = (tag >> 2) + 1;
        offset = le(input, i, 4);
        i += 4;
        break;
    }
    if (offset === 0 || offset > o || o + len > length) throw new SnappyError('bad back-reference');
    for (let k = 0; k < len; k++, o++) out[o] = out[o - offset] ?? 0; // may overlap: byte by byte
  }
  if (o !== length) throw new SnappyError('short output');
  return out;
}

// ---- LevelDB log files (.log, MANIFEST): records in 32 KiB blocks with 7-byte headers ----

const LOG_BLOCK = 32 * 1024;

export function logRecords(file: Uint8Array): Uint8Array[] {
  const records: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let pos = 0;
  while (pos + 7 <= file.length) {
    const blockLeft = LOG_BLOCK - (pos % LOG_BLOCK);
    if (blockLeft < 7) {
      pos += blockLeft; // trailer padding
      continue;
    }
    const len = le(file, pos + 4, 2);
    const type = file[pos + 6] ?? 0;
    const start = pos + 7;
    if (type === 0 && len === 0) {
      pos += blockLeft; // zero padding / preallocated space
      continue;
    }
    const data = file.subarray(start, Math.min(start + len, file.length));
    pos = start + len;
    switch (type) {
      case 1: // FULL
        records.push(data);
        pending = [];
        break;
      case 2: // FIRST
        pending = [data];
        break;
      case 3: // MIDDLE
        pending.push(data);
        break;
      case 4: // LAST
        pending.push(data);
        records.push(concat(pending));
        pending = [];
        break;
      default:
        pending = [];
    }
  }
  return records;
}

// ---- LevelDB tables (.ldb, .sst): footer -> index block -> data blocks ----

const TABLE_MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb];

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A block's contents, decompressed when its trailer says Snappy (type 1). */
function readBlock(file: Uint8Array, offset: number, size: number): Uint8Array {
  const body = file.subarray(offset, offset + size);
  const type = file[offset + size];
  return type === 1 ? snappyDecompress(body) : body;
}

/** A block's entries as "key\0value" with the shared key prefixes restored. */
function blockEntries(block: Uint8Array): { readonly key: Uint8Array; readonly value: Uint8Array }[] {
  if (block.length < 4) return [];
  const restarts = le(block, block.length - 4, 4);
  const end = block.length - 4 - restarts * 4;
  const out: { key: Uint8Array; value: Uint8Array }[] = [];
  let key: Uint8Array = new Uint8Array(0);
  let pos = 0;
  while (pos < end) {
    const shared = readVarint(block, pos);
    const unshared = readVarint(block, shared.next);
    const valueLen = readVarint(block, unshared.next);
    const k = valueLen.next;
    key = concat([key.subarray(0, shared.value), block.subarray(k, k + unshared.value)]);
    const value = block.subarray(k + unshared.value, k + unshared.value + valueLen.value);
    out.push({ key, value });
    pos = k + unshared.value + valueLen.value;
  }
  return out;
}

/** Every data block of a table file, decompressed, with keys rebuilt. Throws on a file that is not a table. */
export function tableBlocks(file: Uint8Array): Uint8Array[] {
  const footer = file.subarray(file.length - 48);
  if (file.length < 48 || !TABLE_MAGIC.every((b, i) => footer[40 + i] === b)) throw new Error('not a LevelDB table');
  const meta = readVarint(footer, 0);
  const metaSize = readVarint(footer, meta.next);
  const indexOffset = readVarint(footer, metaSize.next);
  const indexSize = readVarint(footer, indexOffset.next);
  const index = readBlock(file, indexOffset.value, indexSize.value);
  const blocks: Uint8Array[] = [];
  for (const { value } of blockEntries(index)) {
    const offset = readVarint(value, 0);
    const size = readVarint(value, offset.next);
    const block = readBlock(file, offset.value, size.value);
    blocks.push(block, ...blockEntries(block).map((e) => concat([e.key, new Uint8Array([0]), e.value])));
  }
  return blocks;
}

// ---- The search ----

/** ASCII case-folded copy, so "JANE SMITH" and "Jane Smith" both match (UTF-16LE too: high bytes are 0). */
function fold(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    out[i] = b >= 0x41 && b <= 0x5a ? b + 32 : b;
  }
  return out;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  return needle.length > 0 && Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(Buffer.from(needle)) >= 0;
}

/** Searches bytes (of any origin) for the needles; the caller says which layer they came from. */
export function searchBytes(file: string, layer: LevelDbHit['layer'], bytes: Uint8Array, needles: readonly string[]): LevelDbHit[] {
  const hay = fold(bytes);
  const hits: LevelDbHit[] = [];
  for (const needle of needles) {
    if (contains(hay, fold(new Uint8Array(Buffer.from(needle, 'utf8'))))) hits.push({ file, needle, encoding: 'utf8', layer });
    // Latin-1 differs from UTF-8 only when the needle has characters U+0080..U+00FF.
    const oneByte = [...needle].every((c) => c.charCodeAt(0) <= 0xff) && /[\u0080-\u00ff]/.test(needle);
    if (oneByte && contains(hay, fold(new Uint8Array(Buffer.from(needle, 'latin1'))))) hits.push({ file, needle, encoding: 'latin1', layer });
    if (contains(hay, fold(new Uint8Array(Buffer.from(needle, 'utf16le'))))) hits.push({ file, needle, encoding: 'utf16le', layer });
  }
  return hits;
}

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Every place under `dir` where a needle occurs, in any layer. An empty result means none was
 * found; pair it with a positive control (the same search over plainly stored data finds them).
 */
export async function searchDirectory(dir: string, needles: readonly string[]): Promise<LevelDbHit[]> {
  const hits: LevelDbHit[] = [];
  for await (const path of files(dir)) {
    const bytes = new Uint8Array(await readFile(path));
    hits.push(...searchBytes(path, 'raw', bytes, needles));
    if (/\.log$|MANIFEST-\d+$/.test(path)) {
      for (const record of logRecords(bytes)) hits.push(...searchBytes(path, 'log-record', record, needles));
    }
    if (/\.(ldb|sst)$/.test(path)) {
      try {
        for (const block of tableBlocks(bytes)) hits.push(...searchBytes(path, 'table-block', block, needles));
      } catch (e) {
        // A table we cannot decode must not pass silently as "nothing found".
        throw new Error(`cannot decode LevelDB table ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }
  }
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.file}|${h.needle}|${h.encoding}|${h.layer}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}
