// What the sync keeps between runs: its enrolment (server address, device token, pinned server
// key), the key chain it has followed, its progress. Sealed, because the token is a secret.
import { requireSealer, type RecordsContext } from './context.ts';

export interface SyncStateStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
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
  };
}
