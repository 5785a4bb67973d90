// Reading again only the lines the fast model was unsure of: which lines, what best_int is shown,
// how its reads replace them, and that a failed re-read never leaves an unsure line standing.
import { describe, expect, it } from 'vitest';
import { pnm, type OcrImage } from './crop.ts';
import { linesToMend, mendLines, type LineSource } from './mend-lines.ts';
import type { OcrLine } from './types.ts';

const SURE = { word: 0.8, mean: 0.88 };
const box = { x: 0, y: 0, width: 10, height: 10 };
const line = (text: string, ...confidences: number[]): OcrLine => {
  const words = text.split(' ').map((w, i) => ({ text: w, confidence: confidences[i] ?? confidences[0] ?? 0.95, box }));
  return { text, confidence: Math.min(...words.map((w) => w.confidence)), box, words };
};

/** A 200-pixel-wide crop whose row y is filled with the value y (so a cut's rows can be checked). */
function crop(height: number, originY = 100): OcrImage {
  const pixels = new Uint8Array(200 * height);
  for (let y = 0; y < height; y++) pixels.fill(y, y * 200, (y + 1) * 200);
  return { image: pnm(200, height, pixels), width: 200, height, origin: { x: 50, y: originY, width: 400, height: height * 2 }, zoom: 0.5 };
}
/** Lines 30 pixels high, 60 apart, from row 20. */
const sourcesOf = (img: OcrImage, n: number): LineSource[] => Array.from({ length: n }, (_, i) => ({ img, top: 20 + 60 * i, bottom: 50 + 60 * i }));
const firstRow = (img: OcrImage): number => img.image[img.image.length - img.width * img.height] as number;

describe('which lines of a fast read are read again', () => {
  const block = [line('Ms B Lewis'), line('133 Mill Road'), line('Wakefield'), line('WE3 5TQ')];

  it('is the doubted postcode line alone when every word was sure', () => {
    expect(linesToMend(block, 3, SURE)).toEqual([3]);
  });

  it('is each line with an unsure word or a low mean', () => {
    const unsure = [line('Ms B Lewis'), line('133 Mill Road', 0.95, 0.7, 0.95), line('Wakefield', 0.85), line('WF3 5TQ')];
    expect(linesToMend(unsure, -1, SURE)).toEqual([1, 2]);
  });

  it('is the whole block when more than half its lines are doubtful, or it has one line', () => {
    const weak = [line('Niamh Thomas', 0.5), line('45 Orchard Way', 0.6), line('Derby', 0.7), line('DE11 4NQ')];
    expect(linesToMend(weak, -1, SURE)).toBeNull();
    expect(linesToMend([line('WE3 5TQ')], 0, SURE)).toBeNull();
  });
});

describe('mending a fast read with best_int', () => {
  it('reads a doubtful postcode line again with the line above it, and the rest of the block keeps the fast read', async () => {
    const img = crop(260);
    const fast = [line('Ms B Lewis'), line('133 Mill Road'), line('Wakefield'), line('WE3 5TQ')];
    const shown: OcrImage[] = [];
    const mended = await mendLines(fast, sourcesOf(img, 4), [3], async (cut) => {
      shown.push(cut);
      return [line('Wakefield'), line('WF3 5TQ')];
    });
    expect(mended?.map((l) => l.text)).toEqual(['Ms B Lewis', '133 Mill Road', 'Wakefield', 'WF3 5TQ']);
    expect(mended?.slice(0, 3)).toEqual(fast.slice(0, 3));
    // best_int saw two lines, not four: a third of a line above line 3's box (row 140) to a third
    // below line 4's (row 230), and the cut knows where it sits on the page.
    expect(shown).toHaveLength(1);
    expect(firstRow(shown[0]!)).toBe(130);
    expect(shown[0]!.height).toBe(240 - 130);
    expect(shown[0]!.origin.y).toBe(100 + 130 / 0.5);
  });

  it('reads a doubtful first line with the line below it', async () => {
    const img = crop(260);
    const fast = [line('Ms B Lewls', 0.6, 0.6, 0.6), line('133 Mill Road'), line('Wakefield'), line('WF3 5TQ')];
    const mended = await mendLines(fast, sourcesOf(img, 4), [0], async () => [line('Ms B Lewis'), line('133 Mill Road')]);
    expect(mended?.map((l) => l.text)).toEqual(['Ms B Lewis', '133 Mill Road', 'Wakefield', 'WF3 5TQ']);
  });

  it('gives up (the whole block is read again) when a re-read comes back empty or with a line too many or too few', async () => {
    const img = crop(260);
    const fast = [line('Ms B Lewis'), line('133 Mill Road'), line('Wakefield'), line('WE3 5TQ')];
    const sources = sourcesOf(img, 4);
    expect(await mendLines(fast, sources, [3], async () => [])).toBeNull();
    expect(await mendLines(fast, sources, [3], async () => [line('WF3 5TQ')])).toBeNull();
    expect(await mendLines(fast, sources, [3], async () => [line('Wakefield'), line('WF3'), line('5TQ')])).toBeNull();
    expect(await mendLines(fast, sources, [3], async () => [line('Wakefield'), { text: '', confidence: 0, box, words: [] }])).toBeNull();
  });

  it('does not read across two halves of a split block as one cut', async () => {
    const upper = crop(140, 100);
    const lower = crop(140, 380);
    const sources = [...sourcesOf(upper, 2), ...sourcesOf(lower, 2)];
    const fast = [line('Ms B Lewis'), line('133 Mill Road'), line('Wakefleld', 0.6), line('WF3 5TQ')];
    const shown: OcrImage[] = [];
    const mended = await mendLines(fast, sources, [2], async (cut) => {
      shown.push(cut);
      return [line('Wakefield'), line('WF3 5TQ')];
    });
    // Line 3 opens the lower half, so its context is the line below it, in the same half, and the
    // cut stops at no box of the upper half: rows 10 to 120 of the lower half.
    expect(shown[0]!.origin.y).toBe(380 + 10 / 0.5);
    expect(firstRow(shown[0]!)).toBe(10);
    expect(shown[0]!.height).toBe(110);
    expect(mended?.map((l) => l.text)).toEqual(['Ms B Lewis', '133 Mill Road', 'Wakefield', 'WF3 5TQ']);
  });
});
