// Layout without OCR, on synthetic pixels and boxes: ink found under uneven light, letters chained
// into lines and lines into one block on a skewed page, the addressee block chosen, which way up.
import { describe, expect, it } from 'vitest';
import { binarise } from './binarise.ts';
import { chainLines, findBlobs, stackBlocks, type Blob } from './layout.ts';
import { rankBlocks } from './locate.ts';
import { alignmentEvidence, turnBlobs, uprightEvidence } from './orientation.ts';

/** Letter boxes for `rows` lines of `letters[i]` letters, on a slope, ascenders on some letters. */
function writtenBlock(x: number, y: number, letters: readonly number[], size = 20, slopeDegrees = 0): Blob[] {
  const slope = Math.tan((slopeDegrees * Math.PI) / 180);
  const blobs: Blob[] = [];
  letters.forEach((count, row) => {
    for (let i = 0; i < count; i++) {
      const lx = x + i * size * 0.8;
      const base = y + row * size * 1.6 + slope * (lx - x);
      const tall = i % 3 === 0; // capitals and ascenders rise above the x-height
      const top = base - (tall ? size : size * 0.65);
      blobs.push({ x0: Math.round(lx), x1: Math.round(lx + size * 0.6), y0: Math.round(top), y1: Math.round(base), area: Math.round(size * size * 0.3) });
    }
  });
  return blobs;
}

describe('binarise', () => {
  it('finds dark writing on paper that darkens from one corner to the other, and nothing else', () => {
    const width = 200;
    const height = 100;
    const pixels = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = Math.round(230 - (x + y) * 0.45);
    for (const [x0, y0] of [[20, 20], [150, 60]] as const) {
      for (let y = y0; y < y0 + 10; y++) for (let x = x0; x < x0 + 6; x++) pixels[y * width + x] = Math.round((pixels[y * width + x] ?? 0) * 0.45);
    }
    const bin = binarise({ width, height, pixels }, { window: 40 });
    const blobs = findBlobs(bin);
    expect(blobs).toHaveLength(2);
    expect(blobs.map((b) => [b.x0, b.y0, b.x1, b.y1])).toEqual([[20, 20, 26, 30], [150, 60, 156, 70]]);
  });
});

describe('layout', () => {
  it('stacks the lines of a skewed address into one block', () => {
    const blobs = writtenBlock(300, 200, [12, 16, 6, 7], 20, 4);
    const lines = chainLines(blobs);
    expect(lines).toHaveLength(4);
    const blocks = stackBlocks(lines);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.lines).toHaveLength(4);
  });

  it('takes the big central block as the addressee, not the return address in the corner', () => {
    const returnAddress = writtenBlock(30, 40, [18, 22, 12], 11);
    const addressee = writtenBlock(420, 250, [12, 16, 6, 7], 22);
    const blocks = stackBlocks(chainLines([...returnAddress, ...addressee]));
    const ranking = rankBlocks(blocks, 1000, 500);
    expect(ranking.addressee?.block.box.x).toBeGreaterThanOrEqual(400);
    expect(ranking.returnAddress?.block.box.x).toBeLessThan(100);
    expect(ranking.unsure).toBe(false);
  });
});

describe('which way up', () => {
  it('reads upright text as upright and the same text turned over as upside down', () => {
    const blobs = writtenBlock(300, 200, [12, 16, 6, 7], 20);
    const upright = chainLines(blobs);
    const turned = chainLines(turnBlobs(blobs, 180, 1000, 500));
    expect(uprightEvidence(upright) + alignmentEvidence(stackBlocks(upright))).toBeGreaterThan(4);
    expect(uprightEvidence(turned) + alignmentEvidence(stackBlocks(turned))).toBeLessThan(-4);
  });

  it('turns boxes a quarter at a time and back to where they were', () => {
    const blobs = writtenBlock(100, 100, [5], 20);
    let turned = blobs;
    let size = { width: 1000, height: 500 };
    for (let i = 0; i < 4; i++) {
      turned = turnBlobs(turned, 90, size.width, size.height);
      size = { width: size.height, height: size.width };
    }
    expect(turned).toEqual(blobs);
  });
});
