// The CLI's sync store: a folder holding the list encrypted at rest, log-structured so a change page
// costs a write the size of the page, not of the list. A sealed manifest names the list's state and
// its segment files (a snapshot's pages, then change pages in order); writing the manifest (temp +
// rename) is the one commit point, so a page and its version land together or not at all. Snapshots
// are staged beside the live list and become its segments by renaming the staging folder.
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import type { Change } from '../../shared/sync/index.ts';
import type { ListState, SnapshotStaging, SyncState, SyncStore } from '../../shared/sync-client/index.ts';
import { readSealed, SealedFileError, writeSealed } from './sealed-file.ts';
import { loadStoreKey } from './store-key.ts';

interface Segment {
  /** Relative to the store folder. */
  readonly file: string;
  /** The associated data it was sealed with. */
  readonly role: string;
  readonly kind: 'entries' | 'changes';
}

interface Manifest {
  readonly format: 'mailroom-store/v1';
  readonly generation: number;
  readonly list: ListState;
  readonly segments: readonly Segment[];
}

export interface FolderStore extends SyncStore {
  readonly dir: string;
}

const MANIFEST = 'manifest.mrs';
const STAGING = 'staging';
const STAGING_STATE = 'state.mrs';
/** Past this many change segments the list is rewritten as one, so loading stays quick. */
const COMPACT_AFTER = 32;
const pageName = (n: number) => `page-${String(n).padStart(6, '0')}.mrs`;
const pageRole = (version: number, n: number) => `staging-page|${version}|${n}`;
const genDir = (g: number) => `gen-${String(g).padStart(6, '0')}`;

