// The hash chain: each event's hash covers its canonical JSON (RFC 8785) and the previous hash,
// so editing, removing or moving one event breaks the links after it. Synchronous on purpose:
// the renderer appends inside a Dexie transaction, where an awaited WebCrypto call would commit it.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { GENESIS_HASH, type AuditDraft, type AuditEvent } from './event.ts';

/** The fields the hash covers, in a fixed shape (extra properties a store adds are ignored). */
function hashedFields(event: AuditDraft & { readonly seq: number; readonly prevHash: string }): unknown {
  return {
    seq: event.seq,
    at: event.at,
    kind: event.kind,
    actor: event.actor,
    subject: event.subject,
    details: event.details,
    prevHash: event.prevHash,
  };
}

export function hashAuditEvent(event: AuditDraft & { readonly seq: number; readonly prevHash: string }): string {
  const json = canonicalize(hashedFields(event));
  if (json === undefined) throw new Error('audit event cannot be canonicalised');
  return bytesToHex(sha256(utf8ToBytes(json)));
}

/** The event that follows `previous` (or starts the chain when it is null). */
export function chainAuditEvent(previous: Pick<AuditEvent, 'seq' | 'hash'> | null, draft: AuditDraft): AuditEvent {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const linked = {
    at: draft.at,
    kind: draft.kind,
    actor: draft.actor,
    subject: draft.subject,
    details: { ...draft.details },
    seq,
    prevHash,
  };
  return { ...linked, hash: hashAuditEvent(linked) };
}
