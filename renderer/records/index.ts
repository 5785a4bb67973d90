// The records layer's public face: open it once in the app shell, give `records` to screens and
// keep `system(...)` for the sync and the screening worker.
export { openRecords, type OpenRecordsOptions, type OpenedRecords, type Records, type SystemRecords } from './open-records.ts';
export type { KeyProvider, DataKeyGrant } from './crypto/key-provider.ts';
export { fixedKeyProvider, refusingKeyProvider } from './crypto/key-provider.ts';
export type { HeadSigner, SignedAuditHead, AuditHead, HeadPublicKey, AuditVerification, AuditEvent } from '../../shared/audit/index.ts';
export { RecordsError, isRecordsError, type RecordsErrorCode } from './errors.ts';
export type { Session } from './accounts/sessions.ts';
export type { Accounts, UserSummary, NewAccount, SignOutReason } from './accounts/accounts.ts';
export { DEMO_ACCOUNTS } from './accounts/accounts.ts';
export { PASSWORD_ITERATIONS, MIN_PASSWORD_LENGTH } from './accounts/passwords.ts';
export * from './accounts/session-clock.ts';
export { ROLES, can, roleLabel, type Role, type Capability } from './roles.ts';
export { DEFAULT_SETTINGS, type StationSettings, type SettingsPatch } from './settings.ts';
export type { SettingsRecords } from './station-settings.ts';
export type { BlocklistRecords, BlocklistSystem, ListStatus, ListPage, ListApplyMeta, BlockReference } from './blocklist.ts';
export type { LetterRecords, LetterSystem, RecheckCandidate } from './letters.ts';
export type { ReviewRecords, ReviewQueue, ReviewFilter, ReviewLetterView, DecisionInput, DecisionView, DecisionSummary } from './review.ts';
export type { ReleaseRecords, ReleaseSummary } from './releases.ts';
export type { AuditRecords, AuditSystem } from './audit-records.ts';
export type { RetentionRecords, PurgeReport } from './retention.ts';
export type { SyncStateStore } from './sync-state.ts';
export type { ListSignature, LetterState, DecisionKind } from './db/rows.ts';
export * from './letter-views.ts';
