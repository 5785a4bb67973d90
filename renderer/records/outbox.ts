// Events waiting to go to the central service, already in the protocol's shape (shared/sync
// events: letter-held, decision, audit-head). A row is written in the same transaction as the
// record it reports, so nothing is lost if the app closes or the network drops; the sync takes due
// rows, posts them, and marks them sent or retries later.
import { mailroomEventSchema, type MailroomEvent } from '../../shared/sync/events.ts';
import { requireSealer, type RecordsContext } from './context.ts';
import { RecordsError, describeIssues } from './errors.ts';
import type { Sealer } from './crypto/sealer.ts';
import type { OutboxRow } from './db/rows.ts';

export interface OutboxItem {
  readonly id: number;
  readonly createdAt: string;
  readonly attempts: number;
  readonly event: MailroomEvent;
}

/**
 * Validates and seals an event before a transaction (WebCrypto cannot be awaited inside one);
 * the caller adds the row inside. The event's id makes a resend a duplicate, not a second event.
 */
export async function prepareOutbox(sealer: Sealer, event: MailroomEvent, at: Date): Promise<OutboxRow> {
  const parsed = mailroomEventSchema.safeParse(event);
  if (!parsed.success) throw new RecordsError('invalid', `outbox ${event.type} event: ${describeIssues(parsed.error.issues)}`);
  const iso = at.toISOString();
  const kind = parsed.data.type;
  return {
    kind,
    state: 'pending',
    createdAt: iso,
    nextAttemptAt: iso,
    attempts: 0,
    lastError: null,
    sentAt: null,
    // The context cannot name the row id (it is assigned on add); the kind and time bind it instead.
    sealed: await sealer.sealJson(parsed.data, `outbox/${kind}/${iso}`),
  };
}

export interface OutboxSystem {
  /** Rows due now, oldest first. */
  due(limit?: number): Promise<OutboxItem[]>;
  markSent(ids: readonly number[]): Promise<void>;
  /** Retries later with a back-off the caller chose; the error is stored as given (no payload values). */
  markFailed(id: number, error: string, retryAt: Date): Promise<void>;
  pendingCount(): Promise<number>;
}

export function createOutboxSystem(ctx: RecordsContext): OutboxSystem {
  const { db } = ctx;
  return {
    async due(limit = 100) {
      const sealer = requireSealer(ctx);
      const rows = await db.outbox
        .where('[state+nextAttemptAt]')
        .between(['pending', ''], ['pending', ctx.clock().toISOString()], true, true)
        .limit(limit)
        .toArray();
      return Promise.all(
        rows.map(async (r) => ({
          id: r.id ?? 0,
          createdAt: r.createdAt,
          attempts: r.attempts,
          event: (await sealer.openJson(r.sealed, `outbox/${r.kind}/${r.createdAt}`)) as MailroomEvent,
        })),
      );
    },
    async markSent(ids) {
      const at = ctx.clock().toISOString();
      await db.outbox.where('id').anyOf([...ids]).modify({ state: 'sent', sentAt: at });
    },
    async markFailed(id, error, retryAt) {
      await db.outbox.where('id').equals(id).modify((row: OutboxRow & { attempts: number; lastError: string | null; nextAttemptAt: string }) => {
        row.attempts += 1;
        row.lastError = error.slice(0, 200);
        row.nextAttemptAt = retryAt.toISOString();
      });
    },
    pendingCount: () => db.outbox.where('[state+nextAttemptAt]').between(['pending', ''], ['pending', '\uffff']).count(),
  };
}
