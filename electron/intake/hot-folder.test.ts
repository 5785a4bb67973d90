// The hot folder's promises: each scan screened once when fully written, moved with its result,
// duplicates recognised by content, unreadable files to failed/, and a kill mid-batch recovered.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnreadableInputError, type EnvelopeReading } from '../ocr/types.ts';
import { HotFolder } from './hot-folder.ts';
import type { BatchProgress } from './progress.ts';
import type { IntakeResult, ScanReader, ScreenLetter } from './types.ts';

let folder: string;
let hot: HotFolder | null = null;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mailroom-hot-'));
});
afterEach(async () => {
  await hot?.close();
  hot = null;
  await rm(folder, { recursive: true, force: true });
});

/** A stand-in reader: a "scan" is text; it must end with END (else it was read half-written). */
function textReader(delayMs = 20, reads: string[] = []): ScanReader {
  return async (input) => {
    await sleep(delayMs);
    const text = 'bytes' in input ? Buffer.from(input.bytes).toString('utf8') : await readFile(input.path, 'utf8');
    reads.push(text);
    if (text.startsWith('GARBAGE')) throw new UnreadableInputError('not an image or PDF (unknown file format)');
    if (!text.endsWith('END\n')) throw new Error('read half-written');
    const page = { page: 1, text, addresseeText: text, addresseeBox: null, lines: [], confidence: 0.9, rotation: 0, width: 1, height: 1, unreadable: null, ms: { preprocess: 0, ocr: 0 } };
    return { pages: [page], sha256: '', format: 'text' } satisfies EnvelopeReading;
  };
}
const screen: ScreenLetter = (reading) => ({ verdict: reading.pages[0]?.text.includes('BLOCKED') ? 'HOLD' : 'CLEAR' });

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(50);
  }
}

const scansIn = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((n) => !n.endsWith('.result.json') && !n.startsWith('.')).sort();

describe('hot folder', () => {
  it('screens each dropped scan once, moves it beside with its result, and reports progress', async () => {
    const results: IntakeResult[] = [];
    const progress: BatchProgress[] = [];
    hot = await HotFolder.start({ folder, read: textReader(), screen, settleMs: 150 });
    hot.on('screened', (r) => results.push(r));
    hot.on('progress', (p) => progress.push(p));
    await writeFile(join(folder, 'a.jpg'), 'Jane Smith BLOCKED END\n');
    await writeFile(join(folder, 'b.jpg'), 'John Doe END\n');
    await writeFile(join(folder, 'c.jpg'), 'GARBAGE');
    await until(() => results.length === 3);
    expect(await scansIn(join(folder, 'processed'))).toEqual(['a.jpg', 'b.jpg']);
    expect(await scansIn(join(folder, 'failed'))).toEqual(['c.jpg']);
    expect(await scansIn(folder)).toEqual(['failed', 'processed']);
    const a = JSON.parse(await readFile(join(folder, 'processed', 'a.jpg.result.json'), 'utf8')) as IntakeResult;
    expect(a.verdict).toBe('HOLD');
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const c = JSON.parse(await readFile(join(folder, 'failed', 'c.jpg.result.json'), 'utf8')) as IntakeResult;
    expect(c).toMatchObject({ verdict: 'REVIEW', error: 'not an image or PDF (unknown file format)' });
    // The three files may arrive as one batch or several (a batch ends when the queue empties,
    // which depends on timing): each batch ends finished, and together they count every file.
    const lastOfBatch = [...new Map(progress.map((p) => [p.batchId, p])).values()];
    for (const p of lastOfBatch) expect(p).toMatchObject({ done: p.total, msLeft: 0 });
    const sum = (k: 'done' | 'total' | 'failed') => lastOfBatch.reduce((n, p) => n + p[k], 0);
    expect({ done: sum('done'), total: sum('total'), failed: sum('failed') }).toEqual({ done: 3, total: 3, failed: 1 });
    expect(progress.some((p) => p.perMinute > 0)).toBe(true);
  });

  it('does not read a scan the scanner is still writing', async () => {
    const reads: string[] = [];
    hot = await HotFolder.start({ folder, read: textReader(5, reads), screen, settleMs: 400 });
    const path = join(folder, 'slow.jpg');
    await writeFile(path, 'Jane Smith ');
    for (const part of ['BLOCKED ', 'more ', 'text ']) {
      await sleep(150);
      await writeFile(path, part, { flag: 'a' });
    }
    await sleep(150);
    await writeFile(path, 'END\n', { flag: 'a' });
    await until(async () => (await scansIn(join(folder, 'processed'))).length === 1);
    expect(reads).toEqual(['Jane Smith BLOCKED more text END\n']);
  });

  it('recognises the same scan dropped twice by its content and does not screen it again', async () => {
    const reads: string[] = [];
    const results: IntakeResult[] = [];
    hot = await HotFolder.start({ folder, read: textReader(5, reads), screen, settleMs: 100 });
    hot.on('screened', (r) => results.push(r));
    await writeFile(join(folder, 'first.jpg'), 'Jane Smith BLOCKED END\n');
    await until(() => results.length === 1);
    await writeFile(join(folder, 'again.jpg'), 'Jane Smith BLOCKED END\n');
    await writeFile(join(folder, 'first.jpg'), 'Jane Smith BLOCKED END\n');
    await until(() => results.length === 3);
    expect(reads).toHaveLength(1);
    expect(results.slice(1).every((r) => r.duplicateOf === 'processed/first.jpg' && r.verdict === 'HOLD')).toBe(true);
    const processed = await scansIn(join(folder, 'processed'));
    expect(processed).toHaveLength(3);
    expect(processed).toContain('again.jpg');
  });

  it('reads the return address and screens again when the verdict hangs on the sender', async () => {
    const asked: (boolean | undefined)[] = [];
    const base = textReader(5);
    const read: ScanReader = async (input, options) => {
      asked.push(options?.returnAddress);
      const reading = await base(input);
      return options?.returnAddress ? { ...reading, pages: reading.pages.map((p) => ({ ...p, text: `From: A1234BC\n${p.text}` })) } : reading;
    };
    const bySender: ScreenLetter = (reading) => {
      const text = reading.pages[0]?.text ?? '';
      if (!text.includes('From:')) return { verdict: 'HOLD', needsSender: true };
      return { verdict: text.includes('A1234BC') ? 'HOLD' : 'CLEAR' };
    };
    const results: IntakeResult[] = [];
    hot = await HotFolder.start({ folder, read, screen: bySender, settleMs: 100 });
    hot.on('screened', (r) => results.push(r));
    await writeFile(join(folder, 'scoped.jpg'), "Kelly O'Brien END\n");
    await until(() => results.length === 1);
    expect(asked).toEqual([undefined, true]);
    expect(results[0]).toMatchObject({ verdict: 'HOLD' });
  });

  it('drops a scan deleted while it waited in the queue, and goes on', async () => {
    const results: IntakeResult[] = [];
    const progress: BatchProgress[] = [];
    hot = await HotFolder.start({ folder, read: textReader(300), screen, concurrency: 1, settleMs: 100 });
    hot.on('screened', (r) => results.push(r));
    hot.on('progress', (p) => progress.push(p));
    for (const n of ['1', '2', '3']) await writeFile(join(folder, `${n}.jpg`), `Person ${n} END\n`);
    await until(() => progress.some((p) => p.total === 3));
    await unlink(join(folder, '3.jpg'));
    await until(() => results.length === 2);
    await hot.idle();
    expect(results.map((r) => r.name).sort()).toEqual(['1.jpg', '2.jpg']);
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2 });
  });
});

