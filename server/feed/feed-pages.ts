// Signed feed pages, as response bodies. Large arrays are spliced into the canonical payload as
// canonical text (each entry is stored canonical), which is the same bytes canonicalising the whole
// payload would give, without re-encoding 100,000 entries per page.
import { canonicalJson, FEED_FORMAT, type KeyAnnouncement, type Signer } from '../../shared/sync/index.ts';
import { bytesToBase64 } from '../../shared/sync/base64.ts';
import { entryContext, openRecord } from '../blocks/block-record.ts';
import type { Sealer } from '../crypto/sealing.ts';
import { toNumber, type Database } from '../db/database.ts';
import type { ListMirror, MirrorChange } from './list-mirror.ts';

export interface FeedKeys {
  current(): Signer;
  chain(): readonly KeyAnnouncement[];
}

export interface FeedPages {
  /** null when `since` is ahead of the list (the client holds a version the service never had). */
  changes(since: number, limit: number): Promise<string | null>;
  /** null when the page or version does not exist. */
  snapshotPage(page: number, version?: number): Promise<string | null>;
  head(): Promise<string>;
  /** Every snapshot page of the current list, for a file an air-gapped mailroom imports. */
  snapshotPages(ttlMs: number): Promise<string[]>;
}

interface ChangeRow {
  version: unknown;
  entry_id: string;
  op: 'upsert' | 'delete';
  sealed: Uint8Array | null;
}

/**
 * A signed snapshot page is reused for this long: when many mailrooms take a first snapshot at
 * once, each 5,000-entry page is signed once, not once per mailroom. Its server time is then up
 * to this old, which the client's freshness check (hours) does not notice.
 */
const SNAPSHOT_PAGE_REUSE_MS = 30_000;

/**
 * A signed changes or head page is served again, byte for byte, for this long. 2,000 mailrooms
 * polling every 10 s mostly ask one of a few questions a second ("anything since the head?", "since
 * the head a second ago?"): one signature a second answers each, so a poll is a map lookup. The
 * signed server time on a page is then at most this old, and its expiry is the same TTL after that
 * time: the service still vouches, to within a second, that the list was at `head` at `serverTime`.
 * A new version makes a new question (the head is in the key), so nothing stale is served.
 */
export const FEED_PAGE_REUSE_MS = 1000;
const REUSED_PAGES_KEPT = 2000;

