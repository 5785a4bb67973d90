// The at-rest test's positive control: records stored in the clear, so the test can show that its
// search of the database files would find victim data. Honoured only when main says the switch is
// on (the web harness in demo mode, started with MAILROOM_E2E_POSITIVE_CONTROL=1) and the page is
// opened with ?records=plaintext-positive-control; never in the Electron shell (a real
// installation), and always in a database of its own, with a loud banner.
import type { AppInfo } from '../../../shared/ipc/contract.ts';

export const POSITIVE_CONTROL_PARAM = 'plaintext-positive-control';
export const POSITIVE_CONTROL_DATABASE = 'mailroom-records-positive-control';

export function positiveControlRequested(info: AppInfo, search: string): boolean {
  if (info.shell !== 'web-harness' || !info.demoMode || !info.testSwitches.plaintextRecordsControl) return false;
  return new URLSearchParams(search).get('records') === POSITIVE_CONTROL_PARAM;
}
