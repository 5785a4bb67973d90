// The screening engine's public contract: what goes in (the text read off an envelope) and what
// comes out (a verdict with its evidence). The CLI, the app's worker and the sync re-check use it.
import type { Blocklist } from '../blocklist/format.ts';

export type Verdict = 'CLEAR' | 'HOLD' | 'REVIEW';

/** Why a letter is REVIEW: `unreadable` goes back to the officer, the rest go to a supervisor. */
export type ReviewReason = 'possible-match' | 'unreadable' | 'list-stale' | 'error';

export interface LetterInput {
  /** Everything read off the envelope (or typed): addressee block, maybe a return address, banners. */
  readonly text: string;
  /** The sender's prison number when known (typed by the officer or given on the command line). */
  readonly sender?: string | undefined;
  /** The moment of screening, for validFrom / validUntil. Defaults to now. */
  readonly at?: Date | undefined;
}

/** What the engine took as the addressee; every candidate block is screened, this is the best one. */
export interface Addressee {
  readonly name: string | null;
  readonly lines: readonly string[];
  readonly postcode: string | null;
  readonly town: string | null;
}

export interface MatchEvidence {
  readonly entryId: string;
  /** 0..1, deterministic for the same input, list and matcher version. */
  readonly score: number;
  /** Which rule fired, e.g. `blocked-address`, `blocked-name-in-area`, `possible-name`. */
  readonly rule: string;
  /** The verdict this match alone calls for. */
  readonly verdict: Exclude<Verdict, 'CLEAR'>;
  /** Human-readable evidence: which fields agreed and how. Safe for supervisors, not officers. */
  readonly reasons: readonly string[];
  readonly nameIndex?: number | undefined;
  readonly addressIndex?: number | undefined;
  /** The entry as it stood when matched: record it with a release so that the release lapses on change. */
  readonly entryFingerprint?: string | undefined;
  /** The addressee block this match was found in (normalised name + address): the other half of a release. */
  readonly addresseeFingerprint?: string | undefined;
}

export interface ScreeningResult {
  readonly verdict: Verdict;
  readonly reviewReason?: ReviewReason | undefined;
  readonly addressee: Addressee | null;
  /** Best first. Empty for CLEAR. */
  readonly matches: readonly MatchEvidence[];
  /** The sender used for prisoner-scoped entries, typed or read from the return address. */
  readonly sender: string | null;
  readonly matcher: string;
}

/** A supervisor's release remembered: this addressee no longer matches this entry (at this entry revision). */
export interface RememberedRelease {
  readonly entryId: string;
  /** Fingerprint of the entry when released: a changed entry makes the release lapse. */
  readonly entryFingerprint: string;
  /** Fingerprint of the addressee (normalised name + address) that was released. */
  readonly addresseeFingerprint: string;
}

export interface ScreeningEngine {
  readonly matcher: string;
  readonly entryCount: number;
  screen(letter: LetterInput): ScreeningResult;
}

export interface EngineOptions {
  readonly remembered?: readonly RememberedRelease[];
  /** `index` (default) finds candidates through OCR-tolerant keys; `brute-force` scores every entry.
   * Both must give the same verdicts and matches: the benchmark checks it. */
  readonly scan?: 'index' | 'brute-force' | undefined;
}

export type BuildEngine = (list: Blocklist, options?: EngineOptions) => ScreeningEngine;
