// The OCR pipeline's contract with the rest of main (CLI, IPC handlers, hot folder).
// Everything here is plain data so it can cross IPC and be written as JSON.

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface OcrWord {
  readonly text: string;
  /** 0..1 */
  readonly confidence: number;
  readonly box: Box;
}

export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  readonly box: Box;
  readonly words: readonly OcrWord[];
}

/** One page (envelope side) read. `unreadable` is set when nothing trustworthy was read: REVIEW. */
export interface PageReading {
  readonly page: number;
  /** All text read on the page, in reading order (addressee block, return address, banners...). */
  readonly text: string;
  /** The text of the block taken as the addressee, when one was found. */
  readonly addresseeText: string | null;
  /** Where the addressee block is, in the coordinates of the oriented page image. */
  readonly addresseeBox: Box | null;
  readonly lines: readonly OcrLine[];
  /** Mean confidence of the addressee lines (or of all lines), 0..1. */
  readonly confidence: number;
  /** Degrees the page was turned to read it (0, 90, 180, 270) plus the deskew angle. */
  readonly rotation: number;
  readonly width: number;
  readonly height: number;
  readonly unreadable: string | null;
  readonly ms: { readonly preprocess: number; readonly ocr: number };
}

export interface EnvelopeReading {
  readonly pages: readonly PageReading[];
  /** sha256 of the file bytes, hex: the same scan dropped twice is recognised. */
  readonly sha256: string;
  readonly format: string;
}

/**
 * Where one page's time went, in milliseconds of wall time (benches print their medians). Kept apart
 * from PageReading so the IPC reading shape does not change.
 */
export interface StageTimes {
  /** File bytes to grey pixels (shared by every side of the scan; counted on the first). */
  readonly decode: number;
  /** Working copy, local threshold and ink blobs. */
  readonly layout: number;
  /** Lines across or down, which way up, blocks. */
  readonly orientation: number;
  /** Page turned upright and the addressee block chosen. */
  readonly locate: number;
  /** Block crops cut, straightened, scaled and thresholded for OCR. */
  readonly crop: number;
  /** Waiting for tesseract (all reads of the page). */
  readonly recognise: number;
  /** OCR jobs sent for the page. */
  readonly jobs: number;
  /** Of them, read by best_int (re-reads of unsure fast reads, weak-read variants, whole-page reads). */
  readonly bestJobs: number;
}

/** An input the pipeline refused, with a reason in words (never an image's content). */
export class UnreadableInputError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'UnreadableInputError';
  }
}
