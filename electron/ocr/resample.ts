// Grey images scaled and turned in JavaScript. For the small images the pipeline handles (a
// 1000-pixel working copy, an addressee crop) this is cheaper than a round trip through sharp,
// which pays for a pipeline and a copy each time. 0 = black, 255 = white, as everywhere here.
import type { Grey } from './binarise.ts';

/** Averages f × f squares (f ≥ 2): a clean shrink with no aliasing of thin strokes. */
function boxShrink(g: Grey, f: number): Grey {
  const width = Math.floor(g.width / f);
  const height = Math.floor(g.height / f);
  const out = new Uint8Array(width * height);
  const sums = new Uint32Array(width);
  const area = f * f;
  for (let oy = 0; oy < height; oy++) {
    sums.fill(0);
    for (let dy = 0; dy < f; dy++) {
      const row = (oy * f + dy) * g.width;
      for (let ox = 0, x = row; ox < width; ox++) {
        let s = 0;
        for (let dx = 0; dx < f; dx++) s += g.pixels[x++] as number;
        sums[ox] = (sums[ox] as number) + s;
      }
    }
    const base = oy * width;
    for (let ox = 0; ox < width; ox++) out[base + ox] = Math.round((sums[ox] as number) / area);
  }
  return { width, height, pixels: out };
}

/** Bilinear resampling to an exact size (for factors between one half and two). */
function bilinear(g: Grey, width: number, height: number): Grey {
  const out = new Uint8Array(width * height);
  const sx = g.width / width;
  const sy = g.height / height;
  const maxX = g.width - 1;
  const maxY = g.height - 1;
  const x0s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(maxX, Math.max(0, (x + 0.5) * sx - 0.5));
    x0s[x] = Math.floor(fx);
    fxs[x] = fx - Math.floor(fx);
  }
  const p = g.pixels;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(maxY, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const r0 = y0 * g.width;
    const r1 = Math.min(maxY, y0 + 1) * g.width;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      const x0 = x0s[x] as number;
      const x1 = x0 < maxX ? x0 + 1 : x0;
      const wx = fxs[x] as number;
      const top = (p[r0 + x0] as number) * (1 - wx) + (p[r0 + x1] as number) * wx;
      const bottom = (p[r1 + x0] as number) * (1 - wx) + (p[r1 + x1] as number) * wx;
      out[base + x] = (top * (1 - wy) + bottom * wy + 0.5) | 0;
    }
  }
  return { width, height, pixels: out };
}

/** The image at `width` × `height`: whole-factor box averaging first, then bilinear to the exact size. */
export function resizeGrey(g: Grey, width: number, height: number): Grey {
  let src = g;
  const f = Math.floor(Math.min(g.width / width, g.height / height));
  if (f >= 2) src = boxShrink(g, f);
  if (src.width === width && src.height === height) return src;
  return bilinear(src, width, height);
}

/**
 * Turned clockwise by `degrees` about its centre (as sharp's rotate), on a canvas grown to hold all
 * of it, the corners brought in white. Bilinear, so straightened strokes stay smooth.
 */
export function rotateGrey(g: Grey, degrees: number): Grey {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const width = Math.ceil(Math.abs(g.width * cos) + Math.abs(g.height * sin) - 1e-6);
  const height = Math.ceil(Math.abs(g.width * sin) + Math.abs(g.height * cos) - 1e-6);
  const out = new Uint8Array(width * height);
  const cx = g.width / 2;
  const cy = g.height / 2;
  const ocx = width / 2;
  const ocy = height / 2;
  const p = g.pixels;
  const gw = g.width;
  const maxX = g.width - 1;
  const maxY = g.height - 1;
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - ocy;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - ocx;
      // Where this output pixel comes from: the inverse turn.
      const sx = dx * cos + dy * sin + cx - 0.5;
      const sy = -dx * sin + dy * cos + cy - 0.5;
      if (sx >= 0 && sy >= 0 && sx < maxX && sy < maxY) {
        // Inside, where all four neighbours exist: the edge path's arithmetic without its clamps,
        // which cost a third of a deskewed crop's turn (same pixels).
        const x0 = sx | 0;
        const y0 = sy | 0;
        const wx = sx - x0;
        const wy = sy - y0;
        const i = y0 * gw + x0;
        const top = (p[i] as number) * (1 - wx) + (p[i + 1] as number) * wx;
        const bottom = (p[i + gw] as number) * (1 - wx) + (p[i + gw + 1] as number) * wx;
        out[row + x] = (top * (1 - wy) + bottom * wy + 0.5) | 0;
        continue;
      }
      if (sx < -0.5 || sy < -0.5 || sx > maxX + 0.5 || sy > maxY + 0.5) {
        out[row + x] = 255;
        continue;
      }
      const x0 = Math.max(0, Math.min(maxX, Math.floor(sx)));
      const y0 = Math.max(0, Math.min(maxY, Math.floor(sy)));
      const x1 = Math.min(maxX, x0 + 1);
      const y1 = Math.min(maxY, y0 + 1);
      const wx = Math.max(0, Math.min(1, sx - x0));
      const wy = Math.max(0, Math.min(1, sy - y0));
      const top = (p[y0 * gw + x0] as number) * (1 - wx) + (p[y0 * gw + x1] as number) * wx;
      const bottom = (p[y1 * gw + x0] as number) * (1 - wx) + (p[y1 * gw + x1] as number) * wx;
      out[row + x] = (top * (1 - wy) + bottom * wy + 0.5) | 0;
    }
  }
  return { width, height, pixels: out };
}

/** Luma of packed 8-bit RGB (Rec. 601 weights, as a scanner's grey mode). */
export function lumaOfRgb(rgb: Uint8Array, channels: number, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += channels) {
    out[i] = ((rgb[j] as number) * 77 + (rgb[j + 1] as number) * 150 + (rgb[j + 2] as number) * 29 + 128) >> 8;
  }
  return out;
}
