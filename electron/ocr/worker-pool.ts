// A pool of tesseract.js workers (each a worker thread running the wasm engine), sized to the machine,
// warmed at start and recycled after a set number of jobs or an oversized image so memory stays flat.
// Every job has an id and a timeout; a stuck or crashed worker is replaced, never waited on forever.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker, type Page } from 'tesseract.js';
import { createLogger } from '../services/log.ts';
import { checkModelDir, resolveModelDir, type OcrModel } from './model.ts';

const log = createLogger('ocr-pool');

export { PSM };

export interface RecognitionJob {
  /** An encoded image tesseract's leptonica reads: PNM (fastest), PNG, ... */
  readonly image: Buffer;
  readonly psm: PSM;
  /** Deskew applied inside tesseract, radians. */
  readonly rotateRadians?: number;
  /** Restrict the characters tesseract may answer (e.g. for a postcode re-read). */
  readonly whitelist?: string;
  /** Counts toward recycling a worker early (pixels of the image). */
  readonly pixels: number;
  readonly jobId: string;
  /** Which model reads it (default `fast`; `fast` jobs go to `best` workers when the pool has no fast ones). */
  readonly model?: OcrModel;
}

export interface PoolOptions {
  /** Workers with the fast model (every block's first read): one per core, at most four. */
  readonly workers?: number;
  /** Workers with the best_int model (re-reads of what the fast one was unsure of): half as many, at least one. */
  readonly bestWorkers?: number;
  /** false: no fast workers, every read by best_int (the benches' baseline in the same run). */
  readonly fastModel?: boolean;
  /** Where best_int is (default: resolveModelDir('best')). */
  readonly modelDir?: string;
  /** Where the fast model is (default: resolveModelDir('fast')). */
  readonly fastModelDir?: string;
  readonly jobTimeoutMs?: number;
  readonly createTimeoutMs?: number;
  /** Replace a worker after this many jobs (wasm heaps only grow). */
  readonly recycleAfterJobs?: number;
  /** Replace a worker after it read an image bigger than this (pixels). */
  readonly recycleAfterPixels?: number;
  /** Log a job slower than this. */
  readonly slowJobMs?: number;
}

export class OcrJobError extends Error {
  constructor(
    message: string,
    readonly jobId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OcrJobError';
  }
}

interface Slot {
  readonly index: number;
  readonly model: OcrModel;
  worker: Worker | null;
  starting: Promise<Worker> | null;
  jobs: number;
  busy: boolean;
  /** Set when the worker thread died or a job timed out: it is replaced before the next job. */
  broken: boolean;
}

interface Pending {
  readonly job: RecognitionJob;
  readonly resolve: (page: Page) => void;
  readonly reject: (error: unknown) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Fast-model worker threads for OCR: one per core, at most four (each holds a model and a wasm heap,
 * ~45-50 MB), plus half as many best_int workers (at least one) for re-reads. The UI lives in the
 * renderer process, so the main thread's share is only decoding and layout.
 */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** best_int workers beside `fastWorkers` fast ones: half as many, at least one. */
export function defaultBestWorkerCount(fastWorkers: number): number {
  return Math.max(1, Math.floor(fastWorkers / 2));
}

export class OcrWorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private readonly modelDirs: Record<OcrModel, string>;
  private readonly readCount: Record<OcrModel, number> = { fast: 0, best: 0 };
  private closed = false;
  readonly size: number;
  /** Whether fast-model jobs have fast workers (false: best_int reads everything). */
  readonly hasFast: boolean;

  private constructor(private readonly options: Required<Omit<PoolOptions, 'modelDir' | 'fastModelDir' | 'fastModel'>> & { modelDirs: Record<OcrModel, string>; fastModel: boolean }) {
    this.modelDirs = options.modelDirs;
    const models: OcrModel[] = [...Array.from({ length: options.fastModel ? options.workers : 0 }, () => 'fast' as const), ...Array.from({ length: options.bestWorkers }, () => 'best' as const)];
    this.size = models.length;
    this.hasFast = options.fastModel;
    this.slots = models.map((model, index) => ({ index, model, worker: null, starting: null, jobs: 0, busy: false, broken: false }));
  }

