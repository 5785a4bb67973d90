// What an audit event is: plain data that main, the renderer and the central service all read.
// Details carry references (letter ids, block references, counts), never victim names or addresses.

export const AUDIT_KINDS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'account-locked',
  'account-created',
  'account-changed',
  'scan',
  'verdict',
  'officer-check',
  'decision',
  'victim-view',
  'access-refused',
  'settings-change',
  'list-update',
  'list-refused',
  'key-rotated',
  'purge',
  'failed-check',
  'audit-verified',
  'audit-exported',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export type AuditDetailValue = string | number | boolean | null;
export type AuditDetails = Readonly<Record<string, AuditDetailValue>>;

/** The part of an event that its author chooses. */
export interface AuditDraft {
  /** ISO 8601 UTC time of the event. */
  readonly at: string;
  readonly kind: AuditKind;
  /** The user id (or `system:<part>`) that caused the event; null before anyone signs in. */
  readonly actor: string | null;
  /** What the event is about: a letter id, a block reference, a user id, a setting. */
  readonly subject: string | null;
  readonly details: AuditDetails;
}

/** An event as it stands in the chain: numbered from 1 and linked to the one before by hash. */
export interface AuditEvent extends AuditDraft {
  readonly seq: number;
  /** sha256 (hex) of the previous event, or GENESIS_HASH for event 1. */
  readonly prevHash: string;
  /** sha256 (hex) of this event's canonical JSON, prevHash included. */
  readonly hash: string;
}

/** The "previous hash" of the first event. */
export const GENESIS_HASH = '0'.repeat(64);
