// Fetching a whole list (over the network or from an air-gapped file) into staging beside the live
// list, page by page, and swapping it in only when every page verified and the digest agrees.
import type { ListDigest, SnapshotPage, VerifyResult } from '../sync/index.ts';
import { canonicalText } from './canonical-text.ts';
import type { BlockEntry } from '../blocklist/format.ts';
import { acceptVerified, checkSnapshotPage, expectKind } from './page-checks.ts';
import type { ListSource, ListState, SnapshotStaging, SyncStore, TrustedKey } from './ports.ts';
import { SyncError } from './sync-error.ts';

/** Fetches a snapshot page and verifies its signature with `trust`: `version` is null for page 0 (the service's head). */
export type SnapshotPageSource = (page: number, version: number | null, trust: TrustedKey) => Promise<VerifyResult>;

export interface ListChange {
  readonly previousVersion: number | null;
  readonly version: number;
  /** Entries added or changed, as they now stand: re-check recent CLEAR letters against these. */
  readonly upserted: readonly BlockEntry[];
  readonly removedIds: readonly string[];
  /** True when a whole list replaced the held one. */
  readonly full: boolean;
}

export interface SnapshotContext {
  readonly store: SyncStore;
  readonly now: () => number;
  readonly clockToleranceMs: number;
  readonly pinnedKey: string;
  readonly createDigest: () => ListDigest;
}

export interface SnapshotResult {
  readonly list: ListState;
  readonly change: ListChange;
  readonly rotatedTo: TrustedKey | null;
  readonly pages: number;
}

/**
 * Fetches pages from `staging.nextPage` (or 0), stages each after verifying it, then commits. A
 * refusal discards the staging; a transport failure keeps it, so the next attempt resumes.
 */
export async function fetchSnapshot(
  ctx: SnapshotContext,
  source: SnapshotPageSource,
  listSource: ListSource,
  held: ListState | null,
  resume: SnapshotStaging | null,
  trustIn: TrustedKey,
): Promise<SnapshotResult> {
  let staging = resume;
  let trust = resume?.trust ?? trustIn;
  const firstTrust = trust;
  let pages = 0;
  // The next page is asked for while this one is verified and stored, so the service's time and the
  // station's overlap. Its failure, if this page is refused first, is dropped with it.
  let ahead: { page: number; verified: Promise<VerifyResult> } | null = null;
  const fetchPage = (page: number, version: number | null): Promise<VerifyResult> => {
    if (ahead && ahead.page === page) return ahead.verified;
    return source(page, version, trust);
  };
  try {
    while (!staging || staging.nextPage < staging.pageCount) {
      const pageNo = staging?.nextPage ?? 0;
      const verified = await fetchPage(pageNo, staging?.version ?? null);
      ahead = null;
      const now = ctx.now();
      const v = expectKind(acceptVerified(verified, trust, now, ctx.clockToleranceMs), 'snapshot');
      const page: SnapshotPage = v.page;
      checkSnapshotPage(page, pageNo, staging, held?.version ?? null);
      trust = v.trust;
      if (pageNo + 1 < page.pageCount) {
        const next = source(pageNo + 1, page.version, trust);
        next.catch(() => undefined);
        ahead = { page: pageNo + 1, verified: next };
      }
      const last = page.entries[page.entries.length - 1];
      staging = {
        version: page.version,
        digest: page.digest,
        pageCount: page.pageCount,
        entryCount: page.entryCount,
        nextPage: pageNo + 1,
        lastId: last ? last.id : (staging?.lastId ?? null),
        stagedCount: (staging?.stagedCount ?? 0) + page.entries.length,
        currentAsOf: staging?.currentAsOf ?? page.serverTime,
        checkedAt: staging?.checkedAt ?? now,
        clockSkewMs: staging?.clockSkewMs ?? v.clockSkewMs,
        pinnedKey: ctx.pinnedKey,
        trust,
        source: listSource,
      };
      await ctx.store.stageSnapshotPage(staging, page.entries);
      pages++;
    }
    return { ...(await commit(ctx, staging, held)), rotatedTo: trust.keyId !== firstTrust.keyId ? trust : null, pages };
  } catch (e) {
    if (!(e instanceof SyncError) || !e.transient) await ctx.store.discardStaging();
    throw e;
  }
}

async function commit(ctx: SnapshotContext, staging: SnapshotStaging, held: ListState | null): Promise<Omit<SnapshotResult, 'rotatedTo' | 'pages'>> {
  const staged = await ctx.store.readStagedEntries();
  if (staged.length !== staging.entryCount) {
    throw new SyncError('digest-mismatch', `refused the snapshot at version ${staging.version}: it declares ${staging.entryCount} entries but its pages carry ${staged.length}`);
  }
  const digest = ctx.createDigest();
  const canonical = new Map<string, string>();
  for (const entry of staged) {
    const text = canonicalText(entry);
    digest.addCanonical(text);
    if (held) canonical.set(entry.id, text);
  }
  if (digest.hex() !== staging.digest) {
    throw new SyncError('digest-mismatch', `refused the snapshot at version ${staging.version}: its entries do not match its signed digest`);
  }

  let upserted: readonly BlockEntry[] = staged;
  let removedIds: string[] = [];
  if (held) {
    // Only what differs from the held list needs re-checking against recent letters.
    const before = new Map((await ctx.store.readEntries()).map((e) => [e.id, e] as const));
    upserted = staged.filter((e) => {
      const old = before.get(e.id);
      return !old || canonicalText(old) !== canonical.get(e.id);
    });
    removedIds = [...before.keys()].filter((id) => !canonical.has(id));
  }

  const sameVersion = held !== null && held.version === staging.version;
  const newer = !held || Date.parse(staging.currentAsOf) >= Date.parse(held.currentAsOf);
  const list: ListState = {
    version: staging.version,
    digest: staging.digest,
    currentAsOf: newer || !sameVersion ? staging.currentAsOf : held.currentAsOf,
    checkedAt: newer || !sameVersion ? staging.checkedAt : held.checkedAt,
    clockSkewMs: staging.clockSkewMs,
    reconciledAt: staging.checkedAt,
    pinnedKey: ctx.pinnedKey,
    trust: staging.trust,
    source: staging.source,
  };
  await ctx.store.commitSnapshot(list);
  return { list, change: { previousVersion: held?.version ?? null, version: list.version, upserted, removedIds, full: true } };
}