  /** Creates the workers and warms each with a tiny read, so the first envelope is not slow. */
  static async start(options: PoolOptions = {}): Promise<OcrWorkerPool> {
    const fastModel = options.fastModel ?? true;
    const workers = Math.max(1, options.workers ?? defaultWorkerCount());
    const pool = new OcrWorkerPool({
      workers,
      // Without fast workers, best_int does every read with as many workers as asked for.
      bestWorkers: fastModel ? Math.max(1, options.bestWorkers ?? defaultBestWorkerCount(workers)) : workers,
      fastModel,
      modelDirs: {
        best: options.modelDir ? checkModelDir(options.modelDir, 'best') : resolveModelDir('best'),
        fast: !fastModel ? '' : options.fastModelDir ? checkModelDir(options.fastModelDir, 'fast') : resolveModelDir('fast'),
      },
      jobTimeoutMs: options.jobTimeoutMs ?? 20_000,
      createTimeoutMs: options.createTimeoutMs ?? 30_000,
      recycleAfterJobs: options.recycleAfterJobs ?? 400,
      recycleAfterPixels: options.recycleAfterPixels ?? 12_000_000,
      slowJobMs: options.slowJobMs ?? 1_000,
    });
    const started = performance.now();
    await Promise.all(pool.slots.map((slot) => pool.ensureWorker(slot)));
    const fast = pool.slots.filter((s) => s.model === 'fast').length;
    log.info(`${pool.size} OCR worker(s) ready in ${Math.round(performance.now() - started)} ms (${fast} fast, ${pool.size - fast} best_int)`);
    return pool;
  }

  recognise(job: RecognitionJob): Promise<Page> {
    if (this.closed) return Promise.reject(new OcrJobError('OCR pool is closed', job.jobId));
    return new Promise<Page>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Fast-model workers free right now with no fast job waiting (read-page splits a block only then). */
  get idleFastWorkers(): number {
    if (this.queue.some((p) => this.modelFor(p.job) === 'fast')) return 0;
    return this.slots.filter((s) => s.model === 'fast' && !s.busy).length;
  }

  /** The model of each worker, in order (fast ones first). */
  get models(): readonly OcrModel[] {
    return this.slots.map((s) => s.model);
  }

  /** Jobs read so far by each model (benches and tests: how often best_int had to read again). */
  get reads(): Readonly<Record<OcrModel, number>> {
    return { ...this.readCount };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new OcrJobError('OCR pool closed', pending.job.jobId));
    await Promise.all(this.slots.map((slot) => this.retire(slot)));
  }