describe('hot folder after a crash', () => {
  const child = fileURLToPath(new URL('../../test/fixtures/hot-folder-child.ts', import.meta.url));
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  });

  function startChild(): { proc: ChildProcess; lines: string[] } {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, folder, '150'], { stdio: ['pipe', 'pipe', 'inherit'] });
    running.push(proc);
    const lines: string[] = [];
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
    return { proc, lines };
  }

  it('finishes the batch after a kill, losing nothing and screening nothing twice', async () => {
    const names = Array.from({ length: 16 }, (_, i) => `scan-${String(i).padStart(2, '0')}.jpg`);
    for (const [i, name] of names.entries()) await writeFile(join(folder, name), `Letter ${i}${i % 5 === 0 ? ' BLOCKED' : ''} END\n`);
    // The same scan again under another name, and one still being written when the crash comes.
    await writeFile(join(folder, 'scan-dup.jpg'), 'Letter 3 END\n');
    await writeFile(join(folder, 'scan-late.jpg'), 'Letter late ');

    const first = startChild();
    await until(() => first.lines.filter((l) => l.startsWith('screened')).length >= 5, 60_000);
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    await writeFile(join(folder, 'scan-late.jpg'), 'BLOCKED END\n', { flag: 'a' });

    const second = startChild();
    await until(() => second.lines.includes('idle'), 90_000);
    second.proc.stdin?.write('exit\n');
    await new Promise((r) => second.proc.once('exit', r));

    const processed = await scansIn(join(folder, 'processed'));
    expect(processed).toEqual([...names, 'scan-dup.jpg', 'scan-late.jpg'].sort());
    expect(await scansIn(join(folder, 'failed'))).toEqual([]);
    expect(await scansIn(folder)).toEqual(['failed', 'processed']);
    // Every scan has exactly one result, and the journal has each content exactly once.
    for (const name of processed) {
      const result = JSON.parse(await readFile(join(folder, 'processed', `${name}.result.json`), 'utf8')) as IntakeResult;
      expect(result.name).toBe(name);
    }
    const journal = (await readFile(join(folder, '.mailroom', 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { sha256: string; name: string });
    const hashes = journal.map((j) => j.sha256);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(hashes).toHaveLength(names.length + 1);
    const late = JSON.parse(await readFile(join(folder, 'processed', 'scan-late.jpg.result.json'), 'utf8')) as IntakeResult;
    expect(late.verdict).toBe('HOLD');
    // Of the two files with the same content, exactly one was screened; the other points to it.
    const pair = await Promise.all(['scan-03.jpg', 'scan-dup.jpg'].map(async (n) => JSON.parse(await readFile(join(folder, 'processed', `${n}.result.json`), 'utf8')) as IntakeResult));
    expect(pair.filter((r) => r.duplicateOf !== undefined)).toHaveLength(1);
    // No scan reported screened twice across both runs. One may go unreported: a kill that lands after
    // a scan was screened and moved, before its line was printed, leaves it done (its result and journal
    // entry above say so) and the restart rightly does not screen it again.
    const screened = [...first.lines, ...second.lines].filter((l) => l.startsWith('screened')).map((l) => l.split(' ')[1] ?? '');
    expect(new Set(screened).size).toBe(screened.length);
    expect(screened.every((name) => processed.includes(name))).toBe(true);
    expect(screened.length).toBeGreaterThanOrEqual(processed.length - 1);
  }, 180_000);
});
