// The list `match` and `screen` use with `--store`: the last verified list in the store, refused
// when there is none, when it cannot be decrypted, or when it is past its hard limit (never a CLEAR).
import { stat } from 'node:fs/promises';
import { BLOCKLIST_FORMAT, type Blocklist } from '../../shared/blocklist/format.ts';
import { assessFreshness, DEFAULT_FRESHNESS, type Freshness, type FreshnessPolicy } from '../../shared/sync-client/index.ts';
import { openFolderStore } from './folder-store.ts';
import { SealedFileError } from './sealed-file.ts';
import { StoreKeyError } from './store-key.ts';

export class StoreListError extends Error {
  override name = 'StoreListError';
}

export interface StoreList {
  readonly list: Blocklist;
  readonly freshness: Freshness;
}

export async function loadStoreList(
  dir: string,
  options: { env?: NodeJS.ProcessEnv; now?: number; policy?: FreshnessPolicy } = {},
): Promise<StoreList> {
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists) throw new StoreListError(`the store ${dir} does not exist: run \`mailroom sync --store ${dir} ...\` first`);
  let state;
  let entries;
  try {
    const store = await openFolderStore(dir, { create: false, ...(options.env ? { env: options.env } : {}) });
    state = store ? await store.readState() : null;
    entries = state?.list && store ? await store.readEntries() : null;
  } catch (e) {
    if (e instanceof SealedFileError || e instanceof StoreKeyError) throw new StoreListError(`the store ${dir} cannot be used: ${e.message}`);
    if (e instanceof SyntaxError) throw new StoreListError(`the store ${dir} cannot be used: its list does not parse`);
    throw e;
  }
  if (!state?.list || !entries) throw new StoreListError(`the store ${dir} holds no verified list yet: run \`mailroom sync\` until it completes`);
  const freshness = assessFreshness(state.list, options.now ?? Date.now(), options.policy ?? DEFAULT_FRESHNESS);
  if (freshness.level === 'expired') {
    throw new StoreListError(`the store ${dir} cannot be screened with: ${freshness.message ?? 'the list is expired'}`);
  }
  return {
    list: { format: BLOCKLIST_FORMAT, version: state.list.version, generatedAt: state.list.currentAsOf, entries: [...entries] },
    freshness,
  };
}
