// What each table stores (the latest schema). Victim data sits only inside SealedBox fields;
// everything indexed is a reference, a time, a state or a keyed tag.
import type { SignedAuditHead, AuditEvent } from '../../../shared/audit/index.ts';
import type { ReviewReason, Verdict } from '../../../shared/screening/types.ts';
import type { SealedBox } from '../crypto/sealer.ts';
import type { PasswordHash } from '../accounts/passwords.ts';
import type { Role } from '../roles.ts';

/** How a list version came to be held, and the signature data it carried. */
export interface ListSignature {
  readonly algorithm: string;
  readonly keyId: string;
  /** The signature as the source encoded it (base64 or hex); null when the sync verified page by page. */
  readonly value: string | null;
  /** The server's signed time: freshness is measured from this, not from the PC's clock. */
  readonly signedAt: string | null;
}

/**
 * A bucket of block entries, sealed together: one AES-GCM call per bucket rather than per entry.
 * An entry's bucket is a hash of its id (block references are not secret); nothing about the
 * entries is readable without the key, not even which ids a bucket holds. Since v4.
 */
export interface BlockBucketRow {
  readonly bucket: number;
  readonly listVersion: number;
  readonly count: number;
  /** BlockEntry[] */
  readonly sealed: SealedBox;
}

/** One page of a snapshot being received, sealed; the list is replaced when every page is in. Since v4. */
export interface SnapshotPageRow {
  readonly version: number;
  readonly page: number;
  readonly count: number;
  /** BlockEntry[] */
  readonly sealed: SealedBox;
}

/** Something the sync keeps between runs (enrolment, pinned key, progress), sealed. Since v3. */
export interface SyncStateRow {
  readonly key: string;
  readonly updatedAt: string;
  readonly sealed: SealedBox;
}

export interface ListVersionRow {
  readonly version: number;
  readonly generatedAt: string | null;
  readonly appliedAt: string;
  readonly source: 'file' | 'sync' | 'snapshot-file';
  readonly appliedBy: string;
  readonly signature: ListSignature | null;
  readonly entryCount: number;
}

export const LETTER_STATES = ['cleared', 'held', 'awaiting-review', 'officer-check', 'withheld', 'released', 'rescan'] as const;
export type LetterState = (typeof LETTER_STATES)[number];

export interface LetterRow {
  readonly id: string;
  /** The running number printed on the hold slip and shown large at the scan station. */
  readonly sequence: number;
  readonly batchId: string | null;
  readonly scannedAt: string;
  /** The station's local date of the scan (YYYY-MM-DD), for the day filter. Since v2. */
  readonly day: string;
  readonly officerId: string;
  readonly state: LetterState;
  readonly verdict: Verdict;
  readonly reviewReason: ReviewReason | null;
  /** Block references matched (best first): what an officer may see. */
  readonly entryRefs: string[];
  readonly rules: string[];
  readonly listVersion: number | null;
  readonly sender: string | null;
  readonly imageSha256: string | null;
  readonly imageType: string | null;
  /** Keyed tags of postcode + house number read, for "earlier letters to this address". */
  readonly addressTags: string[];
  readonly sealedImage: SealedBox | null;
  /** LetterReading: the text read, the addressee block and the OCR boxes. */
  readonly sealedReading: SealedBox;
  /** ScreeningResult: addressee and the engine's evidence. */
  readonly sealedResult: SealedBox;
  /** A CLEAR letter that a later list turned into HOLD/REVIEW: it may have left the building. */
  readonly alreadyDispatched: boolean;
  readonly updatedAt: string;
}

export const DECISION_KINDS = ['confirm-hold', 'release', 'return-to-officer'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface DecisionRow {
  readonly id: string;
  readonly letterId: string;
  readonly decidedAt: string;
  readonly supervisorId: string;
  readonly kind: DecisionKind;
  readonly referredTo: 'case-handler' | 'police' | null;
  /** { reason, reference }: free text a supervisor wrote, which may name the victim. */
  readonly sealed: SealedBox;
}

export interface ReleaseRow {
  readonly id: string;
  readonly entryId: string;
  readonly decisionId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
  /** The RememberedRelease (its fingerprints are derived from victim data). */
  readonly sealed: SealedBox;
}

export interface UserRow {
  readonly id: string;
  /** Lower case; unique. */
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: PasswordHash;
  readonly createdAt: string;
  readonly disabled: boolean;
  readonly demo: boolean;
  readonly failedAttempts: number;
  readonly lockedUntil: string | null;
  readonly lastSignInAt: string | null;
}

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

export type AuditRow = AuditEvent;

export interface AuditHeadRow {
  readonly station: string;
  readonly signed: SignedAuditHead;
}

/** The protocol's event types (shared/sync/events.ts). */
export type OutboxKind = 'letter-held' | 'decision' | 'audit-head';

export interface OutboxRow {
  readonly id?: number;
  /** The event's own id (a UUID): the sync removes and defers by it. Since v5. */
  readonly eventId: string;
  readonly kind: OutboxKind;
  readonly state: 'pending' | 'sent';
  readonly createdAt: string;
  readonly nextAttemptAt: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  /** The MailroomEvent: ids and verdicts only, sealed all the same. */
  readonly sealed: SealedBox;
}
