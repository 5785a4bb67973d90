// The CLI's sync store: a folder holding the list encrypted at rest. The live list is one sealed
// file replaced whole (temp + rename), so a change page and its version land together or not at
// all; a snapshot is staged page by page beside it and swapped in with one rename.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import type { Change } from '../../shared/sync/index.ts';
import type { ListState, SnapshotStaging, SyncState, SyncStore } from '../../shared/sync-client/index.ts';
import { readSealed, writeSealed } from './sealed-file.ts';
import { loadStoreKey } from './store-key.ts';

interface ListFile {
  readonly list: ListState;
  readonly entries: readonly BlockEntry[];
}

export interface FolderStore extends SyncStore {
  readonly dir: string;
}

const LIST = 'list.mrs';
const STAGING = 'staging';
const pageName = (n: number) => `page-${String(n).padStart(6, '0')}.mrs`;
const pageRole = (version: number, n: number) => `staging-page|${version}|${n}`;

/** Opens (creating when asked) the store folder and its key; null when reading a store never written. */
export async function openFolderStore(dir: string, options: { create: boolean; env?: NodeJS.ProcessEnv } = { create: true }): Promise<FolderStore | null> {
  const root = path.resolve(dir);
  const key = await loadStoreKey(root, options);
  if (!key) return null;
  if (options.create) await mkdir(path.join(root, STAGING), { recursive: true, mode: 0o700 });
  const listFile = path.join(root, LIST);
  const stagingDir = path.join(root, STAGING);
  const stagingFile = path.join(stagingDir, 'state.mrs');

  // The live list, read once and replaced only after a write succeeds.
  let cache: { list: ListState | null; entries: Map<string, BlockEntry> } | null = null;
  const live = async () => {
    if (!cache) {
      const file = await readSealed<ListFile>(listFile, key, 'list');
      cache = { list: file?.list ?? null, entries: new Map((file?.entries ?? []).map((e) => [e.id, e])) };
    }
    return cache;
  };
  const writeLive = async (list: ListState, entries: Map<string, BlockEntry>): Promise<void> => {
    await writeSealed(listFile, key, 'list', { list, entries: [...entries.values()] } satisfies ListFile);
    cache = { list, entries };
  };
  let stagedCache: { version: number; pages: number; entries: BlockEntry[] } | null = null;

  const store: FolderStore = {
    dir: root,
    async readState(): Promise<SyncState> {
      const { list } = await live();
      const staging = await readSealed<SnapshotStaging>(stagingFile, key, 'staging');
      return { list, staging };
    },
    readEntries: async () => [...(await live()).entries.values()],
    countEntries: async () => (await live()).entries.size,
    async applyChanges(changes: readonly Change[], next: ListState) {
      const after = new Map((await live()).entries);
      for (const c of changes) {
        if (c.op === 'upsert') after.set(c.entry.id, c.entry);
        else after.delete(c.id);
      }
      await writeLive(next, after);
    },
    async saveListState(next) {
      await writeLive(next, (await live()).entries);
    },
    async stageSnapshotPage(staging, entries) {
      const n = staging.nextPage - 1;
      await mkdir(stagingDir, { recursive: true, mode: 0o700 });
      await writeSealed(path.join(stagingDir, pageName(n)), key, pageRole(staging.version, n), entries);
      await writeSealed(stagingFile, key, 'staging', staging);
      // Keep what was staged in this process, so the commit need not decrypt it all again.
      if (n === 0) stagedCache = { version: staging.version, pages: 1, entries: [...entries] };
      else if (stagedCache && stagedCache.version === staging.version && stagedCache.pages === n) {
        for (const e of entries) stagedCache.entries.push(e);
        stagedCache.pages = n + 1;
      } else stagedCache = null;
    },
    async readStagedEntries() {
      const staging = await readSealed<SnapshotStaging>(stagingFile, key, 'staging');
      if (!staging) return [];
      if (stagedCache && stagedCache.version === staging.version && stagedCache.pages === staging.nextPage) return stagedCache.entries;
      const entries: BlockEntry[] = [];
      for (let n = 0; n < staging.nextPage; n++) {
        const page = await readSealed<BlockEntry[]>(path.join(stagingDir, pageName(n)), key, pageRole(staging.version, n));
        if (!page) throw new Error(`staged page ${n} is missing`);
        entries.push(...page);
      }
      stagedCache = { version: staging.version, pages: staging.nextPage, entries };
      return entries;
    },
    async commitSnapshot(next) {
      const entries = await store.readStagedEntries();
      await writeLive(next, new Map(entries.map((e) => [e.id, e])));
      await store.discardStaging();
    },
    async discardStaging() {
      stagedCache = null;
      await rm(stagingDir, { recursive: true, force: true });
      await mkdir(stagingDir, { recursive: true, mode: 0o700 });
    },
  };
  return store;
}
