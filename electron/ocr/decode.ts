// From a scan file's bytes to one grey image per envelope side. Refuses, with a reason in words,
// anything that is not a readable scan: unknown formats, bombs, thumbnails, broken files.
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { UnreadableInputError } from './types.ts';
import { renderPdfPages } from './pdf.ts';
import { lumaOfRgb } from './resample.ts';

export type ScanFormat = 'jpeg' | 'png' | 'tiff' | 'webp' | 'pdf' | 'gif';

/** A decoded page: one byte per pixel, 0 = black, upright as the scanner's EXIF says. */
export interface GreyPage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly pixels: Buffer;
}

export const LIMITS = {
  /** Decompression-bomb guard: no envelope scan needs more than this. */
  maxInputPixels: 80_000_000,
  /** Below this a scan cannot hold readable address text. */
  minSide: 300,
  maxPages: 20,
} as const;

export function sniffFormat(bytes: Uint8Array): ScanFormat | null {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'tiff';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) return 'webp';
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'pdf';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46) return 'gif';
  return null;
}

function sharpOptions(page?: number): SharpOptions {
  return {
    limitInputPixels: LIMITS.maxInputPixels,
    failOn: 'error',
    sequentialRead: true,
    ...(page === undefined ? {} : { page }),
  };
}

/** Decodes one raster page to upright single-channel grey. */
async function decodeRaster(bytes: Uint8Array, page: number | undefined, index: number): Promise<GreyPage> {
  const { data, info } = await sharp(bytes, sharpOptions(page))
    .rotate() // EXIF orientation
    .toColourspace('b-w')
    .toColourspace('b-w') // a CMYK or 16-bit input comes out as 8-bit grey too
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new UnreadableInputError(`unexpected ${info.channels}-channel decode`);
  return { page: index, width: info.width, height: info.height, pixels: data };
}

/**
 * The common case (8-bit RGB or grey, upright, no alpha: what scanners write) decoded as it is and
 * turned grey here: sharp's 'b-w' conversion goes through linear light in floating point and costs
 * twice the decode itself. Anything else takes the general path above.
 */
function plainScan(meta: Metadata): boolean {
  return (meta.space === 'srgb' || meta.space === 'b-w') && meta.depth === 'uchar' && !meta.hasAlpha && (meta.orientation ?? 1) === 1 && (meta.channels === 3 || meta.channels === 1);
}

async function decodePlain(bytes: Uint8Array, index: number): Promise<GreyPage> {
  const { data, info } = await sharp(bytes, sharpOptions()).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { page: index, width: info.width, height: info.height, pixels: data };
  if (info.channels !== 3) throw new UnreadableInputError(`unexpected ${info.channels}-channel decode`);
  return { page: index, width: info.width, height: info.height, pixels: Buffer.from(lumaOfRgb(data, 3, info.width * info.height).buffer) };
}

function checkSize(width: number | undefined, height: number | undefined): void {
  if (!width || !height) throw new UnreadableInputError('image has no size');
  if (width * height > LIMITS.maxInputPixels) throw new UnreadableInputError(`image too large (${width}×${height} pixels)`);
  if (Math.min(width, height) < LIMITS.minSide) throw new UnreadableInputError(`image too small to read (${width}×${height} pixels)`);
}

/** Every page of the scan, decoded; throws UnreadableInputError with a reason. */
export async function decodeScan(bytes: Uint8Array): Promise<{ format: ScanFormat; pages: GreyPage[] }> {
  if (bytes.length === 0) throw new UnreadableInputError('empty file');
  const format = sniffFormat(bytes);
  if (format === null) throw new UnreadableInputError('not an image or PDF (unknown file format)');
  if (format === 'gif') throw new UnreadableInputError('GIF is not a scan format (use JPEG, PNG, TIFF, WebP or PDF)');
  if (format === 'pdf') return { format, pages: await renderPdfPages(bytes, LIMITS) };
  let meta: Metadata;
  try {
    // The header only (no pixels decoded), so a bomb's size is read and refused by name below.
    meta = await sharp(bytes, { ...sharpOptions(), limitInputPixels: false }).metadata();
  } catch (error) {
    throw new UnreadableInputError(`corrupt ${format} file`, { cause: error });
  }
  checkSize(meta.width, meta.height);
  const pageCount = format === 'tiff' ? (meta.pages ?? 1) : 1;
  if (format !== 'tiff' && (meta.pages ?? 1) > 1) throw new UnreadableInputError(`animated ${format} is not a scan`);
  if (pageCount > LIMITS.maxPages) throw new UnreadableInputError(`too many pages (${pageCount}; at most ${LIMITS.maxPages})`);
  const pages: GreyPage[] = [];
  for (let i = 0; i < pageCount; i++) {
    try {
      const page = pageCount === 1 && format !== 'tiff' && plainScan(meta) ? await decodePlain(bytes, i + 1) : await decodeRaster(bytes, format === 'tiff' ? i : undefined, i + 1);
      checkSize(page.width, page.height);
      pages.push(page);
    } catch (error) {
      if (error instanceof UnreadableInputError) throw error;
      throw new UnreadableInputError(`corrupt or truncated ${format} file`, { cause: error });
    }
  }
  return { format, pages };
}
