// Which way up the envelope lies, from the text's shape alone (no OCR): lines run across the page or
// down it (0/180 versus 90/270), and Latin letters rise above the line far more often than they
// drop below it (capitals, b d f h k l t against g j p q y), which tells upright from upside down.
import type { Blob, TextBlock, TextLine } from './layout.ts';

export type Quarter = 0 | 90 | 180 | 270;

/** Blob boxes as they would be found on the page turned clockwise by `quarter`. */
export function turnBlobs(blobs: readonly Blob[], quarter: Quarter, width: number, height: number): Blob[] {
  switch (quarter) {
    case 0:
      return [...blobs];
    case 90:
      return blobs.map((b) => ({ x0: height - b.y1, x1: height - b.y0, y0: b.x0, y1: b.x1, area: b.area }));
    case 180:
      return blobs.map((b) => ({ x0: width - b.x1, x1: width - b.x0, y0: height - b.y1, y1: height - b.y0, area: b.area }));
    case 270:
      return blobs.map((b) => ({ x0: b.y0, x1: b.y1, y0: width - b.x1, y1: width - b.x0, area: b.area }));
    default: {
      const never: never = quarter;
      throw new Error(`not a quarter turn: ${String(never)}`);
    }
  }
}

/** Size of a page after a quarter turn. */
export function turnedSize(quarter: Quarter, width: number, height: number): { width: number; height: number } {
  return quarter === 90 || quarter === 270 ? { width: height, height: width } : { width, height };
}

/** How strongly blobs chain into real lines: many letters in a row, not two or three by chance. */
export function lineStrength(lines: readonly TextLine[]): number {
  return lines.reduce((n, l) => n + Math.max(0, l.blobs.length - 3), 0);
}

/**
 * Positive when the lines look upright, negative when upside down; about zero when the text gives
 * no sign (all capitals, too few letters). Counts letters reaching above the line's core band
 * against letters reaching below it, after taking out the line's slope.
 */
/** How far past the core band a letter must reach to count as rising or dropping (share of its height). */
export let ASCENT = 0.15;
export const setAscent = (v: number): void => {
  ASCENT = v;
};

export function uprightEvidence(lines: readonly TextLine[]): number {
  let score = 0;
  for (const line of lines) {
    if (line.blobs.length < 4) continue;
    const slope = Math.tan(line.angle);
    const x0 = line.box.x;
    const tops: number[] = [];
    const bottoms: number[] = [];
    for (const b of line.blobs) {
      const shift = slope * ((b.x0 + b.x1) / 2 - x0);
      tops.push(b.y0 - shift);
      bottoms.push(b.y1 - shift);
    }
    const sortedTops = [...tops].sort((a, b) => a - b);
    const sortedBottoms = [...bottoms].sort((a, b) => a - b);
    // The core band: where most letters start and end (the x-height band in mixed case).
    const coreTop = sortedTops[Math.floor(sortedTops.length * 0.6)] ?? 0;
    const coreBottom = sortedBottoms[Math.floor(sortedBottoms.length * 0.4)] ?? 0;
    const size = coreBottom - coreTop;
    if (size <= 2) continue;
    for (let i = 0; i < tops.length; i++) {
      if ((tops[i] ?? 0) < coreTop - ASCENT * size) score += 1;
      if ((bottoms[i] ?? 0) > coreBottom + ASCENT * size) score -= 1;
    }
  }
  return score;
}

/**
 * Positive when blocks of three or more lines are aligned on the left (as addresses are written)
 * and ragged on the right; negative when the reverse, as a left-aligned block looks upside down.
 */
export function alignmentEvidence(blocks: readonly TextBlock[]): number {
  let score = 0;
  for (const block of blocks) {
    if (block.lines.length < 3) continue;
    const lefts = block.lines.map((l) => l.box.x);
    const rights = block.lines.map((l) => l.box.x + l.box.width);
    const spread = (xs: number[]): number => Math.max(...xs) - Math.min(...xs);
    const difference = (spread(rights) - spread(lefts)) / Math.max(1, block.size);
    score += Math.max(-3, Math.min(3, difference)) * (block.lines.length - 1);
  }
  return score;
}
