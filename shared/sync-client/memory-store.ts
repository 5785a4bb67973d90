// The storage ports held in memory: for tests, and the reference a persistent store (Dexie, a
// folder) must behave like. Each write builds the next state aside and swaps it in, so a write
// that throws leaves the store as it was.
import type { BlockEntry } from '../blocklist/format.ts';
import type { Change, MailroomEvent } from '../sync/index.ts';
import type { ListState, OutboxItem, OutboxStore, SnapshotStaging, SyncState, SyncStore } from './ports.ts';

export interface MemorySyncStore extends SyncStore {
  /** Makes the next write throw before anything changes (to test interrupted writes). */
  failNextWrite(): void;
}

export function createMemorySyncStore(): MemorySyncStore {
  let list: ListState | null = null;
  let entries = new Map<string, BlockEntry>();
  let staging: SnapshotStaging | null = null;
  let staged: BlockEntry[] = [];
  let failNext = false;
  const write = (): void => {
    if (failNext) {
      failNext = false;
      throw new Error('simulated storage failure');
    }
  };
  return {
    failNextWrite: () => {
      failNext = true;
    },
    readState: async (): Promise<SyncState> => ({ list, staging }),
    readEntries: async () => [...entries.values()],
    countEntries: async () => entries.size,
    async applyChanges(changes: readonly Change[], next: ListState) {
      write();
      const after = new Map(entries);
      for (const c of changes) {
        if (c.op === 'upsert') after.set(c.entry.id, c.entry);
        else after.delete(c.id);
      }
      entries = after;
      list = next;
    },
    async saveListState(next) {
      write();
      list = next;
    },
    async stageSnapshotPage(next, pageEntries) {
      write();
      staged = [...staged.slice(0, next.stagedCount - pageEntries.length), ...pageEntries];
      staging = next;
    },
    readStagedEntries: async () => staged,
    async commitSnapshot(next) {
      write();
      entries = new Map(staged.map((e) => [e.id, e]));
      list = next;
      staging = null;
      staged = [];
    },
    async discardStaging() {
      staging = null;
      staged = [];
    },
  };
}

export function createMemoryOutbox(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    async add(events: readonly MailroomEvent[]) {
      for (const event of events) if (!items.has(event.id)) items.set(event.id, { event, attempts: 0, notBefore: 0, lastError: null });
    },
    due: async (now, limit) => [...items.values()].filter((i) => i.notBefore <= now).slice(0, limit),
    async remove(ids) {
      for (const id of ids) items.delete(id);
    },
    async defer(ids, notBefore, error) {
      for (const id of ids) {
        const item = items.get(id);
        if (item) items.set(id, { ...item, attempts: item.attempts + 1, notBefore, lastError: error });
      }
    },
    count: async () => items.size,
  };
}
