// Which lines of an unsure fast-model read best_int reads again, one line at a time, and how its
// reads replace them. Tesseract's LSTM reads a block line by line anyway, so a block with one doubtful
// line (a digit, a postcode) costs best_int one line instead of the whole block.
import { cutRows, type OcrImage } from './crop.ts';
import type { OcrLine } from './types.ts';

/** Where a line was read: the crop tesseract saw and the line's rows in it (its box, in crop pixels). */
export interface LineSource {
  readonly img: OcrImage;
  readonly top: number;
  readonly bottom: number;
}

/** A line is sure when every word reaches `word` and the length-weighted mean reaches `mean`. */
export interface SureLevels {
  readonly word: number;
  readonly mean: number;
}

/** Mean word confidence weighted by length: one garbled long word weighs more than a stray comma. */
export function confidenceOf(lines: readonly OcrLine[]): number {
  let weight = 0;
  let total = 0;
  for (const line of lines) {
    for (const w of line.words) {
      const n = Math.max(1, w.text.length);
      weight += n;
      total += n * w.confidence;
    }
  }
  return weight === 0 ? 0 : total / weight;
}

function lineSure(line: OcrLine, sure: SureLevels): boolean {
  return line.words.length > 0 && line.words.every((w) => w.confidence >= sure.word) && confidenceOf([line]) >= sure.mean;
}

/**
 * The lines to read again: each one not sure, and the postcode line when its postcode is no postcode
 * (`postcodeLine`, -1 for none). Null when the whole block should be read again instead: more than
 * half its lines are doubtful (weak print or handwriting, where the fast model's "sure" lines are not
 * to be trusted either and one block job costs less than many line jobs), or it has a single line.
 */
export function linesToMend(lines: readonly OcrLine[], postcodeLine: number, sure: SureLevels): number[] | null {
  if (lines.length < 2) return null;
  const doubtful: number[] = [];
  lines.forEach((line, i) => {
    if (i === postcodeLine || !lineSure(line, sure)) doubtful.push(i);
  });
  if (doubtful.length === 0 || doubtful.length > Math.floor(lines.length / 2)) return null;
  return doubtful;
}

/**
 * Doubtful lines next to each other in the same crop, read again together with one sure line beside
 * them (the one above, else the one below). A line of capitals and digits read alone ("NE9 4SP") has
 * no x-height for the LSTM to scale by, and best_int read 5 of the bench's 200 postcodes wrong that
 * way (NEY, WEF3, DES); with the line above they read as in the whole block.
 */
interface Run {
  readonly from: number;
  /** Inclusive. */
  readonly to: number;
  /** The sure line read with them, for its letters' size. */
  readonly context: number;
}

function runsOf(doubtful: readonly number[], sources: readonly LineSource[]): Run[] | null {
  const runs: Run[] = [];
  let from = -1;
  for (let k = 0; k < doubtful.length; k++) {
    const i = doubtful[k] as number;
    if (from < 0) from = i;
    const next = doubtful[k + 1];
    if (next === i + 1 && sources[next]?.img === sources[i]?.img) continue;
    const img = sources[i]?.img;
    const context = from > 0 && sources[from - 1]?.img === img ? from - 1 : i + 1 < sources.length && sources[i + 1]?.img === img ? i + 1 : -1;
    if (context < 0) return null;
    runs.push({ from, to: i, context });
    from = -1;
  }
  return runs;
}

/**
 * Lines `first` to `last` cut out of the crop they were read from: their rows, widened by a third of
 * a line's height above and below (a box that shaves a descender or a comma misleads the reader), but
 * not into the neighbouring lines' boxes (their ink would be read as a line of its own).
 */
export function linesImage(sources: readonly LineSource[], first: number, last: number): OcrImage {
  const a = sources[first] as LineSource;
  const b = sources[last] as LineSource;
  const prev = sources[first - 1];
  const next = sources[last + 1];
  let top = a.top - Math.round((a.bottom - a.top) / 3);
  if (prev && prev.img === a.img && prev.bottom > top) top = Math.min(a.top, prev.bottom);
  let bottom = b.bottom + Math.round((b.bottom - b.top) / 3);
  if (next && next.img === b.img && next.top < bottom) bottom = Math.max(b.bottom, next.top);
  return cutRows(a.img, top, bottom);
}

/**
 * The read with lines `doubtful` replaced by `reread`'s read of them, cut out with a sure line beside
 * them (runsOf). Null (read the whole block again) when a cut comes back with more or fewer lines
 * than were cut, or a line with no words: nothing the fast model was unsure of is kept for want of a
 * second read.
 */
export async function mendLines(
  lines: readonly OcrLine[],
  sources: readonly LineSource[],
  doubtful: readonly number[],
  reread: (img: OcrImage) => Promise<readonly OcrLine[]>,
): Promise<OcrLine[] | null> {
  if (sources.length !== lines.length) return null;
  const runs = runsOf(doubtful, sources);
  if (!runs) return null;
  const reads = await Promise.all(runs.map((r) => reread(linesImage(sources, Math.min(r.from, r.context), Math.max(r.to, r.context)))));
  const mended = [...lines];
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k] as Run;
    const read = reads[k] ?? [];
    if (read.length !== run.to - run.from + 2) return null;
    const skip = run.context < run.from ? 1 : 0;
    for (let i = run.from; i <= run.to; i++) {
      const line = read[i - run.from + skip];
      if (!line || line.words.length === 0) return null;
      mended[i] = line;
    }
  }
  return mended;
}
