// Builds the whole list at one version — entries in id order, their digest, split into pages — and
// keeps the latest builds, so 2,000 mailrooms taking a first snapshot cost one build, not 2,000.
import { createHash } from 'node:crypto';
import { compareEntryIds } from '../../shared/sync/index.ts';
import { entryContext, openRecord } from '../blocks/block-record.ts';
import type { Sealer } from '../crypto/sealing.ts';
import { toNumber, type Database } from '../db/database.ts';

export interface Snapshot {
  readonly version: number;
  readonly entryCount: number;
  readonly digest: string;
  /** Each page's entries as a JSON array of canonical entries, ready to splice into a payload. */
  readonly pages: readonly string[];
}

interface Row {
  entry_id: string;
  version: unknown;
  sealed: Uint8Array;
}

export interface SnapshotCache {
  at(version: number): Promise<Snapshot>;
}

export function createSnapshotCache(db: Database, sealer: Sealer, pageSize: number, keep = 2): SnapshotCache {
  const built = new Map<number, Promise<Snapshot>>();

  const load = async (version: number): Promise<Row[]> => {
    const head = toNumber((await db.query<{ version: unknown }>('SELECT version FROM list_state'))[0]!.version);
    if (version === head) {
      // The live table is cheapest; a repeatable-read transaction pins it to the version read.
      const live = await db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const v = toNumber((await tx.query<{ version: unknown }>('SELECT version FROM list_state'))[0]!.version);
        if (v !== version) return null;
        return tx.query<Row>('SELECT e.id AS entry_id, e.version, c.sealed FROM entries e JOIN changes c ON c.version = e.version');
      });
      if (live) return live;
    }
    return loadFromHistory(version);
  };

  // Changes up to a version never change, so the list at any past version is its latest change per entry.
  const loadFromHistory = async (version: number): Promise<Row[]> =>
    (
      await db.query<Row & { op: string }>(
        `SELECT DISTINCT ON (entry_id) entry_id, version, op, sealed FROM changes
         WHERE version <= $1 ORDER BY entry_id, version DESC`,
        [version],
      )
    ).filter((r) => r.op === 'upsert');

  const build = async (version: number): Promise<Snapshot> => {
    const rows = await load(version);
    const entries = rows
      .map((r) => ({ id: r.entry_id, canonical: openRecord(sealer, r.sealed, entryContext(r.entry_id, toNumber(r.version))).canonicalEntry }))
      .sort((a, b) => compareEntryIds(a.id, b.id));
    const hash = createHash('sha256');
    for (const e of entries) hash.update(`${e.canonical}\n`, 'utf8');
    const pages: string[] = [];
    for (let i = 0; i < entries.length || pages.length === 0; i += pageSize) {
      pages.push(`[${entries.slice(i, i + pageSize).map((e) => e.canonical).join(',')}]`);
    }
    return { version, entryCount: entries.length, digest: hash.digest('hex'), pages };
  };

  return {
    at(version) {
      let snapshot = built.get(version);
      if (!snapshot) {
        snapshot = build(version);
        built.set(version, snapshot);
        snapshot.catch(() => built.delete(version));
        for (const v of [...built.keys()].sort((a, b) => a - b).slice(0, Math.max(0, built.size - keep))) built.delete(v);
      }
      return snapshot;
    },
  };
}
