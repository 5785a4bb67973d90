// The OCR pipeline main uses (CLI, IPC, hot folder): a scan file in, the addressee and every line read
// out, with confidences and boxes. Decoding and preprocessing run here; recognition in the worker pool.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createLogger } from '../services/log.ts';
import { decodeScan, type GreyPage } from './decode.ts';
import { OcrWorkerPool, PSM, type PoolOptions } from './worker-pool.ts';
import { readPage } from './read-page.ts';
import { UnreadableInputError, type EnvelopeReading, type PageReading } from './types.ts';

const log = createLogger('ocr');

export type ScanInput = { readonly path: string } | { readonly bytes: Uint8Array; readonly name: string };

export interface OcrPipeline {
  read(input: ScanInput): Promise<EnvelopeReading>;
  close(): Promise<void>;
}

export interface PipelineOptions extends PoolOptions {
  /** Read the whole page (return address, banners) even when the addressee was found confidently. */
  readonly fullPage?: boolean;
  /** Read the return address when one is seen, for the sender's prison number (default true). */
  readonly returnAddress?: boolean;
  /** Sees every image sent to OCR (benches compare engines on the same crops). Never log its content. */
  readonly tap?: (jobId: string, pnm: Buffer) => void;
}

let jobCounter = 0;
function nextJobId(): string {
  jobCounter += 1;
  return `scan-${process.pid}-${jobCounter}`;
}

async function loadBytes(input: ScanInput): Promise<Uint8Array> {
  if ('bytes' in input) return input.bytes;
  try {
    return await readFile(input.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found (moved or deleted)' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read file (${code ?? 'error'})`;
    throw new UnreadableInputError(reason, { cause: error });
  }
}

export async function createOcrPipeline(options: PipelineOptions = {}): Promise<OcrPipeline> {
  const pool = await OcrWorkerPool.start(options);
  let closed = false;
  return {
    async read(input: ScanInput): Promise<EnvelopeReading> {
      if (closed) throw new Error('OCR pipeline is closed');
      const jobId = nextJobId();
      const started = performance.now();
      const bytes = await loadBytes(input);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const decodeStart = performance.now();
      let decoded: { format: string; pages: GreyPage[] };
      try {
        decoded = await decodeScan(bytes);
      } catch (error) {
        if (error instanceof UnreadableInputError) {
          log.info(`${jobId}: unreadable input: ${error.reason}`);
          throw error;
        }
        throw new UnreadableInputError('could not decode the image', { cause: error });
      }
      const decodeMs = performance.now() - decodeStart;
      const pages: PageReading[] = [];
      for (const page of decoded.pages) {
        pages.push(await readPage(pool, page, { jobId: `${jobId}-p${page.page}`, decodeMs: page.page === 1 ? decodeMs : 0, fullPage: options.fullPage ?? false, returnAddress: options.returnAddress ?? true, tap: options.tap }));
      }
      log.debug(`${jobId}: ${decoded.format}, ${pages.length} page(s) in ${Math.round(performance.now() - started)} ms`);
      return { pages, sha256, format: decoded.format };
    },
    async close(): Promise<void> {
      closed = true;
      await pool.close();
    },
  };
}

export { PSM };
