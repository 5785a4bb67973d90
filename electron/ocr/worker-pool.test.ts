// The pool's promises: a failed or timed-out job rejects with its id and cause, and the pool
// replaces the worker and goes on.
import { afterEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line boundaries/dependencies -- a test beside the code may use the test fixtures (not product code)
import { renderEnvelope } from '../../test/fixtures/envelopes.ts';
import sharp from 'sharp';
import { OcrJobError, OcrWorkerPool, PSM } from './worker-pool.ts';

let pool: OcrWorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

async function linePnm(text: string): Promise<Buffer> {
  const png = await renderEnvelope({ addressee: [text], width: 600, height: 120, format: 'png', seed: 2 });
  const { data, info } = await sharp(png).extract({ left: 180, top: 20, width: 420, height: 100 }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), data]);
}

describe('OCR worker pool', () => {
  it('reads with the model a job asks for: fast first, best_int on request, best_int alone without fast workers', async () => {
    pool = await OcrWorkerPool.start({ workers: 2, bestWorkers: 1 });
    expect(pool.models).toEqual(['fast', 'fast', 'best']);
    const image = await linePnm('LS6 2AB');
    for (const model of ['fast', 'best', undefined] as const) {
      const page = await pool.recognise({ image, psm: PSM.SINGLE_BLOCK, pixels: 1, jobId: `job-${model ?? 'default'}`, ...(model ? { model } : {}) });
      expect(page.text.replace(/\s/g, '')).toContain('LS62AB');
    }
    expect(pool.reads).toEqual({ fast: 2, best: 1 });
    await pool.close();
    pool = await OcrWorkerPool.start({ workers: 1, fastModel: false });
    expect(pool.models).toEqual(['best']);
    await pool.recognise({ image, psm: PSM.SINGLE_BLOCK, pixels: 1, jobId: 'job-fast-asked', model: 'fast' });
    expect(pool.reads).toEqual({ fast: 0, best: 1 });
  });

  it('refuses to start when a model is missing, saying where it looked, and never downloads one', async () => {
    const error = await OcrWorkerPool.start({ workers: 1, fastModelDir: '/nonexistent/model' }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/nonexistent|model/i);
  });

  it('rejects a job tesseract cannot read with its id and cause, and reads the next', async () => {
    pool = await OcrWorkerPool.start({ workers: 1 });
    const error = await pool.recognise({ image: Buffer.from('not an image'), psm: PSM.SINGLE_BLOCK, pixels: 1, jobId: 'job-bad' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrJobError);
    expect((error as OcrJobError).jobId).toBe('job-bad');
    expect((error as OcrJobError).cause).toBeDefined();
    const page = await pool.recognise({ image: await linePnm('LS6 2AB'), psm: PSM.SINGLE_BLOCK, pixels: 1, jobId: 'job-good' });
    expect(page.text.replace(/\s/g, '')).toContain('LS62AB');
  });

  it('times a stuck job out, replaces the worker, and goes on', async () => {
    pool = await OcrWorkerPool.start({ workers: 1, jobTimeoutMs: 1 });
    const error = await pool.recognise({ image: await linePnm('LS6 2AB'), psm: PSM.SINGLE_BLOCK, pixels: 1, jobId: 'job-slow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrJobError);
    expect(String((error as OcrJobError).cause)).toMatch(/timed out/);
  });

  it('recycles a worker after its quota of jobs and keeps reading', async () => {
    pool = await OcrWorkerPool.start({ workers: 1, recycleAfterJobs: 2 });
    const image = await linePnm('M13 9PL');
    for (let i = 0; i < 5; i++) {
      const page = await pool.recognise({ image, psm: PSM.SINGLE_BLOCK, pixels: 1, jobId: `job-${i}` });
      expect(page.text.replace(/\s/g, '')).toContain('M139PL');
    }
  });
});
