// The blocklist as held on this station: entries sealed in buckets (victim data), searched in
// memory after decryption, replaced or advanced one version at a time in one transaction, so a
// half list never lands.
import { parseBlocklistText, BLOCKLIST_FORMAT, type BlockEntry, type Blocklist } from '../../shared/blocklist/format.ts';
import { requireAccess, requireAction, requireSealer, systemActor, type RecordsContext, type SystemPrincipal } from './context.ts';
import { RecordsError } from './errors.ts';
import { applyDelta, groupByBucket, readAllEntries, readEntries, sealBuckets } from './block-buckets.ts';
import { INTERNAL } from './settings.ts';
import type { ListSignature, ListVersionRow } from './db/rows.ts';
import type { Session } from './accounts/sessions.ts';

export interface ListStatus {
  readonly version: number;
  readonly generatedAt: string | null;
  readonly appliedAt: string;
  readonly source: ListVersionRow['source'];
  readonly signature: ListSignature | null;
  readonly entryCount: number;
}

/** What an officer may know about a block: that it exists, by reference. */
export interface BlockReference {
  readonly entryId: string;
  readonly listVersion: number | null;
  readonly present: boolean;
}

export interface ListApplyMeta {
  readonly source: ListVersionRow['source'];
  readonly signature: ListSignature | null;
}

/** One delta of the sync protocol: from the version held to the next. */
export interface ListPage {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly generatedAt: string | null;
  readonly upserts: readonly BlockEntry[];
  readonly removals: readonly string[];
}

export const toStatus = (row: ListVersionRow): ListStatus => ({
  version: row.version,
  generatedAt: row.generatedAt,
  appliedAt: row.appliedAt,
  source: row.source,
  signature: row.signature,
  entryCount: row.entryCount,
});

export interface BlocklistRecords {
  /** The list held: version, age, signature. For every screen's banner (liveQuery-friendly). */
  status(): Promise<ListStatus | null>;
  /** For officers: whether a block reference exists, nothing more. */
  reference(session: Session, entryId: string): Promise<BlockReference>;
  /** The victim's details of one entry: supervisors only, and each call is audited. Not for liveQuery. */
  victimDetails(session: Session, entryId: string, letterId: string | null): Promise<BlockEntry>;
  /** An administrator imports a list file (JSON text). Problems name entries and fields, not values. */
  importFile(session: Session, text: string): Promise<ListStatus>;
}

export interface BlocklistSystem {
  /** The whole list decrypted, for the screening engine (in the worker). Null when none is held. */
  entriesForEngine(): Promise<Blocklist | null>;
  /**
   * Replaces the list with a whole list (main's file, a demo list). Refuses an older version than
   * the one held, and any list once the station is enrolled with the central service (the sync
   * engine then owns the list, through `syncStore`).
   */
  replace(list: Blocklist, meta: ListApplyMeta): Promise<ListStatus>;
  /** Applies one verified delta; refuses unless `fromVersion` is the version held. */
  applyPage(page: ListPage, meta: ListApplyMeta): Promise<ListStatus>;
  /** Records that a list or page was refused (bad signature, rollback, gap...). */
  recordRefusal(reason: string, details?: Readonly<Record<string, string | number>>): Promise<void>;
}

