// Verifies an audit trail and names what is wrong: which event was edited, moved, removed, or
// whether the newest events are missing (caught by the signed head). Pure and synchronous, so
// main, the renderer and the central service verify the same way.
import { hashAuditEvent } from './chain.ts';
import { GENESIS_HASH, type AuditEvent } from './event.ts';
import { verifySignedHead, type HeadPublicKey, type SignedAuditHead } from './head.ts';

export type AuditProblemKind =
  | 'edited'
  | 'relinked'
  | 'reordered'
  | 'duplicated'
  | 'deleted'
  | 'head-missing'
  | 'head-signature'
  | 'head-mismatch';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** The event the problem is about, when there is one. */
  readonly seq: number | null;
  readonly message: string;
}

export interface AuditVerification {
  readonly status: 'VALID' | 'BROKEN';
  readonly eventCount: number;
  readonly lastSeq: number;
  /** The seq the signed head covers, or null when there is no head. */
  readonly signedSeq: number | null;
  /** Events newer than the signed head (appended while the signer was unreachable). */
  readonly unsignedTail: number;
  readonly problems: readonly AuditProblem[];
  /** One line for the screen and the CSV: starts with VALID or BROKEN. */
  readonly summary: string;
}

export interface HeadCheck {
  readonly station: string;
  /** The newest signed head, from the signer's own store. */
  readonly signed: SignedAuditHead | null;
  readonly key: HeadPublicKey | null;
}

const label = (e: AuditEvent): string => `event #${e.seq} (${e.kind})`;

/**
 * Checks `events` as stored (in storage order) against their hashes, their links and the signed
 * head. An empty trail with no head is valid.
 */
export function verifyAuditTrail(events: readonly AuditEvent[], head: HeadCheck): AuditVerification {
  const problems: AuditProblem[] = [];
  const byHash = new Map<string, AuditEvent>();
  for (const e of events) byHash.set(e.hash, e);
  const intact = new Set<AuditEvent>(events.filter((e) => hashAuditEvent(e) === e.hash));

  // Storage order: seq must rise by position.
  let maxSeen = 0;
  for (const e of events) {
    if (e.seq === maxSeen) problems.push({ kind: 'duplicated', seq: e.seq, message: `event #${e.seq} appears twice` });
    else if (e.seq < maxSeen) {
      problems.push({ kind: 'reordered', seq: e.seq, message: `${label(e)} is stored after event #${maxSeen}: the trail was reordered` });
    } else maxSeen = e.seq;
  }

  // The seq an event was written with, found through the links: a moved event keeps its content
  // and its link, so it hashes correctly again at its original number.
  const original = new Map<AuditEvent, number | null>();
  const originalSeq = (e: AuditEvent, depth = 0): number | null => {
    if (intact.has(e)) return e.seq;
    if (original.has(e)) return original.get(e) ?? null;
    if (depth > 64) return null;
    const pred = e.prevHash === GENESIS_HASH ? null : byHash.get(e.prevHash);
    const predSeq = e.prevHash === GENESIS_HASH ? 0 : pred && pred !== e ? originalSeq(pred, depth + 1) : null;
    const seq = predSeq === null ? null : predSeq + 1;
    const result = seq !== null && hashAuditEvent({ ...e, seq }) === e.hash ? seq : null;
    original.set(e, result);
    return result;
  };
  for (const e of events) {
    if (intact.has(e)) continue;
    const was = originalSeq(e);
    if (was !== null && was !== e.seq) {
      problems.push({ kind: 'reordered', seq: e.seq, message: `${label(e)} was written as event #${was}: events were reordered` });
    } else {
      problems.push({ kind: 'edited', seq: e.seq, message: `${label(e)} was edited: its content does not match its hash` });
    }
  }

  // Gaps in the numbering: removed events.
  const present = new Set(events.map((e) => e.seq));
  for (let seq = 1; seq <= maxSeen; seq++) {
    if (present.has(seq)) continue;
    let end = seq;
    while (end + 1 <= maxSeen && !present.has(end + 1)) end++;
    problems.push({
      kind: 'deleted',
      seq,
      message: end === seq ? `event #${seq} was deleted` : `events #${seq} to #${end} were deleted`,
    });
    seq = end;
  }

  // Links between neighbours whose own hashes hold: an edited event whose hash was recomputed.
  const bySeq = new Map<number, AuditEvent>();
  for (const e of events) if (!bySeq.has(e.seq)) bySeq.set(e.seq, e);
  for (const e of [...bySeq.values()].sort((a, b) => a.seq - b.seq)) {
    if (!intact.has(e)) continue;
    if (e.seq === 1) {
      if (e.prevHash !== GENESIS_HASH) {
        problems.push({ kind: 'deleted', seq: 1, message: 'event #1 does not start the chain: earlier events were removed and the rest renumbered' });
      }
      continue;
    }
    const before = bySeq.get(e.seq - 1);
    if (!before || !intact.has(before) || e.prevHash === before.hash) continue;
    problems.push({
      kind: 'relinked',
      seq: before.seq,
      message: `${label(before)} was replaced or edited and re-hashed: event #${e.seq} still links to the original`,
    });
  }

  // The signed head: catches the newest events removed, or the chain rewritten to the end.
  const signed = head.signed;
  let unsignedTail = 0;
  if (!signed) {
    if (events.length > 0) problems.push({ kind: 'head-missing', seq: null, message: 'no signed head: the newest events cannot be vouched for' });
  } else if (!head.key || !verifySignedHead(signed, head.key)) {
    problems.push({ kind: 'head-signature', seq: signed.head.seq, message: `the signed head (#${signed.head.seq}) does not verify with the station's key` });
  } else if (signed.head.station !== head.station) {
    problems.push({ kind: 'head-signature', seq: signed.head.seq, message: 'the signed head belongs to another station' });
  } else {
    const at = bySeq.get(signed.head.seq);
    if (signed.head.seq > maxSeen) {
      const first = maxSeen + 1;
      problems.push({
        kind: 'deleted',
        seq: first,
        message: `${first === signed.head.seq ? `event #${first} was` : `events #${first} to #${signed.head.seq} were`} deleted: the signed head covers #${signed.head.seq}, the trail ends at #${maxSeen}`,
      });
    } else if (at && at.hash !== signed.head.hash) {
      problems.push({ kind: 'head-mismatch', seq: at.seq, message: `${label(at)} does not match the signed head: it or an event before it was replaced` });
    }
    unsignedTail = Math.max(0, maxSeen - signed.head.seq);
  }

  const status = problems.length === 0 ? 'VALID' : 'BROKEN';
  const tail = unsignedTail > 0 ? `; ${unsignedTail} newest event(s) not yet covered by the signed head` : '';
  const summary =
    status === 'VALID'
      ? `VALID: ${events.length} event(s), chain intact${signed ? `, head #${signed.head.seq} signed` : ''}${tail}`
      : `BROKEN: ${problems.map((p) => p.message).join('; ')}`;
  return { status, eventCount: events.length, lastSeq: maxSeen, signedSeq: signed?.head.seq ?? null, unsignedTail, problems, summary };
}
