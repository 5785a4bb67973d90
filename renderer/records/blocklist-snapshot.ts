// A snapshot that arrives in pages (the feed's snapshot pages, or an air-gapped snapshot file) is
// staged page by page, each page in one transaction, and replaces the list only when every page is
// in: an interrupted download resumes from the pages already staged, and a half list never screens.
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import { requireSealer, systemActor, type RecordsContext, type SystemPrincipal } from './context.ts';
import { RecordsError } from './errors.ts';
import { sealAll, toStatus, type ListApplyMeta, type ListStatus } from './blocklist.ts';
import { INTERNAL } from './settings.ts';
import type { BlockStagingRow, ListVersionRow } from './db/rows.ts';

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
      const rows: BlockStagingRow[] = (await sealAll(sealer, entries, version)).map((r) => ({ ...r, version, page }));
      let status: StagingStatus = { version, pages: [page], entryCount: rows.length };
      await db.transaction('rw', db.blockStaging, db.settings, async () => {
        const before = await readStatus();
        if (before && before.version !== version) await db.blockStaging.clear();
        await db.blockStaging.bulkPut(rows);
        const pages = before && before.version === version ? [...new Set([...before.pages, page])].sort((a, b) => a - b) : [page];
        status = { version, pages, entryCount: await db.blockStaging.where('version').equals(version).count() };
        await db.settings.put({ key: INTERNAL.staging, value: status });
      });
      return status;
    },

    async commit(version, expected, meta) {
      const actor = systemActor(principal);
      let applied: ListVersionRow | undefined;
      await db.transaction('rw', [db.blockEntries, db.blockStaging, db.listVersions, db.settings, db.audit], async () => {
        const staged = await readStatus();
        if (!staged || staged.version !== version) throw new RecordsError('conflict', `no snapshot of version ${version} is staged`);
        if (staged.pages.length !== expected.pageCount || staged.entryCount !== expected.entryCount) {
          throw new RecordsError(
            'conflict',
            `snapshot ${version} is incomplete: ${staged.pages.length} of ${expected.pageCount} pages, ${staged.entryCount} of ${expected.entryCount} entries`,
          );
        }
        const held = await db.listVersions.orderBy('version').last();
        if (held && version < held.version) throw new RecordsError('conflict', `list version ${version} is older than the version held (${held.version})`);
        const rows = await db.blockStaging.where('version').equals(version).toArray();
        await db.blockEntries.clear();
        await db.blockEntries.bulkAdd(rows.map(({ id, listVersion, postcodeTags, nameTags, sealed }) => ({ id, listVersion, postcodeTags, nameTags, sealed })));
        await db.blockStaging.clear();
        await db.settings.delete(INTERNAL.staging);
        applied = {
          version,
          generatedAt: expected.generatedAt,
          appliedAt: ctx.clock().toISOString(),
          source: meta.source,
          appliedBy: actor,
          signature: meta.signature,
          entryCount: rows.length,
        };
        await db.listVersions.put(applied);
        await audit.append(
          audit.draft('list-update', actor, `list-v${version}`, {
            version,
            from: held?.version ?? null,
            entries: rows.length,
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
      await db.transaction('rw', db.blockStaging, db.settings, async () => {
        await db.blockStaging.clear();
        await db.settings.delete(INTERNAL.staging);
      });
    },
  };
}
