// The OCR pipeline main uses (CLI, IPC, hot folder): a scan file in, the addressee and every line read
// out, with confidences and boxes. Decoding and preprocessing run here; recognition in the worker pool.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createLogger } from '../services/log.ts';
import { decodeScan, type GreyPage } from './decode.ts';
import { OcrWorkerPool, PSM, type PoolOptions } from './worker-pool.ts';
import { readPage } from './read-page.ts';
import type { BlocklistKnowledge } from '../../shared/reading/second-look.ts';
import { UnreadableInputError, type EnvelopeReading, type PageReading, type StageTimes } from './types.ts';

const log = createLogger('ocr');

export type ScanInput = { readonly path: string } | { readonly bytes: Uint8Array; readonly name: string };

/** Per read: what to read beyond the addressee block. */
export interface ReadOptions {
  /** Read every text block (return address, banners), not only the addressee. */
  readonly fullPage?: boolean;
  /**
   * Read a return-address block when one is seen, for the sender's prison number. Off by default:
   * with no sender, prisoner-scoped entries apply to everyone (fail closed), so callers read it
   * again with this on only when a prisoner-scoped entry matched and no sender was typed.
   */
  readonly returnAddress?: boolean;
}

export interface OcrPipeline {
  read(input: ScanInput, options?: ReadOptions): Promise<EnvelopeReading>;
  close(): Promise<void>;
}

export interface PipelineOptions extends PoolOptions, ReadOptions {
  /** Sees every image sent to OCR (benches compare engines on the same crops). Never log its content. */
  readonly tap?: (jobId: string, pnm: Buffer) => void;
  /**
   * What the blocklist holds (knowledgeOf(list)), for a second look at low-confidence addressees;
   * without it they stay REVIEW `unreadable`. The CLI and benches pass it.
   */
  readonly knowledge?: BlocklistKnowledge;
  /** Told where each page's time went (benches print the medians). */
  readonly onStages?: (stages: StageTimes) => void;
  /** false: doubtful lines of a fast read are never read again alone, the whole block is (benches' baseline). */
  readonly lineRereads?: boolean;
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
    async read(input: ScanInput, readOptions: ReadOptions = {}): Promise<EnvelopeReading> {
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
      const fullPage = readOptions.fullPage ?? options.fullPage ?? false;
      const returnAddress = readOptions.returnAddress ?? options.returnAddress ?? false;
      // Sides of one scan in parallel: the pool spreads them over its workers.
      const pages: PageReading[] = await Promise.all(
        decoded.pages.map((page) => readPage(pool, page, { jobId: `${jobId}-p${page.page}`, decodeMs: page.page === 1 ? decodeMs : 0, fullPage, returnAddress, tap: options.tap, knowledge: options.knowledge, onStages: options.onStages, lineRereads: options.lineRereads })),
      );
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
