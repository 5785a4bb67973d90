// The pipeline end to end on rendered scans: every accepted format read, every bad input refused
// with its reason, and the pool still healthy afterwards.
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line boundaries/dependencies -- a test beside the code may use the test fixtures (not product code)
import { writeBadInputs, writeGoodInputs, type BadInput, type GoodInput } from '../../test/fixtures/bad-inputs.ts';
// eslint-disable-next-line boundaries/dependencies -- a test beside the code may use the test fixtures (not product code)
import { renderEnvelope } from '../../test/fixtures/envelopes.ts';
import { createOcrPipeline, type OcrPipeline } from './pipeline.ts';
import { UnreadableInputError, type StageTimes } from './types.ts';

let dir: string;
let pipeline: OcrPipeline;
let bad: Record<string, BadInput>;
let good: Record<string, GoodInput>;

const compact = (s: string | null | undefined): string => (s ?? '').toUpperCase().replace(/[^A-Z0-9]+/g, '');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailroom-ocr-'));
  [bad, good, pipeline] = await Promise.all([writeBadInputs(join(dir, 'bad')), writeGoodInputs(join(dir, 'good')), createOcrPipeline({ workers: 1 })]);
});

afterAll(async () => {
  await pipeline?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('reading scans', () => {
  it.each(['jpeg', 'cmyk-jpeg', 'png-16-bit', 'exif-rotated-jpeg', 'webp', 'tiff-two-sides', 'pdf'])('reads the addressee off a %s scan', async (name) => {
    const input = good[name]!;
    const reading = await pipeline.read({ path: input.file });
    expect(reading.format).toBe(input.format);
    expect(reading.pages).toHaveLength(input.pages);
    const front = reading.pages[0]!;
    expect(front.unreadable).toBeNull();
    expect(compact(front.addresseeText)).toContain('LS62AB');
    expect(compact(front.addresseeText)).toContain('FLAT214ACACIAROAD');
    expect(front.confidence).toBeGreaterThan(0.7);
    // The box lies on the page and holds the block.
    const box = front.addresseeBox!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(front.width + 1);
    expect(box.height).toBeGreaterThan(40);
    expect(reading.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the return address on the back of a two-sided scan, for the sender', async () => {
    const reading = await pipeline.read({ path: good['tiff-two-sides']!.file });
    expect(compact(reading.pages[1]!.text)).toContain('A1234BC');
  });

  it.each([90, 180, 270])('turns an envelope lying at %i degrees upright before reading it', async (rotation) => {
    const bytes = await renderEnvelope({ addressee: ['Mr Tom Hughes', '41 Castle Street', 'Cardiff', 'CF10 1BS'], stamp: true, rotation, seed: rotation });
    const page = (await pipeline.read({ bytes, name: `turned-${rotation}.jpg` })).pages[0]!;
    expect(compact(page.addresseeText)).toContain('CF101BS');
    expect(Math.round(page.rotation / 90) * 90 % 360).toBe((360 - rotation) % 360);
  });

  it('reads a skewed envelope on manila paper under uneven light', async () => {
    const bytes = await renderEnvelope({
      addressee: ['Mrs M Okonkwo-Hale', 'Rose Cottage', '3 Mill Lane', 'Ilkley', 'LS29 8QT'],
      returnAddress: ['From: B2345CD A. Person', 'HMP Wakefield, 5 Love Lane'],
      paper: 'manila', unevenLight: true, rotation: -4, noise: 0.05, blur: 0.6, quality: 50, stamp: true, seed: 9,
    });
    const page = (await pipeline.read({ bytes, name: 'manila.jpg' }, { returnAddress: true })).pages[0]!;
    expect(compact(page.addresseeText)).toContain('3MILLLANE');
    // (S read as 5 is the engine's to repair: it knows postcodes.)
    expect(compact(page.addresseeText)).toMatch(/L[S5]298QT$/);
    // The return address is read too (for the sender's prison number), but is not the addressee.
    expect(compact(page.text)).toContain('B2345CD');
    expect(compact(page.addresseeText)).not.toContain('B2345CD');
  });

  it('marks a page with no writing unreadable instead of reading nothing into it', async () => {
    const bytes = await renderEnvelope({ addressee: [], stamp: true, seed: 3 });
    const page = (await pipeline.read({ bytes, name: 'blank.jpg' })).pages[0]!;
    expect(page.unreadable).not.toBeNull();
    expect(page.addresseeText).toBeNull();
  });
});

describe('two models', () => {
  it('keeps a sure fast-model read of a clean print, and has best_int read again what the fast model was unsure of', async () => {
    const stages: StageTimes[] = [];
    const reader = await createOcrPipeline({ workers: 1, onStages: (s) => stages.push(s) });
    try {
      const clean = (await reader.read({ path: good.jpeg!.file })).pages[0]!;
      expect(compact(clean.addresseeText)).toContain('LS62AB');
      expect(stages.at(-1)).toMatchObject({ jobs: 1, bestJobs: 0 });
      const scrawl = await renderEnvelope({ addressee: ['Niamh Thomas', '45 Orchard Way', 'Derby', 'DE11 4NQ'], font: 'Kristi', fontSize: 58, seed: 5 });
      const page = (await reader.read({ bytes: scrawl, name: 'scrawl.jpg' })).pages[0]!;
      expect(stages.at(-1)!.bestJobs).toBeGreaterThanOrEqual(1);
      // Whatever was made of it, it is not passed off as a confident read.
      expect(page.confidence < 0.88 || page.unreadable !== null).toBe(true);
    } finally {
      await reader.close();
    }
  });
});

describe('reading again only what the fast model doubted', () => {
  it('has best_int read the doubtful lines of a printed block, with a line beside them, and keeps the fast read of the rest', async () => {
    const stages: StageTimes[] = [];
    const shown: number[] = [];
    const reader = await createOcrPipeline({ workers: 1, onStages: (s) => stages.push(s), tap: (_id, image) => shown.push(Number(/^P5\s+\d+\s+(\d+)/.exec(image.toString('latin1', 0, 20))?.[1])) });
    try {
      // A bench envelope (printed-11-48) whose postcode line the fast model reads with an unsure word.
      const bytes = await renderEnvelope({ addressee: ['Ms B Lewis', '133 Mill Road', 'Wakefield', 'WF3 5TQ'], font: 'Liberation Serif', fontSize: 30, rotation: 0.1, noise: 0.04, quality: 67, paper: 'white', stamp: true, unevenLight: true, seed: 1100081, returnAddress: ['From: N5776XH Noah Doyle', 'HMP Leeds, 2 Gloucester Terrace'] });
      const page = (await reader.read({ bytes, name: 'wakefield.jpg' })).pages[0]!;
      expect(stages.at(-1)).toMatchObject({ jobs: 2, bestJobs: 1 });
      // The block went to the fast model whole; best_int was shown half of it or less.
      expect(shown).toHaveLength(2);
      expect(shown[1]!).toBeLessThanOrEqual(shown[0]! / 2 + 4);
      expect(compact(page.addresseeText)).toBe('MSBLEWIS133MILLROADWAKEFIELDWF35TQ');
      expect(page.unreadable).toBeNull();
    } finally {
      await reader.close();
    }
  });
});

describe('bad input', () => {
  it.each(['zero-byte', 'truncated-jpeg', 'text-named-jpg', 'png-bomb', 'thumbnail', 'animated-gif', 'broken-pdf', 'password-pdf', 'pdf-300-pages'])(
    'refuses %s with a reason',
    async (name) => {
      const input = bad[name]!;
      const error = await pipeline.read({ path: input.file }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnreadableInputError);
      expect((error as UnreadableInputError).reason).toMatch(input.reason);
    },
  );

  it('refuses a file deleted while it waited, and reads the next one normally', async () => {
    const doomed = join(dir, 'deleted.jpg');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(doomed, await renderEnvelope({ addressee: ['A Person', '1 High Street', 'York', 'YO1 7HH'], seed: 1 }));
    await unlink(doomed);
    const [gone, next] = await Promise.allSettled([pipeline.read({ path: doomed }), pipeline.read({ path: good.jpeg!.file })]);
    expect(gone.status).toBe('rejected');
    expect(((gone as PromiseRejectedResult).reason as UnreadableInputError).reason).toMatch(/not found/);
    expect(next.status).toBe('fulfilled');
  });

  it('still reads normally after the whole bad corpus', async () => {
    for (const input of Object.values(bad)) await pipeline.read({ path: input.file }).catch(() => undefined);
    const page = (await pipeline.read({ path: good.jpeg!.file })).pages[0]!;
    expect(compact(page.addresseeText)).toContain('LS62AB');
  });
});
