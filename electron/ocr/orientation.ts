// Which way up the envelope lies, from the text's shape alone (no OCR): lines run across the page or
// down it (0/180 versus 90/270), and Latin letters rise above the line far more often than they
// drop below it (capitals, b d f h k l t against g j p q y), which tells upright from upside down.
import type { Binary } from './binarise.ts';
import type { TextLine } from './layout.ts';

export type Quarter = 0 | 90 | 180 | 270;

/** Turns a binary image by a quarter turn clockwise, a half turn, or three quarters. */
export function turnBinary(bin: Binary, quarter: Quarter): Binary {
  if (quarter === 0) return bin;
  const { width, height, ink } = bin;
  const out = new Uint8Array(width * height);
  if (quarter === 180) {
    for (let i = 0, n = ink.length; i < n; i++) out[n - 1 - i] = ink[i] as number;
    return { width, height, ink: out };
  }
  // Clockwise 90: new (x', y') = (height - 1 - y, x); new width = height.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = ink[y * width + x] as number;
      if (!v) continue;
      if (quarter === 90) out[x * height + (height - 1 - y)] = 1;
      else out[(width - 1 - x) * height + y] = 1;
    }
  }
  return { width: height, height: width, ink: out };
}

/**
 * Positive when the lines look upright, negative when upside down; about zero when the text gives
 * no sign (all capitals, too few letters). Counts letters reaching above the line's core band
 * against letters reaching below it, after taking out the line's slope.
 */
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
      if ((tops[i] ?? 0) < coreTop - 0.3 * size) score += 1;
      if ((bottoms[i] ?? 0) > coreBottom + 0.3 * size) score -= 1;
    }
  }
  return score;
}
