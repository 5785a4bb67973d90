// The sync engine's storage ports (shared/sync-client/ports.ts) over the records: the live list
// in sealed buckets, a snapshot staged page by page beside it, and the sync's list state, each
// write one Dexie transaction with its state, so an interrupted sync resumes and a half page never
// screens. The list state holds no secret (versions, times, public keys) and is stored plainly.
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import type { Change } from '../../shared/sync/index.ts';
import type { ListState, SnapshotStaging, SyncState, SyncStore } from '../../shared/sync-client/ports.ts';
import { requireSealer, systemActor, type RecordsContext, type SystemPrincipal } from './context.ts';
import { RecordsError } from './errors.ts';
import { applyDelta, groupByBucket, readAllEntries, sealBuckets } from './block-buckets.ts';
import { INTERNAL } from './settings.ts';
import type { ListVersionRow } from './db/rows.ts';

const pageContext = (version: number, page: number) => `snapshotPages/${version}/${page}`;

export function createSyncStore(ctx: RecordsContext, principal: SystemPrincipal): SyncStore {
  const { db, audit } = ctx;
  const actor = systemActor(principal);

  const readList = async (): Promise<ListState | null> => ((await db.settings.get(INTERNAL.syncList))?.value as ListState | undefined) ?? null;
  const readStaging = async (): Promise<SnapshotStaging | null> =>
    ((await db.settings.get(INTERNAL.syncStaging))?.value as SnapshotStaging | undefined) ?? null;
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

  const versionRow = (next: ListState, entryCount: number): ListVersionRow => ({
    version: next.version,
    generatedAt: null,
    appliedAt: ctx.clock().toISOString(),
    source: next.source === 'network' ? 'sync' : 'snapshot-file',
    appliedBy: actor,
    // Every page was verified against this key before it reached the store.
    signature: { algorithm: 'ed25519', keyId: next.trust.keyId, value: null, signedAt: next.currentAsOf },
    entryCount,
  });

  /** Audits a key rotation the engine accepted (announced by the pinned key). */
  const rotation = (before: ListState | null, next: ListState) =>
    before && before.trust.keyId !== next.trust.keyId
      ? [audit.draft('key-rotated', actor, next.trust.keyId, { from: before.trust.keyId, to: next.trust.keyId })]
      : [];

  return {
    readState: async (): Promise<SyncState> => ({ list: await readList(), staging: await readStaging() }),

    readEntries: () => readAllEntries(db, requireSealer(ctx)),

    async countEntries() {
      return (await db.blockBuckets.toArray()).reduce((n, r) => n + r.count, 0);
    },

    async applyChanges(changes: readonly Change[], next: ListState) {
      const sealer = requireSealer(ctx);
      const before = await readList();
      // Later changes to the same id win, as if applied in order.
      const last = new Map<string, BlockEntry | null>();
      for (const c of changes) last.set(c.op === 'upsert' ? c.entry.id : c.id, c.op === 'upsert' ? c.entry : null);
      const upserts = [...last.values()].filter((e): e is BlockEntry => e !== null);
      const removals = [...last].filter(([, e]) => e === null).map(([id]) => id);
      const delta = await applyDelta(db, sealer, upserts, removals, next.version);
      await db.transaction('rw', [db.blockBuckets, db.listVersions, db.settings, db.audit], async () => {
        if (!same(await readList(), before)) throw new RecordsError('conflict', 'the list changed while a page was being applied');
        const held = await db.listVersions.orderBy('version').last();
        await db.blockBuckets.bulkDelete(delta.emptied);
        await db.blockBuckets.bulkPut(delta.put);
        await db.settings.put({ key: INTERNAL.syncList, value: next });
        await db.listVersions.put(versionRow(next, (held?.entryCount ?? 0) + delta.countChange));
        await audit.append(
          ...rotation(before, next),
          audit.draft('list-update', actor, `list-v${next.version}`, {
            version: next.version,
            from: before?.version ?? null,
            upserts: upserts.length,
            removals: removals.length,
            source: next.source,
            keyId: next.trust.keyId,
          }),
        );
      });
      await audit.signHead();
    },

    async saveListState(next) {
      const before = await readList();
      const drafts = rotation(before, next);
      await db.transaction('rw', db.settings, db.audit, async () => {
        await db.settings.put({ key: INTERNAL.syncList, value: next });
        if (drafts.length) await audit.append(...drafts);
      });
      if (drafts.length) await audit.signHead();
    },

    async stageSnapshotPage(staging, entries) {
      const sealer = requireSealer(ctx);
      const page = staging.nextPage - 1;
      const row = { version: staging.version, page, count: entries.length, sealed: await sealer.sealJson(entries, pageContext(staging.version, page)) };
      await db.transaction('rw', db.snapshotPages, db.settings, async () => {
        const held = await readStaging();
        if (held && held.version !== staging.version) await db.snapshotPages.clear();
        // A page staged again replaces itself and whatever was staged after it.
        await db.snapshotPages.where('[version+page]').between([staging.version, page], [staging.version, Infinity]).delete();
        await db.snapshotPages.put(row);
        await db.settings.put({ key: INTERNAL.syncStaging, value: staging });
      });
    },

    async readStagedEntries() {
      const sealer = requireSealer(ctx);
      const staging = await readStaging();
      if (!staging) return [];
      const pages = await db.snapshotPages.where('[version+page]').between([staging.version, 0], [staging.version, Infinity]).toArray();
      return (await Promise.all(pages.map(async (p) => (await sealer.openJson(p.sealed, pageContext(p.version, p.page))) as BlockEntry[]))).flat();
    },

    async commitSnapshot(next) {
      const sealer = requireSealer(ctx);
      const [before, staging] = await Promise.all([readList(), readStaging()]);
      if (!staging) throw new RecordsError('conflict', 'no snapshot is staged');
      const entries = await this.readStagedEntries();
      // Sealing is asynchronous, so the buckets are built before the transaction that swaps them in.
      const buckets = await sealBuckets(sealer, groupByBucket(entries), next.version);
      await db.transaction('rw', [db.blockBuckets, db.snapshotPages, db.listVersions, db.settings, db.audit], async () => {
        if (!same(await readStaging(), staging) || !same(await readList(), before)) {
          throw new RecordsError('conflict', 'the staged snapshot changed while it was being applied');
        }
        const held = await db.listVersions.orderBy('version').last();
        await db.blockBuckets.clear();
        await db.blockBuckets.bulkAdd(buckets);
        await db.snapshotPages.clear();
        await db.settings.delete(INTERNAL.syncStaging);
        await db.settings.put({ key: INTERNAL.syncList, value: next });
        // The service's versions replace any other numbering (a demo or file list held before).
        await db.listVersions.where('version').aboveOrEqual(next.version).delete();
        await db.listVersions.put(versionRow(next, entries.length));
        await audit.append(
          ...rotation(before, next),
          audit.draft('list-update', actor, `list-v${next.version}`, {
            version: next.version,
            from: held?.version ?? null,
            entries: entries.length,
            snapshot: true,
            source: next.source,
            keyId: next.trust.keyId,
          }),
        );
      });
      await audit.signHead();
    },

    async discardStaging() {
      await db.transaction('rw', db.snapshotPages, db.settings, async () => {
        await db.snapshotPages.clear();
        await db.settings.delete(INTERNAL.syncStaging);
      });
    },
  };
}
