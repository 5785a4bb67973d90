// The current list, decrypted, in memory: what the feed serves from. Loaded once at start, advanced
// by this process's own commits at once, and by reading the changes table at most once a second
// (other servers on the same PostgreSQL). It only ever moves forward by contiguous versions, so a
// page built from it is always the list exactly at one version.
import { createHash } from 'node:crypto';
import { compareEntryIds } from '../../shared/sync/index.ts';
import { entryContext } from '../blocks/block-record.ts';
import type { Sealer } from '../crypto/sealing.ts';
import { toNumber, type Database } from '../db/database.ts';

/** One committed change; `canonicalEntry` is null for a deletion. */
export interface MirrorChange {
  readonly version: number;
  readonly entryId: string;
  readonly canonicalEntry: string | null;
}

export interface Snapshot {
  readonly version: number;
  readonly entryCount: number;
  readonly digest: string;
  /** Each page's entries as a JSON array of canonical entries, ready to splice into a payload. */
  readonly pages: readonly string[];
}

export interface ListMirror {
  /** The list's version: never behind this server's commits, a second or two behind other servers'. */
  head(): Promise<number>;
  /** Changes since+1 … (up to limit), or null when they are older than memory holds. */
  changes(since: number, limit: number): Promise<{ readonly head: number; readonly items: readonly MirrorChange[] } | null>;
  /** The whole list at `version`: built from memory at the head, from history for older versions. */
  snapshot(version: number): Promise<Snapshot>;
  /** Called by the block store after each commit, in version order. */
  committed(changes: readonly MirrorChange[]): void;
}

interface SealedRow {
  entry_id: string;
  version: unknown;
  op?: string;
  sealed_b64: string | null;
}

const REFRESH_MS = 1000;
const RECENT_CHANGES = 50_000;
const SNAPSHOTS_KEPT = 3;

/** Entries in id order, their digest, and the pages: the one definition of a snapshot's content. */
function buildSnapshot(version: number, entries: { id: string; canonical: string }[], pageSize: number): Snapshot {
  entries.sort((a, b) => compareEntryIds(a.id, b.id));
  const hash = createHash('sha256');
  for (const e of entries) hash.update(`${e.canonical}\n`, 'utf8');
  const pages: string[] = [];
  for (let i = 0; i < entries.length || pages.length === 0; i += pageSize) {
    pages.push(`[${entries.slice(i, i + pageSize).map((e) => e.canonical).join(',')}]`);
  }
  return { version, entryCount: entries.length, digest: hash.digest('hex'), pages };
}

export async function loadListMirror(db: Database, sealer: Sealer, pageSize: number): Promise<ListMirror> {
  // bytea travels faster out of PGlite as base64 text than as bytes.
  const open = (r: SealedRow): string => {
    const text = sealer.open(Buffer.from(r.sealed_b64!, 'base64'), entryContext(r.entry_id, toNumber(r.version)));
    return text.slice(0, text.indexOf('\n'));
  };

  const { version: loadedVersion, rows } = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const version = toNumber((await tx.query<{ version: unknown }>('SELECT version FROM list_state'))[0]!.version);
    const rows = await tx.query<SealedRow>(
      "SELECT e.id AS entry_id, e.version, encode(c.sealed, 'base64') AS sealed_b64 FROM entries e JOIN changes c ON c.version = e.version",
    );
    return { version, rows };
  });
  let version = loadedVersion;
  const entries = new Map<string, string>(rows.map((r) => [r.entry_id, open(r)]));
  let recent: MirrorChange[] = [];
  const snapshots = new Map<number, Promise<Snapshot>>();
  let lastRefresh = Date.now();
  let refreshing: Promise<void> | null = null;

  const apply = (changes: readonly MirrorChange[]): boolean => {
    for (const c of changes) {
      if (c.version <= version) continue;
      if (c.version !== version + 1) return false; // a gap: another server's change we have not read
      if (c.canonicalEntry === null) entries.delete(c.entryId);
      else entries.set(c.entryId, c.canonicalEntry);
      recent.push(c);
      version = c.version;
    }
    if (recent.length > RECENT_CHANGES * 1.5) recent = recent.slice(recent.length - RECENT_CHANGES);
    return true;
  };

  const refresh = (): Promise<void> => {
    refreshing ??= (async () => {
      lastRefresh = Date.now();
      try {
        for (;;) {
          const rows = await db.query<SealedRow>(
            "SELECT entry_id, version, op, encode(sealed, 'base64') AS sealed_b64 FROM changes WHERE version > $1 ORDER BY version LIMIT 5000",
            [version],
          );
          apply(rows.map((r) => ({ version: toNumber(r.version), entryId: r.entry_id, canonicalEntry: r.op === 'upsert' ? open(r) : null })));
          if (rows.length < 5000) break;
        }
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  // Never makes a poll wait: this server's own commits are in memory already, and another server's
  // change is picked up by a refresh running behind the poll (on PGlite a query can wait for a write).
  const head = async (): Promise<number> => {
    if (Date.now() - lastRefresh > REFRESH_MS && !refreshing) void refresh().catch(() => undefined);
    return version;
  };

  // Changes up to a version never change: the list at a past version is each entry's latest change.
  const fromHistory = async (at: number): Promise<Snapshot> => {
    const rows = await db.query<SealedRow>(
      `SELECT DISTINCT ON (entry_id) entry_id, version, op, encode(sealed, 'base64') AS sealed_b64 FROM changes
       WHERE version <= $1 ORDER BY entry_id, version DESC`,
      [at],
    );
    return buildSnapshot(at, rows.filter((r) => r.op === 'upsert').map((r) => ({ id: r.entry_id, canonical: open(r) })), pageSize);
  };

  return {
    head,

    async changes(since, limit) {
      const at = await head();
      if (since >= at) return { head: at, items: [] };
      const oldest = recent[0]?.version;
      if (oldest === undefined || since + 1 < oldest) return null;
      const from = since + 1 - oldest;
      return { head: at, items: recent.slice(from, from + limit) };
    },

    snapshot(at) {
      let snapshot = snapshots.get(at);
      if (!snapshot) {
        snapshot =
          at === version
            ? Promise.resolve(buildSnapshot(at, [...entries].map(([id, canonical]) => ({ id, canonical })), pageSize))
            : fromHistory(at);
        snapshots.set(at, snapshot);
        snapshot.catch(() => snapshots.delete(at));
        for (const v of [...snapshots.keys()].sort((a, b) => a - b).slice(0, Math.max(0, snapshots.size - SNAPSHOTS_KEPT))) snapshots.delete(v);
      }
      return snapshot;
    },

    committed(changes) {
      if (!apply(changes)) void refresh().catch(() => undefined);
    },
  };
}
