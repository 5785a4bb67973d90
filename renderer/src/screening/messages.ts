// Messages between the UI thread and the screening worker.
import type { Blocklist } from '../../../shared/blocklist/format.ts';
import type { LetterScreening, ReadPage } from '../../../shared/letters/screen-pages.ts';
import type { RememberedRelease } from '../../../shared/screening/types.ts';

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'load'; readonly list: Blocklist; readonly remembered: readonly RememberedRelease[] }
  | { readonly id: number; readonly kind: 'screen'; readonly pages: readonly (ReadPage & { readonly addresseeText?: string | null })[]; readonly sender?: string | undefined };

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly kind: 'loaded'; readonly entries: number; readonly matcher: string }
  | { readonly id: number; readonly ok: true; readonly kind: 'screened'; readonly screening: LetterScreening }
  | { readonly id: number; readonly ok: false; readonly message: string };
