// The shapes screens get for letters, and the words an officer sees instead of victim details.
import type { ReviewReason, ScreeningResult, Verdict } from '../../shared/screening/types.ts';
import type { LetterRow, LetterState } from './db/rows.ts';

export interface ReadBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ReadLine {
  readonly text: string;
  readonly confidence: number;
  readonly box: ReadBox;
}

/** What was read off an envelope (or typed by the officer). */
export interface LetterReading {
  readonly text: string;
  readonly addresseeText: string | null;
  readonly addresseeBox: ReadBox | null;
  readonly lines: readonly ReadLine[];
  readonly confidence: number | null;
  readonly source: 'ocr' | 'typed' | 'officer-check';
}

export interface EnvelopeImage {
  readonly bytes: Uint8Array;
  /** MIME type, e.g. image/png */
  readonly type: string;
  /** sha256 hex of the file: the same scan twice is recognised. */
  readonly sha256: string;
}

export interface ScanInput {
  readonly image: EnvelopeImage | null;
  readonly reading: LetterReading;
  readonly result: ScreeningResult;
  /** The list version the result was screened against. */
  readonly listVersion: number | null;
  readonly batchId?: string | null;
}

/** A letter without anything read or matched: safe for every role and for liveQuery. */
export interface LetterSummary {
  readonly id: string;
  readonly sequence: number;
  readonly batchId: string | null;
  readonly scannedAt: string;
  readonly day: string;
  readonly officerId: string;
  readonly state: LetterState;
  readonly verdict: Verdict;
  readonly reviewReason: ReviewReason | null;
  /** Block references matched, best first. */
  readonly entryRefs: readonly string[];
  /** Why, in words an officer may read (no names, no addresses). */
  readonly why: string;
  readonly listVersion: number | null;
  readonly sender: string | null;
  readonly alreadyDispatched: boolean;
}

/** What the scan station shows for the envelope in hand. */
export interface OfficerLetterView extends LetterSummary {
  readonly reading: LetterReading;
  readonly image: EnvelopeImage | null;
}

export function whyInWords(verdict: Verdict, reviewReason: ReviewReason | null, rules: readonly string[]): string {
  switch (verdict) {
    case 'CLEAR':
      return 'no match on the protected list';
    case 'HOLD':
      if (rules.some((r) => r.includes('address'))) return 'this address is on the protected list';
      if (rules.some((r) => r.includes('name'))) return 'this name is on the protected list';
      return 'this letter matches an entry on the protected list';
    case 'REVIEW':
      switch (reviewReason) {
        case 'unreadable':
          return 'the address could not be read: check it by hand';
        case 'list-stale':
          return 'the protected list is out of date: a supervisor must check this letter';
        case 'error':
          return 'the letter could not be screened: a supervisor must check it';
        case 'possible-match':
        case null:
          return 'this letter may match an entry on the protected list: a supervisor must check it';
        default: {
          const never: never = reviewReason;
          return never;
        }
      }
    default: {
      const never: never = verdict;
      return never;
    }
  }
}

export function stateFor(result: Pick<ScreeningResult, 'verdict' | 'reviewReason'>): LetterState {
  switch (result.verdict) {
    case 'CLEAR':
      return 'cleared';
    case 'HOLD':
      return 'held';
    case 'REVIEW':
      return result.reviewReason === 'unreadable' ? 'officer-check' : 'awaiting-review';
    default: {
      const never: never = result.verdict;
      return never;
    }
  }
}

export const letterSummary = (row: LetterRow): LetterSummary => ({
  id: row.id,
  sequence: row.sequence,
  batchId: row.batchId,
  scannedAt: row.scannedAt,
  day: row.day,
  officerId: row.officerId,
  state: row.state,
  verdict: row.verdict,
  reviewReason: row.reviewReason,
  entryRefs: row.entryRefs,
  why: whyInWords(row.verdict, row.reviewReason, row.rules),
  listVersion: row.listVersion,
  sender: row.sender,
  alreadyDispatched: row.alreadyDispatched,
});
