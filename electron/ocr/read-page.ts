// Reads one envelope side: lay out the text, pick the addressee block, recognise it at block level,
// and say whether what was read can be trusted. A page that cannot be trusted carries `unreadable`
// (REVIEW, back to the officer); the whole page is read only when the layout is unsure.
import type { Page } from 'tesseract.js';
import type { GreyPage } from './decode.ts';
import { cropForOcr, pnm, splitBetweenLines, uprightPage, type OcrImage } from './crop.ts';
import { confidenceOf, linesToMend, mendLines, type LineSource } from './mend-lines.ts';
import { rankBlocks, type RankedBlock } from './locate.ts';
import { layOutPage } from './preprocess.ts';
import { LOW_CONFIDENCE_ADDRESSEE, secondLook, type BlocklistKnowledge } from '../../shared/reading/second-look.ts';
import { createLogger } from '../services/log.ts';
import { PSM, type OcrWorkerPool } from './worker-pool.ts';
import type { OcrModel } from './model.ts';
import { findPostcodeInLine } from '../../shared/screening/postcode/postcode.ts';
import { foldText } from '../../shared/screening/text/fold.ts';
import type { Box, OcrLine, PageReading, StageTimes } from './types.ts';

export interface ReadPageOptions {
  readonly jobId: string;
  readonly decodeMs: number;
  /** Read every text block (return address, banners), not only the addressee. */
  readonly fullPage: boolean;
  /** Read a return-address block when one is seen (for the sender's prison number). */
  readonly returnAddress: boolean;
  readonly tap?: ((jobId: string, pnm: Buffer) => void) | undefined;
  /**
   * What the blocklist holds: a low-confidence addressee far from every entry is screened as read
   * instead of going to REVIEW `unreadable` (shared/reading/second-look.ts). Without it, it stays REVIEW.
   */
  readonly knowledge?: BlocklistKnowledge | undefined;
  /**
   * false: a fast read with doubtful lines is read again whole by best_int, never line by line (the
   * benches' baseline in the same run). Default true.
   */
  readonly lineRereads?: boolean | undefined;
  /** Told where the page's time went (benches). */
  readonly onStages?: ((stages: StageTimes) => void) | undefined;
}

/**
 * Below this mean word confidence the addressee is not trusted: REVIEW `unreadable`. Chosen on the
 * handwriting-like bench (recall of blocked letters first): 0.6 stops 96% of them; 0.55 only 93%.
 */
export const MIN_ADDRESSEE_CONFIDENCE = 0.6;

/** Below this the addressee block is read again with other preprocessing. */
const WEAK_READ = 0.75;

/**
 * A block read by the fast model is kept only when it is this sure: every word at least
 * FAST_SURE_WORD and the length-weighted mean at least FAST_SURE_MEAN. Anything less is read again by
 * best_int. On printed envelopes the fast model's wrong digits (9 read as S or Y, 1 as i) came with a
 * word below 0.8 while its right reads sat at 0.88-0.96. With postcodeDoubtful below, about one printed
 * envelope in four or five gets a best_int read on the bench.
 */
const FAST_SURE_WORD = 0.8;
const FAST_SURE_MEAN = 0.88;

/** Blocks of this many lines or more are read by two fast workers at once, in halves (readFast). */
const SPLIT_FROM_LINES = 3;

/**
 * What an address is written with, plus ) and ]: the model reads a capital J that drops below the
 * line as one of them, and without them it drops the J altogether. They become J again below.
 * Keeping tesseract to these stops other misreads of address text (l as |, a stray : or ;).
 */
export const ADDRESS_CHARACTERS = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.-'&/)]`;

/** A ) or ] touching letters or digits is a J ("4S)" in "YO6 4SJ"); addresses have no brackets. */
const asJ = (word: string): string => (/[A-Za-z0-9]/.test(word) ? word.replace(/[)\]]/g, 'J') : word);

const log = createLogger('ocr-read');

const POSTCODE_LIKE = /\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b/i;
const POSTCODE_WHOLE = /^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$/i;

