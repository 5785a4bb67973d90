// The intake with the real OCR pipeline and screening engine: rendered envelopes dropped in the hot
// folder or given as a batch come out HOLD, CLEAR or REVIEW as they should.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocklistSchema } from '../../shared/blocklist/format.ts';
import { screenPages } from '../../shared/letters/screen-pages.ts';
import { buildEngine } from '../../shared/screening/engine.ts';
// eslint-disable-next-line boundaries/dependencies -- a test beside the code may use the test fixtures (not product code)
import { renderEnvelope } from '../../test/fixtures/envelopes.ts';
import { createOcrPipeline, type OcrPipeline } from '../ocr/pipeline.ts';
import { screenBatch } from './batch.ts';
import { HotFolder } from './hot-folder.ts';
import type { IntakeResult, ScreenLetter } from './types.ts';

let dir: string;
let pipeline: OcrPipeline;
let screen: ScreenLetter;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailroom-intake-'));
  const list = blocklistSchema.parse(JSON.parse(await readFile(fileURLToPath(new URL('../../assets/demo-blocklist.json', import.meta.url)), 'utf8')));
  const engine = buildEngine(list);
  screen = (reading) => {
    const result = screenPages(engine, reading.pages);
    return { verdict: result.verdict, reviewReason: result.pages.find((p) => p.reviewReason)?.reviewReason ?? null };
  };
  pipeline = await createOcrPipeline({ workers: 1 });
  await mkdir(join(dir, 'inbox'));
  await writeFile(join(dir, 'inbox', '1-blocked.jpg'), await renderEnvelope({ addressee: ['The Occupier', '27B Brunswick Street', 'Manchester', 'M13 9PL'], stamp: true, seed: 21 }));
  await writeFile(join(dir, 'inbox', '2-clear.jpg'), await renderEnvelope({ addressee: ['Mr Peter Quinn', '22 Elm Grove', 'York', 'YO10 5DD'], stamp: true, seed: 22 }));
  await writeFile(join(dir, 'inbox', '3-corrupt.jpg'), 'not a scan');
});

afterAll(async () => {
  await pipeline?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('intake with the OCR pipeline', () => {
  it('screens a folder given as a batch, in name order, with progress', async () => {
    const progress: number[] = [];
    const items = await screenBatch([join(dir, 'inbox')], { read: (i) => pipeline.read(i), screen, concurrency: 2, onProgress: (p) => progress.push(p.done) });
    expect(items.map((i) => i.input.split('/').pop())).toEqual(['1-blocked.jpg', '2-clear.jpg', '3-corrupt.jpg']);
    expect(items.map((i) => i.outcome?.verdict ?? 'REVIEW')).toEqual(['HOLD', 'CLEAR', 'REVIEW']);
    expect(items[2]!.error).toMatch(/not an image/);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('screens scans dropped in the hot folder and moves them with their verdicts', async () => {
    const folder = join(dir, 'hot');
    await mkdir(folder);
    const hot = await HotFolder.start({ folder, read: (i) => pipeline.read(i), screen, settleMs: 200 });
    const results: IntakeResult[] = [];
    hot.on('screened', (r) => results.push(r));
    for (const name of ['1-blocked.jpg', '2-clear.jpg', '3-corrupt.jpg']) await writeFile(join(folder, name), await readFile(join(dir, 'inbox', name)));
    while (results.length < 3) await new Promise((r) => setTimeout(r, 100));
    await hot.close();
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName['1-blocked.jpg']).toMatchObject({ verdict: 'HOLD', moved: 'processed/1-blocked.jpg' });
    expect(byName['2-clear.jpg']).toMatchObject({ verdict: 'CLEAR', moved: 'processed/2-clear.jpg' });
    expect(byName['3-corrupt.jpg']).toMatchObject({ verdict: 'REVIEW', moved: 'failed/3-corrupt.jpg' });
    // The result file keeps confidences and timings, not what was read.
    const stored = await readFile(join(folder, 'processed', '1-blocked.jpg.result.json'), 'utf8');
    expect(stored).not.toMatch(/Brunswick/i);
  });
});
