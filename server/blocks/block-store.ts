// Every change to the national list goes through here, one transaction each: the list version is
// raised by one, the change is recorded (sealed) under that version, and the audit says who and why.
// Writers queue on the single list_state row, so versions never skip and edits never interleave.
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Sealer } from '../crypto/sealing.ts';
import { newId } from '../crypto/secrets.ts';
import { sqlState, toNumber, type Database, type Queryable } from '../db/database.ts';
import type { MirrorChange } from '../feed/list-mirror.ts';
import {
  entryContext,
  normaliseEntry,
  openRecord,
  proposalContext,
  sameEntry,
  sealRecord,
  type BlockRecord,
} from './block-record.ts';
import { narrowedFields, widen } from './narrowing.ts';
import { ServiceError } from './service-error.ts';

/** Who asked for a change: a signed-in case handler, or automation with the admin token. */
export type Actor = { readonly kind: 'handler'; readonly username: string } | { readonly kind: 'admin' };

export const actorName = (actor: Actor): string => (actor.kind === 'handler' ? `handler:${actor.username}` : 'admin');

export interface StoredBlock extends BlockRecord {
  readonly version: number;
  readonly enteredBy: string;
  readonly enteredAt: Date;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export type WriteResult =
  | { readonly status: 'applied'; readonly version: number }
  | { readonly status: 'unchanged'; readonly version: number }
  /** Narrowing or removal held for a second case handler; additions in the edit applied already. */
  | { readonly status: 'pending-approval'; readonly proposalId: string; readonly version: number; readonly narrowed: readonly string[] };

export interface WriteOptions {
  /** The entry version the editor saw; a different current version fails with edit-conflict. */
  readonly ifVersion?: number;
  /** Admin only: apply a narrowing or removal without the second approval (audited as override). */
  readonly override?: boolean;
}

export interface Proposal {
  readonly id: string;
  readonly entryId: string;
  readonly kind: 'remove' | 'narrow';
  readonly baseVersion: number;
  readonly proposed: BlockRecord | null;
  readonly proposedBy: string;
  readonly reason: string | null;
  readonly proposedAt: Date;
  readonly status: 'pending' | 'applied' | 'rejected' | 'stale';
}

interface CurrentRow {
  version: unknown;
  sealed: Uint8Array;
  entered_by: string;
  entered_at: Date;
  updated_by: string;
  updated_at: Date;
}

export interface BlockStore {
  add(record: BlockRecord, actor: Actor, reason: string | null): Promise<WriteResult>;
  update(id: string, record: BlockRecord, actor: Actor, reason: string | null, options?: WriteOptions): Promise<WriteResult>;
  remove(id: string, actor: Actor, reason: string | null, options?: WriteOptions): Promise<WriteResult>;
  /** Adds many new entries in one transaction (all or nothing), one version each. */
  importMany(records: readonly BlockRecord[], actor: Actor, reason: string | null): Promise<{ readonly firstVersion: number; readonly lastVersion: number }>;
  approve(proposalId: string, approver: Actor & { kind: 'handler' }): Promise<WriteResult | { readonly status: 'stale' }>;
  reject(proposalId: string, actor: Actor & { kind: 'handler' }, reason: string | null): Promise<void>;
  get(id: string): Promise<StoredBlock | null>;
  list(options: { readonly afterId?: string; readonly idPrefix?: string; readonly limit: number }): Promise<StoredBlock[]>;
  count(): Promise<number>;
  proposals(status?: Proposal['status']): Promise<Proposal[]>;
  headVersion(): Promise<number>;
}

/** A transaction's committed changes, collected while it runs and announced once it commits. */
type Committed = MirrorChange[];

export function createBlockStore(db: Database, sealer: Sealer, onCommitted: (changes: readonly MirrorChange[]) => void = () => undefined): BlockStore {
  const write = async <T>(work: (tx: Queryable, out: Committed) => Promise<T>): Promise<T> => {
    const out: Committed = [];
    const result = await db.transaction((tx) => work(tx, out));
    if (out.length > 0) onCommitted(out);
    return result;
  };

  const lockList = async (tx: Queryable): Promise<number> =>
    toNumber((await tx.query<{ version: unknown }>('SELECT version FROM list_state FOR UPDATE'))[0]!.version);

  const current = async (tx: Queryable, id: string): Promise<(StoredBlock & { canonical: string }) | null> => {
    const row = (
      await tx.query<CurrentRow>(
        `SELECT e.version, c.sealed, e.entered_by, e.entered_at, e.updated_by, e.updated_at
         FROM entries e JOIN changes c ON c.version = e.version WHERE e.id = $1`,
        [id],
      )
    )[0];
    if (!row) return null;
    const version = toNumber(row.version);
    const opened = openRecord(sealer, row.sealed, entryContext(id, version));
    return {
      ...opened.record(),
      canonical: opened.canonicalEntry,
      version,
      enteredBy: row.entered_by,
      enteredAt: row.entered_at,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    };
  };

  /** Writes `record` as the entry's content at list version `version` (the caller holds the lock). */
  const upsertAt = async (tx: Queryable, out: Committed, version: number, record: BlockRecord, actor: Actor, at: Date, isNew: boolean): Promise<void> => {
    const id = record.entry.id;
    const { sealed, canonicalEntry } = sealRecord(sealer, record, entryContext(id, version));
    await tx.query('INSERT INTO changes (version, entry_id, op, sealed, actor, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      version, id, 'upsert', sealed, actorName(actor), at,
    ]);
    out.push({ version, entryId: id, canonicalEntry });
    if (isNew) {
      await tx.query(
        'INSERT INTO entries (id, version, entered_by, entered_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $3, $4)',
        [id, version, actorName(actor), at],
      );
    } else {
      await tx.query('UPDATE entries SET version = $2, updated_by = $3, updated_at = $4 WHERE id = $1', [id, version, actorName(actor), at]);
    }
    await tx.query('UPDATE list_state SET version = $1', [version]);
  };

