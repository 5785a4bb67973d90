// Messages between the sync controller and its worker, which verifies feed pages and re-checks
// recent letters against new entries, both off the UI thread.
import type { VerifyResult } from '../../../shared/sync/index.ts';
import type { ListChange, RecheckFinding, ScreenedLetter } from '../../../shared/sync-client/index.ts';

export type SyncWorkerRequest =
  | { readonly id: number; readonly kind: 'verify'; readonly text: string; readonly key: string }
  | { readonly id: number; readonly kind: 'recheck'; readonly change: ListChange; readonly letters: readonly ScreenedLetter[]; readonly now: number; readonly hours: number };

export type SyncWorkerResponse =
  | { readonly id: number; readonly kind: 'verified'; readonly result: VerifyResult }
  | { readonly id: number; readonly kind: 'rechecked'; readonly findings: readonly RecheckFinding[] }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };
