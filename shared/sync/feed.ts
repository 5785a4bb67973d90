// The feed protocol `mailroom-feed/v1`, one definition for the service and the sync client.
//
// Every response is a signed page: `{ payload, keyId, signature, keyChain }`. `signature` is Ed25519
// (base64) over the RFC 8785 canonical JSON of `payload`; `keyId` names the signing key and is also
// inside the payload. `keyChain` carries the service's key rotations, each announced and signed by
// the key before it, so a client that pinned the first key can follow them (see signing.ts).
//
// Every change raises the list version by exactly one, so the versions in a changes page run
// `since + 1 … through` without gaps. Each payload carries the server's time and an expiry: a client
// measures the age of its list from `serverTime` and refuses a page past `expiresAt`.
//
// `serverTime` is when the service signed the page, not when it was sent: the service answers the
// same request with the same signed bytes for up to 1 s (changes and head pages, keyed by the head
// version, so a new change is never hidden) and 30 s (snapshot pages), so that 2,000 mailrooms
// polling do not cost a signature each. A page is therefore at most that much older than its
// response; against a freshness warning of hours it does not matter, and it is never newer.
import { z } from 'zod';
import { blockEntrySchema } from '../blocklist/format.ts';

export const FEED_FORMAT = 'mailroom-feed/v1' as const;
export const KEY_ANNOUNCEMENT_FORMAT = 'mailroom-key/v1' as const;
export const SNAPSHOT_FILE_FORMAT = 'mailroom-snapshot-file/v1' as const;

/** Upper bound on the changes a client may ask for in one page. */
export const MAX_CHANGES_PER_PAGE = 1000;

const isoDateTime = z.iso.datetime({ offset: true });
const listVersion = z.number().int().nonnegative();
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in lower-case hex');

/** An entry as the feed carries it: the blocklist entry, as parsed by `blockEntrySchema`. */
export const feedEntrySchema = blockEntrySchema;

export const changeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), version: listVersion, entry: feedEntrySchema }),
  z.object({ op: z.literal('delete'), version: listVersion, id: z.string().min(1) }),
]);

const pageCommon = {
  format: z.literal(FEED_FORMAT),
  keyId: z.string().min(1),
  serverTime: isoDateTime,
  expiresAt: isoDateTime,
};

/** `GET /v1/blocklist/changes?since=V&limit=N`: changes with versions since+1 … through. */
export const changesPageSchema = z.object({
  ...pageCommon,
  kind: z.literal('changes'),
  since: listVersion,
  through: listVersion,
  /** The list's current version; `through < head` means there is more to fetch. */
  head: listVersion,
  hasMore: z.boolean(),
  changes: z.array(changeSchema),
});

/** `GET /v1/blocklist/snapshot?page=K[&version=V]`: the list at `version`, in id order. */
export const snapshotPageSchema = z.object({
  ...pageCommon,
  kind: z.literal('snapshot'),
  version: listVersion,
  page: z.number().int().nonnegative(),
  pageCount: z.number().int().positive(),
  entryCount: z.number().int().nonnegative(),
  /** Digest of the whole list at `version` (digest.ts), the same on every page. */
  digest: sha256Hex,
  entries: z.array(feedEntrySchema),
});

/** `GET /v1/blocklist/head`: the current version and digest, for a client to reconcile cheaply. */
export const headPageSchema = z.object({
  ...pageCommon,
  kind: z.literal('head'),
  version: listVersion,
  entryCount: z.number().int().nonnegative(),
  digest: sha256Hex,
});

export const feedPageSchema = z.discriminatedUnion('kind', [changesPageSchema, snapshotPageSchema, headPageSchema]);

/** A new signing key, announced by (signed with) the key before it. */
export const keyAnnouncementStatementSchema = z.object({
  format: z.literal(KEY_ANNOUNCEMENT_FORMAT),
  keyId: z.string().min(1),
  publicKey: base64,
  previousKeyId: z.string().min(1),
  announcedAt: isoDateTime,
});

export const keyAnnouncementSchema = z.object({
  statement: keyAnnouncementStatementSchema,
  signature: base64,
});

export const signedPageSchema = z.object({
  payload: z.record(z.string(), z.unknown()),
  keyId: z.string().min(1),
  signature: base64,
  keyChain: z.array(keyAnnouncementSchema).max(64).default([]),
});

/** The file an air-gapped mailroom imports: the signed snapshot pages, verified like network pages. */
export const snapshotFileSchema = z.object({
  format: z.literal(SNAPSHOT_FILE_FORMAT),
  exportedAt: isoDateTime,
  pages: z.array(signedPageSchema).min(1),
});

export type FeedEntry = z.infer<typeof feedEntrySchema>;
export type Change = z.infer<typeof changeSchema>;
export type ChangesPage = z.infer<typeof changesPageSchema>;
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;
export type HeadPage = z.infer<typeof headPageSchema>;
export type FeedPage = z.infer<typeof feedPageSchema>;
export type KeyAnnouncementStatement = z.infer<typeof keyAnnouncementStatementSchema>;
export type KeyAnnouncement = z.infer<typeof keyAnnouncementSchema>;
export type SignedPage = z.infer<typeof signedPageSchema>;
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;
