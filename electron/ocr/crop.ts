// Cuts a text block out of the upright page at full resolution, straightens it, scales it to the
// letter size tesseract's LSTM reads best, and thresholds it locally: what tesseract sees.
import sharp from 'sharp';
import { binarise } from './binarise.ts';
import { findBlobs } from './layout.ts';
import { rotateGrey } from './resample.ts';
import type { GreyPage } from './decode.ts';
import type { Quarter } from './orientation.ts';
import type { Box } from './types.ts';

/** Median letter height (mixed case) that the LSTM model reads best, in pixels. */
const TARGET_LETTER = 30;

export interface OcrImage {
  /** PNM (P5) bytes: no compression to pay for on either side. */
  readonly image: Buffer;
  readonly width: number;
  readonly height: number;
  /** Where the crop sits on the upright page, and OCR pixels per page pixel. */
  readonly origin: Box;
  readonly zoom: number;
}

export function pnm(width: number, height: number, pixels: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), pixels]);
}

/** The page turned upright (a quarter turn costs a copy; most scans need none). */
export async function uprightPage(page: GreyPage, quarter: Quarter): Promise<GreyPage> {
  if (quarter === 0) return page;
  const { data, info } = await sharp(page.pixels, { raw: { width: page.width, height: page.height, channels: 1 } })
    .rotate(quarter)
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { page: page.page, width: info.width, height: info.height, pixels: data };
}

export interface CropRequest {
  /** Block box on the upright page, in page pixels. */
  readonly box: Box;
  /** Letter size on the page, in page pixels. */
  readonly letter: number;
  /** Deskew: the text's slope in radians (positive = descending to the right). */
  readonly angle: number;
  /** Extra turn (180) for a second try when which way up was unsure. */
  readonly flip?: boolean;
  /** Letter height to scale to (benches try others). */
  readonly targetLetter?: number;
  /** Hand tesseract grey instead of the local threshold (benches compare). */
  readonly grey?: boolean;
}

export async function cropForOcr(page: GreyPage, req: CropRequest): Promise<OcrImage> {
  const pad = Math.round(Math.max(8, req.letter * 0.8));
  const x = Math.max(0, Math.floor(req.box.x - pad));
  const y = Math.max(0, Math.floor(req.box.y - pad));
  const width = Math.min(page.width - x, Math.ceil(req.box.width + 2 * pad));
  const height = Math.min(page.height - y, Math.ceil(req.box.height + 2 * pad));
  const zoom = Math.max(0.35, Math.min(3, (req.targetLetter ?? TARGET_LETTER) / Math.max(4, req.letter)));
  const outW = Math.max(8, Math.round(width * zoom));
  const outH = Math.max(8, Math.round(height * zoom));
  const scaled = await sharp(page.pixels, { raw: { width: page.width, height: page.height, channels: 1 } })
    .extract({ left: x, top: y, width, height })
    .resize(outW, outH, { kernel: zoom > 1 ? 'cubic' : 'linear' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const degrees = (-req.angle * 180) / Math.PI + (req.flip ? 180 : 0);
  // Turned here, not by a second sharp pipeline: the crop is small and the round trip is not.
  const turned = Math.abs(degrees) > 0.4 ? rotateGrey({ width: outW, height: outH, pixels: scaled }, degrees) : { width: outW, height: outH, pixels: scaled };
  const data = turned.pixels;
  const info = { width: turned.width, height: turned.height };
  const origin = { x, y, width, height };
  if (req.grey) return { image: pnm(info.width, info.height, data), width: info.width, height: info.height, origin, zoom };
  // Local threshold over a window of a few letters: brown paper and a lamp's shadow become white.
  const bin = binarise({ width: info.width, height: info.height, pixels: data }, { window: TARGET_LETTER * 4, k: 0.15, minContrast: 14 });
  const out = new Uint8Array(bin.ink.length);
  for (let i = 0; i < out.length; i++) out[i] = bin.ink[i] ? 0 : 255;
  // Grain and JPEG specks, far smaller than any full stop at this letter size, read as stray dots.
  const speck = Math.max(3, Math.round((req.targetLetter ?? TARGET_LETTER) ** 2 * 0.006));
  for (const blob of findBlobs(bin)) {
    if (blob.area > speck) continue;
    for (let y = blob.y0; y < blob.y1; y++) out.fill(255, y * bin.width + blob.x0, y * bin.width + blob.x1);
  }
  return { image: pnm(info.width, info.height, out), width: info.width, height: info.height, origin, zoom };
}

/**
 * A thresholded crop cut in two between text lines, at the blank band (at least `minGap` rows with
 * no ink) nearest the middle of its ink, so that two workers can read the halves at once. Null when
 * there is no such band (one line, or lines touching): the crop is then read whole.
 */
export function splitBetweenLines(img: OcrImage, minGap = 3): [OcrImage, OcrImage] | null {
  const { width, height } = img;
  // The pixels follow pnm()'s header, at the end of the image bytes.
  const offset = img.image.length - width * height;
  if (offset <= 0) return null;
  const inked = new Uint8Array(height);
  for (let y = 0; y < height; y++) {
    const row = offset + y * width;
    for (let x = 0; x < width; x++) {
      if ((img.image[row + x] as number) < 128) {
        inked[y] = 1;
        break;
      }
    }
  }
  const top = inked.indexOf(1);
  const bottom = inked.lastIndexOf(1);
  if (top < 0) return null;
  const middle = (top + bottom) / 2;
  let cut = -1;
  for (let y = top; y <= bottom; ) {
    if (inked[y]) {
      y++;
      continue;
    }
    let end = y;
    while (end <= bottom && !inked[end]) end++;
    const centre = Math.floor((y + end) / 2);
    if (end - y >= minGap && (cut < 0 || Math.abs(centre - middle) < Math.abs(cut - middle))) cut = centre;
    y = end;
  }
  if (cut < 0) return null;
  return [cutRows(img, 0, cut), cutRows(img, cut, height)];
}

/**
 * Rows `y0` (included) to `y1` (excluded) of a thresholded crop, as a crop of their own that still
 * knows where it sits on the page (a line read again on its own, half a block).
 */
export function cutRows(img: OcrImage, y0: number, y1: number): OcrImage {
  const { width } = img;
  const offset = img.image.length - width * img.height;
  const top = Math.max(0, Math.min(img.height, Math.floor(y0)));
  const bottom = Math.max(top, Math.min(img.height, Math.ceil(y1)));
  return {
    image: Buffer.concat([Buffer.from(`P5\n${width} ${bottom - top}\n255\n`), img.image.subarray(offset + top * width, offset + bottom * width)]),
    width,
    height: bottom - top,
    origin: { x: img.origin.x, y: img.origin.y + top / img.zoom, width: img.origin.width, height: (bottom - top) / img.zoom },
    zoom: img.zoom,
  };
}
