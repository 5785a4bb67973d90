// A snapshot that arrives in pages (the feed's snapshot pages, or an air-gapped snapshot file) is
// staged page by page, each page in one transaction, and replaces the list only when every page is
// in: an interrupted download resumes from the pages already staged, and a half list never screens.
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import { requireSealer, systemActor, type RecordsContext, type SystemPrincipal } from './context.ts';
import { RecordsError } from './errors.ts';
import { toStatus, type ListApplyMeta, type ListStatus } from './blocklist.ts';
import { groupByBucket, sealBuckets } from './block-buckets.ts';
import { INTERNAL } from './settings.ts';
import type { ListVersionRow, SnapshotPageRow } from './db/rows.ts';

export interface StagingStatus {
  readonly version: number;
  /** Page numbers staged so far, ascending. */
  readonly pages: readonly number[];
  readonly entryCount: number;
}

export interface SnapshotCompletion {
  readonly pageCount: number;
  readonly entryCount: number;
  readonly generatedAt: string | null;
}

export interface SnapshotStaging {
  /** What is staged (to resume an interrupted snapshot), or null. */
  status(): Promise<StagingStatus | null>;
  /** Stages one verified page. A page of another version discards what was staged before. */
  stagePage(version: number, page: number, entries: readonly BlockEntry[]): Promise<StagingStatus>;
  /** Replaces the list with the staged snapshot once every page is in; refuses an incomplete or older one. */
  commit(version: number, expected: SnapshotCompletion, meta: ListApplyMeta): Promise<ListStatus>;
  discard(): Promise<void>;
}

const pageContext = (version: number, page: number) => `snapshotPages/${version}/${page}`;

function isStagingStatus(value: unknown): value is StagingStatus {
  const v = value as Partial<StagingStatus> | null;
  return !!v && typeof v.version === 'number' && Array.isArray(v.pages) && typeof v.entryCount === 'number';
}

export function createSnapshotStaging(ctx: RecordsContext, principal: SystemPrincipal): SnapshotStaging {
  const { db, audit } = ctx;
  const readStatus = async (): Promise<StagingStatus | null> => {
    const row = await db.settings.get(INTERNAL.staging);
    return isStagingStatus(row?.value) ? row.value : null;
  };

  return {
    status: readStatus,

    async stagePage(version, page, entries) {
      const sealer = requireSealer(ctx);
      const row: SnapshotPageRow = { version, page, count: entries.length, sealed: await sealer.sealJson(entries, pageContext(version, page)) };
      let status: StagingStatus = { version, pages: [page], entryCount: entries.length };
      await db.transaction('rw', db.snapshotPages, db.settings, async () => {
        const before = await readStatus();
        if (before && before.version !== version) await db.snapshotPages.clear();
        await db.snapshotPages.put(row);
        const rows = await db.snapshotPages.where('version').equals(version).toArray();
        status = { version, pages: rows.map((r) => r.page).sort((a, b) => a - b), entryCount: rows.reduce((n, r) => n + r.count, 0) };
        await db.settings.put({ key: INTERNAL.staging, value: status });
      });
      return status;
    },

    async commit(version, expected, meta) {
      const sealer = requireSealer(ctx);
      const actor = systemActor(principal);
      const staged = await readStatus();
      if (!staged || staged.version !== version) throw new RecordsError('conflict', `no snapshot of version ${version} is staged`);
      if (staged.pages.length !== expected.pageCount || staged.entryCount !== expected.entryCount) {
        throw new RecordsError(
          'conflict',
          `snapshot ${version} is incomplete: ${staged.pages.length} of ${expected.pageCount} pages, ${staged.entryCount} of ${expected.entryCount} entries`,
        );
      }
      // Sealing is asynchronous, so the buckets are built before the transaction that swaps them in.
      const pages = await db.snapshotPages.where('version').equals(version).toArray();
      const entries = (await Promise.all(pages.map(async (p) => (await sealer.openJson(p.sealed, pageContext(p.version, p.page))) as BlockEntry[]))).flat();
      if (new Set(entries.map((e) => e.id)).size !== entries.length) throw new RecordsError('conflict', `snapshot ${version} repeats an entry id`);
      const buckets = await sealBuckets(sealer, groupByBucket(entries), version);
      let applied: ListVersionRow | undefined;
      await db.transaction('rw', [db.blockBuckets, db.snapshotPages, db.listVersions, db.settings, db.audit], async () => {
        const still = await readStatus();
        if (!still || still.version !== version || still.entryCount !== staged.entryCount || still.pages.length !== staged.pages.length) {
          throw new RecordsError('conflict', `snapshot ${version} changed while it was being applied`);
        }
        const held = await db.listVersions.orderBy('version').last();
        if (held && version < held.version) throw new RecordsError('conflict', `list version ${version} is older than the version held (${held.version})`);
        await db.blockBuckets.clear();
        await db.blockBuckets.bulkAdd(buckets);
        await db.snapshotPages.clear();
        await db.settings.delete(INTERNAL.staging);
        applied = {
          version,
          generatedAt: expected.generatedAt,
          appliedAt: ctx.clock().toISOString(),
          source: meta.source,
          appliedBy: actor,
          signature: meta.signature,
          entryCount: entries.length,
        };
        await db.listVersions.put(applied);
        await audit.append(
          audit.draft('list-update', actor, `list-v${version}`, {
            version,
            from: held?.version ?? null,
            entries: entries.length,
            pages: expected.pageCount,
            source: meta.source,
            signed: meta.signature !== null,
            keyId: meta.signature?.keyId ?? null,
          }),
        );
      });
      await audit.signHead();
      if (!applied) throw new RecordsError('conflict', 'the snapshot was not applied');
      return toStatus(applied);
    },

    async discard() {
      await db.transaction('rw', db.snapshotPages, db.settings, async () => {
        await db.snapshotPages.clear();
        await db.settings.delete(INTERNAL.staging);
      });
    },
  };
}
