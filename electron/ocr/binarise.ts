// Ink versus paper, decided per neighbourhood: a fixed global threshold fails on brown manila and
// under a desk lamp, so each pixel is compared with the mean of the window around it (Bradley).
// Pure functions over grey pixel arrays (0 = black), so they are tested without images on disk.

export interface Grey {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row-major, 0 = black. */
  readonly pixels: Uint8Array;
}

export interface Binary {
  readonly width: number;
  readonly height: number;
  /** 1 = ink, 0 = paper. */
  readonly ink: Uint8Array;
}

export interface BinariseOptions {
  /** Window side in pixels; default one eighth of the shorter side. */
  readonly window?: number;
  /** Ink is darker than its neighbourhood mean by this fraction. */
  readonly k?: number;
  /** ...and by at least this many grey levels, so paper grain and JPEG noise stay paper. */
  readonly minContrast?: number;
}

/**
 * Summed-area table, (width + 1) × (height + 1). Whole numbers: 32-bit while every sum fits
 * (255 × pixels < 2^32, any image up to ~16.8 million pixels), else 64-bit floats, which are exact too.
 */
export function integralImage(g: Grey): Uint32Array | Float64Array {
  const { width, height, pixels } = g;
  const w1 = width + 1;
  const size = w1 * (height + 1);
  const sum = 255 * width * height < 2 ** 32 ? new Uint32Array(size) : new Float64Array(size);
  for (let y = 0; y < height; y++) {
    let row = 0;
    const base = y * width;
    const up = y * w1 + 1;
    const here = (y + 1) * w1 + 1;
    for (let x = 0; x < width; x++) {
      row += pixels[base + x] as number;
      sum[here + x] = (sum[up + x] as number) + row;
    }
  }
  return sum;
}

export function binarise(g: Grey, options: BinariseOptions = {}): Binary {
  const { width, height, pixels } = g;
  const half = Math.max(4, Math.round((options.window ?? Math.min(width, height) / 8) / 2));
  const keep = 1 - (options.k ?? 0.18);
  const minContrast = options.minContrast ?? 18;
  const sum = integralImage(g);
  const w1 = width + 1;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half) * w1;
    const y1 = Math.min(height, y + half + 1) * w1;
    const rows = (y1 - y0) / w1;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      const x0 = x > half ? x - half : 0;
      const x1 = x + half + 1 < width ? x + half + 1 : width;
      const total = (sum[y1 + x1] as number) - (sum[y0 + x1] as number) - (sum[y1 + x0] as number) + (sum[y0 + x0] as number);
      const area = rows * (x1 - x0);
      // Ink: darker than the window's mean by the fraction k and by minContrast levels. Compared
      // as sums (v × area against the window's total), so no division per pixel.
      const va = (pixels[base + x] as number) * area;
      if (va < total * keep && total - va > minContrast * area) ink[base + x] = 1;
    }
  }
  return { width, height, ink };
}

/** Grey levels stretched so the darkest ink is black and the paper white (per-image contrast). */
export function stretch(g: Grey, lowPercentile = 0.01, highPercentile = 0.9): Grey {
  const hist = new Uint32Array(256);
  for (const v of g.pixels) hist[v] = (hist[v] ?? 0) + 1;
  const n = g.pixels.length;
  let acc = 0;
  let lo = 0;
  let hi = 255;
  for (let v = 0; v < 256; v++) {
    acc += hist[v] ?? 0;
    if (acc <= n * lowPercentile) lo = v;
    if (acc <= n * highPercentile) hi = v;
  }
  if (hi - lo < 8) return g;
  const scale = 255 / (hi - lo);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round((v - lo) * scale)));
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = lut[g.pixels[i] ?? 0] ?? 0;
  return { width: g.width, height: g.height, pixels: out };
}
