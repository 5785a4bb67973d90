// The main side's handlers for every channel of the contract, shared by the Electron shell and the
// web harness so that the two cannot drift apart.
import type { Handlers } from './dispatcher.ts';
import type { LoadedList } from './list-source.ts';
import type { OcrPipeline } from '../ocr/pipeline.ts';
import type { StationKeys } from '../keys/station-keys.ts';
import { IntakeNotFoundError, type IntakeBridge } from './intake-bridge.ts';
import type { SyncService } from './sync-service.ts';

export interface MainServicesOptions {
  readonly shell: 'electron' | 'web-harness';
  readonly version: string;
  /**
   * The list main hands to the renderer before the station is enrolled; in demo mode the built-in
   * demo list. Once enrolled it is never loaded again: the list synced from the service alone screens.
   */
  readonly loadList: () => Promise<LoadedList>;
  /** Created on first use and kept: workers are expensive to start. */
  readonly ocr: () => Promise<OcrPipeline>;
  /** The station's identity, data key and audit-head signer (main keeps the keys). */
  readonly keys: StationKeys;
  /** The at-rest test's positive control may store records in the clear (web harness only). */
  readonly plaintextRecordsControl?: boolean;
  /** The scanner's hot folder, when one is configured. */
  readonly intake?: IntakeBridge | null;
  /** The station's enrolment with the central service and its feed requests (main keeps the token). */
  readonly sync: SyncService;
  /**
   * Web harness only, for end-to-end tests that enrol with the demo administrator and carry on with
   * the demo accounts: the station stays in demo mode after enrolment. The Electron shell never sets it.
   */
  readonly keepDemoModeAfterEnrolment?: boolean;
}

/** An enrolled station screens with the service's list alone: main hands the renderer none. */
const SERVICE_LIST = { source: 'service', list: null } as const;

export function createMainServices(options: MainServicesOptions): Handlers {
  const { version } = options;
  let list: Promise<LoadedList> | null = null;
  const currentList = (): Promise<LoadedList> => {
    list ??= options.loadList().catch((e: unknown) => {
      list = null; // a failed load is tried again next time rather than remembered
      throw e;
    });
    return list;
  };
  const keepDemo = options.shell === 'web-harness' && options.keepDemoModeAfterEnrolment === true;
  /**
   * Once enrolled with the central service the station is a real one: not in demo mode (the records
   * refuse the demo accounts and start with the first-run administrator), and the demo list is not
   * handed out again. Read on every call: enrolment happens while the app runs. An enrolment that
   * cannot be read (an air-gapped pin that no longer matches its seal) fails closed the same way.
   */
  const takesServiceList = async (): Promise<boolean> =>
    !keepDemo &&
    (await options.sync.enrolment().then(
      (e) => e.enrolled,
      () => true,
    ));
  return {
    'app:info': async () => {
      const demoMode = !(await takesServiceList()) && (await currentList()).source === 'demo';
      const plaintextRecordsControl = options.shell === 'web-harness' && demoMode && options.plaintextRecordsControl === true;
      return { version, station: options.keys.station, demoMode, shell: options.shell, testSwitches: { plaintextRecordsControl } };
    },
    'blocklist:current': async () => {
      if (await takesServiceList()) return SERVICE_LIST;
      const { source, list: blocklist } = await currentList();
      return { source, list: blocklist };
    },
    'scan:read': async ({ name, bytes }) => {
      const pipeline = await options.ocr();
      return pipeline.read({ bytes, name });
    },
    'intake:pending': async () => options.intake?.list() ?? [],
    'intake:take': async ({ id }) => {
      if (!options.intake) throw new IntakeNotFoundError();
      return options.intake.take(id);
    },
    'intake:done': async ({ id, verdict }) => options.intake?.done(id, verdict) ?? false,
    'keys:dataKey': () => options.keys.dataKey(),
    'audit:signHead': ({ head }) => options.keys.headSigner.sign(head),
    'audit:latestHead': () => options.keys.headSigner.latest(),
    'audit:publicKey': () => options.keys.headSigner.publicKey(),
    'sync:enrol': (request) => options.sync.enrol(request),
    'sync:enrolment': () => options.sync.enrolment(),
    'sync:request': (request) => options.sync.request(request),
  };
}
