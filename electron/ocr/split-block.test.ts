// Sharing one envelope's addressee lines between two idle workers: the cut falls between lines.
import { describe, expect, it } from 'vitest';
import { balancedCut, splitForWorkers } from './split-block.ts';

/** A white image with black bars for text lines: [top, bottom, width] each. */
function page(width: number, height: number, bars: readonly (readonly [number, number, number])[]): Uint8Array {
  const px = new Uint8Array(width * height).fill(255);
  for (const [top, bottom, w] of bars) for (let y = top; y < bottom; y++) px.fill(0, y * width + 5, y * width + 5 + w);
  return px;
}

describe('sharing a block between workers', () => {
  it('cuts in the gap that leaves as much text above as below', () => {
    const px = page(200, 200, [[10, 30, 150], [50, 70, 150], [90, 110, 150], [130, 150, 150]]);
    expect(balancedCut(px, 200, 200)).toBe(80);
  });

  it('weighs lines by their ink, so a long street line balances two short ones', () => {
    const px = page(200, 160, [[10, 30, 60], [50, 70, 60], [90, 110, 180]]);
    expect(balancedCut(px, 200, 160)).toBe(80);
  });

  it('does not cut a single line or a block with no gap', () => {
    expect(balancedCut(page(200, 60, [[20, 40, 150]]), 200, 60)).toBeNull();
    expect(balancedCut(page(200, 60, [[0, 60, 150]]), 200, 60)).toBeNull();
  });

  it('places the lower part where it lies on the page', () => {
    const width = 100;
    const px = page(width, 100, [[10, 30, 80], [60, 80, 80]]);
    const image = Buffer.concat([Buffer.from(`P5\n${width} 100\n255\n`), px]);
    const parts = splitForWorkers({ image, width, height: 100, origin: { x: 40, y: 200, width: 50, height: 50 }, zoom: 2 });
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.height)).toEqual([45, 55]);
    expect(parts[1]!.origin.y).toBe(200 + 45 / 2);
    expect(parts[1]!.image.subarray(0, 12).toString()).toBe('P5\n100 55\n25');
  });
});