  const deleteAt = async (tx: Queryable, out: Committed, version: number, id: string, actor: Actor, at: Date): Promise<void> => {
    out.push({ version, entryId: id, canonicalEntry: null });
    await tx.query('INSERT INTO changes (version, entry_id, op, sealed, actor, at) VALUES ($1, $2, $3, NULL, $4, $5)', [
      version, id, 'delete', actorName(actor), at,
    ]);
    await tx.query('DELETE FROM entries WHERE id = $1', [id]);
    await tx.query('UPDATE list_state SET version = $1', [version]);
  };

  const propose = async (
    tx: Queryable,
    kind: 'remove' | 'narrow',
    entryId: string,
    baseVersion: number,
    proposed: BlockRecord | null,
    actor: Actor,
    reason: string | null,
    narrowed: readonly string[],
  ): Promise<string> => {
    const id = newId('prop');
    await tx.query(
      'INSERT INTO proposals (id, entry_id, kind, base_version, sealed, proposed_by, reason, proposed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, entryId, kind, baseVersion, proposed ? sealRecord(sealer, proposed, proposalContext(id)).sealed : null, actorName(actor), reason, new Date()],
    );
    await recordAudit(tx, {
      actor: actorName(actor),
      action: kind === 'remove' ? 'entry.remove.proposed' : 'entry.narrow.proposed',
      entryId,
      listVersion: baseVersion,
      reason,
      detail: { proposalId: id, narrowed },
    });
    return id;
  };

  const checkVersion = (entry: { version: number }, options: WriteOptions | undefined, id: string): void => {
    if (options?.ifVersion !== undefined && options.ifVersion !== entry.version) {
      throw new ServiceError('edit-conflict', `entry ${id} changed since version ${options.ifVersion} (now ${entry.version}); reload and edit again`);
    }
  };

  const override = (actor: Actor, options: WriteOptions | undefined, reason: string | null): boolean => {
    if (!options?.override) return false;
    if (actor.kind !== 'admin') throw new ServiceError('forbidden', 'only the admin token can override the two-person rule');
    if (!reason) throw new ServiceError('invalid', 'an override needs a reason', 'reason');
    return true;
  };

  const toProposal = (r: {
    id: string; entry_id: string; kind: 'remove' | 'narrow'; base_version: unknown; sealed: Uint8Array | null;
    proposed_by: string; reason: string | null; proposed_at: Date; status: Proposal['status'];
  }): Proposal => ({
    id: r.id,
    entryId: r.entry_id,
    kind: r.kind,
    baseVersion: toNumber(r.base_version),
    proposed: r.sealed ? openRecord(sealer, r.sealed, proposalContext(r.id)).record() : null,
    proposedBy: r.proposed_by,
    reason: r.reason,
    proposedAt: r.proposed_at,
    status: r.status,
  });

