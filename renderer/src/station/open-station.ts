// Opens this station's records over main's keys and brings the list main holds into them, so
// that the screening engine always screens with the list the records hold (and the banner says which).
import type { AppInfo, CurrentList } from '../../../shared/ipc/contract.ts';
import { openRecords, type OpenedRecords } from '../../records/index.ts';
import { mainHeadSigner, mainKeyProvider } from './main-ports.ts';
import { POSITIVE_CONTROL_DATABASE, positiveControlRequested } from './positive-control.ts';

export interface OpenedStation {
  readonly opened: OpenedRecords;
  readonly positiveControl: boolean;
}

export async function openStation(info: AppInfo, current: CurrentList): Promise<OpenedStation> {
  const positiveControl = positiveControlRequested(info, window.location.search);
  const opened = await openRecords({
    station: info.station,
    keys: mainKeyProvider,
    headSigner: mainHeadSigner,
    demo: info.demoMode,
    ...(positiveControl ? { encryption: 'off-positive-control' as const, databaseName: POSITIVE_CONTROL_DATABASE } : {}),
  });
  if (opened.records.storageRefusal === null) {
    const startup = opened.system('startup');
    const synced = (await startup.syncStore.readState()).list !== null;
    const held = await opened.records.blocklist.status();
    // Main's list replaces the one held only when it is newer, and never a list synced from the
    // central service: an enrolled station takes its list from the service alone.
    // An enrolled station gets no list from main (current.list is null).
    if (current.list && !synced && (!held || held.version < current.list.version)) {
      await startup.blocklist.replace(current.list, { source: 'file', signature: null });
    }
  }
  return { opened, positiveControl };
}
