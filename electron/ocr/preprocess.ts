// Per-page preparation before any OCR: a small working copy, ink found by local contrast, text lines
// and blocks laid out, and the page turned upright (90° and 180° envelopes are common at a scanner).
import { binarise, type Grey } from './binarise.ts';
import { resizeGrey } from './resample.ts';
import { characterBlobs, chainLines, findBlobs, stackBlocks, type Blob, type TextBlock, type TextLine } from './layout.ts';
import { alignmentEvidence, lineStrength, turnBlobs, turnedSize, uprightEvidence, type Quarter } from './orientation.ts';
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
  /** Size of the upright working image. */
  readonly width: number;
  readonly height: number;
  /** Wall time of the two halves: ink found, then lines, blocks and which way up. */
  readonly ms: { readonly layout: number; readonly orientation: number };
}

export function workingCopy(page: GreyPage): { grey: Grey; scale: number } {
  const longer = Math.max(page.width, page.height);
  const scale = Math.min(1, WORK_SIDE / longer);
  if (scale === 1) return { grey: { width: page.width, height: page.height, pixels: page.pixels }, scale };
  const width = Math.max(1, Math.round(page.width * scale));
  const height = Math.max(1, Math.round(page.height * scale));
  return { grey: resizeGrey(page, width, height), scale: width / page.width };
}

function linesAt(blobs: readonly Blob[], quarter: Quarter, width: number, height: number): TextLine[] {
  const size = turnedSize(quarter, width, height);
  return chainLines(characterBlobs(turnBlobs(blobs, quarter, width, height), size.width, size.height));
}

export async function layOutPage(page: GreyPage): Promise<PageLayout> {
  const started = performance.now();
  const { grey, scale } = workingCopy(page);
  const bin = binarise(grey);
  const blobs = findBlobs(bin);
  const { width, height } = bin;
  const inked = performance.now();
  // Lines run across the page or down it: the direction where letters chain into long rows wins.
  const across = linesAt(blobs, 0, width, height);
  const down = linesAt(blobs, 90, width, height);
  const turned = lineStrength(down) > 1.2 * lineStrength(across);
  let quarter: Quarter = turned ? 90 : 0;
  let lines = turned ? down : across;
  let blocks = stackBlocks(lines);
  // Two signs of which way up: letters rising above the line, and blocks aligned on the left.
  const evidence = uprightEvidence(lines) + alignmentEvidence(blocks);
  if (evidence < 0) {
    quarter = turned ? 270 : 180;
    lines = linesAt(blobs, quarter, width, height);
    blocks = stackBlocks(lines);
  }
  const ms = { layout: inked - started, orientation: performance.now() - inked };
  return { scale, quarter, orientationSure: Math.abs(evidence) >= 4, blocks, lines, ...turnedSize(quarter, width, height), ms };
}

