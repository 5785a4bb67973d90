// Starts the station once per window (React's strict mode runs effects twice; two openings of the
// records at once would race on the demo accounts and the list): main's info and list, the
// records, and the screening worker.
import type { AppInfo, CurrentList } from '../../../shared/ipc/contract.ts';
import type { OpenedRecords } from '../../records/index.ts';
import { mailroom } from '../platform/bridge.ts';
import { ScreeningClient } from '../screening/client.ts';
import { openStation } from './open-station.ts';
import { systemClock, systemTimers } from '../../../shared/sync-client/index.ts';
import { createSyncController, type SyncController } from '../sync/sync-controller.ts';
import { createSyncWorker } from '../sync/sync-worker-client.ts';

export interface StartedStation {
  readonly info: AppInfo;
  readonly mainList: CurrentList;
  readonly opened: OpenedRecords;
  readonly positiveControl: boolean;
  readonly engine: ScreeningClient;
  /** Built here, started by the App once it can reload the screening engine after a list change. */
  readonly sync: SyncController;
}

let started: Promise<StartedStation> | null = null;

export function startStation(): Promise<StartedStation> {
  started ??= (async () => {
    const [info, mainList] = await Promise.all([mailroom().app.info(), mailroom().blocklist.current()]);
    const { opened, positiveControl } = await openStation(info, mainList);
    const worker = createSyncWorker();
    const sync = createSyncController({
      api: mailroom(),
      records: opened.records,
      system: opened.system('sync'),
      clock: systemClock,
      timers: systemTimers,
      verifier: worker.verifier,
      recheck: (change, letters, now, hours) => worker.recheck(change, letters, now, hours),
      online: (listener) => {
        window.addEventListener('online', listener);
        return () => window.removeEventListener('online', listener);
      },
    });
    return { info, mainList, opened, positiveControl, engine: new ScreeningClient(), sync };
  })();
  return started;
}