  return {
    async add(input, actor, reason) {
      const record = { ...input, entry: normaliseEntry(input.entry) };
      try {
        return await write(async (tx, out) => {
          const version = (await lockList(tx)) + 1;
          if ((await tx.query('SELECT 1 FROM entries WHERE id = $1', [record.entry.id])).length > 0) {
            throw new ServiceError('duplicate', `an entry with id ${record.entry.id} already exists`, 'id');
          }
          await upsertAt(tx, out, version, record, actor, new Date(), true);
          await recordAudit(tx, { actor: actorName(actor), action: 'entry.add', entryId: record.entry.id, listVersion: version, reason });
          return { status: 'applied', version } as const;
        });
      } catch (e) {
        // Two servers on one PostgreSQL racing to add the same id: the primary key decides.
        if (sqlState(e) === '23505') throw new ServiceError('duplicate', `an entry with id ${record.entry.id} already exists`, 'id');
        throw e;
      }
    },

    async update(id, input, actor, reason, options) {
      const record = { ...input, entry: normaliseEntry(input.entry) };
      if (record.entry.id !== id) throw new ServiceError('invalid', 'the entry id cannot be changed; add a new entry instead', 'id');
      const overriding = override(actor, options, reason);
      return write(async (tx, out) => {
        const listVersion = await lockList(tx);
        const cur = await current(tx, id);
        if (!cur) throw new ServiceError('not-found', `no entry with id ${id}`);
        checkVersion(cur, options, id);
        if (sameEntry(cur.entry, record.entry) && cur.consentGiven === record.consentGiven) return { status: 'unchanged', version: cur.version } as const;

        const narrowed = narrowedFields(cur.entry, record.entry);
        const at = new Date();
        if (narrowed.length === 0 || overriding) {
          const version = listVersion + 1;
          await upsertAt(tx, out, version, record, actor, at, false);
          await recordAudit(tx, {
            actor: actorName(actor),
            action: overriding && narrowed.length > 0 ? 'entry.update.override' : 'entry.update',
            entryId: id,
            listVersion: version,
            reason,
            detail: narrowed.length > 0 ? { narrowed } : {},
          });
          return { status: 'applied', version } as const;
        }
        // Additions protect at once; what the edit takes away waits for a second case handler.
        const widened: BlockRecord = { entry: widen(cur.entry, record.entry), consentGiven: record.consentGiven };
        let version = cur.version;
        if (!sameEntry(widened.entry, cur.entry) || widened.consentGiven !== cur.consentGiven) {
          version = listVersion + 1;
          await upsertAt(tx, out, version, widened, actor, at, false);
          await recordAudit(tx, { actor: actorName(actor), action: 'entry.update', entryId: id, listVersion: version, reason, detail: { heldForApproval: narrowed } });
        }
        const proposalId = await propose(tx, 'narrow', id, version, record, actor, reason, narrowed);
        return { status: 'pending-approval', proposalId, version, narrowed } as const;
      });
    },

    async remove(id, actor, reason, options) {
      const overriding = override(actor, options, reason);
      return write(async (tx, out) => {
        const listVersion = await lockList(tx);
        const cur = await current(tx, id);
        if (!cur) throw new ServiceError('not-found', `no entry with id ${id}`);
        checkVersion(cur, options, id);
        if (overriding) {
          const version = listVersion + 1;
          await deleteAt(tx, out, version, id, actor, new Date());
          await recordAudit(tx, { actor: actorName(actor), action: 'entry.remove.override', entryId: id, listVersion: version, reason });
          return { status: 'applied', version } as const;
        }
        const proposalId = await propose(tx, 'remove', id, cur.version, null, actor, reason, ['entry']);
        return { status: 'pending-approval', proposalId, version: cur.version, narrowed: ['entry'] } as const;
      });
    },

    async importMany(inputs, actor, reason) {
      const records = inputs.map((r) => ({ ...r, entry: normaliseEntry(r.entry) }));
      const ids = records.map((r) => r.entry.id);
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id)) throw new ServiceError('duplicate', `entry id ${id} appears twice in the import`, 'id');
        seen.add(id);
      }
      return write(async (tx, out) => {
        const base = await lockList(tx);
        const existing = await tx.query<{ id: string }>('SELECT id FROM entries WHERE id = ANY($1::text[]) LIMIT 5', [ids]);
        if (existing.length > 0) {
          throw new ServiceError('duplicate', `entries already exist: ${existing.map((r) => r.id).join(', ')}`, 'id');
        }
        const at = new Date();
        const who = actorName(actor);
        // Column arrays through unnest: one short statement per table and chunk, parsed once;
        // several times faster than many-row VALUES on PGlite, and the same on PostgreSQL.
        const CHUNK = 5000;
        for (let start = 0; start < records.length; start += CHUNK) {
          const chunk = records.slice(start, start + CHUNK);
          const versions: number[] = [];
          const ids: string[] = [];
          const sealedB64: string[] = [];
          chunk.forEach((record, i) => {
            const version = base + start + i + 1;
            const { sealed, canonicalEntry } = sealRecord(sealer, record, entryContext(record.entry.id, version));
            versions.push(version);
            ids.push(record.entry.id);
            sealedB64.push(sealed.toString('base64'));
            out.push({ version, entryId: record.entry.id, canonicalEntry });
          });
          await tx.query(
            `INSERT INTO changes (version, entry_id, op, sealed, actor, at)
             SELECT v, id, 'upsert', decode(s, 'base64'), $4, $5 FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(v, id, s)`,
            [versions, ids, sealedB64, who, at],
          );
          await tx.query(
            `INSERT INTO entries (id, version, entered_by, entered_at, updated_by, updated_at)
             SELECT id, v, $3, $4, $3, $4 FROM unnest($1::text[], $2::bigint[]) AS u(id, v)`,
            [ids, versions, who, at],
          );
          await tx.query(
            `INSERT INTO audit_log (at, actor, action, entry_id, list_version, reason)
             SELECT $3, $4, 'entry.add', id, v, $5 FROM unnest($1::text[], $2::bigint[]) AS u(id, v)`,
            [ids, versions, at, who, reason],
          );
        }
        const lastVersion = base + records.length;
        await tx.query('UPDATE list_state SET version = $1', [lastVersion]);
        return { firstVersion: base + 1, lastVersion };
      });
    },

    async approve(proposalId, approver) {
      return write(async (tx, out) => {
        const listVersion = await lockList(tx);
        const row = (await tx.query<Parameters<typeof toProposal>[0]>('SELECT * FROM proposals WHERE id = $1 FOR UPDATE', [proposalId]))[0];
        if (!row) throw new ServiceError('not-found', `no proposal ${proposalId}`);
        const p = toProposal(row);
        if (p.status !== 'pending') throw new ServiceError('already-decided', `proposal ${proposalId} is already ${p.status}`);
        if (p.proposedBy === actorName(approver)) {
          throw new ServiceError('same-handler', 'a second case handler must approve this; you proposed it');
        }
        const decide = (status: Proposal['status']) =>
          tx.query('UPDATE proposals SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1', [proposalId, status, actorName(approver), new Date()]);
        const cur = await current(tx, p.entryId);
        if (!cur || cur.version !== p.baseVersion) {
          await decide('stale');
          await recordAudit(tx, { actor: actorName(approver), action: 'proposal.stale', entryId: p.entryId, listVersion, detail: { proposalId } });
          return { status: 'stale' } as const;
        }
        const version = listVersion + 1;
        const at = new Date();
        if (p.kind === 'remove') await deleteAt(tx, out, version, p.entryId, approver, at);
        else await upsertAt(tx, out, version, p.proposed!, approver, at, false);
        await decide('applied');
        await recordAudit(tx, {
          actor: actorName(approver),
          action: p.kind === 'remove' ? 'entry.remove' : 'entry.narrow',
          entryId: p.entryId,
          listVersion: version,
          reason: p.reason,
          detail: { proposalId, proposedBy: p.proposedBy, approvedBy: actorName(approver) },
        });
        return { status: 'applied', version } as const;
      });
    },

    async reject(proposalId, actor, reason) {
      await db.transaction(async (tx) => {
        const row = (await tx.query<{ status: string; entry_id: string }>('SELECT status, entry_id FROM proposals WHERE id = $1 FOR UPDATE', [proposalId]))[0];
        if (!row) throw new ServiceError('not-found', `no proposal ${proposalId}`);
        if (row.status !== 'pending') throw new ServiceError('already-decided', `proposal ${proposalId} is already ${row.status}`);
        await tx.query('UPDATE proposals SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1', [proposalId, 'rejected', actorName(actor), new Date()]);
        await recordAudit(tx, { actor: actorName(actor), action: 'proposal.rejected', entryId: row.entry_id, reason, detail: { proposalId } });
      });
    },

    async get(id) {
      const found = await current(db, id);
      if (!found) return null;
      const { canonical: _canonical, ...block } = found;
      return block;
    },

    async list({ afterId, idPrefix, limit }) {
      const rows = await db.query<CurrentRow & { id: string }>(
        `SELECT e.id, e.version, c.sealed, e.entered_by, e.entered_at, e.updated_by, e.updated_at
         FROM entries e JOIN changes c ON c.version = e.version
         WHERE ($1::text IS NULL OR e.id COLLATE "C" > $1) AND ($2::text IS NULL OR starts_with(e.id, $2))
         ORDER BY e.id COLLATE "C" LIMIT $3`,
        [afterId ?? null, idPrefix ?? null, limit],
      );
      return rows.map((r) => {
        const version = toNumber(r.version);
        return {
          ...openRecord(sealer, r.sealed, entryContext(r.id, version)).record(),
          version,
          enteredBy: r.entered_by,
          enteredAt: r.entered_at,
          updatedBy: r.updated_by,
          updatedAt: r.updated_at,
        };
      });
    },

    async count() {
      return toNumber((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM entries'))[0]!.n);
    },

    async proposals(status = 'pending') {
      const rows = await db.query<Parameters<typeof toProposal>[0]>('SELECT * FROM proposals WHERE status = $1 ORDER BY proposed_at, id', [status]);
      return rows.map(toProposal);
    },

    async headVersion() {
      return toNumber((await db.query<{ version: unknown }>('SELECT version FROM list_state'))[0]!.version);
    },
  };
}

export type { BlockEntry };
