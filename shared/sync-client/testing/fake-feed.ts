// A signing feed in memory, for the sync client's unit tests (and the app's): the protocol's pages
// signed with a real Ed25519 key, served through the `FeedHttp` port, with hooks to misbehave.
import { ed25519 } from '@noble/curves/ed25519.js';
import type { BlockEntry } from '../../blocklist/format.ts';
import {
  announceKey,
  bytesToBase64,
  compareEntryIds,
  digestEntries,
  keyIdOf,
  signPage,
  SNAPSHOT_FILE_FORMAT,
  type Change,
  type KeyAnnouncement,
  type SignedPage,
  type Signer,
  type UnsignedPayload,
} from '../../sync/index.ts';
import { TransportError, type FeedHttp, type HttpResponse, type RequestLimits } from '../ports.ts';

export interface FakeKey extends Signer {
  readonly publicKey: Uint8Array;
  readonly serverKey: string;
}

export function createFakeKey(): FakeKey {
  const secret = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(secret);
  return { keyId: keyIdOf(publicKey), publicKey, serverKey: bytesToBase64(publicKey), sign: (m) => ed25519.sign(m, secret) };
}

/** Rewrites or replaces a response before the client sees it: the hook for faults. */
export type Intercept = (path: string, response: HttpResponse) => HttpResponse | Promise<HttpResponse>;

export interface FakeFeed {
  readonly firstKey: FakeKey;
  key: FakeKey;
  chain: KeyAnnouncement[];
  /** The service's clock (ms); defaults to the real one. */
  now: () => number;
  ttlMs: number;
  snapshotPageSize: number;
  intercept: Intercept | null;
  readonly requests: string[];
  upsert(entry: BlockEntry): number;
  remove(id: string): number;
  version(): number;
  entriesAt(version?: number): BlockEntry[];
  sign(payload: UnsignedPayload, key?: FakeKey): SignedPage;
  changesPage(since: number, limit: number): SignedPage;
  snapshotPage(page: number, version?: number): SignedPage | null;
  headPage(): SignedPage;
  snapshotFile(): unknown;
  rotate(): FakeKey;
  readonly http: FeedHttp;
}

export function sampleEntry(id: string, name = `Person ${id}`): BlockEntry {
  return {
    id,
    names: [name],
    addresses: [{ lines: [`${id.length + 1} Acacia Road`], town: 'Leeds', postcode: 'LS6 2AB' }],
    phones: [],
    emails: [],
    scope: { kind: 'all-prisoners' },
  };
}

export function createFakeFeed(): FakeFeed {
  const log: Change[] = [];
  const firstKey = createFakeKey();

  const json = (status: number, value: unknown): HttpResponse => ({ status, body: JSON.stringify(value) });
  const times = (feed: FakeFeed) => {
    const now = feed.now();
    return { serverTime: new Date(now).toISOString(), expiresAt: new Date(now + feed.ttlMs).toISOString() };
  };

  const feed: FakeFeed = {
    firstKey,
    key: firstKey,
    chain: [],
    now: () => Date.now(),
    ttlMs: 3_600_000,
    snapshotPageSize: 3,
    intercept: null,
    requests: [],
    upsert(entry) {
      log.push({ op: 'upsert', version: log.length + 1, entry });
      return log.length;
    },
    remove(id) {
      log.push({ op: 'delete', version: log.length + 1, id });
      return log.length;
    },
    version: () => log.length,
    entriesAt(version = log.length) {
      const map = new Map<string, BlockEntry>();
      for (const c of log.slice(0, version)) {
        if (c.op === 'upsert') map.set(c.entry.id, c.entry);
        else map.delete(c.id);
      }
      return [...map.values()].sort((a, b) => compareEntryIds(a.id, b.id));
    },
    sign: (payload, key = feed.key) => signPage(payload, key, feed.chain),
    changesPage(since, limit) {
      const head = log.length;
      const changes = log.slice(since, since + limit);
      const through = since + changes.length;
      return feed.sign({ kind: 'changes', since, through, head, hasMore: through < head, changes, ...times(feed) });
    },
    snapshotPage(page, version = log.length) {
      const entries = feed.entriesAt(version);
      const pageCount = Math.max(1, Math.ceil(entries.length / feed.snapshotPageSize));
      if (page >= pageCount) return null;
      const slice = entries.slice(page * feed.snapshotPageSize, (page + 1) * feed.snapshotPageSize);
      return feed.sign({ kind: 'snapshot', version, page, pageCount, entryCount: entries.length, digest: digestEntries(entries), entries: slice, ...times(feed) });
    },
    headPage() {
      const entries = feed.entriesAt();
      return feed.sign({ kind: 'head', version: log.length, entryCount: entries.length, digest: digestEntries(entries), ...times(feed) });
    },
    snapshotFile() {
      const pages: SignedPage[] = [];
      for (let p = 0; ; p++) {
        const page = feed.snapshotPage(p);
        if (!page) break;
        pages.push(page);
      }
      return { format: SNAPSHOT_FILE_FORMAT, exportedAt: new Date(feed.now()).toISOString(), pages };
    },
    rotate() {
      const next = createFakeKey();
      feed.chain = [...feed.chain, announceKey(next.publicKey, feed.key, new Date(feed.now()))];
      feed.key = next;
      return next;
    },
    http: {
      async get(path: string, limits: RequestLimits) {
        feed.requests.push(path);
        const [pathname, search = ''] = path.split('?');
        const params = new Map(search.split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
        const q = (name: string): string | null => params.get(name) ?? null;
        const url = { pathname };
        let res: HttpResponse;
        if (url.pathname === '/v1/blocklist/changes') {
          const since = Number(q('since'));
          res = since > log.length ? json(409, { error: { code: 'since-ahead', message: 'since is ahead' } }) : json(200, feed.changesPage(since, Number(q('limit') ?? 500)));
        } else if (url.pathname === '/v1/blocklist/snapshot') {
          const page = feed.snapshotPage(Number(q('page') ?? 0), q('version') === null ? undefined : Number(q('version')));
          res = page ? json(200, page) : json(404, { error: { code: 'no-such-page', message: 'no such page' } });
        } else if (url.pathname === '/v1/blocklist/head') {
          res = json(200, feed.headPage());
        } else {
          res = json(404, { error: { code: 'not-found', message: 'not found' } });
        }
        if (feed.intercept) res = await feed.intercept(path, res);
        if (res.body.length > limits.maxBytes) throw new TransportError('too-large', `the response is over ${limits.maxBytes} bytes`);
        return res;
      },
      async postJson(path: string) {
        feed.requests.push(`POST ${path}`);
        return json(404, {});
      },
    },
  };
  return feed;
}
