// `mailroom sync`: brings a store folder up to the service's list (or an air-gapped snapshot file),
// verifying every page against the pinned server key. Exit 0 when the store is current; 1 with a
// message when anything was refused or failed, the store keeping the list it had.
import { readFile } from 'node:fs/promises';
import { createSyncEngine, systemClock, type SyncOutcome } from '../../shared/sync-client/index.ts';
import { parseServerKey } from '../../shared/sync/index.ts';
import { openFolderStore } from '../sync/folder-store.ts';
import { createHttpFeed, parseServerAddress } from '../sync/http-feed.ts';
import { createNodeListDigest } from '../sync/node-digest.ts';
import { createNodePageVerifier } from '../sync/node-page-verifier.ts';
import { lockStore, StoreBusyError } from '../sync/store-lock.ts';
import { StoreKeyError } from '../sync/store-key.ts';
import { EXIT_OK, UsageError, parseCommandArgs } from './options.ts';

export const EXIT_SYNC_FAILED = 1;
export const TOKEN_ENV = 'MAILROOM_DEVICE_TOKEN';

function positiveNumber(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number`);
  return n;
}

function report(outcome: SyncOutcome, entries: number): number {
  if (outcome.ok) {
    const f = outcome.freshness;
    process.stderr.write(`mailroom: store is current: list version ${outcome.version}, ${entries} entries, confirmed by the service at ${f.currentAsOf ?? 'unknown'}\n`);
    if (f.message) process.stderr.write(`mailroom: warning: ${f.message}\n`);
    process.stdout.write(`${JSON.stringify({
      status: 'current', version: outcome.version, entries, currentAsOf: f.currentAsOf, freshness: f.level,
      pagesApplied: outcome.pagesApplied, snapshot: outcome.snapshot, reconciled: outcome.reconciled,
      ...(f.clockSkewMs !== null ? { clockSkewMs: f.clockSkewMs } : {}),
    })}\n`);
    return EXIT_OK;
  }
  const { error } = outcome;
  const kept = outcome.version === null ? 'the store still holds no list' : `the store keeps list version ${outcome.version}`;
  process.stderr.write(`mailroom: sync ${error.refusal ? 'refused' : 'failed'} (${error.code}): ${error.message}\nmailroom: ${kept}\n`);
  process.stdout.write(`${JSON.stringify({ status: error.refusal ? 'refused' : 'failed', code: error.code, version: outcome.version })}\n`);
  return EXIT_SYNC_FAILED;
}

export async function runSync(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    server: { type: 'string' },
    token: { type: 'string' },
    'server-key': { type: 'string' },
    store: { type: 'string' },
    'from-file': { type: 'string' },
    reconcile: { type: 'boolean', default: false },
    'timeout-seconds': { type: 'string' },
    'max-page-mb': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] ?? ''}"`);
  if (!values.store) throw new UsageError('--store DIR is required');
  if (!values['server-key']) throw new UsageError('--server-key KEY (base64, as given at enrolment) is required');
  if (!parseServerKey(values['server-key'])) throw new UsageError('--server-key must be base64 of 32 bytes, as given at enrolment');
  const fromFile = values['from-file'];
  const token = values.token ?? process.env[TOKEN_ENV];
  if (fromFile !== undefined && (values.server !== undefined || values.token !== undefined)) {
    throw new UsageError('--from-file replaces --server and --token: give one or the other');
  }
  if (fromFile === undefined && (!values.server || !token)) {
    throw new UsageError(`give --server URL and --token T (or ${TOKEN_ENV}), or --from-file FILE`);
  }
  if (values.server) {
    try {
      parseServerAddress(values.server);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const timeoutMs = positiveNumber(values['timeout-seconds'], '--timeout-seconds', 30) * 1000;
  const maxPageBytes = Math.round(positiveNumber(values['max-page-mb'], '--max-page-mb', 16) * 1024 * 1024);

  let file: unknown;
  if (fromFile !== undefined) {
    let text: string;
    try {
      text = await readFile(fromFile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${fromFile}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    try {
      file = JSON.parse(text);
    } catch {
      file = null; // refused below like any other file that is not a snapshot file
    }
  }

  let store;
  try {
    store = (await openFolderStore(values.store, { create: true }))!;
  } catch (e) {
    if (e instanceof StoreKeyError) throw new UsageError(e.message);
    throw e;
  }
  let unlock: () => Promise<void>;
  try {
    unlock = await lockStore(store.dir);
  } catch (e) {
    if (e instanceof StoreBusyError) {
      process.stderr.write(`mailroom: ${e.message}; try again when it has finished\n`);
      return EXIT_SYNC_FAILED;
    }
    throw e;
  }
  try {
    const engine = createSyncEngine({
      store,
      ...(values.server && token ? { http: createHttpFeed({ server: values.server, token }) } : {}),
      clock: systemClock,
      config: { serverKey: values['server-key'], timeoutMs, maxPageBytes },
      createDigest: createNodeListDigest,
      verifier: createNodePageVerifier(),
    });
    const outcome = file !== undefined ? await engine.importSnapshotFile(file) : await engine.sync({ reconcile: values.reconcile ? 'now' : 'if-due' });
    return report(outcome, await store.countEntries());
  } finally {
    await unlock();
  }
}
