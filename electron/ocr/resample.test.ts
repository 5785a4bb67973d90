// Scaling and turning grey images in JavaScript must put the ink where sharp would.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Grey } from './binarise.ts';
import { lumaOfRgb, resizeGrey, rotateGrey } from './resample.ts';

function withMark(width: number, height: number, x0: number, y0: number, size: number): Grey {
  const pixels = new Uint8Array(width * height).fill(255);
  for (let y = y0; y < y0 + size; y++) pixels.fill(0, y * width + x0, y * width + x0 + size);
  return { width, height, pixels };
}

function inkCentre(g: Grey): { x: number; y: number } {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const v = 255 - (g.pixels[y * g.width + x] as number);
      sx += x * v;
      sy += y * v;
      n += v;
    }
  }
  return { x: sx / n, y: sy / n };
}

describe('grey images in JavaScript', () => {
  it.each([3, -4.5, 180])('turns a crop by %s degrees as sharp does (same canvas, ink in the same place)', async (degrees) => {
    const g = withMark(200, 100, 150, 10, 10);
    const { data, info } = await sharp(Buffer.from(g.pixels), { raw: { width: 200, height: 100, channels: 1 } })
      .rotate(degrees, { background: { r: 255, g: 255, b: 255 } })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const ours = rotateGrey(g, degrees);
    expect(Math.abs(ours.width - info.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(ours.height - info.height)).toBeLessThanOrEqual(1);
    const theirs = inkCentre({ width: info.width, height: info.height, pixels: data });
    const mine = inkCentre(ours);
    expect(Math.abs(mine.x - theirs.x)).toBeLessThan(1);
    expect(Math.abs(mine.y - theirs.y)).toBeLessThan(1);
  });

  it.each([0.7, -3.2, 5, 90])('gives each pixel of a %s degree turn the bilinear blend of its four neighbours, at the edges too', (degrees) => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const g = { width: 61, height: 37, pixels: Uint8Array.from({ length: 61 * 37 }, () => Math.floor(next() * 256)) };
    const ours = rotateGrey(g, degrees);
    // The inverse turn sampled pixel by pixel, every coordinate clamped to the image.
    const t = (degrees * Math.PI) / 180;
    const at = (x: number, y: number): number => g.pixels[y * g.width + x] as number;
    for (let y = 0; y < ours.height; y++) {
      for (let x = 0; x < ours.width; x++) {
        const dx = x + 0.5 - ours.width / 2;
        const dy = y + 0.5 - ours.height / 2;
        const sx = dx * Math.cos(t) + dy * Math.sin(t) + g.width / 2 - 0.5;
        const sy = -dx * Math.sin(t) + dy * Math.cos(t) + g.height / 2 - 0.5;
        let want = 255;
        if (sx >= -0.5 && sy >= -0.5 && sx <= g.width - 0.5 && sy <= g.height - 0.5) {
          const x0 = Math.max(0, Math.min(g.width - 1, Math.floor(sx)));
          const y0 = Math.max(0, Math.min(g.height - 1, Math.floor(sy)));
          const x1 = Math.min(g.width - 1, x0 + 1);
          const y1 = Math.min(g.height - 1, y0 + 1);
          const wx = Math.max(0, Math.min(1, sx - x0));
          const wy = Math.max(0, Math.min(1, sy - y0));
          const top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
          const bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
          want = Math.floor(top * (1 - wy) + bottom * wy + 0.5);
        }
        expect(ours.pixels[y * ours.width + x]).toBe(want);
      }
    }
  });

  it('shrinks a page keeping a stroke where it was, in proportion', () => {
    const g = withMark(1347, 750, 600, 300, 12);
    const small = resizeGrey(g, 1000, 557);
    expect(small.width).toBe(1000);
    expect(small.height).toBe(557);
    const c = inkCentre(small);
    // Pixel centres map to pixel centres: (x + 0.5) × scale − 0.5.
    expect(c.x).toBeCloseTo((606 * 1000) / 1347 - 0.5, 0);
    expect(c.y).toBeCloseTo((306 * 557) / 750 - 0.5, 0);
    // A 12-pixel square stays dark at its heart: strokes are not washed out.
    expect(small.pixels[Math.round(c.y) * 1000 + Math.round(c.x)]).toBeLessThan(40);
  });

  it('halves by averaging whole squares, so thin strokes turn grey, not vanish', () => {
    const g: Grey = { width: 4, height: 2, pixels: new Uint8Array([0, 255, 255, 255, 0, 255, 255, 255]) };
    expect([...resizeGrey(g, 2, 1).pixels]).toEqual([128, 255]);
  });

  it('turns RGB into grey as a scanner does (green weighs most, blue least)', () => {
    const rgb = new Uint8Array([255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
    expect([...lumaOfRgb(rgb, 3, 5)]).toEqual([255, 0, 77, 149, 29]);
  });
});