export function createBlocklistRecords(ctx: RecordsContext): { records: BlocklistRecords; system: (p: SystemPrincipal) => BlocklistSystem } {
  const { db, audit } = ctx;
  const status = async () => {
    const row = await db.listVersions.orderBy('version').last();
    return row ? toStatus(row) : null;
  };

  async function replace(list: Blocklist, meta: ListApplyMeta, actor: string): Promise<ListStatus> {
    const sealer = requireSealer(ctx);
    const rows = await sealBuckets(sealer, groupByBucket(list.entries), list.version);
    const row: ListVersionRow = {
      version: list.version,
      generatedAt: list.generatedAt ?? null,
      appliedAt: ctx.clock().toISOString(),
      source: meta.source,
      appliedBy: actor,
      signature: meta.signature,
      entryCount: list.entries.length,
    };
    await db.transaction('rw', db.blockBuckets, db.listVersions, db.settings, db.audit, async () => {
      // Once enrolled, the list comes from the central service (verified by the sync); an
      // unsigned file, whatever its version number, must not replace it.
      if (await db.settings.get(INTERNAL.syncList)) {
        throw new RecordsError('conflict', 'this station takes its list from the central service: a list file cannot replace it');
      }
      const held = await db.listVersions.orderBy('version').last();
      if (held && list.version < held.version) {
        throw new RecordsError('conflict', `list version ${list.version} is older than the version held (${held.version})`);
      }
      await db.blockBuckets.clear();
      await db.blockBuckets.bulkAdd(rows);
      await db.listVersions.put(row);
      await audit.append(
        audit.draft('list-update', actor, `list-v${list.version}`, {
          version: list.version,
          from: held?.version ?? null,
          entries: row.entryCount,
          source: meta.source,
          signed: meta.signature !== null,
          keyId: meta.signature?.keyId ?? null,
        }),
      );
    });
    await audit.signHead();
    return toStatus(row);
  }

  const records: BlocklistRecords = {
    status,

    async reference(session, entryId) {
      requireAccess(ctx, session, null);
      const held = await db.listVersions.orderBy('version').last();
      const present = (await readEntries(db, requireSealer(ctx), [entryId])).length > 0;
      return { entryId, listVersion: present ? (held?.version ?? null) : null, present };
    },

    async victimDetails(session, entryId, letterId) {
      const live = requireAction(ctx, session, 'view-victim-details');
      const [entry] = await readEntries(db, requireSealer(ctx), [entryId]);
      if (!entry) throw new RecordsError('not-found', `block ${entryId} is not on the list held`);
      const held = await db.listVersions.orderBy('version').last();
      await audit.record(audit.draft('victim-view', live.userId, entryId, { letterId, listVersion: held?.version ?? null }));
      return entry;
    },

    async importFile(session, text) {
      const live = requireAction(ctx, session, 'import-list');
      const parsed = parseBlocklistText(text);
      if (!parsed.ok) {
        await audit.record(audit.draft('list-refused', live.userId, null, { reason: 'invalid file', problems: parsed.problems.length }));
        throw new RecordsError('invalid', `the list file was refused: ${parsed.problems.join('; ')}`);
      }
      return replace(parsed.list, { source: 'file', signature: null }, live.userId);
    },
  };

  const system = (principal: SystemPrincipal): BlocklistSystem => ({
    async entriesForEngine() {
      const held = await db.listVersions.orderBy('version').last();
      if (!held) return null;
      // Validated when it was stored; AES-GCM vouches that it is what was stored.
      const entries = await readAllEntries(db, requireSealer(ctx));
      return { format: BLOCKLIST_FORMAT, version: held.version, ...(held.generatedAt ? { generatedAt: held.generatedAt } : {}), entries };
    },

    replace: (list, meta) => replace(list, meta, systemActor(principal)),

    async applyPage(page, meta) {
      const sealer = requireSealer(ctx);
      if (page.toVersion <= page.fromVersion) throw new RecordsError('invalid', 'a page must advance the version');
      const observed = await db.listVersions.orderBy('version').last();
      const follows = (held: ListVersionRow | undefined) => (held?.version ?? 0) === page.fromVersion;
      if (!follows(observed)) {
        throw new RecordsError('conflict', `page ${page.fromVersion}->${page.toVersion} does not follow the version held (${observed?.version ?? 'none'})`);
      }
      const delta = await applyDelta(db, sealer, page.upserts, page.removals, page.toVersion);
      const actor = systemActor(principal);
      let applied: ListVersionRow | null = null;
      await db.transaction('rw', db.blockBuckets, db.listVersions, db.audit, async () => {
        const held = await db.listVersions.orderBy('version').last();
        // The buckets were read before this transaction: nothing may have been applied since.
        if (!follows(held) || held?.appliedAt !== observed?.appliedAt) {
          throw new RecordsError('conflict', `page ${page.fromVersion}->${page.toVersion} does not follow the version held (${held?.version ?? 'none'})`);
        }
        await db.blockBuckets.bulkDelete(delta.emptied);
        await db.blockBuckets.bulkPut(delta.put);
        const count = (held?.entryCount ?? 0) + delta.countChange;
        applied = {
          version: page.toVersion,
          generatedAt: page.generatedAt,
          appliedAt: ctx.clock().toISOString(),
          source: meta.source,
          appliedBy: actor,
          signature: meta.signature,
          entryCount: count,
        };
        await db.listVersions.put(applied);
        await audit.append(
          audit.draft('list-update', actor, `list-v${page.toVersion}`, {
            version: page.toVersion,
            from: page.fromVersion,
            upserts: page.upserts.length,
            removals: page.removals.length,
            source: meta.source,
            signed: meta.signature !== null,
          }),
        );
      });
      await audit.signHead();
      if (!applied) throw new RecordsError('conflict', 'the page was not applied');
      return toStatus(applied);
    },

    recordRefusal: (reason, details = {}) => audit.record(audit.draft('list-refused', systemActor(principal), null, { reason, ...details })),
  });

  return { records, system };
}
