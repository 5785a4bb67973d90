// How block entries are kept: grouped into buckets by a hash of their id and sealed a bucket at a
// time. One AES-GCM call per entry made a 100,000-entry list take tens of seconds to store and to
// load; per bucket it is a few thousand calls over the same bytes. Search happens in memory after
// decryption (the engine), so entries need no search tags.
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import type { Sealer } from './crypto/sealer.ts';
import type { MailroomDb } from './db/database.ts';
import type { BlockBucketRow } from './db/rows.ts';

/** Enough buckets that a delta of 1,000 changes re-seals a small part of a large list. */
export const BUCKET_COUNT = 4096;

/** FNV-1a over the id's UTF-16 code units: fast, stable, and ids are not secret. */
export function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKET_COUNT;
}

const bucketContext = (bucket: number) => `blockBuckets/${bucket}`;
const byId = (a: BlockEntry, b: BlockEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function openBucket(sealer: Sealer, row: BlockBucketRow): Promise<BlockEntry[]> {
  return (await sealer.openJson(row.sealed, bucketContext(row.bucket))) as BlockEntry[];
}

/** Seals entries grouped by bucket; an empty group is not written (the caller deletes the row). */
export async function sealBuckets(sealer: Sealer, groups: ReadonlyMap<number, readonly BlockEntry[]>, listVersion: number): Promise<BlockBucketRow[]> {
  const work = [...groups].filter(([, entries]) => entries.length > 0);
  const rows: BlockBucketRow[] = [];
  for (let i = 0; i < work.length; i += 256) {
    rows.push(
      ...(await Promise.all(
        work.slice(i, i + 256).map(async ([bucket, entries]) => ({
          bucket,
          listVersion,
          count: entries.length,
          sealed: await sealer.sealJson([...entries].sort(byId), bucketContext(bucket)),
        })),
      )),
    );
  }
  return rows;
}

export function groupByBucket(entries: readonly BlockEntry[]): Map<number, BlockEntry[]> {
  const groups = new Map<number, BlockEntry[]>();
  for (const e of entries) {
    const b = bucketOf(e.id);
    const group = groups.get(b);
    if (group) group.push(e);
    else groups.set(b, [e]);
  }
  return groups;
}

/** Every entry held, in id order. */
export async function readAllEntries(db: MailroomDb, sealer: Sealer): Promise<BlockEntry[]> {
  const rows = await db.blockBuckets.toArray();
  const buckets = await Promise.all(rows.map((r) => openBucket(sealer, r)));
  return buckets.flat().sort(byId);
}

/** The entries with these ids that are held (absent ids are skipped), in the order asked. */
export async function readEntries(db: MailroomDb, sealer: Sealer, ids: readonly string[]): Promise<BlockEntry[]> {
  const bucketIds = [...new Set(ids.map(bucketOf))];
  const rows = (await db.blockBuckets.bulkGet(bucketIds)).filter((r): r is BlockBucketRow => r !== undefined);
  const found = new Map((await Promise.all(rows.map((r) => openBucket(sealer, r)))).flat().map((e) => [e.id, e]));
  return ids.map((id) => found.get(id)).filter((e): e is BlockEntry => e !== undefined);
}

/**
 * The buckets a delta touches, re-sealed with the delta applied, and how the entry count changes.
 * Reads outside any transaction (sealing is asynchronous); the caller writes inside one.
 */
export async function applyDelta(
  db: MailroomDb,
  sealer: Sealer,
  upserts: readonly BlockEntry[],
  removals: readonly string[],
  listVersion: number,
): Promise<{ readonly put: BlockBucketRow[]; readonly emptied: number[]; readonly countChange: number }> {
  const touched = [...new Set([...upserts.map((e) => bucketOf(e.id)), ...removals.map(bucketOf)])];
  const before = await db.blockBuckets.bulkGet(touched);
  const groups = new Map<number, Map<string, BlockEntry>>();
  let countBefore = 0;
  await Promise.all(
    touched.map(async (bucket, i) => {
      const row = before[i];
      countBefore += row?.count ?? 0;
      groups.set(bucket, new Map((row ? await openBucket(sealer, row) : []).map((e) => [e.id, e])));
    }),
  );
  for (const id of removals) groups.get(bucketOf(id))?.delete(id);
  for (const e of upserts) groups.get(bucketOf(e.id))?.set(e.id, e);
  const after = new Map([...groups].map(([b, m]) => [b, [...m.values()]]));
  const put = await sealBuckets(sealer, after, listVersion);
  const emptied = [...after].filter(([, entries]) => entries.length === 0).map(([b]) => b);
  const countAfter = [...after.values()].reduce((n, entries) => n + entries.length, 0);
  return { put, emptied, countChange: countAfter - countBefore };
}