export function createFeedPages(db: Database, sealer: Sealer, keys: FeedKeys, mirror: ListMirror, pageTtlMs: number): FeedPages {
  const signedSnapshotPages = new Map<string, { text: string; version: number; signedAt: number }>();
  // Insertion order is signing order, so the oldest are first when the map is trimmed.
  const reusedPages = new Map<string, { text: string; signedAt: number }>();
  const isFresh = (signedAt: number, now: number): boolean => now - signedAt >= 0 && now - signedAt < FEED_PAGE_REUSE_MS;
  const reused = (key: string): string | null => {
    const cached = reusedPages.get(key);
    return cached && isFresh(cached.signedAt, Date.now()) ? cached.text : null;
  };
  const reuse = (key: string, sign: () => string): string => {
    const already = reused(key);
    if (already !== null) return already;
    const now = Date.now();
    const text = sign();
    reusedPages.delete(key);
    reusedPages.set(key, { text, signedAt: now });
    if (reusedPages.size > REUSED_PAGES_KEPT) {
      for (const [k, v] of reusedPages) {
        if (reusedPages.size <= REUSED_PAGES_KEPT / 2 && isFresh(v.signedAt, now)) break;
        reusedPages.delete(k);
      }
    }
    return text;
  };
  const headVersion = (): Promise<number> => mirror.head();

  /** Changes older than the mirror holds (a mailroom far behind), read from the table. */
  const changesFromTable = async (since: number, head: number, limit: number): Promise<MirrorChange[]> => {
    const rows = await db.query<ChangeRow>(
      'SELECT version, entry_id, op, sealed FROM changes WHERE version > $1 AND version <= $2 ORDER BY version LIMIT $3',
      [since, head, limit],
    );
    return rows.map((r) => {
      const version = toNumber(r.version);
      return {
        version,
        entryId: r.entry_id,
        canonicalEntry: r.op === 'upsert' ? openRecord(sealer, r.sealed!, entryContext(r.entry_id, version)).canonicalEntry : null,
      };
    });
  };

  /** Signs `fields` with `arrayKey` holding the JSON array text `arrayJson`; returns the envelope text. */
  const signed = (fields: Record<string, unknown>, arrayKey: string | null, arrayJson: string, ttlMs: number): string => {
    const signer = keys.current();
    const now = new Date();
    const payload = {
      ...fields,
      ...(arrayKey ? { [arrayKey]: [] } : {}),
      format: FEED_FORMAT,
      keyId: signer.keyId,
      serverTime: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    };
    let text = canonicalJson(payload);
    if (arrayKey) {
      const slot = `${JSON.stringify(arrayKey)}:[]`;
      const at = text.indexOf(slot);
      if (at < 0 || text.indexOf(slot, at + 1) >= 0) throw new Error(`cannot place ${arrayKey} in the payload`);
      text = `${text.slice(0, at)}${JSON.stringify(arrayKey)}:${arrayJson}${text.slice(at + slot.length)}`;
    }
    const signature = bytesToBase64(signer.sign(Buffer.from(text, 'utf8')));
    return `{"keyChain":${JSON.stringify(keys.chain())},"keyId":${JSON.stringify(signer.keyId)},"payload":${text},"signature":"${signature}"}`;
  };

  const snapshotPageText = async (page: number, version: number, ttlMs: number): Promise<string | null> => {
    const snapshot = await mirror.snapshot(version);
    const entries = snapshot.pages[page];
    if (entries === undefined) return null;
    const reusable = ttlMs === pageTtlMs;
    const key = `${keys.current().keyId}:${version}:${page}`;
    const cached = reusable ? signedSnapshotPages.get(key) : undefined;
    if (cached && Date.now() - cached.signedAt < SNAPSHOT_PAGE_REUSE_MS) return cached.text;
    const text = signed(
      { kind: 'snapshot', version, page, pageCount: snapshot.pages.length, entryCount: snapshot.entryCount, digest: snapshot.digest },
      'entries',
      entries,
      ttlMs,
    );
    if (reusable) {
      const now = Date.now();
      for (const [k, v] of signedSnapshotPages) if (v.version !== version || now - v.signedAt >= SNAPSHOT_PAGE_REUSE_MS) signedSnapshotPages.delete(k);
      signedSnapshotPages.set(key, { text, version, signedAt: now });
    }
    return text;
  };

  return {
    async changes(since, limit) {
      const fromMemory = await mirror.changes(since, limit);
      const head = fromMemory?.head ?? (await headVersion());
      if (since > head) return null;
      const key = `${keys.current().keyId}|changes|${since}|${limit}|${head}`;
      const already = reused(key);
      if (already !== null) return already;
      const changes = fromMemory?.items ?? (await changesFromTable(since, head, limit));
      return reuse(key, () => {
        // Canonical key order: entry/id, op, version.
        const items = changes.map((c) =>
          c.canonicalEntry !== null
            ? `{"entry":${c.canonicalEntry},"op":"upsert","version":${c.version}}`
            : canonicalJson({ id: c.entryId, op: 'delete', version: c.version }),
        );
        const through = changes.length > 0 ? changes[changes.length - 1]!.version : since;
        return signed({ kind: 'changes', since, through, head, hasMore: through < head }, 'changes', `[${items.join(',')}]`, pageTtlMs);
      });
    },

    async snapshotPage(page, version) {
      const head = await headVersion();
      const at = version ?? head;
      if (at > head) return null;
      return snapshotPageText(page, at, pageTtlMs);
    },

    async head() {
      const snapshot = await mirror.snapshot(await headVersion());
      return reuse(`${keys.current().keyId}|head|${snapshot.version}`, () =>
        signed({ kind: 'head', version: snapshot.version, entryCount: snapshot.entryCount, digest: snapshot.digest }, null, '', pageTtlMs),
      );
    },

    async snapshotPages(ttlMs) {
      const version = await headVersion();
      const snapshot = await mirror.snapshot(version);
      const pages: string[] = [];
      for (let i = 0; i < snapshot.pages.length; i++) pages.push((await snapshotPageText(i, version, ttlMs))!);
      return pages;
    },
  };
}
