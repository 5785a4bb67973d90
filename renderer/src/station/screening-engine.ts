// The station's screening engine: the list the records hold and the remembered releases, loaded
// into the worker; loaded again whenever either changes (an import, a remembered release).
import type { OpenedRecords } from '../../records/index.ts';
import { ScreeningClient } from '../screening/client.ts';

export type EngineState =
  | { readonly kind: 'loading' }
  | {
      readonly kind: 'ready';
      readonly listVersion: number;
      readonly matcher: string;
      readonly entries: number;
      /** The list's time (the server's signed time when it has one), for the hard age limit. */
      readonly listTime: string | null;
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * `serviceListOnly`: the station is enrolled with the central service (main hands it no list), so
 * only a list verified by the sync screens; a list held from before (the demo list, a file) never does.
 */
export async function loadEngine(client: ScreeningClient, opened: OpenedRecords, serviceListOnly: boolean): Promise<EngineState> {
  if (opened.records.storageRefusal !== null) return { kind: 'unavailable', reason: `victim data is not stored on this PC: ${opened.records.storageRefusal}` };
  const system = opened.system('screening');
  if (serviceListOnly && (await system.syncStore.readState()).list === null) {
    return { kind: 'unavailable', reason: 'no verified list from the central service yet: hold every letter until the station has synced (air-gapped: until an administrator imports the signed snapshot file)' };
  }
  const list = await system.blocklist.entriesForEngine();
  if (!list) return { kind: 'unavailable', reason: 'no blocklist is installed' };
  const remembered = await system.releases.forEngine();
  const loaded = await client.load(list, remembered);
  const status = await opened.records.blocklist.status();
  const listTime = status?.signature?.signedAt ?? status?.generatedAt ?? list.generatedAt ?? null;
  return { kind: 'ready', listVersion: list.version, matcher: loaded.matcher, entries: loaded.entries, listTime };
}
