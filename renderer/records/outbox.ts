// Events waiting to go to the central service, in the protocol's shape (shared/sync events:
// letter-held, decision, audit-head), behind the sync engine's OutboxStore port. A row is written
// in the same transaction as the record it reports, so nothing is lost if the app closes or the
// network drops; the sync posts due events, removes the confirmed ones and defers the rest.
import { mailroomEventSchema, type MailroomEvent } from '../../shared/sync/events.ts';
import type { OutboxItem, OutboxStore } from '../../shared/sync-client/ports.ts';
import { requireSealer, type RecordsContext } from './context.ts';
import { RecordsError, describeIssues } from './errors.ts';
import type { Sealer } from './crypto/sealer.ts';
import type { OutboxRow } from './db/rows.ts';

const outboxContext = (eventId: string) => `outbox/${eventId}`;

/**
 * Validates and seals an event before a transaction (WebCrypto cannot be awaited inside one);
 * the caller adds the row inside. The event's id makes a resend a duplicate, not a second event.
 */
export async function prepareOutbox(sealer: Sealer, event: MailroomEvent, at: Date): Promise<OutboxRow> {
  const parsed = mailroomEventSchema.safeParse(event);
  if (!parsed.success) throw new RecordsError('invalid', `outbox ${event.type} event: ${describeIssues(parsed.error.issues)}`);
  const iso = at.toISOString();
  return {
    eventId: parsed.data.id,
    kind: parsed.data.type,
    state: 'pending',
    createdAt: iso,
    nextAttemptAt: iso,
    attempts: 0,
    lastError: null,
    sentAt: null,
    sealed: await sealer.sealJson(parsed.data, outboxContext(parsed.data.id)),
  };
}

const pending = (db: RecordsContext['db'], untilIso = '\uffff') =>
  db.outbox.where('[state+nextAttemptAt]').between(['pending', ''], ['pending', untilIso], true, true);

export function createOutboxStore(ctx: RecordsContext): OutboxStore {
  const { db } = ctx;
  return {
    async add(events) {
      const sealer = requireSealer(ctx);
      const rows = await Promise.all(events.map((e) => prepareOutbox(sealer, e, ctx.clock())));
      await db.transaction('rw', db.outbox, async () => {
        for (const row of rows) if ((await db.outbox.where('eventId').equals(row.eventId).count()) === 0) await db.outbox.add(row);
      });
    },

    async due(now, limit) {
      const sealer = requireSealer(ctx);
      const rows = await pending(db, new Date(now).toISOString()).limit(limit).toArray();
      return Promise.all(
        rows.map(
          async (r): Promise<OutboxItem> => ({
            event: (await sealer.openJson(r.sealed, outboxContext(r.eventId))) as MailroomEvent,
            attempts: r.attempts,
            notBefore: Date.parse(r.nextAttemptAt),
            lastError: r.lastError,
          }),
        ),
      );
    },

    async remove(ids) {
      await db.outbox.where('eventId').anyOf([...ids]).delete();
    },

    async defer(ids, notBefore, error) {
      await db.outbox
        .where('eventId')
        .anyOf([...ids])
        .modify((row: { attempts: number; lastError: string | null; nextAttemptAt: string }) => {
          row.attempts += 1;
          row.lastError = error.slice(0, 200);
          row.nextAttemptAt = new Date(notBefore).toISOString();
        });
    },

    count: () => pending(db).count(),
  };
}
