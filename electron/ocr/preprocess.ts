// Per-page preparation before any OCR: a small working copy, ink found by local contrast, text lines
// and blocks laid out, and the page turned upright (90° and 180° envelopes are common at a scanner).
import sharp from 'sharp';
import { binarise, type Binary, type Grey } from './binarise.ts';
import { characterBlobs, chainLines, findBlobs, stackBlocks, type TextBlock, type TextLine } from './layout.ts';
import { turnBinary, uprightEvidence, type Quarter } from './orientation.ts';
import type { GreyPage } from './decode.ts';

/** The working copy's longer side: enough for layout, cheap to scan in JavaScript. */
const WORK_SIDE = 1000;

export interface PageLayout {
  /** Working pixels per page pixel (≤ 1). */
  readonly scale: number;
  /** Clockwise turn that makes the page upright. */
  readonly quarter: Quarter;
  /** True when the text gave a clear sign of which way up it is. */
  readonly orientationSure: boolean;
  /** Blocks in the upright working image's coordinates. */
  readonly blocks: readonly TextBlock[];
  readonly lines: readonly TextLine[];
  readonly work: Binary;
}

export async function workingCopy(page: GreyPage): Promise<{ grey: Grey; scale: number }> {
  const longer = Math.max(page.width, page.height);
  const scale = Math.min(1, WORK_SIDE / longer);
  if (scale === 1) return { grey: { width: page.width, height: page.height, pixels: page.pixels }, scale };
  const width = Math.max(1, Math.round(page.width * scale));
  const height = Math.max(1, Math.round(page.height * scale));
  const data = await sharp(page.pixels, { raw: { width: page.width, height: page.height, channels: 1 } })
    .resize(width, height, { kernel: 'linear' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { grey: { width, height, pixels: data }, scale: width / page.width };
}

function linesOf(bin: Binary): TextLine[] {
  return chainLines(characterBlobs(findBlobs(bin), bin.width, bin.height));
}

/** Letters chained into lines: how much of the page reads as text in this direction. */
const lineCoverage = (lines: readonly TextLine[]): number => lines.reduce((n, l) => n + l.blobs.length, 0);

export async function layOutPage(page: GreyPage): Promise<PageLayout> {
  const { grey, scale } = await workingCopy(page);
  const bin = binarise(grey);
  let lines = linesOf(bin);
  let across: { bin: Binary; lines: TextLine[]; quarter: Quarter } = { bin, lines, quarter: 0 };
  // Few letters in lines across the page: try the page turned a quarter.
  const blobsInLines = lineCoverage(lines);
  if (blobsInLines < 40) {
    const turned = turnBinary(bin, 90);
    const turnedLines = linesOf(turned);
    if (lineCoverage(turnedLines) > blobsInLines * 1.5) across = { bin: turned, lines: turnedLines, quarter: 90 };
  }
  lines = across.lines;
  const evidence = uprightEvidence(lines);
  let quarter = across.quarter;
  let work = across.bin;
  if (evidence < 0) {
    quarter = ((quarter + 180) % 360) as Quarter;
    work = turnBinary(work, 180);
    lines = linesOf(work);
  }
  return { scale, quarter, orientationSure: Math.abs(evidence) >= 4, blocks: stackBlocks(lines), lines, work };
}