interface BlockRead {
  readonly lines: readonly OcrLine[];
  /** Where each line was read (parallel to `lines`), so one line can be read again on its own. */
  readonly sources: readonly LineSource[];
  readonly confidence: number;
  /** The least sure word's confidence (1 with no words). */
  readonly weakest: number;
  readonly box: Box;
  /** Degrees the crop was turned to straighten it (0 for a whole-page read). */
  readonly deskew: number;
}

function linesFrom(page: Page, img: OcrImage): { lines: OcrLine[]; sources: LineSource[] } {
  const toPage = (b: { x0: number; y0: number; x1: number; y1: number }): Box => ({
    x: Math.round(img.origin.x + b.x0 / img.zoom),
    y: Math.round(img.origin.y + b.y0 / img.zoom),
    width: Math.round((b.x1 - b.x0) / img.zoom),
    height: Math.round((b.y1 - b.y0) / img.zoom),
  });
  const lines: OcrLine[] = [];
  const sources: LineSource[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words
          .filter((w) => w.text.trim().length > 0)
          .map((w) => ({ text: asJ(w.text), confidence: w.confidence / 100, box: toPage(w.bbox) }));
        trimAfterPostcode(words);
        const text = words.map((w) => w.text).join(' ').trim();
        if (text.length === 0) continue;
        lines.push({ text, confidence: line.confidence / 100, box: toPage(line.bbox), words });
        sources.push({ img, top: line.bbox.y0, bottom: line.bbox.y1 });
      }
    }
  }
  return { lines, sources };
}

/**
 * Unsure marks after a postcode on its line ("LS6 2AB ut", "BD7 3FB - af") are the envelope's edge,
 * a smudge or a stamp's corner, not address: a postcode ends its line. Removed in place.
 */
function trimAfterPostcode(words: { text: string; confidence: number }[]): void {
  const joined = words.map((w) => w.text);
  for (let end = words.length - 1; end >= 0; end--) {
    const pair = end >= 1 ? `${joined[end - 1] ?? ''} ${joined[end] ?? ''}` : '';
    const single = joined[end] ?? '';
    if (!POSTCODE_WHOLE.test(pair) && !POSTCODE_WHOLE.test(single)) continue;
    const after = words.slice(end + 1);
    if (after.length > 0 && after.every((w) => w.confidence < 0.7 || w.text.length <= 2)) words.splice(end + 1);
    return;
  }
}

function weakestOf(lines: readonly OcrLine[]): number {
  let weakest = 1;
  for (const line of lines) for (const w of line.words) weakest = Math.min(weakest, w.confidence);
  return weakest;
}

/**
 * A line ending in something shaped like a postcode that is no postcode even after the engine's
 * repairs ("WE3 5TQ": there is no WE area) is a misread the fast model was sure of: the fast model
 * reading the lower half of a split block turned WF into WE on three Wakefield letters of the bench.
 */
export function postcodeDoubtful(lines: readonly OcrLine[]): boolean {
  return doubtfulPostcodeLine(lines) >= 0;
}

/** The line postcodeDoubtful doubts (the last postcode-shaped line), or -1. */
function doubtfulPostcodeLine(lines: readonly OcrLine[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = lines[i]?.text ?? '';
    if (!POSTCODE_LIKE.test(text)) continue;
    return findPostcodeInLine(foldText(text)) === null ? i : -1;
  }
  return -1;
}

/**
 * Whether best_int's read of a postcode line contradicts the fast model's: the fast model read a real
 * postcode (after the engine's repairs) and best_int read another one, or none. Lines the fast model
 * was sure of are kept as read and never disagree. A fast postcode that was no postcode
 * (postcodeDoubtful) is not contradicted: that is what best_int was asked to read again.
 */
