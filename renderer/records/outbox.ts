// Events waiting to go to the central service (holds, decisions, the audit head). A row is written
// in the same transaction as the record it reports, so nothing is lost if the app closes or the
// network drops; the sync takes pending rows, sends them, and marks them sent or retries later.
import { requireSealer, type RecordsContext } from './context.ts';
import type { Sealer } from './crypto/sealer.ts';
import type { OutboxKind, OutboxRow } from './db/rows.ts';

export type OutboxPayload = Readonly<Record<string, unknown>>;

export interface OutboxItem {
  readonly id: number;
  readonly kind: OutboxKind;
  readonly createdAt: string;
  readonly attempts: number;
  readonly payload: OutboxPayload;
}

/** Seals a row before a transaction (WebCrypto cannot be awaited inside one); add it inside. */
export async function prepareOutbox(sealer: Sealer, kind: OutboxKind, payload: OutboxPayload, at: Date): Promise<OutboxRow> {
  const iso = at.toISOString();
  return {
    kind,
    state: 'pending',
    createdAt: iso,
    nextAttemptAt: iso,
    attempts: 0,
    lastError: null,
    sentAt: null,
    // The context cannot name the row id (it is assigned on add); the kind and time bind it instead.
    sealed: await sealer.sealJson(payload, `outbox/${kind}/${iso}`),
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
          kind: r.kind,
          createdAt: r.createdAt,
          attempts: r.attempts,
          payload: (await sealer.openJson(r.sealed, `outbox/${r.kind}/${r.createdAt}`)) as OutboxPayload,
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
