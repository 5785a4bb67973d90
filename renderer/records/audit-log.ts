// Writes audit events into the hash chain and has the head signed after each write. The chain
// logic itself is in shared/audit so main and the central service verify the same way.
import { Dexie } from 'dexie';
import {
  auditTrailCsv,
  chainAuditEvent,
  verifyAuditTrail,
  type AuditDetails,
  type AuditDraft,
  type AuditEvent,
  type AuditKind,
  type AuditVerification,
  type HeadSigner,
  type SignedAuditHead,
} from '../../shared/audit/index.ts';
import type { MailroomDb } from './db/database.ts';
import type { Clock } from './dates.ts';
import type { Sealer } from './crypto/sealer.ts';
import { prepareOutbox } from './outbox.ts';

export class AuditLog {
  private signing: Promise<void> = Promise.resolve();
  private detached = new Set<Promise<void>>();
  /** Why the last head could not be signed (main unreachable, or a refused rollback), if it failed. */
  lastSignError: string | null = null;

  constructor(
    private readonly db: MailroomDb,
    private readonly signer: HeadSigner,
    readonly station: string,
    private readonly clock: Clock,
    /** For the outbox copy of the head; null when victim data (and so the outbox) is refused. */
    private readonly sealer: Sealer | null,
  ) {}

  draft(kind: AuditKind, actor: string | null, subject: string | null, details: AuditDetails = {}): AuditDraft {
    return { at: this.clock().toISOString(), kind, actor, subject, details };
  }

  /** Appends inside the caller's transaction (which must include the audit table), or in its own. */
  async append(...drafts: AuditDraft[]): Promise<AuditEvent[]> {
    const tx = Dexie.currentTransaction;
    const write = async () => {
      let last: AuditEvent | undefined = await this.db.audit.orderBy('seq').last();
      const written: AuditEvent[] = [];
      for (const d of drafts) {
        const event = chainAuditEvent(last ?? null, d);
        await this.db.audit.add(event);
        written.push(event);
        last = event;
      }
      return written;
    };
    if (tx && tx.storeNames.includes('audit')) return write();
    return this.db.transaction('rw', this.db.audit, write);
  }

  /** Appends and has the new head signed. */
  async record(...drafts: AuditDraft[]): Promise<void> {
    await this.append(...drafts);
    await this.signHead();
  }

  /**
   * Records from a read path (which may run inside a liveQuery, where writing is not allowed):
   * the write happens on a later task. `settled()` waits for it.
   */
  recordLater(draft: AuditDraft): void {
    const done: Promise<void> = new Promise<void>((resolve) => {
      setTimeout(() => {
        this.record(draft)
          .catch((e: unknown) => console.error('[records/audit] could not record', draft.kind, e instanceof Error ? e.name : ''))
          .finally(resolve);
      }, 0);
    }).finally(() => this.detached.delete(done));
    this.detached.add(done);
  }

  async settled(): Promise<void> {
    while (this.detached.size > 0) await Promise.all([...this.detached]);
    await this.signing;
  }

  /** Has the newest event's hash signed by main. Serialised; a failure is remembered, not thrown. */
  signHead(): Promise<void> {
    const run = async () => {
      const last = await this.db.audit.orderBy('seq').last();
      if (!last) return;
      const stored = await this.db.auditHeads.get(this.station);
      if (stored && stored.signed.head.seq >= last.seq) return;
      try {
        const signed = await this.signer.sign({ station: this.station, seq: last.seq, hash: last.hash, at: this.clock().toISOString() });
        await this.db.auditHeads.put({ station: this.station, signed });
        this.lastSignError = null;
        await this.queueHeadForCentre(signed);
      } catch (e) {
        this.lastSignError = e instanceof Error ? e.message : 'the head could not be signed';
      }
    };
    this.signing = this.signing.then(run, run);
    return this.signing;
  }

  /** Keeps one pending audit-head event in the outbox: the newest replaces an unsent older one. */
  private async queueHeadForCentre(signed: SignedAuditHead): Promise<void> {
    if (!this.sealer) return;
    const at = this.clock();
    const row = await prepareOutbox(
      this.sealer,
      { id: globalThis.crypto.randomUUID(), at: at.toISOString(), type: 'audit-head', seq: signed.head.seq, hash: signed.head.hash },
      at,
    );
    await this.db.transaction('rw', this.db.outbox, async () => {
      await this.db.outbox
        .where('[state+nextAttemptAt]')
        .between(['pending', ''], ['pending', '\uffff'])
        .filter((r) => r.kind === 'audit-head')
        .delete();
      await this.db.outbox.add(row);
    });
  }

  /** The newest signed head: the signer's own record, or this database's copy if the signer has none. */
  async signedHead(): Promise<SignedAuditHead | null> {
    const [fromSigner, local] = await Promise.all([this.signer.latest(), this.db.auditHeads.get(this.station)]);
    if (fromSigner && local) return local.signed.head.seq > fromSigner.head.seq ? local.signed : fromSigner;
    return fromSigner ?? local?.signed ?? null;
  }

  async verify(): Promise<{ readonly events: AuditEvent[]; readonly verification: AuditVerification }> {
    await this.settled();
    const events = await this.db.audit.orderBy('seq').toArray();
    const [signed, key] = await Promise.all([this.signedHead(), this.signer.publicKey().catch(() => null)]);
    return { events, verification: verifyAuditTrail(events, { station: this.station, signed, key }) };
  }

  async csv(): Promise<{ readonly csv: string; readonly verification: AuditVerification }> {
    const { events, verification } = await this.verify();
    return { csv: auditTrailCsv(events, verification, this.clock().toISOString()), verification };
  }

  /** Newest first, for the audit screen (liveQuery-friendly: Dexie reads only). */
  recent(limit: number): Promise<AuditEvent[]> {
    return this.db.audit.orderBy('seq').reverse().limit(limit).toArray();
  }
}
