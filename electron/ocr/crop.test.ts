// Cutting a thresholded crop between its text lines, so two workers can read the halves at once.
import { describe, expect, it } from 'vitest';
import { pnm, splitBetweenLines, type OcrImage } from './crop.ts';

/** A white crop with black bands of ink at the given rows. */
function crop(width: number, height: number, bands: readonly [number, number][], origin = { x: 100, y: 200 }, zoom = 0.5): OcrImage {
  const pixels = new Uint8Array(width * height).fill(255);
  for (const [from, to] of bands) for (let y = from; y < to; y++) pixels.fill(0, y * width + 5, y * width + width - 5);
  return { image: pnm(width, height, pixels), width, height, origin: { ...origin, width: width / zoom, height: height / zoom }, zoom };
}

const inkRows = (img: OcrImage): number[] => {
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(img.image.toString('latin1', 0, 40))!;
  const [w, h, off] = [Number(head[1]), Number(head[2]), head[0].length];
  return Array.from({ length: h }, (_, y) => y).filter((y) => img.image.subarray(off + y * w, off + (y + 1) * w).includes(0));
};

describe('splitting a crop between lines', () => {
  it('cuts at the blank band nearest the middle of the ink, keeping every line whole and placed on the page', () => {
    const img = crop(60, 100, [[10, 20], [30, 40], [55, 65], [75, 85]]);
    const halves = splitBetweenLines(img);
    expect(halves).not.toBeNull();
    const [upper, lower] = halves!;
    expect(upper.height + lower.height).toBe(100);
    // The cut lies in the gap between the second and third lines (40..55).
    expect(upper.height).toBeGreaterThanOrEqual(40);
    expect(upper.height).toBeLessThanOrEqual(55);
    expect(inkRows(upper).length + inkRows(lower).length).toBe(40);
    // The lower half's origin is moved down on the page by its offset in page pixels (zoom 0.5).
    expect(lower.origin.y).toBeCloseTo(200 + upper.height / 0.5);
    expect(lower.origin.x).toBe(100);
  });

  it('leaves a crop whole when there is one line, no ink, or lines too close to part', () => {
    expect(splitBetweenLines(crop(60, 40, [[10, 30]]))).toBeNull();
    expect(splitBetweenLines(crop(60, 40, []))).toBeNull();
    expect(splitBetweenLines(crop(60, 60, [[10, 25], [27, 45]]))).toBeNull();
  });
});
