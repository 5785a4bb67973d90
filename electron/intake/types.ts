// What the intake needs from the rest of main, and what it reports. The screening engine is passed
// in as a function so the intake stays free of any one engine or blocklist.
import type { Verdict } from '../../shared/screening/types.ts';
import type { EnvelopeReading } from '../ocr/types.ts';

/** Reads a scan: the OCR pipeline's `read`. Throws UnreadableInputError for a file that is no scan. */
export type ScanReader = (
  input: { readonly bytes: Uint8Array; readonly name: string } | { readonly path: string },
  options?: { readonly returnAddress?: boolean },
) => Promise<EnvelopeReading>;

/** Whatever the caller's screening returns; stored as the result's `screening`, so keep it JSON. */
export interface ScreenOutcome {
  readonly verdict: Verdict;
  /**
   * The verdict hangs on who sent the letter (a prisoner-scoped entry matched and no sender is
   * known): the intake reads the return address and screens once more.
   */
  readonly needsSender?: boolean;
  readonly [detail: string]: unknown;
}

/** Screens one letter from what was read off it (e.g. screenPages with the current engine). */
export type ScreenLetter = (reading: EnvelopeReading, file: { readonly name: string }) => ScreenOutcome | Promise<ScreenOutcome>;

/** The result written beside a moved scan (`<name>.result.json`) and emitted as `screened`. */
export interface IntakeResult {
  readonly name: string;
  readonly sha256: string;
  /** Relative to the hot folder: `processed/<name>` or `failed/<name>`. */
  readonly moved: string;
  readonly verdict: Verdict;
  readonly at: string;
  readonly screening?: ScreenOutcome;
  readonly ocr?: {
    readonly format: string;
    readonly pages: readonly {
      readonly page: number;
      readonly confidence: number;
      readonly unreadable: string | null;
      readonly rotation: number;
      readonly ms: { readonly preprocess: number; readonly ocr: number };
    }[];
  };
  /** Why the file could not be read (it went to failed/). */
  readonly error?: string;
  /** The same content was screened before, as this file: not screened again. */
  readonly duplicateOf?: string;
  /** Finished after a restart (it had been screened before the crash). */
  readonly resumed?: boolean;
}