  /** The model a job is read with: exactly the one asked for, so a verdict never depends on load. */
  private modelFor(job: RecognitionJob): OcrModel {
    return job.model === 'best' || !this.hasFast ? 'best' : 'fast';
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const at = this.queue.findIndex((p) => this.modelFor(p.job) === slot.model);
      if (at < 0) continue;
      const [pending] = this.queue.splice(at, 1);
      if (pending) void this.run(slot, pending);
    }
  }

  private async run(slot: Slot, { job, resolve, reject }: Pending): Promise<void> {
    slot.busy = true;
    const started = performance.now();
    try {
      if (slot.broken || slot.jobs >= this.options.recycleAfterJobs) await this.retire(slot);
      const worker = await this.ensureWorker(slot);
      slot.jobs += 1;
      // Per-job parameters are set by tesseract.js for this job and restored after it.
      const params: Record<string, string> = {
        tessedit_pageseg_mode: job.psm,
        tessedit_char_whitelist: job.whitelist ?? '',
      };
      const result = await withTimeout(
        worker.recognize(job.image, { ...params, rotateRadians: job.rotateRadians ?? 0 } as Parameters<Worker['recognize']>[1], { text: true, blocks: true }, job.jobId),
        this.options.jobTimeoutMs,
        `OCR job ${job.jobId}`,
      );
      const ms = performance.now() - started;
      if (ms > this.options.slowJobMs) log.warn(`slow OCR job ${job.jobId}: ${Math.round(ms)} ms, ${job.pixels} px`);
      if (job.pixels > this.options.recycleAfterPixels) slot.broken = true;
      this.readCount[slot.model] += 1;
      resolve(result.data);
    } catch (error) {
      // A timed-out or failed job may leave the wasm engine in any state: replace the worker.
      slot.broken = true;
      const cause = error instanceof Error ? error : new Error(String(error).slice(0, 200));
      log.warn(`OCR job ${job.jobId} failed after ${Math.round(performance.now() - started)} ms on worker ${slot.index}`, cause);
      reject(new OcrJobError(`OCR failed for job ${job.jobId}`, job.jobId, { cause }));
    } finally {
      slot.busy = false;
      if (slot.broken && !this.closed) void this.retire(slot).then(() => this.warmSoon(slot));
      this.pump();
    }
  }

  /** A replaced worker is started in the background so the next job does not pay for it. */
  private warmSoon(slot: Slot): void {
    if (this.closed || slot.worker || slot.starting) return;
    this.ensureWorker(slot).catch((error: unknown) => log.error(`could not restart OCR worker ${slot.index}`, error));
  }

  private ensureWorker(slot: Slot): Promise<Worker> {
    if (slot.worker) return Promise.resolve(slot.worker);
    if (slot.starting) return slot.starting;
    const starting = withTimeout(this.createWorker(slot), this.options.createTimeoutMs, `OCR worker ${slot.index} start`)
      .then((worker) => {
        slot.worker = worker;
        slot.jobs = 0;
        slot.broken = false;
        return worker;
      })
      .finally(() => {
        slot.starting = null;
      });
    slot.starting = starting;
    return starting;
  }

  private async createWorker(slot: Slot): Promise<Worker> {
    const workerPath = quietWorkerScript();
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      ...(workerPath ? { workerPath: workerPath as unknown as string } : {}),
      langPath: this.modelDirs[slot.model],
      gzip: true,
      // Read the model from the package; write nothing into the working directory.
      cacheMethod: 'none',
      // Without a handler a failed job throws inside tesseract.js's message listener and kills main.
      errorHandler: (error: unknown) => {
        // The job's own promise rejects with the same error and is logged there, with its job id.
        slot.broken = true;
        log.debug(`OCR worker ${slot.index} reported an error: ${String(error).slice(0, 120)}`);
      },
    });
    // The thread itself dying (wasm abort, out of memory) is noticed too.
    const thread = (worker as Worker & { worker?: { on?: (event: string, fn: (arg: unknown) => void) => void } }).worker;
    thread?.on?.('error', (error) => {
      slot.broken = true;
      log.error(`OCR worker ${slot.index} thread error`, error);
    });
    thread?.on?.('exit', () => {
      if (slot.worker === worker) slot.broken = true;
    });
    await worker.setParameters({
      // tesseract's own chatter ("Estimating resolution...", "Empty page!!") goes nowhere.
      debug_file: '/dev/null',
      user_defined_dpi: '300',
      // Tesseract 5 reads every line under 0.7 confidence a second time inverted (for white-on-black
      // text). Envelopes carry none, and handwriting is mostly under 0.7: off, handwriting crops read
      // 12% faster with the same character error rate (session 3, 100 crops, best_int).
      tessedit_do_invert: '0',
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
    });
    // Warm-up: the first recognise pays for lazy initialisation inside the engine (and the LSTM's
    // buffers grow on the first real line of text), so run it once on a line of words.
    await worker.recognize(await warmUpImage(), {}, { text: true, blocks: true });
    return worker;
  }

  private async retire(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = null;
    slot.broken = false;
    if (!worker) return;
    try {
      await withTimeout(worker.terminate(), 5_000, `OCR worker ${slot.index} stop`);
    } catch (error) {
      log.warn(`OCR worker ${slot.index} did not stop cleanly`, error);
    }
  }
}

/**
 * tesseract.js's own worker script, started with the console silenced first: the wasm engine binds
 * console.error at load and leptonica prints "Error in boxClipToRectangle..." to it for harmless
 * cases. A data: URL, so a bundled main needs no extra file beside it. Failures still come back as
 * rejected jobs through the message port.
 */
function quietWorkerScript(): URL | null {
  try {
    const script = createRequire(import.meta.url).resolve('tesseract.js/src/worker-script/node/index.js');
    const code = [
      "import { createRequire } from 'node:module';",
      "for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = () => {};",
      `createRequire(${JSON.stringify(script)})(${JSON.stringify(script)});`,
    ].join('\n');
    return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  } catch {
    return null;
  }
}

let warmUp: Promise<Buffer> | null = null;
/** A line of printed words as PNM; a plain bar pattern if no font renders (it only has to run). */
function warmUpImage(): Promise<Buffer> {
  warmUp ??= (async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="420" height="60"><rect width="420" height="60" fill="#fff"/><text x="10" y="42" font-family="sans-serif" font-size="30">14 Acacia Road LS6 2AB</text></svg>';
    try {
      const { data, info } = await sharp(Buffer.from(svg)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
      return Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), data]);
    } catch {
      const width = 64;
      const height = 24;
      const pixels = Buffer.alloc(width * height, 255);
      for (let y = 8; y < 16; y++) for (let x = 8; x < 56; x++) if (x % 6 < 3) pixels[y * width + x] = 0;
      return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), pixels]);
    }
  })();
  return warmUp;
}
