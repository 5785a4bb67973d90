// What every screen of a signed-in station needs, passed down once: the records, the engine, the
// list main holds, and the signed-in user (a Session the records layer issued and checks).
import { createContext, useContext } from 'react';
import type { AppInfo, CurrentList } from '../../../shared/ipc/contract.ts';
import type { OpenedRecords, Records, Session } from '../../records/index.ts';
import type { ScreeningClient } from '../screening/client.ts';
import type { EngineState } from './screening-engine.ts';
import type { SyncController } from '../sync/sync-controller.ts';

export interface Station {
  readonly info: AppInfo;
  readonly mainList: CurrentList;
  readonly opened: OpenedRecords;
  readonly records: Records;
  readonly positiveControl: boolean;
  readonly engine: ScreeningClient;
  /** The list's sync with the central service (status, enrolment, snapshot files). */
  readonly sync: SyncController;
  readonly engineState: EngineState;
  reloadEngine(): Promise<void>;
}

export interface SignedIn {
  readonly session: Session;
  signOut(): Promise<void>;
  /** Quick user switch: the supervisor signs in over the officer on the same station. */
  switchUser(): void;
}

export const StationContext = createContext<Station | null>(null);
export const SignedInContext = createContext<SignedIn | null>(null);

export function useStation(): Station {
  const station = useContext(StationContext);
  if (!station) throw new Error('useStation outside a station');
  return station;
}

export function useSignedIn(): SignedIn {
  const signedIn = useContext(SignedInContext);
  if (!signedIn) throw new Error('useSignedIn outside a signed-in screen');
  return signedIn;
}
