// Opens the mailroom's records: the database (migrated to the latest schema), the data key from
// the KeyProvider, the audit log with its HeadSigner, and demo accounts in demo mode only.
import type { HeadSigner } from '../../shared/audit/index.ts';
import { MailroomDb, DEFAULT_DATABASE_NAME } from './db/database.ts';
import { createAesSealer, createPlaintextSealerForPositiveControl, type Sealer } from './crypto/sealer.ts';
import type { KeyProvider } from './crypto/key-provider.ts';
import { RecordsError } from './errors.ts';
import { systemClock, type Clock } from './dates.ts';
import { SessionRegistry } from './accounts/sessions.ts';
import { PASSWORD_ITERATIONS } from './accounts/passwords.ts';
import { createAccounts, reconcileDemoAccounts, type Accounts } from './accounts/accounts.ts';
import { AuditLog } from './audit-log.ts';
import { INTERNAL } from './settings.ts';
import { createSettingsRecords, type SettingsRecords } from './station-settings.ts';
import { createBlocklistRecords, type BlocklistRecords, type BlocklistSystem } from './blocklist.ts';
import { createLetterRecords, type LetterRecords, type LetterSystem } from './letters.ts';
import { createReviewRecords, type ReviewRecords } from './review.ts';
import { createReleaseRecords, type ReleaseRecords, type ReleaseSystem } from './releases.ts';
import { createRetention, type PurgeReport, type RetentionRecords } from './retention.ts';
import { createAuditRecords, type AuditRecords, type AuditSystem } from './audit-records.ts';
import { createOutboxStore } from './outbox.ts';
import { createSyncStore } from './sync-store.ts';
import { createSyncStateStore, type SyncStateStore } from './sync-state.ts';
import type { OutboxStore, SyncStore } from '../../shared/sync-client/ports.ts';
import type { RecordsContext, SystemPrincipal } from './context.ts';

export interface OpenRecordsOptions {
  /** This station's id: names its audit chain (and, later, its enrolment). */
  readonly station: string;
  readonly keys: KeyProvider;
  readonly headSigner: HeadSigner;
  /** Demo mode: the demo accounts exist. Outside it they are removed. */
  readonly demo?: boolean;
  /** IndexedDB database name (tests use a fresh one each). */
  readonly databaseName?: string;
  readonly clock?: Clock;
  /** PBKDF2 iterations for new hashes; tests lower it. Default PASSWORD_ITERATIONS (600,000). */
  readonly passwordIterations?: number;
  /**
   * 'off-positive-control' stores victim data in the clear. Only for the at-rest test's positive
   * control (which shows that the search of the database files would find plain data).
   */
  readonly encryption?: 'on' | 'off-positive-control';
}

/** What screens get: every call takes the signed-in Session and is checked against its role. */
export interface Records {
  readonly accounts: Accounts;
  readonly settings: SettingsRecords;
  readonly blocklist: BlocklistRecords;
  readonly letters: LetterRecords;
  readonly review: ReviewRecords;
  readonly releases: ReleaseRecords;
  readonly audit: AuditRecords;
  readonly retention: RetentionRecords;
  /** Null when victim data may be stored; otherwise why not, for a banner. */
  readonly storageRefusal: string | null;
  readonly station: string;
}

/** What the app shell keeps for the sync, the screening worker and housekeeping; never passed to screens. */
export interface SystemRecords {
  readonly blocklist: BlocklistSystem;
  /** The sync engine's SyncStore port (shared/sync-client/ports.ts) over these records. */
  readonly syncStore: SyncStore;
  /** The sync engine's OutboxStore port: holds, decisions and audit heads waiting to go upstream. */
  readonly outbox: OutboxStore;
  /** Sealed values the sync keeps beside its list state (enrolment: server address, device token). */
  readonly syncState: SyncStateStore;
  readonly letters: LetterSystem;
  readonly releases: ReleaseSystem;
  readonly audit: AuditSystem;
  purge(): Promise<PurgeReport>;
}

export interface OpenedRecords {
  readonly records: Records;
  /** `system('sync')` acts as `system:sync` in the audit trail. */
  system(part: string): SystemRecords;
  /** Waits for audit writes still in flight (refusals recorded from read paths). */
  settled(): Promise<void>;
  close(): void;
}

const KEY_CHECK = 'mailroom records key check';

async function loadSealer(db: MailroomDb, options: OpenRecordsOptions): Promise<{ sealer: Sealer | null; refusal: string | null }> {
  if (options.encryption === 'off-positive-control') return { sealer: createPlaintextSealerForPositiveControl(), refusal: null };
  const grant = await options.keys.dataKey();
  if (!grant.available) return { sealer: null, refusal: grant.reason };
  const sealer = await createAesSealer(grant.keyId, grant.material);
  // A data key that cannot open what is stored (a restored profile, a reset keychain) is said so
  // plainly instead of failing letter by letter.
  const stored = await db.settings.get(INTERNAL.keyCheck);
  const check = await sealer.tag('name', KEY_CHECK);
  if (!stored) await db.settings.put({ key: INTERNAL.keyCheck, value: { keyId: grant.keyId, check } });
  else {
    const value = stored.value as { keyId?: unknown; check?: unknown };
    if (value.check !== check) {
      throw new RecordsError('key-mismatch', `the data key (${grant.keyId}) is not the key these records were stored under (${String(value.keyId)})`);
    }
  }
  return { sealer, refusal: null };
}

export async function openRecords(options: OpenRecordsOptions): Promise<OpenedRecords> {
  const db = new MailroomDb(options.databaseName ?? DEFAULT_DATABASE_NAME);
  await db.open();
  try {
    const clock = options.clock ?? systemClock;
    const { sealer, refusal } = await loadSealer(db, options);
    const ctx: RecordsContext = {
      db,
      sealer,
      keyRefusal: refusal,
      station: options.station,
      clock,
      demo: options.demo ?? false,
      passwordIterations: options.passwordIterations ?? PASSWORD_ITERATIONS,
      sessions: new SessionRegistry(),
      audit: new AuditLog(db, options.headSigner, options.station, clock, sealer),
    };
    await reconcileDemoAccounts(ctx);
    const blocklist = createBlocklistRecords(ctx);
    const letters = createLetterRecords(ctx);
    const releases = createReleaseRecords(ctx);
    const retention = createRetention(ctx);
    const audit = createAuditRecords(ctx);
    const outbox = createOutboxStore(ctx);
    const syncState = createSyncStateStore(ctx);
    const records: Records = {
      accounts: createAccounts(ctx),
      settings: createSettingsRecords(ctx),
      blocklist: blocklist.records,
      letters: letters.records,
      review: createReviewRecords(ctx),
      releases: releases.records,
      audit: audit.records,
      retention: retention.records,
      storageRefusal: refusal,
      station: options.station,
    };
    return {
      records,
      system: (part) => {
        const principal: SystemPrincipal = { system: part };
        return {
          blocklist: blocklist.system(principal),
          syncStore: createSyncStore(ctx, principal),
          syncState,
          letters: letters.system(principal),
          releases: releases.system(),
          outbox,
          audit: audit.system(principal),
          purge: () => retention.system(principal).purge(),
        };
      },
      settled: () => ctx.audit.settled(),
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
