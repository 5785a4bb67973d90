// The sync controller's status as React state, for the banner and the administrator's screen.
import { useSyncExternalStore } from 'react';
import type { SyncController, SyncStatus } from './sync-controller.ts';

export function useSyncStatus(sync: SyncController): SyncStatus {
  return useSyncExternalStore(
    (onChange) => sync.subscribe(onChange),
    () => sync.status(),
  );
}
