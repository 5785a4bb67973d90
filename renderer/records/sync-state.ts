// What the sync keeps between runs beside its list state, sealed; and the audit of enrolments. The
// device token itself stays in main (sealed by its vault): it never reaches these records.
import { requireSealer, type RecordsContext } from './context.ts';

export interface SyncStateStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Audits an administrator's enrolment of the station with the central service, or its refusal
   * (server host, key id and outcome: never the token).
   */
  recordEnrolment(userId: string, details: Readonly<Record<string, string>>): Promise<void>;
}

export function createSyncStateStore(ctx: RecordsContext): SyncStateStore {
  const { db } = ctx;
  const context = (key: string) => `syncState/${key}`;
  return {
    async get(key) {
      const row = await db.syncState.get(key);
      return row ? requireSealer(ctx).openJson(row.sealed, context(key)) : undefined;
    },
    async put(key, value) {
      const sealed = await requireSealer(ctx).sealJson(value, context(key));
      await db.syncState.put({ key, updatedAt: ctx.clock().toISOString(), sealed });
    },
    async delete(key) {
      await db.syncState.delete(key);
    },
    async recordEnrolment(userId, details) {
      await ctx.audit.record(ctx.audit.draft(details['outcome'] === 'enrolled' ? 'settings-change' : 'failed-check', userId, 'sync-enrolment', { ...details }));
    },
  };
}