export function postcodesDisagree(fast: readonly OcrLine[], mended: readonly OcrLine[]): boolean {
  for (let i = Math.max(fast.length, mended.length) - 1; i >= 0; i--) {
    const before = fast[i];
    const after = mended[i];
    if (!POSTCODE_LIKE.test(before?.text ?? '') && !POSTCODE_LIKE.test(after?.text ?? '')) continue;
    if (before === after) return false;
    const read = findPostcodeInLine(foldText(before?.text ?? ''));
    if (!read) return false;
    const reread = findPostcodeInLine(foldText(after?.text ?? ''));
    const units = new Set(read.readings.map((r) => r.unit));
    return !reread || !reread.readings.some((r) => units.has(r.unit));
  }
  return false;
}

/** How much a read looks like an address: its confidence, plus a postcode-shaped line. */
function addressLikeness(read: BlockRead): number {
  const postcode = read.lines.some((l) => POSTCODE_LIKE.test(l.text)) ? 0.3 : 0;
  return read.confidence + postcode + Math.min(read.lines.length, 5) * 0.02;
}

export async function readPage(pool: OcrWorkerPool, page: GreyPage, options: ReadPageOptions): Promise<PageReading> {
  const started = performance.now();
  let preprocessMs = options.decodeMs;
  let ocrMs = 0;
  let cropMs = 0;
  const layout = await layOutPage(page);
  const laidOut = performance.now();
  const upright = await uprightPage(page, layout.quarter);
  const ranking = rankBlocks(layout.blocks, layout.width, layout.height);
  const locateMs = performance.now() - laidOut;
  preprocessMs += performance.now() - started;
  let jobs = 0;
  let bestJobs = 0;

  const toPageBox = (b: Box): Box => ({ x: b.x / layout.scale, y: b.y / layout.scale, width: b.width / layout.scale, height: b.height / layout.scale });
  interface Crop {
    readonly img: OcrImage;
    readonly box: Box;
    readonly deskew: number;
  }
  const cropBlock = async (ranked: RankedBlock, variant: { flip?: boolean; grey?: boolean; targetLetter?: number }): Promise<Crop> => {
    const t0 = performance.now();
    const angles = ranked.block.lines.map((l) => l.angle).sort((a, b) => a - b);
    const box = toPageBox(ranked.block.box);
    const angle = angles[Math.floor(angles.length / 2)] ?? 0;
    const img = await cropForOcr(upright, { box, letter: ranked.block.size / layout.scale, angle, ...variant });
    const took = performance.now() - t0;
    preprocessMs += took;
    cropMs += took;
    const deskew = Math.round((-angle * 180) / Math.PI * 10) / 10;
    return { img, box: { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) }, deskew };
  };
  /** One image read as a block by `model`: a job counted, timed and tapped like every other. */
  const recogniseImage = async (img: OcrImage, model: OcrModel): Promise<{ lines: OcrLine[]; sources: LineSource[] }> => {
    const t1 = performance.now();
    jobs += 1;
    if (model === 'best') bestJobs += 1;
    const jobId = `${options.jobId}-${jobs}`;
    options.tap?.(jobId, img.image);
    const result = await pool.recognise({ image: img.image, psm: PSM.SINGLE_BLOCK, whitelist: process.env.MAILROOM_OCR_NO_WHITELIST ? undefined : ADDRESS_CHARACTERS, pixels: img.width * img.height, jobId, model });
    ocrMs += performance.now() - t1;
    return linesFrom(result, img);
  };
  const recogniseCrop = async (crop: Crop, model: OcrModel): Promise<BlockRead> => {
    const { lines, sources } = await recogniseImage(crop.img, model);
    return { lines, sources, confidence: confidenceOf(lines), weakest: weakestOf(lines), box: crop.box, deskew: crop.deskew };
  };
  /** A few lines cut out of a crop, read by best_int as a block. */
  const rereadLine = async (img: OcrImage): Promise<readonly OcrLine[]> => (await recogniseImage(img, 'best')).lines;
  /**
   * A block read by the fast model, and again by best_int unless every word was sure (FAST_SURE_*).
   * When at most half its lines are doubtful (a word or the line's mean below FAST_SURE_*, or a
   * postcode that is no postcode), best_int reads just those lines, each cut out on its own, and its
   * reads replace them; the sure lines keep the fast read (mend-lines.ts). Otherwise, or when a line
   * read comes back empty, or the postcode is still no postcode or not the one the fast model read
   * (postcodesDisagree), best_int reads the whole block and its read is kept (the thresholds below
   * were set on its confidences, and on weak handwriting the fast model is surer than it should be:
   * keeping whichever of the two read more like an address let blocked handwriting through, recall
   * 97.2% against 100% on the bench's 106).
   * Variants (re-reads of weak handwriting) go straight to best_int: the fast model was unsure already.
   */
  const readBlock = async (ranked: RankedBlock, variant: { flip?: boolean; grey?: boolean; targetLetter?: number } = {}, first: OcrModel = 'fast'): Promise<BlockRead> => {
    const crop = await cropBlock(ranked, variant);
    if (first === 'best' || !pool.hasFast) return recogniseCrop(crop, 'best');
    const quick = await readFast(crop, ranked.block.lines.length);
    const postcodeLine = doubtfulPostcodeLine(quick.lines);
    if (quick.confidence >= FAST_SURE_MEAN && quick.weakest >= FAST_SURE_WORD && postcodeLine < 0) return quick;
    const doubtful = options.lineRereads === false ? null : linesToMend(quick.lines, postcodeLine, { word: FAST_SURE_WORD, mean: FAST_SURE_MEAN });
    const mended = doubtful ? await mendLines(quick.lines, quick.sources, doubtful, rereadLine) : null;
    // A postcode still no postcode after its line was read again, or another postcode than the fast
    // model read: the whole block gets the last word (with one line above, best_int kept WE7 where
    // the whole block read WF7, and read 47D where the fast model and the whole block read 4ZD).
    if (mended && doubtfulPostcodeLine(mended) < 0 && !postcodesDisagree(quick.lines, mended)) return { ...quick, lines: mended, sources: [], confidence: confidenceOf(mended), weakest: weakestOf(mended) };
    return recogniseCrop(crop, 'best');
  };

  /**
   * The fast read of a block of SPLIT_FROM_LINES lines or more is split between two fast workers, top
   * lines and bottom lines at once, when two are free: the officer at the scanner waits for half the
   * lines. In a batch the workers are busy and each block is read whole: two half-jobs cost more CPU
   * than one whole job (each pays tesseract's per-image set-up), and a batch is bound by CPU.
   * Both ways go through the same checks (FAST_SURE_*, postcodeDoubtful, best_int, the second look):
   * on the bench's printed envelopes both read 99.5% of postcodes exactly and stop every blocked letter.
   */
  const readFast = async (crop: Crop, lines: number): Promise<BlockRead> => {
    const halves = pool.idleFastWorkers >= 2 && lines >= SPLIT_FROM_LINES ? splitBetweenLines(crop.img) : null;
    if (!halves) return recogniseCrop(crop, 'fast');
    const [upper, lower] = await Promise.all(halves.map((img) => recogniseCrop({ ...crop, img }, 'fast')));
    const joined = [...(upper?.lines ?? []), ...(lower?.lines ?? [])];
    const sources = [...(upper?.sources ?? []), ...(lower?.sources ?? [])];
    return { lines: joined, sources, confidence: confidenceOf(joined), weakest: weakestOf(joined), box: crop.box, deskew: crop.deskew };
  };

  const readWholePage = async (): Promise<BlockRead> => {
    const t1 = performance.now();
    jobs += 1;
    bestJobs += 1;
    // The last resort for a page nothing else read: best_int, the more careful model.
    const result = await pool.recognise({ image: pnm(upright.width, upright.height, upright.pixels), psm: PSM.SPARSE_TEXT, pixels: upright.width * upright.height, jobId: `${options.jobId}-${jobs}`, model: 'best' });
    ocrMs += performance.now() - t1;
    const img: OcrImage = { image: Buffer.alloc(0), width: upright.width, height: upright.height, origin: { x: 0, y: 0, width: upright.width, height: upright.height }, zoom: 1 };
    const { lines } = linesFrom(result, img);
    return { lines, sources: [], confidence: confidenceOf(lines), weakest: weakestOf(lines), box: img.origin, deskew: 0 };
  };

  let addressee: BlockRead | null = null;
  let rotation: number = layout.quarter;
  const others: BlockRead[] = [];
  if (ranking.addressee) {
    addressee = await readBlock(ranking.addressee);
    if (!layout.orientationSure && addressee.confidence < 0.8) {
      // Which way up was a guess and the read is weak: try the other way and keep the better.
      const flipped = await readBlock(ranking.addressee, { flip: true });
      if (addressLikeness(flipped) > addressLikeness(addressee)) {
        addressee = flipped;
        rotation = (rotation + 180) % 360;
      }
    }
    if (addressee.confidence < WEAK_READ) {
      // A weak read (handwriting, thin or faint strokes): the same block thresholded differently,
      // or larger, often reads better. Keep whichever reads most like an address.
      const flip = rotation !== layout.quarter;
      for (const variant of [{ grey: true }, { targetLetter: 44 }]) {
        const retry = await readBlock(ranking.addressee, { flip, ...variant }, 'best');
        if (addressLikeness(retry) > addressLikeness(addressee)) addressee = retry;
        if (addressee.confidence >= WEAK_READ) break;
      }
    }
    if (ranking.unsure) {
      const second = ranking.ranked.find((r) => r !== ranking.addressee && r.block.lines.length >= 2);
      if (second) {
        const other = await readBlock(second);
        if (addressLikeness(other) > addressLikeness(addressee)) {
          others.push(addressee);
          addressee = other;
        } else others.push(other);
      }
    }
  }
  if (!addressee || addressee.confidence < MIN_ADDRESSEE_CONFIDENCE) {
    // Nothing trustworthy from the layout: the whole page, block by block, is the last resort.
    const whole = await readWholePage();
    if (!addressee || addressLikeness(whole) > addressLikeness(addressee)) addressee = whole.lines.length > 0 ? whole : addressee;
  } else if (options.fullPage) {
    for (const r of ranking.ranked) if (r !== ranking.addressee && r.block.lines.length > 0) others.push(await readBlock(r));
  } else if (options.returnAddress && ranking.returnAddress) {
    others.push(await readBlock(ranking.returnAddress));
  }

  options.onStages?.({ decode: options.decodeMs, layout: layout.ms.layout, orientation: layout.ms.orientation, locate: locateMs, crop: cropMs, recognise: ocrMs, jobs, bestJobs });
  const addresseeLines = addressee?.lines ?? [];
  const confidence = addressee ? addressee.confidence : 0;
  let unreadable =
    addresseeLines.length === 0 ? 'no addressee found' : confidence < MIN_ADDRESSEE_CONFIDENCE ? LOW_CONFIDENCE_ADDRESSEE : null;
  const addresseeText = addresseeLines.map((l) => l.text).join('\n');
  if (unreadable !== null && addresseeLines.length > 0 && options.knowledge) {
    const look = secondLook({ addresseeText, confidence }, options.knowledge);
    // The reason names a kind of evidence, never what was read.
    log.debug(`${options.jobId}: second look at a low-confidence addressee: ${look.decision} (${look.reason})`);
    if (look.decision === 'screen-as-read') unreadable = null;
  }
  const allLines = [...others.flatMap((o) => o.lines), ...addresseeLines];
  return {
    page: page.page,
    // The addressee block last, after the return address and banners, as a person reads an envelope.
    text: [...others.map((o) => o.lines.map((l) => l.text).join('\n')), addresseeText].filter((t) => t.length > 0).join('\n\n'),
    addresseeText: addresseeLines.length > 0 ? addresseeText : null,
    addresseeBox: addressee?.box ?? null,
    lines: allLines,
    confidence,
    rotation: rotation + (addressee?.deskew ?? 0),
    width: upright.width,
    height: upright.height,
    unreadable,
    ms: { preprocess: Math.round(preprocessMs), ocr: Math.round(ocrMs) },
  };
}