/** Opens (creating when asked) the store folder and its key; null when reading a store never written. */
export async function openFolderStore(dir: string, options: { create: boolean; env?: NodeJS.ProcessEnv } = { create: true }): Promise<FolderStore | null> {
  const root = path.resolve(dir);
  const key = await loadStoreKey(root, options);
  if (!key) return null;
  if (options.create) await mkdir(root, { recursive: true, mode: 0o700 });
  const at = (rel: string) => path.join(root, rel);
  const stagingDir = at(STAGING);
  const stagingFile = path.join(stagingDir, STAGING_STATE);

  let manifest: Manifest | null | undefined;
  const readManifest = async (): Promise<Manifest | null> => {
    if (manifest === undefined) manifest = await readSealed<Manifest>(at(MANIFEST), key, 'manifest');
    return manifest;
  };
  const writeManifest = async (next: Manifest): Promise<void> => {
    await writeSealed(at(MANIFEST), key, 'manifest', next);
    manifest = next;
  };

  // The live entries, built on first use from the segments and kept in step with each write.
  let entries: Map<string, BlockEntry> | null = null;
  const readSegment = async <T>(s: Segment): Promise<T> => {
    const value = await readSealed<T>(at(s.file), key, s.role);
    if (value === null) throw new SealedFileError(`${s.file} is missing from the store`);
    return value;
  };
  const live = async (): Promise<Map<string, BlockEntry>> => {
    if (entries) return entries;
    const m = await readManifest();
    const map = new Map<string, BlockEntry>();
    for (const s of m?.segments ?? []) {
      if (s.kind === 'entries') for (const e of await readSegment<BlockEntry[]>(s)) map.set(e.id, e);
      else applyTo(map, await readSegment<Change[]>(s));
    }
    entries = map;
    return map;
  };

  let staged: { version: number; pages: number; entries: BlockEntry[] } | null = null;

  /** Removes generations the manifest no longer names (left by a crash or a replaced list). */
  const sweep = async (): Promise<void> => {
    const m = await readManifest();
    const keep = new Set((m?.segments ?? []).map((s) => s.file.split('/')[0]));
    for (const name of await readdir(root).catch(() => [] as string[])) {
      if (name.startsWith('gen-') && !keep.has(name)) await rm(at(name), { recursive: true, force: true });
    }
  };

  const compact = async (list: ListState, map: Map<string, BlockEntry>): Promise<void> => {
    const m = await readManifest();
    const generation = (m?.generation ?? 0) + 1;
    const dirName = genDir(generation);
    await mkdir(at(dirName), { recursive: true, mode: 0o700 });
    const segment: Segment = { file: `${dirName}/base.mrs`, role: `base|${generation}`, kind: 'entries' };
    await writeSealed(at(segment.file), key, segment.role, [...map.values()]);
    await writeManifest({ format: 'mailroom-store/v1', generation, list, segments: [segment] });
    await sweep();
  };

  const store: FolderStore = {
    dir: root,
    async readState(): Promise<SyncState> {
      const m = await readManifest();
      const staging = await readSealed<SnapshotStaging>(stagingFile, key, 'staging');
      return { list: m?.list ?? null, staging };
    },
    readEntries: async () => [...(await live()).values()],
    countEntries: async () => (await live()).size,
    async applyChanges(changes: readonly Change[], next: ListState) {
      const m = await readManifest();
      if (!m) throw new Error('no list to apply changes to');
      const after = entries ? applyTo(new Map(entries), changes) : null;
      const deltas = m.segments.filter((s) => s.kind === 'changes').length;
      if (changes.length === 0) {
        await writeManifest({ ...m, list: next });
      } else if (deltas >= COMPACT_AFTER) {
        await compact(next, after ?? applyTo(new Map(await live()), changes));
        entries = after ?? entries;
        return;
      } else {
        const dirName = m.segments[0]?.file.split('/')[0] ?? genDir(m.generation);
        const segment: Segment = { file: `${dirName}/delta-${String(next.version).padStart(12, '0')}.mrs`, role: `delta|${m.generation}|${next.version}`, kind: 'changes' };
        await mkdir(at(dirName), { recursive: true, mode: 0o700 });
        await writeSealed(at(segment.file), key, segment.role, changes);
        await writeManifest({ ...m, list: next, segments: [...m.segments, segment] });
      }
      if (after) entries = after;
    },
    async saveListState(next) {
      const m = await readManifest();
      if (!m) throw new Error('no list to record a state for');
      await writeManifest({ ...m, list: next });
    },
    async stageSnapshotPage(staging, pageEntries) {
      const n = staging.nextPage - 1;
      await mkdir(stagingDir, { recursive: true, mode: 0o700 });
      await writeSealed(path.join(stagingDir, pageName(n)), key, pageRole(staging.version, n), pageEntries);
      await writeSealed(stagingFile, key, 'staging', staging);
      // Kept from this process's staging, so the commit need not decrypt it all again.
      if (n === 0) staged = { version: staging.version, pages: 1, entries: [...pageEntries] };
      else if (staged && staged.version === staging.version && staged.pages === n) {
        for (const e of pageEntries) staged.entries.push(e);
        staged.pages = n + 1;
      } else staged = null;
    },
    async readStagedEntries() {
      const staging = await readSealed<SnapshotStaging>(stagingFile, key, 'staging');
      if (!staging) return [];
      if (staged && staged.version === staging.version && staged.pages === staging.nextPage) return staged.entries;
      const all: BlockEntry[] = [];
      for (let n = 0; n < staging.nextPage; n++) {
        const page = await readSealed<BlockEntry[]>(path.join(stagingDir, pageName(n)), key, pageRole(staging.version, n));
        if (!page) throw new SealedFileError(`staged page ${n} is missing from the store`);
        for (const e of page) all.push(e);
      }
      staged = { version: staging.version, pages: staging.nextPage, entries: all };
      return all;
    },
    async commitSnapshot(next) {
      const staging = await readSealed<SnapshotStaging>(stagingFile, key, 'staging');
      if (!staging) throw new Error('no staged snapshot to commit');
      const stagedEntries = await store.readStagedEntries();
      const m = await readManifest();
      const generation = (m?.generation ?? 0) + 1;
      const dirName = genDir(generation);
      // The staged pages become the list's segments as they are: one rename, then the manifest.
      await rm(at(dirName), { recursive: true, force: true });
      await rename(stagingDir, at(dirName));
      const segments: Segment[] = Array.from({ length: staging.nextPage }, (_, n) => ({ file: `${dirName}/${pageName(n)}`, role: pageRole(staging.version, n), kind: 'entries' }));
      await writeManifest({ format: 'mailroom-store/v1', generation, list: next, segments });
      entries = new Map(stagedEntries.map((e) => [e.id, e]));
      staged = null;
      await rm(path.join(at(dirName), STAGING_STATE), { force: true });
      await sweep();
    },
    async discardStaging() {
      staged = null;
      await rm(stagingDir, { recursive: true, force: true });
    },
  };
  if (options.create) await sweep();
  return store;
}

function applyTo(map: Map<string, BlockEntry>, changes: readonly Change[]): Map<string, BlockEntry> {
  for (const c of changes) {
    if (c.op === 'upsert') map.set(c.entry.id, c.entry);
    else map.delete(c.id);
  }
  return map;
}
