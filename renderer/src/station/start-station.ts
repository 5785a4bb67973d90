// Starts the station once per window (React's strict mode runs effects twice; two openings of the
// records at once would race on the demo accounts and the list): main's info and list, the
// records, and the screening worker.
import type { AppInfo, CurrentList } from '../../../shared/ipc/contract.ts';
import type { OpenedRecords } from '../../records/index.ts';
import { mailroom } from '../platform/bridge.ts';
import { ScreeningClient } from '../screening/client.ts';
import { openStation } from './open-station.ts';

export interface StartedStation {
  readonly info: AppInfo;
  readonly mainList: CurrentList;
  readonly opened: OpenedRecords;
  readonly positiveControl: boolean;
  readonly engine: ScreeningClient;
}

let started: Promise<StartedStation> | null = null;

export function startStation(): Promise<StartedStation> {
  started ??= (async () => {
    const [info, mainList] = await Promise.all([mailroom().app.info(), mailroom().blocklist.current()]);
    const { opened, positiveControl } = await openStation(info, mainList);
    return { info, mainList, opened, positiveControl, engine: new ScreeningClient() };
  })();
  return started;
}
